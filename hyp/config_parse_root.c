/* SPDX-License-Identifier: Apache-2.0 */
/*
 * config_parse_root: the properties of /bao-partitions itself, which the
 * whole layout depends on: compatible and the cell counts (wrong: no
 * partition starts), cache-colors (wrong: what is colored is refused) and
 * hypervisor-colors (wrong: the hypervisor stays uncolored).
 */
#include "config_internal.h"
#include "dt.h"

#define PARTITIONS_COMPAT "tessera,partitions"

/* compatible names the binding: a layout written for another one does not start at all. */
static void parse_compatible(struct val_ctx *p, int root)
{
	int len;
	const char *compat = dt_prop(p->fdt, root, "compatible", &len);
	char shown[CFG_NAME_MAX * 2U];

	if (compat && dt_prop_string(compat, len) &&
	    dt_is_compatible(p->fdt, root, PARTITIONS_COMPAT)) {
		return;
	}
	p->cfg->refused = true;
	if (!compat || !dt_prop_string(compat, len)) {
		val_err(p, compat ? CFG_E_VALUE : CFG_E_MISSING,
			"%s: compatible %s (\"%s\" is required): no partition starts",
			PARTITIONS_PATH, compat ? "is not a NUL-terminated string" : "missing",
			PARTITIONS_COMPAT);
		return;
	}
	cfg_escape(compat, shown, sizeof(shown));
	val_err(p, CFG_E_VALUE,
		"%s: compatible \"%s\" is not \"%s\": the layout is for another binding, no "
		"partition starts",
		PARTITIONS_PATH, shown, PARTITIONS_COMPAT);
}

/* cache-colors: a power of 2; if not, what is colored is refused (parse_colored). */
static void parse_cache_colors(struct val_ctx *p, int root)
{
	u64 colors = 0;

	if (parse_num(p, root, PARTITIONS_PATH, "cache-colors", 1, false, &colors) != 0) {
		return;
	}
	if (colors == 0U || colors > CFG_MAX_COLORS || (colors & (colors - 1U))) {
		p->cfg->bad_cache_colors = colors ? (u32)MIN(colors, ~0U) : ~0U;
	} else {
		p->cfg->ncolors_override = (u32)colors;
	}
}

/* The cells of every address and size below: without them nothing can be read. */
static int parse_cells(struct val_ctx *p, int root)
{
	u64 ac = 0;
	u64 sc = 0;

	if (parse_num(p, root, PARTITIONS_PATH, "#address-cells", 1, true, &ac) ||
	    parse_num(p, root, PARTITIONS_PATH, "#size-cells", 1, true, &sc)) {
		return -1;
	}
	if (ac < 1U || ac > 2U || sc < 1U || sc > 2U) {
		val_err(p, CFG_E_VALUE,
			"%s: #address-cells %llu / #size-cells %llu must be 1 or 2: no partition "
			"starts",
			PARTITIONS_PATH, ULL(ac), ULL(sc));
		return -1;
	}
	p->ac = (u32)ac;
	p->sc = (u32)sc;
	return 0;
}

int parse_root(struct val_ctx *p, int root)
{
	int errs;

	parse_compatible(p, root);
	if (parse_cells(p, root) < 0) {
		p->cfg->refused = true;
		return -1;
	}
	parse_cache_colors(p, root);
	errs = p->errs;
	parse_colors(p, root, PARTITIONS_PATH, "hypervisor-colors", &p->cfg->hyp_colors,
		     ": the hypervisor stays uncolored");
	if (p->errs != errs) {
		p->cfg->hyp_colors = 0;
		p->cfg->hyp_colors_refused = true;
	}
	return 0;
}

/* Anything colored: VMs, channels, the hypervisor. */
static bool parse_any_colors(const struct config *cfg)
{
	bool any = cfg->hyp_colors != 0U;

	for (u32 i = 0; i < cfg->nvms; i++) {
		any |= cfg->vms[i].colors != 0U;
	}
	for (u32 k = 0; k < cfg->nshmem; k++) {
		any |= cfg->shmem[k].colors != 0U;
	}
	return any;
}

/*
 * A cache-colors that is not a power of 2 leaves the number of colors
 * unknown: everything colored is refused (config_validate's val_colors), or,
 * when nothing is, it is only a warning.
 */
int parse_colored(struct val_ctx *p)
{
	bool any = parse_any_colors(p->cfg);
	u32 bad = p->cfg->bad_cache_colors;

	if (!bad) {
		return 0;
	}
	return cfg_diag(p->rep, CFG_E_COLOR, -1, !any,
			"%s: cache-colors %u must be a power of 2, 1..%u: %s", PARTITIONS_PATH,
			bad == ~0U ? 0U : bad, CFG_MAX_COLORS,
			any ? "every colored partition and channel is refused, the hypervisor "
			      "stays uncolored"
			    : "ignored (nothing is colored)");
}
