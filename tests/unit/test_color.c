/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Host tests of cache coloring: LLC geometry from real cache descriptions,
 * colored allocation (colors, sharing a span, exhaustion with nothing
 * taken), region address runs, and the page-color walk that must catch a
 * page out of its colors.
 */
#include "color.h"
#include "config_internal.h"
#include "dt.h"
#include "pt.h"
#include "test_cfg.h"

static struct hw hw; /* (the fixture's fx has its own) */

static const struct hw_llc *geometry(const char *cpu_path)
{
	size_t size;
	struct dt_node n;
	const void *fdt = test_dtb("cache-geometries", &size);

	memset(&hw, 0, sizeof(hw));
	hw.ncpus = 1;
	snprintf(hw.cpus[0].path, sizeof(hw.cpus[0].path), "%s", cpu_path);
	hw.cpus[0].node = dt_lookup(fdt, cpu_path, &n);
	hw_parse_cache(fdt, &hw);
	return &hw.llc;
}

static void geometry_real_caches(void)
{
	const struct hw_llc *l = geometry("/rk3399/cpu@100");

	CHECK_EQ(l->colors, 16);
	CHECK_EQ(l->ways, 16);
	CHECK_EQ(l->level, 2);
	CHECK_STR(l->path, "/rk3399/l2-cache-cl1");
	l = geometry("/juno/cpu@0");
	CHECK_EQ(l->colors, 32);
	CHECK_EQ(l->ways, 16);
	l = geometry("/dsu/cpu@0"); /* the L3 at the end of the chain, block-size */
	CHECK_EQ(l->level, 3);
	CHECK_EQ(l->line, 64);
	CHECK_EQ(l->colors, 64);
	CHECK_EQ(l->ways, 16);
}

static void geometry_unknown(void)
{
	const struct hw_llc *l = geometry("/nosets/cpu@0");

	CHECK_EQ(l->colors, 0);
	CHECK(strstr(l->why, "/nosets/l2-cache has no cache-line-size") != NULL);
	l = geometry("/none/cpu@0");
	CHECK_EQ(l->colors, 0);
	CHECK(strstr(l->why, "/none/cpu@0 has no next-level-cache") != NULL);
}

#define RAM_BASE 0x80000000UL
#define RAM_SIZE (16UL << 20)

static struct palloc ram;
static struct color_pool pool;

static void setup(u32 ncolors)
{
	palloc_init(&ram);
	palloc_add(&ram, RAM_BASE, RAM_SIZE);
	color_pool_init(&pool, ncolors);
}

/* Every page of the region has one of its colors; returns the pages seen. */
static u64 region_pages_ok(const struct color_region *r, u64 size, u64 colors, bool *ok)
{
	u64 pages = 0, run;
	paddr_t pa;

	*ok = true;
	for (u64 off = 0; off < size; off += PAGE_SIZE, pages++) {
		if (!color_region_pa(r, off, &pa, &run) ||
		    !(colors & (1ULL << color_of(pa, r->ncolors))))
			*ok = false;
	}
	return pages;
}

static void alloc_in_colors(void)
{
	struct color_region a, b;
	bool ok;

	setup(16);
	CHECK_EQ(color_alloc(&pool, &ram, 1 << 20, 0x00ff, &a), 0);
	CHECK_EQ(region_pages_ok(&a, 1 << 20, 0x00ff, &ok), 256);
	CHECK(ok);
	/* The other colors of the same span serve the complementary VM: no new RAM. */
	CHECK_EQ(color_alloc(&pool, &ram, 1 << 20, 0xff00, &b), 0);
	CHECK_EQ(region_pages_ok(&b, 1 << 20, 0xff00, &ok), 256);
	CHECK(ok);
	CHECK_EQ(a.piece[0].base, b.piece[0].base);
	CHECK_EQ(palloc_free_bytes(&ram), RAM_SIZE - (2 << 20));
	CHECK_EQ(color_region_size(&a), 1 << 20);
}

static void region_runs(void)
{
	struct color_region r;
	paddr_t pa;
	u64 run;

	setup(16);
	CHECK_EQ(color_alloc(&pool, &ram, 64 << 10, 0x0f0c, &r), 0); /* colors 2-3, 8-11 */
	CHECK(color_region_pa(&r, 0, &pa, &run));
	CHECK_EQ(color_of(pa, 16), 2);
	CHECK_EQ(run, 2 * PAGE_SIZE);
	CHECK(color_region_pa(&r, 2 * PAGE_SIZE + 8, &pa, &run));
	CHECK_EQ(color_of(pa, 16), 8);
	CHECK_EQ(pa & 0xfff, 8);
	CHECK_EQ(run, 4 * PAGE_SIZE - 8);
	CHECK(!color_region_pa(&r, color_region_size(&r), &pa, &run));
	color_region_contig(&r, RAM_BASE, 1 << 20);
	CHECK(color_region_pa(&r, PAGE_SIZE, &pa, &run));
	CHECK_EQ(pa, RAM_BASE + PAGE_SIZE);
	CHECK_EQ(run, (1 << 20) - PAGE_SIZE);
}

static void exhaustion_takes_nothing(void)
{
	struct color_region r;

	setup(16);
	/* 2 of 16 colors of 16 MiB = 2 MiB: 3 MiB cannot fit. */
	CHECK_EQ(color_alloc(&pool, &ram, 3 << 20, 0x3, &r), -1);
	for (u32 s = 0; s < pool.nspans; s++)
		CHECK_EQ(pool.span[s].used, 0);
	CHECK_EQ(color_alloc(&pool, &ram, 2 << 20, 0x3, &r), 0);
	CHECK_EQ(color_alloc(&pool, &ram, PAGE_SIZE, 0x2, &r), -1);
	CHECK_EQ(color_alloc(&pool, &ram, 14 << 20, 0xfffc, &r), 0);
	CHECK_EQ(color_alloc(&pool, &ram, 1 << 20, 0x1 << 16, &r), -1); /* out of range */
}

/* Page tables for the walk: a static pool of table pages. */
static u64 tables[16][PT_ENTRIES] __attribute__((aligned(4096)));
static u32 ntables;

static u64 *alloc_table(void *ctx, paddr_t *pa)
{
	(void)ctx;
	if (ntables == 16)
		return NULL;
	memset(tables[ntables], 0, sizeof(tables[0]));
	*pa = 0x10000000UL + (u64)ntables * 4096;
	return tables[ntables++];
}

static u64 *table_va(void *ctx, paddr_t pa)
{
	(void)ctx;
	return tables[(pa - 0x10000000UL) / 4096];
}

static void walk_catches_wrong_page(void)
{
	struct pt pt = {.start_level = 1, .stage = PT_STAGE2};
	struct color_rule rule = {0x50000000, 0x2000, 0x8000}; /* a channel in color 15 */
	struct color_region r;
	struct color_verdict v;

	setup(16);
	ntables = 0;
	pt.ops = (struct pt_ops){.alloc_table = alloc_table, .table_va = table_va};
	pt.root = alloc_table(NULL, &pt.root_pa);
	CHECK_EQ(color_alloc(&pool, &ram, 256 << 10, 0x00f0, &r), 0);
	CHECK_EQ(color_map(&pt, 0x40000000, &r, 0, 256 << 10, PT_RWX), 0);
	CHECK_EQ(pt_map(&pt, 0x50000000, RAM_BASE + 15 * PAGE_SIZE, PAGE_SIZE, PT_RW), 0);
	CHECK_EQ(pt_map(&pt, 0x9000000, 0x9000000, PAGE_SIZE, PT_RW | PT_DEVICE), 0);
	color_check(&pt, 16, 0x00f0, &rule, 1, &v);
	CHECK_EQ(v.pages, 65);
	CHECK_EQ(v.checked, 65);
	CHECK_EQ(v.bad, 0);
	/* One page of another color slipped into the VM's memory. */
	CHECK_EQ(pt_map(&pt, 0x40100000, RAM_BASE + 3 * PAGE_SIZE, PAGE_SIZE, PT_RWX), 0);
	color_check(&pt, 16, 0x00f0, &rule, 1, &v);
	CHECK_EQ(v.bad, 1);
	CHECK_EQ(v.bad_va, 0x40100000);
	CHECK_EQ(v.bad_pa, RAM_BASE + 3 * PAGE_SIZE);
}

