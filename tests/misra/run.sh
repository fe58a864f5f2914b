#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
#
# MISRA C:2012 over every C file compiled into hyp.bin (make print-hyp-srcs) for ARCH (default
# aarch64), with the include paths of its compiler flags (make print-hyp-cc): Debian's cppcheck
# 2.10 and its misra addon, plus cppcheck's own checks. Debian does not ship the rule texts
# (they are MISRA's copyright), so the addon names rules by number only; that is all the
# deviation record needs. tests/misra/classify.py then sorts every finding: in our code and not
# covered by a deviation of docs/misra-deviations.md (project-wide, listed files, or an in-code
# "MISRA deviation R.N: reason" marker) nor marked as one cppcheck misreads (an in-code "MISRA
# misreading R.N: why", for the rules the record lists so) is a failure. Findings in GCC's
# freestanding headers and in libfdt (build/libfdt, extracted from linux-source-6.1: adopted
# code) are not ours to fix and are counted apart.
# One test per source file and header of ours, and one for the deviation record itself.
# Ends "N passed, N failed".
# Findings of Required rules not fixed yet are listed in tests/misra/open-findings-$ARCH.txt (per
# rule and file, one list per architecture: the core is checked with each arch's flags): a
# ceiling, not a deviation; more than listed fails.
# Usage: tests/misra/run.sh [-v]   (-v: every finding, deviated ones included, with its rule)
#        tests/misra/run.sh --write-open   (after fixing: rewrite the open list, lower)
#        ARCH=riscv64 tests/misra/run.sh
# Mechanical fixes that were applied (and can be re-applied after a merge): scripts/misra-fix.sh.
set -u
cd "$(dirname "$0")/../.." || exit 2

ARCH=${ARCH:-aarch64}
OUT=build/misra/$ARCH
VERBOSE= WRITE=
case "${1:-}" in -v) VERBOSE=1 ;; --write-open) WRITE=1 ;; esac

die() { echo "run.sh: $*"; echo "0 passed, 1 failed"; exit 1; }
command -v cppcheck >/dev/null || die "cppcheck is missing (scripts/deps.sh test installs it)"
make -s --no-print-directory build/libfdt/.stamp || die "cannot extract libfdt (apt-get install linux-source-6.1)"

srcs=$(make -s --no-print-directory ARCH="$ARCH" print-hyp-srcs) || die "make print-hyp-srcs failed"
read -r -a cc <<<"$(make -s --no-print-directory ARCH="$ARCH" print-hyp-cc)" || die "make print-hyp-cc failed"
# The include paths and defines of hyp.bin's compiler, as cppcheck spells them. cppcheck is told
# what GCC predefines that the code or GCC's headers test (the compiler's version, freestanding),
# and nothing else: each -D also tells it to check that one configuration, not every #ifdef's.
flags=(--std=c11 "-D__GNUC__=$("${cc[0]}" -dumpversion | cut -d. -f1)" -D__STDC_HOSTED__=0)
for ((i = 1; i < ${#cc[@]}; i++)); do
	case "${cc[i]}" in
	-isystem) flags+=("-I${cc[i + 1]}"); i=$((i + 1)) ;;
	-I* | -D*) flags+=("${cc[i]}") ;;
	esac
done
# Pointer and long sizes from the compiler: LP64 (aarch64, riscv64) or ILP32.
if "${cc[0]}" -dM -E - </dev/null | grep -q '__SIZEOF_POINTER__ 8'; then
	flags+=(--platform=unix64)
else
	flags+=(--platform=unix32)
fi

# shellcheck disable=SC2086 # srcs is a list of words
cfiles=$(printf '%s\n' $srcs | grep '\.c$')
start=$(date +%s)
# cppcheck's build directory keeps its results, but it reused a file's old findings (old line
# numbers) after an edit of that file once: so one directory per state of everything checked
# (sources, our headers, flags, the record), reused only when nothing changed.
hdrs=$(git ls-files 'hyp/*.h' "arch/$ARCH/*.h" 'drivers/*.h')
# shellcheck disable=SC2086
key=$( (printf '%s\n' "${flags[@]}"; cat $cfiles $hdrs docs/misra-deviations.md) | sha1sum | cut -c1-16)
if [ ! -d "$OUT/cache-$key" ]; then
	rm -rf "$OUT"/cache*
	mkdir -p "$OUT/cache-$key"
fi
# shellcheck disable=SC2086
cppcheck --addon=misra --quiet --cppcheck-build-dir="$OUT/cache-$key" "${flags[@]}" \
	--template='{file}:{line}:{column}: {id}: {message}' $cfiles >"$OUT/findings.txt" 2>&1 ||
	die "cppcheck failed (see $OUT/findings.txt)"
echo "cppcheck: $(wc -l <"$OUT/findings.txt") findings over $(echo "$cfiles" | wc -l) files in $(($(date +%s) - start)) s"

# Our headers (hdrs, above) are each a test of their own.
open=tests/misra/open-findings-$ARCH.txt
# shellcheck disable=SC2086
python3 tests/misra/classify.py ${VERBOSE:+--verbose} --open "$open" \
	${WRITE:+--write-open "$open"} docs/misra-deviations.md "$OUT/findings.txt" \
	$cfiles $hdrs
