/* SPDX-License-Identifier: Apache-2.0 */
/*
 * dt: device tree reading (Devicetree Specification v0.4), part 1: the
 * header and structure check, and property access. The tree (walks, paths,
 * reg translation, /chosen) is dt_tree.c; both share the blob accessors at
 * the end of dt.h.
 *
 * dt_check validates the structure block once (section 5.4); the readers
 * then step over its tags directly. libfdt re-validates every tag on every
 * call and finds a parent or a path by rescanning from the root, which made
 * parsing quadratic in the size of the tree; here a walk keeps the ancestors
 * (struct dt_node) and a property lookup reads only its node's properties.
 * Of libfdt, only fdt.h (the format's constants and header layout) and the
 * memory reservation block readers are used.
 */
#include <limits.h>
#include <stddef.h>
#include <string.h>

#include <libfdt.h>

#define DT_INTERNAL
#include "dt.h"

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

/* Offset past the name of node, or -1 if node is not a BEGIN_NODE tag. */
int dt_body(const void *fdt, int node)
{
	const u8 *s = dt_struct(fdt);

	if (node < 0 || (node & 3) || (u32)node + 8 > dt_struct_size(fdt) ||
	    dt_be32(s + node) != FDT_BEGIN_NODE)
		return -1;
	return dt_after_name(s, node);
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

/* One check pass: the blocks, the node its visitor is told about, what it found. */
struct dt_checking {
	const u8 *s;		  /* the structure block */
	const char *strs;	  /* the strings block */
	u32 size;		  /* of the structure block */
	u32 strs_size;		  /* of the strings block, up to its last NUL */
	const struct dt_visit *v; /* or NULL */
	struct dt_checked *out;	  /* the failed check, nodes too deep */
	struct dt_node n;	  /* the node being read, with its ancestors */
	const void *vals[DT_VISIT_MAX];
	int lens[DT_VISIT_MAX];
	u32 nameoffs[DT_VISIT_MAX];
};

/* Records the failed check (the first one): returns DT_E_BADBLOB. */
static int dt_fault(struct dt_checked *out, const char *check, u32 offset, u32 value)
{
	out->fault = check;
	out->offset = offset;
	out->value = value;
	return DT_E_BADBLOB;
}

/* A fault in the structure block, at the tag at off. */
static int dt_fault_tag(const struct dt_checking *c, u32 off, const char *check, u32 value)
{
	return dt_fault(c->out, check, DT_HDR(c->n.fdt, off_dt_struct) + off, value);
}

/* Reports c->n to the visitor; the next node's properties start empty. */
static void dt_check_visit_node(struct dt_checking *c)
{
	c->v->node(c->v->ctx, &c->n, c->vals, c->lens);
	for (u32 i = 0; i < DT_VISIT_MAX; i++) {
		c->vals[i] = NULL;
		c->lens[i] = 0;
	}
}

/* A property of c->n (header at prop): kept if the visitor asked for it. */
static void dt_check_visit_prop(struct dt_checking *c, const u8 *prop, u32 len, u32 nameoff)
{
	int i = dt_want(c->strs, nameoff, c->v->names, c->v->count, c->vals, c->nameoffs);

	if (i >= 0) {
		c->vals[i] = prop + 8;
		c->lens[i] = (int)len;
	}
}

/*
 * What is wrong with a BEGIN_NODE at off with a name of name bytes (negative:
 * a '/' or no NUL) under depth open nodes, or NULL: the root first and named
 * "", other names non-empty without '/' (paths rely on both).
 */
DT_HOT const char *dt_check_begin(u32 off, int name, int depth, bool closed)
{
	if (name < 0)
		return "node name with a '/' or without its NUL";
	if (depth < 0 && (closed || off != 0))
		return closed ? "node after the root node" : "root node not the first tag";
	if (depth < 0 ? name != 0 : name == 0)
		return depth < 0 ? "root node with a name" : "node without a name";
	return NULL;
}

/*
 * What is wrong with a property whose length field is at off (a tag's +4),
 * or NULL; *value: the field at fault.
 */
DT_HOT const char *dt_check_prop(const struct dt_checking *c, u32 off, int depth, bool closed,
				 u32 *value)
{
	*value = FDT_PROP;
	if (depth < 0)
		return closed ? "property after the root node" : "property before the root node";
	if (c->size - off < 8)
		return "property header runs past the structure block";
	*value = dt_be32(c->s + off);
	if (*value > c->size - off - 8)
		return "property length runs past the structure block";
	*value = dt_be32(c->s + off + 4);
	if (*value >= c->strs_size)
		return "property name offset outside the strings block";
	return NULL;
}

/*
 * One pass over the structure block so the readers can trust it: known tags,
 * properties and names inside the block, property names inside the strings
 * block, nesting balanced, then only NOPs before FDT_END. The first failed
 * check goes to c->out; so does the first node deeper than DT_MAX_DEPTH
 * levels (checked, not reported to the visitor: the walks skip it). The
 * walk's state stays in locals: this runs once per tag of the hardware DTB
 * at every boot.
 */
static int dt_check_structure(struct dt_checking *c)
{
	const u8 *s = c->s;
	u32 off = 0; /* off <= size + 3 (a property may end unaligned) */
	int depth = -1;
	bool closed = false;
	bool pending = false; /* c->n is not reported yet: its properties are being read */

	while (off + 4 <= c->size) {
		u32 at = off;
		u32 tag = dt_be32(s + off);
		const char *bad = NULL;
		u32 value = tag; /* what a fault shows */

		off += 4;
		if (tag == FDT_PROP) {
			bad = dt_check_prop(c, off, depth, closed, &value);
			if (!bad && pending)
				dt_check_visit_prop(c, s + off, dt_be32(s + off), value);
			off = bad ? off : DT_ALIGN4(off + 8 + dt_be32(s + off));
		} else if (tag == FDT_BEGIN_NODE) {
			int name = dt_check_name(s + off, c->size - off);

			bad = dt_check_begin(at, name, depth, closed);
			off = bad ? off : DT_ALIGN4(off + (u32)name + 1);
			if (!bad && ++depth >= DT_MAX_DEPTH && c->out->deep < 0)
				c->out->deep = (int)at;
			if (bad || !c->v)
				goto next;
			if (pending)
				dt_check_visit_node(c);
			pending = depth < DT_MAX_DEPTH;
			if (pending) {
				c->n.off[depth] = (int)at;
				c->n.depth = depth;
				c->n.scan = (int)off;
			}
		} else if (tag == FDT_END_NODE) {
			bad = depth < 0 ? "end of node without a node" : NULL;
			if (!bad && pending)
				dt_check_visit_node(c);
			pending = false;
			closed = --depth < 0;
		} else if (tag == FDT_END && closed) {
			return 0;
		} else if (tag != FDT_NOP) {
			bad = tag == FDT_END ? "FDT_END before the root node is closed"
					     : "unknown tag";
		}
	next:
		if (bad)
			return dt_fault_tag(c, at, bad, value);
	}
	return dt_fault(c->out, "structure block ends without FDT_END",
			DT_HDR(c->n.fdt, off_dt_struct) + c->size, c->size);
}

/* A block [off, off + size) after the header and inside the blob. */
static bool dt_block_ok(u32 hdr, u32 total, u32 off, u32 size)
{
	return off >= hdr && off <= total && size <= total - off;
}

/* The blocks of a blob whose header fits (DT spec 5.1: reservation block 8-byte, structure 4-byte aligned). */
static int dt_check_blocks(const void *fdt, u32 hdr, u32 total, struct dt_checked *out)
{
	u32 rsv = DT_HDR(fdt, off_mem_rsvmap);
	u32 st = DT_HDR(fdt, off_dt_struct);
	u32 str = DT_HDR(fdt, off_dt_strings);

	if (!dt_block_ok(hdr, total, rsv, 0) || rsv % 8)
		return dt_fault(out, "memory reservation block outside the blob or misaligned",
				offsetof(struct fdt_header, off_mem_rsvmap), rsv);
	if (!dt_block_ok(hdr, total, st, dt_struct_size(fdt)) || st % 4)
		return dt_fault(out, "structure block outside the blob or misaligned",
				offsetof(struct fdt_header, off_dt_struct), st);
	if (!dt_block_ok(hdr, total, str, DT_HDR(fdt, size_dt_strings)))
		return dt_fault(out, "strings block outside the blob",
				offsetof(struct fdt_header, off_dt_strings), str);
	if (fdt_num_mem_rsv(fdt) < 0)
		return dt_fault(out, "memory reservation block not terminated inside the blob", rsv,
				0);
	return 0;
}

/*
 * The header (DT spec 5.2), as libfdt's fdt_check_header but from version
 * 16 on (names are relative paths from then): magic, versions, an 8-byte
 * aligned blob of at most max_size bytes, its blocks inside it.
 */
static int dt_check_header(const void *fdt, u64 max_size, struct dt_checked *out)
{
	u32 version;
	u32 hdr;
	u32 total;

	if (!fdt || ((uintptr_t)fdt & 7))
		return dt_fault(out, "blob not 8-byte aligned", 0, (u32)(uintptr_t)fdt & 7);
	if (max_size < sizeof(struct fdt_header))
		return dt_fault(out, "fewer bytes than a header (40)", 0, (u32)max_size);
	if (DT_HDR(fdt, magic) != FDT_MAGIC)
		return dt_fault(out, "bad magic (not 0xd00dfeed)", 0, DT_HDR(fdt, magic));
	version = DT_HDR(fdt, version);
	if (version < 16 || DT_HDR(fdt, last_comp_version) > 17 ||
	    version < DT_HDR(fdt, last_comp_version))
		return dt_fault(out, "version older than 16 or not compatible with 17",
				offsetof(struct fdt_header, version), version);
	hdr = version >= 17 ? sizeof(struct fdt_header)
			    : offsetof(struct fdt_header, size_dt_struct);
	total = DT_HDR(fdt, totalsize);
	if (total < hdr || total > INT_MAX || total > max_size)
		return dt_fault(out,
				total > max_size ? "totalsize larger than the bytes available"
						 : "totalsize smaller than the header",
				offsetof(struct fdt_header, totalsize), total);
	return dt_check_blocks(fdt, hdr, total, out);
}

int dt_check_explain(const void *fdt, u64 max_size, const struct dt_visit *v,
		     struct dt_checked *out)
{
	struct dt_checking c = {.v = v, .out = out, .n.fdt = fdt};
	int ret;

	out->fault = NULL;
	out->offset = 0;
	out->value = 0;
	out->deep = -1;
	if (v && v->count > DT_VISIT_MAX)
		return dt_fault(out, "visitor asks for too many properties", 0, v->count);
	ret = dt_check_header(fdt, max_size, out);
	if (ret < 0)
		return ret;
	for (u32 i = 0; i < DT_VISIT_MAX; i++)
		c.nameoffs[i] = DT_NAMEOFF_NONE;
	c.s = dt_struct(fdt);
	c.strs = dt_strings(fdt);
	c.size = dt_struct_size(fdt);
	c.strs_size = DT_HDR(fdt, size_dt_strings);
	while (c.strs_size && c.strs[c.strs_size - 1] != '\0')
		c.strs_size--; /* a name starting below strs_size ends inside the block */
	return dt_check_structure(&c);
}

int dt_check_visit(const void *fdt, u64 max_size, const struct dt_visit *v)
{
	struct dt_checked out;

	return dt_check_explain(fdt, max_size, v, &out);
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
void dt_props_at(const void *fdt, int body, const char *const *names, u32 count, const void **vals,
		 int *lens, u32 *nameoffs)
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

const void *dt_prop(const void *fdt, int node, const char *prop, int *len)
{
	const void *val;
	int l;
	u32 nameoff = DT_NAMEOFF_NONE;

	dt_props_at(fdt, dt_body(fdt, node), &prop, 1, &val, &l, &nameoff);
	if (len)
		*len = l;
	return val;
}

u64 dt_read_cells(const u32 *cells, u32 ncells)
{
	u64 val = 0;

	for (u32 i = 0; i < ncells; i++)
		val = (val << 32) | dt_be32(&cells[i]);
	return val;
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
	*out = dt_read_cells(val, ncells);
	return 0;
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

int dt_mem_rsv(const void *fdt, int idx, u64 *addr, u64 *size)
{
	if (idx < 0 || idx >= fdt_num_mem_rsv(fdt) || fdt_get_mem_rsv(fdt, idx, addr, size))
		return DT_E_RANGE;
	return 0;
}
