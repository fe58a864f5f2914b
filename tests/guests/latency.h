/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The control loop's measurement, shared by latency.c (prints its reports) and
 * control.c (publishes them on a channel): the virtual timer armed with an
 * absolute deadline (CNTV_CVAL) every PERIOD_US, and in its interrupt handler
 * how late it runs (CNTVCT - CVAL), as min / mean / max over REPORT samples.
 */
#ifndef TESSERA_GUEST_LATENCY_H
#define TESSERA_GUEST_LATENCY_H

#include <stdio.h>

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

static void timer_handler(unsigned intid)
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

static void latency_start(void)
{
	freq = read_cntfrq();
	period = freq / 1000000 * PERIOD_US;
	gic_init_dist();
	gic_handler = timer_handler;
	gic_init_cpu(0);
	gic_enable(0, VTIMER_IRQ, 0x80);
}

/* Waits for REPORT more samples; the report since the last one into buf, and a new count. */
static void latency_report(char *buf, size_t len)
{
	static uint64_t reported;

	while (nsamples - reported < REPORT)
		__asm__ volatile("wfi");
	__asm__ volatile("msr daifset, #2");
	snprintf(buf, len,
		 "timer irq latency over %lu samples: min %lu ns, mean %lu ns, max %lu ns",
		 nsamples - reported, ns(min), ns(sum / (nsamples - reported)), ns(max));
	reported = nsamples;
	sum = max = 0;
	min = ~0UL;
	__asm__ volatile("msr daifclr, #2");
}

#endif
