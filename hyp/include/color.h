/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Cache coloring. A page's color is its index in one way of the last-level
 * cache: color(pa) = (pa / 4 KiB) mod ncolors; pages of different colors never
 * evict each other. A colored allocation takes, in spans of RAM aligned to one
 * color period (ncolors pages), only the pages of its colors; the other colors
 * of a span stay available to allocations with those colors. Pure code
 * (host-tested): RAM comes from a struct palloc.
 */
#ifndef TESSERA_COLOR_H
#define TESSERA_COLOR_H

#include "palloc.h"

#define COLOR_MAX_SPANS	 32U
#define COLOR_MAX_PIECES 8U

struct color_span {
	paddr_t base; /* aligned to the color period */
	u64 periods;
	u64 used; /* colors already handed out in the whole span */
};

struct color_pool {
	u32 ncolors; /* a power of two */
	u32 nspans;
	struct color_span span[COLOR_MAX_SPANS];
};

/* Memory of one allocation: in each piece, the pages of `colors` of every period. */
struct color_region {
	u64 colors; /* all ones below ncolors: not colored, pieces are contiguous */
	u32 ncolors;
	u32 npieces;
	/* MISRA misreading 5.7: an untagged structure declares no tag */
	struct {
		paddr_t base;
		u64 periods;
	} piece[COLOR_MAX_PIECES];
};

static inline u32 color_of(paddr_t pa, u32 ncolors)
{
	return (u32)(pa >> PAGE_SHIFT) & (ncolors - 1U);
}

void color_pool_init(struct color_pool *pool, u32 ncolors);
/* Allocates size bytes (page multiple) in colors; 0, or -1 with nothing taken. */
int color_alloc(struct color_pool *pool, struct palloc *pa, u64 size, u64 colors,
		struct color_region *out);
/* A contiguous region (not colored) in the same form. */
void color_region_contig(struct color_region *r, paddr_t base, u64 size);
/*
 * PA of byte `offset` of the region and how many bytes from there are
 * physically contiguous; false if offset is beyond the region.
 */
bool color_region_pa(const struct color_region *r, u64 offset, paddr_t *pa, u64 *run);
/* Maps bytes [offset, offset + size) of the region at va, run by run (pt_map flags). */
struct pt;
int color_map(struct pt *pt, u64 va, const struct color_region *r, u64 offset, u64 size, u32 flags);
/* Bytes the region holds (whole periods: may exceed what was asked). */
u64 color_region_size(const struct color_region *r);
/* The reverse of color_region_pa: the offset of pa in the region; false if not in it. */
bool color_region_offset(const struct color_region *r, paddr_t pa, u64 *offset);

/*
 * Moving the hypervisor into its colors: the tables of a tree that lie in
 * [old, old + size) are reached in their copy at `copy` (same offset), and
 * every descriptor of the tree, table or 4 KiB
 * leaf, whose address is in that range is pointed to where `to` puts the
 * same offset (other descriptor bits kept). Returns the number of
 * descriptors moved, or -1 if a table is unreachable or a block leaf
 * overlaps the range (it cannot follow scattered pages).
 */
struct color_move {
	paddr_t old;
	u64 size;
	const struct color_region *to;
	u8 *copy; /* the copy of [old, old + size) */
};

long color_move_tables(u64 *table, u32 level, const struct color_move *m);

/*
 * The proof: walks a translation table and checks that every normal-memory
 * page has an allowed color: the colors of the rule whose range holds its
 * address, or `dflt` elsewhere (0 = any color). Device leaves are skipped.
 */
struct color_rule {
	u64 va;
	u64 size;
	u64 colors; /* 0 = any */
};

struct color_verdict {
	u64 pages;   /* normal-memory pages walked */
	u64 checked; /* of which had a color constraint */
	u64 bad;
	u64 bad_va; /* the first bad page */
	paddr_t bad_pa;
};

void color_check(const struct pt *pt, u32 ncolors, u64 dflt, const struct color_rule *rules,
		 u32 nrules, struct color_verdict *out);

#endif
