// SPDX-License-Identifier: Apache-2.0
/*
 * The GIC driver's DT glue (pure: part of the configuration layer). Bindings:
 * Linux Documentation/devicetree/bindings/interrupt-controller/arm,gic-v3.yaml
 * (GICD, #redistributor-regions GICR regions, then the optional GICC, GICH,
 * GICV) and arm,gic.yaml (GICD, GICC, GICH, GICV); interrupt specifiers
 * <type number flags>: SPI n = INTID 32+n, PPI n = INTID 16+n.
 */
#include <stdio.h>

#include "config_internal.h"
#include "dt.h"
#include "irqchip/gic.h"

/* GICv3's first; the others are GICv2s (a GIC-400 is the GICv2 most boards have). */
static const char *const gic_compatible[] = {"arm,gic-v3", "arm,cortex-a15-gic", "arm,gic-400",
					     "arm,cortex-a9-gic", NULL};

/* The reg entries the driver maps: v3 GICD, GICR; v2 GICD, GICC, GICH, GICV. */
static int gic_probe(const struct dt_node *node, struct hw_irqchip *ic, struct cfg_report *rep)
{
	u32 need;
	struct dt_regs regs;
	int n = dt_regs(node, &regs);

	ic->variant = dt_is_compatible(node->fdt, DT_OFF(node), gic_compatible[0]) ? 3U : 2U;
	/* MISRA misreading 10.6: a conditional of two constants is not composite */
	need = ic->variant == 3U ? 2U : 4U;
	if (n < (int)need) {
		return cfg_diag(rep, CFG_E_HW, -1, false,
				"%s: reg has %d entries, GICv%u needs %u (%s)", ic->path,
				n < 0 ? 0 : n, ic->variant, need,
				need == 2U ? "GICD, GICR" : "GICD, GICC, GICH, GICV");
	}
	for (u32 i = 0; i < need; i++) {
		int ret = dt_regs_get(&regs, (int)i, true, &ic->reg[i].base, &ic->reg[i].size);

		if (ret < 0) {
			return cfg_diag(rep, CFG_E_HW, -1, false,
					"%s: reg entry %u cannot be translated (error %d)",
					ic->path, i, ret);
		}
	}
	ic->nregs = need;
	return 0;
}

/* <type number flags>: only SPIs (type 0) go to VMs. */
static enum cfg_err gic_xlate(const struct hw_irqchip *ic, const u32 *spec, irqid_t *irq, char *why,
			      size_t len)
{
	if (spec[0] == 0U) {
		*irq = GIC_SPI_BASE + spec[1];
		return CFG_OK;
	}
	(void)snprintf(why, len, "is %s (INTID %u): only SPIs can be passed through",
		       spec[0] == 1U ? "a PPI" : "not an SPI",
		       spec[0] == 1U ? GIC_PPI_BASE + spec[1] : 0U);
	return spec[0] == 1U ? CFG_E_IRQ_RANGE : CFG_E_VALUE;
}

/* SPIs, up to what GICD_TYPER says (the boot reads it) or the architecture's limit. */
static void gic_assignable(const struct hw_irqchip *ic, struct irq_range *r)
{
	r->first = GIC_SPI_BASE;
	r->last = (ic->nr_irqs ? ic->nr_irqs : GIC_MAX_INTID) - 1U;
	r->what = "an SPI of the GIC";
}

/* Entry index of the GIC node's reg, by the bindings' order (above). */
static const char *gic_frame_name(const struct hw_irqchip *ic, const void *fdt, u32 index)
{
	static const char *const frames[] = {"GIC distributor", "GIC CPU interface",
					     "GIC hypervisor interface",
					     "GIC virtual CPU interface"};
	u32 regions = 1;

	if (ic->variant == 2U) {
		return index < ARRAY_SIZE(frames) ? frames[index] : "interrupt controller";
	}
	(void)dt_u32(fdt, ic->node, "#redistributor-regions", &regions); /* absent: 1 */
	if (index > 0U && index <= regions) {
		return "GIC redistributors";
	}
	index -= MIN(index, regions);
	return index < ARRAY_SIZE(frames) ? frames[index] : "interrupt controller";
}

static const char *gic_window_name(const struct hw_irqchip *ic, const void *fdt, int node,
				   u32 index)
{
	if (!fdt) {
		return "GIC register window";
	}
	if (node == ic->node) {
		return gic_frame_name(ic, fdt, index);
	}
	if (dt_is_compatible(fdt, node, "arm,gic-v3-its")) {
		return "GIC ITS";
	}
	if (dt_is_compatible(fdt, node, "arm,gic-v2m-frame")) {
		return "GICv2m MSI frame";
	}
	return "interrupt controller part";
}

static void gic_describe(const struct hw_irqchip *ic, char *buf, size_t len)
{
	(void)snprintf(buf, len, "GICv%u %s: distributor 0x%llx, %s 0x%llx", ic->variant, ic->path,
		       ULL(ic->reg[GIC_DIST].base),
		       ic->variant == 3U ? "redistributors" : "CPU interface",
		       ULL(ic->reg[GIC_REDIST].base));
}

IRQCHIP_DRIVER(gic_driver) = {
	.name = "GIC",
	.compatible = gic_compatible,
	.min_cells = 3,
	.probe = gic_probe,
	.xlate = gic_xlate,
	.assignable = gic_assignable,
	.window_name = gic_window_name,
	.describe = gic_describe,
	.ops = IRQCHIP_OPS(gic_ops),
};
