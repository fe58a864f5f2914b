/* SPDX-License-Identifier: Apache-2.0 */
/*
 * One test per error code of config.h (CFG_E_*): a layout under dts/err-*.dts
 * (or a blob built here) that triggers it, and the message content: node
 * path, property and values. Plus the isolation rules: a refused VM holds
 * nothing, every problem is reported, the Bao isolation study faults.
 */
#include <libfdt.h>

#include "config_internal.h"
#include "test_cfg.h"

#define V0_OK() CHECK(!fx.cfg.vms[0].refused)

static void run(const char *layout)
{
	fx_run("hw-virt-gicv3", layout);
}

/* /bao-partitions with one property, built with libfdt's sequential-write API. */
static void build_blob(void *buf, int size)
{
	fdt_create(buf, size);
	fdt_finish_reservemap(buf);
	fdt_begin_node(buf, "");
	fdt_begin_node(buf, "bao-partitions");
	fdt_property_string(buf, "compatible", "tessera,partitions");
	fdt_end_node(buf);
	fdt_end_node(buf);
	fdt_finish(buf);
}

static void test_e_blob(void)
{
	static unsigned long long buf[64];
	size_t size;
	const void *good = test_dtb("layout-linux-rtos", &size);
	unsigned char *prop;
	int node;

	run("layout-linux-rtos");
	cfg_report_init(&fx.rep);
	CHECK_EQ(config_parse(good, size - 64, &fx.cfg, &fx.rep), 1);
	CHECK_DIAG(CFG_E_BLOB, -1, "partition DTB (1077 bytes)",
		   "totalsize larger than the bytes available: 0x475 at byte 0x4");
	build_blob(buf, sizeof(buf));
	node = fdt_path_offset(buf, "/bao-partitions");
	prop = (unsigned char *)buf + fdt_off_dt_struct(buf) +
	       (unsigned)fdt_first_property_offset(buf, node);
	prop[10] = 0x7f; /* nameoff far past the strings block */
	cfg_report_init(&fx.rep);
	CHECK_EQ(config_parse(buf, sizeof(buf), &fx.cfg, &fx.rep), 1);
	CHECK_DIAG(CFG_E_BLOB, -1, "partition DTB",
		   "property name offset outside the strings block");
	CHECK_EQ(fx.cfg.nvms, 0);
	cfg_report_init(&fx.rep);
	CHECK_EQ(hw_parse(buf, 8, &fx.hw, &fx.rep), 1);
	CHECK_DIAG(CFG_E_BLOB, -1, "hardware DTB (8 bytes)", "fewer bytes than a header");
}

static void test_e_no_root(void)
{
	run("err-no-root");
	CHECK_EQ(fx.parse_errs, 1);
	CHECK_DIAG(CFG_E_NO_ROOT, -1, "no /bao-partitions node");
	CHECK_EQ(config_vms_ok(&fx.cfg), 0);
}

static void test_e_too_many(void)
{
	run("err-too-many");
	V0_OK();
	CHECK_DIAG(CFG_E_TOO_MANY, 1, "/bao-partitions/vm@1/memory@4000", "more than 4 memory");
	CHECK_DIAG(CFG_E_TOO_MANY, 2, "/bao-partitions/vm@2", "cpu-count 9", "1..8");
	CHECK_EQ(config_vms_ok(&fx.cfg), 1);
}

static void test_e_missing(void)
{
	run("err-missing");
	V0_OK();
	CHECK_DIAG(CFG_E_MISSING, 1, "/bao-partitions/vm@1:", "cpu-count");
	CHECK_DIAG(CFG_E_MISSING, 1, "/bao-partitions/vm@1/image", "data", "phys-addr");
	CHECK_DIAG(CFG_E_MISSING, 2, "/bao-partitions/vm@2/initrd", "data", "phys-addr");
}

static void test_e_cells(void)
{
	run("err-cells");
	V0_OK();
	CHECK_DIAG(CFG_E_CELLS, 1, "/bao-partitions/vm@1/memory@0: reg has 12 bytes", "expected 16",
		   "#address-cells 2", "#size-cells 2");
}

