#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Development aid: boots the Linux guest assets of scripts/linux-guest.sh (AArch64) or
# scripts/linux-guest-riscv64.sh (RISC-V) natively under QEMU virt (no hypervisor) and
# checks both modes of tests/linux/init:
#   smoke-gicv2, smoke-gicv3  tessera.test=smoke: the tagged smoke lines in order,
#   (riscv64: smoke-plic,     then QEMU powers off by itself (PSCI SYSTEM_OFF; SBI
#    smoke-aplic)             system reset on RISC-V, through OpenSBI's fw_jump)
#   interactive               no tessera.test: waits for the shell prompt, checks the
#                             console is the controlling tty with job control, runs
#                             `echo hi-$((1+1))` and expects hi-2, then `exit` must
#                             power the machine off
# Logs: <DIR>/native-check/<case>.log. Ends with "N passed, N failed".
# Usage: tests/linux/native-check.sh [--arch aarch64|riscv64] [--out DIR]
#   (DIR default build/linux, build/linux-riscv64 for riscv64)
set -e
cd "$(dirname "$0")/../.."
arch=aarch64 out=""
while [ $# -gt 0 ]; do
	case "$1" in
	--arch) arch=$2; shift ;;
	--out) out=$2; shift ;;
	*) echo "native-check.sh: unknown option $1 (--arch aarch64|riscv64, --out DIR)" >&2; exit 2 ;;
	esac
	shift
done
case "$arch" in
aarch64)
	out=${out:-build/linux}
	scripts/linux-guest.sh --out "$out"
	command -v qemu-system-aarch64 >/dev/null || scripts/deps.sh test
	;;
riscv64)
	out=${out:-build/linux-riscv64}
	scripts/linux-guest-riscv64.sh --out "$out"
	command -v qemu-system-riscv64 >/dev/null || scripts/deps.sh test
	;;
*) echo "native-check.sh: --arch aarch64 or riscv64, not '$arch'" >&2; exit 2 ;;
esac
exec python3 - "$out" "$arch" <<'EOF'
import os, re, select, subprocess, sys, time

OUT, ARCH = sys.argv[1], sys.argv[2]
LOGS = os.path.join(OUT, "native-check")
TIMEOUT = 60  # seconds per boot; QEMU is SIGKILLed after it
TAG = "TESSERA-LINUX:"


OPENSBI = "/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_jump.bin"


def qemu(machine, append):
    if ARCH == "riscv64":
        # OpenSBI's fw_jump (Debian's opensbi) starts the Image in S-mode, no hypervisor
        cpu = ["qemu-system-riscv64", "-M", machine, "-m", "1G", "-bios", OPENSBI]
    else:
        cpu = ["qemu-system-aarch64", "-M", machine, "-cpu", "cortex-a53", "-m", "512M"]
    return ["timeout", "-s", "KILL", str(TIMEOUT)] + cpu + [
            "-smp", "2", "-nographic", "-no-reboot", "-nic", "none",
            "-kernel", os.path.join(OUT, "Image"),
            "-initrd", os.path.join(OUT, "initramfs.cpio.gz"), "-append", append]


# the timer's name in /proc/interrupts and the console
TIMER, TTY = ("riscv-timer", "ttyS0") if ARCH == "riscv64" else ("arch_timer", "ttyAMA0")


