// SPDX-License-Identifier: Apache-2.0
/* Arm PrimeCell UART PL011 (Arm DDI 0183G, 3.3): polled transmit and receive. */
#include "uart/uart.h"
#include "uart/pl011_regs.h"

static inline volatile u32 *reg(volatile void *base, u32 off)
{
	return (volatile u32 *)((volatile u8 *)base + off);
}

static void pl011_init(volatile void *base, const void *fdt, int node)
{
	/* Firmware set the baud rate; make sure the UART and both directions are on. */
	*reg(base, UARTCR) |= CR_UARTEN | CR_TXE | CR_RXE;
}

static void pl011_putc(volatile void *base, char c)
{
	while ((*reg(base, UARTFR) & FR_TXFF) != 0U) {
		;
	}
	*reg(base, UARTDR) = (u8)c;
}

static void pl011_write(volatile void *base, const char *s, size_t n)
{
	uart_write_each(base, s, n, pl011_putc);
}

static int pl011_getc(volatile void *base)
{
	if ((*reg(base, UARTFR) & FR_RXFE) != 0U) {
		return -1;
	}
	return *reg(base, UARTDR) & 0xff;
}

/* Receive and receive-timeout interrupts (3.3.10); reading the FIFO clears them. */
static void pl011_enable_rx_irq(volatile void *base)
{
	*reg(base, UARTIMSC) |= INT_RX | INT_RT;
}

static const char *const pl011_compat[] = {"arm,pl011", "arm,sbsa-uart", NULL};

UART_DRIVER(pl011_driver) = {
	.name = "pl011",
	.compatible = pl011_compat,
	.init = pl011_init,
	.write = pl011_write,
	.getc = pl011_getc,
	.enable_rx_irq = pl011_enable_rx_irq,
};
