#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# The whole suite: layout (clang-format), host unit tests, the run-time core's host tests on
# the fake architecture, then QEMU end-to-end tests (direct, then through U-Boot).
# Ends with the total "N passed, N failed"; exits non-zero on any failure.
cd "$(dirname "$0")/.." || exit 1
log=build/test-logs
mkdir -p "$log"
total_p=0 total_f=0 status=0

suite() {
	name=$1
	shift
	echo "== $name"
	"$@" 2>&1 | tee "$log/$name.log"
	rc=$?
	line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$log/$name.log" | tail -1)
	if [ -z "$line" ]; then
		echo "$name: no result line (exit $rc)"
		total_f=$((total_f + 1))
		status=1
		return
	fi
	p=${line%% passed*}
	f=${line#*passed, }
	f=${f%% failed*}
	total_p=$((total_p + p))
	total_f=$((total_f + f))
	[ "$f" -eq 0 ] || status=1
}

suite format sh tests/format/run.sh
suite unit bash tests/unit/run.sh
suite unit-riscv64 env ARCH=riscv64 bash tests/unit/run.sh
suite fake bash tests/fake/run.sh
suite analyze bash tests/analyze/run.sh
suite misra bash tests/misra/run.sh
suite misra-riscv64 env ARCH=riscv64 bash tests/misra/run.sh
suite misra-classify python3 tests/misra/test_classify.py
suite check bash tests/check/run.sh
suite boot_refs bash tests/boot_refs/run.sh
suite fuzz bash tests/fuzz/run.sh 45
suite e2e python3 tests/e2e/run.py
suite e2e-riscv64 sh tests/e2e/riscv64.sh
suite check-riscv64 bash tests/check/riscv64.sh
suite linux-native-riscv64 sh tests/linux/native-check.sh --arch riscv64
suite bench python3 tests/bench/run.py --smoke
suite bench-riscv64 python3 tests/bench/riscv64.py --smoke
suite bench-zcu102 python3 tests/bench/run.py --board zcu102
suite uboot python3 tests/e2e/uboot.py
suite uboot-riscv64 sh tests/e2e/riscv64.sh uboot
echo "== total"
echo "$total_p passed, $total_f failed"
exit $status
