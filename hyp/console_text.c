// SPDX-License-Identifier: Apache-2.0
/*
 * What the console lets through of text from outside: a guest's output, and
 * names, paths and strings from a layout, a DTB or a guest that the
 * hypervisor prints (printk's %s and %c arguments). Pure: the host unit tests
 * check it (tests/unit/test_console_text.c); console.c is its one user.
 */
#include "console.h"

/*
 * Printable ASCII; tab and newline too where a line may end (a guest's
 * output). So no one can move the cursor, erase or recolour what others
 * printed, or forge a line (ECMA-48's control functions start with a C0 byte,
 * ESC, or a C1 byte such as CSI 0x9b).
 */
static bool passes(char c, bool lines)
{
	return (c >= ' ' && c <= '~') || (lines && (c == '\n' || c == '\t'));
}

static size_t text_run(const char *s, size_t n, bool lines)
{
	size_t run = 0;

	while (run < n && passes(s[run], lines)) {
		run++;
	}
	return run;
}

static void text_escape(char c, char esc[4])
{
	static const char hex[] = "0123456789abcdef";

	esc[0] = '\\';
	esc[1] = 'x';
	esc[2] = hex[(u8)c >> 4];
	esc[3] = hex[(u8)c & 0xfU];
}

void console_text_write(void (*out)(const char *s, size_t n), const char *s, size_t n, bool lines)
{
	while (n != 0U) {
		size_t run = text_run(s, n, lines);
		char esc[4];

		if (run != 0U) {
			out(s, run);
		}
		if (run < n) {
			text_escape(s[run], esc);
			out(esc, sizeof(esc));
			run++;
		}
		/* MISRA misreading 10.3: pointer arithmetic, not a value of another type */
		s += run;
		n -= run;
	}
}
