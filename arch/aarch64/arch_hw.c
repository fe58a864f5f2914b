// SPDX-License-Identifier: Apache-2.0
/*
 * AArch64's part of the hardware model and of the configuration layer (arch
 * contract: hyp/include/arch/hw.h). Pure: hyp/config.mk compiles it into the
 * checker and the host tests too. Bindings: Linux Documentation/devicetree/
 * bindings/arm/cpus.yaml (enable-method, cpu-release-addr) and arm/psci.yaml.
 */
#include <stdio.h>
#include <string.h>

#include "config_internal.h"
#include "dt.h"
#include "irqchip/gic.h"
#include "irqchip/irqchip.h"

/* PSCI's compatibles, newest first (arm/psci.yaml). */
const char *const arch_hw_compatible[] = {"arm,psci-1.0", "arm,psci-0.2", "arm,psci", NULL};

BOOT_ONLY void arch_hw_parse_cpu(const void *fdt, struct hw_cpu *cpu, struct cfg_report *rep)
{
	const char *method = dt_string(fdt, cpu->node, "enable-method");

	cpu->arch.enable = CPU_ENABLE_NONE;
	if (!method) {
		/* the boot CPU needs no enable-method (hw_parse's caller knows which it is) */
	} else if (!strcmp(method, "psci")) {
		cpu->arch.enable = CPU_ENABLE_PSCI;
	} else if (!strcmp(method, "spin-table")) {
		if (dt_u64(fdt, cpu->node, "cpu-release-addr", &cpu->arch.release_addr) == 0) {
			cpu->arch.enable = CPU_ENABLE_SPIN_TABLE;
		} else {
			(void)cfg_diag(rep, CFG_E_HW, -1, true,
				       "%s: enable-method \"spin-table\" without a valid "
				       "cpu-release-addr: CPU cannot be started",
				       cpu->path);
		}
	} else {
		(void)cfg_diag(rep, CFG_E_HW, -1, true,
			       "%s: enable-method \"%s\" not supported: CPU cannot be started",
			       cpu->path, method);
	}
	cpu->startable = cpu->arch.enable != CPU_ENABLE_NONE;
}

/* The PSCI conduit; CPUs that would start by PSCI cannot without one. */
BOOT_ONLY int arch_hw_parse(const void *fdt, int node, struct hw *hw, struct cfg_report *rep)
{
	char path[CFG_PATH_MAX];
	const char *method = node >= 0 ? dt_string(fdt, node, "method") : NULL;

	hw->ipa_bits = ARCH_IPA_BITS;
	hw->s2_start_level = 1U; /* VTCR_EL2.SL0 = 1: vcpu.c */
	hw->arch.psci = PSCI_CONDUIT_NONE;
	if (method && !strcmp(method, "smc")) {
		hw->arch.psci = PSCI_CONDUIT_SMC;
	} else if (method && !strcmp(method, "hvc")) {
		hw->arch.psci = PSCI_CONDUIT_HVC;
	} else if (node >= 0) {
		(void)dt_path(fdt, node, path, sizeof(path));
		(void)cfg_diag(rep, CFG_E_HW, -1, true,
			       "%s: method \"%s\" is not \"smc\" or \"hvc\"", path,
			       method ? method : "");
	} else {
		/* no PSCI node: no conduit, nothing to report */
	}
	for (u32 i = 0; i < hw->ncpus && hw->arch.psci == PSCI_CONDUIT_NONE; i++) {
		if (hw->cpus[i].arch.enable != CPU_ENABLE_PSCI) {
			continue;
		}
		hw->cpus[i].arch.enable = CPU_ENABLE_NONE;
		hw->cpus[i].startable = false;
		(void)cfg_diag(rep, CFG_E_HW, -1, true,
			       "%s: enable-method \"psci\" but no usable PSCI node "
			       "(compatible \"arm,psci*\", method): CPU cannot be started",
			       hw->cpus[i].path);
	}
	return 0;
}

/* MPIDR_EL1's affinity fields Aff3, Aff2, Aff1, Aff0 (Arm ARM D13.2.86): bit 31 and MT aside. */
u64 arch_cpu_id(u64 id)
{
	return id & 0xff00ffffffUL;
}

/*
 * The vGIC's emulated distributor, and the redistributors (GICv3) or the
 * virtual CPU interface mapped where the guest expects its GICC (GICv2),
 * are at the physical GIC's addresses in every VM (vgic.c).
 */
u32 arch_cfg_vm_windows(const struct hw *hw, const struct cfg_vm *vm, struct arch_vm_window *w,
			u32 max)
{
	const struct hw_irqchip *ic = &hw->irqchip;
	u32 n = 0;

	if (!ic->drv || max < 2U) {
		return 0;
	}
	w[n++] = (struct arch_vm_window){ic->reg[GIC_DIST].base, ic->reg[GIC_DIST].size,
					 "the emulated GIC distributor"};
	w[n++] = (struct arch_vm_window){ic->reg[GIC_REDIST].base, ic->reg[GIC_REDIST].size,
					 ic->variant == 3U ? "the GIC redistributors"
							   : "the GIC CPU interface"};
	return n;
}

/* The vGIC gives a VM the GIC's SPIs: its virtual ones are numbered as the physical ones. */
BOOT_ONLY void arch_cfg_virq_range(const struct hw *hw, struct irq_range *r)
{
	irqchip_assignable(&hw->irqchip, r);
}

const char *arch_hw_cpu_method(const struct hw_cpu *cpu)
{
	return cpu->arch.enable == CPU_ENABLE_PSCI	   ? "psci"
	       : cpu->arch.enable == CPU_ENABLE_SPIN_TABLE ? "spin-table"
							   : "none";
}

void arch_hw_describe(const struct hw *hw, char *buf, size_t len)
{
	(void)snprintf(buf, len, "PSCI %s",
		       hw->arch.psci == PSCI_CONDUIT_SMC   ? "smc"
		       : hw->arch.psci == PSCI_CONDUIT_HVC ? "hvc"
							   : "none");
}
