// SPDX-License-Identifier: Apache-2.0
/*
 * boot (RISC-V): reports when its first instruction ran (the cycle CSR read
 * by start.S's first instruction: instructions since reset under -icount
 * shift=0), then powers off. Natively under OpenSBI and in a 1-VM layout.
 */
#include "bench.h"

int main(uint64_t hart, uint64_t dtb)
{
	bench_put("entry_ns", (int64_t)guest_entry_cycle);
	return 0;
}
