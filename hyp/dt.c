/* SPDX-License-Identifier: Apache-2.0 */
/*
 * dt: device tree helpers, the only code that calls libfdt.
 * Address translation follows the Devicetree Specification v0.4, section 2.3.8
 * (ranges) and 2.3.5/2.3.6 (#address-cells/#size-cells, defaults 2 and 1).
 */
#include <libfdt.h>
#include <string.h>

#include "dt.h"

#define DT_MAX_CELLS 2 /* cells per number this module accepts */

static int dt_err(int fdt_err)
{
	if (fdt_err == -FDT_ERR_NOTFOUND)
		return DT_E_NOTFOUND;
	if (fdt_err == -FDT_ERR_NOSPACE)
		return DT_E_RANGE;
	return DT_E_BADBLOB;
}

/* After the root node only NOPs and FDT_END may follow (DT spec 5.4.1). */
static int dt_check_tail(const void *fdt, int offset)
{
	u32 tag;

	do {
		tag = fdt_next_tag(fdt, offset, &offset);
	} while (tag == FDT_NOP && offset >= 0);
	return tag == FDT_END ? 0 : DT_E_BADBLOB;
}

/*
 * Walks every node and property once so later reads can trust the structure:
 * the root is named "", other names are non-empty without '/' (fdt_get_path
 * relies on both), and every property name is inside the strings block.
 */
static int dt_check_structure(const void *fdt)
{
	int node = 0;
	int depth = 0;

	while (node >= 0) {
		int len;
		int prop;
		const char *name = fdt_get_name(fdt, node, &len);

		if (!name || (node == 0) != (len == 0) || strchr(name, '/'))
			return DT_E_BADBLOB;
		fdt_for_each_property_offset(prop, fdt, node)
		{
			if (!fdt_getprop_by_offset(fdt, prop, &name, &len) || !name)
				return DT_E_BADBLOB;
		}
		if (prop != -FDT_ERR_NOTFOUND)
			return DT_E_BADBLOB;
		node = fdt_next_node(fdt, node, &depth);
		if (depth < 0 && node >= 0)
			return dt_check_tail(fdt, node);
	}
	return DT_E_BADBLOB;
}

int dt_check(const void *fdt, u64 max_size)
{
	if (!fdt || max_size < sizeof(struct fdt_header))
		return DT_E_BADBLOB;
	if (fdt_check_header(fdt) != 0 || fdt_totalsize(fdt) > max_size)
		return DT_E_BADBLOB;
	/* DT spec 5.1: reservation block 8-byte, structure block 4-byte aligned */
	if (fdt_off_mem_rsvmap(fdt) % 8 || fdt_off_dt_struct(fdt) % 4)
		return DT_E_BADBLOB;
	if (fdt_num_mem_rsv(fdt) < 0)
		return DT_E_BADBLOB;
	return dt_check_structure(fdt);
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

	for (u32 i = 0; i < ncells; i++) {
		fdt32_t cell;

		memcpy(&cell, &cells[i], sizeof(cell)); /* blob may be unaligned */
		val = (val << 32) | fdt32_to_cpu(cell);
	}
	return val;
}

