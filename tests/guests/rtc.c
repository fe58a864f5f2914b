// SPDX-License-Identifier: Apache-2.0
/*
 * rtc: a pass-through device end to end. The PL031 RTC (Arm DDI 0224) is
 * mapped into this VM only; its alarm interrupt (SPI 2, INTID 34) is routed
 * to it. Sets the alarm twice and waits for each interrupt.
 */
#include "gic.h"
#include "guest.h"
#include "pl031.h"

#define ALARMS 2

static volatile unsigned alarms;

static volatile uint32_t *rtc(unsigned off)
{
	return (volatile uint32_t *)(RTC + off);
}

static void handler(unsigned intid)
{
	if (intid == RTC_IRQ && (*rtc(RTCMIS) & 1)) {
		*rtc(RTCICR) = 1;
		alarms++;
	}
}

int main(uint64_t dtb)
{
	gic_init_dist();
	gic_handler = handler;
	gic_init_cpu(0);
	gic_enable(0, RTC_IRQ, 0x80);
	*rtc(RTCCR) = 1;
	*rtc(RTCIMSC) = 1;
	for (unsigned i = 1; i <= ALARMS; i++) {
		*rtc(RTCMR) = *rtc(RTCDR) + 1;
		wfi_until(&alarms, i);
		gprintf("rtc: alarm interrupt %u received\n", alarms);
	}
	gprintf("TEST PASS rtc\n");
	return 0;
}
