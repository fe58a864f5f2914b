/* SPDX-License-Identifier: Apache-2.0 */
/*
 * config_hw_owned: what of the hardware the hypervisor keeps for itself and
 * no VM may get (config_validate_dev refuses a device that touches it): the
 * register windows of the interrupt controller, all its parts included, and
 * of the console UART, and the console's interrupt. Read from the hardware
 * DTB only when a layout passes devices through: a boot without them does
 * not pay for it.
 */
#include "config_internal.h"
#include "dt.h"

/* Records a register window the hypervisor keeps; all must be known, or a VM could get one. */
static bool hw_keep(struct hw_kept *k, int node, u32 idx, u64 base, u64 size)
{
	if (!size)
		return true;
	if (k->n == HW_MAX_OWNED) {
		k->fault = "more register windows than the hypervisor can record (16)";
		k->fault_node = node;
		return false;
	}
	k->win[k->n++] = (struct hw_owned){base, size, node, idx};
	return true;
}

/* Every reg entry of n: what a VM may never map. */
static bool hw_keep_regs(struct hw_kept *k, const struct dt_node *n)
{
	struct dt_regs regs;
	int count = dt_regs(n, &regs);

	for (int i = 0; i < count; i++) {
		u64 base;
		u64 size;

		if (dt_regs_get(&regs, i, true, &base, &size) < 0 || base + size < base) {
			k->fault = "a reg entry that cannot be translated";
			k->fault_node = DT_OFF(n);
			return false;
		}
		if (!hw_keep(k, DT_OFF(n), (u32)i, base, size))
			return false;
	}
	return true;
}

/*
 * The interrupt controller's windows: each reg entry of the GIC node and of
 * every node below it (the GICv3 ITS writes its tables to memory software
 * names: a VM owning it could write anywhere).
 */
static void hw_keep_gic(struct hw_kept *k, const struct dt_node *gic)
{
	struct dt_node c = *gic;
	bool ok = hw_keep_regs(k, gic);

	while (ok && dt_walk_next(&c) && c.depth > gic->depth)
		if (dt_prop(c.fdt, DT_OFF(&c), "reg", NULL))
			ok = hw_keep_regs(k, &c);
}

irqid_t hw_console_irq(const void *fdt, const struct hw *hw)
{
	u32 gic_phandle = hw->gic.version ? dt_phandle(fdt, hw->gic.node) : 0;
	struct dt_node con;
	u32 cells[3];
	u32 count = 3;

	if (!gic_phandle || hw->console.node < 0 || dt_locate(fdt, hw->console.node, &con) < 0 ||
	    dt_irq_parent_phandle(&con) != gic_phandle ||
	    dt_u32_array(fdt, hw->console.node, "interrupts", cells, &count) < 0 || count != 3 ||
	    cells[0] != 0)
		return 0;
	return 32 + cells[1];
}

void hw_kept(const void *fdt, const struct hw *hw, struct hw_kept *k)
{
	struct dt_node n;

	k->n = 0;
	k->fault = NULL;
	k->console_irq = fdt ? hw_console_irq(fdt, hw) : 0;
	if (!fdt) { /* no hardware DTB: what struct hw knows */
		for (u32 i = 0; i < GIC_NREGS; i++)
			hw_keep(k, hw->gic.node, i, hw->gic.reg[i].base, hw->gic.reg[i].size);
		hw_keep(k, hw->console.node, 0, hw->console.base, hw->console.size);
		return;
	}
	if (hw->console.node >= 0 && dt_locate(fdt, hw->console.node, &n) == 0 &&
	    !hw_keep_regs(k, &n))
		return;
	if (hw->gic.version && dt_locate(fdt, hw->gic.node, &n) == 0)
		hw_keep_gic(k, &n);
}

/*
 * What window i is, for messages: the console UART, a GIC register frame by
 * its place in the GIC's reg (GICv3: GICD, #redistributor-regions GICR
 * regions, then the optional GICC, GICH, GICV; GICv2: GICD, GICC, GICH,
 * GICV. Linux Documentation/devicetree/bindings/interrupt-controller/
 * arm,gic-v3.yaml and arm,gic.yaml), or a part below the GIC node.
 */
const char *hw_owned_what(const struct hw *hw, const void *fdt, const struct hw_owned *o)
{
	static const char *const v2[] = {"GIC distributor", "GIC CPU interface",
					 "GIC hypervisor interface", "GIC virtual CPU interface"};
	static const char *const v3[] = {"GIC distributor", "GIC CPU interface",
					 "GIC hypervisor interface", "GIC virtual CPU interface"};
	u32 regions = 1;

	if (o->node == hw->console.node)
		return "console UART";
	if (!fdt)
		return "GIC register window";
	if (o->node != hw->gic.node)
		return dt_is_compatible(fdt, o->node, "arm,gic-v3-its") ? "GIC ITS"
		       : dt_is_compatible(fdt, o->node, "arm,gic-v2m-frame")
			       ? "GICv2m MSI frame"
			       : "interrupt controller part";
	if (hw->gic.version == 2)
		return o->index < ARRAY_SIZE(v2) ? v2[o->index] : "interrupt controller";
	dt_u32(fdt, o->node, "#redistributor-regions", &regions);
	if (o->index == 0 || o->index > regions)
		return o->index - MIN(o->index, regions) < ARRAY_SIZE(v3)
			       ? v3[o->index - MIN(o->index, regions)]
			       : "interrupt controller";
	return "GIC redistributors";
}