static void test_e_value(void)
{
	run("err-value");
	V0_OK();
	CHECK_DIAG(CFG_E_VALUE, 1, "/bao-partitions/vm@1/memory@60000000", "phys-addr 0x61000000",
		   "identity");
	CHECK_DIAG(CFG_E_VALUE, 2, "/bao-partitions/vm@2", "vm-name \"linux\"",
		   "/bao-partitions/vm@0");
}

static void test_e_align(void)
{
	run("err-align");
	V0_OK();
	CHECK_DIAG(CFG_E_ALIGN, 1, "/bao-partitions/vm@1/memory@0", "reg 0x0 size 0x1800", "4 KiB");
}

static void test_e_overflow(void)
{
	run("err-overflow");
	V0_OK();
	CHECK_DIAG(CFG_E_OVERFLOW, 1, "/bao-partitions/vm@1/memory@8000000000",
		   "reg 0x8000000000 size 0x1000", "39-bit");
}

/* Bao isolation study fault 1: more CPUs than exist. */
static void test_e_cpu_count(void)
{
	run("err-cpu-count");
	V0_OK();
	CHECK_DIAG(CFG_E_CPU_COUNT, 1, "/bao-partitions/vm@1", "cpu-count 3",
		   "only 2 of the 4 hardware CPUs");
	CHECK_EQ(config_vms_ok(&fx.cfg), 1);
}

static void test_e_cpu_affinity(void)
{
	run("err-cpu-affinity");
	V0_OK();
	CHECK_DIAG(CFG_E_CPU_AFFINITY, 1, "/bao-partitions/vm@1", "cpu-affinity entry 1 (0x7)",
		   "4 hardware cpu nodes");
	CHECK_DIAG(CFG_E_CPU_AFFINITY, 2, "/bao-partitions/vm@2", "entry 1 (0x2) repeats");
	CHECK_DIAG(CFG_E_CPU_AFFINITY, 4, "/bao-partitions/vm@4", "(0x3, /cpus/cpu@3)",
		   "already assigned to VM 'ok3'");
	CHECK(!fx.cfg.vms[3].refused);
	CHECK_EQ(fx.cfg.vms[3].cpus[0], 3);
	/* VM 0 has no affinity: it avoided CPUs 2 and 3 that others asked for */
	CHECK_EQ(fx.cfg.vms[0].cpus[1], 1);
}

static void test_e_mem_ram(void)
{
	run("err-mem-ram");
	V0_OK();
	CHECK_DIAG(CFG_E_MEM_RAM, 1, "/bao-partitions/vm@1/memory@0",
		   "phys-addr [0x100000000..0x101000000)", "[0x40000000..0xc0000000)");
}

static void test_e_mem_reserved(void)
{
	run("err-mem-reserved");
	V0_OK();
	CHECK_DIAG(CFG_E_MEM_RESERVED, 1, "/bao-partitions/vm@1/memory@7e000000",
		   "reg [0x7e000000..0x7e200000)", "reserved memory [0x7e000000..0x7e100000)");
}

/* Bao isolation study fault 3: memory over the hypervisor image. */
static void test_e_mem_hyp(void)
{
	run("err-mem-hyp");
	V0_OK();
	CHECK_DIAG(CFG_E_MEM_HYP, 1, "/bao-partitions/vm@1/memory@40000000",
		   "reg [0x40000000..0x41000000)", "hypervisor image [0x40000000..0x40200000)");
}

/* Bao isolation study fault 2: memory already given to another partition. */
static void test_e_mem_vm(void)
{
	run("err-mem-vm");
	V0_OK();
	CHECK_DIAG(CFG_E_MEM_VM, 1,
		   "/bao-partitions/vm@1/memory@48000000: reg [0x48000000..0x50000000) "
		   "overlaps memory of VM 'linux' (/bao-partitions/vm@0/memory@40000000, "
		   "PA [0x44000000..0x4c000000))");
}

