#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# The RISC-V end-to-end suite: builds the riscv64 hypervisor and its test guests (make
# ARCH=riscv64), then runs tests/e2e/riscv64/ under qemu-system-riscv64 with Debian's OpenSBI,
# or with "uboot" first, tests/e2e/uboot-riscv64/ through U-Boot (tests/e2e/uboot.py).
# A build failure leaves no result line, which make test counts as a failure.
cd "$(dirname "$0")/../.." || exit 1
make --no-print-directory ARCH=riscv64 build/riscv64/hyp.bin guests >build/test-logs/riscv64-build.log 2>&1 || {
	tail -20 build/test-logs/riscv64-build.log
	echo "riscv64 build failed (build/test-logs/riscv64-build.log)"
	exit 1
}
# QEMU's RISC-V virt DTB with a last-level cache described (QEMU's has none), for the coloring
# cases (their "// qemu: -dtb build/riscv64/virt-l2.dtb"): a 1 MiB, 16-way L2 of 64-byte lines
# shared by the 4 harts, 1024 sets: 16 colors of 4 KiB pages (DT spec 3.9, next-level-cache).
dtb=build/riscv64/virt-l2.dtb
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

if [ "${1:-}" = uboot ]; then
	shift
	ARCH=riscv64 exec python3 tests/e2e/uboot.py "$@"
fi
ARCH=riscv64 exec python3 tests/e2e/run.py "$@"
