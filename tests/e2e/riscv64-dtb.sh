#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Variants of QEMU's RISC-V virt DTB (-smp 4 -m 2G) for the cases that give QEMU their own
# with -dtb (tests/e2e/riscv64.sh) and for the checker (tests/check/riscv64.sh):
#   l2    a last-level cache described, which QEMU's has not: a 1 MiB, 16-way L2 of 64-byte
#         lines shared by the 4 harts, 1024 sets, so 16 colors of 4 KiB pages (DT spec 3.9,
#         next-level-cache);
#   sv39  harts that say they have Sv39 only (mmu-type "riscv,sv39"; QEMU 7.2's have Sv48 and
#         no option to say otherwise): the hypervisor then gives VMs Sv39x4, 39-bit addresses;
#   absent  a fifth hart (hart id 4) that QEMU (-smp 4) does not have: a CPU the DTB names
#         that never comes up (the firmware accepts hart_start, nothing runs there).
#   files-claimed  virt,aia=aplic-imsic without guest files (aia-guests=0: the harts' hgeie
#         has no bit, GEILEN 0) whose supervisor IMSIC node says 3 guest files a hart
#         (riscv,guest-index-bits 2, reg of 4 harts x 4 pages): a DTB that lies about them.
#   tests/e2e/riscv64-dtb.sh l2|sv39|absent|files-claimed OUT.dtb
variant=$1 dtb=$2
machine=virt
[ "$variant" = files-claimed ] && machine=virt,aia=aplic-imsic
qemu-system-riscv64 -M "$machine,dumpdtb=$dtb" -smp 4 -m 2G -nographic -nic none >/dev/null 2>&1 ||
	{ echo "qemu-system-riscv64 cannot dump the $machine DTB"; exit 1; }
case "$variant" in
l2)
	{ fdtput -c "$dtb" /cpus/l2-cache &&
		fdtput -t s "$dtb" /cpus/l2-cache compatible cache &&
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
		fdtput -t s "$dtb" /cpus/cpu@$n mmu-type riscv,sv39 || { echo "fdtput failed on $dtb"; exit 1; }
	done ;;
absent)
	c=/cpus/cpu@4
	{ fdtput -c "$dtb" $c $c/interrupt-controller &&
		fdtput -t s "$dtb" $c device_type cpu && fdtput -t x "$dtb" $c reg 4 &&
		fdtput -t s "$dtb" $c status okay && fdtput -t s "$dtb" $c compatible riscv &&
		fdtput -t s "$dtb" $c riscv,isa "$(fdtget "$dtb" /cpus/cpu@3 riscv,isa)" &&
		fdtput -t s "$dtb" $c mmu-type "$(fdtget "$dtb" /cpus/cpu@3 mmu-type)" &&
		fdtput -t x "$dtb" $c/interrupt-controller '#interrupt-cells' 1 &&
		fdtput "$dtb" $c/interrupt-controller interrupt-controller &&
		fdtput -t s "$dtb" $c/interrupt-controller compatible riscv,cpu-intc &&
		fdtput -t x "$dtb" $c/interrupt-controller phandle 0x7e56; } ||
		{ echo "fdtput cannot add a hart to $dtb"; exit 1; } ;;
files-claimed)
	n=/soc/imsics@28000000
	{ fdtput -t x "$dtb" $n riscv,guest-index-bits 2 &&
		fdtput -t x "$dtb" $n reg 0 0x28000000 0 0x10000; } ||
		{ echo "fdtput cannot give $n guest files in $dtb"; exit 1; } ;;
*) echo "riscv64-dtb.sh: no variant '$variant' (l2, sv39, absent, files-claimed)"; exit 2 ;;
esac