static void test_e_ipa_overlap(void)
{
	run("err-ipa-overlap");
	V0_OK();
	CHECK_DIAG(CFG_E_IPA_OVERLAP, 1, "/bao-partitions/vm@1/device@9030000: ipa",
		   "[0x8000000..0x8001000)", "GIC distributor [0x8000000..0x8010000)");
	CHECK_DIAG(CFG_E_IPA_OVERLAP, 1, "/bao-partitions/vm@1/shmem@0: ipa [0xff0000..",
		   "/bao-partitions/vm@1/memory@0 [0x0..0x1000000)");
	CHECK(!fx.cfg.vms[2].refused);
}

static void test_e_image(void)
{
	run("err-image");
	V0_OK();
	CHECK_DIAG(CFG_E_IMAGE, 1, "/bao-partitions/vm@1/image", "load-addr 0xfff000",
		   "size 0x2000", "memory@0 [0x0..0x1000000)");
	CHECK_DIAG(CFG_E_IMAGE, 1, "/bao-partitions/vm@1:", "entry 0x2000000");
}

static void test_e_dev_not_hw(void)
{
	run("err-dev-not-hw");
	V0_OK();
	CHECK_DIAG(CFG_E_DEV_NOT_HW, 1, "/bao-partitions/vm@1/device@9100000",
		   "reg [0x9100000..0x9101000)", "hardware DTB");
	/* pl011@9040000 exists but is disabled */
	CHECK_DIAG(CFG_E_DEV_NOT_HW, 1, "/bao-partitions/vm@1/device@9040000");
	CHECK_DIAG(CFG_E_DEV_NOT_HW, 2, "/bao-partitions/vm@2/device@0",
		   "hw-path /pl011@9040000 is disabled");
}

static void test_e_dev_hyp(void)
{
	run("err-dev-hyp");
	V0_OK();
	CHECK_DIAG(CFG_E_DEV_HYP, 1, "/bao-partitions/vm@1/device@9000000",
		   "reg [0x9000000..0x9001000)", "console UART (/pl011@9000000");
	CHECK_DIAG(CFG_E_DEV_HYP, 1, "/bao-partitions/vm@1/device@80a0000",
		   "GIC redistributors (/intc@8000000 [0x80a0000..0x9000000)");
}

static void test_e_dev_vm(void)
{
	run("err-dev-vm");
	V0_OK();
	CHECK_DIAG(CFG_E_DEV_VM, 1, "/bao-partitions/vm@1/device@9010000",
		   "reg [0x9010000..0x9011000)", "/bao-partitions/vm@0/device@9010000",
		   "VM 'linux'");
}

static void test_e_irq_range(void)
{
	run("err-irq-range");
	V0_OK();
	CHECK_DIAG(CFG_E_IRQ_RANGE, 1, "/bao-partitions/vm@1/device@9030000: irqs INTID 20",
		   "32..1019");
	/* INTID 1000 on the same device: counted on the first */
	CHECK_EQ(fx_find(CFG_E_IRQ_RANGE, 1,
			 (const char *const[]){"vm@1/device@9030000: irqs INTID 20", NULL})
			 ->repeats,
		 1);
	CHECK_DIAG(CFG_E_IRQ_RANGE, 2, "/bao-partitions/vm@2/device@0", "hw-path /pmu", "<1 7 4>",
		   "PPI (INTID 23)");
}

static void test_e_irq_vm(void)
{
	run("err-irq-vm");
	V0_OK();
	CHECK_DIAG(CFG_E_IRQ_VM, 1, "/bao-partitions/vm@1/device@9030000: irqs INTID 34",
		   "VM 'linux' (/bao-partitions/vm@0/device@9010000)");
	CHECK_DIAG(CFG_E_IRQ_VM, 1, "/bao-partitions/vm@1/shmem@0: irq INTID 40",
		   "/bao-partitions/vm@1/device@9030000");
}

static void test_e_ref(void)
{
	run("err-ref");
	V0_OK();
	CHECK_DIAG(CFG_E_REF, 1, "/bao-partitions/vm@1/device@0", "hw-path \"/nonexistent@0\"");
	CHECK_DIAG(CFG_E_REF, 2, "/bao-partitions/vm@2/shmem@0", "channel phandle 0x99");
}

