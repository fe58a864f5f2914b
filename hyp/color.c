// SPDX-License-Identifier: Apache-2.0
/* Colored physical allocation (see color.h). */
#include <string.h>

#include "color.h"
#include "pt.h"

void color_pool_init(struct color_pool *pool, u32 ncolors)
{
	(void)memset(pool, 0, sizeof(*pool));
	pool->ncolors = ncolors ? ncolors : 1U;
}

static u64 all_colors(u32 ncolors)
{
	return ncolors >= 64U ? ~0ULL : (1ULL << ncolors) - 1U;
}

void color_region_contig(struct color_region *r, paddr_t base, u64 size)
{
	(void)memset(r, 0, sizeof(*r));
	r->colors = 1;
	r->ncolors = 1;
	r->npieces = 1;
	r->piece[0].base = base;
	r->piece[0].periods = size / PAGE_SIZE;
}

u64 color_region_size(const struct color_region *r)
{
	u64 pages = 0;
	u32 k = (u32)__builtin_popcountll(r->colors);

	for (u32 i = 0; i < r->npieces; i++) {
		pages += r->piece[i].periods * k;
	}
	return pages * PAGE_SIZE;
}

/* The idx-th color (from 0) set in colors. */
static u32 nth_color(u64 colors, u32 idx)
{
	while (idx-- != 0U) {
		colors &= colors - 1U;
	}
	return (u32)__builtin_ctzll(colors);
}

bool color_region_pa(const struct color_region *r, u64 offset, paddr_t *pa, u64 *run)
{
	u32 k = (u32)__builtin_popcountll(r->colors);
	u64 page = offset / PAGE_SIZE;
	u64 period = (u64)r->ncolors * PAGE_SIZE;

	for (u32 i = 0; i < r->npieces; i++) {
		u64 pages = r->piece[i].periods * k;
		u64 n = 1;
		u32 c;

		if (page >= pages) {
			page -= pages;
			continue;
		}
		c = nth_color(r->colors, (u32)(page % k));
		*pa = r->piece[i].base + (page / k) * period + (u64)c * PAGE_SIZE +
		      offset % PAGE_SIZE;
		if (r->colors == all_colors(r->ncolors)) {
			n = pages - page; /* one contiguous piece */
		} else {
			while (c + n < r->ncolors && (r->colors & (1ULL << (c + n)))) {
				n++;
			}
		}
		*run = n * PAGE_SIZE - offset % PAGE_SIZE;
		return true;
	}
	return false;
}

/* Splits span s after `periods` periods; with no room left, the whole span is taken. */
static u64 span_split(struct color_pool *pool, u32 s, u64 periods)
{
	struct color_span *sp = &pool->span[s];

	if (sp->periods == periods || pool->nspans == COLOR_MAX_SPANS) {
		return sp->periods;
	}
	pool->span[pool->nspans++] = (struct color_span){
		sp->base + periods * pool->ncolors * PAGE_SIZE, sp->periods - periods, sp->used};
	sp->periods = periods;
	return periods;
}

/* A span whose `colors` are all free; its index or -1. */
static int span_find(const struct color_pool *pool, u64 colors)
{
	for (u32 s = 0; s < pool->nspans; s++) {
		if (!(pool->span[s].used & colors)) {
			return (int)s;
		}
	}
	return -1;
}

/* New span of up to `periods` from free RAM (halving on failure); its index or -1. */
static int span_new(struct color_pool *pool, struct palloc *pa, u64 periods)
{
	u64 period = (u64)pool->ncolors * PAGE_SIZE;
	paddr_t base;

	if (pool->nspans == COLOR_MAX_SPANS) {
		return -1;
	}
	for (; periods; periods /= 2) {
		if (palloc_alloc(pa, periods * period, period, &base) == 0) {
			pool->span[pool->nspans] = (struct color_span){base, periods, 0};
			return (int)pool->nspans++;
		}
	}
	return -1;
}

static void color_undo(struct color_pool *pool, const struct color_region *r)
{
	for (u32 i = 0; i < r->npieces; i++) {
		for (u32 s = 0; s < pool->nspans; s++) {
			if (pool->span[s].base == r->piece[i].base) {
				pool->span[s].used &= ~r->colors;
			}
		}
	}
}

int color_alloc(struct color_pool *pool, struct palloc *pa, u64 size, u64 colors,
		struct color_region *out)
{
	u32 k = (u32)__builtin_popcountll(colors & all_colors(pool->ncolors));
	u64 need = k ? (size / PAGE_SIZE + k - 1U) / k : 0U; /* periods */

