#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Tessera benchmarks on RISC-V: deterministic figures under QEMU -icount shift=0,sleep=off.

  ARCH=riscv64 python3 tests/bench/riscv64.py           every figure -> build/bench-riscv64/
  ARCH=riscv64 python3 tests/bench/riscv64.py --smoke   short runs that check the harness works
                                                        (part of make test; -> build/bench-riscv64-smoke/)
  options: --out DIR, --only RUN[,RUN], --readme (rewrite README.md's RISC-V results section;
  make bench ARCH=riscv64 does)

QEMU's RISC-V virt machine (PLIC, Sstc harts) under Debian's OpenSBI (fw_jump), one hart.
Under -icount shift=0 the cycle CSR counts instructions since reset (and is the virtual time
in ns), natively and in a VM alike (tests/bench/guests/riscv64/bench.h). "native" runs boot
the guest binary under OpenSBI in S-mode (QEMU -kernel); "tessera" runs boot hyp.bin with a
layout from tests/bench/layouts/riscv64/. The guests print the BENCH / BENCHS lines of
tests/bench/guests/common.h; the shared harness is tests/bench/run.py's (Result, run_qemu,
stats). Multi-hart layouts are not measured: under QEMU's single-threaded TCG a hart that
waits in the firmware for another (OpenSBI's remote fences wait for the target hart's
answer) holds the host thread until QEMU's 100 ms round-robin kick, which would be counted
as the hypervisor's instructions.
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
os.environ["ARCH"] = "riscv64"  # run.py's paths (build/riscv64/...) follow it
import run as base  # noqa: E402  (the shared harness)

# The Linux runs: Debian 13's riscv64 kernel and initramfs (scripts/linux-guest-riscv64.sh);
# /bin/vclock reads the time CSR, and the hypervisor's "counter" line is in its ticks: QEMU
# virt's timebase is 10 MHz (/cpus timebase-frequency), 100 ns a tick.
base.LINUX = os.path.join(base.ROOT, "build", "linux-riscv64")
base.LINUX_BOOTARGS = "console=ttyS0 earlycon=sbi quiet tessera.test=bench"
base.NS_PER_TICK = 100
LINUX_LOAD = (("Image", 0x90200000), ("initramfs.cpio.gz", 0x98000000))  # PAs, as riscv64/linux.dts

ROOT = base.ROOT
OPENSBI = "/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_jump.bin"
# name: (layout or None for native, guest binary (native), harts, stop, timeout s, plugin)
FULL = {
    "native-boot": (None, "boot.bin", 1, "exit", 120, False),
    "boot-1vm": ("riscv64/boot-1vm.dts", None, 1, "exit", 120, False),
    "native-suite": (None, "bench.bin", 1, "exit", 900, False),
    "suite": ("riscv64/suite.dts", None, 1, "exit", 900, False),
    "native-suite-aplic": (None, "bench-aplic.bin", 1, "exit", 900, False),
    "suite-aplic": ("riscv64/suite-aplic.dts", None, 1, "exit", 900, False),
    "suite-aplic-imsic": ("riscv64/suite-aplic.dts", None, 1, "exit", 900, False),
    "native-suite-files": (None, "bench-files.bin", 1, "exit", 900, False),
    "suite-files": ("riscv64/suite-files.dts", None, 1, "exit", 900, False),
    "native-linux": (None, "linux", 1, "exit", 300, False),
    "linux": ("riscv64/linux.dts", "linux", 1, "exit", 300, False),
}
SMOKE = dict(FULL, **{
    "native-suite": (None, "bench-smoke.bin", 1, "exit", 120, False),
    "suite": ("riscv64/suite-smoke.dts", None, 1, "exit", 120, False),
    "native-suite-aplic": (None, "bench-aplic-smoke.bin", 1, "exit", 120, False),
    "suite-aplic": ("riscv64/suite-aplic-smoke.dts", None, 1, "exit", 120, False),
    "suite-aplic-imsic": ("riscv64/suite-aplic-smoke.dts", None, 1, "exit", 120, False),
    "native-suite-files": (None, "bench-files-smoke.bin", 1, "exit", 120, False),
    "suite-files": ("riscv64/suite-files-smoke.dts", None, 1, "exit", 120, False),
})
# The interrupt controller of each run's machine (QEMU -M): the PLIC unless named here. With
# aia=aplic the supervisor domain delivers directly (natively to the guest, in a VM to the
# hypervisor's APLIC driver); with aia=aplic-imsic as MSIs into the hart's supervisor interrupt
# file (the hypervisor's) or, with 3 guest files a hart and a VM with guest-interrupt-files,
# into the hart's guest file: the "files" runs, natively the guest's supervisor file.
FILES_MACHINE = "virt,aia=aplic-imsic,aia-guests=3"
MACHINES = {"native-suite-aplic": "virt,aia=aplic", "suite-aplic": "virt,aia=aplic",
            "suite-aplic-imsic": "virt,aia=aplic-imsic", "native-suite-files": FILES_MACHINE,
            "suite-files": FILES_MACHINE}
