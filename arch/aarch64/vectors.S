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

/*
 * IRQs. The hot path, in assembly, re-arms a hardware-backed interrupt of the
 * running vCPU (the virtual timer's next tick, a pass-through device's next
 * interrupt) on GICv3: acknowledge (ICC_IAR1_EL1), and if the interrupt is
 * enabled, not pending or active, still booked to the list register where its
 * previous instance completed (ICH_ELRSR_EL2), and nothing else waits, drop
 * the priority (ICC_EOIR1_EL1, EOImode 1) and write that list register again:
 * pending, HW, group 1 (IHI 0069H 12.4.6). Everything else goes to C. Only the
 * state this CPU owns is written; the checks read fields other CPUs change
 * only under the vGIC lock, and a racing change kicks this CPU (vgic_kick).
 */
guest_irq_entry:
	sub	sp, sp, #ARCH_REGS_SIZE
	stp	x0, x1, [sp, #16 * 0]
	stp	x2, x3, [sp, #16 * 1]
	stp	x4, x5, [sp, #16 * 2]
	stp	x6, x7, [sp, #16 * 3]
	ldr	x0, =HYP_VGIC_HOT_VA
	ldr	x1, [x0, #HOT_CPU]
	cbz	x1, irq_not_acked
	mrs	x2, S3_0_C12_C12_0	/* ICC_IAR1_EL1 */
	cmp	w2, #32
	b.hs	1f
	add	x3, x1, x2, lsl #VIRQ_SHIFT	/* an SGI or PPI: cpu->priv[intid] */
	b	2f
1:	ldr	w4, [x0, #HOT_NSPIS]	/* an SPI: spis[intid - 32], in this vCPU's list register */
	sub	w3, w2, #32
	cmp	w3, w4
	b.hs	irq_c
	ldr	x4, [x0, #HOT_SPIS]
	add	x3, x4, x3, lsl #VIRQ_SHIFT
	ldrb	w4, [x3, #VIRQ_LR_VCPU]
	ldr	w5, [x0, #HOT_VCPU_ID]
	cmp	w4, w5
	b.ne	irq_c
2:	ldrb	w4, [x3, #VIRQ_FLAGS]
	and	w4, w4, #VIRQ_HOT_MASK
	cmp	w4, #VIRQ_HOT_WANT
	b.ne	irq_c
	ldr	w4, [x1, #VCPU_NPENDING]
	cbnz	w4, irq_c
	ldrb	w4, [x3, #VIRQ_LR]
	mrs	x5, S3_4_C12_C11_5	/* ICH_ELRSR_EL2: the empty list registers */
	ldr	w6, [x1, #VCPU_LR_USED]
	and	x5, x5, x6		/* finished but still booked */
	mov	x6, #1
	lsl	x6, x6, x4
	cmp	x5, x6			/* exactly its own */
	b.ne	irq_c
	msr	S3_0_C12_C12_1, x2	/* ICC_EOIR1_EL1: priority drop */
	ldrb	w5, [x3, #VIRQ_PRIO]
	orr	x6, x2, x2, lsl #32	/* vINTID = pINTID */
	orr	x6, x6, #(7 << 60)	/* pending, HW, group 1 */
	orr	x6, x6, x5, lsl #48
	adr	x7, 3f
	add	x7, x7, x4, lsl #3
	br	x7
3:
	msr	S3_4_C12_C12_0, x6	/* ICH_LR0_EL2 */
	b	6f
	msr	S3_4_C12_C12_1, x6	/* ICH_LR1_EL2 */
	b	6f
	msr	S3_4_C12_C12_2, x6	/* ICH_LR2_EL2 */
	b	6f
	msr	S3_4_C12_C12_3, x6	/* ICH_LR3_EL2 */
	b	6f
	msr	S3_4_C12_C12_4, x6	/* ICH_LR4_EL2 */
	b	6f
	msr	S3_4_C12_C12_5, x6	/* ICH_LR5_EL2 */
	b	6f
	msr	S3_4_C12_C12_6, x6	/* ICH_LR6_EL2 */
	b	6f
	msr	S3_4_C12_C12_7, x6	/* ICH_LR7_EL2 */
	b	6f
	msr	S3_4_C12_C13_0, x6	/* ICH_LR8_EL2 */
	b	6f
	msr	S3_4_C12_C13_1, x6	/* ICH_LR9_EL2 */
	b	6f
	msr	S3_4_C12_C13_2, x6	/* ICH_LR10_EL2 */
	b	6f
	msr	S3_4_C12_C13_3, x6	/* ICH_LR11_EL2 */
	b	6f
	msr	S3_4_C12_C13_4, x6	/* ICH_LR12_EL2 */
	b	6f
	msr	S3_4_C12_C13_5, x6	/* ICH_LR13_EL2 */
	b	6f
	msr	S3_4_C12_C13_6, x6	/* ICH_LR14_EL2 */
	b	6f
	msr	S3_4_C12_C13_7, x6	/* ICH_LR15_EL2 */
	b	6f
6:	ldp	x0, x1, [sp, #16 * 0]
	ldp	x2, x3, [sp, #16 * 1]
	ldp	x4, x5, [sp, #16 * 2]
	ldp	x6, x7, [sp, #16 * 3]
	add	sp, sp, #ARCH_REGS_SIZE
	eret

/*
 * The C part: arch_irq_entry never touches the guest frame, so only what a
 * call may clobber is saved (AAPCS64: x0-x18, x30; ELR/SPSR_EL2 stay live,
 * nothing at EL2 takes an exception). If it needs the whole frame (an IPI:
 * events may rewrite the guest's registers) the frame is completed, x19-x29
 * still holding the guest's values, for arch_trap_irq.
 */
irq_not_acked:
	mov	w2, #ARCH_IRQ_NONE
irq_c:
	stp	x8, x9, [sp, #16 * 4]
	stp	x10, x11, [sp, #16 * 5]
	stp	x12, x13, [sp, #16 * 6]
	stp	x14, x15, [sp, #16 * 7]
	stp	x16, x17, [sp, #16 * 8]
	str	x18, [sp, #16 * 9]
	str	x30, [sp, #16 * 15]
	mov	w0, w2
	bl	arch_irq_entry
	cmn	w0, #1			/* ARCH_IRQ_NONE: handled */
	b.ne	1f
	ldp	x0, x1, [sp, #16 * 0]
	ldp	x2, x3, [sp, #16 * 1]
	ldp	x4, x5, [sp, #16 * 2]
	ldp	x6, x7, [sp, #16 * 3]
	ldp	x8, x9, [sp, #16 * 4]
	ldp	x10, x11, [sp, #16 * 5]
	ldp	x12, x13, [sp, #16 * 6]
	ldp	x14, x15, [sp, #16 * 7]
	ldp	x16, x17, [sp, #16 * 8]
	ldr	x18, [sp, #16 * 9]
	ldr	x30, [sp, #16 * 15]
	add	sp, sp, #ARCH_REGS_SIZE
	eret
1:	str	x19, [sp, #16 * 9 + 8]
	stp	x20, x21, [sp, #16 * 10]
	stp	x22, x23, [sp, #16 * 11]
	stp	x24, x25, [sp, #16 * 12]
	stp	x26, x27, [sp, #16 * 13]
	stp	x28, x29, [sp, #16 * 14]
	mrs	x1, elr_el2
	str	x1, [sp, #16 * 15 + 8]
	mrs	x1, spsr_el2
	str	x1, [sp, #16 * 16]
	mov	w1, w0
	mov	x0, sp
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
