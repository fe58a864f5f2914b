#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# The boot-only split's build check (scripts/boot_refs.py): it passes on hyp.elf, and it fails,
# naming the function and the symbol, on the same objects linked with one run-time function
# that calls the boot-only partition parser (tests/boot_refs/violation.c).
cd "$(dirname "$0")/../.." || exit 1
pass=0 fail=0
ok() { echo "PASS $1"; pass=$((pass + 1)); }
ko() { echo "FAIL $1"; fail=$((fail + 1)); }

make -s build/aarch64/hyp.elf build/aarch64/boot-refs-violation.elf >/dev/null || ko "build"
if python3 scripts/boot_refs.py build/aarch64/hyp.elf; then
	ok "hyp.elf: no run-time reference into the boot-only pages"
else
	ko "hyp.elf: run-time references into the boot-only pages"
fi
out=$(python3 scripts/boot_refs.py build/aarch64/boot-refs-violation.elf)
rc=$?
echo "$out"
if [ $rc -eq 1 ] && grep -q '^boot_refs: boot_refs_violation refers to config_parse' <<<"$out"; then
	ok "a run-time call of config_parse fails the check and is named"
else
	ko "a run-time call of config_parse was not reported (exit $rc)"
fi
if aarch64-linux-gnu-nm build/aarch64/hyp.elf | grep -q ' __boot_text_start$' &&
	[ "$(aarch64-linux-gnu-nm build/aarch64/hyp.elf | awk '$3=="config_parse"{print $1}')" \> \
		"$(aarch64-linux-gnu-nm build/aarch64/hyp.elf | awk '$3=="__boot_text_start"{print $1}')" ]; then
	ok "config_parse is linked into the boot-only text"
else
	ko "config_parse is not in the boot-only text"
fi
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