LATENCIES = [  # key, label, native too
    ("vtimer", "timer interrupt (Sstc: stimecmp / vstimecmp deadline → handler)", True),
    ("rtc", "pass-through Goldfish RTC alarm (PLIC source 11) → handler", True),
    ("sbi", "SBI call round trip (BASE get_spec_version: OpenSBI / the hypervisor)", True),
    ("hvc", "Tessera hypercall round trip (IDENTIFY)", False),
    ("mmio_trap", "PLIC register read (natively the PLIC; emulated in a VM)", True),
]
SUITE_KEYS = [k for k, _, _ in LATENCIES]
README_BEGIN = "<!-- riscv64 bench results: written by make bench ARCH=riscv64 (tests/bench/riscv64.py --readme) -->"
README_END = "<!-- end of riscv64 bench results -->"


def qemu_cmd(run, gic, dtb, marks=None, board=None):
    """gic: the QEMU machine (MACHINES)."""
    layout, guest, harts = run[:3]
    cmd = ["qemu-system-riscv64", "-M", gic, "-smp", str(harts), "-m", "2G", "-nographic",
           "-no-reboot", "-nic", "none", "-icount", "shift=0,sleep=off", "-rtc", "clock=vm",
           "-bios", OPENSBI]
    if layout is None and guest == "linux":
        cmd[cmd.index("-m") + 1] = base.LINUX_MEM
        return cmd + ["-kernel", os.path.join(base.LINUX, "Image"), "-initrd",
                      os.path.join(base.LINUX, "initramfs.cpio.gz"), "-append", base.LINUX_BOOTARGS]
    if layout is None:
        return cmd + ["-kernel", os.path.join(base.GUESTS, guest)]
    if guest == "linux":
        for f, pa in LINUX_LOAD:
            cmd += ["-device", "loader,file=%s,addr=0x%x,force-raw=on" % (os.path.join(base.LINUX, f), pa)]
    return cmd + ["-kernel", os.path.join(base.OUT, "hyp.bin"), "-initrd", dtb]


def sane(name, r):
    """The run's figures are there and plausible (the smoke checks)."""
    if name in ("native-boot", "boot-1vm"):
        return (r.value("entry_ns") or 0) > 0 and (name.startswith("native") or r.timeline is not None)
    if name == "native-linux":
        return r.done() and not r.counter_offset and base.linux_sane(r)
    if name == "linux":
        return r.done() and len(r.counter_offset) == 1 and r.timeline is not None \
            and r.since_reset("linux_init_ns") > r.timeline[-1] and base.linux_sane(r)
    keys = [k for k, _, native in LATENCIES if native or not name.startswith("native")]
    series = [r.series(k) for k in keys]
    return all(s and min(s) > 0 for s in series) and all(
        (r.value(k) or 0) > 0 for k in ("matmul", "qsort", "ticks", "checksum"))


