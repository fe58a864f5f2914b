#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
#
# Host unit tests of the pure parts of hyp/: DT reading and editing, config parse/validate,
# allocators, coloring, page tables (the sources: hyp/config.mk's HOST_SRCS).
# Builds libfdt, the code under test and every tests/unit/test_*.c into
# build/host/ with ASan + UBSan, compiles tests/unit/dts/*.dts with dtc, runs
# each test program and prints the summed "N passed, N failed".
# Exits non-zero if any case fails or a program dies (e.g. a sanitizer report).
set -u
cd "$(dirname "$0")/../.." || exit 2

# Another architecture (ARCH=riscv64): its pure code and tests/unit/<arch>/ (the tests above
# are AArch64's), in build/<arch>/unit.
ARCH=${ARCH:-aarch64}
OUT=build/host TESTS=tests/unit
if [ "$ARCH" != aarch64 ]; then
	OUT=build/$ARCH/unit TESTS=tests/unit/$ARCH
fi
CC=${HOSTCC:-gcc}
CFLAGS="-std=gnu11 -g -O1 -fsanitize=address,undefined -fno-sanitize-recover=all
	-fno-omit-frame-pointer -Wall -Wextra -Werror -Wno-unused-parameter"
# glibc's headers first; hyp/lib/include only supplies libfdt_env.h here.
INC="-I hyp/include -I arch/$ARCH/include -I drivers -I $OUT/libfdt -idirafter hyp/lib/include"
LIBFDT="fdt fdt_ro fdt_rw fdt_wip fdt_sw fdt_strerror fdt_addresses fdt_empty_tree"

die() { echo "run.sh: $*"; echo "0 passed, 1 failed"; exit 1; }

# The code under test: hyp/config.mk's HOST_SRCS (the configuration layer and the other pure
# code), as make lists it; libfdt as make extracts it.
make -s --no-print-directory build/libfdt/.stamp || die "cannot extract libfdt (apt-get install linux-source-6.1)"
SRCS=$(make -s --no-print-directory print-host-srcs) || die "make print-host-srcs failed"
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
for f in $SRCS; do
	obj="$OUT/obj/$(echo "${f%.c}" | tr / _).o"
	$CC $CFLAGS $INC -c "$f" -o "$obj" || die "$f does not build"
	objs+=("$obj")
done
for f in "$TESTS"/dts/*.dts; do
	dtc -q -I dts -O dtb -i "$TESTS/dts" -o "$OUT/dtb/$(basename "$f" .dts).dtb" "$f" ||
		die "dtc failed on $f"
done

passed=0
failed=0
for t in "$TESTS"/test_*.c; do
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
