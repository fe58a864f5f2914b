/* SPDX-License-Identifier: Apache-2.0 */
/*
 * EL2 exception vectors (Arm ARM D1.10.2: VBAR_EL2 + 0x000 current EL SP0,
 * 0x200 current EL SPx, 0x400 lower EL AArch64, 0x600 lower EL AArch32).
 * A trap from a guest saves its registers in the frame at the top of this
 * CPU's stack (struct arch_regs); the frame is restored by arch_vcpu_resume.
 */
#include "arch_layout.h"
#include "asm_offsets.h"	/* generated from C (asm_offsets.c): offsets, sizes, flag masks */

/* x<n> in the guest frame, struct arch_regs: x[] first, ELR_EL2 right after x30 (asserted). */
#define REG(n)		(8 * (n))
/* GICv2 CPU interface registers (IHI 0048B 4.4): hardware offsets, not a C structure's. */
#define GICC_IAR	0x0c
#define GICC_EOIR	0x10

/* The guest frame's x0-x11 (all the IRQ hot path uses), and the rest of what a call may clobber. */
.macro frame_low op
	\op	x0, x1, [sp, #REG(0)]
	\op	x2, x3, [sp, #REG(2)]
	\op	x4, x5, [sp, #REG(4)]
	\op	x6, x7, [sp, #REG(6)]
	\op	x8, x9, [sp, #REG(8)]
	\op	x10, x11, [sp, #REG(10)]
.endm

.macro frame_mid op
	\op	x12, x13, [sp, #REG(12)]
	\op	x14, x15, [sp, #REG(14)]
	\op	x16, x17, [sp, #REG(16)]
.endm

.macro frame_high op_pair, op_one
	frame_mid \op_pair
	\op_one	x18, [sp, #REG(18)]
	\op_one	x30, [sp, #REG(30)]
.endm

/* The callee-saved x20-x29 (x19 shares its pair with x18). */
.macro frame_callee op
	\op	x20, x21, [sp, #REG(20)]
	\op	x22, x23, [sp, #REG(22)]
	\op	x24, x25, [sp, #REG(24)]
	\op	x26, x27, [sp, #REG(26)]
	\op	x28, x29, [sp, #REG(28)]
.endm

.macro save_guest
	sub	sp, sp, #ARCH_REGS_SIZE
	frame_low stp
	frame_mid stp
	stp	x18, x19, [sp, #REG(18)]
	frame_callee stp
	mrs	x0, elr_el2
	stp	x30, x0, [sp, #REG(30)]	/* x30, then ELR_EL2 */
	mrs	x0, spsr_el2
	str	x0, [sp, #REGS_SPSR]
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
	.rept	8			/* current EL, SP0 and SPx: a hypervisor bug */
	ventry	hyp_fault_entry
	.endr
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
 * IRQs. The hot path, in assembly, injects a hardware-backed interrupt of the
 * running vCPU (the virtual timer's tick, a pass-through device's interrupt):
 * acknowledge it; under the VM's vGIC lock, if it is enabled, neither pending
 * nor active, nothing else waits and no finished list register awaits its
 * bookkeeping (empty & lr_used), drop the priority (EOImode 1) and write a
 * list register, pending. GICv3 (IHI 0069H 12.4.6): HW = 1, vINTID = pINTID,
 * the guest's deactivation deactivates the physical interrupt; the list
 * register its previous instance completed in is reused, or a free one taken.
 * GICv2 (IHI 0048B 5.3.11; no HW bit, see vgic.h): a free list register with
 * the EOI maintenance bit, the hypervisor deactivates it then. Everything
 * else goes to C.
 *
 * Why assembly: the C path alone (arch_irq_entry -> vgic_inject_hw ->
 * inject_fast, the same decisions) adds 258 instructions to the virtual
 * timer's interrupt on GICv3 and 263 on GICv2, this path 72 and 74
 * (tests/bench, suite against native-suite): the C path's calls through the
 * irqchip and list-register ops and the registers they clobber cost ~190.
 * Every offset, size and flag mask it uses comes from C (asm_offsets.c).
 */
.macro book_lr			/* x3 = virq, w4 = its flags, x5 = list register, w6 = lr_used */
	orr	w4, w4, #VIRQ_IN_LR
	strb	w4, [x3, #VIRQ_FLAGS]
	strb	w5, [x3, #VIRQ_LR]
	ldr	w11, [x0, #HOT_VCPU_ID]
	strb	w11, [x3, #VIRQ_LR_VCPU]
	mov	x10, #1
	lsl	x10, x10, x5
	orr	w6, w6, w10
	str	w6, [x1, #VGIC_CPU_LR_USED]
.endm

guest_irq_entry:
	sub	sp, sp, #ARCH_REGS_SIZE
	frame_low stp
	ldr	x0, =HYP_VGIC_HOT_VA
	ldr	x1, [x0, #HOT_CPU]
	cbz	x1, irq_not_acked
	ldr	x7, [x0, #HOT_GICC]	/* GICv2: the CPU interface; 0 on GICv3 */
	cbnz	x7, 1f
	mrs	x2, S3_0_C12_C12_0	/* ICC_IAR1_EL1 */
	b	2f
1:	ldr	w2, [x7, #GICC_IAR]	/* an SGI's source CPU makes it >= 1024: to C */
2:	cmp	w2, #32
	b.hs	1f
	add	x3, x1, x2, lsl #VIRQ_SHIFT	/* an SGI or PPI: cpu->priv[intid] */
	b	2f
1:	ldr	w4, [x0, #HOT_NSPIS]	/* an SPI: spis[intid - 32] */
	sub	w3, w2, #32
	cmp	w3, w4
	b.hs	irq_c
	ldr	x4, [x0, #HOT_SPIS]
	add	x3, x4, x3, lsl #VIRQ_SHIFT
2:	ldr	x8, [x0, #HOT_LOCK]	/* spin_lock (hyp/include/spinlock.h): a ticket, */
3:	ldxr	w9, [x8]
	add	w10, w9, #1
	stxr	w11, w10, [x8]
	cbnz	w11, 3b
	add	x8, x8, #SPINLOCK_OWNER	/* &lock->owner from here on */
4:	ldar	w10, [x8]		/* then the wait for its holder's section to end */
	cmp	w9, w10
	b.ne	4b
	ldrb	w4, [x3, #VIRQ_FLAGS]
	and	w5, w4, #VIRQ_HOT_MASK
	cmp	w5, #VIRQ_HOT_WANT
	b.ne	irq_unlock
	ldr	w5, [x1, #VGIC_CPU_NPENDING]
	cbnz	w5, irq_unlock
	ldr	w6, [x1, #VGIC_CPU_LR_USED]
	cbnz	x7, irq_v2
	mrs	x5, S3_4_C12_C11_5	/* ICH_ELRSR_EL2: the empty list registers */
	and	x7, x5, x6		/* finished, still booked */
	tbz	w4, #VIRQ_IN_LR_BIT, 5f
	ldrb	w10, [x3, #VIRQ_LR_VCPU] /* its previous instance: this vCPU's, finished, alone */
	ldr	w11, [x0, #HOT_VCPU_ID]
	cmp	w10, w11
	b.ne	irq_unlock
	ldrb	w5, [x3, #VIRQ_LR]
	lsr	x10, x7, x5
	cmp	x10, #1
	b.ne	irq_unlock
	lsl	x10, x10, x5
	cmp	x7, x10
	b.ne	irq_unlock
	b	7f
5:	cbnz	x7, irq_unlock		/* a free list register, booked to it now */
	bics	x5, x5, x6
	b.eq	irq_unlock
	rbit	x5, x5
	clz	x5, x5
	book_lr
7:	msr	S3_0_C12_C12_1, x2	/* ICC_EOIR1_EL1: priority drop */
	ldrb	w4, [x3, #VIRQ_PRIO]
	orr	x6, x2, x2, lsl #32	/* vINTID = pINTID */
	orr	x6, x6, #(7 << 60)	/* pending, HW, group 1 */
	orr	x6, x6, x4, lsl #48
	adr	x7, 8f
	add	x7, x7, x5, lsl #3
	br	x7
8:				/* ICH_LR0_EL2 .. ICH_LR7_EL2, then ICH_LR8_EL2 .. ICH_LR15_EL2 */
	.irp	crm, C12, C13
	.irp	op2, 0, 1, 2, 3, 4, 5, 6, 7
	msr	S3_4_C12_\crm\()_\op2, x6
	b	6f
	.endr
	.endr

irq_v2:				/* its previous list register was freed when it was deactivated */
	tbnz	w4, #VIRQ_IN_LR_BIT, irq_unlock
	ldr	x9, [x0, #HOT_GICH]
	ldr	w5, [x9, #GICH_ELRSR0]
	ldr	w10, [x9, #GICH_ELRSR0 + 4]
	orr	x5, x5, x10, lsl #32
	ldr	x10, [x0, #HOT_LR_MASK]
	and	x5, x5, x10
	tst	x5, x6			/* finished, still booked */
	b.ne	irq_unlock
	bics	x5, x5, x6
	b.eq	irq_unlock
	rbit	x5, x5
	clz	x5, x5
	book_lr
	str	w2, [x7, #GICC_EOIR]	/* priority drop */
	ldrb	w4, [x3, #VIRQ_PRIO]	/* GICH_LR (IHI 0048B 5.3.11): */
	orr	w6, w2, w4, lsl #GICH_LR_PRIO_SHIFT /* vINTID = pINTID, priority */
	orr	w6, w6, #GICH_LR_PENDING
	orr	w6, w6, #GICH_LR_EOI	/* we deactivate the physical one at its EOI */
	add	x9, x9, x5, lsl #2
	str	w6, [x9, #GICH_LR0]

6:	ldr	w9, [x8]		/* unlock */
	add	w9, w9, #1
	stlr	w9, [x8]
	frame_low ldp
	add	sp, sp, #ARCH_REGS_SIZE
	eret

irq_unlock:
	ldr	w9, [x8]
	add	w9, w9, #1
	stlr	w9, [x8]
	b	irq_c

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
	frame_high stp, str
	mov	w0, w2
	bl	arch_irq_entry
	cmn	w0, #1			/* ARCH_IRQ_NONE: handled */
	b.ne	1f
	frame_low ldp
	frame_high ldp, ldr
	add	sp, sp, #ARCH_REGS_SIZE
	eret
1:	str	x19, [sp, #REG(19)]
	frame_callee stp
	mrs	x1, elr_el2
	str	x1, [sp, #REGS_ELR]
	mrs	x1, spsr_el2
	str	x1, [sp, #REGS_SPSR]
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
	ldr	x0, [sp, #REGS_SPSR]
	msr	spsr_el2, x0
	ldp	x30, x0, [sp, #REG(30)]	/* x30, then ELR_EL2 */
	msr	elr_el2, x0
	frame_low ldp
	frame_mid ldp
	ldp	x18, x19, [sp, #REG(18)]
	frame_callee ldp
	add	sp, sp, #ARCH_REGS_SIZE
	eret
	dsb	nsh
	isb

/*
 * u64 ich_lr_read(u32 n) and void ich_lr_write(u32 n, u64 v), for vgicv3.c:
 * ICH_LR<n>_EL2 (IHI 0069H 12.4.6) cannot be indexed, so each branches into
 * a table of one MRS or MSR per register, and a return.
 */
	.globl	ich_lr_read
ich_lr_read:
	adr	x2, 1f
	add	x2, x2, w0, uxtw #3
	br	x2
1:	.irp	crm, C12, C13
	.irp	op2, 0, 1, 2, 3, 4, 5, 6, 7
	mrs	x0, S3_4_C12_\crm\()_\op2
	ret
	.endr
	.endr

	.globl	ich_lr_write
ich_lr_write:
	adr	x2, 1f
	add	x2, x2, w0, uxtw #3
	br	x2
1:	.irp	crm, C12, C13
	.irp	op2, 0, 1, 2, 3, 4, 5, 6, 7
	msr	S3_4_C12_\crm\()_\op2, x1
	ret
	.endr
	.endr

/* x0 = function; continues on this CPU's private stack (never returns). */
	.globl	arch_cpu_switch_stack
arch_cpu_switch_stack:
	ldr	x1, =HYP_VCPU_REGS_VA
	mov	sp, x1
	br	x0
