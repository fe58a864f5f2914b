#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""End-to-end tests through U-Boot, the way a user boots a board.

One boot disk (scripts/mkbootdisk.sh: FAT partition with boot.scr, hyp.bin, one
partition DTB per layout, separately loaded guest images) holds every case of
tests/e2e/uboot/<name>.dts as layout <name>. Each run boots QEMU virt
(virtualization=on, GICv3 and GICv2 unless "// gic:" says otherwise, 4 CPUs) with Debian's U-Boot as firmware and the disk
on virtio-blk, stops autoboot, types "setenv layout <name>; boot" at the prompt
and checks the case's lines (directives as in tests/e2e/run.py; "// boot: autoboot"
leaves the prompt alone and makes the case the disk's default layout). Every run
checks that the banner and U-Boot's crc32 of the file it loaded show the crc32 of
build/<arch>/hyp.bin: one binary, many layouts. Fails on a timeout, "[tessera] PANIC", "TEST FAIL", an unexpected
"[tessera] error:" or a failed boot script. Prints one line per run and ends with
"N passed, N failed".
  python3 tests/e2e/uboot.py [case...]
"""
import os
import subprocess
import sys
import zlib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from run import ARCH, OUT, RISCV_FW, ROOT, Run, parse_case, run_all, run_cmd  # noqa: E402

# RISC-V (ARCH=riscv64): Debian's S-mode U-Boot as OpenSBI's payload (fw_jump, -kernel), its
# cases in tests/e2e/uboot-riscv64/.
RISCV = ARCH == "riscv64"
UBOOT = ("/usr/lib/u-boot/qemu-riscv64_smode/u-boot.bin" if RISCV else
         "/usr/lib/u-boot/qemu_arm64/u-boot.bin")
CASES = os.path.join(ROOT, "tests", "e2e", "uboot-riscv64" if RISCV else "uboot")


def disk_path(gic):
    return os.path.join(OUT, "uboot-e2e-%s.img" % ("plic" if RISCV else "gicv" + gic))


def load_cases(only):
    cases = []
    for name in sorted(os.listdir(CASES)):
        if not name.endswith(".dts"):
            continue
        case = parse_case(os.path.join(CASES, name))
        case["autoboot"] = False
        with open(case["path"]) as f:
            case["autoboot"] = any(l.strip() == "// boot: autoboot" for l in f)
        case["selected"] = not only or case["name"] in only
        cases.append(case)
    return cases


def build_disk(cases, gic):
    """Every case on one disk per GIC version (the runs differ only by the layout U-Boot
    picks; a Linux guest's DTB depends on the GIC)."""
    default = [c["name"] for c in cases if c["autoboot"]][:1]
    cmd = ["scripts/mkbootdisk.sh", "-o", disk_path(gic), "--arch", ARCH]
    cmd += [] if RISCV else ["--gic", gic]
    cmd += ["--default"] + default if default else []
    cmd += [os.path.relpath(c["path"], ROOT) for c in cases]
    res = subprocess.run(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    if res.returncode:
        sys.stdout.write(res.stdout.decode(errors="replace"))
    return res.returncode == 0


def uboot_run(case, gic, crc):
    run = Run(case, gic, crc)
    # Run puts the crc32 banner first; here it comes after U-Boot's lines: match it anywhere.
    run.any.append(run.expect.pop(0))
    run.any.append("==> %08x" % crc)  # U-Boot's crc32 of the hyp.bin it loaded
    steps = ["Hit any key to stop autoboot"]
    if not case["autoboot"]:
        steps += [("send", "\n"), "=> ", ("send", "setenv layout %s; boot\n" % case["name"])]
    run.expect = steps + run.expect
    case = dict(case, reject=case["reject"] + ["tessera: boot failed", "SCRIPT FAILED"])
    if RISCV:
        board = ["qemu-system-riscv64", "-M", "virt", "-bios", RISCV_FW, "-kernel", UBOOT]
    else:
        board = ["qemu-system-aarch64", "-M", "virt,virtualization=on,gic-version=" + gic,
                 "-cpu", "cortex-a53", "-bios", UBOOT]
    cmd = board + ["-smp", "4", "-m", "2G", "-nographic", "-no-reboot", "-nic", "none",
           "-drive", "if=none,file=%s,format=raw,id=boot" % disk_path(gic),
           "-device", "virtio-blk-device,drive=boot"] + case["qemu"]
    return run_cmd(case, cmd, run)


def main():
    only = sys.argv[1:]
    hyp = os.path.join(OUT, "hyp.bin")
    with open(hyp, "rb") as f:
        image = f.read()
    crc = zlib.crc32(image) & 0xffffffff
    cases = load_cases(only)
    gics = sorted({g for c in cases if c["selected"] for g in c["gic"]}, reverse=True)
    for gic in gics:
        if not build_disk(cases, gic):
            print("FAIL boot disk (GICv%s): scripts/mkbootdisk.sh failed" % gic)
            print("0 passed, 1 failed")
            return 1
        with open(os.path.join(disk_path(gic)[:-4], "hyp.bin"), "rb") as f:
            if f.read() != image:
                print("FAIL boot disk: %s changed while the disk was built" % hyp)
                print("0 passed, 1 failed")
                return 1
    print("U-Boot %s, hyp.bin crc32 0x%08x, disks %s" % (
        UBOOT, crc, " ".join(os.path.relpath(disk_path(g), ROOT) for g in gics)))
    return run_all(("uboot %s (%s)" % (c["name"], "PLIC" if RISCV else "GICv" + g), c,
                    lambda c=c, g=g: uboot_run(c, g, crc))
                   for c in cases if c["selected"] for g in c["gic"])


if __name__ == "__main__":
    sys.exit(main())
