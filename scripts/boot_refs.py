#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Fails if anything that stays mapped once the VMs run refers to boot-only code or data.

usage: boot_refs.py hyp.elf

The boot-only pages ([__boot_text_start, __boot_text_end), the same for rodata and data:
arch/*/linker.ld) are unmapped after the last CPU enters its VM. hyp.elf is linked with
--emit-relocs, so it keeps every reference the linker resolved: a call, a branch, an
address taken in code, a pointer in a table. Each one whose site lies outside the boot pages
and whose target lies inside them is a reference run-time code could follow into an unmapped
page: listed with the function or object that holds it and the symbol it names. Exit 1 if
there is any, 0 otherwise. The boundary symbols themselves (__boot_*) are addresses, not
references into the pages, and are allowed; so are the other boundaries of the linker script
(_rodata_start is where the boot-only rodata begins).
"""
import re
import subprocess
import sys

READELF = "aarch64-linux-gnu-readelf"
# The entry code ([_head, _head_end): .text.head, arch/*/boot.S) starts every CPU on its boot
# path before any CPU enters a VM; it is never entered again once the VMs run (the hypervisor
# starts CPUs only at boot), so its calls of these two are the boot's own.
ENTRY_CALLS = ("hyp_boot_primary", "hyp_boot_secondary")
# Pointers to boot-only functions a run-time table holds, each followed at boot alone:
# (the table's symbol, the function). A UART driver's init reads the hardware DTB and only
# console_init, at boot, calls it; the console keeps the driver for its write and getc.
BOOT_POINTERS = {("ns16550_driver", "ns16550_init")}
PARTS = ("text", "rodata", "data")


def readelf(args, elf):
    return subprocess.run([READELF, "-W"] + args + [elf], capture_output=True, text=True,
                          check=True).stdout


def symbols(elf):
    """(value, size, name) of every function and object; every symbol's value by name; the
    linker script's boundaries (NOTYPE, no size, a leading '_': addresses, not contents)."""
    syms, named, bounds = [], {}, set()
    for line in readelf(["-s"], elf).splitlines():
        f = line.split()
        if len(f) < 8 or not f[0].endswith(":") or not f[0][:-1].isdigit():
            continue
        value, size, kind, name = int(f[1], 16), int(f[2], 0), f[3], f[7]
        named[name] = value
        if kind in ("FUNC", "OBJECT") and size:
            syms.append((value, size, name))
        if kind == "NOTYPE" and not size and name.startswith("_"):
            bounds.add(name)
    return sorted(syms), named, bounds


def sections(elf):
    """name -> address of every allocated section (relocations are listed per section)."""
    out = {}
    for m in re.finditer(r"\]\s+(\S+)\s+\S+\s+([0-9a-f]+)\s+[0-9a-f]+\s+[0-9a-f]+\s+\S+\s+(\S*A\S*)\s",
                         readelf(["-S"], elf)):
        out[m.group(1)] = int(m.group(2), 16)
    return out


def holder(syms, addr):
    for value, size, name in syms:
        if value <= addr < value + size:
            return name
    return "0x%x" % addr


def main():
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    elf = sys.argv[1]
    syms, named, bounds = symbols(elf)
    secs = sections(elf)
    try:
        boot = [(named["__boot_%s_start" % p], named["__boot_%s_end" % p]) for p in PARTS]
    except KeyError as e:
        print("boot_refs: %s has no %s: not linked with the boot sections" % (elf, e))
        return 1
    inboot = lambda a: any(s <= a < e for s, e in boot)
    bad, site_sec = [], None
    for line in readelf(["-r"], elf).splitlines():
        m = re.match(r"Relocation section '\.rela(\S+)'", line)
        if m:
            site_sec = m.group(1) if m.group(1) in secs else None
            continue
        f = line.split()
        if site_sec is None or len(f) < 5 or not re.fullmatch(r"[0-9a-f]{16}", f[0]):
            continue
        site = int(f[0], 16)
        name = f[4]
        addend = int(line.rsplit(None, 1)[1], 16) if " + " in line else 0
        if " - " in line:
            addend = -int(line.rsplit(None, 1)[1], 16)
        target = int(f[3], 16) + addend
        entry = named["_head"] <= site < named["_head_end"] and name in ENTRY_CALLS
        if name in bounds or inboot(site) or not inboot(target) or entry:
            continue
        tname = name if not name.startswith(".") else holder(syms, target)  # a section symbol
        if (holder(syms, site), tname) in BOOT_POINTERS:
            continue
        bad.append("%s refers to %s (0x%x), which is boot-only" % (holder(syms, site), tname,
                                                                    target))
    for b in sorted(set(bad)):
        print("boot_refs: " + b)
    if bad:
        print("boot_refs: %d reference(s) from run-time code or data into the boot-only pages "
              "(hyp/config.mk: BOOT_SRCS)" % len(set(bad)))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
