/* SPDX-License-Identifier: Apache-2.0 */
/*
 * RISC-V test-guest runtime entry: a RISC-V Linux Image header, entered in
 * (V)S-mode with a0 = hart id, a1 = DTB (Linux's RISC-V boot protocol), satp 0.
 */
	.section .text.head, "ax"
	.globl	_start
_start:
	j	entry
	.balign	8
	.quad	0			/* text_offset */
	.quad	_image_size
	.quad	0			/* flags */
	.word	2, 0
	.quad	0
	.ascii	"RISCV\0\0\0"
	.ascii	"RSC\x05"
	.word	0

entry:
	rdtime	t0			/* first instruction's time and cycle: the boot benchmark's stamps */
	rdcycle	t3
	lla	sp, stack_top
	lla	t1, guest_trap_entry
	csrw	stvec, t1
	lla	t1, __bss_start
	lla	t2, __bss_end
1:	bgeu	t1, t2, 2f
	sd	zero, 0(t1)
	addi	t1, t1, 8
	j	1b
2:	lla	t1, guest_entry_time
	sd	t0, 0(t1)
	lla	t1, guest_entry_cycle
	sd	t3, 0(t1)
	call	main
	call	sbi_shutdown
3:	wfi
	j	3b

/* Secondary harts (SBI HSM hart_start): a0 = hart id, a1 = opaque = their stack top. */
	.globl	secondary_start
secondary_start:
	mv	sp, a1
	lla	t1, guest_trap_entry
	csrw	stvec, t1
	call	secondary_main
	call	sbi_hart_stop
4:	wfi
	j	4b

/* Traps (stvec, direct): every register saved on the stack, guest_trap(frame) in C. */
	.balign	4
	.globl	guest_trap_entry
guest_trap_entry:
	addi	sp, sp, -256
	.irp	n, 1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
	sd	x\n, (8 * \n)(sp)
	.endr
	mv	a0, sp
	call	guest_trap
	.irp	n, 1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
	ld	x\n, (8 * \n)(sp)
	.endr
	addi	sp, sp, 256
	sret

	.bss
	.balign	16
	.space	16384
stack_top:
