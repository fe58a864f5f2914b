/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Host builds of the run-time code (tests/fake on arch/fake, the devices
 * fuzzer on tests/fuzz/host): the C library's stdio.h, plus the one function
 * of the hypervisor's own (hyp/lib/include/stdio.h) it lacks, which
 * vwprintf.c here builds from hyp/lib/printf.c.
 */
#ifndef HYP_LIB_HOST_STDIO_H
#define HYP_LIB_HOST_STDIO_H

#include <stdarg.h>
#include <stdbool.h>
#include_next <stdio.h>

int vwprintf(void (*write)(const char *s, size_t n, bool arg), const char *fmt, va_list ap);

#endif
