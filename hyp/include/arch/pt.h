/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Arch contract: translation table descriptor format. The generic walker in
 * hyp/pt.c builds tables through these; each arch encodes its own bits.
 * Levels are numbered as the arch numbers them; PT_LEVEL_SHIFT gives the
 * size a leaf covers at each level.
 */
#ifndef ARCH_PT_H
#define ARCH_PT_H

#include "types.h"

#define PT_ENTRIES    512
#define PT_LAST_LEVEL 3

/* Generic permission/attribute flags. */
#define PT_R	  (1U << 0)
#define PT_W	  (1U << 1)
#define PT_X	  (1U << 2)
#define PT_DEVICE (1U << 3) /* device memory (nGnRE); otherwise normal write-back */
#define PT_RW	  (PT_R | PT_W)
#define PT_RWX	  (PT_R | PT_W | PT_X)

enum pt_stage { PT_STAGE1_HYP, PT_STAGE2 };

static inline u32 pt_level_shift(u32 level)
{
	return 12 + 9 * (PT_LAST_LEVEL - level);
}

/* The index of va's entry in a table of that level. */
static inline u32 pt_index(u64 va, u32 level)
{
	return (va >> pt_level_shift(level)) & (PT_ENTRIES - 1);
}

u64 arch_pt_table(paddr_t pa);
u64 arch_pt_leaf(paddr_t pa, u32 flags, u32 level, enum pt_stage stage);
bool arch_pt_valid(u64 e);
bool arch_pt_is_table(u64 e, u32 level);
paddr_t arch_pt_addr(u64 e);
u32 arch_pt_flags(u64 e, enum pt_stage stage);
/* Every arch: an all-zero descriptor is invalid. */

#endif
