/* SPDX-License-Identifier: Apache-2.0 */
/*
 * EL2 exception vectors (Arm ARM D1.10.2: VBAR_EL2 + 0x000 current EL SP0,
 * 0x200 current EL SPx, 0x400 lower EL AArch64, 0x600 lower EL AArch32).
 * A trap from a guest saves its registers in the frame at the top of this
 * CPU's stack (struct arch_regs); the frame is restored by arch_vcpu_resume.
 */
#include "arch_layout.h"

.macro save_guest
	sub	sp, sp, #ARCH_REGS_SIZE
	stp	x0, x1, [sp, #16 * 0]
	stp	x2, x3, [sp, #16 * 1]
	stp	x4, x5, [sp, #16 * 2]
	stp	x6, x7, [sp, #16 * 3]
	stp	x8, x9, [sp, #16 * 4]
	stp	x10, x11, [sp, #16 * 5]
	stp	x12, x13, [sp, #16 * 6]
	stp	x14, x15, [sp, #16 * 7]
	stp	x16, x17, [sp, #16 * 8]
	stp	x18, x19, [sp, #16 * 9]
	stp	x20, x21, [sp, #16 * 10]
	stp	x22, x23, [sp, #16 * 11]
	stp	x24, x25, [sp, #16 * 12]
	stp	x26, x27, [sp, #16 * 13]
	stp	x28, x29, [sp, #16 * 14]
	mrs	x0, elr_el2
	stp	x30, x0, [sp, #16 * 15]
	mrs	x0, spsr_el2
	str	x0, [sp, #16 * 16]
	mov	x0, sp
.endm

.macro ventry label
	.balign	0x80
	b	\label
.endm

	.section .text
	.balign	0x800
	.globl	hyp_vectors
hyp_vectors:
	ventry	hyp_fault_entry		/* current EL, SP0 */
	ventry	hyp_fault_entry
	ventry	hyp_fault_entry
	ventry	hyp_fault_entry
	ventry	hyp_fault_entry		/* current EL, SPx: a hypervisor bug */
	ventry	hyp_fault_entry
	ventry	hyp_fault_entry
	ventry	hyp_fault_entry
	ventry	guest_sync_entry	/* lower EL, AArch64 */
	ventry	guest_irq_entry
	ventry	guest_irq_entry		/* FIQ: treated as IRQ */
	ventry	guest_serror_entry
	ventry	guest_serror_entry	/* lower EL, AArch32: not supported (HCR.RW = 1) */
	ventry	guest_serror_entry
	ventry	guest_serror_entry
	ventry	guest_serror_entry

guest_sync_entry:
	save_guest
	bl	arch_trap_sync
	b	arch_vcpu_resume

guest_irq_entry:
	save_guest
	bl	arch_trap_irq
	b	arch_vcpu_resume

guest_serror_entry:
	save_guest
	bl	arch_trap_serror
	b	arch_vcpu_resume

hyp_fault_entry:
	save_guest
	bl	arch_hyp_fault		/* prints and parks this CPU */
1:	wfe
	b	1b

/* Restores the guest frame at HYP_VCPU_REGS_VA and returns to the guest. */
	.globl	arch_vcpu_resume
arch_vcpu_resume:
	ldr	x0, =HYP_VCPU_REGS_VA
	mov	sp, x0
	ldr	x0, [sp, #16 * 16]
	msr	spsr_el2, x0
	ldp	x30, x0, [sp, #16 * 15]
	msr	elr_el2, x0
	ldp	x0, x1, [sp, #16 * 0]
	ldp	x2, x3, [sp, #16 * 1]
	ldp	x4, x5, [sp, #16 * 2]
	ldp	x6, x7, [sp, #16 * 3]
	ldp	x8, x9, [sp, #16 * 4]
	ldp	x10, x11, [sp, #16 * 5]
	ldp	x12, x13, [sp, #16 * 6]
	ldp	x14, x15, [sp, #16 * 7]
	ldp	x16, x17, [sp, #16 * 8]
	ldp	x18, x19, [sp, #16 * 9]
	ldp	x20, x21, [sp, #16 * 10]
	ldp	x22, x23, [sp, #16 * 11]
	ldp	x24, x25, [sp, #16 * 12]
	ldp	x26, x27, [sp, #16 * 13]
	ldp	x28, x29, [sp, #16 * 14]
	add	sp, sp, #ARCH_REGS_SIZE
	eret
	dsb	nsh
	isb

/* x0 = function; continues on this CPU's private stack (never returns). */
	.globl	arch_cpu_switch_stack
arch_cpu_switch_stack:
	ldr	x1, =HYP_VCPU_REGS_VA
	mov	sp, x1
	br	x0
