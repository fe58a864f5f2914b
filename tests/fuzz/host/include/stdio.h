/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Host build (tests/fuzz/host): the C library's stdio.h, plus the one
 * function of the hypervisor's own (hyp/lib/include/stdio.h) that it lacks;
 * host.c builds hyp/lib/printf.c for it.
 */
#ifndef HOST_STDIO_H
#define HOST_STDIO_H

#include <stdarg.h>
#include <stdbool.h>
#include_next <stdio.h>

int vwprintf(void (*write)(const char *s, size_t n, bool arg), const char *fmt, va_list ap);

#endif
