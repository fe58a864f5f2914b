/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The UART class: console drivers, matched by the compatible of the node
 * /chosen/stdout-path names. A driver is one file, drivers/uart/<name>.c,
 * plain C the host tools compile too; it registers itself with UART_DRIVER,
 * and arch/<arch>/arch.mk says which drivers an architecture builds.
 */
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

/*
 * Registers a driver: UART_DRIVER(pl011_driver) = { ... };. Its entry goes to
 * the section uart_drivers, which the linker collects from every driver
 * linked in (and names __start_/__stop_uart_drivers): no list of drivers to
 * keep anywhere but arch.mk. Nothing depends on the entries' order, which
 * the linker does not promise (uart_match).
 */
/* MISRA deviation 20.7: name is the identifier the macro declares */
#define UART_DRIVER(name)                                                                        \
	static const struct uart_driver name;                                                    \
	static const struct uart_driver *const name##_entry                                      \
		__attribute__((used, section("uart_drivers"), aligned(sizeof(void *)))) = &name; \
	static const struct uart_driver name

/* A driver's write from its putc, inlined: no call per character. */
static inline __attribute__((always_inline)) void
uart_write_each(volatile void *base, const char *s, size_t n, void (*putc)(volatile void *, char))
{
	for (; n; n--, s++) {
		if (*s == '\n') {
			putc(base, '\r');
		}
		putc(base, *s);
	}
}

/*
 * The driver for a node of a device tree: the one for the first string of
 * its compatible that some driver lists (a compatible goes from most to least
 * specific: DT spec 2.3.1); NULL if none.
 */
const struct uart_driver *uart_match(const void *fdt, int node);

#endif
