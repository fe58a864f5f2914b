// SPDX-License-Identifier: Apache-2.0
/*
 * The hypervisor's address space (layout in arch_layout.h).
 *
 * Tables for the heap region come from a small static pool or the heap's own
 * reserve, so that mapping heap pages never needs a heap allocation; every
 * other table comes from the heap. Per-CPU private pages are mapped only in their CPU's own root.
 * mem_color.c serves the heap (in the hypervisor's colors, if it has any):
 * PA -> VA of heap pages asks it (VA -> PA is the MMU's); with
 * hypervisor-colors it also moves the image into colored pages.
 *
 * Shared between CPUs: the tables of the shared slots (every root points to
 * the same level-2 tables for the image, the heap, devices and blobs), the
 * heap, the static table pool, next_map_va and footprint, all under mem_lock:
 * any CPU may take a page at run time (a table for its window). Each section
 * is a table edit or a page taken, never a copy. Set at boot and read-only
 * after: hyp_pt's root and ops, image, load_pa, allocator_ready, cpu_roots[].
 * This CPU's windows (mem_window_*, mem_source_*) are its own: no lock.
 */
#include <string.h>

#include "arch/mmu.h"
#include "console.h"
#include "color.h"
#include "mem.h"
#include "mem_internal.h"
#include "pt.h"
#include "spinlock.h"

#define STATIC_TABLES 16U /* QEMU virt uses 8, 10 with hypervisor-colors */

extern char _head[], _rodata_start[], _data_start[], _image_end[];
/* The boot-only pages (arch linker script; hyp/config.mk: BOOT_SRCS), page-aligned. */
extern char __boot_text_start[], __boot_text_end[], __boot_rodata_start[], __boot_rodata_end[],
	__boot_data_start[], __boot_data_end[];

static u64 static_tables[STATIC_TABLES][PT_ENTRIES]
	__attribute__((aligned(4096), section(".tables.pool")));
static struct spinlock mem_lock; /* the shared address space: see above */
static u32 static_used;
static struct pt hyp_pt;
static paddr_t load_pa;
/* The image's pages: contiguous at load_pa, or in its colors once it moved. */
static struct color_region image;
static bool allocator_ready;
static vaddr_t next_map_va = HYP_MAP_VA;
static struct palloc palloc;
static u64 footprint;

paddr_t mem_image_pa(void)
{
	return load_pa;
}

u64 mem_image_size(void)
{
	return mem_span(_head, _image_end);
}

/* Offset in the image of a PA of its pages (wherever they are now). */
static bool image_offset(paddr_t pa, u64 *off)
{
	return color_region_offset(&image, pa, off) && *off < mem_image_size();
}

static paddr_t image_pa(u64 off)
{
	paddr_t pa = 0;
	u64 run;

	(void)color_region_pa(&image, off, &pa, &run);
	return pa;
}

static u64 *table_va(void *ctx, paddr_t pa)
{
	u64 off;
	vaddr_t va;

	if (image_offset(pa, &off)) {
		return (u64 *)(HYP_IMAGE_VA + off);
	}
	return mem_heap_va(pa, &va) ? (u64 *)va : NULL;
}

/* Under mem_lock, or at boot before other CPUs run (mem_color.c's move). */
u64 *mem_static_table(void *ctx, paddr_t *pa)
{
	u64 *t;

	if (static_used == STATIC_TABLES) {
		log_err("hypervisor table pool exhausted (%d tables)", STATIC_TABLES);
		return NULL;
	}
	t = static_tables[static_used++];
	(void)memset(t, 0, PAGE_SIZE);
	*pa = image_pa((vaddr_t)t - HYP_IMAGE_VA);
	footprint += PAGE_SIZE;
	return t;
}

/* Pages from the heap, not zeroed; under mem_lock. */
static void *heap_take(u64 size)
{
	void *va = allocator_ready ? mem_heap_alloc(size) : NULL;

	if (va != NULL) {
		footprint += size;
	}
	return va;
}

/* hyp_pt's tables; under mem_lock. */
static u64 *alloc_table(void *ctx, paddr_t *pa)
{
	u64 *t;

	if (!allocator_ready) {
		return mem_static_table(ctx, pa);
	}
	t = heap_take(PAGE_SIZE);
	if (t != NULL) {
		(void)memset(t, 0, PAGE_SIZE);
		*pa = mem_va_to_pa(t);
	}
	return t;
}

/* Text read-only and executable, rodata read-only, data and bss not executable (W^X). */
static void protect_image(void)
{
	spin_lock(&mem_lock);
	pt_protect(&hyp_pt, (vaddr_t)_head, mem_span(_head, _rodata_start), PT_R | PT_X);
	pt_protect(&hyp_pt, (vaddr_t)_rodata_start, mem_span(_rodata_start, _data_start), PT_R);
	pt_protect(&hyp_pt, (vaddr_t)_data_start, mem_span(_data_start, _image_end), PT_RW);
	spin_unlock(&mem_lock);
	arch_tlb_flush_hyp();
}

void mem_init(paddr_t pa)
{
	load_pa = pa;
	color_region_contig(&image, pa, mem_image_size());
	hyp_pt.root = arch_mmu_boot_root();
	hyp_pt.root_pa = image_pa((vaddr_t)hyp_pt.root - HYP_IMAGE_VA);
	hyp_pt.start_level = ARCH_HYP_START_LEVEL;
	hyp_pt.stage = PT_STAGE1_HYP;
	hyp_pt.ops = (struct pt_ops){.alloc_table = alloc_table, .table_va = table_va};
	protect_image();
}

static void *map_at_next(paddr_t pa, u64 size, u32 flags)
{
	paddr_t base = ALIGN_DOWN(pa, PAGE_SIZE);
	u64 len = ALIGN_UP(pa + size, PAGE_SIZE) - base;
	vaddr_t va;
	bool ok;

	spin_lock(&mem_lock);
	va = next_map_va;
	if (len >= BLOCK_2M) { /* same offset in a 2 MiB block as the PA: block mappings */
		u64 block = BLOCK_2M;

		va = ALIGN_UP(va, block) + (base & (block - 1U));
	}
	ok = len <= HYP_MAP_VA + HYP_SLOT_SIZE - va && !pt_map(&hyp_pt, va, base, len, flags);
	if (ok) {
		next_map_va = va + len;
	}
	spin_unlock(&mem_lock);
	if (!ok) {
		return NULL;
	}
	arch_tlb_flush_hyp(); /* the new entries, complete for every CPU's walks */
	return (void *)(va + (pa - base));
}

void *mem_map_device(paddr_t pa, u64 size)
{
	return map_at_next(pa, size, PT_RW | PT_DEVICE);
}

const void *mem_map_blob(paddr_t pa, u64 size)
{
	return map_at_next(pa, size, PT_R);
}

struct palloc *mem_palloc(void)
{
	return &palloc;
}

struct pt *mem_hyp_pt(void)
{
	return &hyp_pt;
}

void mem_moved(const struct color_region *to)
{
	image = *to;
	hyp_pt.root_pa = image_pa((vaddr_t)hyp_pt.root - HYP_IMAGE_VA);
}

/* A table for va's slot of the root, from the static pool (the heap is not used yet). */
static void slot_table(vaddr_t va)
{
	u64 *e = &hyp_pt.root[pt_index(va, ARCH_HYP_START_LEVEL)];
	paddr_t tpa;

	spin_lock(&mem_lock);
	if (!arch_pt_valid(*e) && mem_static_table(NULL, &tpa)) {
		*e = arch_pt_table(tpa);
	}
	spin_unlock(&mem_lock);
}

void mem_init_allocator(const struct hw *hw)
{
	palloc_init(&palloc);
	for (u32 i = 0; i < hw->nram; i++) {
		(void)palloc_add(&palloc, hw->ram[i].base, hw->ram[i].size);
	}
	for (u32 i = 0; i < hw->nreserved; i++) {
		palloc_exclude(&palloc, hw->reserved[i].base, hw->reserved[i].size);
	}
	for (u32 i = 0; i < hw->nprotect; i++) {
		palloc_exclude(&palloc, hw->protect[i].base, hw->protect[i].size);
	}
	/* The heap slot's table now, so per-CPU roots can copy the root's entries. */
	slot_table(HYP_HEAP_VA);
	/* MISRA misreading 10.3: true is essentially Boolean */
	allocator_ready = true;
}

void *mem_alloc(u64 size)
{
	void *va;

	size = ALIGN_UP(size, PAGE_SIZE);
	spin_lock(&mem_lock);
	va = heap_take(size);
	spin_unlock(&mem_lock);
	if (va != NULL) {
		(void)memset(va, 0, size); /* ours alone from here */
	}
	return va;
}

void *mem_alloc_contig(u64 size)
{
	paddr_t pa;
	void *va;
	int ret;

	spin_lock(&mem_lock);
	ret = palloc_alloc(&palloc, size, size, &pa);
	spin_unlock(&mem_lock);
	if (ret != 0) {
		return NULL;
	}
	va = map_at_next(pa, size, PT_RW);
	if (!va) {
		spin_lock(&mem_lock);
		(void)palloc_free(&palloc, pa, size);
		spin_unlock(&mem_lock);
		return NULL;
	}
	(void)memset(va, 0, size);
	spin_lock(&mem_lock);
	footprint += size;
	spin_unlock(&mem_lock);
	return va;
}

/* What the MMU translates va to, wherever the page came from (image, heap, colors or not). */
paddr_t mem_va_to_pa(const void *va)
{
	return arch_va_to_pa(va);
}

void *mem_pa_to_va(paddr_t pa)
{
	return table_va(NULL, pa);
}

void mem_unmap_blob(const void *va, u64 size)
{
	/* MISRA deviation 11.6: the pages of the range, as addresses */
	vaddr_t v = ALIGN_DOWN((vaddr_t)va, PAGE_SIZE);

	spin_lock(&mem_lock);
	/* MISRA deviation 11.6: the pages of the range, as addresses */
	pt_unmap(&hyp_pt, v, ALIGN_UP((vaddr_t)va + size, PAGE_SIZE) - v);
	spin_unlock(&mem_lock);
	arch_tlb_flush_hyp();
}

u64 mem_hyp_footprint(void)
{
	u64 bytes;

	spin_lock(&mem_lock);
	bytes = footprint;
	spin_unlock(&mem_lock);
	return bytes;
}

/* ----------------------------------------------------------- windows */

/*
 * This CPU's windows onto memory outside the hypervisor (VM memory it loads,
 * a loader's blob it copies from) lie in its private slot, mapped in the root
 * it runs on: its own, or the boot tables before it has one (the boot CPU
 * then, the only one running). No other CPU walks them, so CPUs map, copy and
 * unmap at the same time and none can replace a mapping another is copying
 * through (review 5.1). Per-CPU rather than one window under a lock: a reset
 * copies a VM's images, megabytes, and a lock would make one partition's
 * reset wait for another's copy (its timing would depend on its neighbours);
 * the unmaps would invalidate every CPU's TLB; and the isolation would rest on
 * every user of the window taking the lock. A table page for a window comes
 * from the heap (mem_lock, a short section) the first time a CPU needs it.
 */
static u64 *window_table(void *ctx, paddr_t *pa)
{
	u64 *t;

	spin_lock(&mem_lock);
	t = alloc_table(ctx, pa);
	spin_unlock(&mem_lock);
	return t;
}

static struct pt this_cpu_tables(void)
{
	struct pt pt = hyp_pt;

	pt.root_pa = arch_mmu_root();
	pt.root = table_va(NULL, pt.root_pa);
	pt.ops.alloc_table = window_table;
	return pt;
}

static void window_unmap(vaddr_t window, u64 size)
{
	struct pt pt = this_cpu_tables();

	if (pt.root != NULL) {
		(void)pt_unmap(&pt, window,
			       MIN(ALIGN_UP(size + PAGE_SIZE, PAGE_SIZE), HYP_WINDOW_SIZE));
	}
	arch_tlb_flush_hyp_local();
}

