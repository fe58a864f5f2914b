#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
#
# Fuzzing with libFuzzer (clang-14) of what the hypervisor reads from the
# partition DTB: the config code (tests/fuzz/fuzz_config.c) and the guest DTB
# fix-ups on libfdt (tests/fuzz/fuzz_guest_dtb.c); and of what a hostile guest
# can make it do at run time: traps, PSCI, hypercalls, the emulated GIC,
# virtual UART and doorbells (tests/fuzz/fuzz_devices.c, on the host stand-in
# for the machine in tests/fuzz/host/):
#  1. builds build/fuzz/fuzz-config, fuzz-guest-dtb and fuzz-devices with ASan + UBSan;
#  2. replays every crash kept in tests/fuzz/regress/ (one test each; guest-dtb-*
#     files go to the guest DTB target, devices-* to the devices target);
#  3. replays the seeds: every layout of the repository on hardware DTBs
#     (QEMU virt, the test DTBs, the real boards of scripts/boards.sh);
#  4. fuzzes for SECONDS (default 60: a third on the devices target, a quarter
#     on the guest DTB target, the rest on the config), from the seeds and the
#     corpus kept in build/fuzz/ across runs.
# A crash is left in build/fuzz/crash-*: fix it, then keep the input in
# tests/fuzz/regress/ so it is replayed from then on.
# Usage: tests/fuzz/run.sh [SECONDS]. Ends with "N passed, N failed".
set -u
cd "$(dirname "$0")/../.." || exit 2

SECS=${1:-60}
OUT=build/fuzz
CC=${FUZZ_CC:-$(command -v clang-14 || command -v clang)}
BIN=$OUT/fuzz-config
passed=0
failed=0

pass() { echo "PASS $1"; passed=$((passed + 1)); }
fail() { echo "FAIL $1"; failed=$((failed + 1)); }
die() { echo "fuzz: $*"; echo "$passed passed, $((failed + 1)) failed"; exit 1; }

[ -n "$CC" ] || die "no clang (scripts/deps.sh test installs clang-14 and libclang-rt-14-dev)"
[ -f build/libfdt/fdt.h ] || die "no build/libfdt (run make)"
mkdir -p "$OUT/corpus" "$OUT/hw"
FLAGS=(-g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all -Wall -Wextra -Werror
	-Wno-unused-parameter -I hyp/include -I build/libfdt -idirafter hyp/lib/include)
ARCH_INC=(-I "arch/${ARCH:-aarch64}/include" -I drivers)
# The configuration layer as the hypervisor builds it (hyp/config.mk), with its libfdt files.
CONFIG_SRCS=$(make -s --no-print-directory print-config-srcs) || die "make print-config-srcs failed"
"$CC" "${FLAGS[@]}" "${ARCH_INC[@]}" $CONFIG_SRCS build/libfdt/{fdt,fdt_ro}.c tests/fuzz/fuzz_config.c \
	-o "$BIN" ||
	die "the fuzz target does not build ($CC: libclang-rt-14-dev missing?)"
# libfdt as the hypervisor gets it (build/libfdt, extracted by make)
"$CC" "${FLAGS[@]}" "${ARCH_INC[@]}" -Wno-sign-compare hyp/dt.c hyp/dt_check.c hyp/dt_tree.c hyp/dt_write.c \
	build/libfdt/{fdt,fdt_ro,fdt_rw,fdt_wip,fdt_strerror,fdt_addresses}.c \
	tests/fuzz/fuzz_guest_dtb.c -o "$OUT/fuzz-guest-dtb" || die "fuzz_guest_dtb.c does not build"
# The run-time code, unchanged, over the host's stand-in for the machine (its headers first).
"$CC" "${FLAGS[@]}" -Wno-sign-compare -I tests/fuzz/host/include -I hyp/lib/host -I tests/fuzz \
	"${ARCH_INC[@]}" \
	hyp/{cpu,vcpu,mmio,vuart,hypercall,ipc,console,console_text,ratelimit,color,palloc,pt,dt,dt_tree,config_report,config_hw_owned}.c \
	drivers/irqchip/{irqchip_dt,gic_dt}.c \
	arch/aarch64/{arch_hw,traps,inject,psci,vgic,vgic_dist,vgic_pending,vgicv3,pt_format,vuart_pl011}.c build/libfdt/{fdt,fdt_ro}.c \
	tests/fuzz/host/host.c hyp/lib/host/vwprintf.c tests/fuzz/fuzz_devices.c tests/fuzz/fuzz_devices_promises.c -o "$OUT/fuzz-devices" ||
	die "fuzz_devices.c does not build"

