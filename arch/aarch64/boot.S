/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Entry. hyp.bin starts with an arm64 Linux Image header
 * (Documentation/arm64/booting.rst), so QEMU -kernel and U-Boot booti start
 * it at EL2 with the MMU off and x0 = hardware DTB. We map the image at its
 * link address (HYP_IMAGE_VA) wherever it was loaded, plus a temporary
 * identity map of the boot code for the instant the MMU is switched on.
 * With hypervisor-colors, hyp/mem_color.c later moves the image page by page
 * (arch_mmu_relocate in relocate.S) and identity maps only the colored copy
 * of the first page, from which the secondary CPUs start.
 */
#include "arch_layout.h"
#include "asm_offsets.h"	/* generated from C: SECONDARY_TABLE_ENTRIES, HYP_VCPU_REGS_VA */

#define DESC_TABLE 3
/* Level-3 page / level-2 block: valid, AttrIndx 1 (normal WB), inner shareable, AF. */
#define DESC_PAGE (3 | (1 << 2) | (3 << 8) | (1 << 10))
#define DESC_BLOCK (1 | (1 << 2) | (3 << 8) | (1 << 10))
/* MAIR_EL2: 0 Device-nGnRnE, 1 Normal WB RW-allocate, 2 Device-nGnRE, 3 Normal NC (D13.2.95). */
#define MAIR_VALUE 0x4404ff00
/* TCR_EL2: T0SZ 25, IRGN0/ORGN0 WB WA, SH0 inner, TG0 4K, RES1 bits 23 and 31 (D13.2.131). */
#define TCR_VALUE ((25) | (1 << 8) | (1 << 10) | (3 << 12) | (1 << 23) | (1 << 31))
#define SCTLR_EL2_RES1 0x30c50830
#define SCTLR_EL2_ON (SCTLR_EL2_RES1 | (1 << 0) | (1 << 2) | (1 << 3) | (1 << 12))

.macro adr_l reg, sym
	adrp	\reg, \sym
	add	\reg, \reg, :lo12:\sym
.endm

	.section .text.head, "ax"
	.globl	_image_header
_image_header:
	b	primary_entry		/* code0 */
	.long	0			/* code1 */
	.quad	0			/* text_offset: 2 MiB aligned base */
	.quad	_image_size		/* image_size, bss included */
	.quad	0xa			/* flags: LE, 4K pages, anywhere in RAM */
	.quad	0, 0, 0			/* res2..res4 */
	.ascii	"ARM\x64"		/* magic */
	.long	0			/* res5 */

primary_entry:
	msr	daifset, #0xf
	mov	x19, x0			/* hardware DTB (PA) */
	adr	x20, _image_header	/* load address (PA) */
	mrs	x1, CurrentEL
	cmp	x1, #(2 << 2)
	b.ne	park			/* not at EL2: nothing we can run on */
	ldr	x1, =SCTLR_EL2_RES1
	msr	sctlr_el2, x1
	isb
	adr_l	x1, _bss_start
	adr_l	x2, _bss_end
	bl	zero_range
	adr_l	x1, _tables_start
	adr_l	x2, _boot_tables_end
	bl	zero_range
	bl	build_boot_tables
	adr_l	x1, _bss_start
	adr_l	x2, _bss_end
	bl	dcache_inval_range	/* no stale lines over what we wrote uncached */
	adr_l	x1, _tables_start
	adr_l	x2, _boot_tables_end
	bl	dcache_inval_range
	adrp	x0, boot_l1
	bl	cpu_mmu_on
	ldr	x1, =primary_virtual
	br	x1
primary_virtual:
	ldr	x1, =boot_stack_top
	mov	sp, x1
	mov	x0, x19
	mov	x1, x20
	bl	hyp_boot_primary
park:
	wfe
	b	park

/* Boot tables: root level 1 -> image level 2 -> level 3 pages, and the identity slot. */
build_boot_tables:
	adrp	x0, boot_l1
	adrp	x1, boot_l2_img
	orr	x2, x1, #DESC_TABLE
	str	x2, [x0, #((HYP_IMAGE_VA >> 30) & 511) * 8]
	adrp	x3, boot_l3_img
	orr	x2, x3, #DESC_TABLE
	str	x2, [x1]
	mov	x4, x20
	adr_l	x5, _image_end
	ldr	x6, =DESC_PAGE
2:	orr	x2, x4, x6
	str	x2, [x3], #8
	add	x4, x4, #4096
	cmp	x4, x5
	b.lo	2b
	/* Identity map the 4 MiB from the 2 MiB block holding the load address. */
	lsr	x1, x20, #30
	cmp	x1, #((HYP_HEAP_VA >> 30) & 511)
	b.hs	park			/* loaded above 384 GiB: identity slot clashes */
	adrp	x3, boot_l2_id
	orr	x2, x3, #DESC_TABLE
	str	x2, [x0, x1, lsl #3]
	lsr	x4, x20, #21
	ubfx	x1, x20, #21, #9
	lsl	x4, x4, #21
	ldr	x6, =DESC_BLOCK
	orr	x2, x4, x6
	str	x2, [x3, x1, lsl #3]
	add	x1, x1, #1
	and	x1, x1, #511
	add	x2, x2, #0x200000
	str	x2, [x3, x1, lsl #3]
	ret

/* x1 = start, x2 = end (16-byte aligned): zeroes the range. */
zero_range:
1:	stp	xzr, xzr, [x1], #16
	cmp	x1, x2
	b.lo	1b
	ret

/* x1 = start, x2 = end: invalidate data cache lines to PoC (DC IVAC, C5.3.11). */
dcache_inval_range:
	mrs	x3, ctr_el0
	ubfx	x3, x3, #16, #4
	mov	x4, #4
	lsl	x3, x4, x3		/* line size in bytes */
	sub	x4, x3, #1
	bic	x1, x1, x4
3:	dc	ivac, x1
	add	x1, x1, x3
	cmp	x1, x2
	b.lo	3b
	dsb	sy
	ret

/* x0 = root table PA. Enables the EL2 MMU and caches; returns to the identity-mapped caller. */
	.globl	cpu_mmu_on
cpu_mmu_on:
	ldr	x1, =MAIR_VALUE
	msr	mair_el2, x1
	mrs	x2, id_aa64mmfr0_el1
	and	x2, x2, #7		/* PARange -> TCR_EL2.PS */
	ldr	x1, =TCR_VALUE
	bfi	x1, x2, #16, #3
	msr	tcr_el2, x1
	msr	ttbr0_el2, x0
	isb
	tlbi	alle2
	dsb	nsh
	isb
	ldr	x1, =SCTLR_EL2_ON
	msr	sctlr_el2, x1
	isb
	ic	iallu
	dsb	nsh
	isb
	ret

/*
 * Secondary CPUs (PSCI CPU_ON or spin-table release) enter here at EL2, MMU off.
 * They find their root table by MPIDR in secondary_boot_table, which the boot CPU
 * cleaned to the point of coherency. Everything up to the branch to the linked
 * address, the table and the literals included, lies in the image's first page:
 * once the hypervisor moved into its colors, that page is the only one they can
 * reach PC-relative (the others are scattered) and the one identity mapped.
 */
	.globl	secondary_entry
secondary_entry:
	msr	daifset, #0xf
	ldr	x1, =SCTLR_EL2_RES1
	msr	sctlr_el2, x1
	isb
	mrs	x1, mpidr_el1
	ldr	x2, =0xff00ffffff
	and	x1, x1, x2
	adr_l	x2, secondary_boot_table
	mov	x3, #0
4:	ldp	x4, x5, [x2], #16
	cmp	x4, x1
	b.eq	5f
	add	x3, x3, #1
	cmp	x3, #SECONDARY_TABLE_ENTRIES
	b.lo	4b
	b	park
5:	mov	x0, x5
	bl	cpu_mmu_on
	ldr	x1, =secondary_virtual
	br	x1
secondary_virtual:
	ldr	x1, =HYP_VCPU_REGS_VA	/* the stack starts below the guest register frame */
	mov	sp, x1
	bl	hyp_boot_secondary
	b	park
	.ltorg

	.balign	64
	.globl	secondary_boot_table
secondary_boot_table:			/* { mpidr, root table PA } per CPU; C writes it through an alias */
	.rept	SECONDARY_TABLE_ENTRIES * 2
	.quad	-1
	.endr

	.section .tables.boot, "aw", %nobits
	.balign	4096
	.globl	boot_l1
boot_l1:	.space	4096
	.globl	boot_l2_img
boot_l2_img:	.space	4096
	.globl	boot_l3_img
boot_l3_img:	.space	4096
	.globl	boot_l2_id
boot_l2_id:	.space	4096
	.section .noinit.boot_stack, "aw", %nobits
	.balign	16
boot_stack:	.space	8192
boot_stack_top:
