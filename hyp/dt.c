/* SPDX-License-Identifier: Apache-2.0 */
/*
 * dt: device tree reading (Devicetree Specification v0.4).
 *
 * dt_check validates the structure block once (section 5.4); the readers
 * then step over its tags directly. libfdt re-validates every tag on every
 * call and finds a parent or a path by rescanning from the root, which made
 * parsing quadratic in the size of the tree; here a walk keeps the ancestors
 * (struct dt_node) and a property lookup reads only its node's properties.
 * Only libfdt's fdt.h (the format's constants and header layout) is used.
 *
 * Address translation follows sections 2.3.8 (ranges) and 2.3.5/2.3.6
 * (#address-cells/#size-cells, defaults 2 and 1).
 */
#include <libfdt_env.h>
#include <fdt.h>
#include <limits.h>
#include <stddef.h>
#include <string.h>

#include "dt.h"

#define DT_MAX_CELLS	   2 /* cells per number this module accepts */
#define DT_NAMEOFF_NONE	   0xffffffffU
#define DT_ALIGN4(x)	   (((x) + 3U) & ~3U)
#define DT_HDR(fdt, field) dt_be32((const u8 *)(fdt) + offsetof(struct fdt_header, field))

/* Tags and names are 4-byte aligned in a blob that passed dt_check. */
typedef u32 __attribute__((may_alias)) dt_word;

/* For the few helpers run per tag: -Os would call them. */
#define DT_HOT static inline __attribute__((always_inline))

DT_HOT u32 dt_be32(const void *p)
{
	return fdt32_to_cpu(*(const dt_word *)p);
}

DT_HOT const u8 *dt_struct(const void *fdt)
{
	return (const u8 *)fdt + DT_HDR(fdt, off_dt_struct);
}

static u32 dt_struct_size(const void *fdt)
{
	/* size_dt_struct only exists from version 17 on (DT spec 5.2) */
	if (DT_HDR(fdt, version) >= 17)
		return DT_HDR(fdt, size_dt_struct);
	return DT_HDR(fdt, totalsize) - DT_HDR(fdt, off_dt_struct);
}

DT_HOT const char *dt_strings(const void *fdt)
{
	return (const char *)fdt + DT_HDR(fdt, off_dt_strings);
}

/*
 * Bit 7 of each zero byte of w. Exact up to the first zero byte in memory
 * order (the blob is read little-endian, as libfdt_env.h assumes); above it a
 * 0x01 byte may be flagged too.
 */
DT_HOT u32 dt_zeros(u32 w)
{
	return (w - 0x01010101U) & ~w & 0x80808080U;
}

/* Offset of the tag after a node's BEGIN_NODE tag and (aligned) name. */
DT_HOT int dt_after_name(const u8 *s, int node)
{
	const dt_word *w = (const dt_word *)(s + node + 4);

	while (!dt_zeros(*w))
		w++;
	return (int)((const u8 *)(w + 1) - s);
}

/* Offset past the name of node, or -1 if node is not a BEGIN_NODE tag. */
static int dt_body(const void *fdt, int node)
{
	const u8 *s = dt_struct(fdt);

	if (node < 0 || (node & 3) || (u32)node + 8 > dt_struct_size(fdt) ||
	    dt_be32(s + node) != FDT_BEGIN_NODE)
		return -1;
	return dt_after_name(s, node);
}

/*
 * From the tag at off, the next BEGIN_NODE tag; -1 at FDT_END or when an
 * END_NODE takes *level below 0. *level is the depth of the innermost open
 * node: each END_NODE passed lowers it, so the node found is at *level + 1.
 */
static int dt_scan(const u8 *s, int off, int *level)
{
	for (;;) {
		u32 tag = dt_be32(s + off);

		if (tag == FDT_PROP) {
			off += 12 + (int)DT_ALIGN4(dt_be32(s + off + 4));
		} else if (tag == FDT_NOP) {
			off += 4;
		} else if (tag != FDT_END_NODE) {
			return tag == FDT_BEGIN_NODE ? off : -1;
		} else {
			off += 4;
			if (--*level < 0)
				return -1;
		}
	}
}

