// SPDX-License-Identifier: Apache-2.0
/*
 * rtc (RISC-V): QEMU virt's Goldfish RTC passed through, with its interrupt
 * (PLIC source 11): three alarms 20 ms apart, each taken through the virtual
 * PLIC and completed (which completes it on the physical PLIC), then cleared at
 * the device. Goldfish RTC registers: Android goldfish "RTC" device
 * (QEMU hw/rtc/goldfish_rtc.c): time and alarm in ns.
 */
#include "guest.h"
#include "plic.h"

#define RTC		0x101000UL
#define RTC_IRQ		11
#define TIME_LOW	0x00
#define TIME_HIGH	0x04
#define ALARM_LOW	0x08
#define ALARM_HIGH	0x0c
#define IRQ_ENABLED	0x10
#define CLEAR_INTERRUPT 0x1c

static volatile unsigned alarms;

static volatile uint32_t *rtc(unsigned off)
{
	return (volatile uint32_t *)(RTC + off);
}

static uint64_t rtc_now(void)
{
	uint64_t lo = *rtc(TIME_LOW); /* reading TIME_LOW latches TIME_HIGH */

	return lo | (uint64_t)*rtc(TIME_HIGH) << 32;
}

static void arm(uint64_t at)
{
	*rtc(ALARM_HIGH) = (uint32_t)(at >> 32);
	*rtc(ALARM_LOW) = (uint32_t)at; /* writing the low half arms it */
}

/* Every source pending, until the claim reads 0 (on an APLIC, that claim completes the last). */
static bool on_trap(struct guest_frame *f, uint64_t cause)
{
	unsigned src;

#ifdef GUEST_IMSIC
	if (cause == 2) { /* illegal instruction: a hart without the interrupt file (AIA CSRs) */
		uint64_t insn;

		__asm__ volatile("csrr %0, stval" : "=r"(insn));
		gprintf("rtc: no interrupt file: illegal instruction 0x%lx\n", insn);
		sbi_shutdown();
	}
#endif
	if (cause != (SCAUSE_IRQ | 9))
		return false;
	while ((src = plic_claim()) != 0) {
		if (src != RTC_IRQ) {
			gprintf("TEST FAIL: claimed source %u\n", src);
			return false;
		}
		*rtc(CLEAR_INTERRUPT) = 1;
		alarms++;
		plic_complete(src);
	}
	return true;
}

int main(uint64_t hart, uint64_t dtb)
{
	guest_trap_handler = on_trap;
	plic_enable(RTC_IRQ);
	irq_enable(SIE_SEIE);
	*rtc(IRQ_ENABLED) = 1;
	for (unsigned n = 1; n <= 3; n++) {
		arm(rtc_now() + 20000000);
		wfi_until(&alarms, n);
		gprintf("rtc: alarm interrupt %u received\n", n);
	}
	gprintf("TEST PASS rtc\n");
	for (;;)
		__asm__ volatile("wfi");
}
