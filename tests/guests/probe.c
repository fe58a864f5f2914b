// SPDX-License-Identifier: Apache-2.0
/*
 * probe: the isolation probe. Writes and reads back all of its RAM
 * (PROBE_RAM bytes from its load address, as its layout gives it), then
 * touches the first address past it and expects the hypervisor to stop it.
 */
#include "guest.h"

#define RAM_BASE  0x40000000UL
#define PROBE_RAM (8UL << 20)

extern char __bss_end[];

int main(uint64_t dtb)
{
	uint64_t start = ((uint64_t)__bss_end + 4095) & ~4095UL;
	volatile uint64_t *p;
	uint64_t bad = 0;

	gprintf("testing RAM 0x%lx..0x%lx\n", start, RAM_BASE + PROBE_RAM);
	for (p = (uint64_t *)start; (uint64_t)p < RAM_BASE + PROBE_RAM; p += 8)
		*p = (uint64_t)p ^ 0x5a5a5a5a5a5a5a5aUL;
	for (p = (uint64_t *)start; (uint64_t)p < RAM_BASE + PROBE_RAM; p += 8)
		bad += *p != ((uint64_t)p ^ 0x5a5a5a5a5a5a5a5aUL);
	gprintf("RAM check done, %lu bad words\n", bad);
	gprintf("touching 0x%lx, outside my memory: expect to be stopped\n", RAM_BASE + PROBE_RAM);
	*(volatile uint64_t *)(RAM_BASE + PROBE_RAM) = 1;
	gprintf("TEST FAIL: still running after an access outside my memory\n");
	return 0;
}
