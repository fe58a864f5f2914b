// SPDX-License-Identifier: Apache-2.0
/* The UART class: the console picks its driver by the node's compatible. */
#include <string.h>

#include "dt.h"
#include "uart/uart.h"

/* Every driver linked in (UART_DRIVER), in no particular order. */
extern const struct uart_driver *const __start_uart_drivers[];
extern const struct uart_driver *const __stop_uart_drivers[];

static const struct uart_driver *driver_of(const char *compat)
{
	for (const struct uart_driver *const *d = __start_uart_drivers; d < __stop_uart_drivers;
	     d++) {
		for (const char *const *c = (*d)->compatible; *c; c++) {
			if (!strcmp(*c, compat)) {
				return *d;
			}
		}
	}
	return NULL;
}

const struct uart_driver *uart_match(const void *fdt, int node)
{
	int len;
	const char *all = dt_prop(fdt, node, "compatible", &len);
	size_t size = all && len > 0 ? (size_t)len : 0U;
	size_t at = 0;

	while (at < size) {
		const char *s = all + at;
		size_t l = strnlen(s, size - at);
		const struct uart_driver *drv;

		if (l == size - at) {
			break; /* not terminated: ignored, as by libfdt */
		}
		drv = driver_of(s);
		if (drv != NULL) {
			return drv;
		}
		at += l + 1U;
	}
	return NULL;
}
