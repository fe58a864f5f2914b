// SPDX-License-Identifier: Apache-2.0
/* Host tests of the page-table builder (hyp/pt.c) with the AArch64 descriptor format. */
#include "pt.h"
#include "test.h"

#define POOL_PAGES 64
#define POOL_PA	   0x80000000UL

static u64 pool[POOL_PAGES][PT_ENTRIES] __attribute__((aligned(4096)));
static u32 pool_used;

static u64 *alloc_table(void *ctx, paddr_t *pa)
{
	(void)ctx;
	if (pool_used == POOL_PAGES)
		return NULL;
	memset(pool[pool_used], 0, sizeof(pool[0]));
	*pa = POOL_PA + (u64)pool_used * 4096;
	return pool[pool_used++];
}

static u64 *table_va(void *ctx, paddr_t pa)
{
	(void)ctx;
	return pool[(pa - POOL_PA) / 4096];
}

static struct pt new_pt(enum pt_stage stage)
{
	struct pt pt = {.start_level = 1, .stage = stage};

	pool_used = 0;
	pt.ops = (struct pt_ops){.alloc_table = alloc_table, .table_va = table_va};
	pt.root = alloc_table(NULL, &pt.root_pa);
	return pt;
}

static void gib_block(void)
{
	struct pt pt = new_pt(PT_STAGE2);
	paddr_t pa;
	u32 flags;
	u64 leaf;

	CHECK(pt_map(&pt, 0x40000000, 0x80000000, 0x40000000, PT_RWX) == 0);
	CHECK_EQ(pt.tables, 0); /* one level-1 block, no table */
	CHECK(pt_lookup(&pt, 0x40123456, &pa, &flags, &leaf));
	CHECK_EQ(pa, 0x80123456);
	CHECK_EQ(leaf, 0x40000000);
	CHECK_EQ(flags, PT_RWX);
}

static void mixed_sizes(void)
{
	struct pt pt = new_pt(PT_STAGE2);
	paddr_t pa;
	u32 flags;
	u64 leaf;

	/* 4 KiB below a 2 MiB boundary, then 2 MiB, then 4 KiB */
	CHECK(pt_map(&pt, 0x401ff000, 0x601ff000, 0x202000, PT_RW) == 0);
	CHECK(pt_lookup(&pt, 0x401ff000, &pa, &flags, &leaf));
	CHECK_EQ(leaf, 4096);
	CHECK(pt_lookup(&pt, 0x40300000, &pa, &flags, &leaf));
	CHECK_EQ(leaf, 0x200000);
	CHECK_EQ(pa, 0x60300000);
	CHECK(pt_lookup(&pt, 0x40400000, &pa, &flags, &leaf));
	CHECK_EQ(leaf, 4096);
	CHECK(!pt_lookup(&pt, 0x40401000, &pa, &flags, &leaf));
	CHECK_EQ(flags, PT_RW);
}

static void pages_only(void)
{
	struct pt pt = new_pt(PT_STAGE2);
	paddr_t pa;
	u32 flags;
	u64 leaf;

	CHECK(pt_map(&pt, 0x40000000, 0x40000000, 0x400000, PT_RWX | PT_MAP_PAGES) == 0);
	CHECK(pt_lookup(&pt, 0x40200000, &pa, &flags, &leaf));
	CHECK_EQ(leaf, 4096);
	CHECK_EQ(pt.tables, 3); /* one level-2 table, two level-3 tables */
}

static void unmap_splits_blocks(void)
{
	struct pt pt = new_pt(PT_STAGE2);
	paddr_t pa;
	u32 flags;
	u64 leaf;

	CHECK(pt_map(&pt, 0x40000000, 0x80000000, 0x40000000, PT_RW | PT_DEVICE) == 0);
	CHECK(pt_unmap(&pt, 0x40201000, 0x1000) == 0);
	CHECK(!pt_lookup(&pt, 0x40201000, &pa, &flags, &leaf));
	CHECK(pt_lookup(&pt, 0x40200000, &pa, &flags, &leaf));
	CHECK_EQ(pa, 0x80200000);
	CHECK_EQ(leaf, 4096);
	CHECK_EQ(flags, PT_RW | PT_DEVICE);
	CHECK(pt_lookup(&pt, 0x7fe00000, &pa, &flags, &leaf));
	CHECK_EQ(leaf, 0x200000);
	CHECK_EQ(pa, 0xbfe00000);
}

