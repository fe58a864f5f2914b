// SPDX-License-Identifier: Apache-2.0
/* Generic translation-table builder (see pt.h). */
#include "pt.h"

static u64 level_size(u32 level)
{
	return 1ULL << pt_level_shift(level);
}

/* Returns the next-level table of entry *e, creating it if absent. */
static u64 *next_table(struct pt *pt, u64 *e, u32 level)
{
	paddr_t pa;
	u64 *t;

	if (arch_pt_is_table(*e, level)) {
		return pt->ops.table_va(pt->ops.ctx, arch_pt_addr(*e));
	}
	if (arch_pt_valid(*e)) {
		return NULL;
	}
	t = pt->ops.alloc_table(pt->ops.ctx, &pa);
	if (!t) {
		return NULL;
	}
	pt->tables++;
	*e = arch_pt_table(pa);
	/* MISRA deviation returnDanglingLifetime: t is the new table, pa only its address */
	return t;
}

/* Blocks are allowed at every level tables start from (1 and below, Arm ARM D8.3.1). */
static bool can_block(u64 va, paddr_t pa, u64 size, u32 level, u32 flags)
{
	u64 ls = level_size(level);

	if (level != PT_LAST_LEVEL && (flags & PT_MAP_PAGES)) {
		return false;
	}
	return IS_ALIGNED(va | pa, ls) && size >= ls;
}

static int map_level(struct pt *pt, u64 *table, u32 level, u64 va, paddr_t pa, u64 size, u32 flags)
{
	while (size != 0U) {
		u64 *e = &table[pt_index(va, level)];
		u64 ls = level_size(level);
		u64 chunk = MIN(size, ls - (va & (ls - 1U)));
		int ret;

		if (can_block(va, pa, chunk, level, flags) && !arch_pt_valid(*e)) {
			*e = arch_pt_leaf(pa, flags & ~PT_MAP_PAGES, level, pt->stage);
		} else if (level == PT_LAST_LEVEL) { /* no table below: a page is in the way */
			return PT_E_BUSY;
		} else { /* an existing (maybe emptied) table is reused; a block is in the way */
			u64 *next = next_table(pt, e, level);

			if (!next) {
				return arch_pt_valid(*e) ? PT_E_BUSY : PT_E_NOMEM;
			}
			ret = map_level(pt, next, level + 1U, va, pa, chunk, flags);
			if (ret != 0) {
				return ret;
			}
		}
		va += chunk;
		pa += chunk;
		size -= chunk;
	}
	return 0;
}

int pt_map(struct pt *pt, u64 va, paddr_t pa, u64 size, u32 flags)
{
	if (!IS_ALIGNED(va | pa | size, PAGE_SIZE)) {
		return PT_E_ALIGN;
	}
	return map_level(pt, pt->root, pt->start_level, va, pa, size, flags);
}

/* Replaces a block leaf by a table of next-level leaves with the same mapping. */
static int split_block(struct pt *pt, u64 *e, u32 level)
{
	paddr_t base = arch_pt_addr(*e), tpa;
	u32 flags = arch_pt_flags(*e, pt->stage);
	u64 *t = pt->ops.alloc_table(pt->ops.ctx, &tpa);
	u64 step = level_size(level + 1U);

	if (!t) {
		return PT_E_NOMEM;
	}
	pt->tables++;
	for (u32 i = 0; i < PT_ENTRIES; i++) {
		t[i] = arch_pt_leaf(base + i * step, flags, level + 1U, pt->stage);
	}
	*e = arch_pt_table(tpa);
	return 0;
}

/*
 * Unmaps (flags PT_UNMAP) or rewrites the permissions of the leaves of [va, va + size).
 * Permissions change in place (no break-before-make needed); a protected range must be mapped.
 */
