/* SPDX-License-Identifier: Apache-2.0 */
/*
 * HS-mode trap entry (stvec, direct mode: privileged spec 4.1.2) and the way
 * back into the guest. While a guest runs, sscratch holds the address of this
 * CPU's guest register frame (HYP_VCPU_REGS_VA); while the hypervisor runs it
 * holds 0, so a trap tells the two apart by swapping it with sp (as Linux's
 * entry does with its kernel stack). A guest trap saves the guest's registers in
 * the frame (struct arch_regs) and runs riscv_trap; a hypervisor trap saves a
 * frame on its own stack and runs riscv_hyp_trap, which returns only for a
 * fault it expected (a guest memory read, guest_mem.c).
 */
#include "arch_layout.h"
#include "asm_offsets.h"	/* generated from C (asm_offsets.c) */

#define REG(n)	(8 * (n))

.macro frame op
	\op	x1, REG(1)(sp)
	\op	x3, REG(3)(sp)
	\op	x4, REG(4)(sp)
	\op	x5, REG(5)(sp)
	\op	x6, REG(6)(sp)
	\op	x7, REG(7)(sp)
	\op	x8, REG(8)(sp)
	\op	x9, REG(9)(sp)
	\op	x10, REG(10)(sp)
	\op	x11, REG(11)(sp)
	\op	x12, REG(12)(sp)
	\op	x13, REG(13)(sp)
	\op	x14, REG(14)(sp)
	\op	x15, REG(15)(sp)
	\op	x16, REG(16)(sp)
	\op	x17, REG(17)(sp)
	\op	x18, REG(18)(sp)
	\op	x19, REG(19)(sp)
	\op	x20, REG(20)(sp)
	\op	x21, REG(21)(sp)
	\op	x22, REG(22)(sp)
	\op	x23, REG(23)(sp)
	\op	x24, REG(24)(sp)
	\op	x25, REG(25)(sp)
	\op	x26, REG(26)(sp)
	\op	x27, REG(27)(sp)
	\op	x28, REG(28)(sp)
	\op	x29, REG(29)(sp)
	\op	x30, REG(30)(sp)
	\op	x31, REG(31)(sp)
.endm

	.text
	.balign	4
	.globl	hyp_trap_entry
hyp_trap_entry:
	csrrw	sp, sscratch, sp
	beqz	sp, from_hyp
	frame	sd			/* sp = the guest frame; sscratch = the guest's sp */
	csrrw	t0, sscratch, zero
	sd	t0, REG(2)(sp)
	csrr	t0, sepc
	sd	t0, REGS_SEPC(sp)
	csrr	t0, sstatus
	sd	t0, REGS_SSTATUS(sp)
	csrr	t0, hstatus
	sd	t0, REGS_HSTATUS(sp)
	li	t0, HYP_CPU_VA		/* tp: this hart's id, from its struct cpu */
	ld	tp, CPU_ARCH_ID(t0)
	mv	a0, sp
	call	riscv_trap
	j	arch_vcpu_resume

from_hyp:				/* sscratch = the hypervisor's sp, sp = 0 */
	csrrw	sp, sscratch, zero
	addi	sp, sp, -ARCH_REGS_SIZE
	frame	sd
	addi	t0, sp, ARCH_REGS_SIZE
	sd	t0, REG(2)(sp)
	csrr	t0, sepc
	sd	t0, REGS_SEPC(sp)
	csrr	t0, sstatus
	sd	t0, REGS_SSTATUS(sp)
	csrr	t0, hstatus
	sd	t0, REGS_HSTATUS(sp)
	mv	a0, sp
	call	riscv_hyp_trap		/* returns only when the fault was expected */
	ld	t0, REGS_SEPC(sp)
	csrw	sepc, t0
	frame	ld
	addi	sp, sp, ARCH_REGS_SIZE
	sret

/* Restores the guest frame at HYP_VCPU_REGS_VA and returns to the guest (V = 1). */
	.globl	arch_vcpu_resume
arch_vcpu_resume:
	li	sp, HYP_VCPU_REGS_VA
	ld	t0, REGS_SEPC(sp)
	csrw	sepc, t0
	ld	t0, REGS_SSTATUS(sp)
	csrw	sstatus, t0
	ld	t0, REGS_HSTATUS(sp)
	csrw	hstatus, t0
	csrw	sscratch, sp
	frame	ld
	ld	sp, REG(2)(sp)
	sret

/* a0 = function; continues on this CPU's private stack (never returns). */
	.globl	arch_cpu_switch_stack
arch_cpu_switch_stack:
	li	sp, HYP_VCPU_REGS_VA
	jr	a0

/*
 * u64 guest_load_hu(u64 va, ...): a0 = the halfword at the running guest's
 * virtual address va, fetched as the guest would (HLVX.HU, privileged spec
 * 8.3.1), a1 = 0; or a1 = 1 if the load faulted: riscv_hyp_trap recognises a
 * fault at guest_load_insn (guest_mem_fault), sets a1 and steps over it.
 */
	.globl	guest_load_hu, guest_load_insn
guest_load_hu:
	li	a1, 0
	.option	push
	.option	arch, +h
guest_load_insn:
	hlvx.hu	a0, (a0)
	.option	pop
	ret
