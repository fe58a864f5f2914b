// SPDX-License-Identifier: Apache-2.0
/*
 * doorbell: inter-VM notification latency between two VMs on two CPUs sharing
 * a channel. VM 0 stamps the time, rings VM 1 (hypercall, then the MMIO
 * doorbell page); VM 1's handler stamps the time and rings back.
 *
 * The two stamps come from different CPUs' cycle counters, so both are first
 * turned into one shared time base: each VM calibrates its PMCCNTR_EL0 against
 * CNTPCT_EL0, which all CPUs share (bench_calibrate), while the other VM sleeps
 * in WFI. QEMU runs the CPUs in turn, in slices that end at the next timer
 * deadline: a busy peer would delay the edge seen, and a guest that spins
 * waiting for another may spin for a whole slice, so every wait is a WFI.
 * one-way = VM 1's handler stamp - VM 0's stamp before the ring;
 * round trip = VM 0's handler stamp - the same stamp, on one CPU's counter.
 */
#include "bench.h"
#include "shmem.h"

#ifndef BENCH_SAMPLES
#define BENCH_SAMPLES 1000
#endif
#define CHAN_IPA     0x50000000UL
#define DOORBELL_IPA 0x50010000UL
#define MY_IRQ(id)   (40U + (id))

enum cmd { CALIBRATE = 1, RING_HVC, RING_MMIO, QUIT };

struct shared {
	volatile uint32_t cmd;
	volatile int64_t t_ring, t_peer;
};

static struct shared *const sh = (struct shared *)CHAN_IPA;
static unsigned me;
static int64_t off;
static volatile unsigned rung;
static volatile uint64_t stamp;
static uint32_t one_way[BENCH_SAMPLES], round_trip[BENCH_SAMPLES];

static void ring(unsigned how)
{
	if (how == RING_MMIO)
		db_ring_mmio(DOORBELL_IPA, !me);
	else
		db_ring_hvc(0, !me);
}

static void handler(unsigned intid)
{
	uint64_t now = pmu_now();

	if (intid != MY_IRQ(me))
		return;
	stamp = now;
	if (me == 1 && sh->cmd) {
		if (sh->cmd == CALIBRATE)
			off = bench_calibrate(0);
		else
			sh->t_peer = (int64_t)now - off;
		__asm__ volatile("dsb ish" ::: "memory");
		if (sh->cmd != QUIT)
			ring(sh->cmd == RING_MMIO ? RING_MMIO : RING_HVC);
	}
	rung++;
}

static void wait_rung(unsigned n)
{
	while (rung < n)
		__asm__ volatile("wfi");
}

static void measure(unsigned how, const char *name)
{
	sh->cmd = how;
	for (unsigned i = 0; i < BENCH_SAMPLES; i++) {
		unsigned n = rung + 1;
		int64_t t0 = (int64_t)pmu_now() - off;

		sh->t_ring = t0;
		__asm__ volatile("dsb ish" ::: "memory");
		ring(how);
		wait_rung(n);
		one_way[i] = (uint32_t)(sh->t_peer - t0);
		round_trip[i] = (uint32_t)((int64_t)stamp - off - t0);
	}
	gprintf("BENCH doorbell method %s\n", name);
	bench_put_samples(how == RING_HVC ? "db_hvc_oneway" : "db_mmio_oneway", one_way,
			  BENCH_SAMPLES);
	bench_put_samples(how == RING_HVC ? "db_hvc_rtt" : "db_mmio_rtt", round_trip,
			  BENCH_SAMPLES);
}

static void ping(void)
{
	wait_rung(1); /* the peer is up and about to sleep */
	off = bench_calibrate(0);
	sh->cmd = CALIBRATE;
	ring(RING_HVC);
	wait_rung(2);
	measure(RING_HVC, "hypercall");
	measure(RING_MMIO, "mmio");
	sh->cmd = QUIT;
	ring(RING_HVC);
	gprintf("BENCH done\n");
}

int main(uint64_t dtb)
{
	me = my_vm_id();
	pmu_start();
	gic_init_dist();
	gic_handler = handler;
	gic_init_cpu(0);
	gic_enable(0, MY_IRQ(me), 0x80);
	if (me == 0) {
		ping();
		return 0;
	}
	ring(RING_HVC); /* ready */
	while (sh->cmd != QUIT)
		__asm__ volatile("wfi");
	return 0;
}
