// SPDX-License-Identifier: Apache-2.0
/*
 * bench: the single-VM benchmark suite. The same binary runs natively (QEMU
 * -kernel at EL1, no EL2) and as a Tessera partition; every figure is read
 * from the cycle counter, which under -icount shift=0 counts instructions.
 *   gic_init      a complete GIC driver initialisation (Linux-style: every SPI)
 *   vtimer        virtual timer interrupt latency: CNTV_CVAL deadline -> handler
 *   rtc           pass-through PL031 alarm latency: alarm due -> handler
 *   hvc           hypercall round trip (hypervisor only)
 *   mmio_trap     one emulated distributor register read (GICD_TYPER)
 *   matmul, qsort 100x100 uint32 matrix product, quicksort of 10000 uint32,
 *                 BENCH_REPS times each, with a 1 kHz timer tick running
 *   vtimer_flood  (BENCH_FLOOD, instead of the rest) vtimer again while VM 1 rings this VM's
 *                 doorbell without pause, the doorbell interrupt disabled;
 *                 vtimer_flood_masked: enabled but below the priority mask
 */
#include "bench.h"
#include "pl031.h"

#ifndef BENCH_SAMPLES
#define BENCH_SAMPLES 1000 /* interrupt latency samples */
#endif
#ifndef BENCH_RTC_SAMPLES
#define BENCH_RTC_SAMPLES 1000
#endif
#ifndef BENCH_REPS
#define BENCH_REPS 100 /* compute repetitions */
#endif
#ifdef BENCH_FLOOD
#define FLOOD_RUN 1 /* the doorbell-flood runs: the timer quiet, then flooded */
#else
#define FLOOD_RUN 0
#endif
#define TIMER_PERIOD 256 /* counter ticks between latency samples (4096 instructions) */

enum mode { IDLE, VTIMER, RTC_ALARM, TICK, WAKE };

static volatile enum mode mode;
static volatile unsigned got;
static uint64_t cval, tick_period;
static int64_t off_virt; /* PMCCNTR at CNTVCT = 0 */
static uint64_t rtc_due; /* PMCCNTR when the alarm is due */
static uint32_t samples[BENCH_SAMPLES > BENCH_RTC_SAMPLES ? BENCH_SAMPLES : BENCH_RTC_SAMPLES];
static uint64_t ticks;

static volatile uint32_t *rtc(unsigned off)
{
	return (volatile uint32_t *)(RTC + off);
}

static void timer_arm(uint64_t when)
{
	cval = when;
	__asm__ volatile("msr cntv_cval_el0, %0; msr cntv_ctl_el0, %1; isb" ::"r"(when), "r"(1UL));
}

static void handler(unsigned intid)
{
	uint64_t now = pmu_now(); /* first thing: the latency ends here */

	if (intid == VTIMER_IRQ && mode == VTIMER) {
		BENCH_MARK(MARK_VTIMER);
		samples[got] = (uint32_t)(now - (cval * ns_per_tick() + off_virt));
		__asm__ volatile("msr cntv_ctl_el0, xzr");
		got++;
	} else if (intid == VTIMER_IRQ && mode == WAKE) {
		timer_arm(cval + TIMER_PERIOD); /* wait_flooding's wake-ups */
	} else if (intid == VTIMER_IRQ && mode == TICK) {
		ticks++;
		timer_arm(cval + tick_period);
	} else if (intid == RTC_IRQ && mode == RTC_ALARM) {
		BENCH_MARK(MARK_RTC);
		samples[got] = (uint32_t)(now - rtc_due);
		*rtc(RTCICR) = 1;
		got++;
	}
}

/* GIC registers (IHI 0069H 12.9, 12.11): a driver's whole initialisation, as Linux does it. */
#define GICD_TYPER	0x0004
#define GICD_IGROUPR	0x0080
#define GICD_ICENABLER	0x0180
#define GICD_ICPENDR	0x0280
#define GICD_ICACTIVER	0x0380
#define GICD_IPRIORITYR 0x0400
#define GICD_ITARGETSR	0x0800
#define GICD_ICFGR	0x0c00
#define GICD_IROUTER	0x6000

/*
 * A plain STR, as Linux's writel() does: the compiler's post-indexed or paired
 * stores carry no syndrome (ESR ISV = 0) and an emulated register cannot take them.
 */
static void wr32(uint64_t base, unsigned off, uint32_t v)
{
	__asm__ volatile("str %w0, [%1]" ::"r"(v), "r"(base + off) : "memory");
}

static void wr64(uint64_t base, unsigned off, uint64_t v)
{
	__asm__ volatile("str %0, [%1]" ::"r"(v), "r"(base + off) : "memory");
}

static uint32_t rd32(uint64_t base, unsigned off)
{
	uint32_t v;

	__asm__ volatile("ldr %w0, [%1]" : "=r"(v) : "r"(base + off) : "memory");
	return v;
}

