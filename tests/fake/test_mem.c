// SPDX-License-Identifier: Apache-2.0
/*
 * The hypervisor's address space on the fake architecture (hyp/mem.c, hyp/pt.c
 * over arch/fake's descriptor format and MMU): device and blob mappings,
 * W^X of its own mappings, the per-CPU windows, page tables built, split and
 * taken down.
 */
#include <pthread.h>
#include <sys/mman.h>

#include "arch/mmu.h"
#include "fake_test.h"
#include "mem.h"
#include "mem_internal.h"

/* What hyp_pt (the shared tables) and the fake MMU say of va: both or neither, same PA. */
static bool mapped(vaddr_t va, paddr_t *pa, u32 *flags)
{
	paddr_t mmu_pa = 0, pt_pa = 0;
	int prot = 0;
	u64 leaf;
	bool in_pt = pt_lookup(mem_hyp_pt(), va, &pt_pa, flags, &leaf);
	bool in_mmu = fake_mmu_lookup(va, &mmu_pa, &prot);

	CHECK(in_pt == in_mmu, "VA 0x%lx: tables %d, host mapping %d", va, in_pt, in_mmu);
	CHECK(!in_pt || pt_pa == mmu_pa, "VA 0x%lx: tables 0x%lx, host 0x%lx", va, pt_pa, mmu_pa);
	CHECK(!in_pt ||
		      prot == ((*flags & PT_R ? PROT_READ : 0) | (*flags & PT_W ? PROT_WRITE : 0)),
	      "VA 0x%lx: host protection %d for flags 0x%x", va, prot, *flags);
	*pa = pt_pa;
	return in_pt;
}

FAKE_TEST(mem_maps_devices_and_blobs_and_unmaps_blobs)
{
	paddr_t blob_pa = FAKE_BLOB_PA + 3 * PAGE_SIZE + 0x123, pa;
	u8 *src = fake_pa_to_host(blob_pa);
	volatile u8 *dev = mem_map_device(0x9100000, 0x2000);
	const u8 *blob;
	u32 flags;

	for (u32 i = 0; i < 3 * PAGE_SIZE; i++)
		src[i] = (u8)(i * 13 + 5);
	blob = mem_map_blob(blob_pa, 3 * PAGE_SIZE);
	CHECK(dev && blob, "mapped");
	CHECK((vaddr_t)dev - HYP_MAP_VA < HYP_SLOT_SIZE, "device in the map slot: %p", dev);
	CHECK(mapped((vaddr_t)dev, &pa, &flags) && pa == 0x9100000, "device at its PA");
	CHECK(flags == (PT_RW | PT_DEVICE), "device flags 0x%x", flags);
	CHECK(mapped((vaddr_t)blob, &pa, &flags) && pa == blob_pa, "blob at its PA 0x%lx", pa);
	CHECK(flags == PT_R, "blob read-only: 0x%x", flags);
	CHECK(!memcmp(blob, src, 3 * PAGE_SIZE), "the blob's bytes through its mapping");
	mem_unmap_blob(blob, 3 * PAGE_SIZE);
	CHECK(!mapped((vaddr_t)blob, &pa, &flags), "blob unmapped");
	CHECK(!mapped((vaddr_t)blob + 3 * PAGE_SIZE - 1, &pa, &flags), "its last page too");
	CHECK(mapped((vaddr_t)dev, &pa, &flags), "the device stays");
}

struct leaf_count {
	u64 wx, x, w, pages;
};

static int count_leaf(void *arg, u64 va, paddr_t pa, u64 size, u32 flags)
{
	struct leaf_count *c = arg;

	c->pages += size / PAGE_SIZE;
	c->wx += (flags & PT_W) && (flags & PT_X);
	c->x += !!(flags & PT_X);
	c->w += !!(flags & PT_W);
	return 0;
}

static u32 flags_at(vaddr_t va)
{
	paddr_t pa;
	u32 flags = 0;
	u64 leaf;

	return pt_lookup(mem_hyp_pt(), va, &pa, &flags, &leaf) ? flags : ~0U;
}

