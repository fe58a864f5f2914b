// SPDX-License-Identifier: Apache-2.0
/*
 * The PLIC driver's DT glue (pure: part of the configuration layer). Binding:
 * Linux Documentation/devicetree/bindings/interrupt-controller/
 * sifive,plic-1.0.0.yaml: one reg window, riscv,ndev sources (1..ndev), and
 * interrupts-extended naming each context in order: <&cpuN_intc 11> is hart
 * N's machine-mode context, <&cpuN_intc 9> its supervisor-mode one (the
 * hypervisor's: RISC-V privileged spec 4.1.3, interrupt 9). Specifiers are
 * one cell, the source number.
 */
#include <stdio.h>

#include "config_internal.h"
#include "dt.h"
#include "irqchip/plic.h"

#define IRQ_S_EXT 9U /* the supervisor external interrupt (privileged spec 4.1.3) */

static const char *const plic_compatible[] = {"sifive,plic-1.0.0", "riscv,plic0", NULL};

/* Each hart's supervisor context: its index among interrupts-extended's pairs. */
static int plic_contexts(const struct dt_node *node, struct hw_irqchip *ic, struct cfg_report *rep)
{
	u32 cells[4U * HW_MAX_CPUS], n = ARRAY_SIZE(cells);

	if (dt_u32_array(node->fdt, DT_OFF(node), "interrupts-extended", cells, &n) < 0 || n % 2U) {
		return cfg_diag(rep, CFG_E_HW, -1, false,
				"%s: interrupts-extended missing, not <phandle irq> pairs or over "
				"%u contexts",
				ic->path, 2U * HW_MAX_CPUS);
	}
	for (u32 ctx = 0; ctx < n / 2U; ctx++) {
		u64 hart;

		if (cells[2U * ctx + 1U] != IRQ_S_EXT || ic->ntargets == HW_MAX_CPUS) {
			continue;
		}
		if (irqchip_intc_cpu(node->fdt, cells[2U * ctx], &hart) < 0) {
			return cfg_diag(rep, CFG_E_HW, -1, false,
					"%s: interrupts-extended context %u: no CPU interrupt "
					"controller with that phandle",
					ic->path, ctx);
		}
		ic->targets[ic->ntargets].cpu_id = hart;
		ic->targets[ic->ntargets++].target = ctx;
	}
	return 0;
}

static int plic_probe(const struct dt_node *node, struct hw_irqchip *ic, struct cfg_report *rep)
{
	u32 ndev = 0;
	int ret = dt_node_reg(node, 0, true, &ic->reg[0].base, &ic->reg[0].size);

	if (ret < 0) {
		return cfg_diag(rep, CFG_E_HW, -1, false,
				"%s: reg missing or cannot be translated (error %d)", ic->path,
				ret);
	}
	ic->nregs = 1;
	ic->variant = 1;
	if (dt_u32(node->fdt, DT_OFF(node), "riscv,ndev", &ndev) || !ndev ||
	    ndev >= PLIC_MAX_SRCS) {
		return cfg_diag(rep, CFG_E_HW, -1, false, "%s: riscv,ndev missing or not 1..%u",
				ic->path, PLIC_MAX_SRCS - 1U);
	}
	ic->nr_irqs = ndev + 1U;
	return plic_contexts(node, ic, rep);
}

/* <source>: any source 1..ndev can go to a VM. */
static enum cfg_err plic_xlate(const struct hw_irqchip *ic, const u32 *spec, irqid_t *irq,
			       char *why, size_t len)
{
	if (spec[0] != 0U) {
		*irq = spec[0];
		return CFG_OK;
	}
	(void)snprintf(why, len, "is source 0, which does not exist");
	return CFG_E_VALUE;
}

static void plic_assignable(const struct hw_irqchip *ic, struct irq_range *r)
{
	r->first = 1;
	r->last = ((ic->nr_irqs != 0U) ? ic->nr_irqs : PLIC_MAX_SRCS) - 1U;
	r->what = "a source of the PLIC";
}

static const char *plic_window_name(const struct hw_irqchip *ic, const void *fdt, int node,
				    u32 index)
{
	return "PLIC register window";
}

static void plic_describe(const struct hw_irqchip *ic, char *buf, size_t len)
{
	(void)snprintf(buf, len, "PLIC %s: 0x%llx, %u sources, %u hart contexts", ic->path,
		       ULL(ic->reg[0].base), ic->nr_irqs ? ic->nr_irqs - 1U : 0U, ic->ntargets);
}

IRQCHIP_DRIVER(plic_driver) = {
	.name = "PLIC",
	.compatible = plic_compatible,
	.min_cells = 1,
	.probe = plic_probe,
	.xlate = plic_xlate,
	.assignable = plic_assignable,
	.window_name = plic_window_name,
	.describe = plic_describe,
	.ops = IRQCHIP_OPS(plic_ops),
};
