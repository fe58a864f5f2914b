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
#include "irqchip/irqchip.h"
#include "vuart.h"

static const struct uart_driver *uart;
static volatile void *uart_base;
static struct spinlock console_lock;

/*
 * Console input: which VMs can take it, which one has it, the escape state.
 * Set at boot; at run time written and read only on the CPU the console's
 * interrupt is routed to (console_enable_input), so no lock.
 */
#define ESCAPE_CHAR ((char)0x1d) /* Ctrl-] (Ctrl-A is QEMU -nographic's own escape) */
/* MISRA misreading 5.7: an untagged structure declares no tag */
static struct {
	irqid_t irq;
	struct vuart *vuart[CFG_MAX_VMS];
	const char *name[CFG_MAX_VMS];
	cpuid_t cpu[CFG_MAX_VMS];
	u32 focus;
	bool escape;
} input;

BOOT_ONLY int console_init(const void *fdt, const struct hw_uart *con)
{
	u64 base = con->base;

	uart = con->node < 0 ? NULL : uart_match(fdt, con->node);
	if (!uart) {
		return -1;
	}
	uart_base =
		mem_map_device(ALIGN_DOWN(base, PAGE_SIZE),
			       ALIGN_UP((base & (PAGE_SIZE - 1U)) + MAX(con->size, 1U), PAGE_SIZE));
	if (!uart_base) {
		uart = NULL;
		return -1;
	}
	uart_base = (volatile u8 *)uart_base + (base & (PAGE_SIZE - 1U));
	uart->init(uart_base, fdt, con->node);
	return 0;
}

/* The hypervisor's own text, and what console_text_write let through: to the UART. */
static void write_raw(const char *s, size_t n)
{
	if (uart != NULL) {
		uart->write(uart_base, s, n);
	}
}

/* Text from outside, through the console's one filter (console_text.c). */
static void write_text(const char *s, size_t n, bool lines)
{
	console_text_write(write_raw, s, n, lines);
}

/*
 * printk's writer: the format's text and numbers are the hypervisor's own;
 * a %s or %c argument may come from a layout, a DTB or a guest, and can
 * neither end a line nor drive the terminal.
 */
static void printk_out(const char *s, size_t n, bool arg)
{
	if (arg) {
		write_text(s, n, false);
	} else {
		write_raw(s, n);
	}
}

/* After a hypervisor fault the lock may be held by the faulting path: break it. */
void console_break_lock(void)
{
	spin_break(&console_lock);
}

/* The length of the rest of a guest's line: through its '\n', or up to a '\r' (dropped). */
static size_t line_run(const char *s, size_t n)
{
	size_t run = 0;

	while (run < n && s[run] != '\r') {
		if (s[run++] == '\n') {
			break;
		}
	}
	return run;
}

/*
 * Output of a VM, passed through as it comes (a shell prompt shows at once).
 * Each line starts with "[name] "; a line another VM interrupts is ended first.
 * Carriage returns are dropped (the console ends lines itself); other
 * control bytes go through the console's filter (write_text).
 */
void console_vm_write(const char *name, const char *s, size_t n)
{
	static const char *mid_line; /* whose line is unfinished on the console */

	spin_lock(&console_lock);
	while (n != 0U) {
		size_t run = line_run(s, n);

		if (run && mid_line && mid_line != name) {
			write_raw("\n", 1);
		}
		if (run && mid_line != name) {
			write_raw("[", 1);
			write_text(name, strlen(name), false);
			write_raw("] ", 2);
		}
		if (run != 0U) {
			write_text(s, run, true);
			mid_line = s[run - 1U] == '\n' ? NULL : name;
		}
		if (run < n && s[run] == '\r') {
			run++; /* dropped */
		}
		/* MISRA misreading 10.3: pointer arithmetic, not a value of another type */
		s += run;
		n -= run;
	}
	spin_unlock(&console_lock);
}

/* Formatted straight to the UART, a run of text at a time, under the lock: lines stay whole. */
void printk(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	spin_lock(&console_lock);
	(void)vwprintf(printk_out, fmt, ap);
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
	write_raw(prefix[level], strlen(prefix[level]));
	(void)vwprintf(printk_out, fmt, ap);
	spin_unlock(&console_lock);
	va_end(ap);
}

void console_add_input(vmid_t vm, const char *name, struct vuart *u, cpuid_t cpu, bool focus)
{
	if (vm >= CFG_MAX_VMS) {
		return;
	}
	input.vuart[vm] = u;
	input.name[vm] = name;
	input.cpu[vm] = cpu;
	if (focus || !input.vuart[input.focus]) {
		input.focus = vm;
	}
}

BOOT_ONLY void console_enable_input(const void *fdt)
{
	if (!uart || !uart->enable_rx_irq || !input.vuart[input.focus]) {
		return;
	}
	input.irq = hw_console_irq(fdt, &hyp_hw); /* the configuration layer's one decoder */
	if (!input.irq) {
		log_warn("console input disabled: the console node has no interrupt the "
			 "interrupt controller can route");
		return;
	}
	irqchip_set_route(input.irq, input.cpu[input.focus]);
	irqchip_set_enable(input.irq, input.cpu[input.focus], true);
	uart->enable_rx_irq(uart_base);
	log_info("console input goes to VM %u '%s'; Ctrl-] then a VM number switches", input.focus,
		 input.name[input.focus]);
}

static void switch_focus(char c)
{
	u32 vm = (u32)c - (u32)'0';

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

	if (!input.irq || irq != input.irq) {
		return false;
	}
	while ((c = uart->getc(uart_base)) >= 0) {
		if (input.escape) {
			input.escape = false;
			switch_focus((char)c);
		} else if (c == ESCAPE_CHAR) {
			input.escape = true;
		} else if (input.vuart[input.focus] != NULL) {
			vuart_input(input.vuart[input.focus], (char)c);
		} else {
			/* input while no VM has the focus: dropped */
		}
	}
	return true;
}
