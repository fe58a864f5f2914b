// SPDX-License-Identifier: Apache-2.0
/*
 * bench (RISC-V): the single-VM benchmark suite. The same binary runs natively
 * (QEMU -kernel under OpenSBI, S-mode) and as a Tessera partition (VS-mode);
 * every figure is read from the cycle CSR, which under -icount shift=0 counts
 * instructions (bench.h).
 *   vtimer     timer interrupt latency: the Sstc deadline (stimecmp natively,
 *              the same CSR is vstimecmp in a VM: the interrupt comes straight
 *              to the guest) -> the guest's handler
 *   rtc        pass-through Goldfish RTC alarm latency (PLIC source 11, claimed
 *              from the PLIC natively, from the virtual PLIC in a VM; built with
 *              GUEST_APLIC, bench-aplic.bin, the same through the APLIC's
 *              supervisor domain in direct mode, natively or the VM's virtual
 *              one): alarm due -> handler
 *   sbi        an SBI call's round trip (BASE get_spec_version: the firmware
 *              natively, the hypervisor in a VM)
 *   hvc        Tessera's IDENTIFY hypercall round trip (hypervisor only)
 *   mmio_trap  one emulated interrupt-controller register read (source 1's
 *              PLIC priority or APLIC sourcecfg; natively the controller's own)
 *   matmul, qsort  the common workloads (common.h), BENCH_REPS times each,
 *              with a 1 kHz timer tick running
 */
#include "bench.h"
#include "plic.h"

#ifndef BENCH_SAMPLES
#define BENCH_SAMPLES 1000 /* latency and round-trip samples */
#endif
#ifndef BENCH_RTC_SAMPLES
#define BENCH_RTC_SAMPLES 1000
#endif
#ifndef BENCH_REPS
#define BENCH_REPS 100 /* compute repetitions */
#endif
#define TIMER_PERIOD 41	     /* time ticks from arming to the deadline (4100 instructions) */
#define RTC_DELAY_NS 50000UL /* alarm this far ahead of the RTC's time */

/* QEMU virt's Goldfish RTC (hw/rtc/goldfish_rtc.c): time and alarm in ns. */
#define RTC		0x101000UL
#define RTC_IRQ		11
#define TIME_LOW	0x00
#define TIME_HIGH	0x04
#define ALARM_LOW	0x08
#define ALARM_HIGH	0x0c
#define IRQ_ENABLED	0x10
#define CLEAR_INTERRUPT 0x1c

#define CAUSE_TIMER (SCAUSE_IRQ | 5)
#define CAUSE_EXT   (SCAUSE_IRQ | 9)

enum mode { IDLE, VTIMER, RTC_ALARM, TICK };

static volatile enum mode mode;
static volatile unsigned got, fired;
static volatile int64_t timer_latency;
static uint64_t cval, tick_period;
static uint64_t timer_due; /* cycle when the timer is due */
static uint64_t rtc_due;   /* cycle when the alarm is due */
static bool rtc_armed;	   /* an alarm is due and has not been taken yet */
static unsigned spurious;  /* claims of the RTC's source with no alarm due */
static uint32_t samples[BENCH_SAMPLES > BENCH_RTC_SAMPLES ? BENCH_SAMPLES : BENCH_RTC_SAMPLES];
static uint64_t ticks;

static volatile uint32_t *rtc(unsigned off)
{
	return (volatile uint32_t *)(RTC + off);
}

/* SBI TIME set_timer (SBI v2.0 6.1); ~0 disarms it. Also clears the pending timer interrupt. */
static void timer_arm(uint64_t when)
{
	cval = when;
	sbi_call(SBI_EXT_TIME, 0, when, 0, 0);
}

static bool on_trap(struct guest_frame *f, uint64_t cause)
{
	uint64_t now = cycle_now(); /* first thing: the latency ends here */
	unsigned src;

	if (cause == CAUSE_TIMER) {
		if (mode == VTIMER) {
			timer_latency = (int64_t)(now - timer_due);
			fired++;
			__asm__ volatile(
				"csrw stimecmp, %0" ::"r"(~0UL)); /* clears the pending STIP */
		} else if (mode == TICK) {
			ticks++;
			timer_arm(cval + tick_period);
		} else {
			timer_arm(~0UL);
		}
		return true;
	}
	if (cause != CAUSE_EXT)
		return false;
	/* every source pending: with an APLIC the claim that reads 0 ends the last one (plic.h) */
	while ((src = plic_claim()) != 0) {
		if (src == RTC_IRQ) {
			if (mode == RTC_ALARM && rtc_armed) {
				samples[got] = (uint32_t)(now - rtc_due);
				got++;
			} else {
				spurious++;
			}
			rtc_armed = false;
			*rtc(CLEAR_INTERRUPT) = 1;
		}
		plic_complete(src);
	}
	return true;
}

/*
 * A deadline TIMER_PERIOD ticks ahead in stimecmp (Sstc: natively the
 * S-mode timer, in a VM the same CSR is vstimecmp, no trap). QEMU fires it
 * TIMER_PERIOD * NS_PER_TICK ns after the write, whatever the phase of the
 * time CSR: the latency counts from there (the write is two instructions after
 * the cycle read; a time tick between the time read and the write shows as one
 * sample 100 lower).
 */
