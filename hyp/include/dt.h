/* SPDX-License-Identifier: Apache-2.0 */
/*
 * dt: the one module that talks to libfdt. Everything else reads device trees
 * through these helpers (reg/ranges with #address-cells/#size-cells, scalar
 * properties, phandles, strings, compatible matching).
 *
 * All functions are pure: they only read the blob they are given.
 * Node arguments are libfdt node offsets. Functions returning int return 0 on
 * success or a negative DT_E_* code.
 */
#ifndef TESSERA_DT_H
#define TESSERA_DT_H

#include "types.h"

#define DT_E_NOTFOUND (-1)  /* property or node missing */
#define DT_E_BADLEN (-2)    /* property length not a multiple of its cells */
#define DT_E_RANGE (-3)     /* index past the end / value does not fit */
#define DT_E_TRANSLATE (-4) /* address not covered by a parent's ranges */
#define DT_E_BADBLOB (-5)   /* header or structure invalid */

#define DT_PATH_MAX 128

/* Checks the header and that the blob fits in max_size bytes. */
int dt_check(const void *fdt, u64 max_size);

/* #address-cells / #size-cells a node's children use (defaults 2 / 1). */
u32 dt_addr_cells(const void *fdt, int node);
u32 dt_size_cells(const void *fdt, int node);

/* Reads a big-endian number of ncells (1 or 2) cells. */
u64 dt_read_cells(const u32 *cells, u32 ncells);

int dt_u32(const void *fdt, int node, const char *prop, u32 *out);
/* Accepts a 1-cell or 2-cell property. */
int dt_u64(const void *fdt, int node, const char *prop, u64 *out);
/* Reads a value of exactly ncells cells. */
int dt_cells(const void *fdt, int node, const char *prop, u32 ncells, u64 *out);
bool dt_bool(const void *fdt, int node, const char *prop);
/* Null-terminated string property, or NULL. */
const char *dt_string(const void *fdt, int node, const char *prop);
/* Array of u32; *count in: capacity, out: number read. DT_E_RANGE if truncated. */
int dt_u32_array(const void *fdt, int node, const char *prop, u32 *out, u32 *count);
/* Raw property bytes (e.g. /incbin/ data). */
const void *dt_data(const void *fdt, int node, const char *prop, u32 *len);
/* Length of a property in bytes, or DT_E_NOTFOUND. */
int dt_prop_len(const void *fdt, int node, const char *prop);

/* Number of reg entries of a node, using its parent's cell counts. */
int dt_reg_count(const void *fdt, int node);
/* reg entry idx, untranslated (in the parent bus's address space). */
int dt_reg(const void *fdt, int node, int idx, u64 *addr, u64 *size);
/* reg entry idx translated through every parent's ranges to a CPU physical address. */
int dt_reg_translated(const void *fdt, int node, int idx, u64 *addr, u64 *size);

/* Node a phandle refers to, or negative. */
int dt_phandle_node(const void *fdt, u32 phandle);
/* The node's own phandle, or 0 if it has none. */
u32 dt_phandle(const void *fdt, int node);
/* Full path of a node into buf; returns 0 or negative. */
int dt_path(const void *fdt, int node, char *buf, int len);
/* Node offset for a path (aliases resolved), or negative. */
int dt_node_by_path(const void *fdt, const char *path);
/* True if any string of the node's compatible equals compat. */
bool dt_is_compatible(const void *fdt, int node, const char *compat);
/* True if status is absent, "okay" or "ok". */
bool dt_is_enabled(const void *fdt, int node);

/* Child iteration: for (c = dt_first_child(f, n); c >= 0; c = dt_next_child(f, c)) */
int dt_first_child(const void *fdt, int node);
int dt_next_child(const void *fdt, int node);
/* Node name including unit address. */
const char *dt_name(const void *fdt, int node);
/* Depth-first walk of the whole tree: for (n = 0; n >= 0; n = dt_next_node(f, n)) */
int dt_next_node(const void *fdt, int node);
/* Parent node, or negative for the root. */
int dt_parent(const void *fdt, int node);
/* Next node after `after` (-1: from the start) whose compatible has compat. */
int dt_find_compatible(const void *fdt, int after, const char *compat);

/* /chosen/stdout-path resolved to a node (options after ':' ignored), or negative. */
int dt_stdout_node(const void *fdt);
/* /chosen/linux,initrd-start and -end. */
int dt_initrd(const void *fdt, u64 *start, u64 *end);
/* Memory reservation block (/memreserve/ entries): count, and entry idx. */
int dt_mem_rsv_count(const void *fdt);
int dt_mem_rsv(const void *fdt, int idx, u64 *addr, u64 *size);

#endif