def consistency(runs):
    """Native and Tessera compute the same; the hypervisor's paths cost more than native."""
    nat, hyp = runs.get("native-suite"), runs.get("suite")
    if not nat or not hyp:
        return "not compared: a suite run failed"
    if nat.value("checksum") != hyp.value("checksum"):
        return "compute checksums differ: native %s, Tessera %s" % (nat.value("checksum"), hyp.value("checksum"))
    for key in ("rtc", "mmio_trap"):
        if min(hyp.series(key)) <= min(nat.series(key)):
            return "%s under Tessera is not above native" % key
    na, ha, hi = runs.get("native-suite-aplic"), runs.get("suite-aplic"), runs.get("suite-aplic-imsic")
    nf, hf = runs.get("native-suite-files"), runs.get("suite-files")
    for r in (na, ha, hi, nf, hf):
        if r and r.value("checksum") != nat.value("checksum"):
            return "compute checksums differ on AIA: %s" % r.name
    if na and ha and min(ha.series("rtc")) <= min(na.series("rtc")):
        return "rtc on the APLIC under Tessera is not above native"
    if min(hyp.series("vtimer")) < min(nat.series("vtimer")):
        return "the Sstc timer's latency under Tessera is below native"
    nb, hb = runs.get("native-boot"), runs.get("boot-1vm")
    if nb and hb and hb.value("entry_ns") <= nb.value("entry_ns"):
        return "the guest under Tessera started before the native one"
    nl, hl = runs.get("native-linux"), runs.get("linux")
    if nl and hl:
        for key in ("linux_digest", "linux_gz_bytes"):
            if nl.value(key) != hl.value(key):
                return "Linux's %s differs: native %s, Tessera %s" % (key, nl.value(key), hl.value(key))
    return None


def added(nat, hyp, key):
    ns, hs = base.stats(nat.series(key)) if nat else None, base.stats(hyp.series(key)) if hyp else None
    return ns, hs, (hs["mean"] - ns["mean"] if ns and hs else None)


def tables(runs):
    """results.md's lines: boot, latencies, compute, size."""
    get = lambda n: runs.get(n) if runs.get(n) and not runs[n].error else None
    md = []
    nb, hb = get("native-boot"), get("boot-1vm")
    md += ["", "### Boot: reset to the guest's first instruction (instructions)", "",
           "The cycle CSR at the guest's first instruction. Natively OpenSBI starts the guest; under "
           "Tessera OpenSBI starts the hypervisor, which starts the guest.", "",
           "| run | first guest instruction | added by the hypervisor |", "| --- | --- | --- |"]
    if nb:
        md.append("| native (OpenSBI only) | %s | – |" % base.fmt(nb.value("entry_ns")))
    if hb:
        add = hb.value("entry_ns") - nb.value("entry_ns") if nb else None
        md.append("| boot-1vm | %s | %s |" % (base.fmt(hb.value("entry_ns")), base.fmt(add)))
    if hb and hb.timeline and nb:
        t, first = hb.timeline, hb.value("entry_ns")
        phases = [("OpenSBI to the hypervisor's first instruction (as natively)", 0, nb.value("entry_ns")),
                  ("boot.S, CRC-32 of the image (a table: RV64IMAC has no CRC instruction)", nb.value("entry_ns"), t[0]),
                  ("console, banner, hardware DTB parsed", t[0], t[1]),
                  ("partition DTB parsed and validated", t[1], t[2]),
                  ("VMs built: memory, G-stage tables, images copied", t[2], t[3]),
                  ("partition table printed, harts started", t[3], t[4]),
                  ("to the guest's first instruction", t[4], first)]
        md += ["", "### Boot phases, 1-VM layout (instructions)", "", "| phase | instructions | ends at |",
               "| --- | --- | --- |"]
        md += ["| %s | %s | %s |" % (label, base.fmt(b - a), base.fmt(b)) for label, a, b in phases]
    nat, hyp = get("native-suite"), get("suite")
    md += ["", "### Interrupt latency and trap round trips (instructions; min / mean / p99 / max)", "",
           "Latency: from the event (timer deadline, alarm due) to the guest handler's first cycle "
           "read, through the guest's trap vector (tests/guests/riscv64/start.S: every register "
           "saved) and, for the RTC, the PLIC claim.", "",
           "| figure | native | Tessera | added (mean) |", "| --- | --- | --- | --- |"]
    for key, label, native in LATENCIES:
        ns, hs, add = added(nat if native else None, hyp, key)
        md.append("| %s | %s | %s | %s |" % (label, base.fmt_stats(ns), base.fmt_stats(hs), base.fmt(add)))
    md += aia_table(get)
    md += ["", "### Guest compute (instructions for all repetitions, a 1 kHz timer tick running)", "",
           "Same binary, same data (checksums %s)." % (
               "match" if nat and hyp and nat.value("checksum") == hyp.value("checksum") else "DIFFER"), "",
           "| workload | native | Tessera | overhead |", "| --- | --- | --- | --- |"]
    for key, label in (("matmul", "100x100 uint32 matrix product"), ("qsort", "quicksort of 10000 uint32")):
        n, h = (r.value(key) if r else None for r in (nat, hyp))
        over = "%.4f %%" % ((h / n - 1) * 100) if n and h else "–"
        md.append("| %s x %s | %s | %s | %s |" % (label, nat.value("reps") if nat else "?", base.fmt(n),
                                                   base.fmt(h), over))
    md += linux_table(get("native-linux"), get("linux"))
    size = os.path.getsize(os.path.join(base.OUT, "hyp.bin"))
    md += ["", "hyp.bin (riscv64): %s bytes." % base.fmt(size)]
    return md


