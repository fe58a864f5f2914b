/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Host tests of the dt module's own structure walking (hyp/dt.c, hyp/dt_tree.c):
 * the same answers as libfdt on every test DTB, dt_check_visit, the checks
 * dt_check makes, and blobs with random corruption (whatever dt_check accepts,
 * the readers must read without going out of the blob: ASan watches).
 */
#include <libfdt.h>

#include "config.h"
#include "dt.h"
#include "test.h"

static int node_by_path(const void *fdt, const char *path)
{
	struct dt_node n;

	return dt_lookup(fdt, path, &n);
}

/* A property's length in bytes, or DT_E_NOTFOUND. */
static int prop_len(const void *fdt, int node, const char *prop)
{
	int len;

	return dt_prop(fdt, node, prop, &len) ? len : DT_E_NOTFOUND;
}

static const char *const blobs[] = {"dt-buses",	   "hw-virt-gicv2",	"hw-virt-gicv3",
				    "hw-broken",   "layout-linux-rtos", "layout-colored",
				    "layout-gicv2"};

/* The children of parent, one walk, are libfdt's subnodes from sub on. */
static bool child_ok(const struct dt_node *parent, int sub)
{
	struct dt_node c;
	bool ok = dt_child_first(parent, &c);

	for (; sub >= 0; sub = fdt_next_subnode(parent->fdt, sub)) {
		if (!ok || DT_OFF(&c) != sub)
			return false;
		ok = dt_child_next(&c);
	}
	return !ok;
}

/* Every node and property against libfdt. Returns false after a failed check. */
static bool same_as_libfdt(const void *fdt)
{
	struct dt_node walk;
	int node;

	dt_root(fdt, &walk);
	for (node = 0; node >= 0; node = fdt_next_node(fdt, node, NULL)) {
		char mine[DT_PATH_MAX];
		char ref[DT_PATH_MAX];
		int next = fdt_next_node(fdt, node, NULL);
		int sub = fdt_first_subnode(fdt, node);
		int prop;

		if (DT_OFF(&walk) != node || dt_path(fdt, node, mine, sizeof(mine)) ||
		    fdt_get_path(fdt, node, ref, sizeof(ref)) || strcmp(mine, ref) ||
		    node_by_path(fdt, ref) != node ||
		    strcmp(dt_node_name(&walk), fdt_get_name(fdt, node, NULL)))
			return false;
		if ((node && walk.off[walk.depth - 1] != fdt_parent_offset(fdt, node)) ||
		    dt_phandle(fdt, node) != fdt_get_phandle(fdt, node))
			return false;
		if (sub >= 0 && !child_ok(&walk, sub))
			return false;
		fdt_for_each_property_offset (prop, fdt, node) {
			const char *name;
			int len;
			int first;

			fdt_getprop_by_offset(fdt, prop, &name, &len);
			fdt_getprop(fdt, node, name, &first); /* the first of that name */
			if (prop_len(fdt, node, name) != first)
				return false;
		}
		if (!dt_walk_next(&walk) != (next < 0))
			return false;
	}
	return true;
}

static void test_same_answers_as_libfdt(void)
{
	size_t size;

	for (unsigned i = 0; i < sizeof(blobs) / sizeof(blobs[0]); i++) {
		const void *fdt = test_dtb(blobs[i], &size);

		CHECK_EQ(dt_check(fdt, size), 0);
		if (!same_as_libfdt(fdt))
			test_fail(__FILE__, __LINE__, "%s differs from libfdt", blobs[i]);
	}
}

