// SPDX-License-Identifier: Apache-2.0
/*
 * boot: reports when its first instruction ran (CNTPCT_EL0, read by the
 * runtime's entry code, in ns since reset: instructions under -icount
 * shift=0), then powers off. Run natively and in 1-, 2- and 4-VM layouts.
 */
#include "bench.h"

int main(uint64_t dtb)
{
	bench_put("entry_ns", (int64_t)(guest_entry_cntpct * ns_per_tick()));
	return 0;
}
