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
2:	mov	x0, x19
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

/* Any exception in a test guest is a failure: report and power off (vector table, D1.10.2). */
	.balign	0x800
guest_vectors:
	.rept	16
	.balign	0x80
	b	guest_exception
	.endr

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
