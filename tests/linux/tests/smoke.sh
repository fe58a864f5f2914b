#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Smoke test: the guest sees its CPUs, its memory and its timer interrupts.
# Run by /init for tessera.test=smoke; every line is tagged "TESSERA-LINUX: smoke".
tag="TESSERA-LINUX: smoke"
fail=""

cpus=$(grep -c '^processor' /proc/cpuinfo)
echo "$tag cpus=$cpus"
[ "$cpus" -ge 1 ] || fail="$fail no-cpus"

mem_kb=$(awk '/^MemTotal:/ { print $2 }' /proc/meminfo)
echo "$tag mem_kb=$mem_kb"
[ "${mem_kb:-0}" -gt 0 ] || fail="$fail no-memtotal"

# /proc/interrupts: "IRQ: count-per-cpu... controller hwirq type arch_timer" (AArch64;
# "riscv-timer" on RISC-V). The timer must have fired on the boot CPU at least (it
# drives the scheduler tick).
timer=$(grep -E 'arch_timer|riscv-timer' /proc/interrupts)
echo "$timer" | while read -r line; do
	[ -n "$line" ] && echo "$tag irq $(echo "$line" | tr -s ' ')"
done
[ -n "$timer" ] || fail="$fail no-timer-irq"
ticks=$(echo "$timer" | awk '{ s += $2 } END { print s + 0 }')
[ "$ticks" -gt 0 ] || fail="$fail timer-never-fired"

release=$(uname -r)
echo "$tag uname-r=$release"
[ -n "$release" ] || fail="$fail no-uname"

if [ -z "$fail" ]; then
	echo "$tag PASS"
else
	echo "$tag FAIL:$fail"
	exit 1
fi
