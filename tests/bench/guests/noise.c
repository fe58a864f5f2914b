// SPDX-License-Identifier: Apache-2.0
/*
 * noise: the noisy neighbour. Never idles: streams writes and reads over 8 MiB
 * of its memory, takes a virtual timer interrupt every 2048 instructions of
 * virtual time, sends itself an SGI from each (a trapped ICC_SGI1R_EL1 write
 * on GICv3) and makes a hypercall every pass. Runs until QEMU is stopped.
 * It sleeps only while the suite says so (NOISE_QUIET_UNTIL, bench.h): while the
 * suite waits for a PL031 alarm, until 0.5 ms before it is due.
 */
#include "bench.h"

#define HAMMER_BASE 0x40400000UL /* its memory after the image (see the layouts) */
#define HAMMER_SIZE (8UL << 20)
#define PERIOD	    128 /* counter ticks */
#define SGI	    1

static uint64_t cval, off_virt, sleep_until;
static volatile uint64_t nirq, nsgi;
static volatile bool sleeping;

/* Arms the virtual timer at v (CNTVCT), or disables it (v = 0). */
static void timer_set(uint64_t v)
{
	__asm__ volatile("msr cntv_cval_el0, %0; msr cntv_ctl_el0, %1; isb" ::"r"(v),
			 "r"(v ? 1UL : 0));
}

/*
 * Each tick: the next one, and an SGI to itself. When the suite says the
 * neighbour may sleep (NOISE_QUIET_UNTIL ahead), the next tick is the wake-up
 * instead and the main loop naps. (The check is here: with a tick every 2048
 * instructions of shared time the main loop gets few instructions.)
 */
static void handler(unsigned intid)
{
	uint64_t until = *NOISE_QUIET_UNTIL;

	if (intid == VTIMER_IRQ && sleeping) {
		timer_set(0); /* the wake-up: nap() takes over */
	} else if (intid == VTIMER_IRQ && until > read_cntpct()) {
		sleep_until = until;
		sleeping = true;
		timer_set(until - off_virt);
	} else if (intid == VTIMER_IRQ) {
		cval += PERIOD;
		timer_set(cval);
		gic_send_sgi(0, SGI);
		nirq++;
	} else if (intid == SGI) {
		nsgi++;
	}
}

/* Sleeps until the time the suite gave (the timer wakes it), then ticks again. */
static void nap(void)
{
	while (read_cntpct() < sleep_until)
		__asm__ volatile("wfi");
	sleeping = false;
	cval = read_cntvct() + PERIOD;
	timer_set(cval);
}

int main(uint64_t dtb)
{
	volatile uint64_t *mem = (volatile uint64_t *)HAMMER_BASE;
	uint64_t sum = 0;

	gic_init_dist();
	gic_handler = handler;
	gic_init_cpu(0);
	gic_enable(0, VTIMER_IRQ, 0x80);
	gic_enable(0, SGI, 0x80);
	gprintf("noise: hammering 8 MiB, timer every %u ticks, an SGI per tick\n", PERIOD);
	off_virt = read_cntpct() - read_cntvct(); /* the VM's CNTVOFF */
	cval = read_cntvct() + PERIOD;
	timer_set(cval);
	for (uint64_t pass = 0;; pass++) {
		for (uint64_t i = 0; i < HAMMER_SIZE / 8; i += 8) {
			mem[i] = pass + i;
			if (sleeping)
				nap();
		}
		for (uint64_t i = 0; i < HAMMER_SIZE / 8; i += 8) {
			sum += mem[i];
			if (sleeping)
				nap();
		}
		hvc(TESSERA_HC_IDENTIFY, 0, 0, 0, 0, 0, 0);
		if (pass % 16 == 0)
			gprintf("noise: pass %lu, %lu timer irqs, %lu sgis, sum %lx\n", pass, nirq,
				nsgi, sum);
	}
}
