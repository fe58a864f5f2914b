#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Tessera benchmarks: deterministic figures under QEMU -icount shift=0,sleep=off.

  python3 tests/bench/run.py            every figure, GICv3 and GICv2 -> build/bench/
  python3 tests/bench/run.py --smoke    short runs that check the harness works
                                        (part of make test; -> build/bench-smoke/)
  options: --gic 3|2|3,2, --out DIR, --only RUN[,RUN], --readme (rewrite the
  marked results section of README.md from the summary; make bench does)
  python3 tests/bench/run.py --board zcu102
                                        boot and timer-interrupt figures on QEMU's
                                        xlnx-zcu102 board model -> build/bench-zcu102/
                                        (make bench BOARD=zcu102)

Every run boots QEMU virt (cortex-a53) with -icount shift=0,sleep=off: virtual
time advances one nanosecond per instruction, so the cycle counter the guests
read (PMCCNTR_EL0, 1 GHz in QEMU's model) counts instructions and every figure
is the same run after run. "native" runs boot the same guest binary directly
at EL1 (virt without virtualization=on, -kernel guest.bin); "tessera" runs boot
hyp.bin with a layout from tests/bench/layouts/. The Linux runs (native-linux,
linux) boot build/linux's kernel and initramfs with tessera.test=bench; its
/tests/bench.sh prints the figures (virtual counter in ns; under Tessera plus the
VM's counter offset from the partition table).

The guests print "BENCH name value" and "BENCHS name samples..." lines (see
tests/bench/guests/bench.h); this script collects them, computes min / mean /
p99 / max, and writes results.md (a summary of both GICs, then every table per
GIC), results.csv, the samples (samples/*.dat) and latency.png (gnuplot). The smoke mode checks the figures are there and sane,
and ends with "N passed, N failed".
"""
import argparse
import csv
import fnmatch
import math
import os
import re
import select
import shutil
import subprocess
import sys
import tempfile
import time
import zlib

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ARCH = os.environ.get("ARCH", "aarch64")
OUT = os.path.join(ROOT, "build", ARCH)
GUESTS = os.path.join(OUT, "bench")
LAYOUTS = os.path.join(ROOT, "tests", "bench", "layouts")
CROSS = os.environ.get("CROSS_COMPILE", "aarch64-linux-gnu-")

# name: (layout or None for native, guest binary (native), CPUs, stop, timeout s, plugin)
# guest "linux": build/linux's kernel and initramfs (native: -kernel, -initrd, the
# partition's own DTB via -dtb, LINUX_MEM; under Tessera: QEMU's loader puts them into
# the VM's memory, see tests/bench/layouts/linux.dts), command line LINUX_BOOTARGS.
# stop: "exit" = QEMU powers off by itself; "done" = killed once "BENCH done" is seen
# (a neighbour that never stops). plugin: count each vCPU's own instructions
# (tests/bench/plugin/vcpu_insns.c) besides the shared virtual time.
FULL = {
    "native-boot": (None, "boot.bin", 1, "exit", 60, False),
    "boot-1vm": ("boot-1vm.dts", None, 1, "exit", 60, False),
    "boot-2vm": ("boot-2vm.dts", None, 2, "exit", 60, False),
    "boot-4vm": ("boot-4vm.dts", None, 4, "exit", 60, False),
    "native-suite": (None, "bench.bin", 1, "exit", 600, False),
    "suite": ("suite.dts", None, 1, "exit", 900, True),
    "suite-noisy": ("suite-noisy.dts", None, 2, "done", 1800, True),
    "suite-colored": ("suite-colored.dts", None, 1, "exit", 900, False),
    "suite-flood": ("suite-flood.dts", None, 2, "done", 900, True),
    "doorbell": ("doorbell.dts", None, 2, "exit", 300, False),
    "native-linux": (None, "linux", 2, "exit", 300, False),
    "linux": ("linux.dts", "linux", 2, "exit", 300, False),
    "linux-doorbell": ("linux-doorbell.dts", "linux", 2, "exit", 300, False),
}
SMOKE = {
    "native-boot": FULL["native-boot"],
    "boot-1vm": FULL["boot-1vm"],
    "boot-2vm": FULL["boot-2vm"],
    "native-suite": (None, "bench-smoke.bin", 1, "exit", 60, False),
    "suite": ("suite-smoke.dts", None, 1, "exit", 60, True),
    "suite-noisy": ("suite-noisy-smoke.dts", None, 2, "done", 120, True),
    "suite-colored": ("suite-colored-smoke.dts", None, 1, "exit", 60, False),
    "suite-flood": ("suite-flood-smoke.dts", None, 2, "done", 120, True),
    "doorbell": ("doorbell-smoke.dts", None, 2, "exit", 60, False),
    "native-linux": (None, "linux", 2, "exit", 120, False),
    "linux": ("linux.dts", "linux", 2, "exit", 120, False),
    "linux-doorbell": FULL["linux-doorbell"],
}
# Board models (--board): QEMU's machine, with and without EL2, the hardware DTB the
# hypervisor gets, its GIC, and the short plan run there: the boot and the suite
# (timer interrupt, hypercall, emulated register, compute) natively and under Tessera.
# The guests are the board's variants (bench.mk: built for its GIC and, natively, its
# UART and PSCI conduit); the machine has its own CPU count.
BOARDS = {
    "zcu102": {
        "machine": ["-M", "xlnx-zcu102", "-m", "2G", "-audiodev", "none,id=n"],
        "dtb": os.path.join(ROOT, "build", "boards", "zcu102.dtb"), "gic": "2", "cpus": 4,
        "plan": {
            "native-boot": (None, "zcu102/boot.bin", 4, "exit", 60, False),
            "boot-1vm": ("boot-1vm.dts", None, 4, "exit", 60, False),
            "native-suite": (None, "zcu102/bench-board.bin", 4, "exit", 600, False),
            "suite": ("suite-board.dts", None, 4, "exit", 900, True),
        },
    },
}
LINUX = os.path.join(ROOT, "build", "linux")
LINUX_BOOTARGS = "console=ttyAMA0 earlycon=pl011,0x9000000 quiet tessera.test=bench"
LINUX_MEM = "256M"  # native; the VM has 256 MiB too (linux.dts)
LINUX_LOAD = (("Image", 0x80200000), ("initramfs.cpio.gz", 0x88000000))  # PAs, as linux.dts
COUNTER = re.compile(r"^\s*counter  virtual = physical - (\d+) ticks")
NS_PER_TICK = 16  # QEMU virt's generic timer: 62.5 MHz (CNTFRQ_EL0)
TIMELINE = re.compile(r"boot timeline \(ns since reset\): entry (\d+), hardware (\d+), "
                      r"partitions (\d+), VMs built (\d+), CPUs started (\d+)")
FOOTPRINT = re.compile(r"hypervisor memory: (\d+) KiB allocated at run time")
UNMAPPED = re.compile(r"boot-only code and data unmapped: (\d+) KiB .*, (\d+) pages; a walk finds none")
FAILURE = ("[tessera] error", "[tessera] PANIC", "TEST FAIL", "stopped after a fault")
PLUGIN = os.path.join(ROOT, "build", "bench", "vcpu_insns.so")
MARK_WAIT, MARK_VTIMER, MARK_MATMUL, MARK_MATMUL_END, MARK_QSORT, MARK_QSORT_END, MARK_RTC, MARK_PHASE = range(8)
FLOOD_BOUND = 1.05  # the flooded timer latency (CPU 0's own instructions) against the quiet one
README = os.path.join(ROOT, "README.md")
README_BEGIN = "<!-- bench results: written by make bench (tests/bench/run.py --readme) -->"
README_END = "<!-- end of bench results -->"


class Result:
    """What one QEMU run printed: figures and samples per VM (native: VM '')."""

    def __init__(self, name):
        self.name, self.lines, self.error = name, [], None
        self.values, self.samples = {}, {}
        self.timeline, self.footprint_kib, self.seconds, self.cpus = None, None, 0.0, 0
        self.unmapped = None  # (KiB, pages) of boot-only code and data unmapped after boot
        self.own = {}  # from the plugin: CPU 0's own instructions (see own_figures)
        self.counter_offset = []  # per VM: its virtual counter's 0, ns since reset

    def feed(self, line):
        self.lines.append(line)
        vm = ""
        m = re.match(r"^\[([^\]]+)\] (.*)$", line)
        if m and m.group(1) != "tessera":
            vm, line = m.group(1), m.group(2)
        if any(f in line for f in FAILURE):
            self.error = self.error or line
        if (t := TIMELINE.search(line)):
            self.timeline = [int(x) for x in t.groups()]
        if (f := FOOTPRINT.search(line)):
            self.footprint_kib = int(f.group(1))
        if (u := UNMAPPED.search(line)):
            self.unmapped = (int(u.group(1)), int(u.group(2)))
        if vm == "" and (c := COUNTER.match(line.removeprefix("[tessera]"))):
            self.counter_offset.append(int(c.group(1)) * NS_PER_TICK)
        words = line.split()
        if len(words) >= 3 and words[0] == "BENCH" and re.fullmatch(r"-?\d+", words[2]):
            self.values.setdefault(vm, {})[words[1]] = int(words[2])
        elif len(words) >= 2 and words[0] == "BENCHS":
            self.samples.setdefault(vm, {}).setdefault(words[1], []).extend(
                int(x) for x in words[2:])

    def done(self):
        return any(line.endswith("BENCH done") for line in self.lines)

    def value(self, key, vm=None):
        for name, vals in self.values.items():
            if (vm is None or name == vm) and key in vals:
                return vals[key]
        return None

    def since_reset(self, key):
        """A figure of VM 0's virtual counter (Linux's vclock) in ns since reset."""
        v = self.value(key)
        if v is None or (self.counter_offset == [] and self.timeline):
            return None
        return v + (self.counter_offset[0] if self.counter_offset else 0)

    def series(self, key):
        for vals in self.samples.values():
            if key in vals:
                return vals[key]
        return None


def own_figures(path):
    """CPU 0's own-instruction figures from the plugin's marker log.

    vtimer, rtc: marker MARK_WAIT (just before WFI) to MARK_VTIMER / MARK_RTC (the
    handler), for the samples whose interrupt came while CPU 0 slept; matmul/qsort:
    summed between the markers around each repetition; phases: the vtimer samples
    again, one list per MARK_PHASE (the doorbell flood run: quiet, then flooded).
    """
    own = {"vtimer": [], "rtc": [], "matmul": 0, "qsort": 0, "phases": []}
    last = {}
    with open(path) as f:
        for line in f:
            cpu, mark, count = (int(x) for x in line.split())
            if cpu != 0:
                continue
            if mark == MARK_PHASE:
                own["phases"].append([])
            elif mark in (MARK_VTIMER, MARK_RTC) and MARK_WAIT in last:
                own["vtimer" if mark == MARK_VTIMER else "rtc"].append(count - last.pop(MARK_WAIT))
                if mark == MARK_VTIMER and own["phases"]:
                    own["phases"][-1].append(own["vtimer"][-1])
            elif mark == MARK_MATMUL_END and MARK_MATMUL in last:
                own["matmul"] += count - last.pop(MARK_MATMUL)
            elif mark == MARK_QSORT_END and MARK_QSORT in last:
                own["qsort"] += count - last.pop(MARK_QSORT)
            elif mark in (MARK_WAIT, MARK_MATMUL, MARK_QSORT):
                last[mark] = count
            elif mark in (MARK_VTIMER, MARK_RTC):
                last.pop(MARK_WAIT, None)
    return own


def flood_means(r):
    """The doorbell-flood run: CPU 0's own timer latency (mean) quiet, flooded with the
    doorbell disabled, flooded with it masked; None if a phase is missing."""
    phases = (r.own.get("phases") or []) if r else []
    if len(phases) != 3 or not all(phases):
        return None
    return [sum(p) / len(p) for p in phases]


def flood_problem(r):
    """Why the flood run's figure is not sane: phases missing, no rings, or a flooded
    latency more than FLOOD_BOUND times the quiet one (None: sane)."""
    m = flood_means(r)
    if m is None:
        return "CPU 0's own timer samples per phase missing: %s" % [len(p) for p in r.own.get("phases", [])]
    if not r.value("flood_rings"):
        return "the neighbour did not ring"
    if max(m[1], m[2]) > FLOOD_BOUND * m[0]:
        return "timer latency under the flood %.0f / %.0f, quiet %.0f: more than %+.0f %%" % (
            m[1], m[2], m[0], (FLOOD_BOUND - 1) * 100)
    return None


def build_plugin():
    src = os.path.join(ROOT, "tests", "bench", "plugin", "vcpu_insns.c")
    if os.path.exists(PLUGIN) and os.path.getmtime(PLUGIN) >= os.path.getmtime(src):
        return None
    os.makedirs(os.path.dirname(PLUGIN), exist_ok=True)
    r = subprocess.run(["gcc", "-shared", "-fPIC", "-O2", "-Wall", "-Wextra", "-Werror",
                        "-Wno-unused-parameter", "-fvisibility=hidden", "-o", PLUGIN, src],
                       capture_output=True, text=True)
    return None if r.returncode == 0 else r.stderr


def qemu_cmd(run, gic, dtb, marks=None, board=None):
    layout, guest, cpus = run[:3]
    cmd = ["qemu-system-aarch64", "-nographic", "-no-reboot", "-nic", "none",
           "-icount", "shift=0,sleep=off", "-rtc", "clock=vm"]
    if marks:
        cmd += ["-plugin", "%s,out=%s" % (PLUGIN, marks)]
    if board:  # the board model has its own CPUs and RAM
        machine = list(BOARDS[board]["machine"])
        if layout is None:
            return cmd + machine + ["-kernel", os.path.join(GUESTS, guest)]
        machine[machine.index("-M") + 1] += ",virtualization=on"
        return cmd + machine + ["-dtb", BOARDS[board]["dtb"], "-kernel", os.path.join(OUT, "hyp.bin"),
                                "-initrd", dtb]
    cmd += ["-cpu", "cortex-a53", "-smp", str(cpus), "-m", "2G"]
    if layout is None and guest == "linux":
        cmd[cmd.index("-m") + 1] = LINUX_MEM
        return cmd + ["-M", "virt,gic-version=%s" % gic, "-kernel", os.path.join(LINUX, "Image"),
                      "-initrd", os.path.join(LINUX, "initramfs.cpio.gz"),
                      "-dtb", native_linux_dtb(gic), "-append", LINUX_BOOTARGS]
    if layout is None:
        return cmd + ["-M", "virt,gic-version=%s" % gic, "-kernel", os.path.join(GUESTS, guest)]
    if guest == "linux":
        for f, pa in LINUX_LOAD:
            cmd += ["-device", "loader,file=%s,addr=0x%x,force-raw=on" % (os.path.join(LINUX, f), pa)]
    return cmd + ["-M", "virt,virtualization=on,gic-version=%s" % gic,
                  "-kernel", os.path.join(OUT, "hyp.bin"), "-initrd", dtb]


def native_linux_dtb(gic):
    """The partition's guest DTB for the native run, with a /chosen/rng-seed that QEMU fills with
    random bytes at every reset (hw/arm/boot.c: qemu_fdt_randomize_seeds), as Tessera gives the
    VM its own (hyp/rng_seed.c): both kernels start with a seeded CRNG, the device trees agree."""
    src = os.path.join(OUT, "gic" + gic, "linux.dtb")
    dst = os.path.join(OUT, "gic" + gic, "linux-native.dtb")
    shutil.copyfile(src, dst)
    subprocess.run(["fdtput", "-t", "bx", dst, "/chosen", "rng-seed"] + ["0"] * 64, check=True)
    return dst


def compile_layout(layout, gic, outdir, board=None):
    """dtc of tests/bench/layouts/<layout>, its @NAME@ fields filled in (the Linux layout).
    On a board, its guest variants (build/<arch>/bench/<board>) are found first."""
    dtb = os.path.join(outdir, "dtb", "%s-gicv%s.dtb" % (layout[:-4], gic))
    os.makedirs(os.path.dirname(dtb), exist_ok=True)
    with open(os.path.join(LAYOUTS, layout)) as f:
        dts = f.read()
    if "@IMAGE_SIZE@" in dts:  # the Linux layouts' fields
        size = lambda f: "<0x0 0x%x>" % os.path.getsize(os.path.join(LINUX, f))
        dts = (dts.replace("@IMAGE_SIZE@", size("Image")).replace("@INITRD_SIZE@", size("initramfs.cpio.gz"))
               .replace("@BOOTARGS@", '"%s"' % LINUX_BOOTARGS))
    dtbs = os.path.join(OUT, "plic" if ARCH == "riscv64" else "gic" + gic)  # the Linux guest's DTB
    incs = ([os.path.join(GUESTS, board)] if board else []) + [GUESTS, dtbs]
    subprocess.run(["dtc", "-q", "-I", "dts", "-O", "dtb"] + [a for i in incs for a in ("-i", i)] +
                   ["-o", dtb, "-"], input=dts.encode(), check=True)
    return dtb


def run_qemu(name, run, gic, outdir, board=None, make_cmd=None):
    """Boots one run; returns its Result. QEMU is killed with SIGKILL (icount ignores TERM).
    make_cmd: another architecture's qemu_cmd (tests/bench/riscv64.py)."""
    res = Result(name)
    res.cpus = run[2]
    dtb = compile_layout(run[0], gic, outdir, board) if run[0] else None
    marks = os.path.join(outdir, "logs", name + ".marks") if run[5] else None
    cmd = (make_cmd or qemu_cmd)(run, gic, dtb, marks, board)
    start = time.time()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            stdin=subprocess.DEVNULL)
    buf, deadline, exited = b"", start + run[4], False
    while time.time() < deadline and not (run[3] == "done" and res.done()):
        ready, _, _ = select.select([proc.stdout], [], [], 0.2)
        if not ready:
            continue
        chunk = os.read(proc.stdout.fileno(), 65536)
        if not chunk:
            exited = True
            break
        buf += chunk
        while b"\n" in buf:
            line, buf = buf.split(b"\n", 1)
            res.feed(line.decode(errors="replace").rstrip("\r"))
    if buf:
        res.feed(buf.decode(errors="replace").rstrip("\r"))
    proc.kill()
    proc.wait()
    res.seconds = time.time() - start
    if not exited and run[3] == "exit":
        res.error = res.error or "timeout after %ds" % run[4]
    elif run[3] == "done" and not res.done():
        res.error = res.error or "no 'BENCH done' within %ds" % run[4]
    if marks and os.path.exists(marks):
        res.own = own_figures(marks)
    with open(os.path.join(outdir, "logs", name + ".log"), "w") as f:
        f.write(" ".join(cmd) + "\n" + "\n".join(res.lines) + "\n")
    return res


def stats(v):
    if not v:
        return None
    s = sorted(v)
    return {"n": len(s), "min": s[0], "mean": sum(s) / len(s),
            "p99": s[max(0, math.ceil(0.99 * len(s)) - 1)], "max": s[-1]}


def fmt(x, digits=0):
    if x is None:
        return "–"
    if isinstance(x, float) and digits:
        return "%.*f" % (digits, x)
    return "{:,}".format(int(round(x))).replace(",", " ")


def fmt_stats(st):
    if not st:
        return "–"
    return "%s / %s / %s / %s" % (fmt(st["min"]), fmt(st["mean"]), fmt(st["p99"]), fmt(st["max"]))


def make_list(target):
    """A source list the Makefile keeps (print-config-srcs, print-hyp-srcs: hyp/config.mk)."""
    r = subprocess.run(["make", "-s", "--no-print-directory", "-C", ROOT, target],
                       capture_output=True, text=True)
    return r.stdout.split() if r.returncode == 0 else []


# Where the lines are: the first pattern a path matches names its part (fnmatch, repo-relative).
# The configuration layer is hyp/config.mk's list (the arch's pure part included; the drivers'
# DT glue counts with its driver, the page allocator with memory) and its headers.
LOC_PARTS = [
    ("configuration: DT reader, partition parse and validation (Bao has its config compiled in)",
     [f for f in make_list("print-config-srcs") if f.startswith(("hyp/", "arch/")) and
      f != "hyp/palloc.c"] +
     ["hyp/include/dt.h", "hyp/include/config*"]),
    ("guest DTB fix-up", ["hyp/guest_dtb.c", "hyp/guest_dtb_chan.c", "hyp/dt_write.c", "hyp/include/guest_dtb.h",
                          "hyp/include/dt_write.h", "arch/*/guest_dtb.c",
                          "hyp/include/arch/guest_dtb.h"]),
    ("interrupts: vGIC, GIC drivers", ["arch/*/vgic*", "arch/*/include/vgic.h",
                                       "drivers/irqchip/*"]),
    ("memory: allocator, page tables, cache coloring",
     ["hyp/mem*", "hyp/palloc.c", "hyp/pt.c", "hyp/color.c", "hyp/include/mem*",
      "hyp/include/palloc.h", "hyp/include/pt.h", "hyp/include/color.h", "hyp/include/arch/pt.h",
      "hyp/include/arch/mmu.h", "arch/*/pt_format.c", "arch/*/mmu.c", "arch/*/relocate.S"]),
    ("inter-VM channels, virtual UART, console", ["hyp/ipc.c", "hyp/vuart.c", "hyp/console.c",
                                                  "hyp/include/ipc.h", "hyp/include/vuart.h",
                                                  "hyp/include/console.h", "drivers/uart/*",
                                                  "arch/*/vuart_*.c", "arch/*/include/arch_vuart.h",
                                                  "hyp/include/arch/vuart.h"]),
    ("C library (printf, string)", ["hyp/lib/*"]),
    ("boot, CPUs, VMs, traps, PSCI (the rest)", ["*"]),
]