static void test_lookup_and_children(void)
{
	size_t size;
	const void *fdt = test_dtb("dt-buses", &size);
	struct dt_node n;
	struct dt_node c;
	char path[DT_PATH_MAX];
	int count = 0;

	CHECK_EQ(dt_lookup(fdt, "/", &n), 0);
	CHECK_EQ(n.depth, 0);
	CHECK_EQ(dt_lookup(fdt, "/top", &n), node_by_path(fdt, "/top@100000000"));
	CHECK_EQ(dt_lookup(fdt, "//soc//sub@400000/", &n), node_by_path(fdt, "/soc/sub@400000"));
	CHECK_EQ(n.depth, 2);
	CHECK_EQ(n.off[1], node_by_path(fdt, "/soc"));
	CHECK_EQ(dt_lookup(fdt, "/soc/nothing", &n), DT_E_NOTFOUND);
	CHECK_EQ(dt_lookup(fdt, "/top@1", &n), DT_E_NOTFOUND);
	CHECK_EQ(dt_lookup(fdt, "nosuchalias", &n), DT_E_NOTFOUND);
	CHECK_EQ(dt_lookup(fdt, "", &n), DT_E_NOTFOUND);
	CHECK_EQ(dt_lookup(fdt, "serial1", &n), node_by_path(fdt, "/soc/serial@2000"));
	CHECK_EQ(dt_node_path(&n, path, sizeof(path)), 0);
	CHECK_STR(path, "/soc/serial@2000");
	CHECK_EQ(dt_lookup(fdt, "/soc", &n), node_by_path(fdt, "/soc"));
	for (bool ok = dt_child_first(&n, &c); ok; ok = dt_child_next(&c)) {
		CHECK_EQ(c.depth, 2);
		CHECK_EQ(c.off[1], DT_OFF(&n));
		count++;
	}
	CHECK_EQ(count, 7);
	CHECK_EQ(dt_locate(fdt, node_by_path(fdt, "/soc/ident/dev@3000"), &n), 0);
	CHECK_EQ(dt_node_path(&n, path, sizeof(path)), 0);
	CHECK_STR(path, "/soc/ident/dev@3000");
	CHECK_STR(dt_node_name(&n), "dev@3000");
	CHECK_EQ(dt_locate(fdt, DT_OFF(&n) + 4, &n), DT_E_NOTFOUND);
}

static void test_regs(void)
{
	size_t size;
	const void *fdt = test_dtb("dt-buses", &size);
	struct dt_node n;
	struct dt_regs r;
	u64 addr;
	u64 len;

	CHECK(dt_lookup(fdt, "/top@100000000", &n) > 0);
	CHECK_EQ(dt_regs(&n, &r), 2);
	CHECK_EQ(dt_regs_get(&r, 1, true, &addr, &len), 0);
	CHECK_EQ(addr, 0x9000);
	CHECK_EQ(len, 0x100);
	CHECK_EQ(dt_regs_get(&r, 2, true, &addr, &len), DT_E_RANGE);
	CHECK_EQ(dt_regs_get(&r, -1, true, &addr, &len), DT_E_RANGE);
	CHECK(dt_lookup(fdt, "/soc/sub@400000/dev@800", &n) > 0);
	CHECK_EQ(dt_node_reg(&n, 0, false, &addr, &len), 0);
	CHECK_EQ(addr, 0x800);
	CHECK_EQ(dt_node_reg(&n, 0, true, &addr, &len), 0);
	CHECK_EQ(addr, 0x10400800);
	CHECK_EQ(dt_lookup(fdt, "/", &n), 0);
	CHECK_EQ(dt_regs(&n, &r), DT_E_NOTFOUND); /* the root sits on no bus */
}

static void test_strlist_mask(void)
{
	static const char list[] = "arm,gic-400\0arm,cortex-a15-gic";
	static const struct dt_str strs[] = {DT_STR("arm,cortex-a15-gic"), DT_STR("arm,gic"),
					     DT_STR("arm,gic-400"), DT_STR("")};

	CHECK_EQ(dt_strlist_mask(list, sizeof(list), strs, 4), 5);
	CHECK_EQ(dt_strlist_mask(list, sizeof(list) - 1, strs, 4), 4); /* unterminated tail */
	CHECK_EQ(dt_strlist_mask(NULL, 0, strs, 4), 0);
	CHECK_EQ(dt_strlist_mask("\0", 2, strs, 4), 8);
}

struct visit_log {
	int nodes;
	int last;
	bool ok;
	const void *fdt;
};

static void visit_node(void *ctx, const struct dt_node *n, const void *const *vals, const int *lens)
{
	struct visit_log *log = ctx;
	int len;
	const void *compat = fdt_getprop(log->fdt, DT_OFF(n), "compatible", &len);
	const void *reg = fdt_getprop(log->fdt, DT_OFF(n), "reg", NULL);

	log->ok &= DT_OFF(n) > log->last && vals[0] == compat && vals[1] == reg &&
		   (!compat || lens[0] == len) && vals[2] == NULL;
	log->ok &= !n->depth || n->off[n->depth - 1] == fdt_parent_offset(log->fdt, DT_OFF(n));
	log->last = DT_OFF(n);
	log->nodes++;
}

