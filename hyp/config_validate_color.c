// SPDX-License-Identifier: Apache-2.0
/*
 * Cache-coloring checks: the number of colors (the layout's cache-colors, or
 * the hardware DTB's last-level cache), color indices in range, and enough
 * RAM in each color for the colored VMs and channels.
 */
#include <stdio.h>

#include "config_internal.h"

static u64 val_ram_estimate(const struct hw *hw)
{
	u64 total = 0, taken = 0;

	for (u32 i = 0; i < hw->nram; i++)
		total += hw->ram[i].size;
	for (u32 i = 0; i < hw->nreserved; i++)
		taken += hw->reserved[i].size;
	for (u32 i = 0; i < hw->nprotected; i++)
		taken += hw->protected_[i].size;
	return total > taken ? total - taken : 0;
}

void val_colors_init(struct val_ctx *v)
{
	struct config *cfg = v->cfg;

	cfg->ncolors = cfg->ncolors_override ? cfg->ncolors_override : v->hw->llc.colors;
	for (u32 c = 0; c < CFG_MAX_COLORS; c++)
		v->color_used[c] = 0;
	if (cfg->hyp_colors && !val_colors(v, PARTITIONS_PATH "/hypervisor-colors", cfg->hyp_colors))
		cfg->hyp_colors = 0; /* the hypervisor stays where it was loaded */
	if (cfg->hyp_colors) /* say so rather than pretend: relocation is not implemented yet */
		cfg_diag(v->rep, CFG_E_COLOR, -1, true,
			 "%s/hypervisor-colors: not applied yet, the hypervisor image and data stay "
			 "where they were loaded (uncolored)",
			 PARTITIONS_PATH);
}

bool val_colors(struct val_ctx *v, const char *path, u64 colors)
{
	u32 n = v->cfg->ncolors;

	if (!colors)
		return true;
	if (n == 0) {
		val_err(v, CFG_E_COLOR,
			"%s: colors given, but the cache geometry is unknown (%s); "
			"set cache-colors in %s",
			path, v->hw->llc.why[0] ? v->hw->llc.why : "no last-level cache node",
			PARTITIONS_PATH);
		return false;
	}
	for (u32 c = n; c < CFG_MAX_COLORS; c++) {
		if (colors & (1ULL << c)) {
			val_err(v, CFG_E_COLOR,
				"%s: colors index %u is out of range: %u colors (0..%u)", path, c,
				n, n - 1);
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

	if (!colors || !v->cfg->ncolors)
		return true;
	per_color = val_ram_estimate(v->hw) / v->cfg->ncolors;
	share = (size + k - 1) / k;
	for (u32 c = 0; c < v->cfg->ncolors; c++) {
		if (!(colors & (1ULL << c)) || v->color_used[c] + share <= per_color)
			continue;
		cfg_colors_str(colors, list, sizeof(list));
		val_err(v, CFG_E_COLOR,
			"%s: needs %llu KiB in colors %s, but RAM has about %llu KiB per color "
			"(%llu KiB of color %u already used)",
			path, ULL(size / KIB), list, ULL(per_color / KIB),
			ULL(v->color_used[c] / KIB), c);
		return false;
	}
	return true;
}

void val_color_charge(struct val_ctx *v, u64 colors, u64 size)
{
	u32 k = (u32)__builtin_popcountll(colors);

	for (u32 c = 0; k && c < CFG_MAX_COLORS; c++)
		if (colors & (1ULL << c))
			v->color_used[c] += (size + k - 1) / k;
}