AIA_FIGURES = [  # key, label, native run, Tessera run
    ("rtc", "pass-through RTC alarm → handler, APLIC in direct mode (`aia=aplic`)",
     "native-suite-aplic", "suite-aplic"),
    ("rtc", "pass-through RTC alarm → handler, the hypervisor's APLIC delivering MSIs into its "
     "IMSIC file (`aia=aplic-imsic`)", None, "suite-aplic-imsic"),
    ("rtc", "pass-through RTC alarm → handler, MSIs into the guest's IMSIC file (natively its "
     "supervisor file; in a VM with `guest-interrupt-files` its hart's guest file: no exit)",
     "native-suite-files", "suite-files"),
    ("mmio_trap", "APLIC register read (natively the APLIC; emulated in a VM)",
     "native-suite-aplic", "suite-aplic"),
]


def aia_table(get):
    """results.md's AIA lines: the pass-through interrupt through the APLIC."""
    md = ["", "### Interrupt latency on AIA (instructions; min / mean / p99 / max)", "",
          "The same suite built for an APLIC (bench-aplic.bin): the guest drives the supervisor "
          "domain in direct mode, natively QEMU's, in a VM its virtual APLIC, which the hypervisor "
          "feeds from its APLIC driver (claimed in HS-mode, injected; the physical source stays "
          "masked until the guest's next claim). On `aia=aplic-imsic` the hypervisor takes the "
          "source as an MSI from its IMSIC file (stopei) and the VM still sees a direct-mode "
          "virtual APLIC. The \"files\" runs (bench-files.bin, `aia=aplic-imsic,aia-guests=3`) "
          "drive the domain in MSI mode and claim from the hart's IMSIC file through stopei: "
          "natively the supervisor file, in a VM with `guest-interrupt-files` the hart's guest "
          "file, into which the physical APLIC sends the RTC's MSI itself (the hypervisor only "
          "routed the source when the guest set its target): no exit on the way.", "",
          "| figure | native | Tessera | added (mean) |", "| --- | --- | --- | --- |"]
    for key, label, nname, hname in AIA_FIGURES:
        ns, hs, add = added(get(nname) if nname else None, get(hname), key)
        md.append("| %s | %s | %s | %s |" % (label, base.fmt_stats(ns), base.fmt_stats(hs), base.fmt(add)))
    spurious = ["%s %s" % (n, get(n).value("rtc_spurious")) for n in
                ("native-suite-aplic", "suite-aplic", "suite-aplic-imsic", "native-suite-files",
                 "suite-files") if get(n)]
    md += ["", "Claims of the RTC's source with no alarm due (rtc_spurious; the latency counts the "
           "first claim only): %s. QEMU 7.2's APLIC in direct mode keeps a level-sensitive "
           "source's pending bit after its input falls (the AIA spec, 4.7, clears it), so each "
           "alarm is claimed once more, natively and in a VM alike; in a VM that second claim "
           "costs an exit of its own." % ", ".join(spurious)]
    return md


LINUX_FIGURES = [  # key, label
    ("init", "reset to init's first command (Linux's time CSR, since reset)"),
    ("linux_gen_ns", "`seq 1 100000 >/tmp/data` (busybox, tmpfs)"),
    ("linux_sha_ns", "`sha256sum` of it"),
    ("linux_gzip_ns", "`gzip -1` of it to tmpfs"),
]


def linux_value(r, key):
    if r is None:
        return None
    return r.since_reset("linux_init_ns") if key == "init" else r.value(key)


def linux_table(nat, hyp):
    """results.md's Linux lines: boot to init and the userspace workload, native vs Tessera."""
    md = ["", "### Linux: boot to init and a userspace workload (ns = instructions)", "",
          "Debian 13's riscv64 kernel on one hart, 256 MiB, the same initramfs (tests/linux/tests/bench.sh, "
          "/bin/vclock: the time CSR at 10 MHz, so 100 ns steps); virtual time: instructions, plus the "
          "idle periods icount skips. Natively OpenSBI starts Linux on QEMU's device tree; under "
          "Tessera OpenSBI starts the hypervisor, which builds the VM (the kernel and initramfs used in "
          "place) and starts Linux on partitions/riscv64/linux/guest-plic.dts as fixed up. Both get "
          "an rng-seed in /chosen (QEMU's; the VM's own from it: hyp/rng_seed.c). QEMU's tree also has "
          "PCIe, 8 virtio-mmio slots, flash, an RTC and fw_cfg, which the native kernel probes and the "
          "VM's does not have: the VM's kernel can reach init first. Linux's timer is its own "
          "vstimecmp (Sstc). The seeds differ from run to run, and with them some of the kernel's "
          "work: these figures move by a few per cent between runs.", "",
          "| figure | native | Tessera | added |", "| --- | --- | --- | --- |"]
    for key, label in LINUX_FIGURES:
        n, h = linux_value(nat, key), linux_value(hyp, key)
        over = "%s (%+.2f %%)" % (base.fmt(h - n), (h / n - 1) * 100) if n and h else "–"
        md.append("| %s | %s | %s | %s |" % (label, base.fmt(n), base.fmt(h), over))
    if nat and hyp:
        md += ["", "The kernel's own timestamp of \"Run /init\": %s µs native, %s µs under Tessera; the "
               "digests (%s) and compressed sizes (%s bytes) agree." % (
                   base.fmt(nat.value("linux_kernel_us")), base.fmt(hyp.value("linux_kernel_us")),
                   "match" if nat.value("linux_digest") == hyp.value("linux_digest") else "DIFFER",
                   base.fmt(hyp.value("linux_gz_bytes")))]
    return md


