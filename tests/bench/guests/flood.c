// SPDX-License-Identifier: Apache-2.0
/*
 * flood: the doorbell-flood neighbour (tests/bench/layouts/suite-flood*.dts).
 * While the suite in VM 0 says so (FLOOD_ON, bench.h), rings VM 0's doorbell
 * of their channel without pause, by hypercall and through its doorbell page
 * by turns, and counts the rings (FLOOD_RINGS). A virtual timer tick every
 * 2048 instructions of virtual time runs all along, as in the noisy
 * neighbour (noise.c): QEMU runs the CPUs in turn, in slices that end at the
 * next timer deadline, and the tick keeps this CPU's slices short enough for
 * the suite to reach its WFI before its own deadline.
 */
#include "bench.h"
#include "shmem.h"

#define DOORBELL_IPA 0x50010000UL
#define SUITE_VM     0
#define PERIOD	     128 /* counter ticks */

static uint64_t cval;

static void timer_set(uint64_t v)
{
	__asm__ volatile("msr cntv_cval_el0, %0; msr cntv_ctl_el0, %1; isb" ::"r"(v), "r"(1UL));
}

static void handler(unsigned intid)
{
	if (intid == VTIMER_IRQ) {
		cval += PERIOD;
		timer_set(cval);
	}
}

int main(uint64_t dtb)
{
	gic_init_dist();
	gic_handler = handler;
	gic_init_cpu(0);
	gic_enable(0, VTIMER_IRQ, 0x80);
	cval = read_cntvct() + PERIOD;
	timer_set(cval);
	gprintf("flood: ringing VM %u's doorbell while it asks\n", SUITE_VM);
	for (;;) {
		while (!*FLOOD_ON)
			;
		for (uint64_t n = 0; *FLOOD_ON; n++) {
			if (n & 1)
				db_ring_mmio(DOORBELL_IPA, SUITE_VM);
			else
				db_ring_hvc(0, SUITE_VM);
			*FLOOD_RINGS = *FLOOD_RINGS + 1;
		}
	}
}
