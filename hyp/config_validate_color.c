// SPDX-License-Identifier: Apache-2.0
/*
 * Cache-coloring checks: the number of colors (the layout's cache-colors, or
 * the hardware DTB's last-level cache), color indices in range, and enough
 * RAM in each color for the hypervisor, the colored VMs and channels.
 */
#include <stdio.h>
#include <string.h>

#include "config_internal.h"

#define VAL_HYP_RUNTIME (256U * KIB) /* the colored hypervisor's memory besides the VMs' tables */

static u64 val_ram_estimate(const struct hw *hw)
{
	u64 total = 0, taken = 0;

	for (u32 i = 0; i < hw->nram; i++) {
		total += hw->ram[i].size;
	}
	for (u32 i = 0; i < hw->nreserved; i++) {
		taken += hw->reserved[i].size;
	}
	for (u32 i = 0; i < hw->nprotect; i++) {
		taken += hw->protect[i].size;
	}
	return total > taken ? total - taken : 0U;
}

/* The hypervisor image: the range the caller protected as HW_PROTECT_IMAGE (2 MiB if none). */
static u64 val_hyp_image_size(const struct hw *hw)
{
	for (u32 i = 0; i < hw->nprotect; i++) {
		if (hw->protect[i].kind == HW_PROTECT_IMAGE) {
			return hw->protect[i].size;
		}
	}
	return 2U * MIB;
}

/*
 * What a colored hypervisor takes in its colors: its image, and at run time
 * the VMs' stage-2 tables (8 bytes per 4 KiB page mapped page by page, as
 * colored memory is), per-CPU tables and areas, the emulated interrupt
 * controller's state.
 */
static u64 val_hyp_need(const struct val_ctx *v)
{
	u64 mem = 0;

	for (u32 i = 0; i < v->cfg->nvms; i++) {
		for (u32 k = 0; k < v->cfg->vms[i].nmem; k++) {
			mem += v->cfg->vms[i].mem[k].size;
		}
	}
	return val_hyp_image_size(v->hw) + VAL_HYP_RUNTIME + mem / 512U;
}

/* Enough RAM in the hypervisor's colors for it; else it is not colored. */
static bool val_hyp_supply(struct val_ctx *v, u64 colors, u64 need)
{
	u32 k = (u32)__builtin_popcountll(colors);
	u64 per_color = val_ram_estimate(v->hw) / v->cfg->ncolors;
	char list[96];

	if ((need + k - 1U) / k <= per_color) {
		return true;
	}
	cfg_colors_str(colors, list, sizeof(list));
	val_err(v, CFG_E_COLOR,
		"%s/hypervisor-colors: the hypervisor needs about %llu KiB in colors %s "
		"(image %llu KiB, run-time tables and data), but RAM has about %llu KiB "
		"per color: it stays uncolored",
		PARTITIONS_PATH, ULL(need / KIB), list, ULL(val_hyp_image_size(v->hw) / KIB),
		ULL(per_color / KIB));
	return false;
}

void val_colors_init(struct val_ctx *v)
{
	struct config *cfg = v->cfg;
	u64 need = val_hyp_need(v);

	/* v->color_used starts zeroed: config_validate's initializer */
	cfg->ncolors = cfg->ncolors_override ? cfg->ncolors_override : v->hw->llc.colors;
	if (cfg->hyp_colors &&
	    (!val_colors(v, PARTITIONS_PATH "/hypervisor-colors", cfg->hyp_colors) ||
	     !val_hyp_supply(v, cfg->hyp_colors, need))) {
		cfg->hyp_colors = 0; /* the hypervisor stays where it was loaded */
		cfg->hyp_colors_refused = true;
	}
	/* charges nothing when hyp_colors is 0 */
	val_color_charge(v, cfg->hyp_colors, need);
}

bool val_colors(struct val_ctx *v, const char *path, u64 colors)
{
	u32 n = v->cfg->ncolors;
	/* a VM or channel is refused; the hypervisor's colors are dropped */
	const char *then = v->vm < 0 && v->chan < 0 ? ": the hypervisor stays uncolored" : "";

	if (!colors) {
		return true;
	}
	if (v->cfg->bad_cache_colors != 0U) {
		val_err(v, CFG_E_COLOR,
			"%s: colors given, but %s/cache-colors is invalid (above)%s", path,
			PARTITIONS_PATH, then);
		return false;
	}
	if (n == 0U) {
		val_err(v, CFG_E_COLOR,
			"%s: colors given, but the cache geometry is unknown (%s); "
			"set cache-colors in %s%s",
			path, v->hw->llc.why[0] ? v->hw->llc.why : "no last-level cache node",
			PARTITIONS_PATH, then);
		return false;
	}
	for (u32 c = n; c < CFG_MAX_COLORS; c++) {
		if ((colors & (1ULL << c)) != 0U) {
			val_err(v, CFG_E_COLOR,
				"%s: colors index %u is out of range: %u colors (0..%u)%s", path, c,
				n, n - 1U, then);
			return false;
		}
	}
	return true;
}

/* Pages spread evenly over the colors: each color must still have room for its share. */
bool val_color_supply(struct val_ctx *v, const char *path, u64 colors, u64 size)
{
	u32 k = (u32)__builtin_popcountll(colors);
	u64 per_color, share;
	char list[96];

	if (!colors || !v->cfg->ncolors) {
		return true;
	}
	per_color = val_ram_estimate(v->hw) / v->cfg->ncolors;
	share = (size + k - 1U) / k;
	for (u32 c = 0; c < v->cfg->ncolors; c++) {
		if (!(colors & (1ULL << c)) || v->color_used[c] + share <= per_color) {
			continue;
		}
		cfg_colors_str(colors, list, sizeof(list));
		v->claims_used |=
			v->color_ahead; /* channels' colors whose VMs are not checked yet */
		val_err(v, CFG_E_COLOR,
			"%s: needs %llu KiB in colors %s, but RAM has about %llu KiB per color "
			"(%llu KiB of color %u already used)",
			path, ULL(size / KIB), list, ULL(per_color / KIB),
			ULL(v->color_used[c] / KIB), c);
		return false;
	}
	return true;
}

/* An accepted VM or channel in colors of the hypervisor: both use those cache lines. */
static void val_hyp_sharing(struct val_ctx *v, u64 colors)
{
	const char *path = v->vm >= 0	  ? v->cfg->vms[v->vm].path
			   : v->chan >= 0 ? v->cfg->shmem[v->chan].path
					  : NULL;
	char list[96];

	if (!path || !(colors & v->cfg->hyp_colors)) {
		return;
	}
	cfg_colors_str(colors & v->cfg->hyp_colors, list, sizeof(list));
	(void)cfg_diag(
		v->rep, CFG_E_COLOR, v->vm, true,
		"%s: colors %s shared with the hypervisor (%s/hypervisor-colors): the partition "
		"and the hypervisor interfere in the cache",
		path, list, PARTITIONS_PATH);
}

void val_color_charge(struct val_ctx *v, u64 colors, u64 size)
{
	u32 k = (u32)__builtin_popcountll(colors);

	for (u32 c = 0; k && c < CFG_MAX_COLORS; c++) {
		if ((colors & (1ULL << c)) != 0U) {
			v->color_used[c] += (size + k - 1U) / k;
		}
	}
	val_hyp_sharing(v, colors);
}
