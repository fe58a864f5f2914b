#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# The RISC-V end-to-end suite: builds the riscv64 hypervisor and its test guests (make
# ARCH=riscv64), then runs tests/e2e/riscv64/ under qemu-system-riscv64 with Debian's OpenSBI,
# or with "uboot" first, tests/e2e/uboot-riscv64/ through U-Boot (tests/e2e/uboot.py).
# A build failure leaves no result line, which make test counts as a failure.
cd "$(dirname "$0")/../.." || exit 1
mkdir -p build/test-logs
# The guests' DTBs and the Linux guest's assets (scripts/linux-guest-riscv64.sh, cached) too.
make --no-print-directory ARCH=riscv64 build/riscv64/hyp.bin guests guest-dtbs linux-guest \
	>build/test-logs/riscv64-build.log 2>&1 || {
	tail -20 build/test-logs/riscv64-build.log
	echo "riscv64 build failed (build/test-logs/riscv64-build.log)"
	exit 1
}
# The hardware DTBs of the cases that give QEMU one ("// qemu: -dtb build/riscv64/virt-*.dtb").
for v in l2 sv39 absent files-claimed; do
	sh tests/e2e/riscv64-dtb.sh $v build/riscv64/virt-$v.dtb || exit 1
done

if [ "${1:-}" = uboot ]; then
	shift
	ARCH=riscv64 exec python3 tests/e2e/uboot.py "$@"
fi
ARCH=riscv64 exec python3 tests/e2e/run.py "$@"