/* The node after the subtree whose root's name ends at body, if a sibling; else -1. */
static int dt_sibling(const u8 *s, int body)
{
	int level = 1; /* open nodes of the subtree */
	int off = body;

	for (;;) {
		u32 tag = dt_be32(s + off);

		if (tag == FDT_PROP) {
			off += 12 + (int)DT_ALIGN4(dt_be32(s + off + 4));
		} else if (tag == FDT_BEGIN_NODE) {
			if (level == 0)
				return off;
			level++;
			off = dt_after_name(s, off);
		} else if (tag == FDT_END_NODE) {
			off += 4;
			if (--level < 0)
				return -1;
		} else if (tag == FDT_NOP) {
			off += 4;
		} else {
			return -1;
		}
	}
}

/* ---------------------------------------------------------------- check */

/*
 * Length of the node name at p, or -1 if it has a '/' or its NUL is not in
 * a whole word of the room bytes (then no tag could follow it anyway).
 */
__attribute__((noinline)) static int dt_check_name(const u8 *p, u32 room)
{
	for (u32 i = 0; i + 4 <= room; i += 4) {
		u32 w = *(const dt_word *)(p + i);
		u32 nul = dt_zeros(w);
		u32 slash = dt_zeros(w ^ 0x2f2f2f2fU);

		if (nul) /* a '/' flagged below the first NUL is a real one */
			return (slash & ((nul & -nul) - 1)) ? -1
							    : (int)(i + __builtin_ctz(nul) / 8);
		if (slash)
			return -1;
	}
	return -1;
}

/*
 * Index of the first of names[0..count) not found yet (vals[i] NULL) that a
 * property named strs + off has, or -1. nameoffs[i]: where names[i] was found
 * before (same offset, same name: no compare), DT_NAMEOFF_NONE if not yet.
 */
DT_HOT int dt_want(const char *strs, u32 off, const char *const *names, u32 count,
		   const void *const *vals, u32 *nameoffs)
{
	const char *name = strs + off;

	for (u32 i = 0; i < count; i++) {
		if (vals[i] ||
		    (off != nameoffs[i] && (name[0] != names[i][0] || strcmp(name, names[i]))))
			continue;
		nameoffs[i] = off;
		return (int)i;
	}
	return -1;
}

/* A node being checked, and the properties its visitor asked for. */
struct dt_checking {
	const struct dt_visit *v;
	struct dt_node n;
	const void *vals[DT_VISIT_MAX];
	int lens[DT_VISIT_MAX];
	u32 nameoffs[DT_VISIT_MAX];
};

/* Reports c->n to the visitor; the next node's properties start empty. */
static void dt_check_visit_node(struct dt_checking *c, bool report)
{
	if (report)
		c->v->node(c->v->ctx, &c->n, c->vals, c->lens);
	for (u32 i = 0; i < DT_VISIT_MAX; i++) {
		c->vals[i] = NULL;
		c->lens[i] = 0;
	}
}

/* A property of c->n: kept if the visitor asked for it. */
static void dt_check_visit_prop(struct dt_checking *c, const u8 *prop, const char *strs)
{
	int i = dt_want(strs, dt_be32(prop + 4), c->v->names, c->v->count, c->vals, c->nameoffs);

	if (i >= 0) {
		c->vals[i] = prop + 8;
		c->lens[i] = (int)dt_be32(prop);
	}
}

/*
 * One pass over the structure block so the readers can trust it: known tags,
 * properties and names inside the block, property names inside the strings
 * block, the root first and named "", other names non-empty without '/'
 * (paths rely on both), nesting balanced and at most DT_MAX_DEPTH deep, then
 * only NOPs before FDT_END. c: the visitor, or NULL.
 */
