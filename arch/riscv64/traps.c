// SPDX-License-Identifier: Apache-2.0
/* Traps from guests (scause decoding: privileged spec 4.1.9, 8.6.1) and hypervisor faults. */
#include "arch/cpu.h"
#include "arch/vcpu.h"
#include "console.h"
#include "cpu.h"
#include "csr.h"
#include "guest_mem.h"
#include "inject.h"
#include "irqchip/irqchip.h"
#include "sbi.h"
#include "vm.h"
#include "vplic.h"

/* The guest-physical address of a guest-page fault: htval holds it shifted right by 2 (8.2.11). */
static u64 fault_gpa(void)
{
	return (csr_read(htval) << 2) | (csr_read(stval) & 3);
}

/* A load or store instruction's operand: its register, width, signedness. */
struct ls {
	u32 reg, width, len;
	bool store, sign;
};

/* Standard loads (opcode 0x03) and stores (0x23), RV64I (ISA manual 2.6, 5.3). */
static bool decode_std(u32 ins, struct ls *d)
{
	u32 f3 = (ins >> 12) & 7U;

	if ((ins & 0x7fU) == 0x03U && f3 != 7U) {
		*d = (struct ls){(ins >> 7) & 31U, 1U << (f3 & 3U), 4, false, !(f3 & 4U)};
		return true;
	}
	if ((ins & 0x7fU) == 0x23U && f3 < 4U) {
		*d = (struct ls){(ins >> 20) & 31U, 1U << f3, 4, true, false};
		return true;
	}
	return false;
}

/* C.LW, C.LD, C.SW, C.SD and their sp-relative forms (ISA manual 16.3). */
static bool decode_compressed(u32 ins, struct ls *d)
{
	u32 f3 = (ins >> 13) & 7U, op = ins & 3U;
	u32 rs2p = ((ins >> 2) & 7U) + 8U, rdsp = (ins >> 7) & 31U, rs2sp = (ins >> 2) & 31U;

	if (f3 < 2U || f3 == 4U || f3 == 5U || op == 1U) {
		return false;
	}
	d->len = 2;
	d->store = f3 >= 6U;
	d->width = (f3 & 1U) ? 8 : 4;
	d->sign = true;
	d->reg = op == 0U ? rs2p : d->store ? rs2sp : rdsp;
	return true;
}

/*
 * The faulting load/store: from htinst when the hart gives it (8.6.3: a
 * transformed standard instruction, bit 1 clear if the original was
 * compressed), else fetched from the guest (guest_mem.c).
 */
static bool decode_access(const struct arch_regs *r, struct ls *d)
{
	u64 htinst = csr_read(htinst);
	u32 ins;

	if ((htinst & 1U) != 0U) {
		if (!decode_std((u32)htinst | 2U, d)) {
			return false;
		}
		d->len = (htinst & 2U) ? 4 : 2;
		return true;
	}
	if (!guest_fetch_insn(r->sepc, &ins)) {
		return false;
	}
	return (ins & 3U) == 3U ? decode_std(ins, d) : decode_compressed(ins, d);
}

static enum mmio_result emulate_mmio(struct vcpu *vcpu, struct arch_regs *r, bool store)
{
	struct mmio_access acc = {.ipa = fault_gpa(), .write = store};
	struct ls d;
	enum mmio_result res;
	u64 mask;

	if (!decode_access(r, &d) || d.store != store) {
		return vm_mmio_no_syndrome(vcpu, acc.ipa, store);
	}
	acc.width = d.width;
	mask = d.width < 8U ? (1UL << (8U * d.width)) - 1U : ~0UL;
	if (store) {
		acc.value = r->x[d.reg] & mask;
	}
	res = vm_mmio_emulate(vcpu, &acc);
	if (res != MMIO_DONE) {
		return res;
	}
	if (!store && d.reg != 0U) {
		u64 v = acc.value & mask;

		if (d.sign && d.width < 8U && (v >> (8U * d.width - 1U)) & 1U) {
			v |= ~mask;
		}
		r->x[d.reg] = v;
	}
	r->sepc += d.len;
	return MMIO_DONE;
}