	(void)memset(out, 0, sizeof(*out));
	out->colors = colors;
	out->ncolors = pool->ncolors;
	if (!k || colors != (colors & all_colors(pool->ncolors))) {
		return -1;
	}
	while (need != 0U) {
		int s = span_find(pool, colors);
		u64 take;

		if (s < 0) {
			s = span_new(pool, pa, need);
		}
		if (s < 0 || out->npieces == COLOR_MAX_PIECES) {
			color_undo(pool, out);
			return -1;
		}
		take = span_split(pool, (u32)s, MIN(need, pool->span[s].periods));
		pool->span[s].used |= colors;
		out->piece[out->npieces].base = pool->span[s].base;
		out->piece[out->npieces++].periods = take;
		need -= MIN(need, take);
	}
	return 0;
}

int color_map(struct pt *pt, u64 va, const struct color_region *r, u64 offset, u64 size, u32 flags)
{
	paddr_t pa;
	u64 run;
	int ret;

	for (u64 off = offset; off < offset + size; off += run) {
		if (!color_region_pa(r, off, &pa, &run)) {
			return PT_E_NOMEM;
		}
		run = MIN(run, offset + size - off);
		ret = pt_map(pt, va + (off - offset), pa, run, flags);
		if (ret != 0) {
			return ret;
		}
	}
	return 0;
}

struct check_ctx {
	u32 ncolors;
	u64 dflt;
	const struct color_rule *rules;
	u32 nrules;
	struct color_verdict *v;
};

static u64 allowed_colors(const struct check_ctx *c, u64 va)
{
	for (u32 i = 0; i < c->nrules; i++) {
		if (va - c->rules[i].va < c->rules[i].size) {
			return c->rules[i].colors;
		}
	}
	return c->dflt;
}

static int check_leaf(void *arg, u64 va, paddr_t pa, u64 size, u32 flags)
{
	struct check_ctx *c = arg;
	struct color_verdict *v = c->v;

	if ((flags & PT_DEVICE) != 0U) {
		return 0;
	}
	for (u64 off = 0; off < size; off += PAGE_SIZE) {
		u64 allowed = allowed_colors(c, va + off);

		v->pages++;
		if (!allowed) {
			continue;
		}
		v->checked++;
		if ((allowed & (1ULL << color_of(pa + off, c->ncolors))) != 0U) {
			continue;
		}
		if (!v->bad++) {
			v->bad_va = va + off;
			v->bad_pa = pa + off;
		}
	}
	return 0;
}

void color_check(const struct pt *pt, u32 ncolors, u64 dflt, const struct color_rule *rules,
		 u32 nrules, struct color_verdict *out)
{
	/* MISRA deviation ctuuninitvar: out is stored here, zeroed below, read later */
	struct check_ctx c = {ncolors ? ncolors : 1U, dflt, rules, nrules, out};

	(void)memset(out, 0, sizeof(*out));
	(void)pt_for_each_leaf(pt, check_leaf, &c);
}

bool color_region_offset(const struct color_region *r, paddr_t pa, u64 *offset)
{
	u32 k = (u32)__builtin_popcountll(r->colors);
	u64 period = (u64)r->ncolors * PAGE_SIZE, before = 0;
	u32 c = color_of(pa, r->ncolors);

	if (!(r->colors & (1ULL << c))) {
		return false;
	}
	for (u32 i = 0; i < r->npieces; i++) {
		u64 rel = pa - r->piece[i].base;

		if (pa >= r->piece[i].base && rel < r->piece[i].periods * period) {
			u64 rank = (u64)__builtin_popcountll(r->colors & ((1ULL << c) - 1U));

			*offset = before + ((rel / period) * k + rank) * PAGE_SIZE + pa % PAGE_SIZE;
			return true;
		}
		before += r->piece[i].periods * k * PAGE_SIZE;
	}
	return false;
}

/* Where the region puts the byte that was at pa. */
static BOOT_ONLY paddr_t moved_pa(const struct color_move *m, paddr_t pa)
{
	paddr_t to;
	u64 run;

	return color_region_pa(m->to, pa - m->old, &to, &run) ? to : pa;
}

BOOT_ONLY long color_move_tables(u64 *table, u32 level, const struct color_move *m)
{
	long moved = 0;

	for (u32 i = 0; i < PT_ENTRIES; i++) {
		u64 e = table[i], size = 1ULL << pt_level_shift(level);
		paddr_t pa;
		bool inside;

		if (!e || !arch_pt_valid(e)) {
			continue;
		}
		pa = arch_pt_addr(e);
		inside = pa - m->old < m->size;
		if (arch_pt_is_table(e, level)) {
			long n = -1;

			if (inside) {
				void *copy = m->copy + (pa - m->old); /* the table's copy */

				n = color_move_tables(copy, level + 1U, m);
			}

			if (n < 0) {
				return -1;
			}
			moved += n;
		} else if (ranges_overlap(pa, size, m->old, m->size) && size != PAGE_SIZE) {
			return -1;
		} else {
			/* a leaf outside the moved range, or a page: stays */
		}
		if (inside) {
			table[i] = arch_pt_set_addr(e, moved_pa(m, pa));
			moved++;
		}
	}
	return moved;
}
