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

#define PT_ENTRIES    512U
#define PT_LAST_LEVEL 3U

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
	return 12U + 9U * (PT_LAST_LEVEL - level);
}

/* The index of va's entry in a table of that level. */
static inline u32 pt_index(u64 va, u32 level)
{
	return (va >> pt_level_shift(level)) & (PT_ENTRIES - 1U);
}

/*
 * Pure (host-tested: AArch64's pt_format.c). Addresses are aligned to what
 * the entry covers: a page for a table, pt_level_shift(level) for a leaf.
 */
/* A descriptor pointing to the next level's table at pa. */
u64 arch_pt_table(paddr_t pa);
/* A leaf mapping pa at level with flags (PT_*) for that stage's tables. */
u64 arch_pt_leaf(paddr_t pa, u32 flags, u32 level, enum pt_stage stage);
/* Whether e maps anything. Every arch: an all-zero descriptor is invalid. */
bool arch_pt_valid(u64 e);
/* Whether a valid e at level points to a table (not a leaf). */
bool arch_pt_is_table(u64 e, u32 level);
/* The address a valid e holds (its table's or its leaf's). */
paddr_t arch_pt_addr(u64 e);
/* e with its address replaced by pa (aligned as e's was), every other bit kept. */
u64 arch_pt_set_addr(u64 e, paddr_t pa);
/* The PT_* flags of a valid leaf e of that stage. */
u32 arch_pt_flags(u64 e, enum pt_stage stage);

#endif
