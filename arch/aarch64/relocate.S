/* SPDX-License-Identifier: Apache-2.0 */
/*
 * arch_mmu_relocate(dst, src, size, keep, keep_end, root_pa): the last step of
 * moving the hypervisor into its colors (hyp/mem_color.c). A leaf that uses no
 * stack and stores nothing but the copy, so the copy is the state of this
 * instant, the caller's stack frames included.
 *
 * The new tables map every VA the old ones map, with the same levels, block
 * sizes and attributes; only the output addresses of the image's pages (and
 * tables) differ, and at the switch those pages hold the same bytes at both
 * addresses. No TLB entry of one VA can conflict with another, and a stale
 * entry still used until the TLBI reads the same bytes: the conditions for
 * which break-before-make exists (Arm ARM D8.14.1, "Using break-before-make
 * when updating translation table entries"; D5.10.1 in issues before I.a) do
 * not arise. The old pages are never reused, so no stale entry or cache line
 * can reach them later either.
 */

	.text
	.globl	arch_mmu_relocate
arch_mmu_relocate:			/* x0 dst, x1 src, x2 size, x3 keep, x4 keep_end, x5 root PA */
	mrs	x17, daif		/* no exception may write the old image meanwhile */
	msr	daifset, #0xf
	mov	x6, #0
1:	cmp	x6, x3
	csel	x6, x4, x6, eq		/* skip [keep, keep_end): the moved tables are there */
	cmp	x6, x2
	b.hs	2f
	add	x7, x1, x6
	add	x8, x0, x6
	ldp	x9, x10, [x7]
	ldp	x11, x12, [x7, #16]
	ldp	x13, x14, [x7, #32]
	ldp	x15, x16, [x7, #48]
	stp	x9, x10, [x8]
	stp	x11, x12, [x8, #16]
	stp	x13, x14, [x8, #32]
	stp	x15, x16, [x8, #48]
	add	x6, x6, #64
	b	1b

	/*
	 * Clean the copy to the point of coherency (DC CVAC, Arm ARM C5.3; D7.5 cache
	 * support): secondary CPUs read their boot page with the MMU and caches off, and the
	 * copy's code must reach instruction fetch (the point of unification at least).
	 */
2:	mrs	x7, ctr_el0
	ubfx	x7, x7, #16, #4
	mov	x8, #4
	lsl	x7, x8, x7		/* smallest D-cache line */
	mov	x6, #0
3:	add	x8, x0, x6
	dc	cvac, x8
	add	x6, x6, x7
	cmp	x6, x2
	b.lo	3b
	dsb	sy
	/*
	 * Instruction cache: the colored pages may have held code before (a loader's); drop
	 * every line before fetching from them (IC IALLU, Arm ARM C5.3, completed by DSB and
	 * ISB: D7.5, instruction cache maintenance).
	 */
	ic	iallu
	dsb	nsh
	isb
	/*
	 * The switch: TTBR0_EL2 then every EL2 TLB entry of this CPU dropped (TLBI ALLE2,
	 * completed by DSB and ISB: Arm ARM D8.13 "TLB maintenance", C5.5 TLBI ALLE2). The
	 * other CPUs are not started yet; they invalidate their TLBs when they enable the MMU.
	 */
	msr	ttbr0_el2, x5
	isb
	tlbi	alle2
	dsb	nsh
	isb
	msr	daif, x17
	ret
