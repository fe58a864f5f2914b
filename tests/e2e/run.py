#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""QEMU end-to-end tests.

Each case is a partition layout tests/e2e/cases/<name>.dts whose leading
comment lines hold directives:
  // test: what the case shows
  // gic: 3 2              GIC versions to run it on (default: 3 2)
  // machine: zcu102       run on another QEMU machine than virt, with that board's
                           hardware DTB (MACHINES; its GIC, not "gic:", decides)
  // timeout: 30           seconds per run
  // expect: TEXT          lines that must appear, in this order
  // send: TEXT            typed on the console once the expects before it matched
                           (\n ends a line; \x01 is Ctrl-A)
  // expect-any: TEXT      lines that must appear, anywhere
  // reject: TEXT          text that must not appear
  // allow-errors          "[tessera] error:" lines are part of the case
  // exit: poweroff|kill   QEMU must power off by itself, or is killed once all matched
  // qemu: ARGS            extra QEMU arguments ({guests} = build/<arch>/guests)
  // patch: struct+OFF V   the compiled layout gets the 32-bit big-endian V at byte OFF
                           of its structure block (a corrupt blob, which dtc cannot write)
Every run also checks that the banner shows the crc32 of build/<arch>/hyp.bin, and
fails on a timeout, "[tessera] PANIC", "TEST FAIL", or an unexpected "[tessera] error:".
Prints one line per run and ends with "N passed, N failed".
"""
import os
import re
import select
import subprocess
import sys
import time
import zlib

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ARCH = os.environ.get("ARCH", "aarch64")
OUT = os.path.join(ROOT, "build", ARCH)

# QEMU machines besides virt: the -M value, the hardware DTB given with -dtb
# (scripts/boards.sh), the GIC version the board has (its guest DTBs), and the
# directory of the test guests built for its GIC addresses (guests.mk).
MACHINES = {
    "zcu102": {"qemu": ["-M", "xlnx-zcu102,virtualization=on", "-m", "2G",
                        "-audiodev", "none,id=n"],
               "dtb": os.path.join(ROOT, "build", "boards", "zcu102.dtb"), "gic": "2"},
}


# RISC-V (make ARCH=riscv64): QEMU virt under Debian's OpenSBI (fw_jump: the hypervisor is its
# payload at 0x80200000, the partition DTB the initrd), its PLIC the one interrupt controller.
RISCV_FW = "/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_jump.bin"
CASES = os.path.join(ROOT, "tests", "e2e", "riscv64" if ARCH == "riscv64" else "cases")
# Its interrupt controllers ("// gic: plic aplic aplic-imsic"): the PLIC, or AIA's APLIC
# delivering directly to the harts, or forwarding MSIs to their IMSICs (3 guest files each).
RISCV_MACHINES = {"plic": "virt", "aplic": "virt,aia=aplic",
                  "aplic-imsic": "virt,aia=aplic-imsic,aia-guests=3"}


def parse_case(path):
    case = {"name": os.path.basename(path)[:-4], "path": path,
            "gic": ["plic"] if ARCH == "riscv64" else ["3", "2"],
            "timeout": 30, "expect": [], "expect_any": [], "reject": [],
            "allow_errors": False, "exit": "poweroff", "test": "", "qemu": [], "patch": [],
            "machine": None}
    with open(path) as f:
        for line in f:
            line = line.strip()
            if not line.startswith("//"):
                if line:
                    break
                continue
            body = line[2:].strip()
            key, _, val = body.partition(":")
            val = val.strip()
            if body == "allow-errors":
                case["allow_errors"] = True
            elif key == "gic":
                case["gic"] = val.split()
            elif key == "machine":
                case["machine"] = val
            elif key == "timeout":
                case["timeout"] = int(val)
            elif key in ("expect", "expect-any", "reject"):
                case[key.replace("-", "_")].append(val)
            elif key == "send":
                case["expect"].append(("send", val.encode().decode("unicode_escape")))
            elif key in ("exit", "test"):
                case[key] = val
            elif key == "patch":
                where, value = val.split()
                case["patch"].append((int(where.split("+")[1], 0), int(value, 0)))
            elif key == "qemu":
                case["qemu"] += val.replace("{guests}", os.path.join(OUT, "guests")).split()
    if case["machine"]:
        case["gic"] = [MACHINES[case["machine"]]["gic"]]
    return case


def compile_layout(case, gic):
    dtb = os.path.join(OUT, "e2e", "%s-gicv%s.dtb" % (case["name"], gic))
    os.makedirs(os.path.dirname(dtb), exist_ok=True)
    if ARCH == "riscv64":  # the Linux guest's DTB for the machine's interrupt controller
        incs = [os.path.join(OUT, "guests"), os.path.join(OUT, gic),
                os.path.join(ROOT, "build", "linux-riscv64")]
    else:
        incs = [os.path.join(OUT, "guests"), os.path.join(OUT, "gic" + gic),
                os.path.join(ROOT, "build", "linux")]
    if case["machine"]:  # its guest variants: last here is first in dtc's search (below)
        incs.append(os.path.join(OUT, "guests", case["machine"]))
    if ARCH == "riscv64" and gic != "plic":  # the guests built for an APLIC (guests.mk)
        incs.append(os.path.join(OUT, "guests", "aplic"))
    cmd = ["dtc", "-q", "-I", "dts", "-O", "dtb", "-o", dtb, case["path"]]
    for inc in incs:
        cmd[1:1] = ["-i", inc]
    subprocess.run(cmd, check=True)
    if case["patch"]:
        blob = bytearray(open(dtb, "rb").read())
        struct = int.from_bytes(blob[8:12], "big")  # off_dt_struct (DT spec 5.2)
        for off, value in case["patch"]:
            blob[struct + off:struct + off + 4] = value.to_bytes(4, "big")
        open(dtb, "wb").write(blob)
    return dtb


class Run:
    def __init__(self, case, gic, crc):
        self.case, self.gic = case, gic
        self.expect = list(case["expect"]) + ["hyp.bin crc32 0x%08x" % crc]
        self.expect.insert(0, self.expect.pop())  # the banner comes first
        self.any = list(case["expect_any"])
        self.lines, self.error = [], None
        self.proc = None
        self.last_text = {}  # per console prefix ("[name]"): the text of its last line

    def views(self, line):
        """The line, and the line joined to the same VM's previous one: the hypervisor ends a
        VM's unfinished line when another VM prints (hyp/console.c), and the rest follows on a
        line of its own, so an expected line may arrive in two pieces."""
        m = re.match(r"^(\[[^\]]+\]) ?(.*)$", line)
        if not m:
            return [line]
        prev = self.last_text.get(m.group(1))
        self.last_text[m.group(1)] = m.group(2)
        return [line] if prev is None else [line, "%s %s%s" % (m.group(1), prev, m.group(2))]

    def send_ready(self):
        while self.expect and isinstance(self.expect[0], tuple):
            time.sleep(0.3)  # let a prompt's terminal query time out, as a person would
            self.proc.stdin.write(self.expect.pop(0)[1].encode())
            self.proc.stdin.flush()

    def feed(self, line):
        self.lines.append(line)
        if "[tessera] PANIC" in line or "TEST FAIL" in line:
            self.error = "failure line: " + line
        elif "[tessera] error:" in line and not self.case["allow_errors"]:
            self.error = "unexpected hypervisor error: " + line
        for r in self.case["reject"]:
            if r in line:
                self.error = "rejected text %r in: %s" % (r, line)
        views = self.views(line)
        while self.expect and isinstance(self.expect[0], str) and any(self.expect[0] in v for v in views):
            self.expect.pop(0)
        self.send_ready()
        self.any = [a for a in self.any if not any(a in v for v in views)]

    def feed_partial(self, text):
        """An unfinished line (a shell prompt): may satisfy the next ordered expect."""
        if self.expect and isinstance(self.expect[0], str) and self.expect[0] in text:
            self.expect.pop(0)
            self.send_ready()
            return True
        return False

    def matched(self):
        return not self.expect and not self.any


def run_one(case, gic, crc, dtb):
    if ARCH == "riscv64":
        board = ["-M", RISCV_MACHINES[gic], "-smp", "4", "-m", "2G", "-bios", RISCV_FW]
    elif case["machine"]:
        m = MACHINES[case["machine"]]
        board = m["qemu"] + ["-dtb", m["dtb"]]
    else:
        board = ["-M", "virt,virtualization=on,gic-version=" + gic, "-cpu", "cortex-a53",
                 "-smp", "4", "-m", "2G"]
    cmd = ["qemu-system-" + ARCH] + board + [
           "-nographic", "-no-reboot", "-nic", "none",
           "-kernel", os.path.join(OUT, "hyp.bin"), "-initrd", dtb] + case["qemu"]
    return run_cmd(case, cmd, Run(case, gic, crc))


def run_cmd(case, cmd, run):
    """Runs QEMU (cmd) until the run matched, failed, timed out or QEMU exited."""
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            stdin=subprocess.PIPE)
    run.proc = proc
    deadline, buf, exited = time.time() + case["timeout"], b"", False
    partial_done = False
    while time.time() < deadline and run.error is None:
        if run.matched() and case["exit"] == "kill":
            break
        ready, _, _ = select.select([proc.stdout], [], [], 0.2)
        if not ready:
            continue
        chunk = os.read(proc.stdout.fileno(), 4096)
        if not chunk:
            exited = True
            break
        buf += chunk
        while b"\n" in buf:
            line, buf = buf.split(b"\n", 1)
            run.feed(line.decode(errors="replace").rstrip("\r"))
            partial_done = False
        if buf and not partial_done:
            partial_done = run.feed_partial(buf.decode(errors="replace"))
    if buf:
        run.feed(buf.decode(errors="replace"))
    proc.kill()  # SIGKILL: QEMU may ignore SIGTERM
    proc.wait()
    if run.error is None and not run.matched():
        missing = [e if isinstance(e, str) else "send " + repr(e[1]) for e in run.expect[:1]] + run.any
        run.error = ("timeout after %ds" % case["timeout"] if not exited else
                     "QEMU exited early") + "; still waiting for: %r" % missing
    if run.error is None and case["exit"] == "poweroff" and not exited:
        run.error = "QEMU did not exit (expected every VM to power off)"
    return run


def report(label, case, run, start):
    """Prints one run's PASS line, or FAIL with its last output lines; True if it passed."""
    if run.error is None:
        print("PASS %-32s %5.1fs  %s" % (label, time.time() - start, case["test"]))
    else:
        print("FAIL %s: %s" % (label, run.error))
        for line in run.lines[-40:]:
            print("    | " + line)
    sys.stdout.flush()
    return run.error is None


def run_all(jobs):
    """jobs: (label, case, callable returning a finished Run). Prints each result and the
    count line; returns the exit status."""
    passed = failed = 0
    for label, case, go in jobs:
        start = time.time()
        ok = report(label, case, go(), start)
        passed += ok
        failed += not ok
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


def label(gic):
    """A run's interrupt controller, for its result line."""
    if ARCH == "riscv64":
        return {"plic": "PLIC", "aplic": "APLIC direct", "aplic-imsic": "APLIC+IMSIC"}[gic]
    return "GICv" + gic


def main():
    only = sys.argv[1:]
    with open(os.path.join(OUT, "hyp.bin"), "rb") as f:
        crc = zlib.crc32(f.read()) & 0xffffffff
    names = [n for n in sorted(os.listdir(CASES))
             if n.endswith(".dts") and (not only or n[:-4] in only)]
    cases = [parse_case(os.path.join(CASES, n)) for n in names]
    return run_all(("%s (%s)" % (c["name"], c["machine"] or label(g)), c,
                    lambda c=c, g=g: run_one(c, g, crc, compile_layout(c, g)))
                   for c in cases for g in c["gic"])


if __name__ == "__main__":
    sys.exit(main())
