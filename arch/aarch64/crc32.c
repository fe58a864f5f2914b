// SPDX-License-Identifier: Apache-2.0
/*
 * CRC-32 of the hypervisor image for the boot banner. Uses the Armv8 CRC32X
 * instruction (optional in Armv8.0, ID_AA64ISAR0_EL1.CRC32, Arm ARM C6.2.71):
 * about 4 instructions per 8 bytes instead of ~40 per byte bit by bit.
 */
#include "arch/cpu.h"
#include "sysreg.h"

static u32 crc32_bitwise(u32 crc, const u8 *p, u64 len)
{
	while (len--) {
		crc ^= *p++;
		for (int k = 0; k < 8; k++)
			crc = (crc >> 1) ^ (0xedb88320U & -(crc & 1));
	}
	return crc;
}

u32 arch_crc32(const void *buf, u64 len)
{
	const u8 *p = buf;
	u32 crc = ~0U;

	if (((sysreg_read(id_aa64isar0_el1) >> 16) & 0xf) == 0 || ((u64)p & 7))
		return ~crc32_bitwise(crc, p, len);
	for (; len >= 32; len -= 32, p += 32) {
		const u64 *w = (const u64 *)p;

		__asm__(".arch_extension crc\n\tcrc32x %w0, %w0, %1\n\tcrc32x %w0, %w0, %2\n\t"
			"crc32x %w0, %w0, %3\n\tcrc32x %w0, %w0, %4"
			: "+r"(crc)
			: "r"(w[0]), "r"(w[1]), "r"(w[2]), "r"(w[3]));
	}
	for (; len >= 8; len -= 8, p += 8)
		__asm__(".arch_extension crc\n\tcrc32x %w0, %w0, %1"
			: "+r"(crc)
			: "r"(*(const u64 *)p));
	return ~crc32_bitwise(crc, p, len);
}