def part_of(path):
    return next(n for n, pats in LOC_PARTS if any(fnmatch.fnmatch(path, p) for p in pats))


def cloc_parts(paths):
    """Code lines per LOC_PARTS entry, from cloc --by-file."""
    r = subprocess.run(["cloc", "--quiet", "--csv", "--by-file"] + paths, capture_output=True,
                       text=True, cwd=ROOT)
    parts = dict.fromkeys(name for name, _ in LOC_PARTS)
    for line in r.stdout.splitlines()[1:]:
        f = line.split(",")
        if len(f) < 5 or f[0] == "SUM" or not f[4].isdigit():
            continue
        parts[part_of(f[1])] = (parts[part_of(f[1])] or 0) + int(f[4])
    return parts


def byte_parts():
    """Code + read-only data per LOC_PARTS entry: each source of hyp.bin (make print-hyp-srcs;
    libfdt aside) compiled alone with the hypervisor's flags but without LTO (so nothing is
    inlined across files; the sum is a little more than the linked image), size's text column."""
    with open(os.path.join(OUT, "cflags.txt")) as f:
        flags = f.read().split()
    flags = flags[:flags.index("-nostdlib")] if "-nostdlib" in flags else flags
    cc = [t for t in flags if t not in ("-flto", "-MMD", "-MP")]
    srcs = [os.path.join(ROOT, f) for f in make_list("print-hyp-srcs")]
    parts = dict.fromkeys(name for name, _ in LOC_PARTS)
    with tempfile.TemporaryDirectory() as tmp:
        for i, src in enumerate(sorted(srcs)):
            obj = os.path.join(tmp, "%d.o" % i)
            # the .S files include the generated asm_offsets.h, as the build's ASFLAGS say
            extra = (["-D__ASSEMBLY__", "-I" + os.path.join(OUT, "gen")]
                     if src.endswith(".S") else [])
            if subprocess.run(cc + extra + ["-c", src, "-o", obj], cwd=ROOT,
                              capture_output=True).returncode:
                return None
            r = subprocess.run([CROSS + "size", obj], capture_output=True, text=True)
            name = part_of(os.path.relpath(src, ROOT))
            parts[name] = (parts[name] or 0) + int(r.stdout.splitlines()[1].split()[0])
    return parts


