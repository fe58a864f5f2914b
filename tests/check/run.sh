#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
#
# The offline checker on every layout of the repository:
#  - each partitions/<board>/layout.dts on that real board's hardware DTB
#    (scripts/boards.sh): valid, with the lines of tests/check/boards.expect;
#  - every QEMU layout (partitions/*.dts, tests/e2e/cases/*.dts) on the DTB
#    QEMU virt really passes (GICv3 and GICv2): valid, or refused if the case
#    expects errors (allow-errors);
#  - the bad-config corpus (tests/config/run.py).
# Prints PASS/FAIL per check and ends with "N passed, N failed".
set -u
cd "$(dirname "$0")/../.." || exit 2

CHECK=build/host/tessera-check
OUT=build/check
GUESTS=build/aarch64/guests
HYP=build/aarch64/hyp.bin
passed=0
failed=0

pass() { echo "PASS $1"; passed=$((passed + 1)); }
fail() { echo "FAIL $1: $2"; failed=$((failed + 1)); }
die() { echo "run.sh: $*"; echo "$passed passed, $((failed + 1)) failed"; exit 1; }

[ -x "$CHECK" ] && [ -f "$HYP" ] && [ -d "$GUESTS" ] || die "run make first ($CHECK, $HYP)"
mkdir -p "$OUT"
scripts/boards.sh build/boards >"$OUT/boards.log" 2>&1 || die "boards.sh failed: $(tail -3 "$OUT/boards.log")"

layout_dtb() { # dts dtb
	dtc -q -I dts -O dtb -i "$GUESTS" -i build/aarch64/gic3 -i build/linux -o "$2" "$1"
}

check_board() {
	local layout=$1 board
	board=$(basename "$(dirname "$layout")")
	layout_dtb "$layout" "$OUT/$board.dtb" || { fail "$board" "dtc failed"; return; }
	"$CHECK" --hw "build/boards/$board.dtb" --partitions "$OUT/$board.dtb" --hyp "$HYP" \
		>"$OUT/$board.log" 2>&1
	local rc=$? missing=""
	while IFS= read -r want; do
		grep -qF -- "$want" "$OUT/$board.log" || missing="$missing [$want]"
	done < <(sed -n "s/^$board: //p" tests/check/boards.expect)
	if [ $rc -ne 0 ] || [ -n "$missing" ]; then
		fail "board $board" "exit $rc, missing:$missing (see $OUT/$board.log)"
	else
		pass "board $board ($(tail -1 "$OUT/$board.log" | sed 's/.*: //'))"
	fi
}

# e2e cases whose errors come when the VM is built (its guest DTB), after validation.
BUILD_TIME_ERRORS=" guest-dtb-mismatch "

# A layout for QEMU virt: expect exit 1 if the case allows errors, else 0.
check_virt() {
	local layout=$1 gic=$2 name want=0 rc gics
	name=$(basename "$layout" .dts)
	gics=$(sed -n 's|^// gic:||p' "$layout")
	[ -n "$gics" ] && [[ " $gics " != *" $gic "* ]] && return
	grep -q '^// machine:' "$layout" && return # another machine's case: check_machine
	grep -q '^// patch:' "$layout" && return # corrupted after dtc: the corpus has the checker's side
	grep -q '^// allow-errors' "$layout" && [[ "$BUILD_TIME_ERRORS" != *" $name "* ]] && want=1
	layout_dtb "$layout" "$OUT/virt-$name.dtb" 2>/dev/null || { fail "virt $name" "dtc failed"; return; }
	# the count of INTIDs QEMU's GICD_TYPER reports, which the boot reads and no DTB says
	"$CHECK" --hw "$OUT/qemu-virt-gicv$gic.dtb" --partitions "$OUT/virt-$name.dtb" \
		--hyp "$HYP" --hyp-at 0x40200000 --gic-irqs "$([ "$gic" = 3 ] && echo 256 || echo 288)" \
		>"$OUT/virt-$name-gicv$gic.log" 2>&1
	rc=$?
	if [ $rc -eq $want ]; then
		pass "virt gicv$gic $name (exit $rc)"
	else
		fail "virt gicv$gic $name" "exit $rc, expected $want (see $OUT/virt-$name-gicv$gic.log)"
	fi
}

# An e2e case for another QEMU machine ("// machine: zcu102"), on the DTB QEMU gives the
# hypervisor there: the board's (scripts/boards.sh) with /memory rewritten for -m 2G, dumped
# by QEMU itself; hyp.bin at PA 0x200000, where QEMU loads it on that machine.
check_machine() {
	local layout=$1 name machine want=0 rc mem hw
	name=$(basename "$layout" .dts)
	machine=$(sed -n 's|^// machine: *||p' "$layout")
	[ "$machine" = zcu102 ] || { fail "$name" "unknown machine '$machine'"; return; }
	# the case's own -m (its "// qemu:" line), which QEMU writes into the DTB's /memory
	mem=$(sed -n 's|^// qemu:.*-m \([0-9A-Za-z]*\).*|\1|p' "$layout")
	mem=${mem:-2G}
	hw="$OUT/qemu-zcu102-$mem.dtb"
	if [ ! -f "$hw" ]; then
		qemu-system-aarch64 -M "xlnx-zcu102,virtualization=on,dumpdtb=$hw" \
			-m "$mem" -audiodev none,id=n -nographic -nic none -dtb build/boards/zcu102.dtb \
			>/dev/null 2>&1 || die "qemu-system-aarch64 cannot dump the xlnx-zcu102 DTB"
	fi
	grep -q '^// allow-errors' "$layout" && want=1
	dtc -q -I dts -O dtb -i "$GUESTS/$machine" -i "$GUESTS" -i build/linux -o "$OUT/$machine-$name.dtb" "$layout" \
		2>/dev/null || { fail "$machine $name" "dtc failed"; return; }
	"$CHECK" --hw "$hw" --partitions "$OUT/$machine-$name.dtb" \
		--hyp "$HYP" --hyp-at 0x200000 >"$OUT/$machine-$name.log" 2>&1
	rc=$?
	if [ $rc -eq $want ]; then
		pass "$machine $name (exit $rc)"
	else
		fail "$machine $name" "exit $rc, expected $want (see $OUT/$machine-$name.log)"
	fi
}

for layout in partitions/*/layout.dts; do
	check_board "$layout"
done
rm -f "$OUT"/qemu-zcu102-*.dtb
for layout in tests/e2e/cases/*.dts; do
	grep -q '^// machine:' "$layout" && check_machine "$layout"
done
for gic in 3 2; do
	qemu-system-aarch64 -M "virt,virtualization=on,gic-version=$gic,dumpdtb=$OUT/qemu-virt-gicv$gic.dtb" \
		-cpu cortex-a53 -smp 4 -m 2G -nographic -nic none >/dev/null 2>&1 ||
		die "qemu-system-aarch64 cannot dump the virt DTB"
	for layout in partitions/*.dts tests/e2e/cases/*.dts; do
		[ -f "$layout" ] && check_virt "$layout" "$gic"
	done
done
if [ -f tests/config/run.py ]; then
	python3 tests/config/run.py | tee "$OUT/config.log"
	line=$(tail -1 "$OUT/config.log")
	if [[ "$line" =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]]; then
		passed=$((passed + BASH_REMATCH[1]))
		failed=$((failed + BASH_REMATCH[2]))
	else
		fail "bad-config corpus" "tests/config/run.py gave no result line"
	fi
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
