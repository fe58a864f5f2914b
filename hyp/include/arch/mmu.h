/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Arch contract: hypervisor address space, TLB and cache maintenance
 * (AArch64: mmu.c, relocate.S). Any CPU, interrupts masked, unless a
 * function says otherwise.
 */
#ifndef ARCH_MMU_H
#define ARCH_MMU_H

#include "types.h"
#include "arch_layout.h"

/* The root table the boot code built (its VA), and the level translation starts at. */
u64 *arch_mmu_boot_root(void);
#define ARCH_HYP_START_LEVEL 1U

/* This CPU translates through the root table at root_pa, which maps this code and stack. */
void arch_mmu_switch_root(paddr_t root_pa);
/* The PA of the root table this CPU translates the hypervisor's addresses with now. */
paddr_t arch_mmu_root(void);
/* Every CPU forgets the hypervisor's old translations (after a table edit, before its use). */
void arch_tlb_flush_hyp(void);
/*
 * After this CPU changed tables only it walks (its private slot): the writes
 * take effect for its own walks and its stale translations are gone. Other
 * CPUs' TLBs are left alone (arch_tlb_flush_hyp is for shared tables).
 */
void arch_tlb_flush_hyp_local(void);
/* Every CPU forgets VM vmid's stage-2 translations (after an unmap or a reset of its tables). */
void arch_tlb_flush_vm(vmid_t vmid);
/*
 * Writes [va, va + size) back to memory, for what reads it with caches off
 * or not coherent (a CPU with its MMU off, a guest's first fetch).
 */
void arch_dcache_clean(const void *va, u64 size);
/* Instruction fetch sees code written since (guest images loaded: vm_load_images). */
void arch_icache_invalidate(void);
/* Translates a mapped hypervisor VA (address translation instruction). */
paddr_t arch_va_to_pa(const void *va);

/*
 * The code that enables a CPU's MMU is on the image's first page (.text.head, hyp_image.ld),
 * which is identity mapped.
 */
/*
 * Moving the image: copies [src, src + size) to dst but bytes [keep, keep_end)
 * of it (already there), makes the copy visible to instruction fetch, table
 * walks and CPUs with the MMU off, then switches this CPU to the root table
 * at root_pa, which maps src's VAs onto the copy. Touches no memory but the
 * copy, so everything written before the call is in it.
 */
void arch_mmu_relocate(void *dst, const void *src, u64 size, u64 keep, u64 keep_end,
		       paddr_t root_pa);

#endif
