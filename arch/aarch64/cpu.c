// SPDX-License-Identifier: Apache-2.0
/* Physical CPU control at EL2: trap setup, secondary start (PSCI or spin-table), power off. */
#include <string.h>

#include "arch/cpu.h"
#include "arch/mmu.h"
#include "arch/hw.h"
#include "console.h"
#include "irqchip/gic.h"
#include "mem.h"
#include "psci.h"
#include "sysreg.h"

/*
 * CNTHCTL_EL2 (D13.8.1): EL1 may read the physical counter and use the EL1
 * physical timer. With one vCPU per CPU, and the hypervisor using no timer,
 * the guest owns its CPU's timer outright: nothing traps, its interrupt (PPI
 * 30) is forwarded like the virtual timer's.
 */
#define CNTHCTL_EL1PCTEN (1UL << 0)
#define CNTHCTL_EL1PCEN	 (1UL << 1)
/* CPTR_EL2 (D13.2.30): RES1 bits; FP/SIMD not trapped (the hypervisor never uses them). */
#define CPTR_EL2_RES1	 0x33ffUL

extern char hyp_vectors[], secondary_entry[];
/* boot.S: one entry per CPU (its SECONDARY_TABLE_ENTRIES is HW_MAX_CPUS, asm_offsets.c). */
extern u64 secondary_boot_table[HW_MAX_CPUS][2];

/* Calls the firmware's PSCI (SMC conduit) from EL2. */
static s64 psci_fw_call(u32 fid, u64 a1, u64 a2, u64 a3)
{
	register u64 x0 __asm__("x0") = fid;
	register u64 x1 __asm__("x1") = a1;
	register u64 x2 __asm__("x2") = a2;
	register u64 x3 __asm__("x3") = a3;

	/* SMC Calling Convention (DEN 0028): x0 = function, x1..x3 = arguments. */
	__asm__ volatile("smc #0" : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3)::"memory");
	return (s64)x0;
}

u64 arch_cpu_current_id(void)
{
	return arch_cpu_id(sysreg_read(mpidr_el1));
}

void arch_ipi_send(cpuid_t cpu)
{
	gic_send_sgi(cpu, GIC_SGI_IPI);
}

bool arch_irq_is_ipi(irqid_t irq)
{
	return irq == GIC_SGI_IPI;
}

void arch_cpu_init(void)
{
	sysreg_write(vbar_el2, (u64)hyp_vectors);
	sysreg_write(cptr_el2, CPTR_EL2_RES1);
	sysreg_write(cnthctl_el2, CNTHCTL_EL1PCTEN | CNTHCTL_EL1PCEN);
	sysreg_write(cntvoff_el2, 0);
	/* MDCR_EL2.HPMN = PMCR_EL0.N: the guest owns every PMU counter (for measurements). */
	sysreg_write(mdcr_el2, (sysreg_read(pmcr_el0) >> 11) & 0x1f);
	/* Physical interrupts always target EL2, so WFI in the idle loop wakes on them. */
	sysreg_write(hcr_el2, HCR_RW | HCR_IMO | HCR_FMO);
	isb();
}

/* CNTPCT_EL0 scaled by CNTFRQ_EL0 (Arm ARM D11.1.2); split so the product cannot overflow. */
u64 arch_cpu_counter(void)
{
	isb();
	return sysreg_read(cntpct_el0);
}

u64 arch_counter_to_ns(u64 ticks)
{
	u64 f = sysreg_read(cntfrq_el0);

	if (!f) {
		return 0;
	}
	return ticks / f * 1000000000UL + ticks % f * 1000000000UL / f;
}

u64 arch_cpu_counter_ns(void)
{
	return arch_counter_to_ns(arch_cpu_counter());
}

void arch_cpu_wait(void)
{
	wfi();
}

void arch_cpu_wake_all(void)
{
	dsb(ish);
	sev();
}

void arch_cpu_wait_until(u64 until_ns)
{
	/* Polls: QEMU runs a CPU that PSCI CPU_ON started at once (its start is queued work). */
	(void)until_ns;
}

/*
 * Writes n words at physical address pa through the window (the boot table
 * sits in the boot page, read-only and executable: boot.S), cleaned for a CPU
 * that reads them with its MMU off.
 */
static int write_for_mmu_off(paddr_t pa, const u64 *v, u32 n)
{
	u64 *p = mem_window_map(pa, 8U * n);

	if (!p) {
		return PSCI_E_INTERNAL;
	}
	(void)memcpy(p, v, 8U * n);
	arch_dcache_clean(p, 8U * n);
	mem_window_unmap(8U * n);
	return 0;
}

static int spin_table_release(const struct hw_cpu *cpu, paddr_t entry)
{
	if (write_for_mmu_off(cpu->arch.release_addr, &entry, 1) != 0) {
		return PSCI_E_INTERNAL;
	}
	dsb(sy);
	sev();
	return 0;
}

int arch_cpu_start(const struct hw *hw, const struct hw_cpu *cpu, paddr_t root_pa)
{
	u64 table_entry[2] = {cpu->arch_id, root_pa};
	u32 i = 0;

	while (i < HW_MAX_CPUS && secondary_boot_table[i][0] != ~0ULL &&
	       secondary_boot_table[i][0] != cpu->arch_id) {
		i++;
	}
	if (i == HW_MAX_CPUS) {
		log_err("secondary boot table full");
		return PSCI_E_INTERNAL;
	}
	if (write_for_mmu_off(mem_va_to_pa(secondary_boot_table[i]), table_entry, 2) != 0) {
		return PSCI_E_INTERNAL;
	}
	if (cpu->arch.enable == CPU_ENABLE_SPIN_TABLE) {
		return spin_table_release(cpu, mem_va_to_pa(secondary_entry));
	}
	if (hw->arch.psci != PSCI_CONDUIT_SMC) {
		return PSCI_E_NOT_SUPPORTED;
	}
	/* QEMU wants the affinity fields only (MPIDR bit 31 clear). */
	return (int)psci_fw_call(PSCI_CPU_ON | PSCI_SMC64, arch_cpu_id(cpu->arch_id),
				 mem_va_to_pa(secondary_entry), 0);
}

const char *arch_cpu_start_method(const struct hw_cpu *cpu)
{
	return cpu->arch.enable == CPU_ENABLE_SPIN_TABLE ? "spin-table" : "PSCI CPU_ON";
}

void arch_cpu_off(const struct hw *hw)
{
	if (hw->arch.psci == PSCI_CONDUIT_SMC) {
		(void)psci_fw_call(PSCI_CPU_OFF, 0, 0, 0); /* returns only on failure: wfi below */
	}
	for (;;) {
		wfi();
	}
}

void arch_system_off(const struct hw *hw)
{
	if (hw->arch.psci == PSCI_CONDUIT_SMC) {
		(void)psci_fw_call(PSCI_SYSTEM_OFF, 0, 0, 0);
	}
	log_info("system halted (no PSCI SYSTEM_OFF)");
	for (;;) {
		wfi();
	}
}
