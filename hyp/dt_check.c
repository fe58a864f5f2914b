/* SPDX-License-Identifier: Apache-2.0 */
/*
 * dt_check: the check every blob passes before the readers trust it
 * (Devicetree Specification v0.4, 5.2 header, 5.4 structure block), in one
 * pass over the structure block, reporting each node to a visitor on the
 * way (hw_parse finds what it needs in the same pass). A refused blob's first
 * failed check is named, with the value and the byte (struct dt_checked).
 */
#include <limits.h>
#include <stddef.h>
#include <string.h>

#include <libfdt.h>

#define DT_INTERNAL
#include "dt.h"

/*
 * Length of the node name at p, or -1 if it has a '/' or its NUL is not in
 * a whole word of the room bytes (then no tag could follow it anyway).
 */
__attribute__((noinline)) static int dt_check_name(const u8 *p, u32 room)
{
	for (u32 i = 0; i + 4U <= room; i += 4U) {
		u32 w = dt_word(p + i);
		u32 nul = dt_zeros(w);
		u32 slash = dt_zeros(w ^ 0x2f2f2f2fU);

		if (nul != 0U) { /* a '/' flagged below the first NUL is a real one */
			return (slash & ((nul & -nul) - 1U)) ? -1
							     : (int)(i + __builtin_ctz(nul) / 8);
		}
		if (slash != 0U) {
			return -1;
		}
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
	if (name < 0) {
		return "node name with a '/' or without its NUL";
	}
	if (depth < 0 && (closed || off != 0U)) {
		return closed ? "node after the root node" : "root node not the first tag";
	}
	if (depth < 0 ? name != 0 : name == 0) {
		return depth < 0 ? "root node with a name" : "node without a name";
	}
	return NULL;
}

/*
 * What is wrong with a property whose length field is at off (a tag's +4),
 * or NULL; *value: the field at fault.
 */
DT_HOT const char *dt_check_prop(const struct dt_checking *c, u32 off, int depth, bool closed,
				 u32 *value)
{
	*value = DT_PROP;
	if (depth < 0) {
		return closed ? "property after the root node" : "property before the root node";
	}
	if (c->size - off < 8U) {
		return "property header runs past the structure block";
	}
	*value = dt_be32(c->s + off);
	if (*value > c->size - off - 8U) {
		return "property length runs past the structure block";
	}
	*value = dt_be32(c->s + off + 4U);
	if (*value >= c->strs_size) {
		return "property name offset outside the strings block";
	}
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
	/* MISRA misreading 10.3: false is essentially Boolean */
	bool closed = false;
	/* MISRA misreading 10.3: false is essentially Boolean */
	bool pending = false; /* c->n is not reported yet: its properties are being read */
	const bool visiting = c->v != NULL;

	while (off + 4U <= c->size) {
		u32 at = off;
		u32 tag = dt_be32(s + off);
		const char *bad = NULL;
		u32 value = tag; /* what a fault shows */

		off += 4U;
		if (tag == DT_PROP) {
			bad = dt_check_prop(c, off, depth, closed, &value);
			if (!bad && pending) {
				dt_check_visit_prop(c, s + off, dt_be32(s + off), value);
			}
			off = bad ? off : DT_ALIGN4(off + 8U + dt_be32(s + off));
		} else if (tag == DT_BEGIN_NODE) {
			int name = dt_check_name(s + off, c->size - off);

			bad = dt_check_begin(at, name, depth, closed);
			off = bad ? off : DT_ALIGN4(off + (u32)name + 1U);
			if (!bad && ++depth >= DT_MAX_DEPTH && c->out->deep < 0) {
				c->out->deep = (int)at;
			}
			if (bad || !visiting) {
				goto next;
			}
			if (pending) {
				dt_check_visit_node(c);
			}
			pending = depth < DT_MAX_DEPTH;
			if (pending) {
				c->n.off[depth] = (int)at;
				c->n.depth = depth;
				c->n.scan = (int)off;
			}
		} else if (tag == DT_END_NODE) {
			bad = depth < 0 ? "end of node without a node" : NULL;
			if (!bad && pending) {
				dt_check_visit_node(c);
			}
			/* MISRA misreading 10.3: false is essentially Boolean */
			pending = false;
			closed = --depth < 0;
		} else if (tag == DT_END) {
			if (closed) {
				return 0;
			}
			bad = "FDT_END before the root node is closed";
		} else if (tag != DT_NOP) {
			bad = "unknown tag";
		} else {
			/* a NOP: nothing to check */
		}
	next:
		if (bad != NULL) {
			return dt_fault_tag(c, at, bad, value);
		}
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

	if (!dt_block_ok(hdr, total, rsv, 0) || rsv % 8U) {
		return dt_fault(out, "memory reservation block outside the blob or misaligned",
				offsetof(struct fdt_header, off_mem_rsvmap), rsv);
	}
	if (!dt_block_ok(hdr, total, st, dt_struct_size(fdt)) || st % 4U) {
		return dt_fault(out, "structure block outside the blob or misaligned",
				offsetof(struct fdt_header, off_dt_struct), st);
	}
	if (!dt_block_ok(hdr, total, str, DT_HDR(fdt, size_dt_strings))) {
		return dt_fault(out, "strings block outside the blob",
				offsetof(struct fdt_header, off_dt_strings), str);
	}
	if (fdt_num_mem_rsv(fdt) < 0) {
		return dt_fault(out, "memory reservation block not terminated inside the blob", rsv,
				0);
	}
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

	/* MISRA deviation 11.6: the blob's alignment, as an address */
	if (!fdt || ((uintptr_t)fdt & 7U)) {
		/* MISRA deviation 11.6: the blob's alignment, as an address */
		return dt_fault(out, "blob not 8-byte aligned", 0, (u32)(uintptr_t)fdt & 7U);
	}
	if (max_size < sizeof(struct fdt_header)) {
		return dt_fault(out, "fewer bytes than a header (40)", 0, (u32)max_size);
	}
	if (DT_HDR(fdt, magic) != DT_MAGIC) {
		return dt_fault(out, "bad magic (not 0xd00dfeed)", 0, DT_HDR(fdt, magic));
	}
	version = DT_HDR(fdt, version);
	if (version < 16U || DT_HDR(fdt, last_comp_version) > 17U ||
	    version < DT_HDR(fdt, last_comp_version)) {
		return dt_fault(out, "version older than 16 or not compatible with 17",
				offsetof(struct fdt_header, version), version);
	}
	hdr = version >= 17U ? (u32)sizeof(struct fdt_header)
			     : (u32)offsetof(struct fdt_header, size_dt_struct);
	total = DT_HDR(fdt, totalsize);
	if (total < hdr || total > INT_MAX || total > max_size) {
		return dt_fault(out,
				total > max_size ? "totalsize larger than the bytes available"
						 : "totalsize smaller than the header",
				offsetof(struct fdt_header, totalsize), total);
	}
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
	if (v && v->count > DT_VISIT_MAX) {
		return dt_fault(out, "visitor asks for too many properties", 0, v->count);
	}
	ret = dt_check_header(fdt, max_size, out);
	if (ret < 0) {
		return ret;
	}
	for (u32 i = 0; i < DT_VISIT_MAX; i++) {
		c.nameoffs[i] = DT_NAMEOFF_NONE;
	}
	c.s = dt_struct(fdt);
	c.strs = dt_strings(fdt);
	c.size = dt_struct_size(fdt);
	c.strs_size = DT_HDR(fdt, size_dt_strings);
	while (c.strs_size && c.strs[c.strs_size - 1U] != '\0') {
		c.strs_size--; /* a name starting below strs_size ends inside the block */
	}
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
