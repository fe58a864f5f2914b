// SPDX-License-Identifier: Apache-2.0
/*
 * AArch64's part of a guest's DTB (arch contract: hyp/include/arch/guest_dtb.h):
 * vCPUs start by PSCI through HVC (the hypervisor emulates PSCI: psci.c),
 * the GIC node describes the vGIC, and every PL011 is the VM's vuart or a
 * device it owns. Bindings: Linux Documentation/devicetree/bindings/
 * arm/cpus.yaml, arm/psci.yaml, interrupt-controller/arm,gic*.yaml.
 */
#include <stdio.h>

#include "arch/guest_dtb.h"
#include "console.h"
#include "cpu.h"
#include "dt.h"
#include "dt_write.h"
#include "guest_dtb.h"
#include "irqchip/gic.h"

static const char psci_compat[] = "arm,psci-1.0\0"
				  "arm,psci-0.2\0"
				  "arm,psci";

/* vCPU n has MPIDR affinity n (vcpu.c) and starts by PSCI CPU_ON. */
static int fix_cpus(void *fdt, int cpus, u32 ncpus)
{
	int ret = 0;
	char name[16];

	for (u32 i = 0; i < ncpus && ret >= 0; i++) {
		int node;

		(void)snprintf(name, sizeof(name), "cpu@%x", i);
		node = fdt_subnode_offset(fdt, cpus, name);
		ret = node < 0 ? node : dtw_set_string(fdt, node, "enable-method", "psci");
		if (ret >= 0 && !fdt_getprop(fdt, node, "compatible", NULL)) {
			ret = dtw_set_string(fdt, node, "compatible", "arm,armv8");
		}
	}
	return ret;
}

static int fix_psci(void *fdt)
{
	int node = fdt_node_offset_by_compatible(fdt, -1, "arm,psci-0.2");
	int ret;

	if (node < 0) {
		node = fdt_node_offset_by_compatible(fdt, -1, "arm,psci");
	}
	if (node < 0) {
		node = dtw_subnode(fdt, 0, "psci");
	}
	ret = node < 0 ? node
		       : fdt_setprop(fdt, node, "compatible", psci_compat, sizeof(psci_compat));
	return ret < 0 ? ret : dtw_set_string(fdt, node, "method", "hvc");
}

int arch_guest_dtb_fixup(void *fdt, int cpus, const struct cfg_vm *c)
{
	int ret = fix_cpus(fdt, cpus, c->ncpus);

	return ret < 0 ? ret : fix_psci(fdt);
}

/* The guest DTB's node of the GIC the VM has (the hardware's version), or a negative error. */
static int gic_node(const void *fdt)
{
	const struct hw_irqchip *g = &hyp_hw.irqchip;
	int node = fdt_node_offset_by_compatible(
		fdt, -1, g->variant == 3U ? "arm,gic-v3" : "arm,cortex-a15-gic");

	if (node < 0 && g->variant == 2U) {
		node = fdt_node_offset_by_compatible(fdt, -1, "arm,gic-400");
	}
	return node;
}

/*
 * The GIC binding's 3-cell specifier (Linux Documentation/devicetree/bindings/
 * interrupt-controller/arm,gic.yaml, arm,gic-v3.yaml): type 0 = SPI (INTID - 32),
 * 1 = PPI (INTID - 16); flags 1 = rising edge, what a doorbell is (vgic_pending.c).
 */
int arch_guest_dtb_irq(void *fdt, irqid_t irq, u32 *parent, u32 cells[4], u32 *n)
{
	int node = gic_node(fdt), len;
	const fdt32_t *ic = node < 0 ? NULL : fdt_getprop(fdt, node, "#interrupt-cells", &len);
	int ret;

	if (node < 0) {
		return node;
	}
	if (!ic || len != 4 || fdt32_to_cpu(*ic) != 3U || irq < 16U) {
		return -FDT_ERR_BADNCELLS;
	}
	ret = dtw_phandle(fdt, node, parent);
	if (ret < 0) {
		return ret;
	}
	/* MISRA misreading 10.6: a conditional of two constants is not composite */
	cells[0] = (irq >= 32U) ? 0U : 1U;
	cells[1] = irq >= 32U ? irq - 32U : irq - 16U;
	cells[2] = 1;
	*n = 3;
	return 0;
}

/* The guest's GIC node must describe the vGIC the VM really has. */
static int check_gic(const void *fdt, const struct cfg_vm *c)
{
	const struct hw_irqchip *g = &hyp_hw.irqchip;
	int node = gic_node(fdt);

	if (node < 0) {
		log_err("%s: guest DTB has no GICv%u node (the hardware, so the VM, has a GICv%u) "
			"[%s]",
			c->path, g->variant, g->variant, cfg_strerror(CFG_E_IMAGE));
		return -1;
	}
	if (guest_dtb_check_reg(fdt, node, 0, g->reg[GIC_DIST].base, "GIC distributor", c) != 0) {
		return -1;
	}
	return guest_dtb_check_reg(
		fdt, node, 1, g->reg[GIC_REDIST].base, /* v2: GICC */
		g->variant == 3U ? "GIC redistributor region" : "GIC CPU interface", c);
}

int arch_guest_dtb_check(const void *fdt, const struct cfg_vm *c)
{
	return check_gic(fdt, c) || guest_dtb_check_uarts(fdt, c, "arm,pl011") ? -1 : 0;
}
