// SPDX-License-Identifier: Apache-2.0
/*
 * control: the default demo's control loop (partitions/linux-demo.dts). It
 * measures its timer interrupt latency (latency.h) and, once per second,
 * publishes the report on the channel "control-stats" and rings Linux, which
 * reads it with the tessera-chan tool (README "Talking to Linux"). Only its
 * first report goes to the console, so Linux's shell stays usable.
 *
 * The channel (IPA 0x50000000, Linux maps it read-only):
 *   0x0   u32 sequence: odd while a report is being written, even when done
 *   0x4   u32 reports published
 *   0x10  the report, NUL-terminated text
 */
#include "latency.h"
#include "shmem.h"

#define CHAN_IPA 0x50000000UL
#define CHANNEL	 0 /* its index in the layout */
#define LINUX_VM 0
#define TEXT	 0x10

static volatile uint32_t *word(unsigned off)
{
	return (volatile uint32_t *)(CHAN_IPA + off);
}

static void publish(const char *report, uint32_t n)
{
	volatile char *text = (volatile char *)(CHAN_IPA + TEXT);
	size_t i = 0;

	*word(0) = 2 * n - 1;
	__asm__ volatile("dmb ish" ::: "memory");
	for (; report[i]; i++)
		text[i] = report[i];
	text[i] = '\0';
	*word(4) = n;
	__asm__ volatile("dmb ish" ::: "memory");
	*word(0) = 2 * n;
	__asm__ volatile("dsb ish" ::: "memory");
}

int main(uint64_t dtb)
{
	char line[128];
	uint32_t n = 0;
	int64_t ring;

	latency_start();
	gprintf("control loop: virtual timer every %u us, counter %lu Hz; reports on channel "
		"control-stats (in Linux: tessera-chan -c control-stats wait; tessera-chan -c "
		"control-stats text --seq 0 0x10)\n",
		PERIOD_US, freq);
	arm_at(read_cntvct() + period);
	for (;;) {
		latency_report(line, sizeof(line));
		publish(line, ++n);
		ring = db_ring_hvc(CHANNEL, LINUX_VM);
		if (n == 1)
			gprintf("%s (report 1; the next ones only on the channel: ring -> %ld)\n",
				line, (long)ring);
	}
	return 0;
}
