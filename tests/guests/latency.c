// SPDX-License-Identifier: Apache-2.0
/*
 * latency: the bare-metal control loop of the Linux demo. Arms the virtual
 * timer with an absolute deadline (CNTV_CVAL) every millisecond and measures,
 * in its interrupt handler, how late it runs (CNTVCT - CVAL, in counter ticks
 * and ns). Prints min / mean / max once per second, forever.
 */
#include "gic.h"
#include "guest.h"

#define PERIOD_US 1000
#define REPORT	  1000 /* samples per report */

static uint64_t period, cval, freq;
static volatile uint64_t nsamples, sum, min = ~0UL, max;

static void arm_at(uint64_t when)
{
	cval = when;
	__asm__ volatile("msr cntv_cval_el0, %0; msr cntv_ctl_el0, %1; isb" ::"r"(when), "r"(1UL));
}

static void handler(unsigned intid)
{
	uint64_t late = read_cntvct() - cval;

	if (intid != VTIMER_IRQ)
		return;
	sum += late;
	min = late < min ? late : min;
	max = late > max ? late : max;
	nsamples++;
	arm_at(cval + period);
}

static uint64_t ns(uint64_t ticks)
{
	return ticks * 1000000000UL / freq;
}

int main(uint64_t dtb)
{
	uint64_t reported = 0;

	freq = read_cntfrq();
	period = freq / 1000000 * PERIOD_US;
	gic_init_dist();
	gic_handler = handler;
	gic_init_cpu(0);
	gic_enable(0, VTIMER_IRQ, 0x80);
	gprintf("control loop: virtual timer every %u us, counter %lu Hz\n", PERIOD_US, freq);
	arm_at(read_cntvct() + period);
	for (;;) {
		__asm__ volatile("wfi");
		if (nsamples - reported < REPORT)
			continue;
		__asm__ volatile("msr daifset, #2");
		gprintf("timer irq latency over %lu samples: min %lu ns, mean %lu ns, max %lu ns\n",
			nsamples - reported, ns(min), ns(sum / (nsamples - reported)), ns(max));
		reported = nsamples;
		sum = max = 0;
		min = ~0UL;
		__asm__ volatile("msr daifclr, #2");
	}
	return 0;
}
