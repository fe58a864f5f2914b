// SPDX-License-Identifier: Apache-2.0
/* UART driver table: the console picks its driver by the node's compatible. */
#include "dt.h"
#include "uart/uart.h"

static const struct uart_driver *const uart_drivers[] = {
	&pl011_driver,
	&ns16550_driver,
};

const struct uart_driver *uart_match(const void *fdt, int node)
{
	for (size_t i = 0; i < ARRAY_SIZE(uart_drivers); i++)
		for (const char *const *c = uart_drivers[i]->compatible; *c; c++)
			if (dt_is_compatible(fdt, node, *c))
				return uart_drivers[i];
	return NULL;
}
