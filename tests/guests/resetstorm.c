// SPDX-License-Identifier: Apache-2.0
/*
 * resetstorm: a VM of two vCPUs that never starts its second one and resets
 * itself (PSCI SYSTEM_RESET) RESETS times, then powers off. Every reset
 * tells the second vCPU's CPU, idle all along, to stop it: the hypervisor
 * must take that on the CPU's idle stack without growing it. The count lives
 * in RAM the image does not cover.
 */
#include "guest.h"

#define RESETS	2000
#define COUNTER ((volatile uint64_t *)0x40400000UL)
#define MAGIC	0x7e55e5c000000000UL

int main(uint64_t dtb)
{
	uint64_t n = (COUNTER[0] & ~0xffffffUL) == MAGIC ? (COUNTER[0] & 0xffffff) + 1 : 1;

	COUNTER[0] = MAGIC | n;
	if (n % 500 == 0)
		gprintf("boot %lu\n", n);
	if (n < RESETS)
		psci_system_reset();
	gprintf("TEST PASS resetstorm: %lu boots\n", n);
	psci_system_off();
}
