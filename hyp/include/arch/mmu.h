/* SPDX-License-Identifier: Apache-2.0 */
/* Arch contract: hypervisor address space, TLB and cache maintenance. */
#ifndef ARCH_MMU_H
#define ARCH_MMU_H

#include "types.h"
#include "arch_layout.h"

/* The root table the boot code built (its VA), and the level translation starts at. */
u64 *arch_mmu_boot_root(void);
#define ARCH_HYP_START_LEVEL 1

void arch_mmu_switch_root(paddr_t root_pa);
/* The PA of the root table this CPU translates the hypervisor's addresses with now. */
paddr_t arch_mmu_root(void);
void arch_tlb_flush_hyp(void);
/*
 * After this CPU changed tables only it walks (its private slot): the writes
 * take effect for its own walks and its stale translations are gone. Other
 * CPUs' TLBs are left alone (arch_tlb_flush_hyp is for shared tables).
 */
void arch_tlb_flush_hyp_local(void);
void arch_tlb_flush_vm(vmid_t vmid);
void arch_dcache_clean(const void *va, u64 size);
void arch_icache_invalidate(void);
/* Translates a mapped hypervisor VA (address translation instruction). */
paddr_t arch_va_to_pa(const void *va);

/* Offset in the image of the page holding the code that enables a CPU's MMU (identity mapped). */
#define ARCH_MMU_ON_PAGE 0
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
