// SPDX-License-Identifier: Apache-2.0
/*
 * Fake architecture: a translation table descriptor format of its own (arch
 * contract hyp/include/arch/pt.h), unlike AArch64's, so the generic walker
 * (hyp/pt.c) and hyp/mem.c are shown to depend on no arch's bits:
 *   bit 0 valid, bit 1 table (levels above the last), bits 2..5 the PT_*
 *   flags (R, W, X, DEVICE), bits 12..51 the address. Both stages alike.
 */
#include "arch/pt.h"

#define FAKE_VALID	 (1UL << 0)
#define FAKE_TABLE	 (1UL << 1)
#define FAKE_FLAGS_SHIFT 2
#define FAKE_FLAGS_MASK	 (0xfUL << FAKE_FLAGS_SHIFT)
#define FAKE_ADDR_MASK	 0x000ffffffffff000UL

u64 arch_pt_table(paddr_t pa)
{
	return (pa & FAKE_ADDR_MASK) | FAKE_TABLE | FAKE_VALID;
}

u64 arch_pt_leaf(paddr_t pa, u32 flags, u32 level, enum pt_stage stage)
{
	return (pa & FAKE_ADDR_MASK) | ((u64)(flags & 0xf) << FAKE_FLAGS_SHIFT) | FAKE_VALID;
}

bool arch_pt_valid(u64 e)
{
	return e & FAKE_VALID;
}

bool arch_pt_is_table(u64 e, u32 level)
{
	return level < PT_LAST_LEVEL && (e & FAKE_TABLE);
}

paddr_t arch_pt_addr(u64 e)
{
	return e & FAKE_ADDR_MASK;
}

u64 arch_pt_set_addr(u64 e, paddr_t pa)
{
	return (e & ~FAKE_ADDR_MASK) | (pa & FAKE_ADDR_MASK);
}

u32 arch_pt_flags(u64 e, enum pt_stage stage)
{
	return (u32)((e & FAKE_FLAGS_MASK) >> FAKE_FLAGS_SHIFT);
}