static int update_level(struct pt *pt, u64 *table, u32 level, u64 va, u64 size, u32 flags)
{
	while (size != 0U) {
		u64 *e = &table[pt_index(va, level)];
		u64 ls = level_size(level);
		u64 chunk = MIN(size, ls - (va & (ls - 1U)));
		int ret;

		if (!arch_pt_valid(*e) && flags != PT_UNMAP) {
			return PT_E_ALIGN;
		}
		if (arch_pt_valid(*e) && !arch_pt_is_table(*e, level) && chunk < ls) {
			ret = split_block(pt, e, level);
			if (ret != 0) {
				return ret;
			}
		}
		if (arch_pt_is_table(*e, level)) {
			ret = update_level(pt, pt->ops.table_va(pt->ops.ctx, arch_pt_addr(*e)),
					   level + 1U, va, chunk, flags);
			if (ret != 0) {
				return ret;
			}
		} else if (flags == PT_UNMAP) {
			*e = 0;
		} else {
			*e = arch_pt_leaf(arch_pt_addr(*e), flags, level, pt->stage);
		}
		va += chunk;
		size -= chunk;
	}
	return 0;
}

int pt_unmap(struct pt *pt, u64 va, u64 size)
{
	return pt_protect(pt, va, size, PT_UNMAP);
}

int pt_protect(struct pt *pt, u64 va, u64 size, u32 flags)
{
	if (!IS_ALIGNED(va | size, PAGE_SIZE)) {
		return PT_E_ALIGN;
	}
	return update_level(pt, pt->root, pt->start_level, va, size, flags);
}

/* Pages of [va, va + size) the table at level maps; a block counts the pages it covers. */
static u64 count_level(const struct pt *pt, const u64 *table, u32 level, u64 va, u64 size)
{
	u64 n = 0;

	while (size != 0U) {
		u64 ls = level_size(level);
		u64 chunk = MIN(size, ls - (va & (ls - 1U)));
		u64 e = table[pt_index(va, level)];

		if (arch_pt_is_table(e, level)) {
			n += count_level(pt, pt->ops.table_va(pt->ops.ctx, arch_pt_addr(e)),
					 level + 1U, va, chunk);
		} else if (arch_pt_valid(e)) {
			n += chunk / PAGE_SIZE;
		} else {
			/* not mapped */
		}
		va += chunk;
		size -= chunk;
	}
	return n;
}

u64 pt_mapped_pages(const struct pt *pt, u64 va, u64 size)
{
	return count_level(pt, pt->root, pt->start_level, va, size);
}

bool pt_lookup(const struct pt *pt, u64 va, paddr_t *pa, u32 *flags, u64 *leaf_size)
{
	const u64 *table = pt->root;

	for (u32 level = pt->start_level; level <= PT_LAST_LEVEL; level++) {
		u64 e = table[pt_index(va, level)];
		u64 ls = level_size(level);

		if (!arch_pt_valid(e)) {
			return false;
		}
		if (!arch_pt_is_table(e, level)) {
			*pa = arch_pt_addr(e) + (va & (ls - 1U));
			*flags = arch_pt_flags(e, pt->stage);
			*leaf_size = ls;
			return true;
		}
		table = pt->ops.table_va(pt->ops.ctx, arch_pt_addr(e));
	}
	return false;
}

static int walk_level(const struct pt *pt, const u64 *table, u32 level, u64 base, pt_leaf_fn fn,
		      void *arg)
{
	for (u32 i = 0; i < PT_ENTRIES; i++) {
		u64 e = table[i], va = base + (u64)i * level_size(level);
		int ret;

		if (!arch_pt_valid(e)) {
			continue;
		}
		if (arch_pt_is_table(e, level)) {
			ret = walk_level(pt, pt->ops.table_va(pt->ops.ctx, arch_pt_addr(e)),
					 level + 1U, va, fn, arg);
		} else {
			ret = fn(arg, va, arch_pt_addr(e), level_size(level),
				 arch_pt_flags(e, pt->stage));
		}
		if (ret != 0) {
			return ret;
		}
	}
	return 0;
}

int pt_for_each_leaf(const struct pt *pt, pt_leaf_fn fn, void *arg)
{
	return walk_level(pt, pt->root, pt->start_level, 0, fn, arg);
}
