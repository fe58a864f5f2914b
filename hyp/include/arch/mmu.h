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
void arch_tlb_flush_hyp(void);
void arch_tlb_flush_vm(vmid_t vmid);
void arch_dcache_clean(const void *va, u64 size);
void arch_icache_invalidate(void);
/* Translates a mapped hypervisor VA (address translation instruction). */
paddr_t arch_va_to_pa(const void *va);

#endif
