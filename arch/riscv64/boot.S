/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Entry. hyp.bin starts with a RISC-V Linux Image header
 * (Documentation/riscv/boot-image-header.rst), so OpenSBI's fw_jump, QEMU
 * -kernel and U-Boot booti start it in HS-mode with satp = 0, a0 = this hart's
 * id and a1 = the hardware DTB (Linux's RISC-V boot protocol,
 * Documentation/riscv/boot.rst). We map the image at its link address
 * (HYP_IMAGE_VA) wherever it was loaded, plus an identity map of the 1 GiB
 * holding it for the instant the MMU is switched on (Sv39: privileged spec
 * 4.4). While the hypervisor runs, tp holds the hart id (arch_cpu_current_id).
 */
#include "arch_layout.h"
#include "asm_offsets.h"	/* generated from C: HYP_VCPU_REGS_VA */

/* Sv39 PTE bits (4.3.1): V, R, W, X, G, A, D; a table has R = W = X = 0. */
#define PTE_TABLE	0x1
#define PTE_RWX		(0x1 | 0x2 | 0x4 | 0x8 | 0x20 | 0x40 | 0x80)
#define SATP_SV39	(8 << 60)

	.section .text.head, "ax"
	.globl	_image_header
_image_header:
	j	primary_entry		/* code0, code1 */
	.balign	8
	.quad	0x200000		/* text_offset: 2 MiB into RAM, as Linux rv64 */
	.quad	_image_size		/* image_size, bss included */
	.quad	0			/* flags: little-endian */
	.word	2			/* version 0.2 */
	.word	0			/* res1 */
	.quad	0			/* res2 */
	.ascii	"RISCV\0\0\0"		/* magic (deprecated, still checked) */
	.ascii	"RSC\x05"		/* magic2 */
	.word	0			/* res3 */

primary_entry:
	csrw	sie, zero
	csrw	satp, zero
	/*
	 * Once the hypervisor runs (hyp_entered), a hart that arrives here is
	 * one it started, sent here by the firmware instead of to
	 * secondary_entry (cpu.c, hart_starts[]: OpenSBI 1.1's hart_start race):
	 * its secondary start, with the root it was given, once it is there.
	 * If the hypervisor moved into its colors this copy never sees it: the
	 * hart stays here, and never becomes a second boot hart.
	 */
	lla	t0, hyp_entered
	lw	t1, 0(t0)
	beqz	t1, primary_boot
stale_start:
	lla	t0, hart_starts
	li	t2, HART_STARTS
1:	ld	t1, HART_START_ROOT(t0)
	beqz	t1, 2f
	fence	r, r			/* the root is written last (release) */
	ld	t3, HART_START_HART(t0)
	bne	t3, a0, 2f
	mv	a1, t1
	j	secondary_entry
2:	addi	t0, t0, HART_START_SIZE
	addi	t2, t2, -1
	bnez	t2, 1b
	j	stale_start
primary_boot:
	mv	tp, a0			/* hart id */
	mv	s1, a1			/* hardware DTB (PA) */
	lla	s2, _image_header	/* load address (PA): PC-relative, the MMU is off */
	lla	a0, _bss_start
	lla	a1, _bss_end
	call	zero_range
	lla	a0, _tables_start
	lla	a1, _boot_tables_end
	call	zero_range
	call	build_boot_tables
	lla	a0, boot_l1
	call	cpu_mmu_on
	ld	t0, lit_primary_virtual
	jr	t0
primary_virtual:
	ld	sp, lit_boot_stack_top
	mv	a0, s1
	mv	a1, s2
	call	hyp_boot_primary
park:
	wfi
	j	park

/* Boot tables: root -> image level 2 -> level 3 pages, and a 1 GiB identity leaf. */
build_boot_tables:
	lla	a0, boot_l1
	lla	a1, boot_l2_img
	srli	a2, a1, 12
	slli	a2, a2, 10
	ori	a2, a2, PTE_TABLE
	li	t0, ((HYP_IMAGE_VA >> 30) & 511) * 8
	add	t0, a0, t0
	sd	a2, 0(t0)
	lla	a3, boot_l3_img
	srli	a2, a3, 12
	slli	a2, a2, 10
	ori	a2, a2, PTE_TABLE
	sd	a2, 0(a1)		/* the image's 2 MiB: entry 0 of its slot */
	mv	a4, s2
	lla	a5, _image_end
1:	srli	a2, a4, 12
	slli	a2, a2, 10
	ori	a2, a2, PTE_RWX
	sd	a2, 0(a3)
	addi	a3, a3, 8
	li	t0, 4096
	add	a4, a4, t0
	bltu	a4, a5, 1b
	srli	t1, s2, 30		/* the identity slot */
	li	t0, (HYP_HEAP_VA >> 30)
	bgeu	t1, t0, park		/* loaded above the heap slot: identity clashes */
	slli	a2, t1, 28		/* PPN of the 1 GiB page, in place (PA >> 12 << 10) */
	ori	a2, a2, PTE_RWX
	slli	t1, t1, 3
	add	t1, a0, t1
	sd	a2, 0(t1)
	ret

/* a0 = start, a1 = end (8-byte aligned): zeroes the range. */
zero_range:
	bgeu	a0, a1, 2f
	sd	zero, 0(a0)
	addi	a0, a0, 8
	j	zero_range
2:	ret

/*
 * a0 = root table PA. Enables Sv39 translation (satp, 4.1.11) and flushes this
 * hart's stale translations (SFENCE.VMA, 4.2.1); returns to the identity-mapped
 * caller.
 */
cpu_mmu_on:
	srli	a0, a0, 12
	li	t0, SATP_SV39
	or	a0, a0, t0
	sfence.vma
	csrw	satp, a0
	sfence.vma
	fence.i
	ret

/*
 * Secondary harts (SBI HSM hart_start) enter here in S-mode, satp = 0, a0 =
 * their hart id, a1 = opaque = the PA of their root table (arch_cpu_start).
 * Everything up to the jump to the linked address, its literals included, lies
 * in the image's first page: once the hypervisor moved into its colors, that
 * page is the only one identity mapped.
 */
	.globl	secondary_entry
secondary_entry:
	csrw	sie, zero
	mv	tp, a0
	mv	a0, a1
	call	cpu_mmu_on
	ld	t0, lit_secondary_virtual
	jr	t0
secondary_virtual:
	li	sp, HYP_VCPU_REGS_VA	/* the stack starts below the guest register frame */
	call	hyp_boot_secondary
	j	park

	.balign	8
lit_primary_virtual:	.quad	primary_virtual
lit_secondary_virtual:	.quad	secondary_virtual
lit_boot_stack_top:	.quad	boot_stack_top

	.section .tables.boot, "aw", @nobits
	.balign	4096
	.globl	boot_l1
boot_l1:	.space	4096
boot_l2_img:	.space	4096
boot_l3_img:	.space	4096
	.section .noinit.boot_stack, "aw", @nobits
	.balign	16
boot_stack:	.space	8192
boot_stack_top:
