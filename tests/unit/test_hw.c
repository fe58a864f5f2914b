/* SPDX-License-Identifier: Apache-2.0 */
/* Host tests of hw_parse() on QEMU virt shaped hardware DTBs. */
#include "irqchip/gic.h"
#include "test_cfg.h"

static struct hw hw;
static struct cfg_report rep;

static int parse(const char *name)
{
	size_t size;
	const void *fdt = test_dtb(name, &size);

	cfg_report_init(&rep);
	memset(&hw, 0, sizeof(hw));
	fx_protect(&hw);
	return hw_parse(fdt, size, &hw, &rep);
}

static bool has(enum cfg_err code, bool warning, const char *a, const char *b)
{
	for (unsigned i = 0; i < rep.ndiags; i++) {
		const struct cfg_diag *d = &rep.diags[i];

		if (d->code == code && d->warning == warning && strstr(d->msg, a) &&
		    strstr(d->msg, b))
			return true;
	}
	for (unsigned i = 0; i < rep.ndiags; i++)
		printf("    [%d%s] %s\n", rep.diags[i].code, rep.diags[i].warning ? " w" : "",
		       rep.diags[i].msg);
	return false;
}

static void test_virt_gicv3(void)
{
	CHECK_EQ(parse("hw-virt-gicv3"), 0);
	CHECK_EQ(rep.ndiags, 0);
	CHECK_EQ(hw.ncpus, 4);
	for (u32 i = 0; i < 4; i++) {
		CHECK_EQ(hw.cpus[i].arch_id, i);
		CHECK_EQ(hw.cpus[i].arch.enable, CPU_ENABLE_PSCI);
	}
	CHECK_STR(hw.cpus[3].path, "/cpus/cpu@3");
	CHECK_EQ(hw.arch.psci, PSCI_CONDUIT_SMC);
	CHECK_STR(hw.irqchip.drv->name, "GIC");
	CHECK_EQ(hw.irqchip.variant, 3);
	CHECK_EQ(hw.irqchip.reg[GIC_DIST].base, 0x8000000);
	CHECK_EQ(hw.irqchip.reg[GIC_DIST].size, 0x10000);
	CHECK_EQ(hw.irqchip.reg[GIC_REDIST].base, 0x80a0000);
	CHECK_EQ(hw.irqchip.reg[GIC_REDIST].size, 0xf60000);
	CHECK_EQ(hw.irqchip.nr_irqs, 0); /* unknown: no GIC binding gives it (GICD_TYPER at boot) */
	CHECK_STR(hw.irqchip.path, "/intc@8000000");
	CHECK_EQ(hw.ipa_bits, 39);
}

static void test_virt_memory(void)
{
	CHECK_EQ(parse("hw-virt-gicv3"), 0);
	CHECK_EQ(hw.nram, 1);
	CHECK_EQ(hw.ram[0].base, 0x40000000);
	CHECK_EQ(hw.ram[0].size, 0x80000000);
	/* secmon from /reserved-memory (the size-only cma pool is dynamic) + /memreserve/ */
	CHECK_EQ(hw.nreserved, 2);
	CHECK_EQ(hw.reserved[0].base, 0x7e000000);
	CHECK_EQ(hw.reserved[0].size, 0x100000);
	CHECK_EQ(hw.reserved[1].base, 0xbff00000);
	CHECK_EQ(hw.reserved[1].size, 0x100000);
	/* the caller's protected ranges survive */
	CHECK_EQ(hw.nprotect, 2);
	CHECK_STR(hw.protect[0].name, "hypervisor image");
	CHECK_EQ(hw.protect[0].kind, HW_PROTECT_IMAGE);
}

static void test_virt_console(void)
{
	CHECK_EQ(parse("hw-virt-gicv3"), 0);
	CHECK_EQ(hw.console.base, 0x9000000);
	CHECK_EQ(hw.console.size, 0x1000);
	CHECK_STR(hw.console.compatible, "arm,pl011");
	CHECK_STR(hw.console.path, "/pl011@9000000");
	CHECK(hw.console.node > 0);
	CHECK_EQ(hw.initrd.size, 0); /* no /chosen/linux,initrd-* */
}

/* /chosen/rng-seed, the firmware's entropy for the VMs' seeds (rng_seed.h): its first 64 bytes. */
static void test_rng_seed(void)
{
	CHECK_EQ(parse("hw-virt-gicv3"), 0);
	CHECK_EQ(hw.rng_seed_len, 0); /* none: the VMs get none */
	CHECK_EQ(parse("hw-virt-gicv2"), 0);
	CHECK_EQ(hw.rng_seed_len, HW_RNG_SEED_MAX);
	for (u32 i = 0; i < HW_RNG_SEED_MAX; i++) {
		CHECK_EQ(hw.rng_seed[i], i);
	}
}

