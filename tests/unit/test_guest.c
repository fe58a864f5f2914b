/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Host tests of the Linux-guest parts of /bao-partitions: vuart,
 * console-input, initrd, bootargs and the guest DTB's fix-up room
 * (CFG_DTB_SLACK). Parsed values of a valid layout, then one test per rule
 * with the message content: node path, property and values.
 */
#include "test_cfg.h"

static void run(const char *layout)
{
	fx_run("hw-virt-gicv3", layout);
}

static void test_parse_linux_guest(void)
{
	const struct cfg_vm *l;
	const struct cfg_vm *b;

	run("layout-linux-guest");
	CHECK_CLEAN();
	CHECK_EQ(config_vms_ok(&fx.cfg), 2);
	l = &fx.cfg.vms[0];
	b = &fx.cfg.vms[1];
	CHECK(l->console_input && !b->console_input);
	CHECK_STR(l->bootargs, "console=ttyAMA0 earlycon=pl011,0x9000000 rdinit=/init");
	CHECK_STR(b->bootargs, "");
	CHECK(l->vuart.present && b->vuart.present);
	CHECK_EQ(l->vuart.ipa, 0x9000000);
	CHECK_EQ(l->vuart.size, ARCH_VUART_SIZE);
	/* the same virtual INTID in two VMs */
	CHECK_EQ(l->vuart.irq, 33);
	CHECK_EQ(b->vuart.irq, 33);
	CHECK_EQ(l->initrd.kind, CFG_IMAGE_EMBEDDED);
	CHECK_EQ(l->initrd.load_ipa, 0x44000000);
	CHECK_EQ(l->initrd.size, 6);
	CHECK_EQ(((const u8 *)l->initrd.data)[0], 0x30);
	CHECK_EQ(b->initrd.kind, CFG_IMAGE_NONE);
	CHECK_EQ(l->dtb.load_ipa, 0x47f00000);
	CHECK_EQ(l->entry, 0x40200000);
	CHECK_EQ(b->colors, 0xf);
	CHECK_EQ(b->devs[0].irqs[0], 39);
	CHECK_EQ(CFG_DTB_SLACK, 0x2000);
}

/* Without vuart, initrd, bootargs or console-input nothing is set. */
static void test_parse_defaults(void)
{
	const struct cfg_vm *r;

	run("layout-linux-rtos");
	CHECK_CLEAN();
	r = &fx.cfg.vms[1];
	CHECK(!r->vuart.present && r->vuart.irq == 0 && !r->console_input);
	CHECK_EQ(r->initrd.kind, CFG_IMAGE_NONE);
	CHECK_EQ(r->bootargs[0], '\0');
}

static void test_vuart_values(void)
{
	run("err-vuart");
	CHECK(!fx.cfg.vms[0].refused);
	CHECK_DIAG(CFG_E_VALUE, 1, "/bao-partitions/vm@1/vuart: reg size 0x2000", "exactly 0x1000",
		   "one 4 KiB page");
	CHECK_DIAG(CFG_E_ALIGN, 2, "/bao-partitions/vm@2/vuart: reg 0x9000800 size 0x1000",
		   "4 KiB aligned");
	CHECK_DIAG(CFG_E_IRQ_RANGE, 2, "/bao-partitions/vm@2/vuart: irq INTID 20", "32..1019");
	CHECK_DIAG(CFG_E_OVERFLOW, 3, "/bao-partitions/vm@3/vuart: reg 0x8000000000 size 0x1000",
		   "39-bit");
	CHECK_DIAG(CFG_E_IRQ_RANGE, 3, "/bao-partitions/vm@3/vuart: irq INTID 1020", "32..1019");
	CHECK_DIAG(CFG_E_CELLS, 4, "/bao-partitions/vm@4/vuart: reg has 12 bytes", "expected 16");
	CHECK_DIAG(CFG_E_MISSING, 5, "/bao-partitions/vm@5/vuart", "property reg missing");
	CHECK_EQ(config_vms_ok(&fx.cfg), 1);
}

