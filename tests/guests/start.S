/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Test-guest runtime entry. The image carries an arm64 Image header so the
 * same binary boots natively under QEMU -kernel or as a Tessera partition.
 * Entered at EL1 (or EL2 natively with virtualization on), MMU off, x0 = DTB.
 */
	.section .text.head, "ax"
	.globl	_start
_start:
	b	entry
	.long	0
	.quad	0		/* text_offset */
	.quad	_image_size
	.quad	0xa		/* LE, 4K, anywhere */
	.quad	0, 0, 0
	.ascii	"ARM\x64"
	.long	0

entry:
	mrs	x20, cntpct_el0		/* first instruction: the boot benchmark's stamp */
	mov	x19, x0
	ldr	x1, =stack_top
	mov	sp, x1
	adr	x1, guest_vectors
	msr	vbar_el1, x1
	isb
	ldr	x1, =__bss_start
	ldr	x2, =__bss_end
1:	cmp	x1, x2
	b.hs	2f
	str	xzr, [x1], #8
	b	1b
2:	ldr	x1, =guest_entry_cntpct
	str	x20, [x1]
	mov	x0, x19
	bl	main
	bl	psci_system_off
3:	wfe
	b	3b

/* Secondary vCPUs (PSCI CPU_ON): x0 = context = their stack top. */
	.globl	secondary_start
secondary_start:
	mov	sp, x0
	adr	x1, guest_vectors
	msr	vbar_el1, x1
	isb
	bl	secondary_main
	bl	psci_cpu_off
4:	wfe
	b	4b

/*
 * Vector table (Arm ARM D1.10.2): IRQs taken at EL1 with SP_EL1 (offset 0x280)
 * go to guest_irq; synchronous exceptions there (0x200) to guest_sync, which
 * may resume after the instruction (a guest that expects data aborts); any
 * other exception is a test failure.
 */
	.balign	0x800
guest_vectors:
	.rept	4
	.balign	0x80
	b	guest_exception
	.endr
	.balign	0x80
	b	sync_entry		/* 0x200: current EL, SPx, synchronous */
	.balign	0x80
	b	irq_entry		/* 0x280: current EL, SPx, IRQ */
	.rept	10
	.balign	0x80
	b	guest_exception
	.endr

irq_entry:
	sub	sp, sp, #176
	stp	x0, x1, [sp, #0]
	stp	x2, x3, [sp, #16]
	stp	x4, x5, [sp, #32]
	stp	x6, x7, [sp, #48]
	stp	x8, x9, [sp, #64]
	stp	x10, x11, [sp, #80]
	stp	x12, x13, [sp, #96]
	stp	x14, x15, [sp, #112]
	stp	x16, x17, [sp, #128]
	stp	x18, x29, [sp, #144]
	str	x30, [sp, #160]
	bl	guest_irq
	ldp	x0, x1, [sp, #0]
	ldp	x2, x3, [sp, #16]
	ldp	x4, x5, [sp, #32]
	ldp	x6, x7, [sp, #48]
	ldp	x8, x9, [sp, #64]
	ldp	x10, x11, [sp, #80]
	ldp	x12, x13, [sp, #96]
	ldp	x14, x15, [sp, #112]
	ldp	x16, x17, [sp, #128]
	ldp	x18, x29, [sp, #144]
	ldr	x30, [sp, #160]
	add	sp, sp, #176
	eret

/* guest_sync(esr, elr, far) returns where to resume (it does not return if it cannot). */
sync_entry:
	sub	sp, sp, #176
	stp	x0, x1, [sp, #0]
	stp	x2, x3, [sp, #16]
	stp	x4, x5, [sp, #32]
	stp	x6, x7, [sp, #48]
	stp	x8, x9, [sp, #64]
	stp	x10, x11, [sp, #80]
	stp	x12, x13, [sp, #96]
	stp	x14, x15, [sp, #112]
	stp	x16, x17, [sp, #128]
	stp	x18, x29, [sp, #144]
	str	x30, [sp, #160]
	mrs	x0, esr_el1
	mrs	x1, elr_el1
	mrs	x2, far_el1
	bl	guest_sync
	msr	elr_el1, x0
	ldp	x0, x1, [sp, #0]
	ldp	x2, x3, [sp, #16]
	ldp	x4, x5, [sp, #32]
	ldp	x6, x7, [sp, #48]
	ldp	x8, x9, [sp, #64]
	ldp	x10, x11, [sp, #80]
	ldp	x12, x13, [sp, #96]
	ldp	x14, x15, [sp, #112]
	ldp	x16, x17, [sp, #128]
	ldp	x18, x29, [sp, #144]
	ldr	x30, [sp, #160]
	add	sp, sp, #176
	eret

guest_exception:
	ldr	x1, =stack_top
	mov	sp, x1
	mrs	x0, esr_el1
	mrs	x1, elr_el1
	mrs	x2, far_el1
	bl	guest_exception_report
5:	wfe
	b	5b

	.section .bss
	.balign	16
	.space	16384
stack_top:
