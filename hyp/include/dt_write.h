/* SPDX-License-Identifier: Apache-2.0 */
/*
 * dt_write: editing a device tree in place (the guest DTB fix-ups), on top of
 * libfdt's read-write API, which guest_dtb.c also calls directly: these are
 * the helpers libfdt lacks. Part of the dt module. Functions return a node
 * offset or 0 on success, negative (-FDT_ERR_*) on error.
 */
#ifndef TESSERA_DT_WRITE_H
#define TESSERA_DT_WRITE_H

#include <libfdt.h>

#include "types.h"

/* Copies src (checked) into dst with room to grow to cap bytes. */
int dtw_open(const void *src, u32 srclen, void *dst, u32 cap);
/* The child of parent named name, added if missing. */
int dtw_subnode(void *fdt, int parent, const char *name);
/* Sets a string property (libfdt's fdt_setprop_string, its length computed once, as an int). */
int dtw_set_string(void *fdt, int node, const char *name, const char *s);
/* reg = <addr size> in 1 or 2 cells each: -FDT_ERR_BADNCELLS for other counts, -FDT_ERR_BADVALUE
 * for a value its cells cannot hold (never truncated). */
int dtw_set_reg(void *fdt, int node, u64 addr, u64 size, u32 ac, u32 sc);
/* The same, appended to the node's reg (a second entry). */
int dtw_append_reg(void *fdt, int node, u64 addr, u64 size, u32 ac, u32 sc);
/*
 * Moves node, with its subtree, in front of its siblings (the blob keeps its
 * size). Returns node's new offset; offsets of its former elder siblings move.
 */
int dtw_move_first(void *fdt, int node);
/*
 * /cpus (added if missing) gets exactly the nodes cpu@0 .. cpu@(n-1) with
 * device_type "cpu" and reg = i, in ascending order ahead of its other
 * children (cpu-map, caches...). Existing ones keep their properties, phandles
 * and subnodes; other cpu nodes are deleted. Returns the offset of /cpus.
 */
int dtw_cpu_nodes(void *fdt, u32 n);
/* The node's phandle in *phandle, a new one given to it if it had none; 0 or negative. */
int dtw_phandle(void *fdt, int node, u32 *phandle);
/* Full path of node into buf (truncated on error). */
void dtw_path(const void *fdt, int node, char *buf, int len);
/* Root-level nodes whose device_type is "memory". */
int dtw_del_memory_nodes(void *fdt);
/* Every node whose compatible list holds compatible. */
int dtw_del_compatible(void *fdt, const char *compatible);
/* reg entry idx of node (cells from its parent); 0 or negative. */
int dtw_reg(const void *fdt, int node, int idx, u64 *addr, u64 *size);
u32 dtw_addr_cells(const void *fdt, int node);
u32 dtw_size_cells(const void *fdt, int node);
/* Packs the blob; returns its final size. */
int dtw_finish(void *fdt);

#endif