def dependencies(src):
    """The headers of ours src includes, as its dependency file (-MMD) lists them: build/'s
    (libfdt, generated constants) and the compiler's aside. Empty if it was not built."""
    base = os.path.join(OUT, "obj", src)
    for d in (base + ".o.d", base + ".d"):  # boot-only objects: .o.d (Makefile: -MF $@.d)
        if os.path.exists(d):
            with open(d) as f:
                words = f.read().replace("\\\n", " ").split()
            return {w for w in words if w.endswith(".h") and not w.startswith(("/", "build/"))}
    return set()


def split_figures():
    """The two parts the size budgets are about (issue 24). Run-time: what stays mapped once the
    VMs run — every source of this arch's hyp.bin (make print-hyp-srcs) not in BOOT_SRCS, with
    the headers of ours they include, and hyp.elf's text+rodata outside the boot-only pages;
    boot-only: BOOT_SRCS with the headers only they include, and what the linker put in those
    pages (page padding excluded; the _*_run_start/_end, __boot_*_fill symbols of the linker
    script). Files another arch builds (its drivers) are in neither. And the configuration layer
    without libfdt: hyp/config.mk's CONFIG_SRCS (parts of it stay mapped: see
    BOOT_RUNTIME_SRCS)."""
    nm = subprocess.run([CROSS + "nm", os.path.join(OUT, "hyp.elf")], capture_output=True,
                        text=True)
    sym = {f[2]: int(f[0], 16) for f in (l.split() for l in nm.stdout.splitlines()) if len(f) == 3}
    try:
        run_bytes = (sym["_text_run_end"] - sym["_head"]) + (sym["_rodata_run_end"] - sym["_rodata_run_start"])
        boot_bytes = (sym["__boot_text_fill"] - sym["__boot_text_start"]) + \
            (sym["__boot_rodata_fill"] - sym["__boot_rodata_start"])
    except KeyError:
        return None
    srcs = set(make_list("print-hyp-srcs"))
    boot_srcs = srcs & set(make_list("print-boot-srcs"))
    run = set().union(*(dependencies(s) | {s} for s in srcs - boot_srcs))
    boot = set().union(*(dependencies(s) | {s} for s in boot_srcs)) - run
    lines = cloc_files(sorted(run | boot))
    config = set(make_list("print-config-srcs"))
    return {"run_loc": sum(lines.get(f, 0) for f in run), "run_bytes": run_bytes,
            "boot_loc": sum(lines.get(f, 0) for f in boot), "boot_bytes": boot_bytes,
            "config_loc": sum(n for f, n in lines.items() if f in config)}


def cloc_files(paths):
    """Code lines per file, from cloc --by-file."""
    r = subprocess.run(["cloc", "--quiet", "--csv", "--by-file"] + paths, capture_output=True,
                       text=True, cwd=ROOT)
    out = {}
    for line in r.stdout.splitlines()[1:]:
        f = line.split(",")
        if len(f) >= 5 and f[0] != "SUM" and f[4].isdigit():
            out[f[1]] = int(f[4])
    return out


def size_figures():
    """hyp.bin size, ELF sections, lines of code (cloc) with and without libfdt."""
    out = {"hyp_bin": os.path.getsize(os.path.join(OUT, "hyp.bin"))}
    size = subprocess.run([CROSS + "size", os.path.join(OUT, "hyp.elf")], capture_output=True,
                          text=True)
    if size.returncode == 0:
        text, data, bss = size.stdout.splitlines()[1].split()[:3]
        out.update(text=int(text), data=int(data), bss=int(bss))
    if shutil.which("cloc"):
        def cloc(paths):
            r = subprocess.run(["cloc", "--quiet", "--csv"] + paths, capture_output=True,
                               text=True, cwd=ROOT)
            for line in r.stdout.splitlines():
                if ",SUM," in line:
                    return int(line.split(",")[-1])
            return None
        tessera = ["hyp", "arch/" + ARCH, "drivers"]
        libfdt = [os.path.join("build", "libfdt", f) for f in
                  ("fdt.c", "fdt_ro.c", "fdt_rw.c", "fdt_wip.c", "fdt_strerror.c",
                   "fdt_addresses.c", "fdt.h", "libfdt.h", "libfdt_internal.h")]
        out["loc"] = cloc(tessera)
        out["loc_parts"] = cloc_parts(tessera)
        out["loc_libfdt"] = cloc(tessera + [p for p in libfdt if os.path.exists(os.path.join(ROOT, p))])
        out["split"] = split_figures()
    out["byte_parts"] = byte_parts()
    return out


class Report:
    """Builds results.md and results.csv from the runs."""

    def __init__(self, runs, gic):
        self.r, self.gic, self.md, self.csv = runs, gic, [], []

    def get(self, name):
        r = self.r.get(name)
        return r if r and not r.error else None

    def row(self, *cells):
        self.md.append("| " + " | ".join(str(c) for c in cells) + " |")

    def table(self, title, head, note=None):
        self.md += ["", "### " + title, ""]
        if note:
            self.md += [note, ""]
        self.row(*head)
        self.row(*["---"] * len(head))

    def put(self, figure, config, stat, value):
        if value is not None:
            self.csv.append([figure, config, stat, round(value, 2) if isinstance(value, float) else value])

    def boot(self):
        self.table("Boot: reset to the first guest instruction (instructions)",
                   ["run", "CPUs", "hypervisor ready (CPUs started)", "first instruction of each guest",
                    "hypervisor run-time memory"],
                   "Counter time since reset (CNTPCT, 16-instruction resolution), read by each "
                   "guest's first instruction. With several CPUs, icount adds up every CPU's "
                   "instructions, the waiting ones included. Target: ≤ 200 000 (Bao: ~430 000).")
        nat = self.get("native-boot")
        if nat:
            v = nat.value("entry_ns")
            self.row("native (QEMU boot stub only)", 1, "–", fmt(v), "–")
            self.put("boot_first_guest_insn", "native", "value", v)
        for name in ("boot-1vm", "boot-2vm", "boot-4vm"):
            r = self.get(name)
            if not r:
                continue
            entries = [vals["entry_ns"] for vm, vals in sorted(r.values.items()) if "entry_ns" in vals]
            ready = r.timeline[-1] if r.timeline else None
            self.row(name, self.r[name].cpus, fmt(ready), ", ".join(fmt(e) for e in entries),
                     "%s KiB" % r.footprint_kib)
            self.put("boot_hyp_ready", name, "value", ready)
            for i, e in enumerate(entries):
                self.put("boot_first_guest_insn", "%s-vm%d" % (name, i), "value", e)
            self.put("hyp_runtime_memory_kib", name, "value", r.footprint_kib)
        r = self.get("boot-1vm")
        if r and r.timeline:
            t = r.timeline
            first = min(v["entry_ns"] for v in r.values.values() if "entry_ns" in v)
            phases = [("reset to the hypervisor's first stamp (boot.S, CRC-32 of the image)", 0, t[0]),
                      ("console, banner, hardware DTB parsed", t[0], t[1]),
                      ("partition DTB parsed and validated", t[1], t[2]),
                      ("VMs built: memory, stage-2 tables, images copied", t[2], t[3]),
                      ("partition table printed, CPUs started", t[3], t[4]),
                      ("to the guest's first instruction", t[4], first)]
            self.table("Boot phases of the hypervisor, 1-VM layout (instructions)",
                       ["phase", "instructions", "ends at"])
            for label, a, b in phases:
                self.row(label, fmt(b - a), fmt(b))
                self.put("boot_phase", label, "instructions", b - a)

    def put_stats(self, key, cfg, st):
        for k in ("n", "min", "mean", "p99", "max") if st else ():
            self.put(key, cfg, k, st[k])

    def latency_row(self, label, key, native, alone, target=None):
        ns, hs = stats(native.series(key)) if native else None, stats(alone.series(key)) if alone else None
        added = hs["mean"] - ns["mean"] if ns and hs else None
        self.row(label, fmt_stats(ns), fmt_stats(hs), fmt(added), target or "")
        for cfg, st in (("native", ns), ("tessera", hs)):
            for k in ("n", "min", "mean", "p99", "max") if st else ():
                self.put(key, cfg, k, st[k])
        if added is not None:
            self.put(key, "added", "mean", added)

    def latency(self):
        nat, hyp = self.get("native-suite"), self.get("suite")
        self.table("Interrupt latency and trap round trips (instructions; min / mean / p99 / max)",
                   ["figure", "native", "Tessera", "added (mean)", "target"],
                   "Latency = instructions from the event (timer deadline, alarm due) to the "
                   "guest handler's first counter read, through the guest's vector and GIC "
                   "acknowledge (the runtime in tests/guests/start.S and gic.c).")
        self.latency_row("virtual timer IRQ (CNTV_CVAL → handler)", "vtimer", nat, hyp,
                         "added ≤ 100 (Bao: +199)")
        self.latency_row("pass-through PL031 alarm IRQ → handler", "rtc", nat, hyp)
        self.latency_row("hypercall round trip (HVC IDENTIFY)", "hvc", None, hyp)
        self.latency_row("emulated register read (GICD_TYPER)", "mmio_trap", nat, hyp)
        gi = [(r.value("gic_init"), r.value("gic_irqs")) if r else (None, None) for r in (nat, hyp)]
        self.row("guest GIC initialisation (every SPI, as Linux)",
                 "%s (%s IRQs)" % (fmt(gi[0][0]), gi[0][1]), "%s (%s IRQs)" % (fmt(gi[1][0]), gi[1][1]),
                 "", "< 20 000 (Bao: ~105 000)")
        for cfg, (v, n) in zip(("native", "tessera"), gi):
            self.put("gic_init", cfg, "instructions", v)
            self.put("gic_init", cfg, "irqs", n)

    def doorbell(self):
        db = self.get("doorbell")
        if not db:
            return
        self.table("Inter-VM doorbell (instructions; min / mean / p99 / max)",
                   ["ring with", "one way: VM 0 rings → VM 1's handler", "round trip: → VM 1 → back to VM 0"],
                   "VM 0 and VM 1 on CPUs 0 and 1; one-way stamps come from two CPUs' cycle "
                   "counters, both calibrated against the shared CNTPCT (see the README).")
        for how, label in (("hvc", "hypercall"), ("mmio", "MMIO doorbell page")):
            a, b = stats(db.series("db_%s_oneway" % how)), stats(db.series("db_%s_rtt" % how))
            self.row(label, fmt_stats(a), fmt_stats(b))
            for key, st in (("oneway", a), ("rtt", b)):
                for k in ("n", "min", "mean", "p99", "max") if st else ():
                    self.put("doorbell_%s_%s" % (how, key), "tessera", k, st[k])

    def linux_doorbell(self):
        r = self.get("linux-doorbell")
        if not r:
            return
        to_linux, to_bm = linux_doorbell_ns(r)
        self.table("Doorbell with Linux userspace (ns = instructions; min / mean / p99 / max)",
                   ["direction", "latency", "samples"],
                   "Linux (VM 0, CPU 0) with the tessera-chan driver and a bare-metal VM (VM 1, "
                   "CPU 1) on one channel (tests/bench/layouts/linux-doorbell.dts). Bare-metal → "
                   "Linux: the peer's counter stamp before its ring to the return of Linux "
                   "userspace's blocking read() (tests/linux/dbbench.c); Linux → bare-metal: "
                   "userspace's stamp before its ring (ioctl) to the peer's interrupt handler. "
                   "Each VM's virtual counter (16-instruction resolution), the two VMs' counter "
                   "offsets added from the partition table.")
        for label, key, v in (("bare-metal rings → Linux userspace read() returns", "linux_db_to_linux", to_linux),
                              ("Linux userspace rings → bare-metal handler", "linux_db_to_bm", to_bm)):
            st = stats(v)
            self.row(label, fmt_stats(st), len(v or []))
            self.put_stats(key, "tessera", st)

    def compute(self):
        nat, hyp, noisy = self.get("native-suite"), self.get("suite"), self.get("suite-noisy")
        col = self.get("suite-colored")
        same = [r.value("checksum") for r in (nat, hyp, noisy, col) if r]
        self.table("Guest compute (instructions for all repetitions, a 1 kHz timer tick running)",
                   ["workload", "native", "Tessera alone", "overhead", "Tessera + noisy neighbour",
                    "overhead", "Tessera colored", "overhead", "target"],
                   "Same binary, same data (checksums %s). Under icount the overhead is the "
                   "instructions the hypervisor and the longer interrupt path add; caches and "
                   "TLBs are not modelled. With the neighbour: CPU 0's own instructions, "
                   "counted by the plugin; its 1 kHz tick follows the shared virtual time, which "
                   "the neighbour also advances, so more ticks fall into the workload (%s alone, "
                   "%s with the neighbour). Colored: the VM in 8 of 16 colors (page-granular "
                   "stage 2), the hypervisor moved into 2 others; QEMU models no cache, so this "
                   "shows the cost of the page-granular mappings and the colored hypervisor, not "
                   "the interference coloring removes." % ("match" if len(set(same)) == 1 else "DIFFER",
                                                 hyp.value("ticks") if hyp else "?",
                                                 noisy.value("ticks") if noisy else "?"))
        for key, label in (("matmul", "100x100 uint32 matrix product"), ("qsort", "quicksort of 10000 uint32")):
            n, h, c = (r.value(key) if r else None for r in (nat, hyp, col))
            q = noisy.own.get(key) if noisy else None
            over = (h / n - 1) * 100 if n and h else None
            over_q = (q / n - 1) * 100 if n and q else None
            over_c = (c / n - 1) * 100 if n and c else None
            self.row(label + " x %s" % (nat.value("reps") if nat and nat.value("reps") else 100),
                     fmt(n), fmt(h), "%.4f %%" % over if over is not None else "–", fmt(q),
                     "%.4f %%" % over_q if over_q is not None else "–", fmt(c),
                     "%.4f %%" % over_c if over_c is not None else "–", "≤ 0.5 %")
            self.put(key, "tessera-colored", "instructions", c)
            self.put(key, "overhead-colored", "percent", over_c)
            self.put(key, "native", "instructions", n)
            self.put(key, "tessera", "instructions", h)
            self.put(key, "tessera+noisy(own)", "instructions", q)
            self.put(key, "overhead", "percent", over)
            self.put(key, "overhead+noisy", "percent", over_q)

    def noisy(self):
        hyp, noisy = self.get("suite"), self.get("suite-noisy")
        if not hyp or not noisy:
            return
        self.table("Noisy neighbour: CPU 0's figures next to a VM on CPU 1 hammering memory and interrupts",
                   ["figure", "Tessera alone", "+ noisy neighbour: CPU 0's own instructions",
                    "+ noisy neighbour: shared virtual time"],
                   "QEMU runs the CPUs in turn and icount's virtual time (so PMCCNTR) adds up "
                   "every CPU's instructions: the last column also counts the neighbour's "
                   "instructions that ran in between. The middle column counts CPU 0's "
                   "instructions only (tests/bench/plugin/vcpu_insns.c), what truly parallel "
                   "CPUs would take; interrupt latency there runs from the WFI the interrupt "
                   "wakes. While the suite waits a second for each PL031 alarm the neighbour "
                   "sleeps, up to 0.5 ms before the alarm is due (they share a channel page: "
                   "NOISE_QUIET_UNTIL in tests/bench/guests/bench.h); else each sample would "
                   "cost 10⁹ of its instructions.")
        for key, label in (("vtimer", "virtual timer IRQ latency (min / mean / p99 / max)"),
                           ("rtc", "pass-through PL031 IRQ latency")):
            a, b = stats(hyp.own.get(key)), stats(noisy.own.get(key))
            c = stats(noisy.series(key))
            self.row(label, fmt_stats(a), fmt_stats(b) + " (%s samples)" % (b["n"] if b else 0),
                     fmt_stats(c))
            self.put_stats(key + "_own", "tessera", a)
            self.put_stats(key + "_own", "tessera+noisy", b)
            self.put_stats(key, "tessera+noisy(shared)", c)
        for key in ("hvc", "mmio_trap"):
            a, c = stats(hyp.series(key)), stats(noisy.series(key))
            self.row(key + " round trip", fmt_stats(a), "", fmt_stats(c))
            self.put_stats(key, "tessera+noisy(shared)", c)
        for key in ("matmul", "qsort"):
            a, b, c = hyp.own.get(key), noisy.own.get(key), noisy.value(key)
            self.row(key, fmt(a), "%s (x%.5f)" % (fmt(b), b / a) if a and b else fmt(b),
                     "%s (x%.2f)" % (fmt(c), c / a) if a and c else fmt(c))
            self.put(key, "tessera(own)", "instructions", a)
            self.put(key, "tessera+noisy(shared)", "instructions", c)

    def flood(self):
        r = self.get("suite-flood")
        if not r:
            return
        self.table("Doorbell flood: CPU 0's timer latency while VM 1 rings its doorbell without pause",
                   ["phase", "CPU 0's own instructions (min / mean / p99 / max)", "shared virtual time"],
                   "The suite (VM 0, CPU 0) takes its timer samples with VM 1 (CPU 1) quiet, then "
                   "while VM 1 rings VM 0's doorbell of their channel as fast as it can (hypercall and "
                   "doorbell page by turns; %s rings): first with VM 0's doorbell interrupt disabled, "
                   "then enabled below its priority mask (pending for good). A ring that changes "
                   "nothing for the target costs it nothing: no lock, no interrupt (arch/aarch64/"
                   "vgic_pending.c). Own instructions: tests/bench/plugin/vcpu_insns.c." % fmt(r.value("flood_rings")))
        for key, label, i in (("vtimer", "quiet neighbour", 0), ("vtimer_flood", "flood, doorbell disabled", 1),
                              ("vtimer_flood_masked", "flood, doorbell masked", 2)):
            phases = r.own.get("phases") or []
            own = stats(phases[i] if i < len(phases) else None)
            self.row(label, fmt_stats(own), fmt_stats(stats(r.series(key))))
            self.put_stats(key + "_own", "tessera+flood", own)
        self.put("flood_rings", "tessera+flood", "value", r.value("flood_rings"))

    def linux(self):
        nat, hyp = self.get("native-linux"), self.get("linux")
        if not nat and not hyp:
            return
        self.table("Linux: boot to userspace and a userspace workload (instructions)",
                   ["figure", "native", "Tessera", "added", "overhead"],
                   "Debian's kernel and busybox initramfs (build/linux) on 2 CPUs, 256 MiB, the "
                   "same command line and device tree (partitions/linux/guest-gicv%s.dts; natively with "
                   "an rng-seed QEMU fills, under Tessera the VM's own) both ways; "
                   "virtual time (instructions, plus the idle periods icount skips). Times are read by "
                   "the initramfs (tests/linux/tests/bench.sh) from the virtual counter; under Tessera "
                   "the VM's counter offset is added, so every figure counts from reset. A 250 Hz tick "
                   "runs: a piece of the workload may hold one tick more or less (~10⁴ instructions) "
                   "than natively, as its phase moves with the boot time." % self.gic)
        same = {k: [r.value(k) for r in (nat, hyp) if r] for k in ("linux_digest", "linux_gz_bytes")}
        rows = [("reset → the init's first command", "linux_boot", lambda r: r.since_reset("linux_init_ns")),
                ("… of which the kernel: printk time of \"Run /init\" (sched_clock, from the arch timer's "
                 "registration)", "linux_kernel", lambda r: r.value("linux_kernel_us") * 1000
                 if r.value("linux_kernel_us") is not None else None),
                ("userspace: `seq 1 100000` to tmpfs (%s bytes)" % fmt(nat.value("linux_bytes") if nat else None),
                 "linux_seq", lambda r: r.value("linux_gen_ns")),
                ("userspace: `sha256sum` of it", "linux_sha256sum", lambda r: r.value("linux_sha_ns")),
                ("userspace: `gzip -1` of it", "linux_gzip", lambda r: r.value("linux_gzip_ns")),
                ("userspace workload: the three (outputs %s)" % ("match" if all(len(set(v)) == 1 for v in same.values())
                                                                  else "DIFFER"),
                 "linux_workload", linux_workload)]
        for label, key, get in rows:
            n, h = (get(r) if r else None for r in (nat, hyp))
            self.row(label, fmt(n), fmt(h), ("+" if h >= n else "-") + fmt(abs(h - n)) if n and h else "–",
                     "%+.4f %%" % ((h / n - 1) * 100) if n and h else "–")
            self.put(key, "native", "instructions", n)
            self.put(key, "tessera", "instructions", h)
            if n and h:
                self.put(key, "overhead", "percent", "%.4f" % ((h / n - 1) * 100))
        if hyp and hyp.timeline:
            self.row("… of which the hypervisor (CPUs started)", "", fmt(hyp.timeline[-1]), "", "")
            self.put("linux_boot_hyp", "tessera", "instructions", hyp.timeline[-1])

    def size(self, sz, footprints):
        self.table("Footprint and size", ["figure", "value", "target"])
        self.row("hyp.bin (with libfdt)", "%s bytes (%.1f KiB)" % (fmt(sz["hyp_bin"]), sz["hyp_bin"] / 1024),
                 "≤ 64 KiB (Bao: 94 KiB)")
        if "text" in sz:
            self.row("hyp.elf text / data / bss", "%s / %s / %s bytes" % (fmt(sz["text"]), fmt(sz["data"]), fmt(sz["bss"])), "")
        for name, kib in footprints:
            self.row("run-time allocation, %s" % name, "%s KiB" % kib, "")
        self.row("lines of code, %s (hyp, arch/%s, drivers; cloc)" % (ARCH, ARCH), fmt(sz.get("loc")),
                 "≤ 8 000 (Bao: ~9 900)")
        self.row("lines of code with libfdt", fmt(sz.get("loc_libfdt")), "")
        loc, size = sz.get("loc_parts") or {}, sz.get("byte_parts") or {}
        for name, _ in LOC_PARTS:
            self.row("part: %s" % name, "%s lines, %s bytes" % (fmt(loc.get(name)), fmt(size.get(name))),
                     "bytes: each file compiled alone, no LTO" if name == LOC_PARTS[0][0] else "")
            self.put("part_loc", name, "lines", loc.get(name))
            self.put("part_size", name, "bytes", size.get(name))
        for k in ("hyp_bin", "text", "data", "bss", "loc", "loc_libfdt"):
            self.put(k, "tessera", "value", sz.get(k))
        sp = sz.get("split") or {}
        self.row("run-time hypervisor (stays mapped once the VMs run): lines, text+rodata bytes",
                 "%s lines, %s bytes" % (fmt(sp.get("run_loc")), fmt(sp.get("run_bytes"))),
                 "≤ 6 000 lines, ≤ 56 KiB")
        self.row("boot-only (BOOT_SRCS, unmapped after boot): lines, text+rodata bytes",
                 "%s lines, %s bytes" % (fmt(sp.get("boot_loc")), fmt(sp.get("boot_bytes"))), "")
        self.row("configuration layer without libfdt (hyp/config.mk: CONFIG_SRCS)",
                 "%s lines" % fmt(sp.get("config_loc")), "≤ 2 400 lines")
        r = self.get("boot-1vm")
        if r and r.unmapped:
            self.row("unmapped after the last CPU enters its VM (boot-1vm)",
                     "%s KiB, %s pages" % (fmt(r.unmapped[0]), fmt(r.unmapped[1])), "")
            self.put("boot_unmapped_kib", "boot-1vm", "value", r.unmapped[0])
        for k in ("run_loc", "run_bytes", "boot_loc", "boot_bytes", "config_loc"):
            self.put(k, "tessera", "value", sp.get(k))

    def build(self, sz):
        """Every table of this GIC's runs: self.md (markdown lines) and self.csv (rows)."""
        self.boot()
        self.latency()
        self.doorbell()
        self.compute()
        self.noisy()
        self.flood()
        self.linux()
        self.linux_doorbell()
        fps = [(n, self.r[n].footprint_kib) for n in ("boot-1vm", "boot-2vm", "boot-4vm", "suite", "doorbell")
               if self.get(n) and self.r[n].footprint_kib is not None]
        self.size(sz, fps)
        return self


def linux_doorbell_ns(r):
    """The linux-doorbell run's two directions in ns: raw tick differences of the two VMs'
    virtual counters (each side's stamps, tests/linux/dbbench.c and linuxdb.c) made one time
    base with the VMs' counter offsets (ns; VM 0 is Linux)."""
    if len(r.counter_offset) != 2:
        return None, None
    d = r.counter_offset[0] - r.counter_offset[1]  # Linux's counter zero minus the peer's
    to_linux = [t * NS_PER_TICK + d for t in r.series("linux_db_to_linux") or []]
    to_bm = [t * NS_PER_TICK - d for t in r.series("linux_db_to_bm") or []]
    return to_linux or None, to_bm or None


def linux_workload(r):
    """The Linux userspace workload: seq + sha256sum + gzip, ns of the virtual counter."""
    v = [r.value(k) for k in ("linux_gen_ns", "linux_sha_ns", "linux_gzip_ns")] if r else [None]
    return sum(v) if None not in v else None


def summary(allruns, sz):
    """The combined table (README): native, then one column per configuration.

    A configuration is a GIC version's runs; another kind of run (e.g. with
    hypervisor coloring) becomes one more column by adding to `configs`.
    """
    configs = [("Tessera GICv%s" % gic, runs) for gic, runs in allruns.items()]
    nat = next((r for _, runs in configs for n, r in runs.items() if n == "native-suite" and not r.error), None)
    nboot = next((r for _, runs in configs for n, r in runs.items() if n == "native-boot" and not r.error), None)
    nlinux = next((r for _, runs in configs for n, r in runs.items() if n == "native-linux" and not r.error), None)

    def ok(runs, name):
        r = runs.get(name)
        return r if r and not r.error else None

    def mean(r, key, own=False):
        st = stats((r.own.get(key) if own else r.series(key)) if r else None)
        return st["mean"] if st else None

    def first_entry(r):
        e = [v["entry_ns"] for v in r.values.values() if "entry_ns" in v] if r else []
        return min(e) if e else None

    def boot(runs):
        return " / ".join(fmt(first_entry(ok(runs, n))) for n in ("boot-1vm", "boot-2vm", "boot-4vm"))

    def phases(runs):
        r = ok(runs, "boot-1vm")
        t = r.timeline if r else None
        return ", ".join(fmt(b - a) for a, b in zip([0] + t, t)) if t else "–"

    def added(runs, key):
        h, n = mean(ok(runs, "suite"), key), mean(nat, key)
        return "%s (+%s)" % (fmt(h), fmt(h - n)) if h is not None and n is not None else fmt(h)

    def pair(*vals):
        return " / ".join(fmt(v) for v in vals)

    def gic_init(r):
        return "%s (%s IRQs)" % (fmt(r.value("gic_init")), r.value("gic_irqs")) if r else "–"

    def overhead(runs, noisy, name="suite"):
        r = ok(runs, "suite-noisy" if noisy else name)
        vals = []
        for key in ("matmul", "qsort"):
            h, n = (r.own.get(key) if noisy else r.value(key)) if r else None, nat.value(key) if nat else None
            vals.append("%+.3f %%" % ((h / n - 1) * 100) if h and n else "–")
        return " / ".join(vals)

    def noisy_latency(runs, key):
        r, alone = ok(runs, "suite-noisy"), ok(runs, "suite")
        return "%s / %s (alone: %s)" % (fmt(mean(r, key, True)), fmt(mean(r, key)), fmt(mean(alone, key, True)))

    def flood_latency(runs):
        m = flood_means(ok(runs, "suite-flood"))
        if m is None:
            return "–"
        return "%s / %s (quiet: %s; %+.1f %% / %+.1f %%)" % (fmt(m[1]), fmt(m[2]), fmt(m[0]),
                                                          (m[1] / m[0] - 1) * 100, (m[2] / m[0] - 1) * 100)

    def footprint(runs):
        return " / ".join(fmt(r.footprint_kib) if r else "–"
                          for r in (ok(runs, n) for n in ("boot-1vm", "boot-2vm", "boot-4vm"))) + " KiB"

    def linux_boot(r, native=None):  # Tessera against the native run of its own GIC
        if not r:
            return "–"
        t, k = r.since_reset("linux_init_ns"), r.value("linux_kernel_us")
        n = native.since_reset("linux_init_ns") if native else None
        return "%s (%skernel %s)" % (fmt(t), "+%s; " % fmt(t - n) if t and n else "",
                                     fmt(k * 1000 if k is not None else None))

    def linux_overhead(runs):
        h, n = linux_workload(ok(runs, "linux")), linux_workload(ok(runs, "native-linux") or nlinux)
        return "%+.3f %%" % ((h / n - 1) * 100) if h and n else "–"

    size = "%s bytes; %s / %s / %s" % (fmt(sz["hyp_bin"]), fmt(sz.get("text")), fmt(sz.get("data")),
                                         fmt(sz.get("bss")))
    lines = "%s / %s" % (fmt(sz.get("loc")), fmt(sz.get("loc_libfdt")))
    sp = sz.get("split") or {}
    split = "%s lines, %s bytes / %s lines, %s bytes" % (
        fmt(sp.get("run_loc")), fmt(sp.get("run_bytes")), fmt(sp.get("boot_loc")), fmt(sp.get("boot_bytes")))

    def unmapped(r):
        return "%s KiB (%s pages)" % (fmt(r.unmapped[0]), fmt(r.unmapped[1])) if r and r.unmapped else "–"

    cfg_name = LOC_PARTS[0][0]
    config_part = "%s lines, %s of %s bytes (files compiled alone)" % (
        fmt((sz.get("loc_parts") or {}).get(cfg_name)), fmt((sz.get("byte_parts") or {}).get(cfg_name)),
        fmt(sum((sz.get("byte_parts") or {}).values())))
    rows = [
        ("reset → first guest instruction, 1 VM / 2 VMs / 4 VMs",
         "%s (QEMU's boot stub)" % fmt(nboot.value("entry_ns")) if nboot else "", boot, "≤ 200 000 (~430 000)"),
        ("… of which the hypervisor, 1 VM: entry, hardware DTB, partitions, VMs built, CPUs started",
         "", phases, ""),
        ("virtual timer IRQ → handler (mean, + over native)", fmt(mean(nat, "vtimer")),
         lambda runs: added(runs, "vtimer"), "added ≤ 100 (+199)"),
        ("pass-through PL031 IRQ → handler", fmt(mean(nat, "rtc")), lambda runs: added(runs, "rtc"), ""),
        ("hypercall round trip / emulated `GICD_TYPER` read", "– / %s" % fmt(mean(nat, "mmio_trap")),
         lambda runs: pair(mean(ok(runs, "suite"), "hvc"), mean(ok(runs, "suite"), "mmio_trap")), ""),
        ("guest GIC initialisation, every interrupt", gic_init(nat),
         lambda runs: gic_init(ok(runs, "suite")), "< 20 000 (~105 000)"),
        ("doorbell one way, hypercall / MMIO page", "",
         lambda runs: pair(mean(ok(runs, "doorbell"), "db_hvc_oneway"), mean(ok(runs, "doorbell"), "db_mmio_oneway")), ""),
        ("doorbell round trip, hypercall / MMIO page", "",
         lambda runs: pair(mean(ok(runs, "doorbell"), "db_hvc_rtt"), mean(ok(runs, "doorbell"), "db_mmio_rtt")), ""),
        ("doorbell with Linux userspace: bare-metal → Linux read() / Linux → bare-metal handler (mean)", "",
         lambda runs: pair(*[mean_of(v) for v in linux_doorbell_ns(ok(runs, "linux-doorbell"))])
         if ok(runs, "linux-doorbell") else "–", ""),
        ("matrix product x100 / quicksort x100", pair(nat.value("matmul"), nat.value("qsort")) if nat else "–",
         lambda runs: overhead(runs, False), "≤ 0.5 %"),
        ("same, noisy neighbour (CPU 0's own instructions)", "", lambda runs: overhead(runs, True), ""),
        ("same, colored: VM in colors 0-7 of 16, hypervisor in 14-15", "",
         lambda runs: overhead(runs, False, "suite-colored"), ""),
        ("Linux, 2 CPUs: reset → the init's first command (+ over native; kernel: printk time of "
         "\"Run /init\")", linux_boot(nlinux) if nlinux else "", lambda runs: linux_boot(ok(runs, "linux"), ok(runs, "native-linux") or nlinux),
         ""),
        ("Linux userspace: `seq 1 100000` to tmpfs, `sha256sum`, `gzip -1`", fmt(linux_workload(nlinux))
         if nlinux else "", linux_overhead, ""),
        ("timer IRQ latency, noisy neighbour: own / shared time (mean)", "",
         lambda runs: noisy_latency(runs, "vtimer"), ""),
        ("PL031 IRQ latency, noisy neighbour: own / shared time (mean)", "",
         lambda runs: noisy_latency(runs, "rtc"), ""),
        ("timer IRQ latency, a neighbour floods its doorbell: own, doorbell disabled / masked (mean)", "",
         flood_latency, "within 5 % of quiet"),
        ("`hyp.bin` with libfdt; text / data / bss", "", lambda runs: size, "≤ 64 KiB (94 KiB)"),
        ("run-time allocation, 1 / 2 / 4 VMs", "", footprint, ""),
        ("lines (cloc), without / with libfdt", "", lambda runs: lines, "≤ 8 000 (~9 900)"),
        ("… of which the configuration layer: DT reader, partition parse and validation", "",
         lambda runs: config_part, "(Bao: compiled in)"),
        ("run-time hypervisor / boot-only, unmapped after boot: lines, text+rodata bytes", "",
         lambda runs: split, "run-time ≤ 6 000 lines, ≤ 56 KiB"),
        ("configuration layer without libfdt (`CONFIG_SRCS`); unmapped after boot, 1 VM", "",
         lambda runs: "%s lines; %s" % (fmt(sp.get("config_loc")), unmapped(ok(runs, "boot-1vm"))),
         "≤ 2 400 lines"),
    ]
    md = ["| figure | native | " + " | ".join(c for c, _ in configs) + " | target (Bao v2.0 on this QEMU) |",
          "|---|---|" + "---|" * len(configs) + "---|"]
    for label, native, per_config, target in rows:
        md.append("| %s | %s | %s | %s |" % (label, native, " | ".join(per_config(runs) for _, runs in configs), target))
    return md


def write_results(outdir, allruns, reports, sz, drawn, board=None):
    crc = zlib.crc32(open(os.path.join(OUT, "hyp.bin"), "rb").read()) & 0xffffffff
    machine = ("%s board model (its hardware DTB, GICv%s)" % (board, BOARDS[board]["gic"]) if board
               else "virt, cortex-a53")
    md = ["# Tessera benchmark results", "",
          "QEMU %s, %s, `-icount shift=0,sleep=off`: one instruction per virtual "
          "nanosecond, every figure in instructions and identical run to run. hyp.bin crc32 0x%08x. "
          "Reproduce: `make bench%s`." % (qemu_version(), machine, crc, " BOARD=" + board if board else ""),
          "", "## Summary", ""] + summary(allruns, sz)
    if drawn:
        md += ["", "![latency distributions](latency.png)"]
    for gic, rep in reports.items():
        md += ["", "## GICv%s" % gic] + rep.md
    with open(os.path.join(outdir, "results.md"), "w") as f:
        f.write("\n".join(md) + "\n")
    with open(os.path.join(outdir, "results.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["gic", "figure", "config", "stat", "value"])
        for gic, rep in reports.items():
            w.writerows([gic] + row for row in rep.csv)


def write_readme(allruns, sz, outdir, drawn):
    """Rewrites README.md between its two bench markers; the plot goes to tests/bench/results/."""
    with open(README) as f:
        text = f.read()
    if README_BEGIN not in text or README_END not in text:
        return "README.md has no bench markers"
    head, rest = text.split(README_BEGIN, 1)
    tail = rest.split(README_END, 1)[1]
    body = ["", "", "Latest results (`make bench` writes this section; min / mean / p99 / max of "
            "every figure in `build/bench/results.md`). All figures in instructions.", ""]
    body += summary(allruns, sz)
    if drawn:
        shutil.copy(os.path.join(outdir, "latency.png"), os.path.join(ROOT, "tests", "bench", "results"))
        body += ["", "![Latency distributions (cumulative)](tests/bench/results/latency.png)"]
    with open(README, "w") as f:
        f.write(head + README_BEGIN + "\n".join(body) + "\n\n" + README_END + tail)
    return None


def qemu_version():
    r = subprocess.run(["qemu-system-aarch64", "--version"], capture_output=True, text=True)
    m = re.search(r"version (\S+)", r.stdout)
    return m.group(1) if m else "?"


PLOT_SERIES = [("native-suite", "vtimer", "vtimer, native"), ("suite", "vtimer", "vtimer, Tessera"),
               ("suite-noisy", "own:vtimer", "vtimer, Tessera + noisy neighbour (own instructions of CPU 0)"),
               ("suite-noisy", "vtimer", "vtimer, Tessera + noisy neighbour (shared virtual time)"),
               ("native-suite", "rtc", "PL031 pass-through, native"), ("suite", "rtc", "PL031 pass-through, Tessera"),
               ("suite-noisy", "rtc", "PL031 pass-through, Tessera + noisy neighbour (shared virtual time)"),
               ("doorbell", "db_hvc_oneway", "doorbell (hypercall), one way"),
               ("doorbell", "db_mmio_oneway", "doorbell (MMIO page), one way")]


def plot(allruns, outdir):
    """Empirical CDFs of the latency samples -> latency.png (gnuplot); False if not drawn.

    Every series of the first GIC's runs; of the others, Tessera's timer and PL031 curves.
    """
    sdir = os.path.join(outdir, "samples")
    os.makedirs(sdir, exist_ok=True)
    curves = []
    gics = list(allruns)
    series = [(gics[0], run, key, label) for run, key, label in PLOT_SERIES]
    series += [(g, run, key, label + " (GICv%s)" % g) for g in gics[1:] for run, key, label in PLOT_SERIES
               if run == "suite"]
    for gic, run, key, label in series:
        r = allruns[gic].get(run)
        if not r or r.error:
            continue
        v = sorted(r.own.get(key[4:], []) if key.startswith("own:") else r.series(key) or [])
        if not v:
            continue
        path = os.path.join(sdir, "%s-%s%s.dat" % (run, key.replace(":", "-"),
                                                    "" if gic == gics[0] else "-gicv" + gic))
        with open(path, "w") as f:
            f.write("# %s: instructions, cumulative fraction\n" % label)
            for i, x in enumerate(v):
                f.write("%d %.5f\n" % (x, (i + 1) / len(v)))
        curves.append("'%s' using 1:2 with steps lw 2 title \"%s\"" % (path, label))
    if not curves or not shutil.which("gnuplot"):
        return False
    script = "\n".join([
        "set terminal pngcairo size 1000,640 font 'sans,10'",
        "set output '%s'" % os.path.join(outdir, "latency.png"),
        "set title 'Latency distributions under QEMU -icount shift=0 (cumulative)'",
        "set xlabel 'instructions from the event to the guest handler (log scale)'",
        "set ylabel 'fraction of samples'", "set logscale x", "set grid", "set key below",
        "set yrange [0:1.02]", "plot " + ", \\\n  ".join(curves), ""])
    with open(os.path.join(outdir, "latency.gp"), "w") as f:
        f.write(script)
    return subprocess.run(["gnuplot", os.path.join(outdir, "latency.gp")]).returncode == 0


SMOKE_CHECKS = {
    "native-boot": lambda r: r.value("entry_ns") is not None,
    "boot-1vm": lambda r: r.timeline and r.value("entry_ns") and r.value("entry_ns") > r.timeline[-1],
    "boot-2vm": lambda r: len([v for v in r.values.values() if "entry_ns" in v]) == 2,
    "native-suite": lambda r: r.value("native") == 1 and len(r.series("vtimer") or []) == 50
    and r.series("rtc") and r.value("matmul") and r.value("qsort"),
    "suite": lambda r: r.value("native") == 0 and len(r.series("vtimer") or []) == 50
    and r.series("hvc") and r.series("rtc") and r.value("matmul"),
    "suite-noisy": lambda r: len(r.series("vtimer") or []) == 50 and r.value("matmul")
    and r.own.get("vtimer") and r.own.get("matmul") and len(r.series("rtc") or []) == 3
    and len(r.own.get("rtc") or []) == 3,
    "suite-colored": lambda r: r.value("native") == 0 and r.value("matmul") and r.value("qsort")
    and any("color check: VM 0 'bench'" in line and "all in their colors" in line for line in r.lines),
    "suite-flood": lambda r: all(len(r.series(k) or []) == 50 for k in
                                 ("vtimer", "vtimer_flood", "vtimer_flood_masked"))
    and flood_problem(r) is None,
    "doorbell": lambda r: len(r.series("db_hvc_oneway") or []) == 20
    and len(r.series("db_mmio_rtt") or []) == 20,
    "native-linux": lambda r: r.done() and not r.counter_offset and linux_sane(r),
    "linux-doorbell": lambda r: linux_doorbell_sane(r),
    "linux": lambda r: r.done() and len(r.counter_offset) == 1 and r.timeline is not None
    and r.since_reset("linux_init_ns") > r.timeline[-1] and linux_sane(r),
}

# The board plan (--board) is short: its figures are always checked.
BOARD_CHECKS = {
    "native-boot": SMOKE_CHECKS["native-boot"],
    "boot-1vm": SMOKE_CHECKS["boot-1vm"],
    "native-suite": lambda r: r.value("native") == 1 and len(r.series("vtimer") or []) == 1000
    and not r.series("rtc") and r.value("matmul") and r.value("qsort"),
    "suite": lambda r: r.value("native") == 0 and len(r.series("vtimer") or []) == 1000
    and r.series("hvc") and r.series("mmio_trap") and r.value("matmul"),
}


def mean_of(v):
    return sum(v) / len(v) if v else None


def linux_doorbell_sane(r):
    """1000 samples each way, every one positive and under 10 ms of virtual time."""
    a, b = linux_doorbell_ns(r)
    return r.value("linuxdb_rounds") == 1000 and all(
        v is not None and len(v) == 1000 and 0 < min(v) and max(v) < 10_000_000 for v in (a, b))


def linux_sane(r):
    """Every Linux figure is there; the kernel's part falls inside reset → init."""
    keys = ("linux_init_ns", "linux_kernel_us", "linux_gen_ns", "linux_sha_ns", "linux_gzip_ns",
            "linux_digest", "linux_gz_bytes", "linux_bytes")
    if any(r.value(k) is None or r.value(k) <= 0 for k in keys):
        return False
    return r.value("linux_kernel_us") * 1000 < r.since_reset("linux_init_ns") and \
        r.value("linux_gz_bytes") < r.value("linux_bytes")


def size_parts_problem(sz):
    """The per-part figures cover the whole hypervisor: lines add up to cloc's total, every part
    has code and bytes."""
    loc, size = sz.get("loc_parts"), sz.get("byte_parts")
    if not size or any(not v for v in size.values()):
        return "a part has no bytes (or a file did not compile alone): %s" % size
    if loc is None:
        return "no line counts: cloc is missing (scripts/deps.sh test installs it)"
    if any(not v for v in loc.values()) or sum(loc.values()) != sz.get("loc"):
        return "the parts' lines %s do not add up to %s" % (loc, sz.get("loc"))
    return None


def smoke_consistency(runs, planned):
    """Cross-run checks: same computation natively and under Tessera, latencies ordered.
    runs: the planned runs that passed; a planned run that failed cannot be compared."""
    failed = [name for name in planned if name not in runs]
    if failed:
        return "not compared: %s failed" % ", ".join(failed)
    nlx, lx = runs.get("native-linux"), runs.get("linux")
    if nlx and lx and not nlx.error and not lx.error:
        for key in ("linux_digest", "linux_gz_bytes"):
            if nlx.value(key) != lx.value(key):
                return "Linux workload output %s differs: native %s, Tessera %s" % (key, nlx.value(key), lx.value(key))
    nat, hyp = runs.get("native-suite"), runs.get("suite")
    if not nat or not hyp or nat.error or hyp.error:
        return None
    if nat.value("checksum") != hyp.value("checksum"):
        return "compute checksums differ: native %s, Tessera %s" % (nat.value("checksum"), hyp.value("checksum"))
    if min(hyp.series("vtimer")) <= min(nat.series("vtimer")):
        return "timer latency under Tessera is not above native"
    col = runs.get("suite-colored")
    if col and not col.error and col.value("checksum") != nat.value("checksum"):
        return "compute checksums differ: native %s, Tessera colored %s" % (
            nat.value("checksum"), col.value("checksum"))
    if col and not col.error and not any("color check: hypervisor:" in l and "all in their colors" in l
                                         for l in col.lines):
        return "the colored run printed no passing color check of the hypervisor"
    if hyp.own.get("matmul") != hyp.value("matmul") - 2 * hyp.value("reps"):
        return "the plugin's own count (%s) is not the cycle counter's (%s) alone" % (
            hyp.own.get("matmul"), hyp.value("matmul"))
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--smoke", action="store_true")
    ap.add_argument("--gic", help="3, 2 or 3,2 (default: 3,2; with --smoke: 3)")
    ap.add_argument("--out")
    ap.add_argument("--only")
    ap.add_argument("--readme", action="store_true")
    ap.add_argument("--board", choices=sorted(BOARDS), help="a board model instead of QEMU virt")
    args = ap.parse_args()
    if args.board and (args.smoke or args.readme or args.gic):
        ap.error("--board runs its own short plan on the board's GIC (no --smoke, --readme, --gic)")
    plan = BOARDS[args.board]["plan"] if args.board else SMOKE if args.smoke else FULL
    if args.only:
        plan = {k: v for k, v in plan.items() if k in args.only.split(",")}
    gics = (args.gic or ("3" if args.smoke else "3,2")).split(",") if not args.board else [BOARDS[args.board]["gic"]]
    if any(g not in ("2", "3") for g in gics):
        ap.error("--gic takes 3, 2 or 3,2")
    outdir = args.out or os.path.join(ROOT, "build", "bench-" + args.board if args.board else
                                      "bench-smoke" if args.smoke else "bench")
    os.makedirs(os.path.join(outdir, "logs"), exist_ok=True)
    err = build_plugin()
    if err:
        print(err)
        print("0 passed, 1 failed")
        return 1
    targets = ["bench-guests"] + (["guest-dtbs", "linux-guest"] if any(r[1] == "linux" for r in plan.values()) else [])
    build = subprocess.run(["make", "--no-print-directory", "-s", "-C", ROOT] + targets,
                           capture_output=True, text=True)
    if build.returncode != 0:
        print(build.stdout + build.stderr)
        print("0 passed, 1 failed")
        return 1
    allruns, passed, failed = {}, 0, 0
    for gic in gics:
        runs = allruns[gic] = {}
        sane = {}  # the runs that passed: the only ones the cross-run checks compare
        for name, run in plan.items():
            tag = name if gic == gics[0] else "%s-gicv%s" % (name, gic)  # its log's name
            res = run_qemu(tag, run, gic, outdir, args.board)
            runs[name] = res
            ok = res.error is None
            why = res.error or ""
            checks = BOARD_CHECKS if args.board else SMOKE_CHECKS if args.smoke else None
            if ok and checks and not checks[name](res):
                ok, why = False, "figures missing or not sane (log: %s)" % os.path.join(outdir, "logs", tag + ".log")
                if name == "suite-flood" and flood_problem(res):
                    why += ": " + flood_problem(res)
            if ok and name == "suite-flood" and flood_means(res):
                why = "CPU 0's own timer latency: quiet %.1f, flooded %.1f / %.1f (doorbell disabled / masked)" % \
                    tuple(flood_means(res))
            passed, failed = passed + ok, failed + (not ok)
            if ok:
                sane[name] = res
            print("%s %-20s %6.1fs  %s" % ("PASS" if ok else "FAIL", tag, res.seconds, why))
            if not ok:
                for line in res.lines[-15:]:
                    print("    | " + line)
            sys.stdout.flush()
        if args.smoke or args.board:
            problem = smoke_consistency(sane, plan)
            passed, failed = passed + (problem is None), failed + (problem is not None)
            print("%s consistency (GICv%s) %s" % ("PASS" if problem is None else "FAIL", gic, problem or
                  "native and Tessera compute the same (bare metal and Linux); Tessera's latency is higher"))
    drawn = plot(allruns, outdir)
    sz = size_figures()
    if args.smoke:
        problem = size_parts_problem(sz)
        passed, failed = passed + (problem is None), failed + (problem is not None)
        print("%s size parts %s" % ("PASS" if problem is None else "FAIL",
                                    problem or "every file in one part; the parts add up to the total"))
    reports = {gic: Report(runs, gic).build(sz) for gic, runs in allruns.items()}
    write_results(outdir, allruns, reports, sz, drawn, args.board)
    print("results: %s" % os.path.join(outdir, "results.md"))
    if args.readme:
        problem = write_readme(allruns, sz, outdir, drawn)
        print("README.md: " + (problem or "results section rewritten"))
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
