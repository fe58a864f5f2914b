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
#include "irqchip/irqchip.h"

/* Records a register window the hypervisor keeps; all must be known, or a VM could get one. */
static bool hw_keep(struct hw_kept *k, int node, u32 idx, u64 base, u64 size)
{
	if (!size) {
		return true;
	}
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
		if (!hw_keep(k, DT_OFF(n), (u32)i, base, size)) {
			return false;
		}
	}
	return true;
}

/*
 * The interrupt controller's windows: each reg entry of its node and of
 * every node below it (a GICv3 ITS writes its tables to memory software
 * names: a VM owning it could write anywhere).
 */
static void hw_keep_irqchip(struct hw_kept *k, const struct dt_node *ic)
{
	struct dt_node c = *ic;
	bool ok = hw_keep_regs(k, ic);

	while (ok && dt_walk_next(&c) && c.depth > ic->depth) {
		if (dt_prop(c.fdt, DT_OFF(&c), "reg", NULL) != NULL) {
			ok = hw_keep_regs(k, &c);
		}
	}
}

/*
 * The windows the driver found beyond its node's own reg entries, in other
 * nodes (the IMSICs an APLIC forwards MSIs to: every hart's interrupt files).
 */
static void hw_keep_other_parts(struct hw_kept *k, const struct dt_node *n,
				const struct hw_irqchip *ic)
{
	struct dt_regs regs;
	int own = dt_regs(n, &regs);

	for (u32 i = (own > 0) ? (u32)own : 0U; (i < ic->nregs) && (k->fault == NULL); i++) {
		(void)hw_keep(k, ic->node, i, ic->reg[i].base, ic->reg[i].size);
	}
}

/* The console's first interrupt, through the one decoder of specifiers (irqchip_node_irqs). */
irqid_t hw_console_irq(const void *fdt, const struct hw *hw)
{
	struct dt_node con;
	struct irqchip_irqs irqs;

	if (!hw->irqchip.drv || hw->console.node < 0 ||
	    dt_locate(fdt, hw->console.node, &con) < 0 ||
	    !irqchip_node_irqs(&hw->irqchip, &con, &irqs) || irqs.n == 0U) {
		return 0;
	}
	return irqs.irq[0];
}

void hw_kept(const void *fdt, const struct hw *hw, struct hw_kept *k)
{
	struct dt_node n;

	k->n = 0;
	k->fault = NULL;
	k->console_irq = (fdt != NULL) ? hw_console_irq(fdt, hw) : 0U;
	if (!fdt) { /* no hardware DTB: what struct hw knows */
		for (u32 i = 0; i < hw->irqchip.nregs; i++) {
			(void)hw_keep(k, hw->irqchip.node, i, hw->irqchip.reg[i].base,
				      hw->irqchip.reg[i].size);
		}
		(void)hw_keep(k, hw->console.node, 0, hw->console.base, hw->console.size);
		return;
	}
	if (hw->console.node >= 0 && dt_locate(fdt, hw->console.node, &n) == 0 &&
	    !hw_keep_regs(k, &n)) {
		return;
	}
	if (hw->irqchip.drv && dt_locate(fdt, hw->irqchip.node, &n) == 0) {
		hw_keep_irqchip(k, &n);
		hw_keep_other_parts(k, &n, &hw->irqchip);
	}
}

/* What window o is, for messages: the console UART, or the controller driver's name for it. */
const char *hw_owned_what(const struct hw *hw, const void *fdt, const struct hw_owned *o)
{
	if (o->node == hw->console.node) {
		return "console UART";
	}
	if (!hw->irqchip.drv) {
		return "interrupt controller part";
	}
	return hw->irqchip.drv->window_name(&hw->irqchip, fdt, o->node, o->index);
}
