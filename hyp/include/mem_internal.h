/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Between mem.c (the address space) and mem_color.c (the hypervisor in its
 * colors): not part of the mem interface.
 */
#ifndef TESSERA_MEM_INTERNAL_H
#define TESSERA_MEM_INTERNAL_H

#include "mem.h"
#include "arch/mmu.h"
#include "pt.h"

/*
 * The hypervisor's tables, from the arch's levels: a slot is an entry of the
 * root (ARCH_HYP_START_LEVEL), which a table of SLOT_MID_LEVEL divides; a
 * private slot (HYP_CPU_VA) is the root entry, one table of each, and leaves.
 */
#define SLOT_MID_LEVEL (ARCH_HYP_START_LEVEL + 1U)
_Static_assert(SLOT_MID_LEVEL + 1U == PT_LAST_LEVEL,
	       "a slot's tables: one middle level, then leaves");

struct pt;
struct pt *mem_hyp_pt(void);
/*
 * A zeroed table page from the image's static pool (its VA; PA in *pa), or NULL: the
 * alloc_table of mappings whose tables must not come from the heap (ctx unused).
 * Under mem.c's mem_lock, or at boot before other CPUs run.
 */
u64 *mem_static_table(void *ctx, paddr_t *pa);
/* The image moved: its pages (its root table, the identity-mapped page) are now those of `to`. */
struct color_region;
void mem_moved(const struct color_region *to);
/* cpu's root table (its VA), NULL if it has none. */
u64 *mem_cpu_root(cpuid_t cpu);

/* mem_color.c: the VA of a heap page by its PA; false if pa is not the heap's. */
bool mem_heap_va(paddr_t pa, vaddr_t *va);
/*
 * The heap: size bytes (page multiple) at contiguous VAs, not zeroed; NULL if none left.
 * Under mem.c's mem_lock. mem_heap_va needs no lock.
 */
void *mem_heap_alloc(u64 size);

#endif
