#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Every C file and header git tracks is laid out as .clang-format says (make format fixes them).
# One result per file; ends with "N passed, N failed".
cd "$(dirname "$0")/../.." || exit 1
scripts/deps.sh test || exit 1
pass=0 fail=0
for f in $(git ls-files '*.c' '*.h'); do
	if clang-format --dry-run --Werror "$f" >/dev/null 2>&1; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL $f: not clang-formatted (make format fixes it):"
		clang-format "$f" | diff -u "$f" - | head -20
	fi
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
