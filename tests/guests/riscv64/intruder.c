// SPDX-License-Identifier: Apache-2.0
/*
 * intruder (RISC-V): pokes a source of its virtual PLIC that is another VM's
 * pass-through device (the RTC's, 11): enables it, raises its priority, tries
 * to claim it. It must read as zero and change nothing; the RTC VM keeps its
 * interrupts. Then keeps saying it is still there.
 */
#include "guest.h"
#include "plic.h"

#define VICTIM 11

int main(uint64_t hart, uint64_t dtb)
{
	uint64_t t;

	plic_enable(VICTIM);
#ifdef GUEST_APLIC
	*aplic_reg(0x1c00) = 1U << VICTIM; /* setip: pend it */
	gprintf("intruder: APLIC source %u sourcecfg %u, target 0x%x, enable word 0x%x, pending "
		"word 0x%x, claim %u\n",
		VICTIM, *aplic_reg(4 * VICTIM), *aplic_reg(0x3000 + 4 * VICTIM), *aplic_reg(0x1e00),
		*aplic_reg(0x1c00), plic_claim());
#else
	gprintf("intruder: source %u priority %u, enable word 0x%x, pending word 0x%x, claim %u\n",
		VICTIM, *plic_reg(4 * VICTIM), *plic_reg(0x2000), *plic_reg(0x1000), plic_claim());
#endif
	for (;;) {
		t = rdtime();
		while (rdtime() - t < TIMEBASE_HZ / 5)
			plic_enable(VICTIM);
		gprintf("intruder: still attacking\n");
	}
}
