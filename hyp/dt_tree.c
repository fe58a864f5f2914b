/* SPDX-License-Identifier: Apache-2.0 */
/*
 * dt: device tree reading (Devicetree Specification v0.4), part 2: the tree.
 * Walks that carry a node's ancestors (struct dt_node), child iteration,
 * lookups by path, alias (section 3.3) and phandle, paths, reg and ranges,
 * and /chosen. The header check and property access are dt.c.
 *
 * Address translation follows sections 2.3.8 (ranges) and 2.3.5/2.3.6
 * (#address-cells/#size-cells, defaults 2 and 1).
 */
#include <stddef.h>
#include <string.h>

#define DT_INTERNAL
#include "dt.h"

/*
 * From the tag at off, the next BEGIN_NODE tag; -1 at FDT_END or when an
 * END_NODE takes *level below 0. *level is the depth of the innermost open
 * node: each END_NODE passed lowers it, so the node found is at *level + 1.
 */
static int dt_scan(const u8 *s, int off, int *level)
{
	for (;;) {
		u32 tag = dt_be32(s + off);

		if (tag == DT_PROP) {
			off = dt_after_prop(s, off);
		} else if (tag == DT_NOP) {
			off += 4;
		} else if (tag != DT_END_NODE) {
			return tag == DT_BEGIN_NODE ? off : -1;
		} else {
			off += 4;
			if (--*level < 0) {
				return -1;
			}
		}
	}
}

/* The node after the subtree whose root's name ends at body, if a sibling; else -1. */
static int dt_sibling(const u8 *s, int body)
{
	int level = 1; /* the subtree's root, at depth 1: its siblings are found at level 0 */
	int off = body;

	while ((off = dt_scan(s, off, &level)) >= 0 && level > 0) {
		level++; /* a descendant of the subtree's root: go into it */
		off = dt_after_name(s, off);
	}
	return off;
}

/* Offset just past the END_NODE that closes the node at off (a blob dt_check accepted). */
static int dt_skip_node(const u8 *s, int off)
{
	int level = 0; /* nodes open inside it */

	off = dt_after_name(s, off);
	for (;;) {
		u32 tag = dt_be32(s + off);

		if (tag == DT_PROP) {
			off = dt_after_prop(s, off);
		} else if (tag == DT_BEGIN_NODE) {
			level++;
			off = dt_after_name(s, off);
		} else {
			off += 4; /* END_NODE or NOP: dt_check saw the END_NODE that closes it */
			if (tag == DT_END_NODE && level-- == 0) {
				return off;
			}
		}
	}
}

/* ------------------------------------------------------------ the tree */

const char *dt_node_name(const struct dt_node *n)
{
	return (const char *)dt_struct(n->fdt) + DT_OFF(n) + 4;
}

void dt_root(const void *fdt, struct dt_node *n)
{
	n->fdt = fdt;
	n->depth = 0;
	n->off[0] = 0;
	n->scan = dt_after_name(dt_struct(fdt), 0);
}

/* n moves to its child at offset off. */
static bool dt_enter(struct dt_node *n, const u8 *s, int off)
{
	if (off < 0 || n->depth + 1 >= DT_MAX_DEPTH) {
		return false;
	}
	n->off[++n->depth] = off;
	n->scan = dt_after_name(s, off);
	return true;
}

bool dt_walk_next(struct dt_node *n)
{
	const u8 *s = dt_struct(n->fdt);
	int level = n->depth;
	int off = dt_scan(s, n->scan, &level);

	/* a node deeper than DT_MAX_DEPTH levels cannot carry its ancestors: skipped */
	while (off >= 0 && level + 1 >= DT_MAX_DEPTH) {
		off = dt_scan(s, dt_skip_node(s, off), &level);
	}
	if (off < 0) {
		return false;
	}
	n->depth = level;
	return dt_enter(n, s, off);
}

int dt_deep_below(const struct dt_node *n, struct dt_node *parent)
{
	const u8 *s = dt_struct(n->fdt);
	struct dt_node w = *n;

	while (dt_walk_next(&w) && w.depth > n->depth) {
		int level = 0;
		int child = w.depth == DT_MAX_DEPTH - 1 ? dt_scan(s, w.scan, &level) : -1;

		if (child >= 0) { /* level 0: a child, not a node after w */
			*parent = w;
			return child;
		}
	}
	return DT_E_NOTFOUND;
}

bool dt_child_first(const struct dt_node *parent, struct dt_node *child)
{
	*child = *parent;
	return dt_walk_next(child) && child->depth == parent->depth + 1;
}

bool dt_child_next(struct dt_node *child)
{
	const u8 *s = dt_struct(child->fdt);
	int off = dt_sibling(s, child->scan);

	if (off < 0) {
		return false;
	}
	child->depth--;
	return dt_enter(child, s, off);
}

