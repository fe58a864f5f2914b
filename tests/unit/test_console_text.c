/* SPDX-License-Identifier: Apache-2.0 */
/*
 * What reaches the terminal of what the hypervisor prints: its printf
 * (hyp/lib/printf.c, built here under other names) hands the console each run
 * of text saying whether it came from a %s or %c argument, and the console's
 * one filter (hyp/console_text.c) shows every byte of such text, and of a
 * guest's output, that is not printable ASCII as \xNN (a guest's tab and
 * newline pass): no name, path or string from a layout, a DTB or a guest can
 * end a line or drive the terminal. Into a buffer (vsnprintf) bytes are copied
 * as they are.
 */
#include <stdarg.h>
#include <stdio.h> /* glibc's first: the renamed definitions below do not clash with it */

#define vsnprintf hyp_vsnprintf
#define snprintf  hyp_snprintf
#define vwprintf  hyp_vwprintf
#include "../../hyp/lib/printf.c"
#undef vsnprintf
#undef snprintf
#undef vwprintf

#include "console.h"
#include "test.h"

static char console[256];
static size_t console_len;

static void to_uart(const char *s, size_t n)
{
	for (size_t i = 0; i < n && console_len + 1 < sizeof(console); i++)
		console[console_len++] = s[i];
	console[console_len] = '\0';
}

/* As console.c's printk writer: arguments through the filter, the rest as it is. */
static void printk_out(const char *s, size_t n, bool arg)
{
	if (arg)
		console_text_write(to_uart, s, n, false);
	else
		to_uart(s, n);
}

static void printk_test(const char *fmt, ...)
{
	va_list ap;

	console_len = 0;
	va_start(ap, fmt);
	hyp_vwprintf(printk_out, fmt, ap);
	va_end(ap);
}

static void test_console_arguments_are_printable(void)
{
	printk_test("[%s] %s\n", "vm\n[tessera] forged", "\x1b[2Jok\x7f");
	CHECK_STR(console, "[vm\\x0a[tessera] forged] \\x1b[2Jok\\x7f\n");
	printk_test("<%-6s|%4s|%c>", "a\tb", "\r", '\x9b');
	CHECK_STR(console, "<a\\x09b   |   \\x0d|\\x9b>");
}

static void test_numbers_and_padding(void)
{
	printk_test("%08x|%-5u|%3d|%020lx|%s", 0xabcU, 42U, -7, 0x123456789abcdefUL, "");
	CHECK_STR(console, "00000abc|42   | -7|00000123456789abcdef|");
	printk_test("%019s|%-19s|", "x", "y");
	CHECK_STR(console, "000000000000000000x|y                  |");
}

static void test_guest_lines(void)
{
	console_len = 0;
	console_text_write(to_uart, "a\tb\nc\x1b[1m\x80", 10, true);
	CHECK_STR(console, "a\tb\nc\\x1b[1m\\x80");
}

static void test_buffers_keep_bytes(void)
{
	char buf[32];

	hyp_snprintf(buf, sizeof(buf), "%s/%s", "a\nb", "c");
	CHECK_STR(buf, "a\nb/c");
}

int main(int argc, char **argv)
{
	test_init(argc, argv);
	RUN(test_console_arguments_are_printable);
	RUN(test_numbers_and_padding);
	RUN(test_guest_lines);
	RUN(test_buffers_keep_bytes);
	return test_summary();
}
