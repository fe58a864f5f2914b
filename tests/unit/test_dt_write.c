/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Host tests of the guest-DTB edit helpers (hyp/dt_write.c): reg is written in
 * the cell counts the guest will read it with, or refused — never truncated;
 * the cpu nodes come out one per vCPU, in ascending order, boot vCPU first.
 */
#include <libfdt.h>
#include <string.h>

#include "dt.h"
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

/* dtw_reg reads entry idx in the parent's cell counts; an index outside reg is refused. */
static void test_reg_reads_entries(void)
{
	u64 addr = 0, size = 0;
	int node = fresh(); /* the root has no #address-cells, #size-cells: 2 and 1 */

	CHECK(node > 0);
	CHECK_EQ(dtw_set_reg(blob, node, 0x40000000, 0x1000000, 2, 1), 0);
	CHECK_EQ(dtw_append_reg(blob, node, 0x880000000ULL, 0x2000, 2, 1), 0);
	CHECK_EQ(dtw_reg(blob, node, 1, &addr, &size), 0);
	CHECK(addr == 0x880000000ULL && size == 0x2000);
	CHECK_EQ(dtw_reg(blob, node, 0, &addr, &size), 0);
	CHECK(addr == 0x40000000 && size == 0x1000000);
	CHECK_EQ(dtw_reg(blob, node, 2, &addr, &size), -FDT_ERR_BADNCELLS);
	CHECK_EQ(dtw_reg(blob, node, -1, &addr, &size), -FDT_ERR_BADNCELLS);
	CHECK(addr == 0x40000000 && size == 0x1000000); /* untouched by a refusal */
}

/* Opens tests/unit/dts/<name>.dts into blob with the guest fix-up's room. */
static int open_guest(const char *name)
{
	size_t size;
	const void *src = test_dtb(name, &size);

	return dtw_open(src, (u32)size, blob, sizeof(blob));
}

/* The names of parent's children, comma-separated, in blob order. */
static const char *children(int parent)
{
	static char names[256];
	int node;

	names[0] = '\0';
	fdt_for_each_subnode (node, blob, parent) {
		if (names[0])
			strcat(names, ",");
		strcat(names, fdt_get_name(blob, node, NULL));
	}
	return names;
}

static u32 prop_u32(const char *path, const char *prop)
{
	const fdt32_t *v = fdt_getprop(blob, fdt_path_offset(blob, path), prop, NULL);

	return v ? fdt32_to_cpu(*v) : 0xdeadbeef;
}

/* Missing cpu nodes are added after the existing cpu@0 (fdt_add_subnode alone puts them first). */
static void test_cpu_nodes_added_in_order(void)
{
	int cpus, c0;

	CHECK_EQ(open_guest("guest-cpus-one"), 0);
	c0 = fdt_path_offset(blob, "/cpus/cpu@0");
	CHECK(c0 > 0);
	u32 phandle = fdt_get_phandle(blob, c0);

	cpus = dtw_cpu_nodes(blob, 4);
	CHECK(cpus > 0);
	CHECK_STR(children(cpus), "cpu@0,cpu@1,cpu@2,cpu@3,cpu-map");
	for (u32 i = 0; i < 4; i++) {
		char path[32];

		snprintf(path, sizeof(path), "/cpus/cpu@%x", i);
		CHECK_EQ(prop_u32(path, "reg"), i);
		CHECK_STR(fdt_getprop(blob, fdt_path_offset(blob, path), "device_type", NULL),
			  "cpu");
	}
	/* cpu@0 is the node it was: its phandle, which cpu-map names, and its compatible */
	c0 = fdt_path_offset(blob, "/cpus/cpu@0");
	CHECK(phandle != 0 && fdt_get_phandle(blob, c0) == phandle);
	CHECK_EQ(prop_u32("/cpus/cpu-map/cluster0/core0", "cpu"), phandle);
	CHECK_STR(fdt_getprop(blob, c0, "compatible", NULL), "arm,cortex-a53");
	CHECK_EQ(prop_u32("/cpus", "#address-cells"), 1);
	CHECK_EQ(prop_u32("/cpus", "#size-cells"), 0);
	CHECK(dtw_finish(blob) > 0);
	CHECK(dt_check(blob, sizeof(blob)) >= 0);
}

