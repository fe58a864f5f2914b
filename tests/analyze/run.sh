#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
#
# Static analysis of our code, one test per file and build; it passes when the analyzer reports
# nothing. The clang static analyzer (Debian's clang-14, `clang --analyze`: the checks scan-build
# runs by default: core, deadcode, security, unix, nullability) over the host builds:
#   config   the configuration layer and the other pure code (make print-host-srcs) with the
#            offline checker's own files, as scripts/check/check.mk builds them;
#   fake     the run-time core over the fake arch (make print-fake-srcs), as tests/fake/run.sh
#            builds it;
# and GCC 12's -fanalyzer over the cross build of hyp.bin (make print-hyp-srcs, its C files,
# with make print-hyp-cc's compiler and flags, without LTO):
#   hyp      every C file of hyp.bin.
# libfdt (third-party, extracted from linux-source-6.1) is compiled in but not analyzed.
# Ends "N passed, N failed".
# Usage: tests/analyze/run.sh [-v]   (-v: every report in full, with its path)
set -u
cd "$(dirname "$0")/../.." || exit 2

OUT=build/analyze
CLANG=${CLANG:-clang-14}
VERBOSE=${1:-}
passed=0 failed=0

die() { echo "run.sh: $*"; echo "0 passed, 1 failed"; exit 1; }
command -v "$CLANG" >/dev/null || die "$CLANG is missing (scripts/deps.sh test installs clang-14)"
make -s --no-print-directory build/libfdt/.stamp || die "cannot extract libfdt (apt-get install linux-source-6.1)"
mkdir -p "$OUT"

COMMON="-std=gnu11 -Wno-unused-parameter -Wno-unknown-warning-option"
CONFIG_FLAGS="$COMMON -Ihyp/include -Iarch/aarch64/include -Idrivers -Iscripts/check -Ibuild/libfdt
	-idirafter hyp/lib/include"
FAKE_FLAGS="$COMMON -pthread -I arch/fake/include -I hyp/lib/host -I hyp/include -I drivers
	-I tests/fake -I build/libfdt -idirafter hyp/lib/include"

# analyze BUILD FLAGS FILE: one test (BUILD hyp: GCC's -fanalyzer, FLAGS the compiler and its flags)
analyze() {
	local build=$1 flags=$2 src=$3 log cmd
	log="$OUT/$build-$(echo "$src" | tr / _).log"
	if [ "$build" = hyp ]; then
		cmd="$flags -Wno-error -fanalyzer -c"
	else
		cmd="$CLANG --analyze --analyzer-output text $flags"
	fi
	# shellcheck disable=SC2086 # commands and flags are words
	if ! $cmd "$src" -o /dev/null >"$log" 2>&1; then
		echo "FAIL $build $src: the analyzer did not run (see $log)"
		failed=$((failed + 1))
		return
	fi
	if grep -q "warning:" "$log"; then
		echo "FAIL $build $src"
		if [ -n "$VERBOSE" ]; then sed 's/^/    /' "$log"; else grep "warning:" "$log" | sed 's/^/    /'; fi
		failed=$((failed + 1))
	else
		passed=$((passed + 1))
	fi
}

read -r -a host <<<"$(make -s --no-print-directory print-host-srcs)"
for src in "${host[@]}" scripts/check/*.c; do
	analyze config "$CONFIG_FLAGS" "$src"
done
read -r -a fake <<<"$(make -s --no-print-directory print-fake-srcs)"
for src in "${fake[@]}" arch/fake/vuart.c; do
	[ "$src" = -- ] || analyze fake "$FAKE_FLAGS" "$src"
done
hyp_cc=$(make -s --no-print-directory print-hyp-cc) || die "make print-hyp-cc failed"
for src in $(make -s --no-print-directory print-hyp-srcs); do
	case "$src" in *.c) analyze hyp "$hyp_cc" "$src" ;; esac
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
