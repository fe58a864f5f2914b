/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Generic translation-table builder: maps, unmaps and looks up ranges in a
 * multi-level table whose descriptor format comes from the arch (arch/pt.h).
 * Uses the largest block the alignment of VA, PA and size allows (unless
 * PT_MAP_PAGES is given). Pure: table memory comes from the callbacks.
 */
#ifndef TESSERA_PT_H
#define TESSERA_PT_H

#include "arch/pt.h"

struct pt_ops {
	/* Returns a zeroed table page (its VA) and its PA, or NULL. */
	u64 *(*alloc_table)(void *ctx, paddr_t *pa);
	/* VA at which a table page at pa can be accessed. */
	u64 *(*table_va)(void *ctx, paddr_t pa);
	void *ctx;
};

struct pt {
	u64 *root;
	paddr_t root_pa;
	u32 start_level;
	enum pt_stage stage;
	struct pt_ops ops;
	u32 tables; /* table pages allocated (root excluded) */
};

#define PT_MAP_PAGES ((u32)1U << 8) /* flag for pt_map: 4 KiB pages only */

#define PT_E_NOMEM (-1)
#define PT_E_BUSY  (-2) /* already mapped */
#define PT_E_ALIGN (-3)

int pt_map(struct pt *pt, u64 va, paddr_t pa, u64 size, u32 flags);
/* Unmaps [va, va+size); blocks partly covered are split first. */
int pt_unmap(struct pt *pt, u64 va, u64 size);
/* Changes the flags of the existing leaves of [va, va+size); blocks partly covered are split. */
int pt_protect(struct pt *pt, u64 va, u64 size, u32 flags);
#define PT_UNMAP (~0U) /* pt_protect flags: unmap (pt_unmap) */
/* How many 4 KiB pages of [va, va + size) are mapped (one descent per table, not per page). */
u64 pt_mapped_pages(const struct pt *pt, u64 va, u64 size);
/* Returns true and the PA/flags/leaf size when va is mapped. */
bool pt_lookup(const struct pt *pt, u64 va, paddr_t *pa, u32 *flags, u64 *leaf_size);

/* Calls fn for every leaf: (va, pa, size, flags). Stops if fn returns non-zero. */
typedef int (*pt_leaf_fn)(void *arg, u64 va, paddr_t pa, u64 size, u32 flags);
int pt_for_each_leaf(const struct pt *pt, pt_leaf_fn fn, void *arg);

#endif
