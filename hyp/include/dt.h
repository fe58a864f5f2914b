/* SPDX-License-Identifier: Apache-2.0 */
/*
 * dt: the one module that reads device trees. Everything else reads them
 * through these helpers (reg/ranges with #address-cells/#size-cells, scalar
 * properties, phandles, strings, compatible matching). dt_check.c holds the
 * header and structure check, dt.c the property readers, dt_tree.c the walks,
 * paths, reg translation and /chosen.
 *
 * All functions are pure: they only read the blob they are given.
 * Node arguments are libfdt node offsets, as returned by this module.
 * Functions returning int return 0 on success or a negative DT_E_* code.
 *
 * dt_check() validates a blob in one pass over its structure block; every
 * other function requires a blob that passed it and then trusts the
 * structure (an offset that is not a node's is still refused). A refused
 * blob's first failed check is named (struct dt_checked).
 *
 * Cost: a property lookup reads only its node's properties. A node's
 * ancestors (for reg translation, #address-cells, its path, its parent) take
 * a walk from the root, so dt_path and dt_locate cost a walk each; code
 * that visits many nodes walks with struct dt_node, which carries the
 * ancestors along (reg and ranges need them: dt_regs, dt_node_reg).
 */
#ifndef TESSERA_DT_H
#define TESSERA_DT_H

#include "types.h"

/*
 * The format's magic and structure tags (DT spec 5.2, 5.4.1) as the u32 a
 * header field or a tag is read as. libfdt's fdt.h spells them as int
 * constants: a u32 compared with them mixes signedness (MISRA 10.4), and its
 * magic lacks the U (7.2).
 */
#define DT_MAGIC      0xd00dfeedU
#define DT_BEGIN_NODE 0x1U
#define DT_END_NODE   0x2U
#define DT_PROP	      0x3U
#define DT_NOP	      0x4U
#define DT_END	      0x9U

#define DT_E_NOTFOUND  (-1) /* property or node missing */
#define DT_E_BADLEN    (-2) /* property length not a multiple of its cells */
#define DT_E_RANGE     (-3) /* index past the end / value does not fit */
#define DT_E_TRANSLATE (-4) /* address not covered by a parent's ranges */
#define DT_E_BADBLOB   (-5) /* header or structure invalid */

#define DT_PATH_MAX  128
/*
 * Node levels the walks follow, the root included (level 0): a struct
 * dt_node carries that many ancestors. dt_check accepts deeper nodes (and
 * says where the first one is); every walk and lookup skips them.
 */
#define DT_MAX_DEPTH 16
#define DT_VISIT_MAX 4U /* properties dt_check_visit reads per node */

/* A node with its ancestors: reg, ranges and the path need no search. */
struct dt_node {
	const void *fdt;
	int depth;	       /* 0: the root */
	int scan;	       /* where a walk goes on: just past this node's name */
	int off[DT_MAX_DEPTH]; /* off[0] = the root (0) ... off[depth] = this node */
};

#define DT_OFF(n) ((n)->off[(n)->depth])

/*
 * Checks the header (as libfdt, from version 16 on: an 8-byte aligned blob
 * that fits in max_size bytes, blocks inside it) and the structure block:
 * tags, balanced nesting, node names, property bounds and names. Linear in
 * the size of the structure block, not of the blob. 0 or DT_E_BADBLOB.
 */
int dt_check(const void *fdt, u64 max_size);

/* What dt_check_explain found. */
struct dt_checked {
	const char *fault; /* NULL if the blob is valid; else the check it failed */
	u32 offset;	   /* where: bytes from the start of the blob */
	u32 value;	   /* the value found there */
	int deep; /* first node deeper than DT_MAX_DEPTH levels (its offset; walks skip it), or -1 */
};

/* What dt_check_visit reports of each node. */
struct dt_visit {
	const char *const *names; /* properties read for every node */
	u32 count;		  /* of names, at most DT_VISIT_MAX */
	void (*node)(void *ctx, const struct dt_node *n, const void *const *vals, const int *lens);
	void *ctx;
};

/*
 * dt_check, reporting every node to v->node (depth first, parents first) in
 * the same pass, once the node's name and properties are checked, with the
 * values of the properties v->names (NULL and 0 if absent). The callback may
 * read the node and its ancestors, not what follows them (not checked yet);
 * what it finds counts only if dt_check_visit then returns 0. Nodes deeper
 * than DT_MAX_DEPTH levels are not reported.
 */
