// SPDX-License-Identifier: Apache-2.0
/* Device-tree editing on libfdt's read-write API (Devicetree Specification v0.4, ch. 5). */
#include <stdio.h>
#include <string.h>

#include "dt.h"
#include "dt_write.h"

/* The source may sit 4-byte aligned inside another blob: copy first, then open in place. */
int dtw_open(const void *src, u32 srclen, void *dst, u32 cap)
{
	u32 total;
	int ret;

	if (srclen > cap)
		return -FDT_ERR_NOSPACE;
	memmove(dst, src, srclen);
	ret = fdt_check_header(dst);
	if (ret)
		return ret;
	total = fdt_totalsize(dst);
	if (total > srclen)
		return -FDT_ERR_TRUNCATED;
	/* libfdt edits blobs whose structure dt_check refuses (found by tests/fuzz) */
	if (dt_check(dst, srclen) < 0)
		return -FDT_ERR_BADSTRUCTURE;
	/* libfdt reorders misordered blocks at dst + totalsize: keep that aligned */
	if (ALIGN_UP(total, 8) > cap)
		return -FDT_ERR_NOSPACE;
	memset((u8 *)dst + total, 0, ALIGN_UP(total, 8) - total);
	fdt_set_totalsize(dst, (u32)ALIGN_UP(total, 8));
	return fdt_open_into(dst, dst, (int)cap);
}

int dtw_subnode(void *fdt, int parent, const char *name)
{
	int node = fdt_subnode_offset(fdt, parent, name);

	return node == -FDT_ERR_NOTFOUND ? fdt_add_subnode(fdt, parent, name) : node;
}

int dtw_del_memory_nodes(void *fdt)
{
	int node = fdt_node_offset_by_prop_value(fdt, -1, "device_type", "memory", 7);

	while (node >= 0) {
		int ret = fdt_del_node(fdt, node);

		if (ret)
			return ret;
		node = fdt_node_offset_by_prop_value(fdt, -1, "device_type", "memory", 7);
	}
	return 0;
}

u32 dtw_addr_cells(const void *fdt, int node)
{
	int n = fdt_address_cells(fdt, node);

	return n < 0 ? 2 : (u32)n;
}

u32 dtw_size_cells(const void *fdt, int node)
{
	int n = fdt_size_cells(fdt, node);

	return n < 0 ? 1 : (u32)n;
}

int dtw_reg(const void *fdt, int node, int idx, u64 *addr, u64 *size)
{
	int parent = fdt_parent_offset(fdt, node), len;
	const fdt32_t *reg = fdt_getprop(fdt, node, "reg", &len);
	u32 ac, sc, entry;

	if (parent < 0 || !reg)
		return -FDT_ERR_NOTFOUND;
	ac = dtw_addr_cells(fdt, parent);
	sc = dtw_size_cells(fdt, parent);
	entry = ac + sc;
	if (ac > 2 || sc > 2 || !entry || (u32)len < (u32)(idx + 1) * entry * 4)
		return -FDT_ERR_BADNCELLS;
	*addr = dt_read_cells(reg + idx * entry, ac);
	*size = dt_read_cells(reg + idx * entry + ac, sc);
	return 0;
}

int dtw_finish(void *fdt)
{
	int ret = fdt_pack(fdt);

	return ret ? ret : (int)fdt_totalsize(fdt);
}

int dtw_set_reg(void *fdt, int node, u64 addr, u64 size, u32 ac, u32 sc)
{
	fdt32_t cells[4];
	u32 k = 0;

	/* a reg a guest would read back differently (DT spec 2.3.6): refused, not truncated */
	if (ac < 1 || ac > 2 || sc < 1 || sc > 2)
		return -FDT_ERR_BADNCELLS;
	if ((ac == 1 && addr >> 32) || (sc == 1 && size >> 32))
		return -FDT_ERR_BADVALUE;
	if (ac == 2)
		cells[k++] = cpu_to_fdt32((u32)(addr >> 32));
	cells[k++] = cpu_to_fdt32((u32)addr);
	if (sc == 2)
		cells[k++] = cpu_to_fdt32((u32)(size >> 32));
	cells[k++] = cpu_to_fdt32((u32)size);
	return fdt_setprop(fdt, node, "reg", cells, (int)(k * sizeof(fdt32_t)));
}

void dtw_path(const void *fdt, int node, char *buf, int len)
{
	if (fdt_get_path(fdt, node, buf, len))
		snprintf(buf, (size_t)len, "(node at offset %d)", node);
}