/* Every SPI: disabled, not pending/active, group 1, default priority, level, to vCPU 0. */
static unsigned gic_full_dist(int version)
{
	unsigned lines = (rd32(GUEST_GICD, GICD_TYPER) & 0x1f) + 1, nirq = 32 * lines;

	wr32(GUEST_GICD, 0, 0);
	for (unsigned i = 32; i < nirq; i += 32) {
		wr32(GUEST_GICD, GICD_ICENABLER + i / 8, ~0U);
		wr32(GUEST_GICD, GICD_ICPENDR + i / 8, ~0U);
		wr32(GUEST_GICD, GICD_ICACTIVER + i / 8, ~0U);
		wr32(GUEST_GICD, GICD_IGROUPR + i / 8, version == 3 ? ~0U : 0);
	}
	for (unsigned i = 32; i < nirq; i += 16)
		wr32(GUEST_GICD, GICD_ICFGR + i / 4, 0);
	for (unsigned i = 32; i < nirq; i += 4)
		wr32(GUEST_GICD, GICD_IPRIORITYR + i, 0xa0a0a0a0U);
	for (unsigned i = 32; i < nirq; i++) {
		if (version == 3)
			wr64(GUEST_GICD, GICD_IROUTER + 8 * i, 0);
		else if (i % 4 == 0)
			wr32(GUEST_GICD, GICD_ITARGETSR + i, 0x01010101U);
	}
	return nirq;
}

/* SGIs and PPIs of vCPU 0 (the redistributor's SGI frame on v3, banked GICD on v2). */
static void gic_full_cpu(int version)
{
	uint64_t f = version == 3 ? GUEST_GICR + 0x10000 : GUEST_GICD;

	wr32(f, GICD_ICENABLER, ~0U);
	wr32(f, GICD_ICPENDR, ~0U);
	wr32(f, GICD_ICACTIVER, ~0U);
	if (version == 3)
		wr32(f, GICD_IGROUPR, ~0U);
	for (unsigned i = 0; i < 32; i += 4)
		wr32(f, GICD_IPRIORITYR + i, 0xa0a0a0a0U);
}

static void measure_gic_init(void)
{
	uint64_t t0 = pmu_now(), t1;
	int version = gic_init_dist();
	unsigned nirq = gic_full_dist(version);

	gic_init_dist(); /* distributor back on */
	gic_full_cpu(version);
	gic_handler = handler;
	gic_init_cpu(0);
	t1 = pmu_now();
	bench_put("gic_init", (int64_t)(t1 - t0));
	bench_put("gic_version", version);
	bench_put("gic_irqs", nirq); /* as GICD_TYPER says: all of QEMU's, or the VM's */
}

/* BENCH_SAMPLES timer interrupt latencies, as "BENCHS name" (the plugin's own count per phase). */
static void vtimer_samples(const char *name)
{
	BENCH_MARK(MARK_PHASE);
	mode = VTIMER;
	for (got = 0; got < BENCH_SAMPLES;) {
		unsigned want = got + 1;

		timer_arm(read_cntvct() + TIMER_PERIOD);
		while (got < want) {
			BENCH_MARK(MARK_WAIT);
			__asm__ volatile("wfi");
		}
	}
	mode = IDLE;
	bench_put_samples(name, samples, BENCH_SAMPLES);
}

static void measure_vtimer(void)
{
	gic_enable(0, VTIMER_IRQ, 0x80);
	off_virt = bench_calibrate(1);
	vtimer_samples("vtimer");
}

/* Sleeps (a WFI: QEMU then runs the other CPU) until the flooder has rung `rings` times. */
static void wait_flooding(uint64_t rings)
{
	mode = WAKE;
	timer_arm(read_cntvct() + TIMER_PERIOD);
	while (*FLOOD_RINGS < rings)
		__asm__ volatile("wfi");
	mode = IDLE;
	__asm__ volatile("msr cntv_ctl_el0, xzr");
}

/*
 * The timer's latency again, VM 1 ringing this VM's doorbell all along: with
 * the doorbell interrupt disabled (the suite never enabled it), then enabled
 * below the priority mask (pending for good). Neither may cost this CPU an
 * instruction: the rings change nothing here (vgic_pending.c). Once enabled,
 * the doorbell sits in a list register, and the first ring after that asks
 * this CPU, once, to arm its EOI maintenance interrupt: that happens while it
 * waits for two more rings, before the samples.
 */
static void measure_flood(void)
{
	*FLOOD_ON = 1;
	wait_flooding(1);
	vtimer_samples("vtimer_flood");
	gic_set_pmr(0xe0);
	gic_enable(0, FLOOD_IRQ, 0xf0);
	wait_flooding(*FLOOD_RINGS + 2);
	vtimer_samples("vtimer_flood_masked");
	*FLOOD_ON = 0;
	bench_put("flood_rings", (int64_t)*FLOOD_RINGS);
}