static int dt_check_structure(const void *fdt, struct dt_checking *c)
{
	const u8 *s = dt_struct(fdt);
	const char *str = dt_strings(fdt);
	u32 size = dt_struct_size(fdt);
	u32 strs = DT_HDR(fdt, size_dt_strings);
	bool pending = false; /* c->n is not reported yet: its properties are being read */
	u32 off = 0;
	int depth = -1; /* of the innermost open node */
	bool closed = false;

	while (strs && str[strs - 1] != '\0')
		strs--;		  /* a name starting below strs ends inside the block */
	while (off + 4 <= size) { /* off <= size + 3 (a property may end unaligned) */
		u32 at = off;
		u32 tag = dt_be32(s + off);
		u32 len;

		off += 4;
		if (tag == FDT_PROP) {
			if (depth < 0 || size - off < 8 || dt_be32(s + off + 4) >= strs)
				return DT_E_BADBLOB;
			len = dt_be32(s + off);
			if (len > size - off - 8)
				return DT_E_BADBLOB;
			if (pending)
				dt_check_visit_prop(c, s + off, str);
			off = DT_ALIGN4(off + 8 + len);
		} else if (tag == FDT_BEGIN_NODE) {
			int name = dt_check_name(s + off, size - off);

			if (name < 0 || depth + 1 == DT_MAX_DEPTH ||
			    (depth < 0 && (off != 4 || name)) || (depth >= 0 && !name))
				return DT_E_BADBLOB;
			off = DT_ALIGN4(off + (u32)name + 1);
			depth++;
			if (!c)
				continue;
			dt_check_visit_node(c, pending);
			c->n.off[depth] = (int)at;
			c->n.depth = depth;
			c->n.scan = (int)off;
			pending = true;
		} else if (tag == FDT_END_NODE) {
			if (depth < 0)
				return DT_E_BADBLOB;
			if (pending)
				dt_check_visit_node(c, true);
			pending = false;
			closed = --depth < 0;
		} else if (tag != FDT_NOP) {
			return tag == FDT_END && closed ? 0 : DT_E_BADBLOB;
		}
	}
	return DT_E_BADBLOB;
}

/* A block [off, off + size) after the header and inside the blob. */
static bool dt_block_ok(u32 hdr, u32 total, u32 off, u32 size)
{
	return off >= hdr && off <= total && size <= total - off;
}

/*
 * The header (DT spec 5.2), as libfdt's fdt_check_header but from version
 * 16 on (names are relative paths from then): magic, versions, an 8-byte
 * aligned blob of at most max_size bytes, its blocks inside it and aligned
 * (spec 5.1: reservation block 8 bytes, structure block 4).
 */
static bool dt_check_header(const void *fdt, u64 max_size)
{
	u32 version;
	u32 hdr;
	u32 total;

	if (!fdt || ((uintptr_t)fdt & 7) || max_size < sizeof(struct fdt_header))
		return false;
	version = DT_HDR(fdt, version);
	hdr = version >= 17 ? sizeof(struct fdt_header)
			    : offsetof(struct fdt_header, size_dt_struct);
	total = DT_HDR(fdt, totalsize);
	return DT_HDR(fdt, magic) == FDT_MAGIC && version >= 16 &&
	       DT_HDR(fdt, last_comp_version) <= 17 && version >= DT_HDR(fdt, last_comp_version) &&
	       total >= hdr && total <= INT_MAX && total <= max_size &&
	       dt_block_ok(hdr, total, DT_HDR(fdt, off_mem_rsvmap), 0) &&
	       DT_HDR(fdt, off_mem_rsvmap) % 8 == 0 &&
	       dt_block_ok(hdr, total, DT_HDR(fdt, off_dt_struct), dt_struct_size(fdt)) &&
	       DT_HDR(fdt, off_dt_struct) % 4 == 0 &&
	       dt_block_ok(hdr, total, DT_HDR(fdt, off_dt_strings), DT_HDR(fdt, size_dt_strings)) &&
	       dt_mem_rsv_count(fdt) >= 0;
}