/* color_region_offset undoes color_region_pa, page by page, and refuses what is not the region's. */
static void region_offset_inverts_pa(void)
{
	struct color_region r, c;
	paddr_t pa;
	u64 run, off;

	setup(16);
	CHECK_EQ(color_alloc(&pool, &ram, 3 << 20, 0x8c01, &r), 0); /* colors 0, 10, 11, 15 */
	CHECK_EQ(color_alloc(&pool, &ram, 64 << 10, 0x0002, &c), 0);
	for (u64 o = 0; o < color_region_size(&r); o += PAGE_SIZE) {
		CHECK(color_region_pa(&r, o + 0x123, &pa, &run));
		CHECK(color_region_offset(&r, pa, &off));
		CHECK_EQ(off, o + 0x123);
	}
	CHECK(color_region_pa(&c, 0, &pa, &run));
	CHECK(!color_region_offset(&r, pa, &off)); /* color 1: another region's */
	CHECK(!color_region_offset(&r, RAM_BASE + (1ULL << 40), &off));
	color_region_contig(&c, 0x40200000, 0x44000);
	CHECK(color_region_offset(&c, 0x40243fff, &off));
	CHECK_EQ(off, 0x43fff);
	CHECK(!color_region_offset(&c, 0x40244000, &off));
}

/* An "image" of 8 pages at PA IMG_PA whose first three pages are its own root, level 2, level 3. */
#define IMG_PA 0x20000000UL
static u64 img[8][PT_ENTRIES] __attribute__((aligned(4096)));

static void build_image_tables(void)
{
	memset(img, 0, sizeof(img));
	img[0][508] = arch_pt_table(IMG_PA + PAGE_SIZE);
	img[1][0] = arch_pt_table(IMG_PA + 2 * PAGE_SIZE);
	for (u32 i = 0; i < 8; i++)
		img[2][i] = arch_pt_leaf(IMG_PA + i * PAGE_SIZE, i < 2 ? PT_R | PT_X : PT_RW,
					 PT_LAST_LEVEL, PT_STAGE1_HYP);
	img[2][100] = arch_pt_leaf(0x9000000, PT_RW | PT_DEVICE, PT_LAST_LEVEL, PT_STAGE1_HYP);
}

