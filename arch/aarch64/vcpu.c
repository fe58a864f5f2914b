// SPDX-License-Identifier: Apache-2.0
/* vCPU state on this physical CPU: guest EL1 reset state and EL2 controls. */
#include <string.h>

#include "arch/mmu.h"
#include "arch/vcpu.h"
#include "console.h"
#include "irqchip/irqchip.h"
#include "sysreg.h"
#include "vgic.h"
#include "vm.h"

/*
 * HCR_EL2 for a guest (D13.2.48): stage 2 on, physical IRQ/FIQ/SError routed
 * to EL2, SMC trapped (the hypervisor emulates PSCI), set/way cache
 * maintenance trapped (done as clean and invalidate, traps.c), the
 * IMPLEMENTATION DEFINED registers trapped (undefined for the guest),
 * broadcast barriers inner shareable, EL1 in AArch64.
 */
#define HCR_GUEST                                                                          \
	(HCR_VM | HCR_SWIO | HCR_PTW | HCR_FMO | HCR_IMO | HCR_AMO | HCR_FB | HCR_BSU_IS | \
	 HCR_TSC | HCR_TIDCP | HCR_TSW | HCR_RW)
/*
 * VTCR_EL2 (D13.2.151): ARCH_IPA_BITS of IPA (T0SZ = 64 - bits), start level
 * 1 (SL0 = 1, which 39 bits with 4K pages need: D8.2.2), WB WA walks, inner
 * shareable, 4K.
 */
_Static_assert(ARCH_IPA_BITS == 39, "SL0 = 1 starts a 39-bit IPA walk (arch_hw.c: level 1)");
#define VTCR_GUEST \
	((64UL - ARCH_IPA_BITS) | (1UL << 6) | (1UL << 8) | (1UL << 10) | (3UL << 12) | (1UL << 31))

struct arch_regs *arch_vcpu_regs(void)
{
	return (struct arch_regs *)HYP_VCPU_REGS_VA;
}

static void reset_el1_state(void)
{
	sysreg_write(sctlr_el1, SCTLR_EL1_RES1);
	sysreg_write(ttbr0_el1, 0);
	sysreg_write(ttbr1_el1, 0);
	sysreg_write(tcr_el1, 0);
	sysreg_write(mair_el1, 0);
	sysreg_write(vbar_el1, 0);
	sysreg_write(cpacr_el1, 0);
	sysreg_write(cntkctl_el1, 0);
	sysreg_write(cntv_ctl_el0, 0);
	sysreg_write(cntp_ctl_el0, 0);
	sysreg_write(tpidr_el1, 0);
	sysreg_write(sp_el1, 0);
	sysreg_write(sp_el0, 0);
}

void arch_vcpu_reset(struct vcpu *vcpu, u64 entry, u64 arg)
{
	struct arch_regs *r = arch_vcpu_regs();
	u64 parange = sysreg_read(id_aa64mmfr0_el1) & 7;

	(void)memset(r, 0, sizeof(*r));
	r->x[0] = arg;
	r->elr = entry;
	r->spsr = SPSR_EL1H_MASKED;
	reset_el1_state();
	sysreg_write(vpidr_el2, sysreg_read(midr_el1));
	sysreg_write(vmpidr_el2, (1UL << 31) | vcpu->id);
	sysreg_write(vtcr_el2, VTCR_GUEST | (parange << 16));
	sysreg_write(vttbr_el2, ((u64)(vcpu->vm->id + 1) << 48) | vcpu->vm->s2.root_pa);
	sysreg_write(cntvoff_el2, vcpu->vm->arch.cntvoff); /* per VM (D13.8.24) */
	sysreg_write(hcr_el2, HCR_GUEST);
	isb();
	vgic_vcpu_reset(vcpu);
	__asm__ volatile("tlbi vmalls12e1" ::: "memory");
	dsb(nsh);
	isb();
}

void arch_regs_print(const struct arch_regs *r)
{
	for (u32 i = 0; i < 30U; i += 3U) {
		printk("  x%-2u %016lx  x%-2u %016lx  x%-2u %016lx\n", i, r->x[i], i + 1U,
		       r->x[i + 1U], i + 2U, r->x[i + 2U]);
	}
}

void arch_vcpu_dump(const struct vcpu *vcpu)
{
	const struct arch_regs *r = arch_vcpu_regs();

	arch_regs_print(r);
	printk("  x30 %016lx  pc  %016lx  spsr %08lx\n", r->x[30], r->elr, r->spsr);
	printk("  sp_el1 %016lx  sctlr_el1 %08lx  far_el1 %016lx\n", sysreg_read(sp_el1),
	       sysreg_read(sctlr_el1), sysreg_read(far_el1));
}

/*
 * This CPU's vCPU stopped: its timers must not keep firing at an idle CPU
 * (the guest may have left them armed), so they are disabled (Arm ARM
 * D11.2.4, CNTV_CTL_EL0 / CNTP_CTL_EL0.ENABLE) and their PPIs masked until the
 * next vCPU reset.
 */
void arch_vcpu_quiesce(void)
{
	vgic_hot_set(NULL);
	sysreg_write(cntv_ctl_el0, 0);
	sysreg_write(cntp_ctl_el0, 0);
	isb();
	irqchip_set_enable(IRQ_VTIMER, this_cpu()->id, false);
	irqchip_set_enable(IRQ_PTIMER, this_cpu()->id, false);
}
