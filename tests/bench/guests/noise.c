// SPDX-License-Identifier: Apache-2.0
/*
 * noise: the noisy neighbour. Never idles: streams writes and reads over 8 MiB
 * of its memory, takes a virtual timer interrupt every 2048 instructions of
 * virtual time, sends itself an SGI from each (a trapped ICC_SGI1R_EL1 write
 * on GICv3) and makes a hypercall every pass. Runs until QEMU is stopped.
 */
#include "bench.h"

#define HAMMER_BASE 0x40400000UL /* its memory after the image (see the layouts) */
#define HAMMER_SIZE (8UL << 20)
#define PERIOD	    128 /* counter ticks */
#define SGI	    1

static uint64_t cval;
static volatile uint64_t nirq, nsgi;

static void handler(unsigned intid)
{
	if (intid == VTIMER_IRQ) {
		cval += PERIOD;
		__asm__ volatile("msr cntv_cval_el0, %0; isb" ::"r"(cval));
		gic_send_sgi(0, SGI);
		nirq++;
	} else if (intid == SGI) {
		nsgi++;
	}
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
	cval = read_cntvct() + PERIOD;
	__asm__ volatile("msr cntv_cval_el0, %0; msr cntv_ctl_el0, %1; isb" ::"r"(cval), "r"(1UL));
	for (uint64_t pass = 0;; pass++) {
		for (uint64_t i = 0; i < HAMMER_SIZE / 8; i += 8)
			mem[i] = pass + i;
		for (uint64_t i = 0; i < HAMMER_SIZE / 8; i += 8)
			sum += mem[i];
		hvc(TESSERA_HC_IDENTIFY, 0, 0, 0, 0, 0, 0);
		if (pass % 16 == 0)
			gprintf("noise: pass %lu, %lu timer irqs, %lu sgis, sum %lx\n", pass, nirq,
				nsgi, sum);
	}
}
