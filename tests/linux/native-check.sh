#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Development aid: boots the Linux guest assets of scripts/linux-guest.sh natively
# under QEMU virt (no hypervisor) and checks both modes of tests/linux/init:
#   smoke-gicv2, smoke-gicv3  tessera.test=smoke: the tagged smoke lines in order,
#                             then QEMU powers off by itself
#   interactive               no tessera.test: waits for the shell prompt, checks the
#                             console is the controlling tty with job control, runs
#                             `echo hi-$((1+1))` and expects hi-2, then `exit` must
#                             power the machine off
# Logs: build/linux/native-check/<case>.log. Ends with "N passed, N failed".
# Usage: tests/linux/native-check.sh [--out DIR]   (DIR default build/linux)
set -e
cd "$(dirname "$0")/../.."
out=build/linux
[ "$1" = --out ] && out=$2
scripts/linux-guest.sh --out "$out"
command -v qemu-system-aarch64 >/dev/null || scripts/deps.sh test
exec python3 - "$out" <<'EOF'
import os, re, select, subprocess, sys, time

OUT = sys.argv[1]
LOGS = os.path.join(OUT, "native-check")
TIMEOUT = 60  # seconds per boot; QEMU is SIGKILLed after it
TAG = "TESSERA-LINUX:"


def qemu(gic, append):
    return ["timeout", "-s", "KILL", str(TIMEOUT), "qemu-system-aarch64",
            "-M", "virt,gic-version=%d" % gic, "-cpu", "cortex-a53", "-smp", "2",
            "-m", "512M", "-nographic", "-no-reboot", "-nic", "none",
            "-kernel", os.path.join(OUT, "Image"),
            "-initrd", os.path.join(OUT, "initramfs.cpio.gz"), "-append", append]


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
                    r"^TESSERA-LINUX: smoke irq .*arch_timer$",
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
    c.expect(r"^/dev/ttyAMA0$", 10)
    c.send("sleep 30 &")
    c.send("jobs")
    c.expect(r"^\[1\]\+? +Running +sleep 30", 10)
    c.send("kill %1")
    c.send("echo hi-$((1+1))")
    c.expect(r"^hi-2$", 10)
    c.send("exit")
    c.expect(r"^TESSERA-LINUX: shell exited$", 10)
    c.wait_exit(20)


cases = [("smoke-gicv2", qemu(2, "console=ttyAMA0 tessera.test=smoke"), smoke),
         ("smoke-gicv3", qemu(3, "console=ttyAMA0 tessera.test=smoke"), smoke),
         ("interactive", qemu(3, "console=ttyAMA0"), interactive)]
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
