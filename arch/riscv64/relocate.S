/* SPDX-License-Identifier: Apache-2.0 */
/*
 * arch_mmu_relocate(dst, src, size, keep, keep_end, root_pa): the last step of
 * moving the hypervisor into its colors (hyp/mem_color.c). A leaf that uses no
 * stack and stores nothing but the copy, so the copy is the state of this
 * instant. As on AArch64 (arch/aarch64/relocate.S says why no break-before-make
 * is needed): the new tables map every VA the old ones map, onto pages holding
 * the same bytes. RISC-V: caches are coherent (nothing to clean), FENCE.I makes
 * the copied code visible to this hart's fetch (Zifencei), and SFENCE.VMA after
 * the satp write drops the old translations (privileged spec 4.2.1). The other
 * harts are not started yet.
 */
	.text
	.globl	arch_mmu_relocate
arch_mmu_relocate:			/* a0 dst, a1 src, a2 size, a3 keep, a4 keep_end, a5 root PA */
	li	t0, 0
1:	bne	t0, a3, 2f
	mv	t0, a4			/* skip [keep, keep_end): the moved tables are there */
2:	bgeu	t0, a2, 3f
	add	t1, a1, t0
	add	t2, a0, t0
	ld	t3, 0(t1)
	ld	t4, 8(t1)
	ld	t5, 16(t1)
	ld	t6, 24(t1)
	sd	t3, 0(t2)
	sd	t4, 8(t2)
	sd	t5, 16(t2)
	sd	t6, 24(t2)
	addi	t0, t0, 32
	j	1b
3:	fence	rw, rw
	fence.i
	srli	a5, a5, 12
	li	t0, (8 << 60)		/* Sv39 */
	or	a5, a5, t0
	csrw	satp, a5
	sfence.vma
	ret
