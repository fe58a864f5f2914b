// SPDX-License-Identifier: Apache-2.0
/* EL2 address space maintenance (Arm ARM D8.13 TLB maintenance, D7.5 cache maintenance). */
#include "arch/mmu.h"
#include "sysreg.h"

extern u64 boot_l1[];

u64 *arch_mmu_boot_root(void)
{
	return boot_l1;
}

void arch_mmu_switch_root(paddr_t root_pa)
{
	dsb(ish);
	sysreg_write(ttbr0_el2, root_pa);
	isb();
	__asm__ volatile("tlbi alle2" ::: "memory");
	dsb(nsh);
	isb();
}

/* TTBR0_EL2: the table's address in BADDR, bits [47:1]; CnP, bit 0, is never set here. */
paddr_t arch_mmu_root(void)
{
	return sysreg_read(ttbr0_el2) & 0x0000fffffffffffeUL;
}

/* This PE's own walks and TLB only: the non-shareable TLBI and barriers (D8.13). */
void arch_tlb_flush_hyp_local(void)
{
	dsb(nshst);
	__asm__ volatile("tlbi alle2" ::: "memory");
	dsb(nsh);
	isb();
}

void arch_tlb_flush_hyp(void)
{
	dsb(ishst);
	__asm__ volatile("tlbi alle2is" ::: "memory");
	dsb(ish);
	isb();
}

/* Invalidates all stage-1 and stage-2 entries of a VMID (TLBI VMALLS12E1IS under that VTTBR). */
void arch_tlb_flush_vm(vmid_t vmid)
{
	u64 saved = sysreg_read(vttbr_el2);

	dsb(ishst);
	sysreg_write(vttbr_el2, (u64)(vmid + 1) << 48);
	isb();
	__asm__ volatile("tlbi vmalls12e1is" ::: "memory");
	dsb(ish);
	sysreg_write(vttbr_el2, saved);
	isb();
}

void arch_dcache_clean(const void *va, u64 size)
{
	u64 line = 4UL << ((sysreg_read(ctr_el0) >> 16) & 0xf); /* CTR_EL0.DminLine */
	/* MISRA deviation 11.6: cache maintenance walks the range as addresses */
	u64 p = ALIGN_DOWN((u64)va, line), end = (u64)va + size;

	for (; p < end; p += line) {
		__asm__ volatile("dc cvac, %0" ::"r"(p) : "memory");
	}
	dsb(sy);
}

void arch_icache_invalidate(void)
{
	__asm__ volatile("ic ialluis" ::: "memory");
	dsb(ish);
	isb();
}

paddr_t arch_va_to_pa(const void *va)
{
	u64 par;

	__asm__ volatile("at s1e2r, %0" ::"r"(va) : "memory");
	isb();
	par = sysreg_read(par_el1);
	if ((par & 1U) != 0U) {
		return ~0ULL;
	}
	/* MISRA deviation 11.6: the translated address keeps the VA's page offset */
	return (par & 0x0000fffffffff000UL) | ((u64)va & 0xfffU);
}
