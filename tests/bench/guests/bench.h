/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Benchmark guest helpers: the PMU cycle counter as an instruction clock, a
 * calibration that ties it to the generic timer.
 *
 * Under QEMU -icount shift=0 virtual time is one nanosecond per instruction:
 * PMCCNTR_EL0 (1 GHz in QEMU's model) counts instructions, the 62.5 MHz
 * counter ticks every 16. The virtual time is shared by all CPUs (they run in
 * turn), so the cycle counter of one CPU also advances with the others'.
 * The output lines and the workloads are common.h's.
 */
#ifndef TESSERA_BENCH_H
#define TESSERA_BENCH_H

#include <stdint.h>

#include "common.h"
#include "gic.h"
#include "guest.h"

#define PMCR_E	      (1UL << 0)  /* PMCR_EL0.E: counters enabled (Arm ARM D13.4.12) */
#define PMCR_C	      (1UL << 2)  /* PMCR_EL0.C: reset the cycle counter */
#define PMCCFILTR_NSH (1UL << 27) /* count at EL2 as well: the hypervisor's work is the point */
#define PMCNTEN_C     (1UL << 31)

static inline void pmu_start(void)
{
	__asm__ volatile("msr pmccfiltr_el0, %0" ::"r"(PMCCFILTR_NSH));
	__asm__ volatile("msr pmcntenset_el0, %0" ::"r"(PMCNTEN_C));
	__asm__ volatile("msr pmcr_el0, %0; isb" ::"r"(PMCR_E | PMCR_C));
}

static inline uint64_t pmu_now(void)
{
	uint64_t v;

	__asm__ volatile("mrs %0, pmccntr_el0" : "=r"(v)::"memory");
	return v;
}

static inline uint64_t read_cntpct(void)
{
	uint64_t v;

	__asm__ volatile("mrs %0, cntpct_el0" : "=r"(v)::"memory");
	return v;
}

/*
 * A marker: HINT #(0x70 + n), a NOP to the CPU. The per-vCPU instruction
 * counting plugin (tests/bench/plugin/vcpu_insns.c) logs each one it sees.
 */
#define BENCH_MARK(n) __asm__ volatile("hint #%0" ::"i"(0x70 + (n)) : "memory")
enum bench_marker {
	MARK_WAIT,
	MARK_VTIMER,
	MARK_MATMUL,
	MARK_MATMUL_END,
	MARK_QSORT,
	MARK_QSORT_END,
	MARK_RTC,
	MARK_PHASE /* the timer samples that follow belong to the next phase (doorbell flood) */
};

/*
 * The noisy runs share a channel page (tests/bench/layouts/suite-noisy*.dts):
 * while the suite waits a second for each PL031 alarm it writes here the
 * CNTPCT_EL0 value until which the neighbour may sleep, NOISE_WINDOW before the
 * alarm is due (0: no sleep). Without it every RTC sample would cost the
 * neighbour's 1e9 instructions; with it the neighbour hammers from 0.5 ms before
 * each alarm until the suite arms the next.
 */
#define NOISE_QUIET_UNTIL ((volatile uint64_t *)0x50000000UL)
#define NOISE_WINDOW_NS	  500000UL

/*
 * The doorbell-flood runs (tests/bench/layouts/suite-flood*.dts): the suite
 * (VM 0) and the flooder (VM 1) share a channel page; the suite says when to
 * ring it (FLOOD_ON), the flooder counts its rings. The suite's doorbell
 * interrupt for the channel is FLOOD_IRQ.
 */
#define FLOOD_ON    ((volatile uint64_t *)0x50000008UL)
#define FLOOD_RINGS ((volatile uint64_t *)0x50000010UL)
#define FLOOD_IRQ   40

/* Nanoseconds (instructions under -icount shift=0) per counter tick: 16 on QEMU virt. */
static inline uint64_t ns_per_tick(void)
{
	return 1000000000UL / read_cntfrq();
}

/*
 * PMCCNTR_EL0 - ns_per_tick * counter, sampled at a counter edge: the cycle
 * count of the instant the counter (CNTVCT_EL0 if virt, else CNTPCT_EL0)
 * reads 0. The edge is seen 0..2 instructions late (the 3-instruction poll
 * loop); over 32 edges the phase varies, and the smallest value is exact.
 */
int64_t bench_calibrate(int virt);

#endif