int dt_check_visit(const void *fdt, u64 max_size, const struct dt_visit *v)
{
	struct dt_checking c = {.v = v, .n.fdt = fdt};

	for (u32 i = 0; i < DT_VISIT_MAX; i++)
		c.nameoffs[i] = DT_NAMEOFF_NONE;
	if (!dt_check_header(fdt, max_size) || (v && v->count > DT_VISIT_MAX))
		return DT_E_BADBLOB;
	return dt_check_structure(fdt, v ? &c : NULL);
}

int dt_check(const void *fdt, u64 max_size)
{
	return dt_check_visit(fdt, max_size, NULL);
}

/* ----------------------------------------------------------- properties */

/* The property tag at or after off (NOPs skipped), or -1 past the last one. */
DT_HOT int dt_prop_tag(const u8 *s, int off)
{
	u32 tag;

	while ((tag = dt_be32(s + off)) == FDT_NOP)
		off += 4;
	return tag == FDT_PROP ? off : -1;
}

DT_HOT int dt_prop_next(const u8 *s, int prop)
{
	return dt_prop_tag(s, prop + 12 + (int)DT_ALIGN4(dt_be32(s + prop + 4)));
}

/*
 * The first properties named names[0..count) of the node whose name ends at
 * body (negative: no node), in one pass: vals[i] and lens[i], NULL and 0 if
 * absent. nameoffs[i] as for dt_want.
 */
static void dt_props_at(const void *fdt, int body, const char *const *names, u32 count,
			const void **vals, int *lens, u32 *nameoffs)
{
	const u8 *s = dt_struct(fdt);
	const char *strs = dt_strings(fdt);

	for (u32 i = 0; i < count; i++) {
		vals[i] = NULL;
		lens[i] = 0;
	}
	for (int p = body < 0 ? -1 : dt_prop_tag(s, body); p >= 0; p = dt_prop_next(s, p)) {
		int i = dt_want(strs, dt_be32(s + p + 8), names, count, vals, nameoffs);

		if (i >= 0) {
			vals[i] = s + p + 12;
			lens[i] = (int)dt_be32(s + p + 4);
		}
	}
}

static const u32 *dt_prop(const void *fdt, int node, const char *prop, int *len)
{
	const void *val;
	u32 nameoff = DT_NAMEOFF_NONE;

	dt_props_at(fdt, dt_body(fdt, node), &prop, 1, &val, len, &nameoff);
	return val;
}

static u32 dt_cells_prop(const void *fdt, int node, const char *prop, u32 dflt)
{
	u32 val;

	return dt_u32(fdt, node, prop, &val) == 0 ? val : dflt;
}

u32 dt_addr_cells(const void *fdt, int node)
{
	return dt_cells_prop(fdt, node, "#address-cells", 2);
}

u32 dt_size_cells(const void *fdt, int node)
{
	return dt_cells_prop(fdt, node, "#size-cells", 1);
}

u64 dt_read_cells(const u32 *cells, u32 ncells)
{
	u64 val = 0;

	for (u32 i = 0; i < ncells; i++)
		val = (val << 32) | dt_be32(&cells[i]);
	return val;
}

int dt_prop_len(const void *fdt, int node, const char *prop)
{
	int len;

	return dt_prop(fdt, node, prop, &len) ? len : DT_E_NOTFOUND;
}

int dt_u32(const void *fdt, int node, const char *prop, u32 *out)
{
	u64 val;
	int ret = dt_cells(fdt, node, prop, 1, &val);

	if (ret == 0)
		*out = (u32)val;
	return ret;
}

int dt_u64(const void *fdt, int node, const char *prop, u64 *out)
{
	int len;
	const u32 *val = dt_prop(fdt, node, prop, &len);

	if (!val)
		return DT_E_NOTFOUND;
	if (len != 4 && len != 8)
		return DT_E_BADLEN;
	*out = dt_read_cells(val, (u32)len / 4);
	return 0;
}

