// SPDX-License-Identifier: Apache-2.0
/*
 * control (RISC-V): the default demo's control loop (partitions/riscv64/linux-demo.dts), as
 * tests/guests/control.c on AArch64. It measures its timer interrupt latency (the supervisor
 * timer set with SBI set_timer every PERIOD_US, an absolute deadline: the hypervisor gives it
 * vstimecmp with Sstc; in the handler, how late it runs) and, every REPORT samples, publishes
 * the report on the channel "control-stats" and rings Linux (Tessera's doorbell hypercall).
 * Only its first report goes to the console, so Linux's shell stays usable.
 *
 * The channel (IPA 0x90000000, Linux maps it read-only):
 *   0x0   u32 sequence: odd while a report is being written, even when done
 *   0x4   u32 reports published
 *   0x10  the report, NUL-terminated text
 */
#include <stdio.h>

#include "guest.h"

#define CHAN_IPA  0x90000000UL
#define CHANNEL	  0 /* its index in the layout */
#define LINUX_VM  0
#define TEXT	  0x10
#define PERIOD_US 1000
#define REPORT	  1000 /* samples per report */
#define PERIOD	  (TIMEBASE_HZ / 1000000 * PERIOD_US)

static uint64_t deadline;
static volatile uint64_t nsamples, sum, min = ~0UL, max;

static void arm_at(uint64_t when)
{
	deadline = when;
	sbi_call(SBI_EXT_TIME, 0, when, 0, 0); /* also clears the pending tick */
}

static bool on_trap(struct guest_frame *f, uint64_t cause)
{
	uint64_t late = rdtime() - deadline;

	if (cause != (SCAUSE_IRQ | 5))
		return false;
	sum += late;
	min = late < min ? late : min;
	max = late > max ? late : max;
	nsamples++;
	arm_at(deadline + PERIOD);
	return true;
}

static uint64_t ns(uint64_t ticks)
{
	return ticks * 1000000000UL / TIMEBASE_HZ;
}

/* Waits for REPORT more samples; the report since the last one into buf, and a new count. */
static void report(char *buf, size_t len)
{
	static uint64_t reported;

	while (nsamples - reported < REPORT)
		__asm__ volatile("wfi");
	__asm__ volatile("csrc sstatus, %0" ::"r"(2UL)); /* SIE off while the sums are read */
	snprintf(buf, len,
		 "timer irq latency over %lu samples: min %lu ns, mean %lu ns, max %lu ns",
		 nsamples - reported, ns(min), ns(sum / (nsamples - reported)), ns(max));
	reported = nsamples;
	sum = max = 0;
	min = ~0UL;
	__asm__ volatile("csrs sstatus, %0" ::"r"(2UL));
}

static volatile uint32_t *word(unsigned off)
{
	return (volatile uint32_t *)(CHAN_IPA + off);
}

static void publish(const char *line, uint32_t n)
{
	volatile char *text = (volatile char *)(CHAN_IPA + TEXT);
	size_t i = 0;

	*word(0) = 2 * n - 1;
	__asm__ volatile("fence w, w" ::: "memory");
	for (; line[i]; i++)
		text[i] = line[i];
	text[i] = '\0';
	*word(4) = n;
	__asm__ volatile("fence w, w" ::: "memory");
	*word(0) = 2 * n;
	__asm__ volatile("fence rw, rw" ::: "memory");
}

int main(uint64_t hart, uint64_t dtb)
{
	char line[128];
	uint32_t n = 0;
	int64_t ring;

	gprintf("control loop: timer every %u us, timebase %lu Hz; reports on channel "
		"control-stats (in Linux: tessera-chan -c control-stats wait; tessera-chan -c "
		"control-stats text --seq 0 0x10)\n",
		PERIOD_US, TIMEBASE_HZ);
	guest_trap_handler = on_trap;
	arm_at(rdtime() + PERIOD);
	irq_enable(SIE_STIE);
	for (;;) {
		report(line, sizeof(line));
		publish(line, ++n);
		ring = hypercall(TESSERA_HC_DOORBELL, CHANNEL, LINUX_VM, 0, 0, 0, 0).r0;
		if (n == 1)
			gprintf("%s (report 1; the next ones only on the channel: ring -> %ld)\n",
				line, (long)ring);
	}
	return 0;
}
