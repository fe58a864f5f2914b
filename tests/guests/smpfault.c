// SPDX-License-Identifier: Apache-2.0
/*
 * smpfault: vCPU 1 keeps running guest code while vCPU 0 faults; the whole VM
 * must stop (the hypervisor interrupts vCPU 1's CPU), and only this VM.
 */
#include "guest.h"

static uint64_t stack1[1024] __attribute__((aligned(16)));
static volatile int spinning;

void secondary_main(void)
{
	for (uint64_t n = 1;; n++) {
		if (n == 1)
			gprintf("vCPU 1 spinning\n");
		spinning = 1;
		delay(1000);
	}
}

int main(uint64_t dtb)
{
	psci_cpu_on(1, secondary_start, (uint64_t)&stack1[1024]);
	while (!spinning)
		;
	gprintf("vCPU 0 faults now\n");
	*(volatile uint64_t *)0x7f000000UL = 1; /* not mapped in this VM */
	gprintf("TEST FAIL: vCPU 0 still running after its fault\n");
	return 0;
}