def summary(runs):
    """README's lines: the headline figures."""
    get = lambda n: runs.get(n) if runs.get(n) and not runs[n].error else None
    nb, hb, nat, hyp = get("native-boot"), get("boot-1vm"), get("native-suite"), get("suite")
    rows = ["| figure (RISC-V, QEMU virt, OpenSBI, one hart) | native | Tessera | added |", "| --- | --- | --- | --- |"]
    if nb and hb:
        rows.append("| boot: reset to the guest's first instruction | %s | %s | %s |" % (
            base.fmt(nb.value("entry_ns")), base.fmt(hb.value("entry_ns")),
            base.fmt(hb.value("entry_ns") - nb.value("entry_ns"))))
    for key, label, native in LATENCIES:
        ns, hs, add = added(nat if native else None, hyp, key)
        rows.append("| %s, mean | %s | %s | %s |" % (label, base.fmt(ns["mean"]) if ns else "–",
                                                     base.fmt(hs["mean"]) if hs else "–", base.fmt(add)))
    for key in ("matmul", "qsort"):
        n, h = (r.value(key) if r else None for r in (nat, hyp))
        rows.append("| %s x %s | %s | %s | %s |" % (key, nat.value("reps") if nat else "?", base.fmt(n), base.fmt(h),
                                                    "%+.4f %%" % ((h / n - 1) * 100) if n and h else "–"))
    for key, label, nname, hname in AIA_FIGURES:
        ns, hs, add = added(get(nname) if nname else None, get(hname), key)
        rows.append("| %s, mean | %s | %s | %s |" % (label, base.fmt(ns["mean"]) if ns else "–",
                                                     base.fmt(hs["mean"]) if hs else "–", base.fmt(add)))
    nl, hl = get("native-linux"), get("linux")
    for key, label in LINUX_FIGURES:
        n, h = linux_value(nl, key), linux_value(hl, key)
        rows.append("| Linux: %s | %s | %s | %s |" % (label, base.fmt(n), base.fmt(h),
                                                       "%+.2f %%" % ((h / n - 1) * 100) if n and h else "–"))
    return rows


def write_readme(runs):
    with open(base.README) as f:
        text = f.read()
    if README_BEGIN not in text or README_END not in text:
        return "README.md has no RISC-V bench markers"
    head, rest = text.split(README_BEGIN, 1)
    tail = rest.split(README_END, 1)[1]
    body = ["", "", "Latest RISC-V results (`make bench ARCH=riscv64` writes this section; every figure "
            "in `build/bench-riscv64/results.md`). Instructions.", ""] + summary(runs)
    with open(base.README, "w") as f:
        f.write(head + README_BEGIN + "\n".join(body) + "\n\n" + README_END + tail)
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--smoke", action="store_true")
    ap.add_argument("--out")
    ap.add_argument("--only")
    ap.add_argument("--readme", action="store_true")
    args = ap.parse_args()
    plan = SMOKE if args.smoke else FULL
    if args.only:
        plan = {k: v for k, v in plan.items() if k in args.only.split(",")}
    outdir = args.out or os.path.join(ROOT, "build", "bench-riscv64-smoke" if args.smoke else "bench-riscv64")
    os.makedirs(os.path.join(outdir, "logs"), exist_ok=True)
    build = base.subprocess.run(["make", "--no-print-directory", "-s", "-C", ROOT, "ARCH=riscv64", "all",
                                 "bench-guests"], capture_output=True, text=True)
    if build.returncode != 0:
        print(build.stdout + build.stderr)
        print("0 passed, 1 failed")
        return 1
    runs, passed, failed = {}, 0, 0
    for name, run in plan.items():
        res = base.run_qemu(name, run, MACHINES.get(name, "virt"), outdir, make_cmd=qemu_cmd)
        ok = res.error is None and sane(name, res)
        why = res.error or ("" if ok else "figures missing or not sane (log: %s)" %
                            os.path.join(outdir, "logs", name + ".log"))
        runs[name] = res
        passed, failed = passed + ok, failed + (not ok)
        print("%s %-14s %6.1fs  %s" % ("PASS" if ok else "FAIL", name, res.seconds, why))
        if not ok:
            for line in res.lines[-15:]:
                print("    | " + line)
        sys.stdout.flush()
    if not args.only:
        problem = consistency({n: r for n, r in runs.items() if r.error is None})
        passed, failed = passed + (problem is None), failed + (problem is not None)
        print("%s consistency %s" % ("PASS" if problem is None else "FAIL", problem or
              "native and Tessera compute the same; the hypervisor's paths cost more than native"))
    with open(os.path.join(outdir, "results.md"), "w") as f:
        f.write("\n".join(["# Tessera benchmarks, RISC-V (QEMU %s, -icount shift=0,sleep=off)" % base.qemu_version()] + tables(runs)) + "\n")
    print("results: %s" % os.path.join(outdir, "results.md"))
    if args.readme:
        print("README.md: " + (write_readme(runs) or "RISC-V results section rewritten"))
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
