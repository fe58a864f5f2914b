/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The PL011's registers and bits (Arm DDI 0183G, 3.2 and 3.3), written once for
 * the physical UART driver (pl011.c), AArch64's virtual UART model
 * (arch/aarch64/vuart_pl011.c) and that model's host test (tests/fake/pl011/).
 */
#ifndef DRIVERS_UART_PL011_REGS_H
#define DRIVERS_UART_PL011_REGS_H

#define UARTDR	    0x000
#define UARTRSR	    0x004
#define UARTFR	    0x018
#define UARTILPR    0x020
#define UARTIBRD    0x024
#define UARTFBRD    0x028
#define UARTLCR_H   0x02c
#define UARTCR	    0x030
#define UARTIFLS    0x034
#define UARTIMSC    0x038
#define UARTRIS	    0x03c
#define UARTMIS	    0x040
#define UARTICR	    0x044
#define UARTDMACR   0x048
#define UARTPERIPH0 0xfe0U

/* UARTFR (3.3.3) */
#define FR_TXFE	  (1U << 7)
#define FR_RXFF	  (1U << 6)
#define FR_TXFF	  (1U << 5)
#define FR_RXFE	  (1U << 4)
/* UARTCR (3.3.8) */
#define CR_UARTEN (1U << 0)
#define CR_TXE	  ((u32)1U << 8)
#define CR_RXE	  ((u32)1U << 9)
/* UARTIMSC / UARTRIS / UARTMIS / UARTICR (3.3.10-3.3.13): one bit per interrupt */
#define INT_RX	  (1U << 4)
#define INT_TX	  (1U << 5)
#define INT_RT	  (1U << 6)
#define INT_OE	  (1U << 10)
#define INT_ALL	  0x7ffU

#endif
