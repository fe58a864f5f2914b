/* SPDX-License-Identifier: Apache-2.0 */
/* UART drivers, matched by DT compatible (see uart.c for the table). */
#ifndef DRIVERS_UART_H
#define DRIVERS_UART_H

#include "types.h"

struct uart_driver {
	const char *name;
	const char *const *compatible; /* NULL-terminated */
	void (*init)(volatile void *base, const void *fdt, int node);
	/* Polled output of n bytes, each '\n' sent as "\r\n". */
	void (*write)(volatile void *base, const char *s, size_t n);
	int (*getc)(volatile void *base); /* -1 if no input */
	void (*enable_rx_irq)(volatile void *base);
};

/* A driver's write from its putc, inlined: no call per character. */
static inline __attribute__((always_inline)) void
uart_write_each(volatile void *base, const char *s, size_t n, void (*putc)(volatile void *, char))
{
	for (; n; n--, s++) {
		if (*s == '\n')
			putc(base, '\r');
		putc(base, *s);
	}
}

extern const struct uart_driver pl011_driver;
extern const struct uart_driver ns16550_driver;

/* The driver whose compatible list matches the hardware DTB node, or NULL. */
const struct uart_driver *uart_match(const void *fdt, int node);

#endif
