// SPDX-License-Identifier: Apache-2.0
/*
 * CRC-32 (IEEE 802.3, as zlib and U-Boot's crc32) of the hypervisor image for
 * the boot banner. Uses the Armv8 CRC32X instruction (optional in Armv8.0,
 * ID_AA64ISAR0_EL1.CRC32, Arm ARM C6.2.71): 64 bytes take 4 LDPs, 8 CRC32Xs
 * and the loop, about 0.25 instructions a byte instead of ~40 bit by bit.
 */
#include "arch/cpu.h"
#include "sysreg.h"

/* MISRA deviation 20.7: crc and w are asm operands, inside the operands' parentheses */
#define CRC32X(crc, w) __asm__(".arch_extension crc\n\tcrc32x %w0, %w0, %1" : "+r"(crc) : "r"(w))
/* 16 bytes at *w, w advanced: one LDP and two CRC32Xs. */
#define CRC32X_LDP     "ldp %1, %2, [%3], #16\n\tcrc32x %w0, %w0, %1\n\tcrc32x %w0, %w0, %2\n\t"

static u32 crc32_bitwise(u32 crc, const u8 *p, u64 len)
{
	while (len-- != 0U) {
		crc ^= *p++;
		for (int k = 0; k < 8; k++) {
			crc = (crc >> 1) ^ (0xedb88320U & -(crc & 1U));
		}
	}
	return crc;
}

u32 arch_crc32(const void *buf, u64 len)
{
	const u64 *w = buf;
	u32 crc = ~0U;

	if (((sysreg_read(id_aa64isar0_el1) >> 16) & 0xf) == 0 || ((u64)w & 7U)) {
		return ~crc32_bitwise(crc, buf, len);
	}
	for (; len >= 64U; len -= 64U) {
		u64 a, b;

		__asm__(".arch_extension crc\n\t" CRC32X_LDP CRC32X_LDP CRC32X_LDP CRC32X_LDP
			: "+r"(crc), "=&r"(a), "=&r"(b), "+r"(w)
			:
			: "memory");
	}
	for (; len >= 8U; len -= 8U) {
		CRC32X(crc, *w++);
	}
	return ~crc32_bitwise(crc, (const u8 *)w, len);
}
