#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# QEMU's RISC-V virt DTB (-smp 4 -m 2G) with a last-level cache described, which QEMU's has
# not: a 1 MiB, 16-way L2 of 64-byte lines shared by the 4 harts, 1024 sets, so 16 colors of
# 4 KiB pages (DT spec 3.9, next-level-cache). For the coloring cases, which give it to QEMU
# with -dtb (tests/e2e/riscv64.sh) and to the checker (tests/check/riscv64.sh).
#   tests/e2e/riscv64-l2-dtb.sh OUT.dtb
dtb=$1
{ qemu-system-riscv64 -M "virt,dumpdtb=$dtb" -smp 4 -m 2G -nographic -nic none >/dev/null 2>&1 &&
	fdtput -c "$dtb" /cpus/l2-cache &&
	fdtput "$dtb" /cpus/l2-cache compatible cache &&
	fdtput -t x "$dtb" /cpus/l2-cache cache-level 2 &&
	fdtput -t x "$dtb" /cpus/l2-cache cache-size 0x100000 &&
	fdtput -t x "$dtb" /cpus/l2-cache cache-sets 0x400 &&
	fdtput -t x "$dtb" /cpus/l2-cache cache-line-size 0x40 &&
	fdtput -t x "$dtb" /cpus/l2-cache phandle 0x7e55 &&
	fdtput "$dtb" /cpus/l2-cache cache-unified &&
	for n in 0 1 2 3; do fdtput -t x "$dtb" /cpus/cpu@$n next-level-cache 0x7e55 || exit 1; done; } ||
	{ echo "cannot make $dtb (qemu-system-riscv64 dumpdtb, fdtput)"; exit 1; }
