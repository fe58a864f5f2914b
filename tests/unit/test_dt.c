/* SPDX-License-Identifier: Apache-2.0 */
/* Host tests of the dt helpers (hyp/dt.c) on tests/unit/dts/dt-buses.dts and hw DTBs. */
#include <libfdt.h>

#include "dt.h"
#include "test.h"

/* A property's length in bytes, or DT_E_NOTFOUND. */
static int prop_len(const void *fdt, int node, const char *prop)
{
	int len;

	return dt_prop(fdt, node, prop, &len) ? len : DT_E_NOTFOUND;
}

static const void *buses(void)
{
	size_t size;

	return test_dtb("dt-buses", &size);
}

static int node(const void *fdt, const char *path)
{
	struct dt_node n;

	return dt_lookup(fdt, path, &n);
}

/* reg entry idx of the node at off, translated or not, through struct dt_node. */
static int reg_at(const void *fdt, int off, int idx, bool translate, u64 *addr, u64 *size)
{
	struct dt_node n;
	int ret = dt_locate(fdt, off, &n);

	return ret < 0 ? ret : dt_node_reg(&n, idx, translate, addr, size);
}

static int reg_count(const void *fdt, int off)
{
	struct dt_node n;
	struct dt_regs r;
	int ret = dt_locate(fdt, off, &n);

	return ret < 0 ? ret : dt_regs(&n, &r);
}

#define dt_reg(fdt, off, idx, addr, size)	     reg_at(fdt, off, idx, false, addr, size)
#define dt_reg_translated(fdt, off, idx, addr, size) reg_at(fdt, off, idx, true, addr, size)
#define dt_reg_count(fdt, off)			     reg_count(fdt, off)

static int stdout_node(const void *fdt)
{
	struct dt_node n;

	return dt_stdout(fdt, node(fdt, "/chosen"), &n);
}

static void test_check_valid_and_truncated(void)
{
	size_t size;
	const void *fdt = test_dtb("dt-buses", &size);

	CHECK_EQ(dt_check(fdt, size), 0);
	CHECK_EQ(dt_check(fdt, size - 1), DT_E_BADBLOB);
	CHECK_EQ(dt_check(fdt, 16), DT_E_BADBLOB);
	CHECK_EQ(dt_check(NULL, size), DT_E_BADBLOB);
}

/* A blob built with libfdt's sequential-write API, then with a broken tag. */
static void test_check_corrupt_structure(void)
{
	static unsigned long long buf[128];
	int off;
	unsigned char *tag;

	CHECK_EQ(fdt_create(buf, sizeof(buf)), 0);
	CHECK_EQ(fdt_finish_reservemap(buf), 0);
	CHECK_EQ(fdt_begin_node(buf, ""), 0);
	CHECK_EQ(fdt_begin_node(buf, "a"), 0);
	CHECK_EQ(fdt_property_u32(buf, "x", 7), 0);
	CHECK_EQ(fdt_end_node(buf), 0);
	CHECK_EQ(fdt_end_node(buf), 0);
	CHECK_EQ(fdt_finish(buf), 0);
	CHECK_EQ(dt_check(buf, sizeof(buf)), 0);
	off = fdt_path_offset(buf, "/a");
	CHECK(off > 0);
	tag = (unsigned char *)buf + fdt_off_dt_struct(buf) + (unsigned)off;
	tag[3] = 0x77; /* FDT_BEGIN_NODE becomes an unknown tag */
	CHECK_EQ(dt_check(buf, sizeof(buf)), DT_E_BADBLOB);
}

static void test_reg_two_cells(void)
{
	const void *fdt = buses();
	int n = node(fdt, "/top@100000000");
	u64 addr;
	u64 size;

	CHECK_EQ(dt_reg_count(fdt, n), 2);
	CHECK_EQ(dt_reg(fdt, n, 0, &addr, &size), 0);
	CHECK_EQ(addr, 0x100000000ULL);
	CHECK_EQ(size, 0x2000);
	CHECK_EQ(dt_reg_translated(fdt, n, 1, &addr, &size), 0);
	CHECK_EQ(addr, 0x9000);
	CHECK_EQ(size, 0x100);
	CHECK_EQ(dt_reg(fdt, n, 2, &addr, &size), DT_E_RANGE);
}

static void test_reg_one_cell_and_ranges(void)
{
	const void *fdt = buses();
	int n = node(fdt, "/soc/serial@2000");
	u64 addr;
	u64 size;

	CHECK_EQ(dt_reg(fdt, n, 0, &addr, &size), 0);
	CHECK_EQ(addr, 0x2000);
	CHECK_EQ(size, 0x100);
	CHECK_EQ(dt_reg_translated(fdt, n, 0, &addr, &size), 0);
	CHECK_EQ(addr, 0x10002000);
	CHECK_EQ(size, 0x100);
}

static void test_nested_bus(void)
{
	const void *fdt = buses();
	u64 addr;
	u64 size;

	CHECK_EQ(dt_reg_translated(fdt, node(fdt, "/soc/sub@400000/dev@800"), 0, &addr, &size), 0);
	CHECK_EQ(addr, 0x10400800);
	CHECK_EQ(size, 0x10);
	CHECK_EQ(dt_reg_translated(fdt, node(fdt, "/soc/ident/dev@3000"), 0, &addr, &size), 0);
	CHECK_EQ(addr, 0x10003000);
}

static void test_translate_errors(void)
{
	const void *fdt = buses();
	u64 addr;
	u64 size;

	CHECK_EQ(dt_reg_translated(fdt, node(fdt, "/soc/private/dev@5"), 0, &addr, &size),
		 DT_E_TRANSLATE);
	CHECK_EQ(dt_reg_translated(fdt, node(fdt, "/soc/outside@1000000"), 0, &addr, &size),
		 DT_E_TRANSLATE);
	CHECK_EQ(dt_reg(fdt, node(fdt, "/soc/wide/dev@0"), 0, &addr, &size), DT_E_RANGE);
	CHECK_EQ(dt_reg_count(fdt, node(fdt, "/soc/badlen@0")), DT_E_BADLEN);
	CHECK_EQ(dt_reg_count(fdt, node(fdt, "/soc")), DT_E_NOTFOUND);
}

static void test_stdout_alias_with_options(void)
{
	const void *fdt = buses();
	size_t size;
	const void *hw = test_dtb("hw-virt-gicv2", &size);

	CHECK_EQ(stdout_node(fdt), node(fdt, "/soc/serial@2000"));
	CHECK_EQ(stdout_node(hw), node(hw, "/pl011@9000000"));
	CHECK_EQ(node(fdt, "serial1"), node(fdt, "/soc/serial@2000"));
}

static void test_phandle(void)
{
	const void *fdt = buses();
	int ref = node(fdt, "/ref");
	u32 ph;

	CHECK_EQ(dt_u32(fdt, ref, "target", &ph), 0);
	CHECK_EQ(dt_phandle_node(fdt, ph), node(fdt, "/soc/serial@2000"));
	CHECK_EQ(dt_phandle(fdt, node(fdt, "/soc/serial@2000")), ph);
	CHECK_EQ(dt_phandle_node(fdt, 0), DT_E_NOTFOUND);
	CHECK_EQ(dt_phandle_node(fdt, 0x1234), DT_E_NOTFOUND);
}

static void test_scalars(void)
{
	const void *fdt = buses();
	int ref = node(fdt, "/ref");
	u32 vals[8];
	u32 count = 3;
	u64 v64;
	u32 v32;

	CHECK_EQ(dt_u32_array(fdt, ref, "values", vals, &count), DT_E_RANGE);
	CHECK_EQ(count, 3);
	count = 8;
	CHECK_EQ(dt_u32_array(fdt, ref, "values", vals, &count), 0);
	CHECK_EQ(count, 5);
	CHECK_EQ(vals[4], 5);
	CHECK_EQ(dt_u64(fdt, ref, "name64", &v64), 0);
	CHECK_EQ(v64, 0x100000002ULL);
	CHECK_EQ(dt_u32(fdt, ref, "name64", &v32), DT_E_BADLEN);
	CHECK_EQ(dt_u32(fdt, ref, "nothing", &v32), DT_E_NOTFOUND);
	CHECK_EQ(dt_cells(fdt, ref, "name64", 3, &v64), DT_E_RANGE);
	CHECK_STR(dt_string(fdt, ref, "text"), "hello");
	CHECK(dt_string(fdt, ref, "notext") == NULL);
	CHECK(dt_prop(fdt, ref, "text", NULL) && !dt_prop(fdt, ref, "nothing", NULL));
	CHECK_EQ(prop_len(fdt, ref, "values"), 20);
}

static void test_compatible_enabled_path(void)
{
	const void *fdt = buses();
	int top = node(fdt, "/top@100000000");
	char path[DT_PATH_MAX];

	CHECK(dt_is_compatible(fdt, top, "test,generic"));
	CHECK(!dt_is_compatible(fdt, top, "test"));
	CHECK(dt_is_enabled(fdt, top));
	CHECK(!dt_is_enabled(fdt, node(fdt, "/soc/sub@400000/dev@800")));
	CHECK_EQ(dt_path(fdt, node(fdt, "/soc/sub@400000/dev@800"), path, sizeof(path)), 0);
	CHECK_STR(path, "/soc/sub@400000/dev@800");
	CHECK_EQ(dt_path(fdt, node(fdt, "/soc/sub@400000/dev@800"), path, 8), DT_E_RANGE);
}

static void test_children_and_walk(void)
{
	const void *fdt = buses();
	struct dt_node soc;
	struct dt_node c;
	int count = 0;

	CHECK_EQ(dt_lookup(fdt, "/soc", &soc), node(fdt, "/soc"));
	CHECK(dt_child_first(&soc, &c));
	CHECK_STR(dt_node_name(&c), "serial@2000");
	for (bool ok = true; ok; ok = dt_child_next(&c))
		count++;
	CHECK_EQ(count, 7);
	count = 0;
	for (int n = 0; n >= 0; n = fdt_next_node(fdt, n, NULL))
		count++;
	CHECK_EQ(count, 17);
	CHECK_EQ(soc.depth, 1);
	CHECK_EQ(soc.off[0], 0);
}

static void test_memreserve(void)
{
	size_t size;
	const void *v3 = test_dtb("hw-virt-gicv3", &size);
	u64 start;
	u64 end;

	CHECK_EQ(fdt_num_mem_rsv(v3), 1);
	CHECK_EQ(dt_mem_rsv(v3, 0, &start, &end), 0);
	CHECK_EQ(start, 0xbff00000);
	CHECK_EQ(end, 0x100000);
	CHECK_EQ(dt_mem_rsv(v3, 1, &start, &end), DT_E_RANGE);
}

int main(int argc, char **argv)
{
	test_init(argc, argv);
	RUN(test_check_valid_and_truncated);
	RUN(test_check_corrupt_structure);
	RUN(test_reg_two_cells);
	RUN(test_reg_one_cell_and_ranges);
	RUN(test_nested_bus);
	RUN(test_translate_errors);
	RUN(test_stdout_alias_with_options);
	RUN(test_phandle);
	RUN(test_scalars);
	RUN(test_compatible_enabled_path);
	RUN(test_children_and_walk);
	RUN(test_memreserve);
	return test_summary();
}
