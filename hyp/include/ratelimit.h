/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Rate limiting of messages a guest can cause (an injected fault, an
 * unemulated register): a guest in a loop must not flood the console and slow
 * everyone who prints. Pure logic, host-tested (tests/unit/test_ratelimit.c).
 */
#ifndef TESSERA_RATELIMIT_H
#define TESSERA_RATELIMIT_H

#include "types.h"

#define RATELIMIT_BURST	    5U		 /* messages per window */
#define RATELIMIT_WINDOW_NS 1000000000UL /* one second */

/* One per source (a vCPU); zeroed = nothing printed yet. Not shared between CPUs. */
struct ratelimit {
	u64 window_start; /* ns, when the current window began */
	u32 printed;	  /* messages printed in the current window */
	u32 suppressed;	  /* messages dropped since the last printed one */
};

/*
 * True if a message may be printed at now (ns, never decreasing): at most
 * RATELIMIT_BURST in a window of RATELIMIT_WINDOW_NS that opens with the first
 * message after the previous window ended. When true, *suppressed is the
 * number of messages dropped since the last printed one (to be said with this
 * one) and starts again from 0.
 */
bool ratelimit_allow(struct ratelimit *rl, u64 now, u32 *suppressed);

#endif