/* The hypervisor's move: every descriptor into the image follows it to its colored pages. */
static void move_tables_follows_image(void)
{
	struct color_region r;
	struct color_move m = {IMG_PA, sizeof(img), &r, (u8 *)img};
	paddr_t pa;
	u64 run;

	setup(16);
	CHECK_EQ(color_alloc(&pool, &ram, sizeof(img), 0x0005, &r), 0);
	build_image_tables();
	CHECK_EQ(color_move_tables(img[0], 1, &m), 10);
	CHECK(color_region_pa(&r, PAGE_SIZE, &pa, &run));
	CHECK_EQ(img[0][508], arch_pt_table(pa));
	CHECK(color_region_pa(&r, 2 * PAGE_SIZE, &pa, &run));
	CHECK_EQ(img[1][0], arch_pt_table(pa));
	for (u32 i = 0; i < 8; i++) {
		CHECK(color_region_pa(&r, i * PAGE_SIZE, &pa, &run));
		CHECK_EQ(img[2][i], arch_pt_leaf(pa, i < 2 ? PT_R | PT_X : PT_RW, PT_LAST_LEVEL,
						 PT_STAGE1_HYP));
		CHECK(color_of(arch_pt_addr(img[2][i]), 16) == 0 ||
		      color_of(arch_pt_addr(img[2][i]), 16) == 2);
	}
	CHECK_EQ(img[2][100],
		 arch_pt_leaf(0x9000000, PT_RW | PT_DEVICE, PT_LAST_LEVEL, PT_STAGE1_HYP));
	/* A block over the image cannot follow scattered pages; a table elsewhere is not reachable. */
	build_image_tables();
	img[1][1] = arch_pt_leaf(ALIGN_DOWN(IMG_PA, 2 << 20), PT_RW, 2, PT_STAGE1_HYP);
	CHECK_EQ(color_move_tables(img[0], 1, &m), -1);
	build_image_tables();
	img[0][3] = arch_pt_table(0x30000000);
	CHECK_EQ(color_move_tables(img[0], 1, &m), -1);
}

/* hypervisor-colors: a VM in them is warned about; colors with too little RAM are refused. */
static void validate_hyp_colors(void)
{
	size_t size;
	const void *part;

	fx_run("hw-virt-gicv3", "hyp-colors");
	CHECK_EQ(fx.cfg.hyp_colors, 0x8000);
	CHECK(!fx.cfg.vms[0].refused && !fx.cfg.vms[1].refused);
	CHECK_DIAG(CFG_E_COLOR, 0, "/bao-partitions/vm@0: colors 15 shared with the hypervisor");
	CHECK_EQ(fx.rep.ndiags, 1);
	/* 32 MiB of RAM: about 1.8 MiB per color, less than its 2 MiB image and run-time memory. */
	fx.hw.ram[0].size = 32 << 20;
	cfg_report_init(&fx.rep);
	part = test_dtb("hyp-colors", &size);
	config_parse(part, size, &fx.cfg, &fx.rep);
	config_validate(&fx.cfg, &fx.hw, fx.hw_fdt, &fx.rep);
	CHECK_DIAG(CFG_E_COLOR, -1, "/bao-partitions/hypervisor-colors: the hypervisor needs about",
		   "in colors 15 (image 2048 KiB", "it stays uncolored");
	CHECK_EQ(fx.cfg.hyp_colors, 0);
	CHECK(!fx.cfg.vms[0].refused && !fx.cfg.vms[1].refused);
	CHECK_EQ(cfg_report_errors(&fx.rep), 1);
}

/* The layout's colors need a geometry: QEMU virt's DTB has no cache node. */
static void validate_unknown_geometry(void)
{
	fx_run("hw-virt-gicv3", "color-unknown");
	CHECK(!fx.cfg.vms[0].refused && fx.cfg.vms[1].refused);
	CHECK_DIAG(CFG_E_COLOR, 1,
		   "/bao-partitions/vm@1: colors given, but the cache geometry is unknown",
		   "/cpus/cpu@0 has no next-level-cache", "set cache-colors in /bao-partitions");
	CHECK_DIAG(CFG_E_COLOR, -1, "/bao-partitions/hypervisor-colors: colors given");
	CHECK_EQ(fx.cfg.hyp_colors, 0);
	CHECK_EQ(cfg_report_errors(&fx.rep), 2);
}

int main(int argc, char **argv)
{
	test_init(argc, argv);
	RUN(geometry_real_caches);
	RUN(geometry_unknown);
	RUN(alloc_in_colors);
	RUN(region_runs);
	RUN(exhaustion_takes_nothing);
	RUN(walk_catches_wrong_page);
	RUN(validate_unknown_geometry);
	RUN(region_offset_inverts_pa);
	RUN(move_tables_follows_image);
	RUN(validate_hyp_colors);
	return test_summary();
}
