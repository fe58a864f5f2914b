// SPDX-License-Identifier: Apache-2.0
/* Device-tree editing on libfdt's read-write API (Devicetree Specification v0.4, ch. 5). */
#include <stdio.h>
#include <string.h>

#include "dt.h"
#include "dt_write.h"

#define CELL_BYTES 4 /* a cell (fdt32_t), the unit of a property's length here */

/* The source may sit 4-byte aligned inside another blob: copy first, then open in place. */
int dtw_open(const void *src, u32 srclen, void *dst, u32 cap)
{
	u32 total;
	int ret;

	if (srclen > cap) {
		return -FDT_ERR_NOSPACE;
	}
	(void)memmove(dst, src, srclen);
	ret = fdt_check_header(dst);
	if (ret != 0) {
		return ret;
	}
	total = fdt_totalsize(dst);
	if (total > srclen) {
		return -FDT_ERR_TRUNCATED;
	}
	/* libfdt edits blobs whose structure dt_check refuses (found by tests/fuzz) */
	if (dt_check(dst, srclen) < 0) {
		return -FDT_ERR_BADSTRUCTURE;
	}
	/* libfdt reorders misordered blocks at dst + totalsize: keep that aligned */
	if (ALIGN_UP(total, 8U) > cap) {
		return -FDT_ERR_NOSPACE;
	}
	memset((u8 *)dst + total, 0, ALIGN_UP(total, 8U) - total);
	fdt_set_totalsize(dst, (u32)ALIGN_UP(total, 8U));
	return fdt_open_into(dst, dst, (int)cap);
}

int dtw_subnode(void *fdt, int parent, const char *name)
{
	int node = fdt_subnode_offset(fdt, parent, name);

	return node == -FDT_ERR_NOTFOUND ? fdt_add_subnode(fdt, parent, name) : node;
}

int dtw_set_string(void *fdt, int node, const char *name, const char *s)
{
	return fdt_setprop(fdt, node, name, s, (int)strlen(s) + 1);
}

int dtw_del_memory_nodes(void *fdt)
{
	int node = fdt_node_offset_by_prop_value(fdt, -1, "device_type", "memory", 7);

	while (node >= 0) {
		int ret = fdt_del_node(fdt, node);

		if (ret != 0) {
			return ret;
		}
		node = fdt_node_offset_by_prop_value(fdt, -1, "device_type", "memory", 7);
	}
	return 0;
}

int dtw_del_compatible(void *fdt, const char *compatible)
{
	int node = fdt_node_offset_by_compatible(fdt, -1, compatible);

	while (node >= 0) {
		int ret = fdt_del_node(fdt, node);

		if (ret != 0) {
			return ret;
		}
		node = fdt_node_offset_by_compatible(fdt, -1, compatible);
	}
	return node == -FDT_ERR_NOTFOUND ? 0 : node;
}

u32 dtw_addr_cells(const void *fdt, int node)
{
	int n = fdt_address_cells(fdt, node);

	return n < 0 ? 2U : (u32)n;
}

u32 dtw_size_cells(const void *fdt, int node)
{
	int n = fdt_size_cells(fdt, node);

	return n < 0 ? 1U : (u32)n;
}

int dtw_reg(const void *fdt, int node, int idx, u64 *addr, u64 *size)
{
	int parent = fdt_parent_offset(fdt, node), len;
	const fdt32_t *reg = fdt_getprop(fdt, node, "reg", &len);
	u32 ac, sc, entry;

	if (parent < 0 || !reg) {
		return -FDT_ERR_NOTFOUND;
	}
	ac = dtw_addr_cells(fdt, parent);
	sc = dtw_size_cells(fdt, parent);
	entry = ac + sc;
	if (ac > 2U || sc > 2U || !entry || idx < 0 || (u32)len < ((u32)idx + 1U) * entry * 4U) {
		return -FDT_ERR_BADNCELLS;
	}
	reg += (u32)idx * entry;
	*addr = dt_read_cells(reg, ac);
	*size = dt_read_cells(reg + ac, sc);
	return 0;
}

int dtw_finish(void *fdt)
{
	int ret = fdt_pack(fdt);

	return ret ? ret : (int)fdt_totalsize(fdt);
}

/* reg-style cells of <addr size> into cells[4]; their count, or a negative error. */
static int reg_cells(fdt32_t cells[4], u64 addr, u64 size, u32 ac, u32 sc)
{
	int k = 0;

	/* a reg a guest would read back differently (DT spec 2.3.6): refused, not truncated */
	if (ac < 1U || ac > 2U || sc < 1U || sc > 2U) {
		return -FDT_ERR_BADNCELLS;
	}
	if ((ac == 1U && addr >> 32) || (sc == 1U && size >> 32)) {
		return -FDT_ERR_BADVALUE;
	}
	if (ac == 2U) {
		cells[k++] = cpu_to_fdt32((u32)(addr >> 32));
	}
	cells[k++] = cpu_to_fdt32((u32)addr);
	if (sc == 2U) {
		cells[k++] = cpu_to_fdt32((u32)(size >> 32));
	}
	cells[k++] = cpu_to_fdt32((u32)size);
	return k;
}

int dtw_set_reg(void *fdt, int node, u64 addr, u64 size, u32 ac, u32 sc)
{
	fdt32_t cells[4];
	int k = reg_cells(cells, addr, size, ac, sc);

	return k < 0 ? k : fdt_setprop(fdt, node, "reg", cells, k * CELL_BYTES);
}