int dt_check_visit(const void *fdt, u64 max_size, const struct dt_visit *v);
/* dt_check_visit (v may be NULL) that fills *out: the failed check, nodes too deep. */
int dt_check_explain(const void *fdt, u64 max_size, const struct dt_visit *v,
		     struct dt_checked *out);

/* --------------------------------------------------------------- properties */

/* Reads a big-endian number of ncells (1 or 2) cells. */
u64 dt_read_cells(const u32 *cells, u32 ncells);

int dt_u32(const void *fdt, int node, const char *prop, u32 *out);
/* Accepts a 1-cell or 2-cell property. */
int dt_u64(const void *fdt, int node, const char *prop, u64 *out);
/* Reads a value of exactly ncells cells. */
int dt_cells(const void *fdt, int node, const char *prop, u32 ncells, u64 *out);
/* Null-terminated string property, or NULL. */
const char *dt_string(const void *fdt, int node, const char *prop);
/* Array of u32; *count in: capacity, out: number read. DT_E_RANGE if truncated. */
int dt_u32_array(const void *fdt, int node, const char *prop, u32 *out, u32 *count);
/* Value of property prop (raw bytes), its length in *len unless len is NULL; NULL if absent. */
const void *dt_prop(const void *fdt, int node, const char *prop, int *len);
/* A property value as a string: NULL unless NUL-terminated inside len. */
const char *dt_prop_string(const void *val, int len);

/* The node's own phandle, or 0 if it has none. */
u32 dt_phandle(const void *fdt, int node);
/* True if any string of the node's compatible equals compat. */
bool dt_is_compatible(const void *fdt, int node, const char *compat);

/* A string and its length, for matching lists: DT_STR("ns16550a"). */
struct dt_str {
	const char *str;
	size_t len;
};
#define DT_STR(s)                   \
	{                           \
		(s), sizeof(s) - 1U \
	}
/* Bit i set if the string list (e.g. a compatible value) has strs[i] (n <= 32). */
u32 dt_strlist_mask(const void *list, int len, const struct dt_str *strs, u32 n);
/* True if status is absent, "okay" or "ok". */
bool dt_is_enabled(const void *fdt, int node);

/* --------------------------------------------------------- nodes by offset */

bool dt_name_eq_slow(const char *name, const char *base);
/*
 * True if a node name is base, or base@unit when base has no unit (libfdt's
 * rule). Inline up to the first character: walks that test every node's name
 * call out (strlen, compare) only for names that may match.
 */
static inline __attribute__((always_inline)) bool dt_name_is(const char *name, const char *base)
{
	return name[0] == base[0] && dt_name_eq_slow(name, base);
}
/* Node a phandle refers to, or negative. */
int dt_phandle_node(const void *fdt, u32 phandle);

/* Full path of a node into buf (one walk from the root); returns 0 or negative. */
int dt_path(const void *fdt, int node, char *buf, int len);
/* Entry idx of the memory reservation block (/memreserve/), read by libfdt; DT_E_RANGE past the last. */
int dt_mem_rsv(const void *fdt, int idx, u64 *addr, u64 *size);

/* -------------------------------------------------- nodes with their ancestors */

/* n = the root. */
void dt_root(const void *fdt, struct dt_node *n);
/* Moves n to the next node in depth-first order; false after the last. */
bool dt_walk_next(struct dt_node *n);
/* Children: for (ok = dt_child_first(p, &c); ok; ok = dt_child_next(&c)) */
bool dt_child_first(const struct dt_node *parent, struct dt_node *child);
bool dt_child_next(struct dt_node *child);
/*
 * The first node below n nested deeper than DT_MAX_DEPTH levels: its offset,
 * and in *parent its parent (the deepest node the walks reach on that
 * branch); DT_E_NOTFOUND if there is none. One walk of n's subtree.
 */
int dt_deep_below(const struct dt_node *n, struct dt_node *parent);
/* Interrupt parent of n (DT spec 2.4.1): the nearest interrupt-parent up the tree; or negative. */
int dt_irq_parent(const struct dt_node *n);
/* Its phandle (no walk: n's ancestors only), or 0 if none. */
u32 dt_irq_parent_phandle(const struct dt_node *n);
/* The node at offset node (one walk from the root); 0 or DT_E_NOTFOUND. */
int dt_locate(const void *fdt, int node, struct dt_node *n);
/* The node at path (aliases resolved), with the ancestors; returns its offset or negative. */
int dt_lookup(const void *fdt, const char *path, struct dt_node *n);
/* /chosen/stdout-path resolved to a node (options after ':' ignored), with the
 * ancestors; chosen: the /chosen node (negative: none). Returns the offset or negative. */
