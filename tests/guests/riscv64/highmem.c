// SPDX-License-Identifier: Apache-2.0
/*
 * highmem (RISC-V): writes and reads back its second memory region, which its
 * layout puts at IPA 1 TiB: beyond the 39 bits of Sv39x4, inside the 48 of
 * Sv48x4 (its satp is 0, so its addresses are guest-physical).
 */
#include "guest.h"

#define HIGH_IPA   0x10000000000UL  /* 1 TiB */
#define HIGH_WORDS (0x200000UL / 8) /* the region's 2 MiB */

int main(uint64_t hart, uint64_t dtb)
{
	volatile uint64_t *p = (volatile uint64_t *)HIGH_IPA;
	unsigned bad = 0;

	for (uint64_t i = 0; i < HIGH_WORDS; i += 64)
		p[i] = i * 0x9E3779B97F4A7C15UL;
	for (uint64_t i = 0; i < HIGH_WORDS; i += 64)
		bad += p[i] != i * 0x9E3779B97F4A7C15UL;
	gprintf("memory at IPA 0x%lx: %u bad words\n", HIGH_IPA, bad);
	if (bad)
		gprintf("TEST FAIL: memory above 39 bits\n");
	else
		gprintf("TEST PASS highmem\n");
	return 0;
}
