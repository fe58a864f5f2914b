// SPDX-License-Identifier: Apache-2.0
/*
 * Sv39 page-table entries (RISC-V privileged spec 4.4.1, 4.3.1) for the
 * hypervisor's own tables, and Sv39x4 entries for the G-stage (18.5.1: the
 * same format, every leaf with U = 1, as G-stage accesses are user-level).
 * Levels as the core numbers them (hyp/include/arch/pt.h): 1 is the root
 * (1 GiB leaves), 3 the 4 KiB pages. Pure code, also compiled for host tests.
 */
#include "arch/pt.h"

#define PTE_V	      (1UL << 0)
#define PTE_R	      (1UL << 1)
#define PTE_W	      (1UL << 2)
#define PTE_X	      (1UL << 3)
#define PTE_U	      (1UL << 4)
#define PTE_G	      (1UL << 5)
#define PTE_A	      (1UL << 6)
#define PTE_D	      (1UL << 7)
/* Software bit (RSW, bits 9:8): device memory, so arch_pt_flags gives back what was asked. */
#define PTE_SW_DEVICE (1UL << 8)
#define PTE_PPN_SHIFT 10U
#define PTE_PPN_MASK  (((1UL << 44) - 1UL) << PTE_PPN_SHIFT)

u64 arch_pt_table(paddr_t pa)
{
	return ((pa >> 12) << PTE_PPN_SHIFT) | PTE_V;
}

/*
 * A and D set: no hardware update of them is needed (Svadu), and an access
 * with A (or a write with D) clear would fault (4.3.1). Every leaf is
 * readable (W without R is reserved, and R = W = X = 0 would make it a
 * table); device memory is never executable.
 */
u64 arch_pt_leaf(paddr_t pa, u32 flags, u32 level, enum pt_stage stage)
{
	u64 e = ((pa >> 12) << PTE_PPN_SHIFT) | PTE_V | PTE_A | PTE_D | PTE_R;

	if ((flags & PT_W) != 0U) {
		e |= PTE_W;
	}
	if ((flags & PT_X) && !(flags & PT_DEVICE)) {
		e |= PTE_X;
	}
	if ((flags & PT_DEVICE) != 0U) {
		e |= PTE_SW_DEVICE;
	}
	return e | (stage == PT_STAGE2 ? PTE_U : PTE_G);
}

bool arch_pt_valid(u64 e)
{
	return e & PTE_V;
}

bool arch_pt_is_table(u64 e, u32 level)
{
	return level < PT_LAST_LEVEL && (e & PTE_V) && !(e & (PTE_R | PTE_W | PTE_X));
}

paddr_t arch_pt_addr(u64 e)
{
	return ((e & PTE_PPN_MASK) >> PTE_PPN_SHIFT) << 12U;
}

/* The PPN field holds the address shifted: PA bits 55:12 in PTE bits 53:10 (4.4.1). */
u64 arch_pt_set_addr(u64 e, paddr_t pa)
{
	return (e & ~PTE_PPN_MASK) | (((pa >> 12U) << PTE_PPN_SHIFT) & PTE_PPN_MASK);
}

u32 arch_pt_flags(u64 e, enum pt_stage stage)
{
	u32 f = 0;

	f |= ((e & PTE_R) != 0UL) ? PT_R : 0U;
	f |= ((e & PTE_W) != 0UL) ? PT_W : 0U;
	f |= ((e & PTE_X) != 0UL) ? PT_X : 0U;
	f |= ((e & PTE_SW_DEVICE) != 0UL) ? PT_DEVICE : 0U;
	return f;
}
