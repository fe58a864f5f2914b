#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
#
# Host tests of the run-time core on the fake architecture (arch/fake, README "Tests"):
# hyp/{vm,vcpu,cpu,ipc,vuart,mmio,hypercall,console,mem,pt,palloc,color}.c, unchanged,
# over arch/fake/ (CPUs as threads, RAM a host buffer, the hypervisor's mappings host
# mappings that follow its page tables), with ASan + UBSan. Builds build/fake/fake-tests
# from tests/fake/*.c and runs every test in a process of its own; ends with
# "N passed, N failed". Usage: tests/fake/run.sh [-v] [test name...] (-v: with the
# hypervisor's console output).
set -u
cd "$(dirname "$0")/../.." || exit 2

OUT=build/fake
CC=${HOSTCC:-gcc}
CFLAGS="-std=gnu11 -g -O1 -fsanitize=address,undefined -fno-sanitize-recover=all
	-fno-omit-frame-pointer -Wall -Wextra -Werror -Wno-unused-parameter -pthread
	-Wno-format-truncation"
# (glibc's snprintf is checked for truncation; the hypervisor's buffers are sized for
# what it prints, e.g. mmio.c's "8-byte write", which the check cannot see.)
# The fake arch's headers, then the host's stdio.h with the hypervisor's vwprintf (hyp/lib/host);
# hyp/lib/include last.
INC="-I arch/fake/include -I hyp/lib/host -I hyp/include -I drivers -I tests/fake -I build/libfdt
	-idirafter hyp/lib/include"
# The run-time core as the hypervisor builds it and the fake arch: hyp/config.mk's
# FAKE_CORE_SRCS and FAKE_ARCH_SRCS (make print-fake-srcs); mem_color.c's heap is the fake's.
read -r -a srcs <<<"$(make -s --no-print-directory print-fake-srcs)"
CORE="" FAKE="" part=CORE
for f in "${srcs[@]}"; do
	if [ "$f" = -- ]; then part=FAKE; elif [ $part = CORE ]; then CORE="$CORE $f"; else FAKE="$FAKE $f"; fi
done
LIBFDT="fdt fdt_ro fdt_rw fdt_wip fdt_sw fdt_strerror fdt_addresses fdt_empty_tree"
# The fake machine with AArch64's virtual UART model (a PL011) in place of its own: the same
# core and fake, arch/aarch64/vuart_pl011.c for arch/fake/vuart.c, and AArch64's arch_vuart.h
# (copied alone into build/fake/pl011/, found first) for the fake's.

die() { echo "run.sh: $*"; echo "0 passed, 1 failed"; exit 1; }
make -s --no-print-directory build/libfdt/.stamp || die "cannot extract libfdt (apt-get install linux-source-6.1)"
mkdir -p "$OUT/obj"
objs=()
for f in $LIBFDT; do
	$CC $CFLAGS -Wno-sign-compare $INC -c "build/libfdt/$f.c" -o "$OUT/obj/$f.o" ||
		die "libfdt $f.c does not build"
	objs+=("$OUT/obj/$f.o")
done
# -fPIC: arch/fake/mmu.c gives the image's bounds as absolute symbols (the linker script's on
# the machine), far from the code: reached through the GOT.
$CC $CFLAGS -fPIC $INC $CORE $FAKE arch/fake/vuart.c tests/fake/*.c "${objs[@]}" \
	-o "$OUT/fake-tests" || die "the fake-arch tests do not build"
mkdir -p "$OUT/pl011"
cp arch/aarch64/include/arch_vuart.h "$OUT/pl011/"
$CC $CFLAGS -fPIC -I "$OUT/pl011" $INC $CORE $FAKE arch/aarch64/vuart_pl011.c tests/fake/main.c \
	tests/fake/pl011/*.c "${objs[@]}" -o "$OUT/fake-tests-pl011" ||
	die "the fake-arch tests with the PL011 model do not build"

if [ "${1:-}" = -v ]; then
	export FAKE_VERBOSE=1
	shift
fi
passed=0
failed=0
for bin in "$OUT/fake-tests" "$OUT/fake-tests-pl011"; do
	"$bin" "$@" | tee "$OUT/run.log"
	line=$(tail -n 1 "$OUT/run.log")
	if [[ "$line" =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]]; then
		passed=$((passed + BASH_REMATCH[1]))
		failed=$((failed + BASH_REMATCH[2]))
	else
		echo "$bin died"
		failed=$((failed + 1))
	fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
