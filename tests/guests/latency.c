// SPDX-License-Identifier: Apache-2.0
/*
 * latency: a bare-metal control loop (latency.h) that prints its timer
 * interrupt latency, min / mean / max, once per second, forever. The default
 * demo's control loop publishes the same reports on a channel instead
 * (control.c).
 */
#include "latency.h"

int main(uint64_t dtb)
{
	char line[128];

	latency_start();
	gprintf("control loop: virtual timer every %u us, counter %lu Hz\n", PERIOD_US, freq);
	arm_at(read_cntvct() + period);
	for (;;) {
		latency_report(line, sizeof(line));
		gprintf("%s\n", line);
	}
	return 0;
}