int dt_cells(const void *fdt, int node, const char *prop, u32 ncells, u64 *out)
{
	int len;
	const u32 *val;

	if (ncells == 0 || ncells > DT_MAX_CELLS)
		return DT_E_RANGE;
	val = dt_prop(fdt, node, prop, &len);
	if (!val)
		return DT_E_NOTFOUND;
	if ((u32)len != ncells * 4)
		return DT_E_BADLEN;
	if (out)
		*out = dt_read_cells(val, ncells);
	return 0;
}

bool dt_bool(const void *fdt, int node, const char *prop)
{
	int len;

	return dt_prop(fdt, node, prop, &len) != NULL;
}

/* strnlen, a word at a time once s is aligned (property values start aligned). */
static size_t dt_strnlen(const char *s, size_t max)
{
	size_t i = 0;

	for (; i < max && ((uintptr_t)(s + i) & 3); i++) {
		if (!s[i])
			return i;
	}
	for (; i + 4 <= max; i += 4) {
		u32 nul = dt_zeros(*(const dt_word *)(s + i));

		if (nul)
			return i + (size_t)__builtin_ctz(nul) / 8;
	}
	for (; i < max && s[i]; i++)
		;
	return i;
}

const char *dt_prop_string(const void *val, int len)
{
	if (!val || len <= 0 || dt_strnlen(val, (size_t)len) >= (size_t)len)
		return NULL;
	return val;
}

const char *dt_string(const void *fdt, int node, const char *prop)
{
	int len;
	const void *val = dt_prop(fdt, node, prop, &len);

	return dt_prop_string(val, len);
}

int dt_u32_array(const void *fdt, int node, const char *prop, u32 *out, u32 *count)
{
	int len;
	const u32 *val = dt_prop(fdt, node, prop, &len);
	u32 n;
	u32 cap = *count;

	*count = 0;
	if (!val)
		return DT_E_NOTFOUND;
	if (len % 4)
		return DT_E_BADLEN;
	n = (u32)len / 4;
	for (u32 i = 0; i < n && i < cap; i++)
		out[i] = dt_be32(&val[i]);
	*count = MIN(n, cap);
	return n > cap ? DT_E_RANGE : 0;
}

const void *dt_data(const void *fdt, int node, const char *prop, u32 *len)
{
	int l;
	const void *val = dt_prop(fdt, node, prop, &l);

	*len = (u32)l;
	return val;
}

u32 dt_strlist_mask(const void *list, int len, const struct dt_str *strs, u32 n)
{
	const char *s = list;
	const char *end = s ? s + len : NULL;
	u32 mask = 0;

	while (s < end) {
		size_t l = dt_strnlen(s, (size_t)(end - s));

		if (l == (size_t)(end - s))
			break; /* not terminated: ignored, as by libfdt */
		for (u32 i = 0; i < n; i++) {
			if (strs[i].len == l && s[0] == strs[i].str[0] &&
			    !memcmp(s, strs[i].str, l))
				mask |= 1U << i;
		}
		s += l + 1;
	}
	return mask;
}

bool dt_is_compatible(const void *fdt, int node, const char *compat)
{
	int len;
	const void *list = dt_prop(fdt, node, "compatible", &len);
	struct dt_str str = {compat, strlen(compat)};

	return dt_strlist_mask(list, len, &str, 1) != 0;
}

bool dt_is_enabled(const void *fdt, int node)
{
	int len;
	const void *val = dt_prop(fdt, node, "status", &len);
	const char *status = dt_prop_string(val, len);

	return !val || (status && (!strcmp(status, "okay") || !strcmp(status, "ok")));
}

u32 dt_phandle(const void *fdt, int node)
{
	u64 val;

	if (dt_cells(fdt, node, "phandle", 1, &val) == 0 ||
	    dt_cells(fdt, node, "linux,phandle", 1, &val) == 0)
		return (u32)val;
	return 0;
}

/* ------------------------------------------------------------ the tree */