static void test_virt_gicv2_spin_table(void)
{
	CHECK_EQ(parse("hw-virt-gicv2"), 0);
	CHECK_EQ(rep.ndiags, 0);
	CHECK_STR(hw.irqchip.drv->name, "GIC");
	CHECK_EQ(hw.irqchip.variant, 2);
	CHECK_EQ(hw.irqchip.reg[GIC_DIST].base, 0x8000000);
	CHECK_EQ(hw.irqchip.reg[GIC_CPU].base, 0x8010000);
	CHECK_EQ(hw.irqchip.reg[GIC_CPU].size, 0x10000);
	CHECK_EQ(hw.irqchip.reg[GIC_HYP].base, 0x8030000);
	CHECK_EQ(hw.irqchip.reg[GIC_VCPU].base, 0x8040000);
	CHECK_EQ(hw.irqchip.reg[GIC_VCPU].size, 0x10000);
	CHECK_EQ(hw.arch.psci, PSCI_CONDUIT_HVC);
	CHECK_EQ(hw.ncpus, 2);
	CHECK_EQ(hw.cpus[0].arch.enable, CPU_ENABLE_PSCI);
	CHECK_EQ(hw.cpus[1].arch.enable, CPU_ENABLE_SPIN_TABLE);
	CHECK_EQ(hw.cpus[1].arch.release_addr, 0x4000fff8);
	CHECK_EQ(hw.nreserved, 0);
	/* stdout-path = "serial0:115200n8" through /aliases */
	CHECK_EQ(hw.console.base, 0x9000000);
	CHECK_STR(hw.console.path, "/pl011@9000000");
	CHECK_EQ(hw.initrd.base, 0x48000000); /* the partition DTB */
	CHECK_EQ(hw.initrd.size, 0x1000);
}

/* The windows the hypervisor keeps: the console's, every reg of the GIC and of its parts. */
static void test_owned_windows(void)
{
	size_t size;
	const void *fdt = test_dtb("hw-virt-gicv3", &size);
	static struct hw_kept k;

	CHECK_EQ(parse("hw-virt-gicv3"), 0);
	hw_kept(fdt, &hw, &k);
	CHECK(!k.fault);
	CHECK_EQ(k.n, 4);
	CHECK_STR(hw_owned_what(&hw, fdt, &k.win[0]), "console UART");
	CHECK_EQ(k.win[0].base, 0x9000000);
	CHECK_STR(hw_owned_what(&hw, fdt, &k.win[1]), "GIC distributor");
	CHECK_STR(hw_owned_what(&hw, fdt, &k.win[2]), "GIC redistributors");
	CHECK_EQ(k.win[2].size, 0xf60000);
	CHECK_STR(hw_owned_what(&hw, fdt, &k.win[3]), "GIC ITS");
	CHECK_EQ(k.win[3].base, 0x8080000);
	CHECK_EQ(k.win[3].size, 0x20000);
	CHECK_EQ(k.console_irq, 33); /* SPI 1 */
	fdt = test_dtb("hw-virt-gicv2", &size);
	CHECK_EQ(parse("hw-virt-gicv2"), 0);
	hw_kept(fdt, &hw, &k);
	CHECK_EQ(k.n, 6);
	CHECK_STR(hw_owned_what(&hw, fdt, &k.win[2]), "GIC CPU interface");
	CHECK_STR(hw_owned_what(&hw, fdt, &k.win[4]), "GIC virtual CPU interface");
	CHECK_STR(hw_owned_what(&hw, fdt, &k.win[5]), "GICv2m MSI frame");
	CHECK_EQ(k.win[5].base, 0x8020000);
}

static void test_broken_reports_everything(void)
{
	CHECK_EQ(parse("hw-broken"), 2);
	CHECK_EQ(cfg_report_errors(&rep), 2);
	CHECK(has(CFG_E_HW, true, "/cpus/cpu@1", "reg missing or malformed"));
	CHECK(has(CFG_E_HW, false, "no memory node", "device_type"));
	CHECK(has(CFG_E_HW, false, "/intc@8000000: reg has 2 entries", "GICH"));
	CHECK(has(CFG_E_HW, true, "/cpus/cpu@0", "no usable PSCI node"));
	CHECK(has(CFG_E_HW, true, "/cpus/cpu@100", "cpu-release-addr"));
	CHECK(has(CFG_E_HW, true, "stdout-path", "does not resolve"));
	CHECK_EQ(hw.ncpus, 2);
	CHECK_EQ(hw.cpus[0].arch.enable, CPU_ENABLE_NONE);
	CHECK_EQ(hw.cpus[1].arch_id, 0x100);
	CHECK_EQ(hw.cpus[1].arch.enable, CPU_ENABLE_NONE);
	CHECK_EQ(hw.console.base, 0);
	CHECK(hw.console.node < 0);
}

/* RAM over the interrupt controller and the console: the DTB's memory is wrong. */
static void test_ram_over_devices(void)
{
	CHECK_EQ(parse("hw-ram-over-devices"), 5); /* GICD, GICC, GICH, GICV, the UART */
	CHECK(has(CFG_E_HW, false, "memory [0x0..0x100000000) overlaps the GIC distributor",
		  "[0x8000000..0x8010000) (/intc@8000000): its memory nodes are wrong"));
	/* the other four windows are that problem's repeats in the report */
	CHECK_EQ(cfg_report_errors(&rep), 5);
	CHECK_EQ(parse("hw-virt-gicv2"), 0); /* the same DTB with virt's RAM */
}

int main(int argc, char **argv)
{
	test_init(argc, argv);
	RUN(test_virt_gicv3);
	RUN(test_virt_memory);
	RUN(test_virt_console);
	RUN(test_rng_seed);
	RUN(test_virt_gicv2_spin_table);
	RUN(test_owned_windows);
	RUN(test_broken_reports_everything);
	RUN(test_ram_over_devices);
	return test_summary();
}