static void test_check_visit(void)
{
	static const char *const names[] = {"compatible", "reg", "no-such-property"};
	size_t size;
	const void *fdt = test_dtb("hw-virt-gicv3", &size);
	struct visit_log log = {0, -1, true, fdt};
	struct dt_visit v = {names, 3, visit_node, &log};
	int nodes = 0;

	CHECK_EQ(dt_check_visit(fdt, size, &v), 0);
	CHECK(log.ok);
	for (int n = 0; n >= 0; n = fdt_next_node(fdt, n, NULL))
		nodes++;
	CHECK_EQ(log.nodes, nodes);
	v.count = DT_VISIT_MAX + 1;
	CHECK_EQ(dt_check_visit(fdt, size, &v), DT_E_BADBLOB);
}

/* A blob of nested nodes "n" under the root, depth levels in all, then a sibling /after. */
static void nested(void *buf, int size, int depth)
{
	fdt_create(buf, size);
	fdt_finish_reservemap(buf);
	fdt_begin_node(buf, "");
	for (int i = 1; i < depth; i++)
		fdt_begin_node(buf, "n");
	for (int i = 1; i < depth; i++)
		fdt_end_node(buf);
	fdt_begin_node(buf, "after");
	fdt_end_node(buf);
	fdt_end_node(buf);
	fdt_finish(buf);
}

/* Nodes deeper than DT_MAX_DEPTH levels: a valid blob; the walks skip them and go on. */
static void test_check_depth(void)
{
	static unsigned long long buf[1024];
	char path[DT_PATH_MAX];
	struct dt_checked chk;
	struct dt_node n;
	struct dt_node parent;
	int walked = 0;

	nested(buf, sizeof(buf), DT_MAX_DEPTH);
	CHECK_EQ(dt_check_explain(buf, sizeof(buf), NULL, &chk), 0);
	CHECK_EQ(chk.deep, -1);
	CHECK(dt_lookup(buf, "/n/n/n/n/n/n/n/n/n/n/n/n/n/n/n", &n) > 0);
	CHECK_EQ(n.depth, DT_MAX_DEPTH - 1);
	CHECK_EQ(dt_node_path(&n, path, sizeof(path)), 0);
	dt_root(buf, &n);
	CHECK_EQ(dt_deep_below(&n, &parent), DT_E_NOTFOUND);
	nested(buf, sizeof(buf), 200);
	CHECK_EQ(dt_check_explain(buf, sizeof(buf), NULL, &chk), 0);
	CHECK(chk.fault == NULL);
	CHECK_EQ(chk.deep, fdt_path_offset(buf, "/n/n/n/n/n/n/n/n/n/n/n/n/n/n/n/n"));
	dt_root(buf, &n);
	CHECK_EQ(dt_deep_below(&n, &parent), chk.deep);
	CHECK_EQ(parent.depth, DT_MAX_DEPTH - 1);
	CHECK_EQ(DT_OFF(&parent), fdt_path_offset(buf, "/n/n/n/n/n/n/n/n/n/n/n/n/n/n/n"));
	CHECK(!dt_child_first(&parent, &n)); /* its children are too deep to walk */
	dt_root(buf, &n);
	while (dt_walk_next(&n))
		walked++;
	CHECK_EQ(walked, DT_MAX_DEPTH); /* 15 "n" and /after */
	CHECK_STR(dt_node_name(&n), "after");
	CHECK_EQ(n.depth, 1);
	CHECK_EQ(dt_lookup(buf, "/after", &n), fdt_path_offset(buf, "/after"));
	CHECK_EQ(dt_locate(buf, chk.deep, &n), DT_E_NOTFOUND);
	/* the visitor sees the nodes the walks reach, with the right ancestors */
	{
		static const char *const names[] = {"compatible", "reg", "no-such-property"};
		struct visit_log log = {0, -1, true, buf};
		struct dt_visit v = {names, 3, visit_node, &log};

		CHECK_EQ(dt_check_visit(buf, sizeof(buf), &v), 0);
		CHECK(log.ok);
		CHECK_EQ(log.nodes, DT_MAX_DEPTH + 1); /* the root, 15 "n", /after */
		CHECK_EQ(log.last, fdt_path_offset(buf, "/after"));
	}
}

