// SPDX-License-Identifier: Apache-2.0
/*
 * vCPU state on this hart: the guest's VS-mode CSRs at reset and the H
 * extension's controls for it (privileged spec 8.2: hstatus, hgatp,
 * htimedelta; Sstc's vstimecmp).
 */
#include <string.h>

#include "arch/vcpu.h"
#include "console.h"
#include "csr.h"
#include "irqchip/aplic.h"
#include "vm.h"
#include "vplic.h"

struct arch_regs *arch_vcpu_regs(void)
{
	return (struct arch_regs *)HYP_VCPU_REGS_VA;
}

static void reset_vs_state(void)
{
	csr_write(vsstatus, 0);
	csr_write(vsie, 0);
	csr_write(vstvec, 0);
	csr_write(vsscratch, 0);
	csr_write(vsepc, 0);
	csr_write(vscause, 0);
	csr_write(vstval, 0);
	csr_write(vsatp, 0);
	csr_write(hvip, 0);
	/*
	 * henvcfg.STCE (Sstc 1.0; privileged spec 8.2.18): the guest's stimecmp is
	 * vstimecmp, which it may write itself. Set here, per vCPU start, because
	 * whether every hart has Sstc is known only once the hardware DTB is read,
	 * after the boot hart's arch_cpu_init.
	 */
	csr_write(henvcfg, hyp_hw.arch.sstc ? HENVCFG_STCE : 0UL);
	if (hyp_hw.arch.sstc) {
		csr_write(vstimecmp, ~0UL); /* no timer interrupt until the guest sets one */
	}
}

/*
 * AIA (spec v1.0, chapter 5): with hstatus.VGEIN = g the guest's VS-level
 * siselect/sireg/stopei (its vsiselect, vsireg, vstopei) are guest file g of
 * the hart's IMSIC, and that file's pending-and-enabled state is its VSEIP.
 * A vCPU with a guest file starts with it empty and off (3.8: eidelivery,
 * eithreshold, every eip and eie word 0), written here through vsiselect and
 * vsireg with VGEIN set (CSRs 0x250, 0x251).
 */
static void vs_file_write(u64 sel, u64 v)
{
	__asm__ volatile("csrw 0x250, %0\n\tcsrw 0x251, %1" ::"r"(sel), "r"(v) : "memory");
}

/*
 * False if the hart has no such file (aplic.c found hgeie without its bit
 * and said so at boot): vsireg would then be an illegal instruction here, and
 * the guest faults at its own first access instead.
 */
static bool reset_guest_file(cpuid_t cpu)
{
	if (!aplic_vm_file_ok(cpu)) {
		return false;
	}
	csr_clear(hstatus, HSTATUS_VGEIN_MASK);
	csr_set(hstatus, (u64)APLIC_VM_GUEST << HSTATUS_VGEIN_SHIFT);
	vs_file_write(ISELECT_EIDELIVERY, 0U);
	vs_file_write(ISELECT_EITHRESHOLD, 0U);
	for (u32 w = 0; w <= (hyp_hw.irqchip.msi_ids / 64U); w++) {
		vs_file_write(ISELECT_EIP0 + (2U * w), 0U);
		vs_file_write(ISELECT_EIE0 + (2U * w), 0U);
	}
	return true;
}

/*
 * The guest starts in VS-mode (sret with hstatus.SPV = 1, sstatus.SPP = 1:
 * 8.6.5) with interrupts off and satp 0, a0 = its hart id (vcpu->id), a1 =
 * arg (the DTB, or HSM's opaque), at entry (the image's load address): Linux's
 * RISC-V boot protocol (Documentation/arch/riscv/boot.rst). The hart's
 * floating-point unit is the guest's (the hypervisor never uses it, and a hart
 * runs one vCPU): with V = 1 the HS-level sstatus.FS gates it too (privileged
 * spec 8.2.11, vsstatus), so FS = Initial; the guest's vsstatus.FS does the rest.
 */
void arch_vcpu_reset(struct vcpu *vcpu, u64 entry, u64 arg)
{
	struct arch_regs *r = arch_vcpu_regs();
	struct vm *vm = vcpu->vm;

	(void)memset(r, 0, sizeof(*r));
	r->x[10] = vcpu->id;
	r->x[11] = arg;
	r->sepc = entry;
	r->sstatus = SSTATUS_SPP | SSTATUS_FS_INITIAL;
	r->hstatus = HSTATUS_SPV | HSTATUS_SPVP | HSTATUS_VSXL_64;
	reset_vs_state();
	if (vm->arch.vplic.msi && reset_guest_file(vcpu->pcpu)) {
		r->hstatus |= (u64)APLIC_VM_GUEST << HSTATUS_VGEIN_SHIFT;
	}
	csr_write(htimedelta, vm->arch.htimedelta);
	csr_write(hgatp, ((u64)hyp_hw.arch.gstage << HGATP_MODE_SHIFT) |
				 ((u64)(vm->id + 1) << HGATP_VMID_SHIFT) | (vm->s2.root_pa >> 12));
	__asm__ volatile(".option push\n.option arch, +h\nhfence.gvma\n.option pop" ::: "memory");
	vplic_sync(vcpu);
}

void arch_regs_print(const struct arch_regs *r)
{
	for (u32 i = 1; i < 31U; i += 3U) {
		printk("  x%-2u %016lx  x%-2u %016lx  x%-2u %016lx\n", i, r->x[i], i + 1U,
		       r->x[i + 1U], i + 2U, r->x[i + 2U]);
	}
	printk("  x31 %016lx\n", r->x[31]);
}

void arch_vcpu_dump(const struct vcpu *vcpu)
{
	const struct arch_regs *r = arch_vcpu_regs();

	arch_regs_print(r);
	printk("  pc  %016lx  vsstatus %016lx  vsatp %016lx  vstvec %016lx\n", r->sepc,
	       csr_read(vsstatus), csr_read(vsatp), csr_read(vstvec));
}

/*
 * This hart's vCPU is off: its timer must not wake the idle loop, nothing
 * stays pending (nor does its guest file drive VSEIP any more).
 */
void arch_vcpu_quiesce(void)
{
	csr_clear(hstatus, HSTATUS_VGEIN_MASK);
	if (hyp_hw.arch.sstc) {
		csr_write(vstimecmp, ~0UL);
	}
	csr_clear(sie, IRQ_BIT(IRQ_S_TIMER));
	csr_write(hvip, 0);
}
