/* SPDX-License-Identifier: Apache-2.0 */
/* Freestanding formatted output (hyp/lib/printf.c): %d %i %u %x %X %p %s %c %%,
 * with flags '-', '0', width, precision for strings, and l/ll/z length. */
#ifndef TESSERA_STDIO_H
#define TESSERA_STDIO_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
/*
 * Formats straight to write, a run of text per call (no buffer, no length
 * limit); arg says the run came from a %s or %c argument, not from the format
 * or a number: text from outside, which the writer filters (the console does).
 */
int vwprintf(void (*write)(const char *s, size_t n, bool arg), const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