const char *dt_name(const void *fdt, int node)
{
	return dt_body(fdt, node) < 0 ? "" : (const char *)dt_struct(fdt) + node + 4;
}

const char *dt_node_name(const struct dt_node *n)
{
	return (const char *)dt_struct(n->fdt) + DT_OFF(n) + 4;
}

int dt_first_child(const void *fdt, int node)
{
	int level = 0;
	int body = dt_body(fdt, node);
	int child = body < 0 ? -1 : dt_scan(dt_struct(fdt), body, &level);

	return child >= 0 && level == 0 ? child : DT_E_NOTFOUND;
}

int dt_next_child(const void *fdt, int node)
{
	int body = dt_body(fdt, node);
	int next = body < 0 ? -1 : dt_sibling(dt_struct(fdt), body);

	return next < 0 ? DT_E_NOTFOUND : next;
}

int dt_next_node(const void *fdt, int node)
{
	int level = DT_MAX_DEPTH; /* any node after this one, whatever its depth */
	int body = dt_body(fdt, node);
	int next = body < 0 ? -1 : dt_scan(dt_struct(fdt), body, &level);

	return next < 0 ? DT_E_NOTFOUND : next;
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
	if (off < 0 || n->depth + 1 >= DT_MAX_DEPTH)
		return false;
	n->off[++n->depth] = off;
	n->scan = dt_after_name(s, off);
	return true;
}

bool dt_walk_next(struct dt_node *n)
{
	const u8 *s = dt_struct(n->fdt);
	int level = n->depth;
	int off = dt_scan(s, n->scan, &level);

	if (off < 0)
		return false;
	n->depth = level;
	return dt_enter(n, s, off);
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

	if (off < 0)
		return false;
	child->depth--;
	return dt_enter(child, s, off);
}

int dt_locate(const void *fdt, int node, struct dt_node *n)
{
	dt_root(fdt, n);
	while (DT_OFF(n) < node && dt_walk_next(n))
		;
	return DT_OFF(n) == node ? 0 : DT_E_NOTFOUND;
}

int dt_parent(const void *fdt, int node)
{
	struct dt_node n;

	if (dt_locate(fdt, node, &n) < 0 || n.depth == 0)
		return DT_E_NOTFOUND;
	return n.off[n.depth - 1];
}

/* libfdt's rule: name is comp, or comp@unit when comp has no unit address. */
static bool dt_name_eq(const char *name, const char *comp, size_t len)
{
	if (name[0] != comp[0] || strncmp(name, comp, len))
		return false;
	return name[len] == '\0' || (name[len] == '@' && !memchr(comp, '@', len));
}

bool dt_name_is(const char *name, const char *base)
{
	return name[0] == base[0] && dt_name_eq(name, base, strlen(base));
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
		q = memchr(p, '/', (size_t)(end - p));
		q = q ? q : end;
		c = dt_scan(s, n->scan, &level); /* the first child, if any */
		while (c >= 0 && !dt_name_eq((const char *)s + c + 4, p, (size_t)(q - p)))
			c = dt_sibling(s, dt_after_name(s, c));
		if (!dt_enter(n, s, c))
			return DT_E_NOTFOUND;
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
	if (len && path[0] == '/')
		return dt_descend(n, path, end);
	/* an alias (DT spec 3.3) names the first component */
	q = q ? q : end;
	if (q == path || q - path >= (long)sizeof(name))
		return DT_E_NOTFOUND;
	memcpy(name, path, (size_t)(q - path));
	name[q - path] = '\0';
	aliases = dt_descend(n, "aliases", "aliases" + 7);
	alias = aliases < 0 ? NULL : dt_string(fdt, aliases, name);
	dt_root(fdt, n);
	if (!alias || alias[0] != '/' || dt_descend(n, alias, alias + strlen(alias)) < 0)
		return DT_E_NOTFOUND;
	return dt_descend(n, q, end);
}

int dt_lookup(const void *fdt, const char *path, struct dt_node *n)
{
	return dt_lookup_len(fdt, path, strlen(path), n);
}