static void test_vuart_ipa_overlap(void)
{
	run("err-vuart-overlap");
	CHECK(!fx.cfg.vms[0].refused);
	CHECK_DIAG(CFG_E_IPA_OVERLAP, 1, "/bao-partitions/vm@1/vuart: reg [0xff000..0x100000)",
		   "/bao-partitions/vm@1/memory@0 [0x0..0x1000000)");
	CHECK_DIAG(CFG_E_IPA_OVERLAP, 2, "/bao-partitions/vm@2/vuart: reg [0x800f000..0x8010000)",
		   "GIC distributor [0x8000000..0x8010000)");
	CHECK_DIAG(CFG_E_IPA_OVERLAP, 3, "/bao-partitions/vm@3/vuart: reg [0x20000000..",
		   "/bao-partitions/vm@3/device@9030000 [0x20000000..0x20001000)");
	CHECK_DIAG(CFG_E_IPA_OVERLAP, 4, "/bao-partitions/vm@4/vuart: reg [0x1000f000..",
		   "/bao-partitions/vm@4/shmem@0 [0x10000000..0x10010000)");
	CHECK(!fx.cfg.vms[5].refused);
	CHECK_EQ(cfg_report_errors(&fx.rep), 4);
}

/* Unique inside a VM (hw-path irqs included), not across VMs: it is virtual. */
static void test_vuart_irq(void)
{
	run("err-vuart-irq");
	CHECK_DIAG(CFG_E_IRQ_VM, 1, "/bao-partitions/vm@1/vuart: irq INTID 39",
		   "/bao-partitions/vm@1/device@9030000", "same VM");
	CHECK_DIAG(CFG_E_IRQ_VM, 2, "/bao-partitions/vm@2/vuart: irq INTID 50",
		   "/bao-partitions/vm@2/shmem@0");
	CHECK_EQ(cfg_report_errors(&fx.rep), 2);
	CHECK(!fx.cfg.vms[0].refused && !fx.cfg.vms[3].refused && !fx.cfg.vms[4].refused);
	CHECK_EQ(fx.cfg.vms[3].vuart.irq, 39);
	CHECK_EQ(fx.cfg.vms[4].devs[0].irqs[0], 39);
	CHECK_EQ(fx.cfg.vms[4].vuart.irq, 34);
}

static void test_console_input(void)
{
	run("err-console");
	CHECK(!fx.cfg.vms[0].refused);
	CHECK_DIAG(CFG_E_MISSING, 1, "/bao-partitions/vm@1: console-input", "vuart");
	CHECK_DIAG(CFG_E_VALUE, 2, "/bao-partitions/vm@2/vuart: reg size 0x3000");
	/* 'broken' is refused: it does not hold console input */
	CHECK(!fx.cfg.vms[3].refused && fx.cfg.vms[3].console_input);
	CHECK_DIAG(CFG_E_VALUE, 4, "/bao-partitions/vm@4: console-input",
		   "VM 'first' (/bao-partitions/vm@3)", "only one VM");
	CHECK_EQ(cfg_report_errors(&fx.rep), 3);
}

static void test_guest_files(void)
{
	run("err-guest-files");
	CHECK(!fx.cfg.vms[0].refused && !fx.cfg.vms[0].guest_files);
	CHECK_DIAG(CFG_E_HW, 1, "/bao-partitions/vm@1: guest-interrupt-files: the GIC",
		   "no interrupt files for VMs");
	CHECK_DIAG(CFG_E_VALUE, 2, "/bao-partitions/vm@2: guest-interrupt-files");
	CHECK_EQ(cfg_report_errors(&fx.rep), 2);
}

static void test_initrd(void)
{
	run("err-initrd");
	CHECK(!fx.cfg.vms[0].refused && !fx.cfg.vms[1].refused);
	CHECK_EQ(fx.cfg.vms[1].initrd.kind, CFG_IMAGE_PRELOADED);
	CHECK_EQ(fx.cfg.vms[1].initrd.pa, 0x60000000);
	CHECK_DIAG(CFG_E_IMAGE, 2, "/bao-partitions/vm@2/initrd: load-addr 0xfff000 size 0x2000",
		   "not inside one memory region", "memory@0 [0x0..0x1000000)");
	CHECK_DIAG(CFG_E_IMAGE, 3, "/bao-partitions/vm@3/initrd: load-addr [0x4..0x8)",
		   "overlaps image [0x0..0x8)");
	CHECK_DIAG(CFG_E_MEM_RAM, 4, "/bao-partitions/vm@4/initrd: phys-addr",
		   "[0x100000000..0x100001000)", "RAM");
	CHECK_DIAG(CFG_E_MEM_VM, 5, "/bao-partitions/vm@5/initrd: phys-addr [0x44000000..",
		   "memory of VM 'linux'");
	CHECK_DIAG(CFG_E_MEM_VM, 6, "/bao-partitions/vm@6/initrd: phys-addr [0x60008000..",
		   "pre-loaded initrd of VM 'preloaded'", "/bao-partitions/vm@1/initrd",
		   "PA [0x60000000..0x60010000)");
	CHECK_DIAG(CFG_E_IMAGE, 7, "/bao-partitions/vm@7/initrd", "empty (size 0)");
	CHECK_EQ(config_vms_ok(&fx.cfg), 2);
}

/* The dtb's IPA range includes the room the hypervisor's fix-ups may use. */
static void test_dtb_fixup_room(void)
{
	run("err-dtb");
	CHECK(!fx.cfg.vms[0].refused);
	CHECK_DIAG(CFG_E_IMAGE, 1, "/bao-partitions/vm@1/dtb: load-addr 0xfff000 size 0x8",
		   "with 0x2000 fix-up room", "not inside one memory region");
	CHECK_DIAG(CFG_E_IMAGE, 2, "/bao-partitions/vm@2/dtb: load-addr [0x100000..0x102008)",
		   "fix-up room", "overlaps image [0x101000..0x101004)");
	CHECK_DIAG(CFG_E_IMAGE, 3, "/bao-partitions/vm@3/dtb: load-addr [0x1ff000..0x201008)",
		   "overlaps initrd [0x200000..0x200004)");
	CHECK(!fx.cfg.vms[4].refused); /* room ends exactly at the end of memory */
	CHECK_EQ(cfg_report_errors(&fx.rep), 3);
}

static void test_guest_syntax(void)
{
	run("err-guest-syntax");
	CHECK(!fx.cfg.vms[0].refused);
	CHECK_DIAG(CFG_E_VALUE, 1, "/bao-partitions/vm@1: bootargs is 301 bytes", "limit of 256");
	CHECK_DIAG(CFG_E_VALUE, 2, "/bao-partitions/vm@2: bootargs (22 bytes)",
		   "not one NUL-terminated string");
	CHECK_DIAG(CFG_E_VALUE, 3, "/bao-partitions/vm@3: unknown node vuart@9000000",
		   "initrd, vuart");
	CHECK(!fx.cfg.vms[4].refused);
	CHECK_EQ(strlen(fx.cfg.vms[4].bootargs), CFG_BOOTARGS_MAX - 1);
	CHECK_EQ(fx.cfg.vms[1].bootargs[0], '\0');
	CHECK_EQ(cfg_report_errors(&fx.rep), 3);
}

/* Random byte corruption of the Linux layout: reported or accepted, never a crash. */
static void test_corrupt_guest_layout(void)
{
	static unsigned char buf[4096];
	size_t size;
	const unsigned char *good = test_dtb("layout-linux-guest", &size);
	unsigned seed = 777;

	CHECK(size <= sizeof(buf));
	run("layout-linux-guest");
	for (int i = 0; i < 500; i++) {
		int errs;

		memcpy(buf, good, size);
		for (int k = 0; k <= i % 3; k++) {
			seed = seed * 1103515245u + 12345u;
			buf[(seed >> 8) % size] ^= (unsigned char)(1u << ((seed >> 4) & 7));
		}
		cfg_report_init(&fx.rep);
		errs = config_parse(buf, size, &fx.cfg, &fx.rep);
		errs += config_validate(&fx.cfg, &fx.hw, fx.hw_fdt, &fx.rep);
		CHECK_EQ(cfg_report_errors(&fx.rep), (u32)errs);
		for (u32 v = 0; v < fx.cfg.nvms; v++)
			CHECK(memchr(fx.cfg.vms[v].bootargs, 0, CFG_BOOTARGS_MAX) != NULL);
	}
}

int main(int argc, char **argv)
{
	test_init(argc, argv);
	RUN(test_parse_linux_guest);
	RUN(test_parse_defaults);
	RUN(test_vuart_values);
	RUN(test_vuart_ipa_overlap);
	RUN(test_vuart_irq);
	RUN(test_console_input);
	RUN(test_guest_files);
	RUN(test_initrd);
	RUN(test_dtb_fixup_room);
	RUN(test_guest_syntax);
	RUN(test_corrupt_guest_layout);
	return test_summary();
}