static void measure_timer(void)
{
	irq_enable(SIE_STIE);
	mode = VTIMER;
	for (got = 0; got < BENCH_SAMPLES;) {
		unsigned want = fired + 1;
		uint64_t t, c;

		__asm__ volatile("rdtime %0\n"
				 "rdcycle %1\n"
				 "add %0, %0, %2\n"
				 "csrw stimecmp, %0"
				 : "=&r"(t), "=&r"(c)
				 : "r"((uint64_t)TIMER_PERIOD)
				 : "memory");
		timer_due = c + 2 + TIMER_PERIOD * NS_PER_TICK;
		wfi_until(&fired, want);
		if (timer_latency >= 0) /* else the time ticked before the write: no sample */
			samples[got++] = (uint32_t)timer_latency;
	}
	mode = IDLE;
	bench_put_samples("vtimer", samples, BENCH_SAMPLES);
}

/* Arms the alarm RTC_DELAY_NS ahead; the cycle read right before the RTC's time is the base. */
static void rtc_arm(void)
{
	uint64_t c = cycle_now();
	uint64_t lo = *rtc(TIME_LOW); /* reading TIME_LOW latches TIME_HIGH */
	uint64_t at = (lo | (uint64_t)*rtc(TIME_HIGH) << 32) + RTC_DELAY_NS;

	rtc_due = c + 1 + RTC_DELAY_NS; /* the time was read one instruction after the cycle */
	rtc_armed = true;
	*rtc(ALARM_HIGH) = (uint32_t)(at >> 32);
	*rtc(ALARM_LOW) = (uint32_t)at; /* writing the low half arms it */
}

static void measure_rtc(void)
{
	plic_enable(RTC_IRQ);
	irq_enable(SIE_SEIE);
	*rtc(IRQ_ENABLED) = 1;
	mode = RTC_ALARM;
	for (got = 0; got < BENCH_RTC_SAMPLES;) {
		unsigned want = got + 1;

		rtc_arm();
		wfi_until(&got, want);
	}
	mode = IDLE;
	*rtc(IRQ_ENABLED) = 0;
	bench_put_samples("rtc", samples, BENCH_RTC_SAMPLES);
	bench_put("rtc_spurious", spurious);
}

/* Round trips of an ECALL: SBI get_spec_version (ext 0x10), or Tessera's IDENTIFY. */
static void measure_ecall(const char *name, uint64_t ext, uint64_t fid)
{
	for (unsigned i = 0; i < BENCH_SAMPLES; i++) {
		register uint64_t a0 __asm__("a0") = 0;
		register uint64_t a1 __asm__("a1") = 0;
		register uint64_t a6 __asm__("a6") = fid;
		register uint64_t a7 __asm__("a7") = ext;
		uint64_t a, b;

		__asm__ volatile("rdcycle %0\n"
				 "ecall\n"
				 "rdcycle %1"
				 : "=&r"(a), "=&r"(b), "+r"(a0), "+r"(a1), "+r"(a6), "+r"(a7)
				 :
				 : "a2", "a3", "a4", "a5", "memory");
		samples[i] = (uint32_t)(b - a);
	}
	bench_put_samples(name, samples, BENCH_SAMPLES);
}

static void measure_mmio(void)
{
	for (unsigned i = 0; i < BENCH_SAMPLES; i++) {
		uint64_t a, b;
		uint32_t v;

		__asm__ volatile("rdcycle %0\n"
				 "lw %2, 0(%3)\n"
				 "rdcycle %1"
				 : "=&r"(a), "=&r"(b), "=&r"(v)
				 : "r"(IRQCHIP_SOURCE1_REG)
				 : "memory");
		samples[i] = (uint32_t)(b - a);
	}
	bench_put_samples("mmio_trap", samples, BENCH_SAMPLES);
}

/* Runs both workloads BENCH_REPS times with a 1 kHz tick; only the workloads are timed. */
static void measure_compute(void)
{
	uint64_t t_mat = 0, t_sort = 0, check = 0;

	tick_period = TIMEBASE_HZ / 1000;
	mode = TICK;
	timer_arm(rdtime() + tick_period);
	for (unsigned r = 0; r < BENCH_REPS; r++) {
		uint64_t t0;

		work_matmul_fill();
		t0 = cycle_now();
		work_matmul();
		t_mat += cycle_now() - t0;
		work_qsort_fill();
		t0 = cycle_now();
		work_qsort();
		t_sort += cycle_now() - t0;
		check += work_check(r);
	}
	mode = IDLE;
	timer_arm(~0UL);
	bench_put("matmul", (int64_t)t_mat);
	bench_put("qsort", (int64_t)t_sort);
	bench_put("reps", BENCH_REPS);
	bench_put("ticks", (int64_t)ticks);
	bench_put("checksum", (int64_t)check);
}

int main(uint64_t hart, uint64_t dtb)
{
	bool native = guest_native();

	guest_trap_handler = on_trap;
	bench_put("native", native);
	bench_put("entry_ns", (int64_t)guest_entry_cycle);
	measure_timer();
	measure_rtc();
	measure_ecall("sbi", SBI_EXT_BASE, 0);
	if (!native)
		measure_ecall("hvc", TESSERA_SBI_EXT, TESSERA_HC_IDENTIFY);
	measure_mmio();
	measure_compute();
	gprintf("BENCH done\n");
	return 0;
}