/* Sets the alarm one second ahead; returns false if a second boundary got in the way. */
static bool rtc_arm(void)
{
	uint32_t now = *rtc(RTCDR);
	uint64_t p;

	/* PL031 (QEMU): the alarm fires 1e9 ns of -rtc clock=vm after the MR write. */
	__asm__ volatile("mrs %0, pmccntr_el0; str %w1, [%2]"
			 : "=&r"(p)
			 : "r"(now + 1), "r"(RTC + RTCMR)
			 : "memory");
	rtc_due = p + 1 + 1000000000UL;
	return *rtc(RTCDR) == now;
}

static void measure_rtc(void)
{
	if (!BENCH_RTC_SAMPLES)
		return;
	gic_enable(0, RTC_IRQ, 0x80);
	*rtc(RTCCR) = 1;
	*rtc(RTCIMSC) = 1;
	mode = RTC_ALARM;
	for (got = 0; got != BENCH_RTC_SAMPLES;) {
		unsigned want = got + 1;

		if (!rtc_arm())
			continue;
#ifdef BENCH_NOISE_SYNC
		*NOISE_QUIET_UNTIL =
			read_cntpct() + read_cntfrq() - NOISE_WINDOW_NS / ns_per_tick();
#endif
		while (got < want) {
			BENCH_MARK(MARK_WAIT);
			__asm__ volatile("wfi");
		}
	}
#ifdef BENCH_NOISE_SYNC
	*NOISE_QUIET_UNTIL = 0;
#endif
	mode = IDLE;
	*rtc(RTCIMSC) = 0;
	bench_put_samples("rtc", samples, BENCH_RTC_SAMPLES);
}

/* Round trips of a trapping instruction (hvc, or a load from an emulated register). */
static void measure_traps(void)
{
	for (unsigned i = 0; i < BENCH_SAMPLES; i++) {
		uint64_t a, b;

		__asm__ volatile("mov x0, %2\n"
				 "mrs %0, pmccntr_el0\n"
				 "hvc #0\n"
				 "mrs %1, pmccntr_el0"
				 : "=&r"(a), "=&r"(b)
				 : "r"(TESSERA_HC_IDENTIFY)
				 : "x0", "x1", "x2", "x3", "memory");
		samples[i] = (uint32_t)(b - a);
	}
	bench_put_samples("hvc", samples, BENCH_SAMPLES);
}

static void measure_mmio(void)
{
	for (unsigned i = 0; i < BENCH_SAMPLES; i++) {
		uint64_t a, b;
		uint32_t v;

		__asm__ volatile("mrs %0, pmccntr_el0\n"
				 "ldr %w2, [%3]\n"
				 "mrs %1, pmccntr_el0"
				 : "=&r"(a), "=&r"(b), "=&r"(v)
				 : "r"(GUEST_GICD + GICD_TYPER)
				 : "memory");
		samples[i] = (uint32_t)(b - a);
	}
	bench_put_samples("mmio_trap", samples, BENCH_SAMPLES);
}

/* Runs both workloads BENCH_REPS times with a 1 kHz tick; only the workloads are timed. */
static void measure_compute(void)
{
	uint64_t t_mat = 0, t_sort = 0, check = 0;

	tick_period = read_cntfrq() / 1000;
	mode = TICK;
	timer_arm(read_cntvct() + tick_period);
	for (unsigned r = 0; r < BENCH_REPS; r++) {
		uint64_t t0;

		work_matmul_fill();
		t0 = pmu_now();
		BENCH_MARK(MARK_MATMUL);
		work_matmul();
		BENCH_MARK(MARK_MATMUL_END);
		t_mat += pmu_now() - t0;
		work_qsort_fill();
		t0 = pmu_now();
		BENCH_MARK(MARK_QSORT);
		work_qsort();
		BENCH_MARK(MARK_QSORT_END);
		t_sort += pmu_now() - t0;
		check += work_check(r);
	}
	__asm__ volatile("msr cntv_ctl_el0, xzr");
	mode = IDLE;
	bench_put("matmul", (int64_t)t_mat);
	bench_put("qsort", (int64_t)t_sort);
	bench_put("reps", BENCH_REPS);
	bench_put("ticks", (int64_t)ticks);
	bench_put("checksum", (int64_t)check);
}

int main(uint64_t dtb)
{
	int native = guest_native();

	pmu_start();
	bench_put("native", native);
	bench_put("entry_ns", (int64_t)(guest_entry_cntpct * ns_per_tick()));
	measure_gic_init();
	measure_vtimer();
	if (FLOOD_RUN) {
		measure_flood(); /* and nothing else: the flood run is about this */
	} else {
		measure_rtc();
		if (!native)
			measure_traps();
		measure_mmio();
		measure_compute();
	}
	gprintf("BENCH done\n");
	psci_system_off();
}
