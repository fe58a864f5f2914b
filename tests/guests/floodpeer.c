// SPDX-License-Identifier: Apache-2.0
/*
 * floodpeer: the target of a doorbell flood (flood.c). A 1 kHz timer tick
 * runs throughout; the peer measures its latency (counter ticks from the
 * deadline to the handler) while its neighbour is quiet, then while it rings
 * without pause, with the peer's doorbell interrupt
 *   disabled       (it must show pending and never be taken),
 *   masked         (enabled but below the priority mask: pending, not taken),
 *   enabled        (taken, as often as the peer gets round to it),
 * then asks for a final ring and checks that exactly its sequence number
 * arrives (coalescing must not lose the last edge).
 */
#include "flood.h"
#include "gic.h"
#include "guest.h"

#define TICKS	  100 /* per phase */
#define DB_PRIO	  0xa0
#define LOW_PRIO  0xf0 /* masked while the priority mask is MASK_PMR */
#define MASK_PMR  0xe0
#define GICD_SPEN 0x200

static uint64_t period, cval;
static volatile unsigned ticks, doorbells, spurious;
static volatile uint64_t last_seq, lat_sum, lat_max;

static void timer_arm(uint64_t when)
{
	cval = when;
	__asm__ volatile("msr cntv_cval_el0, %0; msr cntv_ctl_el0, %1; isb" ::"r"(when), "r"(1UL));
}

static void handler(unsigned intid)
{
	uint64_t now = read_cntvct(); /* first: the latency ends here */

	if (intid == VTIMER_IRQ && now < cval) {
		spurious++; /* an edge from before the last re-arm, taken late */
	} else if (intid == VTIMER_IRQ) {
		lat_sum += now - cval;
		lat_max = now - cval > lat_max ? now - cval : lat_max;
		ticks++;
		timer_arm(cval + period);
	} else if (intid == FLOOD_PEER_IRQ) {
		doorbells++;
		last_seq = FLOOD_PAGE->seq;
	}
}

static int db_pending(void)
{
	unsigned irq = FLOOD_PEER_IRQ;

	return (*(volatile uint32_t *)(GUEST_GICD + GICD_SPEN + 4 * (irq / 32)) >> (irq % 32)) & 1;
}

/* TICKS timer ticks; their mean and worst latency, in counter ticks. */
static void phase(const char *what, uint64_t *mean)
{
	unsigned db0 = doorbells;

	lat_sum = lat_max = 0;
	wfi_until(&ticks, ticks + TICKS);
	*mean = lat_sum / TICKS;
	gprintf("%s: timer latency mean %lu, max %lu counter ticks; %u doorbells taken, "
		"doorbell %s\n",
		what, *mean, lat_max, doorbells - db0, db_pending() ? "pending" : "not pending");
}

static int fail(const char *why)
{
	gprintf("TEST FAIL: %s\n", why);
	return 1;
}

int main(uint64_t dtb)
{
	struct flood_page *p = FLOOD_PAGE;
	uint64_t quiet, disabled, masked, enabled, end;
	int bad = 0;

	gic_init_dist();
	gic_handler = handler;
	gic_init_cpu(0);
	gic_enable(0, VTIMER_IRQ, 0x80);
	period = read_cntfrq() / 1000;
	timer_arm(read_cntvct() + period);
	phase("quiet neighbour", &quiet);
	p->phase = FLOOD_RING;
	while (!p->rings)
		;
	phase("flood, doorbell disabled", &disabled);
	bad += doorbells ? fail("a disabled doorbell was taken") : 0;
	bad += !db_pending() ? fail("the disabled doorbell does not show pending") : 0;
	gic_set_pmr(MASK_PMR);
	gic_enable(0, FLOOD_PEER_IRQ, LOW_PRIO);
	phase("flood, doorbell masked", &masked);
	bad += doorbells ? fail("a masked doorbell was taken") : 0;
	gic_enable(0, FLOOD_PEER_IRQ, DB_PRIO);
	gic_set_pmr(0xff);
	phase("flood, doorbell enabled", &enabled);
	bad += !doorbells ? fail("an enabled doorbell was never taken") : 0;
	p->phase = FLOOD_FINAL;
	for (end = read_cntvct() + read_cntfrq(); read_cntvct() < end;)
		if (p->final && last_seq == p->final)
			break;
	gprintf("final ring %lu, last seen %lu; the flooder rang %lu times, %lu refused\n",
		p->final, last_seq, p->rings, p->errors);
	bad += !p->final || last_seq != p->final ? fail("the final doorbell was lost") : 0;
	bad += p->errors ? fail("rings were refused") : 0;
	if (!bad)
		gprintf("TEST PASS floodpeer\n");
	psci_system_off();
}
