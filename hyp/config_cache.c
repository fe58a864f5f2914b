// SPDX-License-Identifier: Apache-2.0
/*
 * Last-level cache geometry from the hardware DTB (Devicetree Specification
 * v0.4, section 3.9 "Multi-level and Shared Cache Nodes"): the first CPU's
 * next-level-cache phandle chain ends at the LLC. Pure code, host-tested.
 */
#include <stdio.h>
#include <string.h>

#include "config_internal.h"
#include "dt.h"

#define LLC_MAX_HOPS 4 /* L2, L3, system cache: a longer chain is a loop */

static void llc_unknown(struct hw_llc *llc, const char *fmt, const char *arg)
{
	llc->colors = 0;
	(void)snprintf(llc->why, sizeof(llc->why), fmt, arg);
}

/* Follows next-level-cache from node to the last cache; its offset, or negative. */
static int llc_find(const void *fdt, int node)
{
	int llc = -1;
	u32 ph;

	for (int hop = 0; hop <= LLC_MAX_HOPS && dt_u32(fdt, node, "next-level-cache", &ph) == 0;
	     hop++) {
		node = dt_phandle_node(fdt, ph);
		if (node < 0) {
			return -1;
		}
		llc = node;
	}
	return llc;
}

/* colors = sets * line / 4 KiB (one way, page sized slices), capped at CFG_MAX_COLORS. */
static void llc_geometry(const void *fdt, int node, struct hw_llc *llc)
{
	u32 size = 0, sets = 0, colors;

	(void)dt_path(fdt, node, llc->path, sizeof(llc->path));
	cfg_sanitize(llc->path);
	if (dt_u32(fdt, node, "cache-level", &llc->level) < 0) {
		llc->level = 0;
	}
	if (dt_u32(fdt, node, "cache-line-size", &llc->line) < 0 &&
	    dt_u32(fdt, node, "cache-block-size", &llc->line) < 0) {
		return llc_unknown(llc, "%s has no cache-line-size", llc->path);
	}
	if (dt_u32(fdt, node, "cache-size", &size) < 0 || size == 0U) {
		return llc_unknown(llc, "%s has no cache-size", llc->path);
	}
	if (dt_u32(fdt, node, "cache-sets", &sets) < 0 || sets == 0U) {
		return llc_unknown(llc, "%s has no cache-sets", llc->path);
	}
	if (llc->line == 0U || size % ((u64)sets * llc->line)) {
		return llc_unknown(llc, "%s: cache-size is not sets x line x ways", llc->path);
	}
	llc->ways = (u32)(size / ((u64)sets * llc->line));
	colors = (u32)((u64)sets * llc->line / PAGE_SIZE);
	/* Fewer colors than the cache has is still safe: each is a union of real ones. */
	llc->colors = colors == 0U ? 1U : colors > CFG_MAX_COLORS ? CFG_MAX_COLORS : colors;
	if ((llc->colors & (llc->colors - 1U)) != 0U) {
		llc_unknown(llc, "%s: sets x line is not a power of 2 pages", llc->path);
	}
}

void hw_parse_cache(const void *fdt, struct hw *hw)
{
	struct hw_llc *llc = &hw->llc;
	int node;

	(void)memset(llc, 0, sizeof(*llc));
	if (!hw->ncpus || hw->cpus[0].node < 0) {
		return llc_unknown(llc, "%s", "no CPU node");
	}
	node = llc_find(fdt, hw->cpus[0].node);
	if (node < 0) {
		return llc_unknown(llc, "%s has no next-level-cache", hw->cpus[0].path);
	}
	llc_geometry(fdt, node, llc);
}
