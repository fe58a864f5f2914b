/* SPDX-License-Identifier: Apache-2.0 */
/* Host tests of config_parse() and config_validate() on valid layouts. */
#include "test_cfg.h"

static void test_parse_linux_rtos(void)
{
	const struct cfg_vm *l;
	const struct cfg_vm *r;

	fx_run("hw-virt-gicv3", "layout-linux-rtos");
	CHECK_CLEAN();
	CHECK_EQ(fx.parse_errs, 0);
	CHECK_EQ(fx.cfg.nvms, 2);
	l = &fx.cfg.vms[0];
	r = &fx.cfg.vms[1];
	CHECK_STR(l->name, "linux");
	CHECK_STR(l->path, "/bao-partitions/vm@0");
	CHECK_EQ(l->ncpus, 2);
	CHECK(l->has_affinity && l->affinity[1] == 1);
	CHECK(l->has_entry && l->entry == 0x40080000);
	CHECK_EQ(l->nmem, 1);
	CHECK_STR(l->mem[0].name, "memory@40000000");
	CHECK_EQ(l->mem[0].ipa, 0x40000000);
	CHECK_EQ(l->mem[0].size, 0x8000000);
	CHECK(l->mem[0].has_pa && !l->mem[0].identity && l->mem[0].pa == 0x44000000);
	CHECK_EQ(l->image.kind, CFG_IMAGE_EMBEDDED);
	CHECK_EQ(l->image.size, 8);
	CHECK_EQ(((const u8 *)l->image.data)[0], 0x1f);
	CHECK_EQ(l->dtb.kind, CFG_IMAGE_EMBEDDED);
	CHECK_EQ(l->dtb.load_ipa, 0x47f00000);
	CHECK_EQ(r->image.kind, CFG_IMAGE_PRELOADED);
	CHECK_EQ(r->image.pa, 0x60000000);
	CHECK_EQ(r->image.size, 0x20000);
	CHECK(!r->has_affinity && !r->has_entry);
}

static void test_parse_devices_and_shmem(void)
{
	const struct cfg_vm *l;
	const struct cfg_vm *r;

	fx_run("hw-virt-gicv3", "layout-linux-rtos");
	CHECK_CLEAN();
	l = &fx.cfg.vms[0];
	r = &fx.cfg.vms[1];
	CHECK_EQ(l->ndevs, 1);
	CHECK_STR(l->devs[0].hw_path, "/pl031@9010000");
	CHECK_STR(l->devs[0].path, "/bao-partitions/vm@0/device@9010000");
	CHECK(!l->devs[0].has_reg && !l->devs[0].has_irqs);
	CHECK_EQ(r->devs[0].pa, 0x9030000);
	CHECK_EQ(r->devs[0].ipa, 0x20000000);
	CHECK_EQ(r->devs[0].nirqs, 1);
	CHECK_EQ(r->devs[0].irqs[0], 39);
	CHECK_EQ(fx.cfg.nshmem, 1);
	CHECK_STR(fx.cfg.shmem[0].name, "ctrl");
	CHECK_EQ(fx.cfg.shmem[0].size, 0x10000);
	CHECK(!fx.cfg.shmem[0].has_pa);
	CHECK_EQ(l->nshmem, 1);
	CHECK_EQ(l->shmem[0].channel, 0);
	CHECK_EQ(l->shmem[0].irq, 80);
	CHECK(!l->shmem[0].read_only && r->shmem[0].read_only);
	CHECK_EQ(r->shmem[0].ipa, 0x10000000);
}

static void test_validate_fills_in(void)
{
	const struct cfg_vm *l;

	fx_run("hw-virt-gicv3", "layout-linux-rtos");
	CHECK_CLEAN();
	CHECK_EQ(fx.val_errs, 0);
	CHECK_EQ(config_vms_ok(&fx.cfg), 2);
	l = &fx.cfg.vms[0];
	/* hw-path resolved: reg and the SPI <0 2 4> = INTID 34 */
	CHECK_EQ(l->devs[0].pa, 0x9010000);
	CHECK_EQ(l->devs[0].size, 0x1000);
	CHECK_EQ(l->devs[0].ipa, 0x9010000);
	CHECK_EQ(l->devs[0].nirqs, 1);
	CHECK_EQ(l->devs[0].irqs[0], 34);
	/* affinity CPUs, then the lowest free one for the RTOS */
	CHECK_EQ(l->cpus[0], 0);
	CHECK_EQ(l->cpus[1], 1);
	CHECK_EQ(fx.cfg.vms[1].cpus[0], 2);
}

static void test_colored_one_cell(void)
{
	const struct config *c;

	fx_run("hw-virt-gicv3", "layout-colored");
	CHECK_CLEAN();
	CHECK_EQ(fx.rep.ndiags, 0);
	c = &fx.cfg;
	CHECK_EQ(c->nvms, 3);
	CHECK_EQ(c->ncolors_override, 16);
	CHECK_EQ(c->vms[0].colors, 0xf);
	CHECK_EQ(c->vms[2].colors, 0xff00);
	CHECK_EQ(c->vms[1].nmem, 2);
	CHECK_EQ(c->vms[1].mem[1].ipa, 0x90000000);
	CHECK(!c->vms[1].mem[1].has_pa);
	CHECK(c->shmem[0].has_pa && c->shmem[0].pa == 0x70000000);
	CHECK_EQ(c->vms[2].entry, 0x80001000);
	CHECK_EQ(c->vms[0].cpus[0], 0);
	CHECK_EQ(c->vms[1].cpus[0], 1);
	CHECK_EQ(c->vms[1].cpus[1], 2);
	CHECK_EQ(c->vms[2].cpus[0], 3);
	/* hw-path with irqs given: they agree with the hardware's <0 7 4> */
	CHECK_EQ(c->vms[0].devs[0].pa, 0x9030000);
	CHECK_EQ(c->vms[0].devs[0].irqs[0], 39);
	CHECK_EQ(config_vms_ok(c), 3);
}

static void test_gicv2_identity_spin_table(void)
{
	const struct config *c;

	fx_run("hw-virt-gicv2", "layout-gicv2");
	CHECK_CLEAN();
	c = &fx.cfg;
	CHECK(c->vms[0].mem[0].identity && c->vms[0].mem[0].has_pa);
	CHECK_EQ(c->vms[0].mem[0].pa, 0x48000000);
	CHECK_EQ(c->vms[0].cpus[0], 0);
	CHECK_EQ(c->vms[1].cpus[0], 1);
	CHECK_EQ(config_vms_ok(c), 2);
}

/* The offline checker may have no hardware DTB: hw-path cannot resolve, the rest checks. */
static void test_validate_without_hw_dtb(void)
{
	size_t size;
	const void *layout = test_dtb("layout-colored", &size);

	fx_run("hw-virt-gicv3", "layout-colored");
	CHECK_CLEAN();
	cfg_report_init(&fx.rep);
	CHECK_EQ(config_parse(layout, size, &fx.cfg, &fx.rep), 0);
	CHECK_EQ(config_validate(&fx.cfg, &fx.hw, NULL, &fx.rep), 1);
	CHECK_DIAG(CFG_E_REF, 0, "/bao-partitions/vm@0/device@9030000", "hw-path");
	CHECK_EQ(config_vms_ok(&fx.cfg), 2);
}

static void test_strerror(void)
{
	CHECK_STR(cfg_strerror(CFG_E_MEM_VM), "memory overlaps another partition");
	CHECK_STR(cfg_strerror(CFG_E__COUNT), "unknown error");
	for (int i = 0; i < CFG_E__COUNT; i++)
		CHECK(cfg_strerror((enum cfg_err)i)[0] != '\0');
}

/* fault-policy: "stop" by default; a value other than one "stop" or "inject" refuses the VM. */
static void test_parse_fault_policy(void)
{
	fx_run("hw-virt-gicv3", "layout-fault-policy");
	CHECK_EQ(fx.cfg.nvms, 6);
	CHECK_EQ(fx.cfg.vms[0].fault_policy, CFG_FAULT_INJECT);
	CHECK_EQ(fx.cfg.vms[1].fault_policy, CFG_FAULT_STOP);
	CHECK_EQ(fx.cfg.vms[2].fault_policy, CFG_FAULT_STOP);
	for (int i = 0; i < 3; i++)
		CHECK(!fx.cfg.vms[i].refused);
	CHECK_DIAG(CFG_E_VALUE, 3, "/bao-partitions/vm@3: fault-policy \"ignore\"",
		   "must be \"stop\" or \"inject\"");
	CHECK_DIAG(CFG_E_VALUE, 4,
		   "/bao-partitions/vm@4: fault-policy (4 bytes) is not one string");
	CHECK_DIAG(CFG_E_VALUE, 5,
		   "/bao-partitions/vm@5: fault-policy (12 bytes) is not one string");
	for (int i = 3; i < 6; i++)
		CHECK(fx.cfg.vms[i].refused && fx.cfg.vms[i].fault_policy == CFG_FAULT_STOP);
	CHECK_EQ(cfg_report_errors(&fx.rep), 3);
	CHECK_EQ(config_vms_ok(&fx.cfg), 3);
}

int main(int argc, char **argv)
{
	test_init(argc, argv);
	RUN(test_parse_fault_policy);
	RUN(test_parse_linux_rtos);
	RUN(test_parse_devices_and_shmem);
	RUN(test_validate_fills_in);
	RUN(test_colored_one_cell);
	RUN(test_gicv2_identity_spin_table);
	RUN(test_validate_without_hw_dtb);
	RUN(test_strerror);
	return test_summary();
}