int dt_locate(const void *fdt, int node, struct dt_node *n)
{
	dt_root(fdt, n);
	while (DT_OFF(n) < node && dt_walk_next(n)) {
		;
	}
	return DT_OFF(n) == node ? 0 : DT_E_NOTFOUND;
}

/* libfdt's rule: name is comp, or comp@unit when comp has no unit address. */
static bool dt_name_eq(const char *name, const char *comp, size_t len)
{
	if (name[0] != comp[0] || strncmp(name, comp, len)) {
		return false;
	}
	return name[len] == '\0' || (name[len] == '@' && !memchr(comp, '@', len));
}

bool dt_name_eq_slow(const char *name, const char *base)
{
	return dt_name_eq(name, base, strlen(base));
}

/* From n, down the '/'-separated components of [p, end); returns the node or negative. */
static int dt_descend(struct dt_node *n, const char *p, const char *end)
{
	const u8 *s = dt_struct(n->fdt);

	while (p < end) {
		const char *q;
		int level = 0;
		int c;

		if (*p == '/') {
			p++;
			continue;
		}
		q = memchr(p, '/', char_span(p, end));
		q = q ? q : end;
		c = dt_scan(s, n->scan, &level); /* the first child, if any */
		while (c >= 0 && !dt_name_eq((const char *)s + c + 4, p, char_span(p, q))) {
			c = dt_sibling(s, dt_after_name(s, c));
		}
		if (!dt_enter(n, s, c)) {
			return DT_E_NOTFOUND;
		}
		p = q;
	}
	return DT_OFF(n);
}

/* dt_lookup for the first len bytes of path. */
static int dt_lookup_len(const void *fdt, const char *path, size_t len, struct dt_node *n)
{
	const char *end = path + len;
	const char *q = len ? memchr(path, '/', len) : NULL;
	char name[32]; /* property names have at most 31 characters (DT spec 2.2.4.1) */
	const char *alias;
	int aliases;

	dt_root(fdt, n);
	if (len && path[0] == '/') {
		return dt_descend(n, path, end);
	}
	/* an alias (DT spec 3.3) names the first component */
	q = q ? q : end;
	if (q == path || q - path >= (long)sizeof(name)) {
		return DT_E_NOTFOUND;
	}
	(void)memcpy(name, path, char_span(path, q));
	name[q - path] = '\0';
	aliases = dt_descend(n, "aliases", &"aliases"[7]); /* [start, end) */
	alias = aliases < 0 ? NULL : dt_string(fdt, aliases, name);
	dt_root(fdt, n);
	if (!alias || alias[0] != '/' || dt_descend(n, alias, alias + strlen(alias)) < 0) {
		return DT_E_NOTFOUND;
	}
	return dt_descend(n, q, end);
}

int dt_lookup(const void *fdt, const char *path, struct dt_node *n)
{
	return dt_lookup_len(fdt, path, strlen(path), n);
}

u32 dt_irq_parent_phandle(const struct dt_node *n)
{
	for (int d = n->depth; d >= 0; d--) {
		u32 phandle;

		if (dt_u32(n->fdt, n->off[d], "interrupt-parent", &phandle) == 0) {
			return phandle;
		}
	}
	return 0;
}

int dt_irq_parent(const struct dt_node *n)
{
	u32 phandle = dt_irq_parent_phandle(n);

	return phandle ? dt_phandle_node(n->fdt, phandle) : DT_E_NOTFOUND;
}

int dt_phandle_node(const void *fdt, u32 phandle)
{
	struct dt_node n;

	if (phandle == 0U || phandle == (u32)-1) {
		return DT_E_NOTFOUND;
	}
	dt_root(fdt, &n);
	while (dt_phandle(fdt, DT_OFF(&n)) != phandle) {
		if (!dt_walk_next(&n)) {
			return DT_E_NOTFOUND;
		}
	}
	return DT_OFF(&n);
}

/* ------------------------------------------------------------ paths */

int dt_node_path(const struct dt_node *n, char *buf, int len)
{
	const char *s = (const char *)dt_struct(n->fdt);
	int p = 0;

	for (int d = 1; d <= n->depth && p < len; d++) {
		const char *name = s + n->off[d] + 4;

		buf[p++] = '/';
		while (*name && p < len) {
			buf[p++] = *name++;
		}
	}
	if (p == 0 && len > 0) {
		buf[p++] = '/'; /* the root */
	}
	if (p < len) {
		buf[p] = '\0';
		return 0;
	}
	if (len > 0) {
		buf[0] = '\0';
	}
	return DT_E_RANGE;
}

int dt_path(const void *fdt, int node, char *buf, int len)
{
	struct dt_node n;
	int ret = dt_locate(fdt, node, &n);

	if (ret == 0) {
		return dt_node_path(&n, buf, len);
	}
	if (len > 0) {
		buf[0] = '\0';
	}
	return ret;
}

/* --------------------------------------------------------- reg, ranges */

