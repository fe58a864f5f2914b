// SPDX-License-Identifier: Apache-2.0
/* Traps from guests (ESR_EL2 decoding, Arm ARM D13.2.37) and hypervisor faults. */
#include "arch/vcpu.h"
#include "console.h"
#include "cpu.h"
#include "hypercall.h"
#include "inject.h"
#include "irqchip/gic.h"
#include "psci.h"
#include "sysreg.h"
#include "traps.h"
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
	if (hypercall_is_ours(fid)) {
		hypercall_handle(vcpu, fid, &r->x[1], ret);
	}
	/* Unknown SMCCC functions return NOT_SUPPORTED (-1) in x0 (DEN 0028, 5.2). */
	for (u32 i = 0; i < 4U; i++) {
		r->x[i] = ret[i];
	}
}

/*
 * A stage-2 data abort with a valid syndrome (ESR_EL2.ISV, D13.2.39: SAS access
 * size, SSE sign extension, SRT register, SF 64-bit register, WnR) on an
 * emulated region is emulated and the guest resumes after the instruction.
 */
static enum mmio_result emulate_mmio(struct vcpu *vcpu, struct arch_regs *r, u64 esr)
{
	struct mmio_access acc = {.ipa = fault_ipa(), .width = 1U << ESR_SAS(esr)};
	u64 mask = acc.width < 8U ? (1UL << (8U * acc.width)) - 1U : ~0UL;
	u32 srt = (u32)ESR_SRT(esr);
	enum mmio_result res;

	acc.write = esr & ESR_WNR;
	if (!(esr & ESR_ISV)) {
		return vm_mmio_no_syndrome(vcpu, acc.ipa, acc.write);
	}
	if (acc.write) {
		acc.value = (srt == 31U ? 0U : r->x[srt]) & mask;
	}
	res = vm_mmio_emulate(vcpu, &acc);
	if (res != MMIO_DONE) {
		return res;
	}
	if (!acc.write && srt != 31U) {
		u64 v = acc.value & mask;

		if ((esr & ESR_SSE) && acc.width < 8U && (v >> (8U * acc.width - 1U)) & 1U) {
			v |= ~mask;
		}
		r->x[srt] = (esr & ESR_SF) ? v : (u32)v;
	}
	r->elr += 4U;
	return MMIO_DONE;
}

/*
 * DC ISW, DC CSW, DC CISW (op0 1, op1 0, CRn 7, CRm 6/10/14, op2 2), trapped
 * by HCR_EL2.TSW: done for the guest as DC CISW on the same set/way, which is
 * what HCR_EL2.SWIO makes of an invalidate anyway (D13.2.48): no dirty line,
 * another VM's included, is ever discarded.
 */
static bool emulate_set_way(struct arch_regs *r, u64 esr)
{
	u32 crm = (u32)ISS_SYS_CRM(esr), rt = (u32)ISS_SYS_RT(esr);

	if (ISS_SYS_OP0(esr) != 1U || ISS_SYS_OP1(esr) != 0U || ISS_SYS_CRN(esr) != 7U ||
	    ISS_SYS_OP2(esr) != 2U || (crm != 6U && crm != 10U && crm != 14U)) {
		return false;
	}
	dc_cisw(rt == 31 ? 0 : r->x[rt]);
	r->elr += 4U;
	return true;
}

/*
 * A trapped system register access or instruction (EC 0x18) is emulated, or
 * the guest gets the Undefined Instruction exception, as KVM gives it: the
 * hypervisor traps only what it emulates and the IMPLEMENTATION DEFINED
 * registers (HCR_EL2.TIDCP), which a partition must not reach (some of them
 * control caches other CPUs share). Out of line: the warning's arguments
 * need a stack frame the hypercall path should not pay for.
 */
static __attribute__((noinline)) void handle_sysreg(struct vcpu *vcpu, struct arch_regs *r, u64 esr)
{
	if (vgic_sysreg_trap(vcpu, r, esr) || emulate_set_way(r, esr)) {
		return;
	}
	vcpu_warn(vcpu,
		  "%s S%lu_%lu_C%lu_C%lu_%lu at pc 0x%lx: not emulated, undefined instruction "
		  "injected",
		  ISS_SYS_READ(esr) ? "read of" : "write to", ISS_SYS_OP0(esr), ISS_SYS_OP1(esr),
		  ISS_SYS_CRN(esr), ISS_SYS_CRM(esr), ISS_SYS_OP2(esr), r->elr);
	inject_undef(r);
}

/* An access outside the VM's map: stops the VM, or the guest takes an external abort. */
static void access_fault(struct vcpu *vcpu, struct arch_regs *r, u64 esr, const char *what)
{
	vm_access_fault(vcpu, what, esr, fault_ipa()); /* returns under fault-policy inject */
	inject_abort(r, esr, sysreg_read(far_el2));
}

/*
 * A data abort on an emulated device is emulated; one the device refused
 * (mmio.c said why) ends as a bus error would, whatever the fault-policy:
 * the device is there, the access was wrong, and the guest takes a
 * synchronous external abort (inject.c). Anywhere else the VM's fault-policy
 * decides.
 */
static __attribute__((noinline)) void data_abort(struct vcpu *vcpu, struct arch_regs *r, u64 esr)
{
	switch (emulate_mmio(vcpu, r, esr)) {
	case MMIO_DONE:
		return;
	case MMIO_REFUSED:
		inject_abort(r, esr, sysreg_read(far_el2));
		return;
	default:
		access_fault(vcpu, r, esr, "stage-2 data abort (no mapping or no permission)");
		break;
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
		r->elr += 4U; /* a trapped SMC returns to itself (D13.2.37, EC 0x17) */
		handle_call(vcpu, r);
		break;
	case EC_DABT_LOW:
		data_abort(vcpu, r, esr);
		break;
	case EC_SYSREG:
		handle_sysreg(vcpu, r, esr);
		break;
	case EC_IABT_LOW:
		access_fault(vcpu, r, esr, "stage-2 instruction abort");
		break;
	default:
		vm_fault(vcpu, "unexpected trap", esr, sysreg_read(far_el2));
		break;
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

	if (raw == ARCH_IRQ_NONE) {
		raw = gic_ack();
	}
	irq = GIC_INTID(raw);
	if (irq == GIC_SPURIOUS) {
		return ARCH_IRQ_NONE;
	}
	gic_eoi(raw);
	if (irq == GIC_SGI_IPI) {
		return raw;
	}
	if (irq != IRQ_MAINTENANCE && vgic_inject_hw(vcpu_current(), irq)) {
		return ARCH_IRQ_NONE; /* the guest's deactivation deactivates it */
	}
	gic_deactivate(raw);
	if (irq != IRQ_MAINTENANCE && !cpu_handle_irq(irq)) { /* console input */
		log_warn("CPU %u: unexpected physical interrupt %u", this_cpu()->id, irq);
	}
	vgic_flush(vcpu_current());
	return ARCH_IRQ_NONE;
}

/* An IPI, with the whole guest frame saved. */
void arch_trap_irq(struct arch_regs *r, irqid_t raw)
{
	gic_deactivate(raw);
	(void)cpu_handle_irq(GIC_INTID(raw)); /* an IPI: always taken */
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
