// SPDX-License-Identifier: Apache-2.0
/*
 * irqs: interrupt virtualization from a bare-metal guest.
 *   1. virtual timer interrupts on both vCPUs;
 *   2. SGIs between the two vCPUs, both ways;
 *   3. 13 SGIs pending at once (more than the list registers), taken in priority order;
 *   4. the virtual timer disabled at the redistributor: its deadline passes, it is
 *      not taken but reads as pending, and is taken once enabled again.
 */
#include "gic.h"
#include "guest.h"

#define TICKS	 20
#define ROUNDS	 10
#define NPENDING 13

static uint64_t stack1[1024] __attribute__((aligned(16)));
static volatile unsigned ticks[2], ping, pong, ready1;
static volatile unsigned order[NPENDING], norder;
static uint64_t period;

static unsigned my_vcpu(void)
{
	return read_mpidr() & 0xff;
}

static void arm_timer(void)
{
	__asm__ volatile("msr cntv_tval_el0, %0; msr cntv_ctl_el0, %1; isb" ::"r"(period),
			 "r"(1UL));
}

static void handler(unsigned intid)
{
	unsigned me = my_vcpu();

	if (intid == VTIMER_IRQ) {
		if (++ticks[me] < TICKS)
			arm_timer();
		else
			__asm__ volatile("msr cntv_ctl_el0, %0; isb" ::"r"(0UL));
	} else if (intid == 1 && me == 1) {
		ping++;
		gic_send_sgi(0, 2);
	} else if (intid == 2 && me == 0) {
		pong++;
	} else if (intid >= 3 && intid < 16 && norder < NPENDING) {
		order[norder++] = intid;
	}
}

void secondary_main(void)
{
	gic_init_cpu(1);
	gic_enable(1, 1, 0x80);
	gic_enable(1, VTIMER_IRQ, 0x80);
	arm_timer();
	ready1 = 1;
	wfi_until(&ticks[1], TICKS);
	wfi_until(&ping, ROUNDS);
}

static int timer_phase(void)
{
	gic_enable(0, VTIMER_IRQ, 0x80);
	arm_timer();
	wfi_until(&ticks[0], TICKS); /* woken by our own timer */
	while (ticks[1] < TICKS)
		; /* nothing wakes us when vCPU 1 is done: poll */
	gprintf("timer: %u ticks on vCPU 0, %u on vCPU 1\n", ticks[0], ticks[1]);
	return 0;
}

static int sgi_phase(void)
{
	gic_enable(0, 2, 0x80);
	for (unsigned i = 1; i <= ROUNDS; i++) {
		gic_send_sgi(1, 1);
		while (pong < i)
			;
	}
	gprintf("sgi: %u round trips between vCPU 0 and vCPU 1\n", pong);
	return pong == ROUNDS ? 0 : 1;
}

static int pending_phase(void)
{
	__asm__ volatile("msr daifset, #2");
	for (unsigned s = 3; s < 16; s++) {
		gic_enable(0, s, (uint8_t)(0x10 * (s - 2))); /* SGI 3 highest priority */
		gic_send_sgi(0, s);
	}
	__asm__ volatile("isb; msr daifclr, #2; isb");
	for (volatile int i = 0; i < 100000 && norder < NPENDING; i++)
		;
	for (unsigned i = 0; i < norder; i++)
		if (order[i] != 3 + i) {
			gprintf("TEST FAIL: pending SGI %u taken at position %u\n", order[i], i);
			return 1;
		}
	gprintf("pending: %u of %u SGIs taken, in priority order\n", norder, NPENDING);
	return norder == NPENDING ? 0 : 1;
}

static int masked_phase(void)
{
	unsigned before = ticks[0];
	uint64_t end;

	gic_disable(0, VTIMER_IRQ);
	arm_timer(); /* the handler disarms it: ticks[0] is at TICKS */
	for (end = read_cntvct() + 5 * period; read_cntvct() < end;)
		;
	if (ticks[0] != before || !gic_is_pending(0, VTIMER_IRQ)) {
		gprintf("TEST FAIL: disabled timer: %u ticks taken, pending %d\n",
			ticks[0] - before, gic_is_pending(0, VTIMER_IRQ));
		return 1;
	}
	gic_enable(0, VTIMER_IRQ, 0x80);
	for (end = read_cntvct() + 5 * period; read_cntvct() < end && ticks[0] == before;)
		;
	gprintf("masked: the disabled timer stayed pending, taken %u time(s) once enabled\n",
		ticks[0] - before);
	return ticks[0] == before + 1 ? 0 : 1;
}

int main(uint64_t dtb)
{
	int v = gic_init_dist(), fails = 0;

	period = read_cntfrq() / 1000; /* 1 ms */
	gic_handler = handler;
	gic_init_cpu(0);
	gprintf("GICv%d, counter %lu Hz\n", v, read_cntfrq());
	psci_cpu_on(1, secondary_start, (uint64_t)&stack1[1024]);
	while (!ready1)
		;
	fails += timer_phase();
	fails += sgi_phase();
	fails += pending_phase();
	fails += masked_phase();
	if (!fails)
		gprintf("TEST PASS irqs\n");
	return 0;
}