int dtw_append_reg(void *fdt, int node, u64 addr, u64 size, u32 ac, u32 sc)
{
	fdt32_t cells[4];
	int k = reg_cells(cells, addr, size, ac, sc);

	return k < 0 ? k : fdt_appendprop(fdt, node, "reg", cells, k * CELL_BYTES);
}

/* Offset just past node's FDT_END_NODE: the end of its whole subtree (DT spec 5.4). */
static int node_end(const void *fdt, int node)
{
	int depth = 0, next = node;

	do {
		u32 tag = fdt_next_tag(fdt, next, &next);

		if (next < 0 || tag == DT_END) {
			return next < 0 ? next : -FDT_ERR_BADSTRUCTURE;
		}
		depth += tag == DT_BEGIN_NODE ? 1 : tag == DT_END_NODE ? -1 : 0;
	} while (depth > 0);
	return next;
}

static void reverse_bytes(u8 *p, u32 n)
{
	for (u32 i = 0; i < n / 2U; i++) {
		u8 t = p[i];

		p[i] = p[n - 1U - i];
		p[n - 1U - i] = t;
	}
}

/*
 * The siblings before node and node's own subtree are adjacent runs of the
 * structure block: swapping the two runs (three reversals) moves node in
 * front without changing the blob's size or any other node's content.
 */
int dtw_move_first(void *fdt, int node)
{
	int parent = fdt_parent_offset(fdt, node);
	int first = parent < 0 ? parent : fdt_first_subnode(fdt, parent);
	int end = first < 0 ? first : node_end(fdt, node);
	u8 *p;
	u32 before, all;

	if (end < 0) {
		return end;
	}
	if (first == node) {
		return node;
	}
	p = fdt_offset_ptr_w(fdt, first, end - first);
	if (!p) {
		return -FDT_ERR_BADOFFSET;
	}
	before = (u32)node - (u32)first; /* first <= node < end */
	all = (u32)end - (u32)first;
	reverse_bytes(p, before);
	reverse_bytes(p + before, all - before);
	reverse_bytes(p, all);
	return first;
}

/* A cpu node (DT spec 3.7): named cpu@<reg>, or of device_type "cpu". */
static bool is_cpu_node(const void *fdt, int node)
{
	const char *name = fdt_get_name(fdt, node, NULL);
	const char *type = fdt_getprop(fdt, node, "device_type", NULL);

	return (name && !strncmp(name, "cpu@", 4)) || (type && !strcmp(type, "cpu"));
}

static bool is_wanted_cpu(const void *fdt, int node, u32 n)
{
	const char *name = fdt_get_name(fdt, node, NULL);
	char want[16];

	for (u32 i = 0; name && i < n; i++) {
		(void)snprintf(want, sizeof(want), "cpu@%x", i);
		if (!strcmp(name, want)) {
			return true;
		}
	}
	return false;
}

/* Deletes every cpu node of /cpus but cpu@0 .. cpu@(n-1). */
static int del_other_cpus(void *fdt, int cpus, u32 n)
{
	int node = fdt_first_subnode(fdt, cpus);

	while (node >= 0) {
		if (is_cpu_node(fdt, node) && !is_wanted_cpu(fdt, node, n)) {
			int ret = fdt_del_node(fdt, node);

			if (ret != 0) {
				return ret;
			}
			node = fdt_first_subnode(fdt, cpus); /* offsets moved: start over */
			continue;
		}
		node = fdt_next_subnode(fdt, node);
	}
	return node == -FDT_ERR_NOTFOUND ? 0 : node;
}

/* cpu@i exists (kept as it was, or added), is /cpus' first child, has device_type and reg. */
static int put_cpu_first(void *fdt, int cpus, u32 i)
{
	char name[16];
	int node, ret;

	(void)snprintf(name, sizeof(name), "cpu@%x", i);
	node = dtw_subnode(fdt, cpus, name);
	node = node < 0 ? node : dtw_move_first(fdt, node);
	ret = node < 0 ? node : dtw_set_string(fdt, node, "device_type", "cpu");
	return ret < 0 ? ret : fdt_setprop_u32(fdt, node, "reg", i);
}

int dtw_cpu_nodes(void *fdt, u32 n)
{
	int cpus = dtw_subnode(fdt, 0, "cpus"); /* edits below it leave its offset */
	int ret = cpus < 0 ? cpus : del_other_cpus(fdt, cpus, n);

	/* from the last: each goes in front, so they end up in ascending order */
	for (u32 i = n; i-- > 0 && ret >= 0;) {
		ret = put_cpu_first(fdt, cpus, i);
	}
	ret = ret < 0 ? ret : fdt_setprop_u32(fdt, cpus, "#address-cells", 1);
	ret = ret < 0 ? ret : fdt_setprop_u32(fdt, cpus, "#size-cells", 0);
	return ret < 0 ? ret : cpus;
}

int dtw_phandle(void *fdt, int node, u32 *phandle)
{
	int ret = 0;

	*phandle = fdt_get_phandle(fdt, node);
	if (*phandle == 0U) {
		ret = fdt_generate_phandle(fdt, phandle);
		ret = ret < 0 ? ret : fdt_setprop_u32(fdt, node, "phandle", *phandle);
	}
	return ret < 0 ? ret : 0;
}

void dtw_path(const void *fdt, int node, char *buf, int len)
{
	if (fdt_get_path(fdt, node, buf, len) != 0) {
		(void)snprintf(buf, (size_t)len, "(node at offset %d)", node);
	}
}
