// SPDX-License-Identifier: Apache-2.0
/* Hypervisor console on the UART named by /chosen/stdout-path. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "console.h"
#include "cpu.h"
#include "dt.h"
#include "mem.h"
#include "spinlock.h"
#include "uart/uart.h"
#include "irqchip.h"
#include "vuart.h"

static const struct uart_driver *uart;
static volatile void *uart_base;
static struct spinlock console_lock;

/*
 * Console input: which VMs can take it, which one has it, the escape state.
 * Set at boot; at run time written and read only on the CPU the console's
 * interrupt is routed to (console_enable_input), so no lock.
 */
#define ESCAPE_CHAR 0x1d /* Ctrl-] (Ctrl-A is QEMU -nographic's own escape) */
static struct {
	irqid_t irq;
	struct vuart *vuart[CFG_MAX_VMS];
	const char *name[CFG_MAX_VMS];
	cpuid_t cpu[CFG_MAX_VMS];
	u32 focus;
	bool escape;
} input;

int console_init(const void *fdt, const struct hw_uart *con)
{
	u64 base = con->base;

	uart = con->node < 0 ? NULL : uart_match(fdt, con->node);
	if (!uart)
		return -1;
	uart_base =
		mem_map_device(ALIGN_DOWN(base, PAGE_SIZE),
			       ALIGN_UP((base & (PAGE_SIZE - 1)) + MAX(con->size, 1), PAGE_SIZE));
	if (!uart_base) {
		uart = NULL;
		return -1;
	}
	uart_base = (volatile u8 *)uart_base + (base & (PAGE_SIZE - 1));
	uart->init(uart_base, fdt, con->node);
	return 0;
}

static bool console_printable(char c)
{
	return (c >= 0x20 && c < 0x7f) || c == '\n' || c == '\t';
}

/*
 * Everything printed goes through here, guests' output and names from the
 * layout included, and reaches a terminal: printable ASCII, tab and newline
 * pass; any other byte is shown as \xNN. So no one can move the cursor, erase
 * or recolour what others printed, or forge a line (ECMA-48's control
 * functions start with a C0 byte, ESC, or a C1 byte such as CSI 0x9b).
 */
static void write_locked(const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";

	while (uart && n) {
		size_t run = 0;

		while (run < n && console_printable(s[run]))
			run++;
		if (run)
			uart->write(uart_base, s, run);
		if (run < n) {
			u8 c = (u8)s[run];
			char esc[4] = {'\\', 'x', hex[c >> 4], hex[c & 0xf]};

			uart->write(uart_base, esc, sizeof(esc));
			run++;
		}
		s += run;
		n -= run;
	}
}

/* After a hypervisor fault the lock may be held by the faulting path: break it. */
void console_break_lock(void)
{
	spin_break(&console_lock);
}

/*
 * Output of a VM, passed through as it comes (a shell prompt shows at once).
 * Each line starts with "[name] "; a line another VM interrupts is ended first.
 * Carriage returns are dropped (the console ends lines itself); other
 * control bytes are escaped by write_locked.
 */
void console_vm_write(const char *name, const char *s, size_t n)
{
	static const char *mid_line; /* whose line is unfinished on the console */

	spin_lock(&console_lock);
	for (; n; n--, s++) {
		if (*s == '\r')
			continue;
		if (mid_line && mid_line != name)
			write_locked("\n", 1);
		if (mid_line != name) {
			write_locked("[", 1);
			write_locked(name, strlen(name));
			write_locked("] ", 2);
		}
		write_locked(s, 1);
		mid_line = *s == '\n' ? NULL : name;
	}
	spin_unlock(&console_lock);
}

/* Formatted straight to the UART, a run of text at a time, under the lock: lines stay whole. */
void printk(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	spin_lock(&console_lock);
	vwprintf(write_locked, fmt, ap);
	spin_unlock(&console_lock);
	va_end(ap);
}

void log_print(enum log_level level, const char *fmt, ...)
{
	static const char *const prefix[] = {LOG_PREFIX,
					     LOG_PREFIX "error: ", LOG_PREFIX "warning: "};
	va_list ap;

	va_start(ap, fmt);
	spin_lock(&console_lock);
	write_locked(prefix[level], strlen(prefix[level]));
	vwprintf(write_locked, fmt, ap);
	spin_unlock(&console_lock);
	va_end(ap);
}

void console_add_input(vmid_t vm, const char *name, struct vuart *u, cpuid_t cpu, bool focus)
{
	if (vm >= CFG_MAX_VMS)
		return;
	input.vuart[vm] = u;
	input.name[vm] = name;
	input.cpu[vm] = cpu;
	if (focus || !input.vuart[input.focus])
		input.focus = vm;
}

void console_enable_input(const void *fdt)
{
	if (!uart || !uart->enable_rx_irq || !input.vuart[input.focus])
		return;
	input.irq = hw_console_irq(fdt, &hyp_hw); /* the config layer's one GIC decoder */
	if (input.irq < 32) {
		log_warn("console input disabled: no SPI in the console node's interrupts");
		input.irq = 0;
		return;
	}
	irqchip_set_route(input.irq, input.cpu[input.focus]);
	irqchip_set_enable(input.irq, true);
	uart->enable_rx_irq(uart_base);
	log_info("console input goes to VM %u '%s'; Ctrl-] then a VM number switches", input.focus,
		 input.name[input.focus]);
}

static void switch_focus(char c)
{
	u32 vm = (u32)(c - '0');

	if (c >= '0' && c <= '9' && vm < CFG_MAX_VMS && input.vuart[vm]) {
		input.focus = vm;
		log_info("console input -> VM %u '%s'", vm, input.name[vm]);
	} else if (c == ESCAPE_CHAR && input.vuart[input.focus]) {
		vuart_input(input.vuart[input.focus], c);
	} else {
		log_info("console: Ctrl-] then 0-%u selects the VM that gets input (now VM %u); "
			 "Ctrl-] Ctrl-] sends Ctrl-]",
			 CFG_MAX_VMS - 1, input.focus);
	}
}

bool console_handle_irq(irqid_t irq)
{
	int c;

	if (!input.irq || irq != input.irq)
		return false;
	while ((c = uart->getc(uart_base)) >= 0) {
		if (input.escape) {
			input.escape = false;
			switch_focus((char)c);
		} else if (c == ESCAPE_CHAR) {
			input.escape = true;
		} else if (input.vuart[input.focus]) {
			vuart_input(input.vuart[input.focus], (char)c);
		}
	}
	return true;
}