static const u32 *dt_prop(const void *fdt, int node, const char *prop, int *len)
{
	const void *val = fdt_getprop(fdt, node, prop, len);

	if (!val)
		*len = 0;
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
	int len = dt_prop_len(fdt, node, prop);

	if (len < 0)
		return DT_E_NOTFOUND;
	if (len != 4 && len != 8)
		return DT_E_BADLEN;
	return dt_cells(fdt, node, prop, (u32)len / 4, out);
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

const char *dt_string(const void *fdt, int node, const char *prop)
{
	int len;
	const char *val = (const char *)dt_prop(fdt, node, prop, &len);

	if (!val || len <= 0 || strnlen(val, (size_t)len) >= (size_t)len)
		return NULL;
	return val;
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
		out[i] = (u32)dt_read_cells(&val[i], 1);
	*count = MIN(n, cap);
	return n > cap ? DT_E_RANGE : 0;
}

const void *dt_data(const void *fdt, int node, const char *prop, u32 *len)
{
	int l;
	const void *val = dt_prop(fdt, node, prop, &l);

	*len = val ? (u32)l : 0;
	return val;
}

/* Cell counts of the bus a node sits on: its parent's #address/#size-cells. */
static int dt_bus_cells(const void *fdt, int node, int *parent, u32 *ac, u32 *sc)
{
	*parent = fdt_parent_offset(fdt, node);
	if (*parent < 0)
		return dt_err(*parent);
	*ac = dt_addr_cells(fdt, *parent);
	*sc = dt_size_cells(fdt, *parent);
	if (*ac == 0 || *ac > DT_MAX_CELLS || *sc > DT_MAX_CELLS)
		return DT_E_RANGE;
	return 0;
}

int dt_reg_count(const void *fdt, int node)
{
	int parent;
	int len;
	u32 ac;
	u32 sc;
	int ret = dt_bus_cells(fdt, node, &parent, &ac, &sc);

	if (ret < 0)
		return ret;
	if (!dt_prop(fdt, node, "reg", &len))
		return DT_E_NOTFOUND;
	if ((u32)len % ((ac + sc) * 4))
		return DT_E_BADLEN;
	return (int)((u32)len / ((ac + sc) * 4));
}

int dt_reg(const void *fdt, int node, int idx, u64 *addr, u64 *size)
{
	int parent;
	u32 ac;
	u32 sc;
	int len;
	const u32 *reg;
	int count = dt_reg_count(fdt, node);

	if (count < 0)
		return count;
	if (idx < 0 || idx >= count)
		return DT_E_RANGE;
	dt_bus_cells(fdt, node, &parent, &ac, &sc);
	reg = dt_prop(fdt, node, "reg", &len) + (u32)idx * (ac + sc);
	*addr = dt_read_cells(reg, ac);
	*size = sc ? dt_read_cells(reg + ac, sc) : 0;
	return 0;
}

/*
 * Translates [*addr, *addr+size) from the child address space of bus to the
 * address space of bus's parent through bus's ranges (DT spec 2.3.8).
 */
static int dt_translate_one(const void *fdt, int bus, u64 *addr, u64 size)
{
	int len;
	int parent;
	u32 pac;
	u32 unused;
	u32 cac = dt_addr_cells(fdt, bus);
	u32 csc = dt_size_cells(fdt, bus);
	const u32 *r = dt_prop(fdt, bus, "ranges", &len);

	if (!r)
		return DT_E_TRANSLATE;
	if (len == 0)
		return 0; /* empty ranges: identity mapping */
	if (dt_bus_cells(fdt, bus, &parent, &pac, &unused) < 0 || cac == 0 ||
	    cac > DT_MAX_CELLS || csc == 0 || csc > DT_MAX_CELLS)
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

int dt_reg_translated(const void *fdt, int node, int idx, u64 *addr, u64 *size)
{
	int ret = dt_reg(fdt, node, idx, addr, size);
	int bus = fdt_parent_offset(fdt, node);

	while (ret == 0 && bus > 0) {
		ret = dt_translate_one(fdt, bus, addr, *size);
		bus = fdt_parent_offset(fdt, bus);
	}
	if (ret == 0 && bus < 0)
		ret = dt_err(bus);
	return ret;
}

int dt_phandle_node(const void *fdt, u32 phandle)
{
	int node;

	if (phandle == 0 || phandle == (u32)-1)
		return DT_E_NOTFOUND;
	node = fdt_node_offset_by_phandle(fdt, phandle);
	return node < 0 ? dt_err(node) : node;
}

u32 dt_phandle(const void *fdt, int node)
{
	return fdt_get_phandle(fdt, node);
}

int dt_path(const void *fdt, int node, char *buf, int len)
{
	int ret = fdt_get_path(fdt, node, buf, len);

	if (ret < 0 && len > 0)
		buf[0] = '\0';
	return ret < 0 ? dt_err(ret) : 0;
}

int dt_node_by_path(const void *fdt, const char *path)
{
	int node = fdt_path_offset(fdt, path);

	return node < 0 ? dt_err(node) : node;
}

bool dt_is_compatible(const void *fdt, int node, const char *compat)
{
	int len;
	const void *list = dt_prop(fdt, node, "compatible", &len);

	return list && fdt_stringlist_contains(list, len, compat);
}

bool dt_is_enabled(const void *fdt, int node)
{
	const char *status = dt_string(fdt, node, "status");

	if (!dt_bool(fdt, node, "status"))
		return true;
	return status && (!strcmp(status, "okay") || !strcmp(status, "ok"));
}

int dt_first_child(const void *fdt, int node)
{
	int child = fdt_first_subnode(fdt, node);

	return child < 0 ? dt_err(child) : child;
}

int dt_next_child(const void *fdt, int node)
{
	int next = fdt_next_subnode(fdt, node);

	return next < 0 ? dt_err(next) : next;
}

int dt_next_node(const void *fdt, int node)
{
	int next = fdt_next_node(fdt, node, NULL);

	return next < 0 ? dt_err(next) : next;
}

int dt_parent(const void *fdt, int node)
{
	int parent = fdt_parent_offset(fdt, node);

	return parent < 0 ? dt_err(parent) : parent;
}

int dt_find_compatible(const void *fdt, int after, const char *compat)
{
	int node = fdt_node_offset_by_compatible(fdt, after, compat);

	return node < 0 ? dt_err(node) : node;
}

const char *dt_name(const void *fdt, int node)
{
	const char *name = fdt_get_name(fdt, node, NULL);

	return name ? name : "";
}

int dt_stdout_node(const void *fdt)
{
	int chosen = fdt_path_offset(fdt, "/chosen");
	const char *path;
	const char *colon;
	int node;

	if (chosen < 0)
		return DT_E_NOTFOUND;
	path = dt_string(fdt, chosen, "stdout-path");
	if (!path)
		path = dt_string(fdt, chosen, "linux,stdout-path");
	if (!path)
		return DT_E_NOTFOUND;
	colon = strchr(path, ':');
	node = fdt_path_offset_namelen(fdt, path,
				       colon ? (int)(colon - path) : (int)strlen(path));
	return node < 0 ? dt_err(node) : node;
}

int dt_initrd(const void *fdt, u64 *start, u64 *end)
{
	int chosen = fdt_path_offset(fdt, "/chosen");
	int ret;

	if (chosen < 0)
		return DT_E_NOTFOUND;
	ret = dt_u64(fdt, chosen, "linux,initrd-start", start);
	if (ret == 0)
		ret = dt_u64(fdt, chosen, "linux,initrd-end", end);
	return ret;
}

int dt_mem_rsv_count(const void *fdt)
{
	int n = fdt_num_mem_rsv(fdt);

	return n < 0 ? DT_E_BADBLOB : n;
}

int dt_mem_rsv(const void *fdt, int idx, u64 *addr, u64 *size)
{
	uint64_t a;
	uint64_t s;

	if (idx < 0 || idx >= dt_mem_rsv_count(fdt))
		return DT_E_RANGE;
	if (fdt_get_mem_rsv(fdt, idx, &a, &s) < 0)
		return DT_E_BADBLOB;
	*addr = a;
	*size = s;
	return 0;
}
