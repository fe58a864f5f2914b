#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
#
# Host unit tests of the pure parts of hyp/: DT reading and editing, config parse/validate,
# allocators, coloring, page tables.
# Builds libfdt, the code under test and every tests/unit/test_*.c into
# build/host/ with ASan + UBSan, compiles tests/unit/dts/*.dts with dtc, runs
# each test program and prints the summed "N passed, N failed".
# Exits non-zero if any case fails or a program dies (e.g. a sanitizer report).
set -u
cd "$(dirname "$0")/../.." || exit 2

OUT=build/host
CC=${HOSTCC:-gcc}
CFLAGS="-std=gnu11 -g -O1 -fsanitize=address,undefined -fno-sanitize-recover=all
	-fno-omit-frame-pointer -Wall -Wextra -Werror"
# glibc's headers first; hyp/lib/include only supplies libfdt_env.h here.
INC="-I hyp/include -I $OUT/libfdt -idirafter hyp/lib/include"
LIBFDT="fdt fdt_ro fdt_rw fdt_wip fdt_sw fdt_strerror fdt_addresses fdt_empty_tree"
HYP="dt dt_check dt_tree dt_write config_hw config_hw_owned config_parse config_parse_prop config_parse_root config_report config_validate config_validate_cpu config_validate_chan config_validate_ram config_validate_mem
	config_validate_dev config_validate_color config_cache color palloc pt ratelimit"

die() { echo "run.sh: $*"; echo "0 passed, 1 failed"; exit 1; }

if [ ! -f build/libfdt/fdt.c ]; then
	mkdir -p build && tar -xJf /usr/src/linux-source-6.1.tar.xz -C build \
		--strip-components=3 --wildcards 'linux-source-6.1/scripts/dtc/libfdt/*' ||
		die "cannot extract libfdt (apt-get install linux-source-6.1)"
fi
rm -rf "$OUT/libfdt" "$OUT/obj" "$OUT/dtb" "$OUT/bin" # not the checker, fuzzer
mkdir -p "$OUT/libfdt" "$OUT/obj" "$OUT/dtb" "$OUT/bin"
# A private copy without upstream's libfdt_env.h, so ours is the one used.
cp build/libfdt/*.c build/libfdt/*.h "$OUT/libfdt/" && rm -f "$OUT/libfdt/libfdt_env.h"

objs=()
for f in $LIBFDT; do
	$CC $CFLAGS -Wno-sign-compare $INC -c "$OUT/libfdt/$f.c" -o "$OUT/obj/$f.o" ||
		die "libfdt $f.c does not build"
	objs+=("$OUT/obj/$f.o")
done
for f in $HYP; do
	$CC $CFLAGS $INC -c "hyp/$f.c" -o "$OUT/obj/$f.o" || die "hyp/$f.c does not build"
	objs+=("$OUT/obj/$f.o")
done
# The page-table tests use the AArch64 descriptor format (pure code).
$CC $CFLAGS $INC -c arch/aarch64/pt_format.c -o "$OUT/obj/pt_format.o" ||
	die "arch/aarch64/pt_format.c does not build"
objs+=("$OUT/obj/pt_format.o")
for f in tests/unit/dts/*.dts; do
	dtc -q -I dts -O dtb -i tests/unit/dts -o "$OUT/dtb/$(basename "$f" .dts).dtb" "$f" ||
		die "dtc failed on $f"
done

passed=0
failed=0
for t in tests/unit/test_*.c; do
	bin="$OUT/bin/$(basename "$t" .c)"
	$CC $CFLAGS $INC -I tests/unit "$t" "${objs[@]}" -o "$bin" || die "$t does not build"
	echo "== $(basename "$bin")"
	"$bin" "$OUT/dtb" | tee "$OUT/$(basename "$bin").log"
	status=${PIPESTATUS[0]}
	line=$(tail -n 1 "$OUT/$(basename "$bin").log")
	if [[ "$line" =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]]; then
		passed=$((passed + BASH_REMATCH[1]))
		failed=$((failed + BASH_REMATCH[2]))
		[ "$status" -ne 0 ] && [ "${BASH_REMATCH[2]}" -eq 0 ] && failed=$((failed + 1))
	else
		echo "$(basename "$bin") died (exit $status)"
		failed=$((failed + 1))
	fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
