// SPDX-License-Identifier: Apache-2.0
/*
 * Host builds of the run-time code (stdio.h here): the hypervisor's own
 * printf (hyp/lib/printf.c) for vwprintf, which the console writes through
 * (it filters the arguments); its vsnprintf and snprintf under other names,
 * so the C library's stay the ones the rest of the host build uses.
 */
#include <stdio.h>

#define vsnprintf hyp_vsnprintf
#define snprintf  hyp_snprintf
#include "../printf.c"
