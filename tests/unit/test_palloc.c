// SPDX-License-Identifier: Apache-2.0
/* Host tests of the physical page allocator (hyp/palloc.c). */
#include "palloc.h"
#include "test.h"

static struct palloc pa;

static void setup(void)
{
	palloc_init(&pa);
	palloc_add(&pa, 0x40000000, 0x40000000); /* 1 GiB at 1 GiB */
}

static void add_and_exclude(void)
{
	setup();
	CHECK_EQ(palloc_free_bytes(&pa), 0x40000000);
	palloc_exclude(&pa, 0x40200000, 0x30000); /* hypervisor image */
	palloc_exclude(&pa, 0x48000000, 0x1234);  /* a blob, rounded out to pages */
	CHECK_EQ(pa.nfree, 3);
	CHECK_EQ(palloc_free_bytes(&pa), 0x40000000 - 0x30000 - 0x2000);
	CHECK_EQ(pa.free[1].base, 0x40230000);
	CHECK_EQ(pa.free[2].base, 0x48002000);
}

static void exclude_across_ranges(void)
{
	palloc_init(&pa);
	palloc_add(&pa, 0x1000, 0x3000);
	palloc_add(&pa, 0x10000, 0x4000);
	palloc_exclude(&pa, 0x2000, 0xf000); /* tail of the first, head of the second */
	CHECK_EQ(pa.nfree, 2);
	CHECK_EQ(pa.free[0].size, 0x1000);
	CHECK_EQ(pa.free[1].base, 0x11000);
	CHECK_EQ(palloc_free_bytes(&pa), 0x4000);
}

static void alloc_aligned(void)
{
	paddr_t a, b;

	setup();
	palloc_exclude(&pa, 0x40000000, 0x1000);
	CHECK(palloc_alloc(&pa, 0x1000, 0x1000, &a) == 0);
	CHECK_EQ(a, 0x40001000);
	CHECK(palloc_alloc(&pa, 0x400000, 0x200000, &b) == 0);
	CHECK_EQ(b & 0x1fffff, 0);
	CHECK(b >= 0x40200000);
	CHECK(!ranges_overlap(a, 0x1000, b, 0x400000));
	CHECK_EQ(pa.allocated, 0x401000);
}

static void claim_exact(void)
{
	setup();
	CHECK(palloc_claim(&pa, 0x50000000, 0x100000) == 0);
	CHECK(palloc_claim(&pa, 0x500ff000, 0x2000) != 0); /* half taken */
	CHECK(palloc_claim(&pa, 0x3ffff000, 0x2000) != 0); /* outside RAM */
	CHECK(palloc_claim(&pa, 0x50100000, 0x1001) != 0); /* not page sized */
	CHECK(palloc_claim(&pa, 0x50100000, 0x1000) == 0);
}

static void free_merges(void)
{
	paddr_t a;

	setup();
	CHECK(palloc_alloc(&pa, 0x10000, 0x1000, &a) == 0);
	CHECK_EQ(pa.nfree, 1);
	CHECK(palloc_free(&pa, a, 0x10000) == 0);
	CHECK_EQ(pa.nfree, 1);
	CHECK_EQ(palloc_free_bytes(&pa), 0x40000000);
	CHECK(palloc_free(&pa, a, 0x1000) != 0); /* double free is refused */
}

static void exhaustion(void)
{
	paddr_t a;

	palloc_init(&pa);
	palloc_add(&pa, 0x80000000, 0x300000);
	CHECK(palloc_alloc(&pa, 0x400000, 0x1000, &a) != 0);
	CHECK(palloc_alloc(&pa, 0x200000, 0x200000, &a) == 0);
	CHECK_EQ(a, 0x80000000);
	CHECK(palloc_alloc(&pa, 0x200000, 0x200000, &a) != 0); /* 1 MiB left, unaligned */
	CHECK(palloc_alloc(&pa, 0x100000, 0x1000, &a) == 0);
	CHECK(palloc_alloc(&pa, 0x1000, 0x1000, &a) != 0);
	CHECK_EQ(palloc_free_bytes(&pa), 0);
}

static void ram_at_zero(void)
{
	paddr_t a = 1;

	palloc_init(&pa);
	palloc_add(&pa, 0, 0x100000); /* e.g. Raspberry Pi 4: RAM starts at PA 0 */
	CHECK(palloc_alloc(&pa, 0x1000, 0x1000, &a) == 0);
	CHECK_EQ(a, 0);
}

static void bad_arguments(void)
{
	paddr_t a;

	setup();
	CHECK(palloc_alloc(&pa, 0, 0x1000, &a) != 0);
	CHECK(palloc_alloc(&pa, 0x1000, 0x3000, &a) != 0);  /* not a power of two */
	CHECK(palloc_add(&pa, ~0ULL - 0xfff, 0x2000) != 0); /* wraps */
	CHECK(palloc_add(&pa, 0x40100000, 0x1000) != 0);    /* overlaps free memory */
}

static void table_full(void)
{
	palloc_init(&pa);
	for (u32 i = 0; i < PALLOC_MAX_RANGES; i++)
		CHECK(palloc_add(&pa, (u64)i * 0x10000, 0x1000) == 0);
	CHECK(palloc_add(&pa, 0x10000000, 0x1000) != 0);
	CHECK(palloc_add(&pa, 0x1000, 0x1000) == 0); /* merges: no new slot needed */
}

int main(int argc, char **argv)
{
	test_init(argc, argv);
	RUN(add_and_exclude);
	RUN(exclude_across_ranges);
	RUN(alloc_aligned);
	RUN(claim_exact);
	RUN(free_merges);
	RUN(exhaustion);
	RUN(ram_at_zero);
	RUN(bad_arguments);
	RUN(table_full);
	return test_summary();
}