FAKE_TEST(mem_hypervisor_mappings_are_w_xor_x)
{
	struct leaf_count c = {0};

	/* mem_init's protect_image: the boot tables mapped the image RWX (fake.h). */
	CHECK(flags_at(HYP_IMAGE_VA) == (PT_R | PT_X), "text: 0x%x", flags_at(HYP_IMAGE_VA));
	CHECK(flags_at(HYP_IMAGE_VA + PAGE_SIZE) == PT_R, "rodata: 0x%x",
	      flags_at(HYP_IMAGE_VA + PAGE_SIZE));
	for (u64 off = 2 * PAGE_SIZE; off < FAKE_IMAGE_SIZE; off += PAGE_SIZE)
		CHECK(flags_at(HYP_IMAGE_VA + off) == PT_RW, "data page %lu: 0x%x", off / PAGE_SIZE,
		      flags_at(HYP_IMAGE_VA + off));
	mem_map_device(0x9200000, PAGE_SIZE);
	mem_map_blob(FAKE_BLOB_PA, 5 * PAGE_SIZE);
	pt_for_each_leaf(mem_hyp_pt(), count_leaf, &c);
	CHECK(c.wx == 0, "%lu leaves writable and executable", c.wx);
	CHECK(c.x == 1, "one executable leaf (the text page): %lu", c.x);
	CHECK(c.pages >= FAKE_IMAGE_SIZE / PAGE_SIZE + 1 + 1 + 5, "%lu pages mapped", c.pages);
	for (cpuid_t cpu = 0; cpu < FAKE_NCPUS; cpu++) {
		struct pt pt = *mem_hyp_pt();

		pt.root = mem_cpu_root(cpu);
		c = (struct leaf_count){0};
		pt_for_each_leaf(&pt, count_leaf, &c);
		CHECK(c.wx == 0, "CPU %u's root: %lu W+X leaves", cpu, c.wx);
	}
}

/* The leaves of this CPU's private slot past its private area: its windows. */
static int window_leaf(void *arg, u64 va, paddr_t pa, u64 size, u32 flags)
{
	u64 *pages = arg;

	if (pt_index(va, ARCH_HYP_START_LEVEL) == FAKE_CPU_SLOT &&
	    (va & (HYP_SLOT_SIZE - 1)) >= HYP_CPU_PRIV_SIZE)
		*pages += size / PAGE_SIZE;
	return 0;
}

static u64 window_pages(cpuid_t cpu)
{
	struct pt pt = *mem_hyp_pt();
	u64 pages = 0;

	pt.root = mem_cpu_root(cpu);
	pt_for_each_leaf(&pt, window_leaf, &pages);
	return pages;
}

FAKE_TEST(mem_windows_map_this_cpu_only_and_are_unmapped_after_use)
{
	paddr_t pa = FAKE_BLOB_PA + 2 * MIB + 0x10, got;
	int prot;
	u8 *w;

	CHECK(window_pages(0) == 0, "no window mapped at start: %lu", window_pages(0));
	w = mem_window_map(pa, 3 * PAGE_SIZE);
	CHECK((vaddr_t)w == HYP_WINDOW_VA + 0x10, "at this CPU's window: %p", w);
	CHECK(window_pages(0) == 4, "4 pages for 3 pages at an offset: %lu", window_pages(0));
	CHECK(fake_mmu_lookup((vaddr_t)w, &got, &prot) && got == pa &&
		      prot == (PROT_READ | PROT_WRITE),
	      "host mapping 0x%lx prot %d", got, prot);
	CHECK(window_pages(1) == 0, "CPU 1's tables have no window");
	CHECK(!fake_mmu_lookup(fake_cpu_va_of(1) + 0x200000 + 0x10, &got, &prot),
	      "nor its host range");
	memset(w, 0x5a, 3 * PAGE_SIZE);
	CHECK(((u8 *)fake_pa_to_host(pa))[3 * PAGE_SIZE - 1] == 0x5a, "written through");
	mem_window_unmap(3 * PAGE_SIZE);
	CHECK(window_pages(0) == 0, "unmapped in the tables: %lu left", window_pages(0));
	CHECK(!fake_mmu_lookup((vaddr_t)w, &got, &prot), "and in the host mapping");
	CHECK(!mem_window_map(FAKE_RAM_PA, HYP_WINDOW_SIZE + PAGE_SIZE), "larger than the window");
	CHECK(window_pages(0) == 0, "nothing left mapped after a refusal");
	CHECK(mem_source_map(pa, PAGE_SIZE) != NULL, "the source window");
	CHECK(window_pages(0) == 2, "its 2 pages: %lu", window_pages(0));
	mem_source_unmap(PAGE_SIZE);
	CHECK(window_pages(0) == 0, "unmapped too");
}

static void *map_other_cpu(void *arg)
{
	u8 *w;

	fake_cpu_enter(1);
	w = mem_window_map(FAKE_BLOB_PA + 5 * MIB, PAGE_SIZE);
	CHECK(w && (vaddr_t)w == HYP_WINDOW_VA, "CPU 1's window at its own HYP_WINDOW_VA");
	CHECK(w[0] == 0x11, "CPU 1 sees its page through it: 0x%x", w ? w[0] : 0);
	*(bool *)arg = true;
	return w;
}

