#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
#
# The mechanical MISRA C:2012 fixes, to re-run after merging code written without them
# (tests/misra/run.sh lists what is left; docs/misra-deviations.md says what is deviated):
#   15.6  braces around every if/else/for/while body: clang-tidy-14's
#         readability-braces-around-statements with hyp.bin's include paths (clang, aarch64 or
#         riscv64 target);
#   10.4  U on integer constants next to unsigned operands,
#   14.4  explicit comparisons in if/while conditions (p != NULL, x != 0U),
#   17.7  (void) before memset/memcpy/memmove/snprintf/vsnprintf statements:
#         scripts/misra_fix.py, from cppcheck's findings and dumps (10.4 until nothing changes);
# then clang-format. Review the diff and build: it is a tool's edit.
# Needs clang-tidy-14 (Debian package clang-tidy-14; not needed by make test).
# Usage: scripts/misra-fix.sh [ARCH]
set -eu
cd "$(dirname "$0")/.."
ARCH=${1:-${ARCH:-aarch64}}
export ARCH
command -v clang-tidy-14 >/dev/null || { echo "misra-fix.sh: apt-get install clang-tidy-14" >&2; exit 1; }

read -r -a cc <<<"$(make -s --no-print-directory ARCH="$ARCH" print-hyp-cc)"
srcs=$(make -s --no-print-directory ARCH="$ARCH" print-hyp-srcs | tr ' ' '\n' | grep '\.c$')
target=$("${cc[0]}" -dumpmachine)
flags=(--target="$target" -std=gnu11 -ffreestanding -nostdinc)
for ((i = 1; i < ${#cc[@]}; i++)); do
	case "${cc[i]}" in
	-isystem) flags+=(-isystem "${cc[i + 1]}"); i=$((i + 1)) ;;
	-I* | -D*) flags+=("${cc[i]}") ;;
	esac
done
ours=$(git ls-files '*.c' '*.h')

echo "== 15.6: clang-tidy readability-braces-around-statements"
for f in $srcs; do
	clang-tidy-14 --quiet --checks='-*,readability-braces-around-statements' \
		--header-filter='^(hyp|arch|drivers)/' -fix "$f" -- "${flags[@]}" >/dev/null 2>&1 ||
		echo "clang-tidy failed on $f"
done
# shellcheck disable=SC2086
clang-format -i $ours

cache=build/misra/$ARCH/cache
for rule in 10.4 10.4 10.4 14.4 17.7; do
	echo "== $rule"
	bash tests/misra/run.sh >/dev/null || true
	python3 scripts/misra_fix.py "$rule" "build/misra/$ARCH/findings.txt" "$cache"/*.dump
done
# shellcheck disable=SC2086
clang-format -i $ours
bash tests/misra/run.sh | tail -3
