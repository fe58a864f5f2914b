#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
#
# The clang static analyzer (Debian's clang-14, `clang --analyze`: the checks scan-build runs by
# default: core, deadcode, security, unix, nullability) over the host builds of our code:
#   config   the configuration layer and the other pure code (make print-host-srcs) with the
#            offline checker's own files, as scripts/check/check.mk builds them;
#   fake     the run-time core over the fake arch (make print-fake-srcs), as tests/fake/run.sh
#            builds it.
# One test per file and build: it passes when the analyzer reports nothing. libfdt (third-party,
# extracted from linux-source-6.1) is compiled in but not analyzed. Ends "N passed, N failed".
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

# analyze BUILD FLAGS FILE: one test
analyze() {
	local build=$1 flags=$2 src=$3 log
	log="$OUT/$build-$(echo "$src" | tr / _).log"
	# shellcheck disable=SC2086 # flags are words
	if ! "$CLANG" --analyze --analyzer-output text $flags "$src" -o /dev/null >"$log" 2>&1; then
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
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