int dt_stdout(const void *fdt, int chosen, struct dt_node *n);

const char *dt_node_name(const struct dt_node *n);
/* Full path of n into buf; returns 0 or DT_E_RANGE (buf then ""). */
int dt_node_path(const struct dt_node *n, char *buf, int len);

/* A node's reg, read once for several entries. */
struct dt_regs {
	const struct dt_node *n;
	const u32 *cells;
	u32 ac; /* the parent's #address-cells and #size-cells */
	u32 sc;
	int count;
};

/* Reads n's reg (the parent's cell counts): the number of entries or negative. */
int dt_regs(const struct dt_node *n, struct dt_regs *r);
/* Entry idx of r; translated through the ancestors' ranges if translate. */
int dt_regs_get(const struct dt_regs *r, int idx, bool translate, u64 *addr, u64 *size);
/* dt_regs and dt_regs_get for one entry. */
int dt_node_reg(const struct dt_node *n, int idx, bool translate, u64 *addr, u64 *size);

/* ------------------------------------------- internal to dt.c and dt_tree.c */

#ifdef DT_INTERNAL
/*
 * Blob access shared by the three parts of the module (dt_check.c: header and
 * structure check; dt.c: properties; dt_tree.c: walks, paths, reg
 * translation, /chosen). Only those files define DT_INTERNAL: everything
 * else reads device trees through the functions above.
 */
#include <string.h>

#include <libfdt_env.h>
#include <fdt.h>

#define DT_MAX_CELLS	   2U /* cells per number this module accepts */
#define DT_NAMEOFF_NONE	   0xffffffffU
#define DT_ALIGN4(x)	   (((x) + 3U) & ~3U)
#define DT_HDR(fdt, field) dt_be32((const u8 *)(fdt) + offsetof(struct fdt_header, field))

/* For the few helpers run per tag: -Os would call them. */
#define DT_HOT static inline __attribute__((always_inline))

/* A word of the blob, which other types alias (its bytes are read as u8 too). */
typedef u32 __attribute__((may_alias)) dt_word_t;

/*
 * The 4 bytes at p, 4-byte aligned (tags, names, property headers in a blob
 * that passed dt_check), as one load. From a void pointer, not a cast from
 * another object type (MISRA 11.3).
 */
DT_HOT u32 dt_word(const void *p)
{
	const dt_word_t *w = p;

	return *w;
}

DT_HOT u32 dt_be32(const void *p)
{
	return fdt32_to_cpu(dt_word(p));
}

DT_HOT const u8 *dt_struct(const void *fdt)
{
	return (const u8 *)fdt + DT_HDR(fdt, off_dt_struct);
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

/* Offset of the tag after the property whose PROP tag is at prop. */
DT_HOT int dt_after_prop(const u8 *s, int prop)
{
	u32 len = DT_ALIGN4(dt_be32(s + prop + 4));

	return prop + 12 + (int)len;
}

/* Offset of the tag after a node's BEGIN_NODE tag and (aligned) name. */
DT_HOT int dt_after_name(const u8 *s, int node)
{
	int off = node + 4;

	while (!dt_zeros(dt_word(s + off))) {
		off += 4;
	}
	return off + 4;
}

DT_HOT u32 dt_struct_size(const void *fdt)
{
	/* size_dt_struct only exists from version 17 on (DT spec 5.2) */
	if (DT_HDR(fdt, version) >= 17U) {
		return DT_HDR(fdt, size_dt_struct);
	}
	return DT_HDR(fdt, totalsize) - DT_HDR(fdt, off_dt_struct);
}

DT_HOT const char *dt_strings(const void *fdt)
{
	return (const char *)fdt + DT_HDR(fdt, off_dt_strings);
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
		    (off != nameoffs[i] && (name[0] != names[i][0] || strcmp(name, names[i])))) {
			continue;
		}
		nameoffs[i] = off;
		return (int)i;
	}
	return -1;
}

/* Offset past the name of node, or -1 if node is not a BEGIN_NODE tag. */
int dt_body(const void *fdt, int node);

/*
 * The first properties named names[0..count) of the node whose name ends at
 * body (negative: no node), in one pass: vals[i] and lens[i], NULL and 0 if
 * absent. nameoffs[i]: where names[i] was found before (same offset, same
 * name: no compare), DT_NAMEOFF_NONE if not yet.
 */
void dt_props_at(const void *fdt, int body, const char *const *names, u32 count, const void **vals,
		 int *lens, u32 *nameoffs);
#endif /* DT_INTERNAL */

#endif