FAKE_TEST(mem_windows_of_two_cpus_are_their_own)
{
	u8 *w0;
	bool done = false;
	pthread_t t;
	void *w1;
	paddr_t got;
	int prot;

	*(u8 *)fake_pa_to_host(FAKE_BLOB_PA + 4 * MIB) = 0x22;
	*(u8 *)fake_pa_to_host(FAKE_BLOB_PA + 5 * MIB) = 0x11;
	w0 = mem_window_map(FAKE_BLOB_PA + 4 * MIB, PAGE_SIZE);
	pthread_create(&t, NULL, map_other_cpu, &done);
	pthread_join(t, &w1);
	CHECK(done, "CPU 1 ran");
	CHECK(w0[0] == 0x22, "CPU 0 still sees its own page: 0x%x", w0[0]);
	CHECK(window_pages(0) == 1 && window_pages(1) == 1, "one page each: %lu, %lu",
	      window_pages(0), window_pages(1));
	CHECK(fake_mmu_lookup((vaddr_t)w1, &got, &prot) && got == FAKE_BLOB_PA + 5 * MIB,
	      "CPU 1's mapping");
	mem_window_unmap(PAGE_SIZE);
	CHECK(window_pages(0) == 0 && window_pages(1) == 1, "CPU 0's unmap leaves CPU 1's");
}

FAKE_TEST(mem_alloc_gives_zeroed_heap_pages_and_back_their_va)
{
	u64 before = mem_hyp_footprint();
	u8 *p = mem_alloc(3 * PAGE_SIZE + 1);
	u64 nonzero = 0;

	CHECK(p != NULL, "allocated");
	for (u64 i = 0; i < 4 * PAGE_SIZE; i++)
		nonzero += p[i] != 0;
	CHECK(nonzero == 0, "zeroed, rounded up to 4 pages: %lu bytes not", nonzero);
	CHECK(mem_pa_to_va(mem_va_to_pa(p + PAGE_SIZE)) == p + PAGE_SIZE, "PA <-> VA");
	CHECK(mem_hyp_footprint() - before == 4 * PAGE_SIZE, "footprint +%lu",
	      mem_hyp_footprint() - before);
	CHECK(mem_pa_to_va(FAKE_BLOB_PA) == NULL, "a PA that is not the heap's has no VA");
}

static u64 *table_alloc(void *ctx, paddr_t *pa)
{
	u64 *t = mem_alloc(PAGE_SIZE);

	*pa = mem_va_to_pa(t);
	return t;
}

static u64 *table_at(void *ctx, paddr_t pa)
{
	return mem_pa_to_va(pa);
}

FAKE_TEST(pt_maps_blocks_splits_them_and_unmaps)
{
	struct pt pt = {.root = mem_alloc(PAGE_SIZE),
			.start_level = 1,
			.stage = PT_STAGE2,
			.ops = {.alloc_table = table_alloc, .table_va = table_at}};
	paddr_t pa;
	u32 flags;
	u64 leaf;

	pt.root_pa = mem_va_to_pa(pt.root);
	CHECK(pt_map(&pt, 0x80000000, 0x40000000, 4 * MIB, PT_RWX) == 0, "mapped");
	CHECK(pt_lookup(&pt, 0x80201000, &pa, &flags, &leaf) && pa == 0x40201000 &&
		      leaf == 2 * MIB && flags == PT_RWX,
	      "a 2 MiB block: 0x%lx leaf 0x%lx", pa, leaf);
	CHECK(pt_map(&pt, 0x80200000, 0x50000000, PAGE_SIZE, PT_R) == PT_E_BUSY, "busy");
	CHECK(pt_protect(&pt, 0x80201000, PAGE_SIZE, PT_R) == 0, "protect one page");
	CHECK(pt_lookup(&pt, 0x80201000, &pa, &flags, &leaf) && leaf == PAGE_SIZE &&
		      flags == PT_R && pa == 0x40201000,
	      "split: page 0x%lx flags 0x%x", leaf, flags);
	CHECK(pt_lookup(&pt, 0x80202000, &pa, &flags, &leaf) && flags == PT_RWX && pa == 0x40202000,
	      "its neighbours keep theirs");
	CHECK(pt_unmap(&pt, 0x80000000, 2 * MIB) == 0, "unmap the first block");
	CHECK(!pt_lookup(&pt, 0x80000000, &pa, &flags, &leaf), "gone");
	CHECK(pt_lookup(&pt, 0x80200000, &pa, &flags, &leaf), "the second stays");
	CHECK(pt_map(&pt, 0x80000001, 0x40000000, PAGE_SIZE, PT_R) == PT_E_ALIGN, "unaligned");
}