static void test_e_shmem(void)
{
	run("err-shmem");
	V0_OK();
	CHECK_DIAG(CFG_E_SHMEM, 1, "/bao-partitions/channel@0", "mapped by 1 partition",
		   "/bao-partitions/vm@1");
	CHECK_DIAG(CFG_E_SHMEM, -1, "/bao-partitions/channel@1", "mapped by 0 partitions");
}

static void test_e_color(void)
{
	const struct cfg_diag *d;

	run("err-color");
	V0_OK();
	CHECK_DIAG(CFG_E_COLOR, 1, "/bao-partitions/vm@1", "colors index 20", "16 colors");
	d = fx_find(CFG_E_COLOR, 3, (const char *const[]){"colors 0x10 shared", "'sharing'", NULL});
	CHECK(d && d->warning);
	CHECK(!fx.cfg.vms[2].refused && !fx.cfg.vms[3].refused);
	CHECK_EQ(cfg_report_errors(&fx.rep), 1);
}

static void test_e_hw(void)
{
	size_t size;
	const void *fdt = test_dtb("dt-buses", &size);

	memset(&fx, 0, sizeof(fx));
	CHECK_EQ(hw_parse(fdt, size, &fx.hw, &fx.rep), 3);
	CHECK_DIAG(CFG_E_HW, -1, "no /cpus node");
	CHECK_DIAG(CFG_E_HW, -1, "no memory node");
	CHECK_DIAG(CFG_E_HW, -1, "interrupt controller", "\"arm,gic-v3\"", "\"arm,gic-400\"");
}

/* VM 1 is refused (3 CPUs); VM 2 asks for its memory, device and IRQ and gets them. */
static void test_refused_vm_holds_nothing(void)
{
	run("err-isolation");
	CHECK_EQ(cfg_report_errors(&fx.rep), 1);
	CHECK_DIAG(CFG_E_CPU_COUNT, 1, "/bao-partitions/vm@1", "cpu-count 3");
	CHECK(fx.cfg.vms[1].refused);
	CHECK(!fx.cfg.vms[0].refused && !fx.cfg.vms[2].refused);
	CHECK_EQ(fx.cfg.vms[2].cpus[0], 2);
	CHECK_EQ(fx.cfg.vms[2].cpus[1], 3);
	CHECK_EQ(config_vms_ok(&fx.cfg), 2);
}

/* Problems in parse and in validation, in several VMs, all in one report. */
static void test_all_problems_reported(void)
{
	run("err-many");
	CHECK_EQ(fx.parse_errs, 1);
	CHECK_EQ(fx.val_errs, 3);
	CHECK_EQ(cfg_report_errors(&fx.rep), 4);
	CHECK_DIAG(CFG_E_COLOR, 1, "/bao-partitions/vm@1", "colors index 17");
	CHECK_DIAG(CFG_E_ALIGN, 1, "/bao-partitions/vm@1/memory@0", "size 0x1800");
	CHECK_DIAG(CFG_E_IRQ_RANGE, 1, "/bao-partitions/vm@1/device@9030000", "INTID 5");
	CHECK_DIAG(CFG_E_MISSING, 2, "/bao-partitions/vm@2", "cpu-count");
	CHECK(!fx.cfg.vms[0].refused && !fx.cfg.vms[3].refused);
	CHECK_EQ(config_vms_ok(&fx.cfg), 2);
}

/*
 * More diagnostics than CFG_MAX_DIAGS: problems of one kind about one node
 * are one entry with a count; past the room, the rest are counted, but the
 * first error about each VM and each channel is always kept.
 */
static void test_report_overflow(void)
{
	struct cfg_report *rep = &fx.rep;
	const u32 general = CFG_MAX_DIAGS - CFG_MAX_VMS - CFG_MAX_SHMEM;

	cfg_report_init(rep);
	for (int i = 0; i < 1000; i++) /* one kind, one node: one entry */
		cfg_diag(rep, CFG_E_TOO_MANY, -1, false, "/bao-partitions: vm@%d ignored", i);
	CHECK_EQ(rep->ndiags, 1);
	CHECK_EQ(rep->diags[0].repeats, 999);
	CHECK_STR(rep->diags[0].msg, "/bao-partitions: vm@0 ignored");
	CHECK_EQ(cfg_report_errors(rep), 1000);
	for (int i = 0; i < (int)general + 5; i++) /* distinct nodes: each its own entry */
		cfg_diag(rep, CFG_E_VALUE, -1, i % 2, "/n%d: diag", i);
	CHECK_EQ(rep->ndiags, general);
	CHECK_EQ(rep->dropped, 3);
	CHECK_EQ(rep->dropped_warnings, 3);
	for (int vm = 0; vm < (int)CFG_MAX_VMS; vm++) { /* every VM's first reason still fits */
		cfg_diag(rep, CFG_E_VALUE, vm, false, "/vm%d: its reason", vm);
		cfg_diag(rep, CFG_E_VALUE, vm, false, "/vm%d/x: a second one", vm);
	}
	CHECK_EQ(rep->ndiags, general + CFG_MAX_VMS);
	CHECK_STR(rep->diags[general + CFG_MAX_VMS - 1].msg, "/vm7: its reason");
	CHECK_EQ(rep->dropped, 3 + CFG_MAX_VMS);
	cfg_diag(rep, CFG_E_VALUE, 3, true, "/vm3: a warning"); /* warnings have no room kept */
	CHECK_EQ(rep->dropped_warnings, 4);
	CHECK_EQ(cfg_report_errors(rep), 1000 + general / 2 + 3 + 2 * CFG_MAX_VMS);
}

/* Random byte corruption of a valid layout: reported or accepted, never a crash. */
static void test_corrupt_layouts_are_contained(void)
{
	static unsigned char buf[4096];
	size_t size;
	const unsigned char *good = test_dtb("layout-linux-rtos", &size);
	unsigned seed = 12345;

	CHECK(size <= sizeof(buf));
	run("layout-linux-rtos");
	for (int i = 0; i < 500; i++) {
		memcpy(buf, good, size);
		for (int k = 0; k <= i % 3; k++) {
			seed = seed * 1103515245u + 12345u;
			buf[(seed >> 8) % size] ^= (unsigned char)(1u << ((seed >> 4) & 7));
		}
		cfg_report_init(&fx.rep);
		int errs = config_parse(buf, size, &fx.cfg, &fx.rep);

		errs += config_validate(&fx.cfg, &fx.hw, fx.hw_fdt, &fx.rep);
		CHECK_EQ(cfg_report_errors(&fx.rep), (u32)errs);
		CHECK(config_vms_ok(&fx.cfg) <= fx.cfg.nvms);
	}
}

int main(int argc, char **argv)
{
	test_init(argc, argv);
	RUN(test_e_blob);
	RUN(test_e_no_root);
	RUN(test_e_too_many);
	RUN(test_e_missing);
	RUN(test_e_cells);
	RUN(test_e_value);
	RUN(test_e_align);
	RUN(test_e_overflow);
	RUN(test_e_cpu_count);
	RUN(test_e_cpu_affinity);
	RUN(test_e_mem_ram);
	RUN(test_e_mem_reserved);
	RUN(test_e_mem_hyp);
	RUN(test_e_mem_vm);
	RUN(test_e_ipa_overlap);
	RUN(test_e_image);
	RUN(test_e_dev_not_hw);
	RUN(test_e_dev_hyp);
	RUN(test_e_dev_vm);
	RUN(test_e_irq_range);
	RUN(test_e_irq_vm);
	RUN(test_e_ref);
	RUN(test_e_shmem);
	RUN(test_e_color);
	RUN(test_e_hw);
	RUN(test_refused_vm_holds_nothing);
	RUN(test_all_problems_reported);
	RUN(test_report_overflow);
	RUN(test_corrupt_layouts_are_contained);
	return test_summary();
}
