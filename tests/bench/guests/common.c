// SPDX-License-Identifier: Apache-2.0
/* Benchmark guests' output lines (common.h). */
#include <stdio.h>

#include "common.h"
#include "guest.h"

void bench_put(const char *name, int64_t value)
{
	gprintf("BENCH %s %ld\n", name, (long)value);
}

void bench_put_samples(const char *name, const uint32_t *s, unsigned n)
{
	char line[160];
	unsigned i = 0;

	while (i < n) {
		int len = snprintf(line, sizeof(line), "BENCHS %s", name);

		while (i < n && len < (int)sizeof(line) - 16)
			len += snprintf(line + len, sizeof(line) - len, " %u", s[i++]);
		gprintf("%s\n", line);
	}
}
