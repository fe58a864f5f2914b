// SPDX-License-Identifier: Apache-2.0
/*
 * ticker (RISC-V): its timer through SBI set_timer (the hypervisor gives it
 * vstimecmp with Sstc), a supervisor timer interrupt every 100 ms, a line per
 * tick, forever (isolation cases watch it keep ticking).
 */
#include "guest.h"

#define PERIOD (TIMEBASE_HZ / 10)

static volatile unsigned ticks;

static bool on_trap(struct guest_frame *f, uint64_t cause)
{
	if (cause != (SCAUSE_IRQ | 5))
		return false;
	ticks++;
	sbi_call(SBI_EXT_TIME, 0, rdtime() + PERIOD, 0, 0); /* also clears the pending tick */
	return true;
}

int main(uint64_t hart, uint64_t dtb)
{
	uint64_t start = rdtime();

	guest_trap_handler = on_trap;
	sbi_call(SBI_EXT_TIME, 0, start + PERIOD, 0, 0);
	irq_enable(SIE_STIE);
	for (unsigned n = 1;; n++) {
		wfi_until(&ticks, n);
		gprintf("tick %u after %lu ms\n", n, (rdtime() - start) / (TIMEBASE_HZ / 1000));
		if (n == 3)
			gprintf("TEST PASS ticker\n");
	}
}
