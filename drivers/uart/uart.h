/* SPDX-License-Identifier: Apache-2.0 */
/* UART drivers, matched by DT compatible (see uart.c for the table). */
#ifndef DRIVERS_UART_H
#define DRIVERS_UART_H

#include "types.h"

struct uart_driver {
	const char *name;
	const char *const *compatible; /* NULL-terminated */
	void (*init)(volatile void *base, const void *fdt, int node);
	void (*putc)(volatile void *base, char c);
	int (*getc)(volatile void *base); /* -1 if no input */
	void (*enable_rx_irq)(volatile void *base);
};

extern const struct uart_driver pl011_driver;
extern const struct uart_driver ns16550_driver;

/* The driver whose compatible list matches the hardware DTB node, or NULL. */
const struct uart_driver *uart_match(const void *fdt, int node);

#endif
