// SPDX-License-Identifier: Apache-2.0
/* Traps from guests (ESR_EL2 decoding, Arm ARM D13.2.37) and hypervisor faults. */
#include "arch/vcpu.h"
#include "console.h"
#include "cpu.h"
#include "hypercall.h"
#include "irqchip.h"
#include "psci.h"
#include "sysreg.h"
#include "vgic.h"
#include "vm.h"

/* IPA of a stage-2 abort: HPFAR_EL2.FIPA holds IPA[47:12] in bits [43:4] (D13.2.55). */
static u64 fault_ipa(void)
{
	return ((sysreg_read(hpfar_el2) >> 4) << 12) | (sysreg_read(far_el2) & 0xfff);
}

static void handle_call(struct vcpu *vcpu, struct arch_regs *r)
{
	u64 fid = r->x[0], ret[4] = {(u64)TESSERA_E_NOT_SUPPORTED, 0, 0, 0};

	if (psci_is_call(fid)) {
		psci_emulate(vcpu, r);
		return;
	}
	if (hypercall_is_ours(fid))
		hypercall_handle(vcpu, fid, &r->x[1], ret);
	/* Unknown SMCCC functions return NOT_SUPPORTED (-1) in x0 (DEN 0028, 5.2). */
	for (u32 i = 0; i < 4; i++)
		r->x[i] = ret[i];
}

/*
 * A refused access to an emulated register ends as a bus error would: a
 * synchronous external abort taken to the guest's EL1 (Arm ARM D1.10.2):
 * ESR_EL1 EC 0x25 from EL1 or 0x24 from EL0 with DFSC 0x10 (D13.2.37),
 * ELR_EL1 the access, FAR_EL1 its VA (FAR_EL2), SPSR_EL1 the interrupted
 * PSTATE; the vector is VBAR_EL1 + 0x000 from EL1 with SP_EL0, 0x200 with
 * SP_EL1, 0x400 from EL0 in AArch64, 0x600 from EL0 in AArch32.
 */
static __attribute__((noinline, cold)) void inject_data_abort(struct arch_regs *r, u64 esr)
{
	u64 m = r->spsr & SPSR_M_MASK, vector, ec = EC_DABT_CUR;

	if (m == SPSR_M_EL1T) {
		vector = 0x000;
	} else if (m == SPSR_M_EL1H) {
		vector = 0x200;
	} else {
		vector = (m & SPSR_M_AARCH32) ? 0x600 : 0x400;
		ec = EC_DABT_LOW;
	}
	sysreg_write(esr_el1, (ec << 26) | (esr & (ESR_IL | ESR_WNR)) | DFSC_SYNC_EXTERNAL);
	sysreg_write(far_el1, sysreg_read(far_el2));
	sysreg_write(elr_el1, r->elr);
	sysreg_write(spsr_el1, r->spsr);
	r->elr = sysreg_read(vbar_el1) + vector;
	r->spsr = SPSR_EL1H_MASKED;
}

/*
 * A stage-2 data abort with a valid syndrome (ESR_EL2.ISV, D13.2.39: SAS access
 * size, SSE sign extension, SRT register, SF 64-bit register, WnR) on an
 * emulated region is emulated and the guest resumes after the instruction.
 */
static enum mmio_result emulate_mmio(struct vcpu *vcpu, struct arch_regs *r, u64 esr)
{
	struct mmio_access acc = {.ipa = fault_ipa(), .width = 1U << ESR_SAS(esr)};
	u64 mask = acc.width < 8 ? (1UL << (8 * acc.width)) - 1 : ~0UL;
	u32 srt = ESR_SRT(esr);
	enum mmio_result res;

	acc.write = esr & ESR_WNR;
	if (!(esr & ESR_ISV))
		return vm_mmio_no_syndrome(vcpu, acc.ipa, acc.write);
	if (acc.write)
		acc.value = (srt == 31 ? 0 : r->x[srt]) & mask;
	res = vm_mmio_emulate(vcpu, &acc);
	if (res != MMIO_DONE)
		return res;
	if (!acc.write && srt != 31) {
		u64 v = acc.value & mask;

		if ((esr & ESR_SSE) && acc.width < 8 && (v >> (8 * acc.width - 1)) & 1)
			v |= ~mask;
		r->x[srt] = (esr & ESR_SF) ? v : (u32)v;
	}
	r->elr += 4;
	return MMIO_DONE;
}

