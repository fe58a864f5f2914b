// SPDX-License-Identifier: Apache-2.0
/*
 * HS-mode address space maintenance: satp (privileged spec 4.1.11),
 * SFENCE.VMA and HFENCE.GVMA on this hart (4.2.1, 8.3.2), the same on the
 * other harts through SBI RFENCE (SBI v2.0 chapter 8). RISC-V keeps caches
 * coherent with every agent and with translation (no cleaning for a hart whose
 * MMU is off); instruction fetch needs FENCE.I (Zifencei).
 */
#include "arch/mmu.h"
#include "csr.h"
#include "mem.h"
#include "mem_internal.h"
#include "pt.h"
#include "sbi.h"

extern u64 boot_l1[];

/* hart_mask_base = -1: every hart (SBI v2.0 3.2, "hart list"). */
#define ALL_HARTS 0, ~0UL

u64 *arch_mmu_boot_root(void)
{
	return boot_l1;
}

void arch_mmu_switch_root(paddr_t root_pa)
{
	__asm__ volatile("fence rw, rw" ::: "memory");
	csr_write(satp, SATP_MODE_SV39 | (root_pa >> 12));
	__asm__ volatile("sfence.vma" ::: "memory");
}

paddr_t arch_mmu_root(void)
{
	return (csr_read(satp) & ((1UL << 44) - 1U)) << 12;
}

/* The table writes are ordered before the walks by SFENCE.VMA itself (4.2.1). */
void arch_tlb_flush_hyp_local(void)
{
	__asm__ volatile("sfence.vma" ::: "memory");
}

void arch_tlb_flush_hyp(void)
{
	__asm__ volatile("sfence.vma" ::: "memory");
	(void)sbi_fw_call(SBI_EXT_RFNC, SBI_RFNC_SFENCE_VMA, ALL_HARTS, 0, ~0UL, 0);
}

/* Every hart forgets VMID vmid's G-stage (and VS-stage) translations. */
void arch_tlb_flush_vm(vmid_t vmid)
{
	u64 id = (u64)vmid + 1U;

	__asm__ volatile(
		".option push\n.option arch, +h\nhfence.gvma zero, %0\n.option pop" ::"r"(id)
		: "memory");
	(void)sbi_fw_call(SBI_EXT_RFNC, SBI_RFNC_HFENCE_GVMA_VMID, ALL_HARTS, 0, ~0UL, id);
}

void arch_dcache_clean(const void *va, u64 size)
{
	__asm__ volatile("fence rw, rw" ::: "memory");
}

void arch_icache_invalidate(void)
{
	__asm__ volatile("fence.i" ::: "memory");
	(void)sbi_fw_call(SBI_EXT_RFNC, SBI_RFNC_FENCE_I, ALL_HARTS, 0, 0, 0);
}

/*
 * RISC-V has no address-translation instruction: a walk of the tables this
 * hart translates with (its own root: the private slot is only there).
 */
paddr_t arch_va_to_pa(const void *va)
{
	struct pt pt = *mem_hyp_pt();
	paddr_t pa;
	u32 flags;
	u64 size;

	pt.root = pt.ops.table_va(pt.ops.ctx, arch_mmu_root());
	/* MISRA deviation 11.6: the table walk takes the VA as the address it is */
	if (!pt.root || !pt_lookup(&pt, (u64)va, &pa, &flags, &size)) {
		return ~0ULL;
	}
	return pa;
}