# Hardware DTBs: QEMU virt (as dumped by tests/check/run.sh), the unit tests', the boards.
for f in tests/unit/dts/hw-*.dts; do
	dtc -q -I dts -O dtb -o "$OUT/hw/$(basename "$f" .dts).dtb" "$f" || die "dtc $f"
done
hws=("$OUT"/hw/hw-virt-gicv3.dtb build/check/qemu-virt-gicv*.dtb "$OUT"/hw/*.dtb)
scripts/boards.sh build/boards >/dev/null 2>&1 && hws+=(build/boards/*.dtb)
python3 tests/fuzz/seeds.py "$OUT" $(ls -1 "${hws[@]}" 2>/dev/null | awk '!seen[$0]++') ||
	die "cannot build the seeds"

for f in tests/fuzz/regress/*; do
	[ -f "$f" ] || continue
	target=$BIN
	[[ "$(basename "$f")" == guest-dtb-* ]] && target=$OUT/fuzz-guest-dtb
	[[ "$(basename "$f")" == devices-* ]] && target=$OUT/fuzz-devices
	if "$target" -runs=1 "$f" >"$OUT/replay.log" 2>&1; then
		pass "regression $(basename "$f")"
	else
		fail "regression $(basename "$f") (see $OUT/replay.log)"
		tail -20 "$OUT/replay.log"
	fi
done
if "$BIN" -runs=0 "$OUT/seeds" >"$OUT/seeds.log" 2>&1; then
	pass "seeds: $(ls "$OUT/seeds" | wc -l) inputs replayed"
else
	fail "seeds (see $OUT/seeds.log)"
	grep -A15 "ERROR\|broken promise" "$OUT/seeds.log" | head -30
fi
# fuzz TARGET NAME SECONDS CORPUS SEEDS... : one libFuzzer run, PASS with its executions or FAIL
fuzz() {
	local bin=$1 name=$2 secs=$3 log=$OUT/fuzz-$2.log
	shift 3
	"$bin" -max_total_time="$secs" -max_len=131072 -timeout=10 -rss_limit_mb=2048 \
		-artifact_prefix="$OUT/crash-$name-" -print_final_stats=1 "$@" >"$log" 2>&1
	local rc=$? execs cov
	execs=$(grep -a "^stat::number_of_executed_units:" "$log" | tail -1 | sed "s/.*: *//")
	cov=$(grep -a -o "cov: [0-9]*" "$log" | tail -1)
	if [ $rc -eq 0 ]; then
		pass "fuzzing $name ${secs}s: ${execs:-?} executions, $cov, corpus $(ls "$1" | wc -l)"
	else
		fail "fuzzing $name found a crash: $(ls "$OUT"/crash-"$name"-* 2>/dev/null | head -1) (see $log)"
		grep -a -B2 -A25 "ERROR\|broken promise\|runtime error" "$log" | head -40
	fi
}

# the devices target gets a third of the time, the guest DTB target a quarter
mkdir -p "$OUT/guest-corpus" "$OUT/guest-seeds" "$OUT/devices-corpus"
cp tests/fuzz/regress/devices-* "$OUT/devices-corpus/" 2>/dev/null
fuzz "$OUT/fuzz-devices" devices $((SECS / 3)) "$OUT/devices-corpus"
cp build/aarch64/gic3/linux.dtb "$OUT/guest-seeds/linux-gicv3.dtb" 2>/dev/null
cp build/aarch64/gic2/linux.dtb "$OUT/guest-seeds/linux-gicv2.dtb" 2>/dev/null
cp "${hws[@]}" "$OUT/guest-seeds/" 2>/dev/null
fuzz "$OUT/fuzz-guest-dtb" guest-dtb $((SECS / 4 + 1)) "$OUT/guest-corpus" "$OUT/guest-seeds"
fuzz "$BIN" config $((SECS - SECS / 3 - SECS / 4 - 1)) "$OUT/corpus" "$OUT/seeds"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
