// SPDX-License-Identifier: Apache-2.0
/*
 * intruder: a VM that does not own INTID 34 (another VM's RTC interrupt)
 * tries to disable it, change its priority, routing and configuration, and
 * set it pending, through its distributor. It must see nothing and change
 * nothing; it keeps trying while the owner takes its alarms.
 */
#include "gic.h"
#include "guest.h"

#define TARGET 34

static volatile uint32_t *gicd(unsigned off)
{
	return (volatile uint32_t *)(GUEST_GICD + off);
}

static int v3;

static uint32_t attack(void)
{
	uint32_t seen = 0;

	*gicd(0x180 + 4 * (TARGET / 32)) = 1U << (TARGET % 32); /* ICENABLER */
	*gicd(0x200 + 4 * (TARGET / 32)) = 1U << (TARGET % 32); /* ISPENDR */
	*gicd(0x400 + (TARGET & ~3U)) = 0xffffffff;		/* IPRIORITYR */
	*gicd(0xc00 + 4 * (TARGET / 16)) = 0;			/* ICFGR */
	if (v3) /* GICD_IROUTER: a doubleword on GICv3; reserved on GICv2 (a data abort) */
		*(volatile uint64_t *)(GUEST_GICD + 0x6000 + 8 * TARGET) = 0;
	seen |= *gicd(0x100 + 4 * (TARGET / 32)); /* ISENABLER */
	seen |= *gicd(0x200 + 4 * (TARGET / 32));
	seen |= *gicd(0x400 + (TARGET & ~3U));
	return seen;
}

int main(uint64_t dtb)
{
	uint32_t typer = *gicd(0x4), seen;

	v3 = gic_init_dist() == 3;
	seen = attack();
	gprintf("intruder: GICD_TYPER 0x%x, INTID %u reads 0x%x\n", typer, TARGET, seen);
	if (seen)
		gprintf("TEST FAIL: another VM's interrupt is visible\n");
	for (unsigned n = 1;; n++) {
		seen |= attack();
		if (n % 200000 == 0)
			gprintf("intruder: still attacking (%u rounds), saw 0x%x\n", n, seen);
	}
	return 0;
}
