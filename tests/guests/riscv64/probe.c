// SPDX-License-Identifier: Apache-2.0
/* probe (RISC-V): checks its own RAM, then touches memory outside its map: the hypervisor stops it. */
#include "guest.h"

#define RAM_BASE 0x80000000UL
#define OUTSIDE	 (RAM_BASE + 0x800000UL) /* the layout gives it 4 MiB */

int main(uint64_t hart, uint64_t dtb)
{
	volatile uint64_t *p = (volatile uint64_t *)(RAM_BASE + 0x200000UL);
	unsigned bad = 0;

	for (unsigned i = 0; i < 4096; i++)
		p[i] = i * 0x9E3779B97F4A7C15UL;
	for (unsigned i = 0; i < 4096; i++)
		bad += p[i] != i * 0x9E3779B97F4A7C15UL;
	gprintf("RAM check done, %u bad words\n", bad);
	gprintf("touching 0x%lx\n", OUTSIDE);
	*(volatile uint64_t *)OUTSIDE = 1;
	gprintf("TEST FAIL: the write outside the VM's memory went through\n");
	return 1;
}