int dt_node_by_path(const void *fdt, const char *path)
{
	struct dt_node n;

	return dt_lookup(fdt, path, &n);
}

int dt_find_compatible(const void *fdt, int after, const char *compat)
{
	int node = after < 0 ? 0 : dt_next_node(fdt, after);

	while (node >= 0 && !dt_is_compatible(fdt, node, compat))
		node = dt_next_node(fdt, node);
	return node;
}

int dt_phandle_node(const void *fdt, u32 phandle)
{
	int node = 0;

	if (phandle == 0 || phandle == (u32)-1)
		return DT_E_NOTFOUND;
	while (node >= 0 && dt_phandle(fdt, node) != phandle)
		node = dt_next_node(fdt, node);
	return node;
}

/* ------------------------------------------------------------ paths */

int dt_node_path(const struct dt_node *n, char *buf, int len)
{
	const char *s = (const char *)dt_struct(n->fdt);
	int p = 0;

	for (int d = 1; d <= n->depth && p < len; d++) {
		const char *name = s + n->off[d] + 4;

		buf[p++] = '/';
		while (*name && p < len)
			buf[p++] = *name++;
	}
	if (p == 0 && len > 0)
		buf[p++] = '/'; /* the root */
	if (p < len) {
		buf[p] = '\0';
		return 0;
	}
	if (len > 0)
		buf[0] = '\0';
	return DT_E_RANGE;
}

int dt_path(const void *fdt, int node, char *buf, int len)
{
	struct dt_node n;
	int ret = dt_locate(fdt, node, &n);

	if (ret == 0)
		return dt_node_path(&n, buf, len);
	if (len > 0)
		buf[0] = '\0';
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
	*ac = vals[0] && lens[0] == 4 ? dt_be32(vals[0]) : 2;
	*sc = vals[1] && lens[1] == 4 ? dt_be32(vals[1]) : 1;
	*ranges_len = lens[2];
	return vals[2];
}

/* Cell counts of the bus the node at depth d of n sits on: its parent's. */
static int dt_bus_cells(const struct dt_node *n, int d, u32 *ac, u32 *sc)
{
	int unused;

	if (d < 1)
		return DT_E_NOTFOUND;
	dt_bus(n->fdt, n->off[d - 1], ac, sc, &unused);
	if (*ac == 0 || *ac > DT_MAX_CELLS || *sc > DT_MAX_CELLS)
		return DT_E_RANGE;
	return 0;
}

