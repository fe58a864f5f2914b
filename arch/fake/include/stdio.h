/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Fake architecture (host build): the C library's stdio.h, plus the one
 * function of the hypervisor's own (hyp/lib/include/stdio.h) it lacks;
 * arch/fake/vcpu.c builds hyp/lib/printf.c for it.
 */
#ifndef ARCH_FAKE_STDIO_H
#define ARCH_FAKE_STDIO_H

#include <stdarg.h>
#include <stdbool.h>
#include_next <stdio.h>

int vwprintf(void (*write)(const char *s, size_t n, bool arg), const char *fmt, va_list ap);

#endif
