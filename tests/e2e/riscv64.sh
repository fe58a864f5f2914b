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
# The coloring cases' hardware DTB (their "// qemu: -dtb build/riscv64/virt-l2.dtb").
sh tests/e2e/riscv64-l2-dtb.sh build/riscv64/virt-l2.dtb || exit 1

if [ "${1:-}" = uboot ]; then
	shift
	ARCH=riscv64 exec python3 tests/e2e/uboot.py "$@"
fi
ARCH=riscv64 exec python3 tests/e2e/run.py "$@"
