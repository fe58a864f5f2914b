#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Variants of QEMU's RISC-V virt DTB (-smp 4 -m 2G) for the cases that give QEMU their own
# with -dtb (tests/e2e/riscv64.sh) and for the checker (tests/check/riscv64.sh):
#   l2    a last-level cache described, which QEMU's has not: a 1 MiB, 16-way L2 of 64-byte
#         lines shared by the 4 harts, 1024 sets, so 16 colors of 4 KiB pages (DT spec 3.9,
#         next-level-cache);
#   sv39  harts that say they have Sv39 only (mmu-type "riscv,sv39"; QEMU 7.2's have Sv48 and
#         no option to say otherwise): the hypervisor then gives VMs Sv39x4, 39-bit addresses.
#   tests/e2e/riscv64-dtb.sh l2|sv39 OUT.dtb
variant=$1 dtb=$2
qemu-system-riscv64 -M "virt,dumpdtb=$dtb" -smp 4 -m 2G -nographic -nic none >/dev/null 2>&1 ||
	{ echo "qemu-system-riscv64 cannot dump the virt DTB"; exit 1; }
case "$variant" in
l2)
	{ fdtput -c "$dtb" /cpus/l2-cache &&
		fdtput "$dtb" /cpus/l2-cache compatible cache &&
		fdtput -t x "$dtb" /cpus/l2-cache cache-level 2 &&
		fdtput -t x "$dtb" /cpus/l2-cache cache-size 0x100000 &&
		fdtput -t x "$dtb" /cpus/l2-cache cache-sets 0x400 &&
		fdtput -t x "$dtb" /cpus/l2-cache cache-line-size 0x40 &&
		fdtput -t x "$dtb" /cpus/l2-cache phandle 0x7e55 &&
		fdtput "$dtb" /cpus/l2-cache cache-unified &&
		for n in 0 1 2 3; do fdtput -t x "$dtb" /cpus/cpu@$n next-level-cache 0x7e55 || exit 1; done; } ||
		{ echo "fdtput cannot describe the L2 in $dtb"; exit 1; } ;;
sv39)
	for n in 0 1 2 3; do
		fdtput "$dtb" /cpus/cpu@$n mmu-type riscv,sv39 || { echo "fdtput failed on $dtb"; exit 1; }
	done ;;
*) echo "riscv64-dtb.sh: no variant '$variant' (l2, sv39)"; exit 2 ;;
esac
