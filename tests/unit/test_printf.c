/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The hypervisor's own printf (hyp/lib/printf.c), built here under other
 * names: to the console (vwprintf) a %s argument goes out as printable ASCII
 * only, so no name, path or string from a layout, a DTB or a guest can end a
 * line or drive the terminal; into a buffer (vsnprintf) it is copied as is.
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

#include "test.h"

static char console[256];
static size_t console_len;

static void to_console(const char *s, size_t n)
{
	for (size_t i = 0; i < n && console_len + 1 < sizeof(console); i++)
		console[console_len++] = s[i];
	console[console_len] = '\0';
}

static void printk_test(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	hyp_vwprintf(to_console, fmt, ap);
	va_end(ap);
}

static void test_console_strings_are_printable(void)
{
	console_len = 0;
	printk_test("[%s] %s\n", "vm\n[tessera] forged", "\x1b[2Jok\x7f");
	CHECK_STR(console, "[vm?[tessera] forged] ?[2Jok?\n");
	console_len = 0;
	printk_test("<%-6s|%4s>", "a\tb", "\r");
	CHECK_STR(console, "<a?b   |   ?>");
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
	RUN(test_console_strings_are_printable);
	RUN(test_buffers_keep_bytes);
	return test_summary();
}