/* /a with property x = <7>, built with libfdt's sequential-write API. */
static int small(void *buf, int size, const char *name)
{
	fdt_create(buf, size);
	fdt_finish_reservemap(buf);
	fdt_begin_node(buf, "");
	fdt_begin_node(buf, name);
	fdt_property_u32(buf, "x", 7);
	fdt_end_node(buf);
	fdt_end_node(buf);
	fdt_finish(buf);
	return fdt_path_offset(buf, "/a");
}

static unsigned char *tag_at(void *buf, int off)
{
	return (unsigned char *)buf + fdt_off_dt_struct(buf) + (unsigned)off;
}

/* The check dt_check_explain names for buf (NULL if the blob is valid). */
static const char *fault(const void *buf, u64 size)
{
	struct dt_checked chk;
	int ret = dt_check_explain(buf, size, NULL, &chk);

	return ret == 0 ? NULL : ret == DT_E_BADBLOB && chk.fault ? chk.fault : "?";
}

#define CHECK_FAULT(buf, size, text)                                                             \
	do {                                                                                     \
		const char *f_ = fault(buf, size);                                               \
		if (!f_ || !strstr(f_, text))                                                    \
			test_fail(__FILE__, __LINE__, "fault %s, expected %s", f_ ? f_ : "none", \
				  text);                                                         \
	} while (0)

/* Each check dt_check makes, and the name it gives the one that failed. */
static void test_check_rejects(void)
{
	static unsigned long long buf[64];
	struct dt_checked chk;
	int a = small(buf, sizeof(buf), "a");

	CHECK_EQ(dt_check(buf, sizeof(buf)), 0);
	CHECK_FAULT((char *)buf + 4, sizeof(buf) - 4, "not 8-byte aligned");
	CHECK_FAULT(buf, 16, "fewer bytes than a header");
	CHECK_FAULT(buf, fdt_totalsize(buf) - 1, "totalsize larger than the bytes available");
	CHECK_EQ(dt_check_explain(buf, fdt_totalsize(buf) - 1, NULL, &chk), DT_E_BADBLOB);
	CHECK_EQ(chk.offset, 4);
	CHECK_EQ(chk.value, fdt_totalsize(buf));
	fdt_set_magic(buf, 0xd00dfeef);
	CHECK_FAULT(buf, sizeof(buf), "bad magic");
	fdt_set_magic(buf, FDT_MAGIC);
	fdt_set_version(buf, 15);
	CHECK_FAULT(buf, sizeof(buf), "version");
	fdt_set_version(buf, 17);
	fdt_set_off_dt_struct(buf, sizeof(buf) + 64);
	CHECK_FAULT(buf, sizeof(buf), "structure block outside the blob");
	small(buf, sizeof(buf), "a");
	fdt_set_off_dt_strings(buf, fdt_totalsize(buf) - 1);
	CHECK_FAULT(buf, sizeof(buf), "strings block outside the blob");
	small(buf, sizeof(buf), "a");
	fdt_set_off_mem_rsvmap(buf, fdt_totalsize(buf) + 8);
	CHECK_FAULT(buf, sizeof(buf), "memory reservation block outside");
	small(buf, sizeof(buf), "a/b");
	CHECK_FAULT(buf, sizeof(buf), "node name with a '/'");
	small(buf, sizeof(buf), "abc/");
	CHECK_FAULT(buf, sizeof(buf), "node name with a '/'");
	small(buf, sizeof(buf), "");
	CHECK_FAULT(buf, sizeof(buf), "node without a name");
	a = small(buf, sizeof(buf), "a");
	tag_at(buf, 0)[3] = FDT_NOP; /* NOPs, then /a: no root first */
	tag_at(buf, 4)[3] = FDT_NOP;
	CHECK_FAULT(buf, sizeof(buf), "root node not the first tag");
	small(buf, sizeof(buf), "a");
	tag_at(buf, 4)[0] = 'r'; /* the root has a name */
	CHECK_FAULT(buf, sizeof(buf), "root node with a name");
	small(buf, sizeof(buf), "a");
	tag_at(buf, a + 8 + 4)[0] = 0x7f; /* property length past the block */
	CHECK_FAULT(buf, sizeof(buf), "property length runs past the structure block");
	small(buf, sizeof(buf), "a");
	tag_at(buf, a + 8 + 8)[3] = 0x40; /* name offset past the strings */
	CHECK_FAULT(buf, sizeof(buf), "property name offset outside the strings block");
	CHECK_EQ(dt_check_explain(buf, sizeof(buf), NULL, &chk), DT_E_BADBLOB);
	CHECK_EQ(chk.offset, fdt_off_dt_struct(buf) + (u32)a + 8);
	CHECK_EQ(chk.value, 0x40);
	small(buf, sizeof(buf), "a");
	tag_at(buf, a + 8)[3] = 0x77; /* unknown tag */
	CHECK_FAULT(buf, sizeof(buf), "unknown tag");
	small(buf, sizeof(buf), "a");
	tag_at(buf, (int)fdt_size_dt_struct(buf) - 4)[3] = FDT_NOP; /* no FDT_END */
	CHECK_FAULT(buf, sizeof(buf), "ends without FDT_END");
	small(buf, sizeof(buf), "a");
	tag_at(buf, (int)fdt_size_dt_struct(buf) - 8)[3] = FDT_NOP; /* root not closed */
	CHECK_FAULT(buf, sizeof(buf), "FDT_END before the root node is closed");
	small(buf, sizeof(buf), "a");
	tag_at(buf, (int)fdt_size_dt_struct(buf) - 4)[3] = FDT_END_NODE; /* one too many */
	CHECK_FAULT(buf, sizeof(buf), "end of node without a node");
	small(buf, sizeof(buf), "a");
	for (int off = a + 8; off < a + 24; off += 4) /* NOPs instead of the property: fine */
		memcpy(tag_at(buf, off), "\0\0\0\4", 4);
	CHECK_EQ(dt_check(buf, sizeof(buf)), 0);
	CHECK_EQ(prop_len(buf, a, "x"), DT_E_NOTFOUND);
}