/* A guest-page fault: an emulated device, or an access outside the VM's map. */
static void guest_fault(struct vcpu *vcpu, struct arch_regs *r, u64 cause)
{
	bool store = cause == EXC_STORE_GUEST_FAULT;
	u64 gpa = fault_gpa();

	if (cause != EXC_INST_GUEST_FAULT) {
		switch (emulate_mmio(vcpu, r, store)) {
		case MMIO_DONE:
			return;
		case MMIO_REFUSED: /* the device is there, the access was wrong: an access fault */
			inject_exception(r, store ? EXC_STORE_ACCESS : EXC_LOAD_ACCESS,
					 csr_read(stval));
			return;
		default:
			break;
		}
	}
	vm_access_fault(vcpu,
			cause == EXC_INST_GUEST_FAULT
				? "G-stage instruction fault"
				: "G-stage page fault (no mapping or no permission)",
			cause, gpa); /* returns under fault-policy inject */
	inject_exception(r,
			 cause == EXC_INST_GUEST_FAULT ? EXC_INST_ACCESS
			 : store		       ? EXC_STORE_ACCESS
						       : EXC_LOAD_ACCESS,
			 csr_read(stval));
}

/* External interrupts: each source the PLIC gives this hart, until none is left. */
static void external_irqs(struct vcpu *vcpu)
{
	irqid_t irq;
	u32 cookie;

	while (irqchip_ack(&irq, &cookie)) {
		if (vcpu && vplic_inject_hw(vcpu, irq, cookie)) {
			continue; /* completed when the guest completes it (vplic.c) */
		}
		irqchip_complete(cookie);
		if (!cpu_handle_irq(irq)) {
			log_warn("CPU %u: unexpected interrupt %u", this_cpu()->id, irq);
		}
	}
}

static void interrupt(struct vcpu *vcpu, u64 code)
{
	switch (code) {
	case IRQ_S_SOFT:
		csr_clear(sip, IRQ_BIT(IRQ_S_SOFT));
		(void)cpu_handle_irq(ARCH_IRQ_IPI);
		break;
	case IRQ_S_EXT:
		external_irqs(vcpu);
		break;
	case IRQ_S_TIMER: /* the guest's timer, without Sstc (sbi.c): now due */
		csr_clear(sie, IRQ_BIT(IRQ_S_TIMER));
		csr_set(hvip, IRQ_BIT(IRQ_VS_TIMER));
		break;
	default:
		log_warn("CPU %u: unexpected interrupt cause %lu", this_cpu()->id, code);
	}
}

/* The trap vector's (vectors.S): a trap from a guest, then one taken in the hypervisor. */
void riscv_trap(struct arch_regs *r);
void riscv_hyp_trap(struct arch_regs *r);

void riscv_trap(struct arch_regs *r)
{
	struct vcpu *vcpu = vcpu_current();
	u64 cause = csr_read(scause);

	if ((cause & SCAUSE_IRQ) != 0U) {
		interrupt(vcpu, cause & ~SCAUSE_IRQ);
	} else {
		switch (cause) {
		case EXC_ECALL_VS:
			r->sepc += 4U;
			sbi_emulate(vcpu, r);
			break;
		case EXC_INST_GUEST_FAULT:
		case EXC_LOAD_GUEST_FAULT:
		case EXC_STORE_GUEST_FAULT:
			guest_fault(vcpu, r, cause);
			break;
		case EXC_VIRTUAL_INST:
			vcpu_warn(vcpu,
				  "instruction 0x%lx at pc 0x%lx: not emulated, illegal "
				  "instruction injected",
				  csr_read(stval), r->sepc);
			inject_exception(r, EXC_INST_ILLEGAL, csr_read(stval));
			break;
		default:
			vm_fault(vcpu, "unexpected trap", cause, csr_read(stval));
		}
	}
	vplic_sync(vcpu);
}

/* A trap taken in the hypervisor itself: an expected guest-read fault, or a bug. */
void riscv_hyp_trap(struct arch_regs *r)
{
	u64 cause = csr_read(scause);

	if (!(cause & SCAUSE_IRQ) && guest_mem_fault(r)) {
		return;
	}
	console_break_lock(); /* the fault may have hit while the console lock was held */
	printk(LOG_PREFIX "PANIC: hypervisor trap on hart %lu: scause 0x%lx sepc 0x%lx stval "
			  "0x%lx htval 0x%lx\n",
	       arch_cpu_current_id(), cause, r->sepc, csr_read(stval), csr_read(htval));
	arch_regs_print(r);
	printk(LOG_PREFIX "this CPU is stopped\n");
	for (;;) {
		wfi();
	}
}
