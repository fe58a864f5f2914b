#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Seeds for tests/fuzz/fuzz_config.c: every layout of the repository, each
paired with hardware DTBs, as [u32 le n][n bytes hardware DTB][layout DTB].

Layouts are compiled with dtc against tiny placeholder files for their
/incbin/ blobs (a seed must stay small for the fuzzer to be fast).
Usage: seeds.py OUT_DIR HW_DTB...
"""
import glob
import os
import re
import struct
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
LAYOUTS = ["partitions/*.dts", "partitions/*/layout.dts", "tests/e2e/cases/*.dts",
           "tests/unit/dts/*.dts", "tests/config/*.dts"]


def placeholders(out, layouts):
    """A 64-byte file for every /incbin/ name the layouts use."""
    blobs = os.path.join(out, "blobs")
    os.makedirs(blobs, exist_ok=True)
    for path in layouts:
        for name in re.findall(r'/incbin/\("([^"]+)"', open(path, errors="replace").read()):
            dst = os.path.join(blobs, name)
            os.makedirs(os.path.dirname(dst), exist_ok=True)
            if not os.path.exists(dst):
                with open(dst, "wb") as f:
                    f.write(bytes(range(64)))
    return blobs


def compile_layout(path, blobs, out):
    dtb = os.path.join(out, "layouts", path.replace("/", "_")[:-4] + ".dtb")
    os.makedirs(os.path.dirname(dtb), exist_ok=True)
    cmd = ["dtc", "-q", "-I", "dts", "-O", "dtb", "-i", blobs, "-i", os.path.dirname(path),
           "-o", dtb, path]
    if subprocess.run(cmd, stderr=subprocess.DEVNULL).returncode != 0:
        return None
    return open(dtb, "rb").read()


def main():
    out, hws = sys.argv[1], sys.argv[2:]
    os.chdir(ROOT)
    layouts = sorted(p for g in LAYOUTS for p in glob.glob(g))
    blobs = placeholders(out, layouts)
    seeds = os.path.join(out, "seeds")
    os.makedirs(seeds, exist_ok=True)
    hw_blobs = [(os.path.basename(h)[:-4], open(h, "rb").read()) for h in hws]
    count = 0
    for i, path in enumerate(layouts):
        part = compile_layout(path, blobs, out)
        if part is None:
            continue
        # every layout with the first hardware DTB, one other in turn, and its board's
        pair = {hw_blobs[0], hw_blobs[1 + i % (len(hw_blobs) - 1)]}
        board = os.path.basename(os.path.dirname(path))
        pair |= {(n, hw) for n, hw in hw_blobs if n == board}
        for name, hw in pair:
            seed = os.path.join(seeds, "%s--%s" % (path.replace("/", "_")[:-4], name))
            with open(seed, "wb") as f:
                f.write(struct.pack("<I", len(hw)) + hw + part)
            count += 1
    print("%d seeds from %d layouts and %d hardware DTBs" % (count, len(layouts), len(hws)))


main()
