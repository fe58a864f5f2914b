/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The hypervisor's own address space and memory: device and blob mappings,
 * pages for its own use (page tables, per-CPU areas), per-CPU roots, and each
 * CPU's two windows onto memory outside the hypervisor, used while loading
 * images. Any CPU may call any of these at any time (mem.c says what is
 * shared and under which lock); a CPU's windows are its own.
 */
#ifndef TESSERA_MEM_H
#define TESSERA_MEM_H

#include "config.h"
#include "palloc.h"

/* Early: adopt the boot tables; the image was loaded at load_pa. */
void mem_init(paddr_t load_pa);
void *mem_map_device(paddr_t pa, u64 size);
const void *mem_map_blob(paddr_t pa, u64 size);
/* Physical memory: RAM minus reserved and protected ranges. */
void mem_init_allocator(const struct hw *hw);
struct palloc *mem_palloc(void);
/* Zeroed pages for the hypervisor itself, mapped in every CPU's view; NULL if out of memory. */
void *mem_alloc(u64 size);
/*
 * Zeroed, physically contiguous memory aligned to its size (a power of two),
 * for what the hardware needs so (a stage-2 root of several pages); outside
 * the hypervisor's colors. Mapped in every CPU's view; NULL if out of memory.
 */
void *mem_alloc_contig(u64 size);
paddr_t mem_va_to_pa(const void *va);
/* VA of a page mem_alloc returned, from its PA. */
void *mem_pa_to_va(paddr_t pa);
/* Removes a blob mapping (its VA is not reused). */
void mem_unmap_blob(const void *va, u64 size);
/* Bytes of physical memory the hypervisor allocated for itself at run time. */
u64 mem_hyp_footprint(void);
/*
 * This CPU's window onto memory it writes (VM memory, a CPU's boot table):
 * maps [pa, pa + size) there, normal memory, read-write, and returns its VA;
 * NULL if larger than the window (HYP_WINDOW_SIZE) or out of memory for its
 * tables. One mapping at a time per CPU: unmapped with mem_window_unmap(size)
 * before the next; only this CPU sees it (another CPU's window is its own).
 */
void *mem_window_map(paddr_t pa, u64 size);
void mem_window_unmap(u64 size);
/* The same for bytes [offset, offset + size) of a (colored) region, contiguous at the window. */
struct color_region;
void *mem_window_map_region(const struct color_region *r, u64 offset, u64 size);
/*
 * This CPU's second window, read-only, for what it copies from: a blob a
 * loader left in memory (a pre-loaded image). As mem_window_map otherwise;
 * both windows can be mapped at once.
 */
const void *mem_source_map(paddr_t pa, u64 size);
void mem_source_unmap(u64 size);
/* The pool colored VMs and channels are allocated from (ncolors from the config). */
struct color_pool *mem_color_pool(void);
void mem_color_init(u32 ncolors);
/*
 * hypervisor-colors (mem_color.c): on the boot CPU, before anything is
 * allocated from the heap and before other CPUs start, moves the image and
 * its data into pages of these colors and switches to tables that map them;
 * the heap then comes from these colors too. 0 if done (or colors is 0), -1
 * with a message if the hypervisor stays where it was loaded.
 */
int mem_color_hypervisor(u64 colors);
/* The hypervisor's colors; 0 if it is not colored. */
u64 mem_hyp_colors(void);
/*
 * The proof: walks every CPU's root table and checks every RAM page mapped
 * (devices and the loader's DTBs aside) is in the hypervisor's colors; -1
 * with the first wrong VA and PA if not. Nothing to do if not colored.
 */
int mem_color_check(void);
/* Builds cpu's root table: shared slots plus its private area. Returns the root PA. */
int mem_cpu_root_create(cpuid_t cpu, paddr_t *root_pa);
/* Drops the identity map of the boot code from every root (all CPUs are up). */
void mem_drop_identity(void);
/*
 * Unmaps the boot-only code and data from the hypervisor's own tables on every CPU, once the
 * last CPU has left the boot code (cpu.c), walks every CPU's tables to prove it and says so.
 */
void mem_unmap_boot(void);
/* Where the image was loaded (still reserved once the hypervisor moved into its colors). */
paddr_t mem_image_pa(void);
/* The bytes from start to end, two addresses within the image (linker symbols, or inside one object). */
static inline u64 mem_span(const char *start, const char *end)
{
	return (vaddr_t)end - (vaddr_t)start;
}
u64 mem_image_size(void);

#endif