/* pt_mapped_pages: pages, blocks (each counts its pages) and holes of one range. */
static void mapped_pages(void)
{
	struct pt pt = new_pt(PT_STAGE1_HYP);

	CHECK_EQ(pt_mapped_pages(&pt, 0x40000000, 0x400000), 0);
	CHECK(pt_map(&pt, 0x40000000, 0x80000000, 0x200000, PT_RW) == 0); /* a 2 MiB block */
	CHECK(pt_map(&pt, 0x40200000, 0x90000000, 0x5000, PT_R | PT_MAP_PAGES) == 0);
	CHECK_EQ(pt_mapped_pages(&pt, 0x40000000, 0x400000), 512 + 5);
	CHECK_EQ(pt_mapped_pages(&pt, 0x401ff000, 0x3000), 3); /* across the block's end */
	CHECK(pt_unmap(&pt, 0x40201000, 0x2000) == 0);
	CHECK_EQ(pt_mapped_pages(&pt, 0x40200000, 0x5000), 3);
	CHECK_EQ(pt_mapped_pages(&pt, 0x40201000, 0x2000), 0);
	CHECK_EQ(pt_mapped_pages(&pt, 0x80000000, 0x40000000), 0); /* nothing there */
}

static void busy_and_alignment(void)
{
	struct pt pt = new_pt(PT_STAGE1_HYP);

	CHECK(pt_map(&pt, 0x1000, 0x1000, 0x1000, PT_R) == 0);
	CHECK_EQ(pt_map(&pt, 0x1000, 0x2000, 0x1000, PT_R), PT_E_BUSY);
	CHECK_EQ(pt_map(&pt, 0x0, 0x0, 0x200000, PT_R), PT_E_BUSY); /* a table is in the way */
	CHECK_EQ(pt_map(&pt, 0x2001, 0x2000, 0x1000, PT_R), PT_E_ALIGN);
	CHECK_EQ(pt_unmap(&pt, 0x1000, 0x800), PT_E_ALIGN);
}

static void stage1_permissions(void)
{
	struct pt pt = new_pt(PT_STAGE1_HYP);
	paddr_t pa;
	u32 flags;
	u64 leaf;

	CHECK(pt_map(&pt, 0x7f00000000UL, 0x40200000, 0x1000, PT_R | PT_X) == 0);
	CHECK(pt_map(&pt, 0x7f00001000UL, 0x40201000, 0x1000, PT_RW) == 0);
	CHECK(pt_map(&pt, 0x7f80000000UL, 0x09000000, 0x1000, PT_RW | PT_DEVICE) == 0);
	CHECK(pt_lookup(&pt, 0x7f00000000UL, &pa, &flags, &leaf));
	CHECK_EQ(flags, PT_R | PT_X);
	CHECK(pt_lookup(&pt, 0x7f00001000UL, &pa, &flags, &leaf));
	CHECK_EQ(flags, PT_RW);
	CHECK(pt_lookup(&pt, 0x7f80000000UL, &pa, &flags, &leaf));
	CHECK_EQ(flags, PT_RW | PT_DEVICE); /* device memory is never executable */
	CHECK_EQ(pa, 0x09000000);
}

static void protect_in_place(void)
{
	struct pt pt = new_pt(PT_STAGE1_HYP);
	paddr_t pa;
	u32 flags;
	u64 leaf;

	CHECK(pt_map(&pt, 0x7f00000000UL, 0x40200000, 0x3000, PT_RW | PT_X | PT_MAP_PAGES) == 0);
	CHECK(pt_protect(&pt, 0x7f00001000UL, 0x1000, PT_R) == 0);
	CHECK(pt_lookup(&pt, 0x7f00001000UL, &pa, &flags, &leaf));
	CHECK_EQ(flags, PT_R);
	CHECK_EQ(pa, 0x40201000);
	CHECK(pt_lookup(&pt, 0x7f00002000UL, &pa, &flags, &leaf));
	CHECK_EQ(flags, PT_RW | PT_X);
	CHECK_EQ(pt_protect(&pt, 0x7f00003000UL, 0x1000, PT_R), PT_E_ALIGN); /* not mapped */
}

static int sum_leaf(void *arg, u64 va, paddr_t pa, u64 size, u32 flags)
{
	(void)va, (void)pa, (void)flags;
	*(u64 *)arg += size;
	return 0;
}

static void walk_leaves(void)
{
	struct pt pt = new_pt(PT_STAGE2);
	u64 total = 0;

	CHECK(pt_map(&pt, 0x40000000, 0x40000000, 0x1234000, PT_RWX) == 0);
	CHECK(pt_map(&pt, 0x09000000, 0x09000000, 0x1000, PT_RW | PT_DEVICE) == 0);
	CHECK(pt_for_each_leaf(&pt, sum_leaf, &total) == 0);
	CHECK_EQ(total, 0x1235000);
}

static void out_of_tables(void)
{
	struct pt pt = new_pt(PT_STAGE2);

	pool_used = POOL_PAGES;
	CHECK_EQ(pt_map(&pt, 0x40000000, 0x40000000, 0x1000, PT_RW), PT_E_NOMEM);
}

int main(int argc, char **argv)
{
	test_init(argc, argv);
	RUN(gib_block);
	RUN(mixed_sizes);
	RUN(pages_only);
	RUN(unmap_splits_blocks);
	RUN(mapped_pages);
	RUN(busy_and_alignment);
	RUN(stage1_permissions);
	RUN(protect_in_place);
	RUN(walk_leaves);
	RUN(out_of_tables);
	return test_summary();
}
