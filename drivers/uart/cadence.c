// SPDX-License-Identifier: Apache-2.0
/*
 * Cadence UART (cdns,uart-r1p12: the Zynq UltraScale+ UART0/UART1; Zynq-7000's
 * xlnx,xuartps): polled transmit and receive. Register names are those of the
 * Zynq UltraScale+ TRM (UG1085, chapter "UART Controller") and its register
 * reference (UG1087, module UART).
 */
#include "uart/uart.h"

#define CONTROL		  0x00 /* Control: resets, enables */
#define INTRPT_EN	  0x08 /* Intrpt_en: write 1 to enable */
#define CHNL_INT_STS	  0x14 /* Chnl_int_sts: sticky, write 1 to clear */
#define RCVR_TIMEOUT	  0x1c /* Rcvr_timeout: 0 disables the timeout */
#define RCVR_FIFO_TRIGGER 0x20 /* Rcvr_FIFO_trigger_level */
#define CHANNEL_STS	  0x2c /* Channel_sts */
#define TX_RX_FIFO	  0x30

#define CONTROL_RXEN  (1U << 2)
#define CONTROL_TXEN  (1U << 4)
#define STS_RXEMPTY   (1U << 1)
#define STS_TXFULL    (1U << 4)
#define INT_RTRIG     (1U << 0)	     /* receive FIFO at or above its trigger level */
#define INT_TIMEOUT   ((u32)1U << 8) /* receiver idle with data in the FIFO */
#define RX_INTERRUPTS (INT_RTRIG | INT_TIMEOUT)

static inline volatile u32 *reg(volatile void *base, u32 off)
{
	return (volatile u32 *)((volatile u8 *)base + off);
}

/*
 * Firmware set the baud rate and frame format. Both directions are enabled
 * explicitly (UG1085, UART programming model: RXEN and TXEN set, RXDIS and
 * TXDIS clear): out of reset the enables are clear, and QEMU's
 * model drops every byte written while TXEN is clear. CONTROL = 0x14 leaves
 * the FIFO resets and break controls clear.
 */
static void cadence_init(volatile void *base, const void *fdt, int node)
{
	*reg(base, CONTROL) = CONTROL_TXEN | CONTROL_RXEN;
}

static void cadence_putc(volatile void *base, char c)
{
	while ((*reg(base, CHANNEL_STS) & STS_TXFULL) != 0U) {
		;
	}
	*reg(base, TX_RX_FIFO) = (u8)c;
}

static void cadence_write(volatile void *base, const char *s, size_t n)
{
	uart_write_each(base, s, n, cadence_putc);
}

/*
 * The receive interrupts are sticky status bits (Chnl_int_sts, write 1 to
 * clear), not cleared by reading the FIFO as on a PL011. They are cleared
 * before the emptiness check: a byte that arrives after the check sets them
 * again, so the console's read-until-empty loop never misses an interrupt.
 */
static int cadence_getc(volatile void *base)
{
	*reg(base, CHNL_INT_STS) = RX_INTERRUPTS;
	if ((*reg(base, CHANNEL_STS) & STS_RXEMPTY) != 0U) {
		return -1;
	}
	return *reg(base, TX_RX_FIFO) & 0xff;
}

/*
 * An interrupt from the first byte on (trigger level 1) and after an idle
 * line with bytes left (timeout, in units of 4 bit periods: UG1087
 * Rcvr_timeout).
 */
static void cadence_enable_rx_irq(volatile void *base)
{
	*reg(base, RCVR_FIFO_TRIGGER) = 1;
	*reg(base, RCVR_TIMEOUT) = 10;
	*reg(base, CHNL_INT_STS) = RX_INTERRUPTS;
	*reg(base, INTRPT_EN) = RX_INTERRUPTS;
}

static const char *const cadence_compat[] = {"cdns,uart-r1p12", "xlnx,xuartps", NULL};

UART_DRIVER(cadence_driver) = {
	.name = "cadence",
	.compatible = cadence_compat,
	.init = cadence_init,
	.write = cadence_write,
	.getc = cadence_getc,
	.enable_rx_irq = cadence_enable_rx_irq,
};
