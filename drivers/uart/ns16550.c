// SPDX-License-Identifier: Apache-2.0
/* NS16550A-compatible UART: polled transmit and receive; reg-shift / reg-io-width from the DT. */
#include "dt.h"
#include "uart/uart.h"

#define RBR	 0 /* receive buffer */
#define THR	 0 /* transmit holding */
#define IER	 1 /* interrupt enable */
#define IIR	 2 /* interrupt identification */
#define LSR	 5 /* line status */
#define MSR	 6 /* modem status */
#define LSR_DR	 (1U << 0)
#define LSR_THRE (1U << 5)

/* One console UART per system: its register layout is kept here. */
static u32 reg_shift;
static u32 reg_width = 1;

static u32 rd(volatile void *base, u32 r)
{
	volatile u8 *a = (volatile u8 *)base + (r << reg_shift);

	return reg_width == 4U ? *(volatile u32 *)a : *a;
}

static void wr(volatile void *base, u32 r, u32 v)
{
	volatile u8 *a = (volatile u8 *)base + (r << reg_shift);

	if (reg_width == 4U) {
		*(volatile u32 *)a = v;
	} else {
		*a = (u8)v;
	}
}

/* Reads the hardware DTB: called by console_init alone, at boot (scripts/boot_refs.py). */
static BOOT_ONLY void ns16550_init(volatile void *base, const void *fdt, int node)
{
	u32 v;

	if (!dt_u32(fdt, node, "reg-shift", &v)) {
		reg_shift = v;
	}
	if (!dt_u32(fdt, node, "reg-io-width", &v)) {
		reg_width = v;
	}
}

static void ns16550_putc(volatile void *base, char c)
{
	while (!(rd(base, LSR) & LSR_THRE)) {
		;
	}
	wr(base, THR, (u8)c);
}

static void ns16550_write(volatile void *base, const char *s, size_t n)
{
	uart_write_each(base, s, n, ns16550_putc);
}

static int ns16550_getc(volatile void *base)
{
	if (!(rd(base, LSR) & LSR_DR)) {
		return -1;
	}
	return rd(base, RBR) & 0xffU;
}

/*
 * As Linux's serial8250_startup: pending status is cleared by reading LSR,
 * RBR, IIR and MSR (PC16550D data sheet, table 4) before the interrupt is
 * enabled. The RBR read also matters to emulators that stop delivering input
 * to a UART until its receive buffer was read (QEMU's serial).
 */
static void ns16550_enable_rx_irq(volatile void *base)
{
	(void)rd(base, LSR);
	(void)rd(base, RBR);
	(void)rd(base, IIR);
	(void)rd(base, MSR);
	wr(base, IER, rd(base, IER) | 1U); /* ERBFI: received data available */
}

static const char *const ns16550_compat[] = {"ns16550a", "ns16550", "snps,dw-apb-uart", NULL};

UART_DRIVER(ns16550_driver) = {
	.name = "ns16550",
	.compatible = ns16550_compat,
	.init = ns16550_init,
	.write = ns16550_write,
	.getc = ns16550_getc,
	.enable_rx_irq = ns16550_enable_rx_irq,
};