static __attribute__((noinline)) void data_abort(struct vcpu *vcpu, struct arch_regs *r, u64 esr)
{
	switch (emulate_mmio(vcpu, r, esr)) {
	case MMIO_DONE:
		return;
	case MMIO_REFUSED:
		inject_data_abort(r, esr);
		return;
	default:
		vm_fault(vcpu, "stage-2 data abort (no mapping or no permission)", esr,
			 fault_ipa());
	}
}

void arch_trap_sync(struct arch_regs *r)
{
	struct vcpu *vcpu = vcpu_current();
	u64 esr = sysreg_read(esr_el2);

	switch (ESR_EC(esr)) {
	case EC_HVC64:
		handle_call(vcpu, r);
		break;
	case EC_SMC64:
		r->elr += 4; /* a trapped SMC returns to itself (D13.2.37, EC 0x17) */
		handle_call(vcpu, r);
		break;
	case EC_DABT_LOW:
		data_abort(vcpu, r, esr);
		break;
	case EC_SYSREG:
		if (vgic_sysreg_trap(vcpu, r, esr))
			break;
		vm_fault(vcpu, "trapped system register access", esr, r->elr);
	case EC_IABT_LOW:
		vm_fault(vcpu, "stage-2 instruction abort", esr, fault_ipa());
	default:
		vm_fault(vcpu, "unexpected trap", esr, sysreg_read(far_el2));
	}
	vgic_flush(vcpu);
}

/*
 * The IRQ handler behind the hot path (vectors.S), with raw the INTID it
 * acknowledged (ARCH_IRQ_NONE: none yet). It runs with only the caller-saved
 * guest registers saved, so it must not use the frame. Drops the priority
 * (EOImode 1, IHI 0069H 4.1.1) and injects what belongs to the vCPU; returns
 * ARCH_IRQ_NONE when done, or the INTID for arch_trap_irq.
 */
u32 arch_irq_entry(u32 raw)
{
	irqid_t irq;

	if (raw == ARCH_IRQ_NONE)
		raw = irqchip_ack();
	irq = IRQ_ID(raw);
	if (irq == IRQ_SPURIOUS)
		return ARCH_IRQ_NONE;
	irqchip_eoi(raw);
	if (irq == IRQ_IPI)
		return raw;
	if (irq != IRQ_MAINTENANCE && vgic_inject_hw(vcpu_current(), irq))
		return ARCH_IRQ_NONE; /* the guest's deactivation deactivates it */
	irqchip_deactivate(raw);
	if (irq != IRQ_MAINTENANCE && !cpu_handle_irq(irq)) /* console input */
		log_warn("CPU %u: unexpected physical interrupt %u", this_cpu()->id, irq);
	vgic_flush(vcpu_current());
	return ARCH_IRQ_NONE;
}

/* An IPI, with the whole guest frame saved. */
void arch_trap_irq(struct arch_regs *r, irqid_t raw)
{
	irqchip_deactivate(raw);
	cpu_handle_irq(IRQ_ID(raw));
	vgic_flush(vcpu_current());
}

void arch_trap_serror(struct arch_regs *r)
{
	vm_fault(vcpu_current(), "SError or AArch32 exception", sysreg_read(esr_el2),
		 sysreg_read(far_el2));
}

void arch_hyp_fault(struct arch_regs *r)
{
	u64 esr = sysreg_read(esr_el2);

	console_break_lock(); /* the fault may have hit while the console lock was held */
	printk(LOG_PREFIX
	       "PANIC: hypervisor exception on CPU MPIDR 0x%lx: ESR_EL2 0x%lx (EC 0x%lx) "
	       "ELR_EL2 0x%lx FAR_EL2 0x%lx\n",
	       sysreg_read(mpidr_el1) & 0xffffff, esr, ESR_EC(esr), sysreg_read(elr_el2),
	       sysreg_read(far_el2));
	arch_regs_print(r);
	printk("  x30 %016lx  sp %016lx  spsr %08lx\n", r->x[30], (u64)r + sizeof(*r),
	       sysreg_read(spsr_el2));
	printk(LOG_PREFIX "this CPU is stopped\n");
}
