/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Host tests of the driver classes' DT glue: which UART driver a node gets,
 * which driver a board's interrupt controller gets (by compatible), and the
 * one decoder of interrupt specifiers (irqchip_node_irqs) that validation,
 * the console and the checker share.
 */
#include "dt.h"
#include "irqchip/gic.h"
#include "test_cfg.h"
#include "uart/uart.h"

static struct hw hw;
static struct cfg_report rep;
static const void *fdt;

static void parse(void)
{
	size_t size;

	fdt = test_dtb("hw-drivers", &size);
	cfg_report_init(&rep);
	memset(&hw, 0, sizeof(hw));
	CHECK_EQ(hw_parse(fdt, size, &hw, &rep), 0);
}

static bool decode(const char *path, struct irqchip_irqs *out)
{
	struct dt_node n;

	if (dt_lookup(fdt, path, &n) < 0) {
		printf("    no node %s\n", path);
		out->status = IRQS_OK;
		return true; /* fails the caller's checks */
	}
	return irqchip_node_irqs(&hw.irqchip, &n, out);
}

/* A UART's driver by the first string of its compatible some driver lists; none if no driver does. */
static void test_uart_match(void)
{
	struct dt_node n;
	const struct uart_driver *drv;

	parse();
	CHECK(dt_lookup(fdt, "/serial@9000000", &n) >= 0);
	drv = uart_match(fdt, DT_OFF(&n));
	CHECK(drv && !strcmp(drv->name, "pl011"));
	CHECK(dt_lookup(fdt, "/uart@9100000", &n) >= 0);
	drv = uart_match(fdt, DT_OFF(&n));
	CHECK(drv && !strcmp(drv->name, "ns16550"));
	CHECK(dt_lookup(fdt, "/uart@9200000", &n) >= 0);
	CHECK(uart_match(fdt, DT_OFF(&n)) == NULL);
	CHECK(dt_lookup(fdt, "/serial@ff000000", &n) >= 0);
	drv = uart_match(fdt, DT_OFF(&n));
	CHECK(drv && !strcmp(drv->name, "cadence"));
	CHECK(dt_lookup(fdt, "/serial@e0000000", &n) >= 0);
	drv = uart_match(fdt, DT_OFF(&n));
	CHECK(drv && !strcmp(drv->name, "cadence"));
}

/* The enabled node a driver matches, by any string of its compatible; the disabled one is not. */
static void test_match_by_compatible(void)
{
	char list[160];

	parse();
	CHECK(hw.irqchip.drv != NULL);
	CHECK_STR(hw.irqchip.drv->name, "GIC");
	CHECK_STR(hw.irqchip.path, "/intc@8000000");
	CHECK_EQ(hw.irqchip.variant, 2);
	CHECK_EQ(hw.irqchip.nregs, 4);
	CHECK_EQ(hw.irqchip.reg[GIC_HYP].base, 0x8030000);
	irqchip_compatibles(list, sizeof(list));
	CHECK_STR(list, "\"arm,gic-v3\", \"arm,cortex-a15-gic\", \"arm,gic-400\" or "
			"\"arm,cortex-a9-gic\"");
}

/*
 * The GICv2 CPU interface window: plain for an 8 KiB or 64 KiB region (QEMU
 * virt), at the last mirror of page 0 (+0xf000) for the 128 KiB a GIC-400
 * with 64 KiB mirrors has in its DT (ZynqMP).
 */
static void test_gicv2_cpu_if_offset(void)
{
	struct mem_range zynqmp = {0xf9020000, 0x20000}, plain = {0x2c002000, 0x2000};

	parse();
	CHECK_EQ(gicv2_cpu_if_offset(&hw.irqchip.reg[GIC_CPU]), 0);
	CHECK_EQ(gicv2_cpu_if_offset(&plain), 0);
	CHECK_EQ(gicv2_cpu_if_offset(&zynqmp), 0xf000);
	CHECK_EQ(zynqmp.base + gicv2_cpu_if_offset(&zynqmp) + 0x1000, 0xf9030000); /* GICC_DIR */
}

/* SPIs decode to INTIDs, a repeated one once; the console's comes through interrupts-extended. */
static void test_decode_spis(void)
{
	struct irqchip_irqs d;

	parse();
	CHECK(decode("/spis", &d));
	CHECK_EQ(d.n, 2);
	CHECK_EQ(d.irq[0], 37);
	CHECK_EQ(d.irq[1], 38);
	/* the console's decoder before the class read only "interrupts": 0 here */
	CHECK_EQ(hw_console_irq(fdt, &hw), 35);
}

/* What the decoder refuses, and why: each for the message validation gives. */
static void test_decode_refusals(void)
{
	struct irqchip_irqs d;

	parse();
	CHECK(!decode("/ppi", &d));
	CHECK_EQ(d.status, IRQS_REFUSED);
	CHECK_EQ(d.code, CFG_E_IRQ_RANGE);
	CHECK_STR(d.cells, "1 11 4");
	CHECK_STR(d.why, "is a PPI (INTID 27): only SPIs can be passed through");
	CHECK(!decode("/gpio-wired", &d));
	CHECK_EQ(d.status, IRQS_OTHER_PARENT);
	CHECK_EQ(d.spec, 0);
	CHECK(!decode("/mixed", &d));
	CHECK_EQ(d.status, IRQS_OTHER_PARENT);
	CHECK_EQ(d.spec, 1);
	CHECK(!decode("/cut-short", &d));
	CHECK_EQ(d.status, IRQS_MALFORMED);
}

/* The interrupts a VM may be given: SPIs up to what the controller has, or its limit. */
static void test_assignable(void)
{
	struct irq_range r;

	parse();
	irqchip_assignable(&hw.irqchip, &r);
	CHECK_EQ(r.first, 32);
	CHECK_EQ(r.last, 1019);
	hw.irqchip.nr_irqs = 288;
	irqchip_assignable(&hw.irqchip, &r);
	CHECK_EQ(r.last, 287);
	CHECK_STR(r.what, "an SPI of the GIC");
}

/* Protected ranges: recorded with their kind, refused past the limit (no silent drop). */
static void test_protect_limit(void)
{
	memset(&hw, 0, sizeof(hw));
	CHECK(hw_protect(&hw, 0x40000000, 0x200000, HW_PROTECT_IMAGE, "hypervisor image"));
	for (u32 i = 1; i < HW_MAX_PROTECTED; i++)
		CHECK(hw_protect(&hw, 0x50000000 + i * 0x1000, 0x1000, HW_PROTECT_BLOB, "blob"));
	CHECK(!hw_protect(&hw, 0x60000000, 0x1000, HW_PROTECT_BLOB, "one too many"));
	CHECK_EQ(hw.nprotect, HW_MAX_PROTECTED);
	CHECK_EQ(hw.protect[0].kind, HW_PROTECT_IMAGE);
}

int main(int argc, char **argv)
{
	test_init(argc, argv);
	RUN(test_uart_match);
	RUN(test_match_by_compatible);
	RUN(test_gicv2_cpu_if_offset);
	RUN(test_decode_spis);
	RUN(test_decode_refusals);
	RUN(test_assignable);
	RUN(test_protect_limit);
	return test_summary();
}
