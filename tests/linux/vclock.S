/* SPDX-License-Identifier: Apache-2.0 */
/*
 * /bin/vclock of the Linux test initramfs: prints the virtual counter
 * (CNTVCT_EL0, which Linux lets EL0 read for its vDSO) in nanoseconds, as a
 * decimal line, and exits 0. No libc: two system calls (write, exit).
 * Natively (QEMU virt without EL2) the virtual counter counts from reset;
 * under Tessera from its VM's counter offset (the partition table's "counter"
 * line). Under QEMU -icount shift=0 one nanosecond is one instruction.
 * Assembled and linked by scripts/linux-guest.sh with the cross binutils.
 */
	.text
	.globl	_start
_start:
	isb
	mrs	x0, cntvct_el0
	mrs	x1, cntfrq_el0
	cbz	x1, 2f
	/* ns = c / f * 10^9 + c % f * 10^9 / f, without overflowing 64 bits */
	ldr	x2, =1000000000
	udiv	x3, x0, x1		/* q = c / f */
	msub	x4, x3, x1, x0		/* r = c - q * f */
	mul	x3, x3, x2
	mul	x4, x4, x2
	udiv	x4, x4, x1
	add	x0, x3, x4
2:	/* decimal digits, backwards from the newline at the end of buf */
	adrp	x5, buf_end
	add	x5, x5, :lo12:buf_end
	mov	w6, #'\n'
	strb	w6, [x5, #-1]!
	mov	x7, #10
1:	udiv	x8, x0, x7
	msub	x9, x8, x7, x0
	add	w9, w9, #'0'
	strb	w9, [x5, #-1]!
	mov	x0, x8
	cbnz	x0, 1b
	mov	x0, #1			/* write(1, p, buf_end - p) */
	mov	x1, x5
	adrp	x2, buf_end
	add	x2, x2, :lo12:buf_end
	sub	x2, x2, x5
	mov	x8, #64
	svc	#0
	mov	x0, #0			/* exit(0) */
	mov	x8, #93
	svc	#0
	b	.

	.data
buf:	.skip	32
buf_end:
