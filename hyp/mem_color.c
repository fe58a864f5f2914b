// SPDX-License-Identifier: Apache-2.0
/*
 * The hypervisor in its own colors (hypervisor-colors).
 *
 * At boot, on the boot CPU and before any heap page is handed out, the whole
 * image (text, rodata, data, bss, boot stack, table pool) is copied into
 * pages of the hypervisor's colors. Its tables, which all live in the image
 * then, are copied first and every descriptor pointing into the image is
 * moved to the copy; then one routine copies the rest and switches
 * TTBR0_EL2, so the copy holds exactly the state of the instant of the
 * switch. The VAs stay the same: only output addresses change. The old
 * uncolored image stays reserved (never reused: stale cache lines and the
 * loader's idea of it are harmless there).
 *
 * The heap, colored or not, comes from chunks of pages (of the hypervisor's
 * colors once it moved), each mapped page by page at the next free VA of the
 * heap region: VA <-> PA by the chunk's region.
 */
#include <string.h>

#include "arch/mmu.h"
#include "color.h"
#include "console.h"
#include "mem_internal.h"
#include "pt.h"

#define HEAP_CHUNK    (1U * MIB) /* at most: the first is 64 KiB, each next twice the last */
#define HEAP_CHUNKS   32U
#define HEAP_RESERVE  (2U * PAGE_SIZE) /* tables to map the next chunk (it spans < 2 MiB) */
#define HEAP_VA_LIMIT (HYP_HEAP_VA + HYP_SLOT_SIZE) /* one level-2 table, made at boot */

extern char _head[], _tables_start[], _tables_end[];

/* Set at boot; at run time the heap's growth uses them, under mem.c's mem_lock. */
static struct color_pool color_pool;
static u64 hyp_colors;
static struct color_region image;

/*
 * In .bss: set by the first heap_grow. Under mem.c's mem_lock (mem_heap_alloc
 * is called with it held), but for n, which mem_heap_va reads without it: a
 * chunk is complete and mapped before n counts it (release, acquire), and a
 * counted chunk never changes.
 */
/* MISRA misreading 5.7: an untagged structure declares no tag */
static struct {
	u32 n;
	struct {
		struct color_region r; /* all of it mapped */
		vaddr_t va;
	} chunk[HEAP_CHUNKS];
	vaddr_t next, end;
} heap;

struct color_pool *mem_color_pool(void)
{
	return &color_pool;
}

BOOT_ONLY void mem_color_init(u32 ncolors)
{
	color_pool_init(&color_pool, ncolors);
}

u64 mem_hyp_colors(void)
{
	return hyp_colors;
}

bool mem_heap_va(paddr_t pa, vaddr_t *va)
{
	u32 n = __atomic_load_n(&heap.n, __ATOMIC_ACQUIRE);
	u64 off;

	for (u32 i = 0; i < n; i++) {
		if (color_region_offset(&heap.chunk[i].r, pa, &off)) {
			*va = heap.chunk[i].va + off;
			return true;
		}
	}
	return false;
}

/* The first chunk's tables come from the static pool, later ones from the heap's reserve. */
static u64 *heap_table(void *ctx, paddr_t *pa)
{
	void *va;

	if (!heap.n) {
		return mem_static_table(ctx, pa);
	}
	if (heap.end - heap.next < PAGE_SIZE) {
		return NULL;
	}
	va = (void *)heap.next;
	heap.next += PAGE_SIZE;
	(void)memset(va, 0, PAGE_SIZE);
	*pa = mem_va_to_pa(va);
	return va;
}

/* A chunk of pages: in the hypervisor's colors, or contiguous if it has none. */
static int chunk_alloc(struct color_region *r, u64 size)
{
	paddr_t pa;

	if (hyp_colors != 0U) {
		return color_alloc(&color_pool, mem_palloc(), size, hyp_colors, r);
	}
	if (palloc_alloc(mem_palloc(), size, PAGE_SIZE, &pa) != 0) {
		return -1;
	}
	color_region_contig(r, pa, size);
	return 0;
}

/* Maps one more chunk at the end of the heap; the reserve pays its tables. */
static int heap_grow(u64 need)
{
	struct color_region *r = &heap.chunk[heap.n].r;
	u64 size = MAX(MIN(HEAP_CHUNK, (64U * KIB) << heap.n),
		       ALIGN_UP(need + HEAP_RESERVE, PAGE_SIZE));
	struct pt pt = *mem_hyp_pt();
	char list[96];

	if (!heap.n) {
		heap.next = heap.end = HYP_HEAP_VA;
	}
	if (heap.n == HEAP_CHUNKS || size > HEAP_CHUNK || heap.end + 2U * size > HEAP_VA_LIMIT ||
	    chunk_alloc(r, size)) {
		cfg_colors_str(hyp_colors, list, sizeof(list));
		log_err("hypervisor memory: no %lu KiB more%s%s (%u chunks, %lu KiB)", size / KIB,
			hyp_colors ? " in its colors " : "", list, heap.n,
			(heap.end - HYP_HEAP_VA) / KIB);
		return -1;
	}
	size = color_region_size(r);
	pt.ops.alloc_table = heap_table;
	if (color_map(&pt, heap.end, r, 0, size, PT_RW | PT_MAP_PAGES) != 0) {
		return -1;
	}
	arch_tlb_flush_hyp(); /* the new entries, complete for every CPU's walks */
	heap.chunk[heap.n].va = heap.end;
	__atomic_store_n(&heap.n, heap.n + 1U, __ATOMIC_RELEASE);
	heap.end += size; /* chunks are contiguous in VA: the old chunk's rest is used first */
	return 0;
}

void *mem_heap_alloc(u64 size)
{
	void *va;

	if (heap.end - heap.next < size + HEAP_RESERVE && heap_grow(size)) {
		return NULL;
	}
	va = (void *)heap.next;
	heap.next += size;
	return va;
}

/* ------------------------------------------------------------ relocation */

/* Where the object at va of the image is in the copy: raw bytes, a table to the callers. */
static BOOT_ONLY void *in_copy(const struct color_move *m, const void *va)
{
	return m->copy + ((const char *)va - _head);
}

static BOOT_ONLY paddr_t colored_pa(const void *va)
{
	paddr_t pa = 0;
	u64 run;

	(void)color_region_pa(&image, mem_span(_head, va), &pa, &run); /* va is in the image */
	return pa;
}

/*
 * In the copy: the tables, moved onto the colored pages, without the boot
 * identity map and with the identity page the secondary CPUs need instead.
 */
static BOOT_ONLY int move_tables(const struct color_move *m)
{
	u64 *root = in_copy(m, mem_hyp_pt()->root);
	paddr_t id_pa = colored_pa(_head), pa; /* the MMU-on page (arch/mmu.h) */
	/* Taken before the pool is copied below. */
	u64 *l2 = mem_static_table(NULL, &pa), *l3 = mem_static_table(NULL, &pa);
	u64 *l2_copy, *l3_copy;

	if (!l2 || !l3) {
		return -1;
	}
	(void)memcpy(in_copy(m, _tables_start), _tables_start,
		     mem_span(_tables_start, _tables_end));
	root[pt_index(m->old, ARCH_HYP_START_LEVEL)] = 0;
	if (color_move_tables(root, ARCH_HYP_START_LEVEL, m) < 0) {
		return -1;
	}
	root[pt_index(id_pa, ARCH_HYP_START_LEVEL)] = arch_pt_table(colored_pa(l2));
	l2_copy = in_copy(m, l2);
	l3_copy = in_copy(m, l3);
	l2_copy[pt_index(id_pa, SLOT_MID_LEVEL)] = arch_pt_table(colored_pa(l3));
	l3_copy[pt_index(id_pa, PT_LAST_LEVEL)] =
		arch_pt_leaf(id_pa, PT_R | PT_X, PT_LAST_LEVEL, PT_STAGE1_HYP);
	return 0;
}

/*
 * Colored pages for the image and the boot CPU's window onto them (the only
 * CPU running, on the boot tables); the tables it takes are the image's.
 */
static BOOT_ONLY u8 *prepare_copy(u64 colors)
{
	struct pt pt = *mem_hyp_pt();
	paddr_t id_pa;

	if (color_alloc(&color_pool, mem_palloc(), mem_image_size(), colors, &image) != 0) {
		log_err("no %lu KiB free in the hypervisor's colors for its image",
			mem_image_size() / KIB);
		return NULL;
	}
	id_pa = colored_pa(_head);  /* the MMU-on page (arch/mmu.h) */
	if (id_pa >= HYP_HEAP_VA) { /* identity VA = PA must stay below the heap slots */
		log_err("colored page at PA 0x%lx is too high to be identity mapped", id_pa);
		return NULL;
	}
	/* The window's tables are the image's: they move with it. */
	pt.ops.alloc_table = mem_static_table;
	if (color_map(&pt, HYP_WINDOW_VA, &image, 0, mem_image_size(), PT_RW) != 0) {
		return NULL;
	}
	return (u8 *)HYP_WINDOW_VA;
}

