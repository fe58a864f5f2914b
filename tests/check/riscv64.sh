#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
#
# The offline checker for RISC-V (build/riscv64/host/tessera-check, make ARCH=riscv64 checker) on
# every RISC-V e2e layout, against the DTB QEMU's RISC-V virt machine passes (-smp 4 -m 2G,
# dumped by QEMU; with an AIA for a case that does not run on the PLIC): valid, or refused if the case expects errors (allow-errors, unless it says
# "// check: valid": its errors come at run time only), with the
# hypervisor's own messages. OpenSBI adds a reserved-memory node for itself before the
# hypervisor sees the DTB; the dump lacks it, so fdtput adds it (fw_jump's 512 KiB at
# 0x80000000, as OpenSBI names it). Ends with "N passed, N failed".
set -u
cd "$(dirname "$0")/../.." || exit 2

CHECK=build/riscv64/host/tessera-check
OUT=build/check-riscv64
HYP=build/riscv64/hyp.bin
passed=0
failed=0

pass() { echo "PASS $1"; passed=$((passed + 1)); }
fail() { echo "FAIL $1: $2"; failed=$((failed + 1)); }
die() { echo "riscv64.sh: $*"; echo "$passed passed, $((failed + 1)) failed"; exit 1; }

mkdir -p "$OUT"
make --no-print-directory ARCH=riscv64 checker build/riscv64/hyp.bin guests guest-dtbs linux-guest \
	>"$OUT/build.log" 2>&1 ||
	die "make ARCH=riscv64 failed: $(tail -3 "$OUT/build.log")"
# What OpenSBI (fw_jump) adds before it starts the hypervisor: its own memory, reserved.
opensbi_reserved() {
	fdtput -c "$1" /reserved-memory /reserved-memory/mmode_resv0@80000000 &&
		fdtput -t u "$1" /reserved-memory '#address-cells' 2 &&
		fdtput -t u "$1" /reserved-memory '#size-cells' 2 &&
		fdtput -t x "$1" /reserved-memory ranges &&
		fdtput -t x "$1" /reserved-memory/mmode_resv0@80000000 reg 0 0x80000000 0 0x80000 &&
		fdtput "$1" /reserved-memory/mmode_resv0@80000000 no-map ||
		die "fdtput cannot add OpenSBI's reserved memory to $1"
}
qemu-system-riscv64 -M "virt,dumpdtb=$OUT/qemu-virt.dtb" -smp 4 -m 2G -nographic -nic none \
	>/dev/null 2>&1 || die "qemu-system-riscv64 cannot dump the virt DTB"
opensbi_reserved "$OUT/qemu-virt.dtb"
# the hardware DTBs of the cases that give QEMU one ("// qemu: -dtb build/riscv64/virt-*.dtb")
for v in l2 sv39 absent files-claimed; do
	sh tests/e2e/riscv64-dtb.sh $v "$OUT/virt-$v.dtb" >/dev/null || die "cannot make the $v DTB"
	opensbi_reserved "$OUT/virt-$v.dtb"
done

dtc -q -I dts -O dtb -i build/riscv64/guests -o "$OUT/board-hello.dtb" tests/e2e/riscv64/hello.dts
"$CHECK" --hw "$OUT/qemu-virt.dtb" --partitions "$OUT/board-hello.dtb" >"$OUT/board.log" 2>&1
for want in "board: 4 CPUs, timebase 10000000 Hz, Sstc, G-stage Sv48x4" "CPU3 hart 0x3 /cpus/cpu@3 (sbi-hsm)" \
	"irqchip  PLIC /soc/plic@c000000: 0xc000000, 96 sources, 4 hart contexts" \
	"console  /soc/serial@10000000 at 0x10000000 (ns16550a)"; do
	if grep -qF -- "$want" "$OUT/board.log"; then
		pass "board: $want"
	else
		fail "board" "missing: $want"
	fi
done

# The AIA machines: the supervisor-level APLIC domain, delivering directly or into the IMSICs.
for aia in "aplic|APLIC /soc/aplic@d000000: 0xd000000, 96 sources, direct delivery to 4 harts" \
	"aplic-imsic,aia-guests=3|APLIC /soc/aplic@d000000: 0xd000000, 96 sources, MSIs into IMSICs at 0x28000000 (4 harts, 255 identities, 3 guest files each)"; do
	m=${aia%%|*}
	dtb="$OUT/qemu-${m%%,*}.dtb" # qemu-aplic.dtb, qemu-aplic-imsic.dtb: "// gic:" names them
	qemu-system-riscv64 -M "virt,aia=$m,dumpdtb=$dtb" -smp 4 -m 2G -nographic \
		-nic none >/dev/null 2>&1 || die "qemu-system-riscv64 cannot dump the virt,aia=$m DTB"
	opensbi_reserved "$dtb"
	"$CHECK" --hw "$dtb" --partitions "$OUT/board-hello.dtb" >"$OUT/board-aia.log" 2>&1
	if grep -qF -- "irqchip  ${aia#*|}" "$OUT/board-aia.log"; then
		pass "board aia=$m: ${aia#*|}"
	else
		fail "board aia=$m" "missing: irqchip  ${aia#*|} (see $OUT/board-aia.log)"
	fi
done

for layout in tests/e2e/riscv64/*.dts; do
	name=$(basename "$layout" .dts)
	want=0
	grep -q '^// allow-errors' "$layout" && want=1
	# a valid layout whose errors come only at run time (a CPU that does not start, a guest DTB
	# that disagrees with its layout when the VM is built)
	grep -q '^// check: valid' "$layout" && want=0
	# a case that does not run on the PLIC: the first AIA machine it runs on
	g=$(sed -n 's|^// gic: *\([a-z-]*\).*|\1|p' "$layout")
	[ -n "$g" ] || g=plic
	# the test guests and their DTBs, the Linux guest's DTB and assets (as tests/e2e/run.py)
	dtc -q -I dts -O dtb -i build/riscv64/guests -i "build/riscv64/$g" -i build/linux-riscv64 \
		-o "$OUT/$name.dtb" "$layout" 2>/dev/null ||
		{ fail "$name" "dtc failed"; continue; }
	hw="$OUT/qemu-virt.dtb"
	[ "$g" != plic ] && hw="$OUT/qemu-$g.dtb"
	v=$(sed -n 's|^// qemu:.*-dtb build/riscv64/virt-\([a-z0-9]*\)\.dtb.*|\1|p' "$layout")
	[ -n "$v" ] && hw="$OUT/virt-$v.dtb"
	"$CHECK" --hw "$hw" --partitions "$OUT/$name.dtb" --hyp "$HYP" \
		--hyp-at 0x80200000 >"$OUT/$name.log" 2>&1
	rc=$?
	if [ $rc -ne $want ]; then
		fail "$name" "exit $rc, expected $want (see $OUT/$name.log)"
		continue
	fi
	# a refused case: the hypervisor's own messages, the same as at boot
	missing=""
	[ $want -eq 0 ] && { pass "$name (exit $rc)"; continue; }
	while IFS= read -r line; do
		grep -qF -- "$line" "$OUT/$name.log" || missing="$missing [$line]"
	done < <(sed -n 's|^// expect-any: \(/bao-partitions/.*\)|\1|p' "$layout")
	if [ -n "$missing" ]; then
		fail "$name" "missing:$missing"
	else
		pass "$name (exit $rc)"
	fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
