// SPDX-License-Identifier: Apache-2.0
/*
 * VMSAv8-64 descriptors, 4 KiB granule (Arm ARM D8.3): stage 1 for the EL2
 * regime and stage 2 for VMs. Pure code, also compiled for host tests.
 */
#include "arch/pt.h"

#define DESC_VALID     (1UL << 0)
#define DESC_TABLE     (1UL << 1) /* table at levels 0-2, page at level 3 */
#define DESC_AF	       (1UL << 10)
#define DESC_SH_INNER  (3UL << 8)
#define DESC_ADDR_MASK 0x0000fffffffff000UL

/* Stage 1 (D8.3.2): AttrIndx[4:2] into MAIR_EL2, AP[2] = read-only, XN bit 54. */
#define S1_ATTR_DEVICE (2UL << 2) /* MAIR index 2: Device-nGnRE */
#define S1_ATTR_NORMAL (1UL << 2) /* MAIR index 1: Normal WB RA WA */
#define S1_AP_RO       (1UL << 7)
#define S1_XN	       (1UL << 54)

/* Stage 2 (D8.3.2, D8.5.5): MemAttr[5:2], S2AP[7:6], XN[54:53]. */
#define S2_MEMATTR_DEVICE (1UL << 2)   /* 0b0001 Device-nGnRE */
#define S2_MEMATTR_NORMAL (0xfUL << 2) /* Normal, outer+inner WB */
#define S2_AP_R		  (1UL << 6)
#define S2_AP_W		  (1UL << 7)
#define S2_XN		  (2UL << 53)

u64 arch_pt_table(paddr_t pa)
{
	return (pa & DESC_ADDR_MASK) | DESC_TABLE | DESC_VALID;
}

static u64 s1_bits(u32 flags)
{
	u64 e = (flags & PT_DEVICE) ? S1_ATTR_DEVICE : S1_ATTR_NORMAL;

	if (!(flags & PT_W)) {
		e |= S1_AP_RO;
	}
	if (!(flags & PT_X) || (flags & PT_DEVICE)) {
		e |= S1_XN;
	}
	return e;
}

static u64 s2_bits(u32 flags)
{
	u64 e = (flags & PT_DEVICE) ? S2_MEMATTR_DEVICE : S2_MEMATTR_NORMAL;

	if ((flags & PT_R) != 0U) {
		e |= S2_AP_R;
	}
	if ((flags & PT_W) != 0U) {
		e |= S2_AP_W;
	}
	if (!(flags & PT_X) || (flags & PT_DEVICE)) {
		e |= S2_XN;
	}
	return e;
}

u64 arch_pt_leaf(paddr_t pa, u32 flags, u32 level, enum pt_stage stage)
{
	u64 e = (pa & DESC_ADDR_MASK) | DESC_VALID | DESC_AF | DESC_SH_INNER;

	if (level == PT_LAST_LEVEL) {
		e |= DESC_TABLE; /* level-3 page descriptor has bits[1:0] = 0b11 */
	}
	return e | (stage == PT_STAGE2 ? s2_bits(flags) : s1_bits(flags));
}

bool arch_pt_valid(u64 e)
{
	return e & DESC_VALID;
}

bool arch_pt_is_table(u64 e, u32 level)
{
	return level < PT_LAST_LEVEL &&
	       (e & (DESC_VALID | DESC_TABLE)) == (DESC_VALID | DESC_TABLE);
}

paddr_t arch_pt_addr(u64 e)
{
	return e & DESC_ADDR_MASK;
}

u64 arch_pt_set_addr(u64 e, paddr_t pa)
{
	return (e & ~DESC_ADDR_MASK) | (pa & DESC_ADDR_MASK);
}

u32 arch_pt_flags(u64 e, enum pt_stage stage)
{
	u32 f = 0;

	if (stage == PT_STAGE2) {
		f |= ((e & S2_AP_R) != 0UL) ? PT_R : 0U;
		f |= ((e & S2_AP_W) != 0UL) ? PT_W : 0U;
		f |= ((e & S2_XN) != 0UL) ? 0U : PT_X;
		f |= ((e >> 2) & 0xfU) == 0xfU ? 0U : PT_DEVICE;
	} else {
		f |= PT_R | (((e & S1_AP_RO) != 0UL) ? 0U : PT_W);
		f |= ((e & S1_XN) != 0UL) ? 0U : PT_X;
		f |= ((e >> 2) & 7U) == 2U ? PT_DEVICE : 0U;
	}
	return f;
}