/* #address-cells, #size-cells (defaults 2 and 1) and ranges of node, in one pass. */
static const u32 *dt_bus(const void *fdt, int node, u32 *ac, u32 *sc, int *ranges_len)
{
	static const char *const names[] = {"#address-cells", "#size-cells", "ranges"};
	u32 nameoffs[3] = {DT_NAMEOFF_NONE, DT_NAMEOFF_NONE, DT_NAMEOFF_NONE};
	const void *vals[3];
	int lens[3];

	dt_props_at(fdt, dt_body(fdt, node), names, 3, vals, lens, nameoffs);
	*ac = vals[0] && lens[0] == 4 ? dt_be32(vals[0]) : 2U;
	*sc = vals[1] && lens[1] == 4 ? dt_be32(vals[1]) : 1U;
	*ranges_len = lens[2];
	return vals[2];
}

/* Cell counts of the bus the node at depth d of n sits on: its parent's. */
static int dt_bus_cells(const struct dt_node *n, int d, u32 *ac, u32 *sc)
{
	int unused;

	if (d < 1) {
		return DT_E_NOTFOUND;
	}
	(void)dt_bus(n->fdt, n->off[d - 1], ac, sc, &unused);
	if (*ac == 0 || *ac > DT_MAX_CELLS || *sc > DT_MAX_CELLS) {
		return DT_E_RANGE;
	}
	return 0;
}

int dt_regs(const struct dt_node *n, struct dt_regs *r)
{
	int len;
	u32 entries;
	int ret = dt_bus_cells(n, n->depth, &r->ac, &r->sc);

	r->n = n;
	r->count = 0;
	if (ret < 0) {
		return ret;
	}
	r->cells = dt_prop(n->fdt, DT_OFF(n), "reg", &len);
	if (!r->cells) {
		return DT_E_NOTFOUND;
	}
	if (((u32)len % ((r->ac + r->sc) * 4U)) != 0U) {
		return DT_E_BADLEN;
	}
	entries = (u32)len / ((r->ac + r->sc) * 4U);
	r->count = (int)entries;
	return r->count;
}

/*
 * Translates [*addr, *addr+size) from the child address space of the bus at
 * depth d of n to the address space of its parent through its ranges.
 */
static int dt_translate_one(const struct dt_node *n, int d, u64 *addr, u64 size)
{
	int len;
	u32 pac;
	u32 unused;
	u32 cac;
	u32 csc;
	const u32 *r = dt_bus(n->fdt, n->off[d], &cac, &csc, &len);

	if (!r) {
		return DT_E_TRANSLATE;
	}
	if (len == 0) {
		return 0; /* empty ranges: identity mapping */
	}
	if (dt_bus_cells(n, d, &pac, &unused) < 0 || cac == 0U || cac > DT_MAX_CELLS || csc == 0U ||
	    csc > DT_MAX_CELLS) {
		return DT_E_RANGE;
	}
	if (((u32)len % ((cac + pac + csc) * 4U)) != 0U) {
		return DT_E_BADLEN;
	}
	for (u32 left = (u32)len; left > 0U; left -= (cac + pac + csc) * 4U, r += cac + pac + csc) {
		u64 child = dt_read_cells(r, cac);
		u64 par = dt_read_cells(r + cac, pac);
		u64 rsize = dt_read_cells(r + cac + pac, csc);

		if (range_inside(*addr, MAX(size, 1U), child, rsize)) {
			*addr = par + (*addr - child);
			return 0;
		}
	}
	return DT_E_TRANSLATE;
}

int dt_regs_get(const struct dt_regs *r, int idx, bool translate, u64 *addr, u64 *size)
{
	const u32 *cells;
	int ret = 0;

	if (idx < 0 || idx >= r->count) {
		return DT_E_RANGE;
	}
	cells = r->cells + (u32)idx * (r->ac + r->sc);
	*addr = dt_read_cells(cells, r->ac);
	*size = r->sc ? dt_read_cells(cells + r->ac, r->sc) : 0U;
	/* through every bus but the root (DT spec 2.3.8) */
	for (int d = r->n->depth - 1; translate && d > 0 && ret == 0; d--) {
		ret = dt_translate_one(r->n, d, addr, *size);
	}
	return ret;
}

int dt_node_reg(const struct dt_node *n, int idx, bool translate, u64 *addr, u64 *size)
{
	struct dt_regs r;
	int ret = dt_regs(n, &r);

	return ret < 0 ? ret : dt_regs_get(&r, idx, translate, addr, size);
}

/* ------------------------------------------------------------- /chosen */

int dt_stdout(const void *fdt, int chosen, struct dt_node *n)
{
	const char *path;
	const char *colon;

	path = dt_string(fdt, chosen, "stdout-path");
	if (!path) {
		path = dt_string(fdt, chosen, "linux,stdout-path");
	}
	if (!path) {
		return DT_E_NOTFOUND;
	}
	colon = strchr(path, ':');
	return dt_lookup_len(fdt, path, colon ? char_span(path, colon) : strlen(path), n);
}
