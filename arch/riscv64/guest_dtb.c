// SPDX-License-Identifier: Apache-2.0
/*
 * RISC-V's part of a guest's DTB (arch contract: hyp/include/arch/guest_dtb.h):
 * each vCPU a RISC-V hart node (hart id n: vcpu.c starts vCPU n with a0 = n),
 * started by SBI HSM, which needs no DT property; the PLIC node describes the
 * virtual PLIC, and every 16550 is the VM's vuart or a device it owns.
 * Bindings: Linux Documentation/devicetree/bindings/riscv/cpus.yaml,
 * interrupt-controller/sifive,plic-1.0.0.yaml, serial/8250.yaml.
 */
#include <stdio.h>

#include "arch/guest_dtb.h"
#include "console.h"
#include "cpu.h"
#include "dt.h"
#include "dt_write.h"
#include "guest_dtb.h"

static int set_if_missing(void *fdt, int node, const char *prop, const char *value)
{
	if (fdt_getprop(fdt, node, prop, NULL) != NULL) {
		return 0;
	}
	return fdt_setprop_string(fdt, node, prop, value);
}

int arch_guest_dtb_fixup(void *fdt, int cpus, const struct cfg_vm *c)
{
	int ret = 0;
	char name[16];

	for (u32 i = 0; i < c->ncpus && ret >= 0; i++) {
		int node;

		(void)snprintf(name, sizeof(name), "cpu@%x", i);
		node = fdt_subnode_offset(fdt, cpus, name);
		ret = node < 0 ? node : set_if_missing(fdt, node, "device_type", "cpu");
		ret = ret < 0 ? ret : set_if_missing(fdt, node, "compatible", "riscv");
	}
	return ret;
}

/* The guest DTB's PLIC node, or a negative libfdt error. */
static int plic_node(const void *fdt)
{
	int node = fdt_node_offset_by_compatible(fdt, -1, "sifive,plic-1.0.0");

	return node >= 0 ? node : fdt_node_offset_by_compatible(fdt, -1, "riscv,plic0");
}

/*
 * The PLIC binding's specifier (Linux Documentation/devicetree/bindings/
 * interrupt-controller/sifive,plic-1.0.0.yaml): the source, and with
 * #interrupt-cells = <2> its flags (1 = rising edge, what a doorbell is).
 */
int arch_guest_dtb_irq(void *fdt, irqid_t irq, u32 *parent, u32 cells[4], u32 *n)
{
	int node = plic_node(fdt), len, ret;
	const fdt32_t *ic = node < 0 ? NULL : fdt_getprop(fdt, node, "#interrupt-cells", &len);
	u32 ncells = ic && len == 4 ? fdt32_to_cpu(*ic) : 0U;

	if (node < 0) {
		return node;
	}
	if (ncells != 1U && ncells != 2U) {
		return -FDT_ERR_BADNCELLS;
	}
	*parent = fdt_get_phandle(fdt, node);
	if (!*parent) {
		ret = fdt_generate_phandle(fdt, parent);
		ret = ret < 0 ? ret : fdt_setprop_u32(fdt, node, "phandle", *parent);
		if (ret < 0) {
			return ret;
		}
	}
	cells[0] = irq;
	cells[1] = 1;
	*n = ncells;
	return 0;
}

/* The guest's PLIC node, if it has one, must be where the virtual PLIC is. */
static int check_plic(const void *fdt, const struct cfg_vm *c)
{
	int node = plic_node(fdt);

	if (node < 0) {
		return 0;
	}
	return guest_dtb_check_reg(fdt, node, 0, hyp_hw.irqchip.reg[0].base, "PLIC", c);
}

int arch_guest_dtb_check(const void *fdt, const struct cfg_vm *c)
{
	return check_plic(fdt, c) || guest_dtb_check_uarts(fdt, c, "ns16550a") ? -1 : 0;
}