/* Out-of-order nodes are sorted with their subnodes; cpu nodes the VM lacks are gone. */
static void test_cpu_nodes_sorted_and_pruned(void)
{
	int cpus;

	CHECK_EQ(open_guest("guest-cpus-unordered"), 0);
	cpus = dtw_cpu_nodes(blob, 2);
	CHECK(cpus > 0);
	CHECK_STR(children(cpus), "cpu@0,cpu@1,l2-cache,idle-states");
	CHECK_STR(children(fdt_path_offset(blob, "/cpus/cpu@0")), "l1-cache");
	CHECK_EQ(prop_u32("/cpus/cpu@0", "next-level-cache"),
		 fdt_get_phandle(blob, fdt_path_offset(blob, "/cpus/l2-cache")));
	CHECK_EQ(prop_u32("/cpus/cpu@1", "reg"), 1);
	/* fewer vCPUs than nodes: only cpu@0 stays */
	CHECK(dtw_cpu_nodes(blob, 1) == cpus);
	CHECK_STR(children(cpus), "cpu@0,l2-cache,idle-states");
	CHECK(dtw_finish(blob) > 0);
	CHECK(dt_check(blob, sizeof(blob)) >= 0);
}

/* A guest DTB without /cpus gets one. */
static void test_cpu_nodes_without_cpus(void)
{
	int cpus;

	CHECK_EQ(fdt_create_empty_tree(blob, sizeof(blob)), 0);
	CHECK(fdt_add_subnode(blob, 0, "chosen") > 0);
	cpus = dtw_cpu_nodes(blob, 3);
	CHECK(cpus > 0);
	CHECK_STR(children(cpus), "cpu@0,cpu@1,cpu@2");
	CHECK_STR(children(0), "cpus,chosen");
}

/* Moving a node in front of its siblings keeps every node's content. */
static void test_move_first(void)
{
	int parent, node;

	CHECK_EQ(fdt_create_empty_tree(blob, sizeof(blob)), 0);
	parent = fdt_add_subnode(blob, 0, "p");
	CHECK(parent > 0);
	for (const char *n = "cba"; *n; n++) { /* fdt_add_subnode inserts first: a, b, c */
		char name[2] = {*n, 0};

		node = fdt_add_subnode(blob, parent, name);
		CHECK(node > 0);
		CHECK_EQ(fdt_setprop_string(blob, node, "tag", name), 0);
	}
	CHECK(fdt_add_subnode(blob, fdt_path_offset(blob, "/p/c"), "inner") > 0);
	int size = fdt_totalsize(blob);

	node = dtw_move_first(blob, fdt_path_offset(blob, "/p/c"));
	CHECK_EQ(node, fdt_first_subnode(blob, parent));
	CHECK_STR(children(parent), "c,a,b");
	CHECK_EQ(dtw_move_first(blob, fdt_path_offset(blob, "/p/b")), node);
	CHECK_STR(children(parent), "b,c,a");
	CHECK_EQ(dtw_move_first(blob, fdt_path_offset(blob, "/p/b")), node); /* already first */
	CHECK_STR(children(parent), "b,c,a");
	CHECK_STR(children(fdt_path_offset(blob, "/p/c")), "inner");
	CHECK_STR(fdt_getprop(blob, fdt_path_offset(blob, "/p/a"), "tag", NULL), "a");
	CHECK_STR(fdt_getprop(blob, fdt_path_offset(blob, "/p/c"), "tag", NULL), "c");
	CHECK_EQ(fdt_totalsize(blob), (u32)size);
	CHECK(dtw_move_first(blob, 0) < 0); /* the root has no siblings to move before */
}

/* A node without a phandle gets a new one, unique in the tree; one with a phandle keeps it. */
static void test_phandle(void)
{
	u32 a = 0, b = 0, again = 0;
	int na, nb;

	CHECK_EQ(fdt_create_empty_tree(blob, sizeof(blob)), 0);
	na = fdt_add_subnode(blob, 0, "a");
	CHECK(na > 0);
	CHECK_EQ(fdt_setprop_u32(blob, na, "phandle", 7), 0);
	nb = fdt_add_subnode(blob, 0, "b");
	CHECK(nb > 0);
	CHECK_EQ(dtw_phandle(blob, nb, &b), 0);
	na = fdt_path_offset(blob, "/a");
	CHECK_EQ(dtw_phandle(blob, na, &a), 0);
	CHECK_EQ(a, 7);
	CHECK(b != 0 && b != 7);
	CHECK_EQ(fdt_get_phandle(blob, fdt_path_offset(blob, "/b")), b);
	CHECK_EQ(dtw_phandle(blob, fdt_path_offset(blob, "/b"), &again), 0);
	CHECK_EQ(again, b);
}

int main(int argc, char **argv)
{
	test_init(argc, argv);
	RUN(test_set_reg_fits);
	RUN(test_set_reg_refuses_what_does_not_fit);
	RUN(test_reg_reads_entries);
	RUN(test_cpu_nodes_added_in_order);
	RUN(test_cpu_nodes_sorted_and_pruned);
	RUN(test_cpu_nodes_without_cpus);
	RUN(test_move_first);
	RUN(test_phandle);
	return test_summary();
}
