/* SPDX-License-Identifier: Apache-2.0 */
/*
 * dt_write: editing a device tree in place (the guest DTB fix-ups), on top of
 * libfdt's read-write API. Part of the dt module: the only code that calls
 * libfdt. Functions return a node offset or 0 on success, negative on error.
 */
#ifndef TESSERA_DT_WRITE_H
#define TESSERA_DT_WRITE_H

#include "types.h"

/* Copies src (checked) into dst with room to grow to cap bytes. */
int dtw_open(const void *src, u32 srclen, void *dst, u32 cap);
/* Node at path; with create, missing components are added. */
int dtw_node(void *fdt, const char *path, bool create);
int dtw_set(void *fdt, int node, const char *prop, const void *val, u32 len);
int dtw_set_u32(void *fdt, int node, const char *prop, u32 v);
int dtw_set_str(void *fdt, int node, const char *prop, const char *s);
/* Sets a property to n values of ncells cells each (1 or 2), big-endian. */
int dtw_set_cells(void *fdt, int node, const char *prop, const u64 *vals, u32 n, u32 ncells);
/* reg = <addr size> with the given cell counts (1 or 2 each). */
int dtw_set_reg(void *fdt, int node, u64 addr, u64 size, u32 ac, u32 sc);
int dtw_del_node(void *fdt, int node);
bool dtw_has_prop(const void *fdt, int node, const char *prop);
/* status absent, "okay" or "ok". */
bool dtw_enabled(const void *fdt, int node);
int dtw_next_compatible(const void *fdt, int after, const char *compat);
/* Full path of node into buf (truncated on error). */
void dtw_path(const void *fdt, int node, char *buf, int len);
/* Deletes every child of parent whose name starts with prefix (e.g. "memory@" or "cpu@"). */
int dtw_del_children(void *fdt, int parent, const char *prefix);
/* Root-level nodes whose device_type is "memory". */
int dtw_del_memory_nodes(void *fdt);
/* First node with this compatible string, or negative. */
int dtw_find_compatible(const void *fdt, const char *compat);
/* reg entry idx of node (cells from its parent); 0 or negative. */
int dtw_reg(const void *fdt, int node, int idx, u64 *addr, u64 *size);
u32 dtw_addr_cells(const void *fdt, int node);
u32 dtw_size_cells(const void *fdt, int node);
/* Packs the blob; returns its final size. */
int dtw_finish(void *fdt);
const char *dtw_strerror(int err);

#endif
