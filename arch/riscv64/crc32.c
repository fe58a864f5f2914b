// SPDX-License-Identifier: Apache-2.0
/*
 * CRC-32 (IEEE 802.3, reflected, polynomial 0xEDB88320: zlib's crc32), a byte
 * at a time through a table built on first use: RV64IMAC has no CRC instruction.
 */
#include "arch/cpu.h"

static u32 table[256];

static void build_table(void)
{
	for (u32 i = 0; i < 256U; i++) {
		u32 c = i;

		for (u32 k = 0; k < 8U; k++) {
			c = (c >> 1) ^ (0xEDB88320U & -(c & 1U));
		}
		table[i] = c;
	}
}

u32 arch_crc32(const void *buf, u64 len)
{
	const u8 *p = buf;
	u32 crc = ~0U;

	if (!table[1]) {
		build_table();
	}
	while (len-- != 0U) {
		crc = (crc >> 8) ^ table[(crc ^ *p++) & 0xffU];
	}
	return ~crc;
}
