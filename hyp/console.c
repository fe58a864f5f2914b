// SPDX-License-Identifier: Apache-2.0
/* Hypervisor console on the UART named by /chosen/stdout-path. */
#include <stdarg.h>
#include <stdio.h>

#include "console.h"
#include "dt.h"
#include "mem.h"
#include "spinlock.h"
#include "uart/uart.h"

static const struct uart_driver *uart;
static volatile void *uart_base;
static struct spinlock console_lock;

int console_init(const void *fdt)
{
	int node = dt_stdout_node(fdt);
	u64 base, size;

	if (node < 0 || dt_reg_translated(fdt, node, 0, &base, &size))
		return -1;
	uart = uart_match(fdt, node);
	if (!uart)
		return -1;
	uart_base = mem_map_device(ALIGN_DOWN(base, PAGE_SIZE),
				   ALIGN_UP((base & (PAGE_SIZE - 1)) + MAX(size, 1), PAGE_SIZE));
	if (!uart_base)
		return -1;
	uart_base = (volatile u8 *)uart_base + (base & (PAGE_SIZE - 1));
	uart->init(uart_base, fdt, node);
	return 0;
}

static void write_locked(const char *s, size_t n)
{
	if (!uart)
		return;
	for (; n; n--, s++) {
		if (*s == '\n')
			uart->putc(uart_base, '\r');
		uart->putc(uart_base, *s);
	}
}

void console_write(const char *s, size_t n)
{
	spin_lock(&console_lock);
	write_locked(s, n);
	spin_unlock(&console_lock);
}

void printk(const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	console_write(buf, MIN((size_t)n, sizeof(buf) - 1));
}
