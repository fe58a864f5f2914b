/* SPDX-License-Identifier: Apache-2.0 */
/*
 * config_hw_owned: what of the hardware the hypervisor keeps for itself and
 * no VM may get (config_validate_dev refuses a device that touches it): the
 * register windows of the interrupt controller, all its parts included, and
 * of the console UART, and the console's interrupt.
 */
#include "config_internal.h"
#include "dt.h"

/* Records a register window the hypervisor keeps; all must be known, or a VM could get one. */
static int hw_own(struct hw *hw, const struct dt_node *n, u64 base, u64 size, const char *what,
		  struct cfg_report *rep)
{
	char path[CFG_PATH_MAX];

	if (!size)
		return 0;
	if (hw->nowned < HW_MAX_OWNED) {
		hw->owned[hw->nowned++] = (struct hw_owned){base, size, what, DT_OFF(n), 0};
		return 0;
	}
	dt_node_path(n, path, sizeof(path));
	return cfg_diag(rep, CFG_E_HW, -1, false,
			"%s: %s " RANGE_FMT " exceeds the limit of %u register windows the "
			"hypervisor keeps",
			path, what, RANGE_ARG(base, size), HW_MAX_OWNED);
}

/* Every reg entry of n: what a VM may never map. names: of the first entries, else dflt. */
static int hw_own_regs(struct hw *hw, const struct dt_node *n, const char *const *names, u32 nnames,
		       const char *dflt, struct cfg_report *rep)
{
	struct dt_regs regs;
	int count = dt_regs(n, &regs);
	int errs = 0;

	for (int i = 0; i < count; i++) {
		u64 base;
		u64 size;
		char path[CFG_PATH_MAX];

		if (dt_regs_get(&regs, i, true, &base, &size) == 0 && base + size >= base) {
			errs += hw_own(hw, n, base, size, (u32)i < nnames ? names[i] : dflt, rep);
			continue;
		}
		dt_node_path(n, path, sizeof(path));
		errs += cfg_diag(rep, CFG_E_HW, -1, false,
				 "%s: reg entry %d of the hypervisor's %s cannot be translated",
				 path, i, dflt);
	}
	return errs;
}

/* What a part of the interrupt controller below the GIC node is, for messages. */
static const char *hw_gic_part(const struct dt_node *n)
{
	if (dt_is_compatible(n->fdt, DT_OFF(n), "arm,gic-v3-its"))
		return "GIC ITS";
	if (dt_is_compatible(n->fdt, DT_OFF(n), "arm,gic-v2m-frame"))
		return "GICv2m MSI frame";
	return "interrupt controller part";
}

/*
 * The interrupt controller's windows: each reg entry of the GIC node (GICv3:
 * GICD, #redistributor-regions GICR regions, then optional GICC, GICH, GICV;
 * GICv2: GICD, GICC, GICH, GICV) and of every node below it (the GICv3 ITS
 * writes its tables to memory software names: a VM owning it could write
 * anywhere). Linux Documentation/devicetree/bindings/interrupt-controller/
 * arm,gic-v3.yaml and arm,gic.yaml.
 */
static int hw_own_gic(const struct dt_node *gic, struct hw *hw, struct cfg_report *rep)
{
	static const char *const v2[] = {"GIC distributor", "GIC CPU interface",
					 "GIC hypervisor interface", "GIC virtual CPU interface"};
	static const char *const v3[] = {"GIC distributor", "GIC redistributors",
					 "GIC CPU interface", "GIC hypervisor interface",
					 "GIC virtual CPU interface"};
	const char *names[ARRAY_SIZE(v3) + 8];
	u32 regions = 1;
	u32 n = 0;
	int errs;
	struct dt_node c = *gic;

	dt_u32(gic->fdt, DT_OFF(gic), "#redistributor-regions", &regions);
	for (u32 i = 0; hw->gic.version == 2 && i < ARRAY_SIZE(v2); i++)
		names[n++] = v2[i];
	for (u32 i = 0; hw->gic.version == 3 && i < ARRAY_SIZE(v3); i++)
		for (u32 k = 0; k < (i == 1 ? MIN(regions, 8U) : 1); k++)
			names[n++] = v3[i];
	errs = hw_own_regs(hw, gic, names, n, "interrupt controller", rep);
	while (dt_walk_next(&c) && c.depth > gic->depth)
		if (dt_prop(c.fdt, DT_OFF(&c), "reg", NULL))
			errs += hw_own_regs(hw, &c, NULL, 0, hw_gic_part(&c), rep);
	return errs;
}

/*
 * The console's interrupt: an SPI through the GIC (3-cell specifier, arm,gic
 * binding: type 0, INTID 32 + number), which the hypervisor takes for input.
 */
static void hw_console_irq(const struct dt_node *con, const struct dt_node *gic, struct hw *hw)
{
	u32 gic_phandle = dt_phandle(gic->fdt, DT_OFF(gic));
	u32 cells[3];
	u32 count = 3;

	if (!gic_phandle || dt_irq_parent_phandle(con) != gic_phandle ||
	    dt_u32_array(con->fdt, DT_OFF(con), "interrupts", cells, &count) < 0 || count != 3 ||
	    cells[0] != 0)
		return;
	hw->console.irq = 32 + cells[1];
}

int hw_parse_owned(const struct dt_node *gic, const struct dt_node *con, struct hw *hw,
		   struct cfg_report *rep)
{
	int errs = 0;

	hw->nowned = 0;
	if (con)
		errs += hw_own_regs(hw, con, NULL, 0, "console UART", rep);
	errs += hw_own_gic(gic, hw, rep);
	if (con)
		hw_console_irq(con, gic, hw);
	return errs;
}
