/* SPDX-License-Identifier: Apache-2.0 */
/* The hypervisor console: one physical UART chosen by /chosen/stdout-path. */
#ifndef TESSERA_CONSOLE_H
#define TESSERA_CONSOLE_H

#include "config.h"

/*
 * Maps and initialises the /chosen/stdout-path UART hw_parse found (con, in
 * the hardware DTB fdt); returns 0, or -1 if there is none or no driver fits.
 */
int console_init(const void *fdt, const struct hw_uart *con);
/* Breaks the console lock so a fault report can always be printed. */
void console_break_lock(void);
/* A VM's output, prefixed with its name at each line start. */
void console_vm_write(const char *name, const char *s, size_t n);

struct vuart;
/* Offers console input to a VM's virtual UART; cpu is where its interrupt may go. */
void console_add_input(vmid_t vm, const char *name, struct vuart *u, cpuid_t cpu, bool focus);
/* Enables the console's receive interrupt once the VMs are built. */
void console_enable_input(const void *fdt);
/* Handles the console's interrupt; false if irq is not it. */
bool console_handle_irq(irqid_t irq);
/*
 * The console's one filter for text from outside (a guest's output, a name or
 * path from a DTB or a layout, printk's %s and %c arguments): printable ASCII
 * passes, and tab and newline where lines may end (lines: a guest's output);
 * every other byte goes to out as \xNN. Pure (console_text.c).
 */
void console_text_write(void (*out)(const char *s, size_t n), const char *s, size_t n, bool lines);
/* printf to the console, under the console lock; %s and %c arguments are filtered (above). */
void printk(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#define LOG_PREFIX "[" CFG_HYP_NAME "] " /* no VM may take that name: config_parse */

/* A line with its prefix ("[tessera] ", "... error: ", "... warning: "), added here, not
 * stored with every message. */
enum log_level { LOG_INFO, LOG_ERR, LOG_WARN };
void log_print(enum log_level level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
#define log_info(fmt, ...) log_print(LOG_INFO, fmt "\n", ##__VA_ARGS__)
#define log_err(fmt, ...)  log_print(LOG_ERR, fmt "\n", ##__VA_ARGS__)
#define log_warn(fmt, ...) log_print(LOG_WARN, fmt "\n", ##__VA_ARGS__)

#endif
