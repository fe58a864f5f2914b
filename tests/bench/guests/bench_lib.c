// SPDX-License-Identifier: Apache-2.0
/* Benchmark guest helpers (see bench.h). */
#include "bench.h"

static int64_t calibrate_once(int virt)
{
	uint64_t c0, c, p;

	/* Poll until the counter changes, then read the cycle counter right away. */
	if (virt)
		__asm__ volatile("mrs %0, cntvct_el0\n"
				 "1: mrs %1, cntvct_el0\n"
				 "cmp %1, %0\n"
				 "b.eq 1b\n"
				 "mrs %2, pmccntr_el0"
				 : "=&r"(c0), "=&r"(c), "=&r"(p)::"cc", "memory");
	else
		__asm__ volatile("mrs %0, cntpct_el0\n"
				 "1: mrs %1, cntpct_el0\n"
				 "cmp %1, %0\n"
				 "b.eq 1b\n"
				 "mrs %2, pmccntr_el0"
				 : "=&r"(c0), "=&r"(c), "=&r"(p)::"cc", "memory");
	/* The pmccntr read is 3 instructions after the counter read that saw the edge. */
	return (int64_t)(p - 3 - c * ns_per_tick());
}

int64_t bench_calibrate(int virt)
{
	int64_t best = calibrate_once(virt);

	for (int i = 0; i < 32; i++) {
		int64_t v = calibrate_once(virt);

		best = v < best ? v : best;
	}
	return best;
}