/*
 * Bytes [offset, offset + size) of r at window, contiguous; NULL (nothing
 * left mapped) if larger than a window or out of table pages.
 */
static void *window_map(vaddr_t window, const struct color_region *r, u64 offset, u64 size,
			u32 flags)
{
	u64 start = ALIGN_DOWN(offset, PAGE_SIZE);
	u64 end = ALIGN_UP(offset + size, PAGE_SIZE);
	struct pt pt = this_cpu_tables();

	if (end - start > HYP_WINDOW_SIZE || !pt.root) {
		return NULL;
	}
	if (color_map(&pt, window, r, start, end - start, flags) != 0) {
		window_unmap(window, end - start);
		return NULL;
	}
	arch_tlb_flush_hyp_local();
	return (void *)(window + (offset - start));
}

void *mem_window_map(paddr_t pa, u64 size)
{
	struct color_region r;

	color_region_contig(&r, ALIGN_DOWN(pa, PAGE_SIZE),
			    ALIGN_UP(size + (pa & (PAGE_SIZE - 1U)), PAGE_SIZE));
	return mem_window_map_region(&r, pa & (PAGE_SIZE - 1U), size);
}

void *mem_window_map_region(const struct color_region *r, u64 offset, u64 size)
{
	return window_map(HYP_WINDOW_VA, r, offset, size, PT_RW);
}

void mem_window_unmap(u64 size)
{
	window_unmap(HYP_WINDOW_VA, size);
}

const void *mem_source_map(paddr_t pa, u64 size)
{
	struct color_region r;

	color_region_contig(&r, ALIGN_DOWN(pa, PAGE_SIZE),
			    ALIGN_UP(size + (pa & (PAGE_SIZE - 1U)), PAGE_SIZE));
	return window_map(HYP_SOURCE_WINDOW_VA, &r, pa & (PAGE_SIZE - 1U), size, PT_R);
}

void mem_source_unmap(u64 size)
{
	window_unmap(HYP_SOURCE_WINDOW_VA, size);
}

/* ----------------------------------------------------- per-CPU roots */

static u64 *cpu_roots[HW_MAX_CPUS];

int mem_cpu_root_create(cpuid_t cpu, paddr_t *root_pa)
{
	u64 *root = mem_alloc(PAGE_SIZE), *l2 = mem_alloc(PAGE_SIZE), *l3 = mem_alloc(PAGE_SIZE);
	u8 *priv;

	if (!root || !l2 || !l3 || cpu >= HW_MAX_CPUS) {
		log_err("CPU %u: no memory for its tables", cpu);
		return -1;
	}
	/* Zeroed heap pages, taken out of the shared heap mapping below. */
	priv = mem_alloc(HYP_CPU_PRIV_SIZE);
	if (!priv) {
		log_err("CPU %u: no memory for its private area", cpu);
		return -1;
	}
	l2[pt_index(HYP_CPU_VA, SLOT_MID_LEVEL)] = arch_pt_table(mem_va_to_pa(l3));
	for (u64 i = 0; i < HYP_CPU_PRIV_SIZE / PAGE_SIZE; i++) {
		l3[pt_index(HYP_CPU_VA + i * PAGE_SIZE, PT_LAST_LEVEL)] = arch_pt_leaf(
			mem_va_to_pa(priv + i * PAGE_SIZE), PT_RW, PT_LAST_LEVEL, PT_STAGE1_HYP);
	}
	spin_lock(&mem_lock);
	(void)memcpy(root, hyp_pt.root, PAGE_SIZE); /* the shared slots' tables */
	root[pt_index(HYP_CPU_VA, ARCH_HYP_START_LEVEL)] = arch_pt_table(mem_va_to_pa(l2));
	pt_unmap(&hyp_pt, (vaddr_t)priv, HYP_CPU_PRIV_SIZE);
	spin_unlock(&mem_lock);
	arch_tlb_flush_hyp();
	cpu_roots[cpu] = root;
	*root_pa = mem_va_to_pa(root);
	arch_dcache_clean(root, PAGE_SIZE);
	arch_dcache_clean(l2, PAGE_SIZE);
	arch_dcache_clean(l3, PAGE_SIZE);
	return 0;
}