class Console:
    """QEMU with its serial console on pipes; expect() reads until a pattern."""

    def __init__(self, name, cmd):
        os.makedirs(LOGS, exist_ok=True)
        self.log = open(os.path.join(LOGS, name + ".log"), "wb")
        self.log.write(("$ " + " ".join(cmd) + "\n").encode())
        self.proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT)
        self.text = ""
        self.pos = 0  # expect() searches from here

    def _read(self, deadline):
        left = deadline - time.monotonic()
        if left <= 0:
            return False
        ready, _, _ = select.select([self.proc.stdout], [], [], left)
        if not ready:
            return False
        data = os.read(self.proc.stdout.fileno(), 4096)
        if not data:
            return False
        self.log.write(data)
        self.log.flush()
        self.text += data.decode("utf-8", "replace").replace("\r", "")
        return True

    def expect(self, pattern, seconds=TIMEOUT):
        regex = re.compile(pattern, re.M)
        deadline = time.monotonic() + seconds
        while True:
            m = regex.search(self.text, self.pos)
            if m:
                self.pos = m.end()
                return m
            if not self._read(deadline):
                raise AssertionError("did not see /%s/" % pattern)

    def send(self, line):
        self.proc.stdin.write((line + "\n").encode())
        self.proc.stdin.flush()

    def wait_exit(self, seconds=TIMEOUT):
        deadline = time.monotonic() + seconds
        while self._read(deadline):
            pass
        try:
            rc = self.proc.wait(max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            raise AssertionError("QEMU did not power off by itself")
        if rc != 0:
            raise AssertionError("QEMU exit status %d (137 = killed at the timeout)" % rc)

    def close(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        self.log.close()

    def tagged(self):
        return [l for l in self.text.splitlines() if l.startswith(TAG)]


def smoke(c):
    for pattern in [r"^TESSERA-LINUX: userspace up$",
                    r"^TESSERA-LINUX: cpus=2 mem_kb=\d+$",
                    r"^TESSERA-LINUX: smoke cpus=2$",
                    r"^TESSERA-LINUX: smoke mem_kb=\d+$",
                    r"^TESSERA-LINUX: smoke irq .*%s$" % TIMER,
                    r"^TESSERA-LINUX: smoke uname-r=\S+$",
                    r"^TESSERA-LINUX: smoke PASS$",
                    r"^TESSERA-LINUX: test smoke exit=0$"]:
        c.expect(pattern)
    c.wait_exit()


def interactive(c):
    c.expect(r"^TESSERA-LINUX: userspace up$")
    c.expect(r"^TESSERA-LINUX: shell ")
    c.expect(r"tessera-linux# ")
    if "job control turned off" in c.text:
        raise AssertionError("the shell has no controlling tty (job control off)")
    c.send("tty")
    c.expect(r"^/dev/%s$" % TTY, 10)
    c.send("sleep 30 &")
    c.send("jobs")
    c.expect(r"^\[1\]\+? +Running +sleep 30", 10)
    c.send("kill %1")
    c.send("echo hi-$((1+1))")
    c.expect(r"^hi-2$", 10)
    c.send("exit")
    c.expect(r"^TESSERA-LINUX: shell exited$", 10)
    c.wait_exit(20)


SMOKE = "console=%s tessera.test=smoke" % TTY
if ARCH == "riscv64":
    # the PLIC, and the wired APLIC of the AIA. Not aia=aplic-imsic (MSI mode): on
    # Debian 12's QEMU 7.2 this kernel hangs after the 16550's probe there (an RCU stall
    # in goldfish_rtc_probe's request_irq with -smp 2, silence with -smp 1)
    cases = [("smoke-plic", qemu("virt", SMOKE), smoke),
             ("smoke-aplic", qemu("virt,aia=aplic", SMOKE), smoke),
             ("interactive", qemu("virt", "console=ttyS0"), interactive)]
else:
    cases = [("smoke-gicv2", qemu("virt,gic-version=2", SMOKE), smoke),
             ("smoke-gicv3", qemu("virt,gic-version=3", SMOKE), smoke),
             ("interactive", qemu("virt,gic-version=3", "console=ttyAMA0"), interactive)]
passed = failed = 0
for name, cmd, check in cases:
    start = time.monotonic()
    c = Console(name, cmd)
    try:
        check(c)
        passed += 1
        print("PASS %s (%.1f s)" % (name, time.monotonic() - start))
    except AssertionError as e:
        failed += 1
        print("FAIL %s: %s (log: %s)" % (name, e, c.log.name))
    finally:
        c.close()
    for line in c.tagged():
        print("    " + line)
print("%d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
EOF
