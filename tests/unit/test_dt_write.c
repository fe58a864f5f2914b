/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Host tests of the guest-DTB edit helpers (hyp/dt_write.c): reg is written in
 * the cell counts the guest will read it with, or refused — never truncated.
 */
#include <libfdt.h>

#include "dt_write.h"
#include "test.h"

static char blob[4096];

/* An empty tree with one node, /memory@0; its offset. */
static int fresh(void)
{
	if (fdt_create_empty_tree(blob, sizeof(blob)))
		return -1;
	return fdt_add_subnode(blob, 0, "memory@0");
}

/* reg of node as cells in CPU order; their count, or negative. */
static int reg_cells(int node, u32 *out, int max)
{
	int len;
	const fdt32_t *p = fdt_getprop(blob, node, "reg", &len);

	if (!p || len % 4 || len / 4 > max)
		return -1;
	for (int i = 0; i < len / 4; i++)
		out[i] = fdt32_to_cpu(p[i]);
	return len / 4;
}

static void test_set_reg_fits(void)
{
	u32 c[4];
	int node = fresh();

	CHECK(node > 0);
	CHECK_EQ(dtw_set_reg(blob, node, 0x880000000ULL, 0x140000000ULL, 2, 2), 0);
	CHECK_EQ(reg_cells(node, c, 4), 4);
	CHECK(c[0] == 0x8 && c[1] == 0x80000000 && c[2] == 0x1 && c[3] == 0x40000000);
	CHECK_EQ(dtw_set_reg(blob, node, 0x40000000, 0x1000000, 1, 1), 0);
	CHECK_EQ(reg_cells(node, c, 4), 2);
	CHECK(c[0] == 0x40000000 && c[1] == 0x1000000);
}

/* A value the cells cannot hold is refused and the old reg stays. */
static void test_set_reg_refuses_what_does_not_fit(void)
{
	u32 c[4];
	int node = fresh();

	CHECK(node > 0);
	CHECK_EQ(dtw_set_reg(blob, node, 0x40000000, 0x1000000, 1, 1), 0);
	CHECK_EQ(dtw_set_reg(blob, node, 0x100000000ULL, 0x1000000, 1, 1), -FDT_ERR_BADVALUE);
	CHECK_EQ(dtw_set_reg(blob, node, 0x40000000, 0x100000000ULL, 2, 1), -FDT_ERR_BADVALUE);
	CHECK_EQ(dtw_set_reg(blob, node, 0x40000000, 0x1000000, 1, 0), -FDT_ERR_BADNCELLS);
	CHECK_EQ(dtw_set_reg(blob, node, 0x40000000, 0x1000000, 3, 2), -FDT_ERR_BADNCELLS);
	CHECK_EQ(reg_cells(node, c, 4), 2);
	CHECK(c[0] == 0x40000000 && c[1] == 0x1000000);
}

int main(int argc, char **argv)
{
	test_init(argc, argv);
	RUN(test_set_reg_fits);
	RUN(test_set_reg_refuses_what_does_not_fit);
	return test_summary();
}