/* Everything a reader can be asked, on a blob dt_check accepted. */
static void read_everything(const void *fdt, size_t size)
{
	static struct hw hw;
	static struct cfg_report rep;
	struct dt_node n;
	u64 a;
	u64 b;

	cfg_report_init(&rep);
	hw_parse(fdt, size, &hw, &rep);
	dt_stdout(fdt, node_by_path(fdt, "/chosen"), &n);
	dt_phandle_node(fdt, 1);
	dt_root(fdt, &n);
	do {
		char path[DT_PATH_MAX];
		struct dt_node found;
		struct dt_regs r;
		int count = dt_regs(&n, &r);

		for (int i = 0; i < count; i++)
			dt_regs_get(&r, i, true, &a, &b);
		if (dt_node_path(&n, path, sizeof(path)) == 0)
			dt_lookup(fdt, path, &found);
		dt_is_enabled(fdt, DT_OFF(&n));
		dt_is_compatible(fdt, DT_OFF(&n), "arm,pl011");
		dt_string(fdt, DT_OFF(&n), "device_type");
		if (dt_child_first(&n, &found))
			dt_child_next(&found);
	} while (dt_walk_next(&n));
}

static void test_corrupt_blobs_are_contained(void)
{
	static const char *const names[] = {"hw-virt-gicv3", "hw-virt-gicv2", "dt-buses"};
	unsigned seed = 4242;
	int accepted = 0;

	for (unsigned k = 0; k < 3; k++) {
		size_t size;
		const unsigned char *good = test_dtb(names[k], &size);
		unsigned char *buf = malloc(size);

		for (int i = 0; i < 700; i++) {
			memcpy(buf, good, size);
			for (int f = 0; f <= i % 3; f++) {
				seed = seed * 1103515245u + 12345u;
				buf[(seed >> 8) % size] ^= (unsigned char)(1u << ((seed >> 4) & 7));
			}
			if (dt_check(buf, size) == 0) {
				accepted++;
				read_everything(buf, size);
			}
		}
		free(buf);
	}
	CHECK(accepted > 100); /* flips in property values keep the blob valid */
}

int main(int argc, char **argv)
{
	test_init(argc, argv);
	RUN(test_same_answers_as_libfdt);
	RUN(test_lookup_and_children);
	RUN(test_regs);
	RUN(test_strlist_mask);
	RUN(test_check_visit);
	RUN(test_check_depth);
	RUN(test_check_rejects);
	RUN(test_corrupt_blobs_are_contained);
	return test_summary();
}