u64 *mem_cpu_root(cpuid_t cpu)
{
	return cpu < HW_MAX_CPUS ? cpu_roots[cpu] : NULL;
}

void mem_drop_identity(void)
{
	/* The page the secondary CPUs enable their MMU in: the image's first (arch/mmu.h). */
	u32 slot = pt_index(image_pa(0U), ARCH_HYP_START_LEVEL);

	spin_lock(&mem_lock);
	hyp_pt.root[slot] = 0;
	for (u32 i = 0; i < HW_MAX_CPUS; i++) {
		if (cpu_roots[i] != NULL) {
			cpu_roots[i][slot] = 0;
		}
	}
	spin_unlock(&mem_lock);
	arch_tlb_flush_hyp();
}

/* ------------------------------------------------------ boot-only pages */

/* MISRA misreading 5.7: an untagged structure declares no tag */
static const struct {
	const char *name;
	const char *start;
	const char *end;
} boot_ranges[] = {
	{"text", __boot_text_start, __boot_text_end},
	{"rodata", __boot_rodata_start, __boot_rodata_end},
	{"data", __boot_data_start, __boot_data_end},
};

/* Boot-only pages a root still translates. */
static u64 boot_pages_mapped(u64 *root)
{
	struct pt pt = hyp_pt;
	u64 mapped = 0;

	pt.root = root;
	for (u32 r = 0; r < ARRAY_SIZE(boot_ranges); r++) {
		mapped += pt_mapped_pages(&pt, (vaddr_t)boot_ranges[r].start,
					  mem_span(boot_ranges[r].start, boot_ranges[r].end));
	}
	return mapped;
}

/*
 * Every CPU's root shares the image's tables (mem_cpu_root_create copies the root's
 * entries), so one unmap in hyp_pt takes the pages out of every CPU's view. Turning a valid
 * entry invalid needs no break-before-make (Arm ARM D8, "break-before-make": it is the
 * break); arch_tlb_flush_hyp then makes the invalid entries visible to every PE's walks and
 * drops every PE's cached translations (DSB ISHST; TLBI ALLE2IS; DSB ISH; ISB: Arm ARM D8,
 * TLB maintenance). The pages stay the image's, which no VM is ever given (HW_PROTECT_IMAGE).
 * Then a walk of every CPU's root, as the color check walks, proves none is left.
 */
void mem_unmap_boot(void)
{
	u64 bytes[ARRAY_SIZE(boot_ranges)], total = 0, left;
	u32 cpus = 0;

	spin_lock(&mem_lock);
	for (u32 r = 0; r < ARRAY_SIZE(boot_ranges); r++) {
		bytes[r] = mem_span(boot_ranges[r].start, boot_ranges[r].end);
		total += bytes[r];
		if (bytes[r] != 0U) {
			pt_unmap(&hyp_pt, (vaddr_t)boot_ranges[r].start, bytes[r]);
		}
	}
	spin_unlock(&mem_lock);
	arch_tlb_flush_hyp();
	left = boot_pages_mapped(hyp_pt.root);
	for (u32 i = 0; i < HW_MAX_CPUS; i++) {
		if (cpu_roots[i] != NULL) {
			left += boot_pages_mapped(cpu_roots[i]);
			cpus++;
		}
	}
	if (left != 0U) {
		log_err("boot-only code and data: %lu pages still mapped after the unmap", left);
	} else {
		log_info("boot-only code and data unmapped: %lu KiB (text %lu, rodata %lu, data "
			 "%lu), "
			 "%lu pages; a walk finds none in the boot tables or %u CPUs' tables",
			 total / KIB, bytes[0] / KIB, bytes[1] / KIB, bytes[2] / KIB,
			 total / PAGE_SIZE, cpus);
	}
}
