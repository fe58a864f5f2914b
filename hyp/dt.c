/* SPDX-License-Identifier: Apache-2.0 */
/*
 * dt: device tree reading (Devicetree Specification v0.4), part 1: property
 * access. The header and structure check is dt_check.c, the tree (walks,
 * paths, reg translation, /chosen) dt_tree.c; the three share the blob
 * accessors at the end of dt.h.
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

/* Offset past the name of node, or -1 if node is not a BEGIN_NODE tag. */
int dt_body(const void *fdt, int node)
{
	const u8 *s = dt_struct(fdt);

	if (node < 0 || (node & 3) || (u32)node + 8U > dt_struct_size(fdt) ||
	    dt_be32(s + node) != DT_BEGIN_NODE) {
		return -1;
	}
	return dt_after_name(s, node);
}

/* ----------------------------------------------------------- properties */

/* The property tag at or after off (NOPs skipped), or -1 past the last one. */
DT_HOT int dt_prop_tag(const u8 *s, int off)
{
	u32 tag;

	while ((tag = dt_be32(s + off)) == DT_NOP) {
		off += 4;
	}
	return tag == DT_PROP ? off : -1;
}

DT_HOT int dt_prop_next(const u8 *s, int prop)
{
	return dt_prop_tag(s, dt_after_prop(s, prop));
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
	if (len != NULL) {
		*len = l;
	}
	return val;
}

u64 dt_read_cells(const u32 *cells, u32 ncells)
{
	u64 val = 0;

	for (u32 i = 0; i < ncells; i++) {
		val = (val << 32) | dt_be32(&cells[i]);
	}
	return val;
}

int dt_u32(const void *fdt, int node, const char *prop, u32 *out)
{
	u64 val;
	int ret = dt_cells(fdt, node, prop, 1, &val);

	if (ret == 0) {
		*out = (u32)val;
	}
	return ret;
}

int dt_u64(const void *fdt, int node, const char *prop, u64 *out)
{
	int len;
	const u32 *val = dt_prop(fdt, node, prop, &len);

	if (!val) {
		return DT_E_NOTFOUND;
	}
	if (len != 4 && len != 8) {
		return DT_E_BADLEN;
	}
	*out = dt_read_cells(val, (u32)len / 4U);
	return 0;
}

int dt_cells(const void *fdt, int node, const char *prop, u32 ncells, u64 *out)
{
	int len;
	const u32 *val;

	if (ncells == 0U || ncells > DT_MAX_CELLS) {
		return DT_E_RANGE;
	}
	val = dt_prop(fdt, node, prop, &len);
	if (!val) {
		return DT_E_NOTFOUND;
	}
	if ((u32)len != ncells * 4U) {
		return DT_E_BADLEN;
	}
	*out = dt_read_cells(val, ncells);
	return 0;
}

/* strnlen, a word at a time once s is aligned (property values start aligned). */
static size_t dt_strnlen(const char *s, size_t max)
{
	size_t i = 0;

	for (; i < max && ((uintptr_t)(s + i) & 3U); i++) {
		if (!s[i]) {
			return i;
		}
	}
	for (; i + 4U <= max; i += 4U) {
		u32 nul = dt_zeros(dt_word(s + i));

		if (nul != 0U) {
			return i + (size_t)__builtin_ctz(nul) / 8U;
		}
	}
	for (; i < max && s[i]; i++) {
		;
	}
	return i;
}

const char *dt_prop_string(const void *val, int len)
{
	if (!val || len <= 0 || dt_strnlen(val, (size_t)len) >= (size_t)len) {
		return NULL;
	}
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
	if (!val) {
		return DT_E_NOTFOUND;
	}
	if ((len % 4) != 0) {
		return DT_E_BADLEN;
	}
	n = (u32)len / 4U;
	for (u32 i = 0; i < n && i < cap; i++) {
		out[i] = dt_be32(&val[i]);
	}
	*count = MIN(n, cap);
	return n > cap ? DT_E_RANGE : 0;
}

u32 dt_strlist_mask(const void *list, int len, const struct dt_str *strs, u32 n)
{
	const char *all = list;
	size_t size = all && len > 0 ? (size_t)len : 0U;
	u32 mask = 0;
	size_t at = 0;

	while (at < size) {
		const char *s = all + at;
		size_t l = dt_strnlen(s, size - at);

		if (l == size - at) {
			break; /* not terminated: ignored, as by libfdt */
		}
		for (u32 i = 0; i < n; i++) { /* s ends at l: equal lengths, then strcmp */
			if (strs[i].len == l && s[0] == strs[i].str[0] && !strcmp(s, strs[i].str)) {
				mask |= 1U << i;
			}
		}
		at += l + 1U;
	}
	return mask;
}

bool dt_is_compatible(const void *fdt, int node, const char *compat)
{
	int len;
	const void *list = dt_prop(fdt, node, "compatible", &len);
	struct dt_str str = {compat, strlen(compat)};

	return dt_strlist_mask(list, len, &str, 1) != 0U;
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
	    dt_cells(fdt, node, "linux,phandle", 1, &val) == 0) {
		return (u32)val;
	}
	return 0;
}

int dt_mem_rsv(const void *fdt, int idx, u64 *addr, u64 *size)
{
	if (idx < 0 || idx >= fdt_num_mem_rsv(fdt) || fdt_get_mem_rsv(fdt, idx, addr, size)) {
		return DT_E_RANGE;
	}
	return 0;
}
