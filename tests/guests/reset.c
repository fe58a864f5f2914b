// SPDX-License-Identifier: Apache-2.0
/*
 * reset: boots, asks for a VM reset (PSCI SYSTEM_RESET), boots again, then
 * powers off (PSCI SYSTEM_OFF). The boot count lives in RAM the image does not cover.
 */
#include "guest.h"

#define COUNTER ((volatile uint64_t *)0x40400000UL)
#define MAGIC	0x7e55e7a000000000UL

int main(uint64_t dtb)
{
	uint64_t n = (COUNTER[0] & ~0xffffUL) == MAGIC ? (COUNTER[0] & 0xffff) + 1 : 1;

	COUNTER[0] = MAGIC | n;
	gprintf("boot %lu\n", n);
	if (n == 1) {
		gprintf("asking for a reset\n");
		psci_system_reset();
	}
	gprintf("TEST PASS reset, powering off\n");
	psci_system_off();
}