int dt_regs(const struct dt_node *n, struct dt_regs *r)
{
	int len;
	int ret = dt_bus_cells(n, n->depth, &r->ac, &r->sc);

	r->n = n;
	r->count = 0;
	if (ret < 0)
		return ret;
	r->cells = dt_prop(n->fdt, DT_OFF(n), "reg", &len);
	if (!r->cells)
		return DT_E_NOTFOUND;
	if ((u32)len % ((r->ac + r->sc) * 4))
		return DT_E_BADLEN;
	r->count = (int)((u32)len / ((r->ac + r->sc) * 4));
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

	if (!r)
		return DT_E_TRANSLATE;
	if (len == 0)
		return 0; /* empty ranges: identity mapping */
	if (dt_bus_cells(n, d, &pac, &unused) < 0 || cac == 0 || cac > DT_MAX_CELLS || csc == 0 ||
	    csc > DT_MAX_CELLS)
		return DT_E_RANGE;
	if ((u32)len % ((cac + pac + csc) * 4))
		return DT_E_BADLEN;
	for (; len > 0; len -= (int)((cac + pac + csc) * 4), r += cac + pac + csc) {
		u64 child = dt_read_cells(r, cac);
		u64 par = dt_read_cells(r + cac, pac);
		u64 rsize = dt_read_cells(r + cac + pac, csc);

		if (range_inside(*addr, MAX(size, 1), child, rsize)) {
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

	if (idx < 0 || idx >= r->count)
		return DT_E_RANGE;
	cells = r->cells + (u32)idx * (r->ac + r->sc);
	*addr = dt_read_cells(cells, r->ac);
	*size = r->sc ? dt_read_cells(cells + r->ac, r->sc) : 0;
	/* through every bus but the root (DT spec 2.3.8) */
	for (int d = r->n->depth - 1; translate && d > 0 && ret == 0; d--)
		ret = dt_translate_one(r->n, d, addr, *size);
	return ret;
}

int dt_node_reg(const struct dt_node *n, int idx, bool translate, u64 *addr, u64 *size)
{
	struct dt_regs r;
	int ret = dt_regs(n, &r);

	return ret < 0 ? ret : dt_regs_get(&r, idx, translate, addr, size);
}

int dt_reg_count(const void *fdt, int node)
{
	struct dt_node n;
	struct dt_regs r;
	int ret = dt_locate(fdt, node, &n);

	return ret < 0 ? ret : dt_regs(&n, &r);
}

static int dt_reg_at(const void *fdt, int node, int idx, bool translate, u64 *addr, u64 *size)
{
	struct dt_node n;
	int ret = dt_locate(fdt, node, &n);

	return ret < 0 ? ret : dt_node_reg(&n, idx, translate, addr, size);
}

int dt_reg(const void *fdt, int node, int idx, u64 *addr, u64 *size)
{
	return dt_reg_at(fdt, node, idx, false, addr, size);
}

int dt_reg_translated(const void *fdt, int node, int idx, u64 *addr, u64 *size)
{
	return dt_reg_at(fdt, node, idx, true, addr, size);
}

/* ------------------------------------------------------------- /chosen */

int dt_stdout(const void *fdt, int chosen, struct dt_node *n)
{
	const char *path;
	const char *colon;

	if (chosen < 0)
		chosen = dt_node_by_path(fdt, "/chosen");
	if (chosen < 0)
		return DT_E_NOTFOUND;
	path = dt_string(fdt, chosen, "stdout-path");
	if (!path)
		path = dt_string(fdt, chosen, "linux,stdout-path");
	if (!path)
		return DT_E_NOTFOUND;
	colon = strchr(path, ':');
	return dt_lookup_len(fdt, path, colon ? (size_t)(colon - path) : strlen(path), n);
}

int dt_stdout_node(const void *fdt)
{
	struct dt_node n;

	return dt_stdout(fdt, -1, &n);
}

int dt_initrd(const void *fdt, u64 *start, u64 *end)
{
	int chosen = dt_node_by_path(fdt, "/chosen");
	int ret;

	if (chosen < 0)
		return DT_E_NOTFOUND;
	ret = dt_u64(fdt, chosen, "linux,initrd-start", start);
	if (ret == 0)
		ret = dt_u64(fdt, chosen, "linux,initrd-end", end);
	return ret;
}

/* Reservation entry idx (DT spec 5.3): 16 bytes, address then size. */
static const u32 *dt_rsv_entry(const void *fdt, int idx)
{
	return (const u32 *)((const u8 *)fdt + DT_HDR(fdt, off_mem_rsvmap)) + idx * 4;
}

int dt_mem_rsv_count(const void *fdt)
{
	u32 room = DT_HDR(fdt, totalsize) - DT_HDR(fdt, off_mem_rsvmap);

	/* up to the first entry of size 0, which must be inside the blob */
	for (int i = 0; (u32)i < room / 16; i++) {
		if (dt_read_cells(dt_rsv_entry(fdt, i) + 2, 2) == 0)
			return i;
	}
	return DT_E_BADBLOB;
}

int dt_mem_rsv(const void *fdt, int idx, u64 *addr, u64 *size)
{
	if (idx < 0 || idx >= dt_mem_rsv_count(fdt))
		return DT_E_RANGE;
	*addr = dt_read_cells(dt_rsv_entry(fdt, idx), 2);
	*size = dt_read_cells(dt_rsv_entry(fdt, idx) + 2, 2);
	return 0;
}