static BOOT_ONLY void print_moved(u64 colors, paddr_t load_pa)
{
	char list[96];
	u32 k = (u32)__builtin_popcountll(colors);

	cfg_colors_str(colors, list, sizeof(list));
	log_info("hypervisor colors %s (%u of %u): moved its image and data, %lu KiB in %lu pages "
		 "of %u span%s, from PA 0x%lx (kept reserved); its memory now comes from these "
		 "colors",
		 list, k, color_pool.ncolors, mem_image_size() / KIB, mem_image_size() / PAGE_SIZE,
		 image.npieces, image.npieces > 1U ? "s" : "", load_pa);
}

BOOT_ONLY int mem_color_hypervisor(u64 colors)
{
	struct color_move m = {mem_image_pa(), mem_image_size(), &image, NULL};

	if (!colors) {
		return 0;
	}
	if (heap.n || !(m.copy = prepare_copy(colors)) || move_tables(&m)) {
		mem_window_unmap(m.size); /* what prepare_copy mapped, if anything */
		log_err("/bao-partitions/hypervisor-colors: the hypervisor could not move into its "
			"colors: it stays uncolored at PA 0x%lx",
			m.old);
		return -1;
	}
	arch_mmu_relocate(m.copy, _head, m.size, mem_span(_head, _tables_start),
			  mem_span(_head, _tables_end), colored_pa(mem_hyp_pt()->root));
	/* From here on this CPU runs on the copy, in the hypervisor's colors. */
	hyp_colors = colors;
	mem_moved(&image);
	mem_window_unmap(m.size);
	print_moved(colors, m.old);
	return 0;
}

/* ----------------------------------------------------------------- proof */

/*
 * The part of cpu's tables to walk: all of them for the first root; for the
 * others, when their level 1 is the first one's but for the private slot
 * (the same shared tables, walked already), only their private slot.
 */
static BOOT_ONLY u64 *check_root(u64 *root, const u64 *first)
{
	static u64 *probe; /* a root holding only the private slot, for the software walk */
	u32 priv = pt_index(HYP_CPU_VA, ARCH_HYP_START_LEVEL);

	if (!first || (!probe && !(probe = mem_alloc(PAGE_SIZE)))) {
		return root;
	}
	for (u32 i = 0; i < PT_ENTRIES; i++) {
		if (i != priv && root[i] != first[i]) {
			return root;
		}
	}
	probe[priv] = root[priv];
	return probe;
}

static BOOT_ONLY int check_cpu(cpuid_t c, const u64 *first, struct color_verdict *v)
{
	struct color_rule blobs = {HYP_MAP_VA, HYP_SLOT_SIZE, 0}; /* devices, the loader's DTBs */
	struct pt pt = *mem_hyp_pt();

	pt.root = check_root(mem_cpu_root(c), first);
	color_check(&pt, color_pool.ncolors, hyp_colors, &blobs, 1, v);
	if (!v->bad) {
		return 0;
	}
	log_err("color check: hypervisor: CPU %u's tables map %lu pages out of its colors, first "
		"VA 0x%lx -> PA 0x%lx (color %u): a hypervisor defect",
		c, v->bad, v->bad_va, v->bad_pa, color_of(v->bad_pa, color_pool.ncolors));
	return -1;
}

BOOT_ONLY int mem_color_check(void)
{
	struct color_verdict v, all = {0};
	const u64 *first = NULL;
	u32 roots = 0;

	for (cpuid_t c = 0; hyp_colors && c < HW_MAX_CPUS; c++) {
		if (!mem_cpu_root(c)) {
			continue;
		}
		if (check_cpu(c, first, &v) != 0) {
			return -1;
		}
		first = first ? first : mem_cpu_root(c);
		all.pages += v.pages;
		all.checked += v.checked;
		roots++;
	}
	if (roots != 0U) {
		log_info("color check: hypervisor: %lu pages mapped, %lu colored, all in their "
			 "colors (the tables of %u CPUs; the loader's DTBs, %lu pages read-only, "
			 "aside)",
			 all.checked, all.checked, roots, all.pages - all.checked);
	}
	return 0;
}
