// SPDX-License-Identifier: Apache-2.0
/* hello: identifies itself, prints a few numbered lines, powers its VM off. */
#include "guest.h"

int main(uint64_t dtb)
{
	uint64_t t0;
	struct hvc_ret id;

	__asm__ volatile("isb; mrs %0, cntpct_el0" : "=r"(t0)); /* physical: from reset */
	id = hvc(TESSERA_HC_IDENTIFY, 0, 0, 0, 0, 0, 0);

	if ((uint64_t)id.x0 != TESSERA_MAGIC) {
		gprintf("TEST FAIL: identify returned 0x%lx\n", (uint64_t)id.x0);
		return 1;
	}
	gprintf("hello from VM %lu vCPU %lu (ABI %lu), MPIDR 0x%lx, dtb 0x%lx\n", id.x2, id.x3,
		id.x1, read_mpidr(), dtb);
	gprintf("physical counter at main: %lu\n", t0);
	for (int i = 1; i <= 3; i++) {
		gprintf("count %d\n", i);
		delay(200000);
	}
	gprintf("TEST PASS hello\n");
	return 0;
}
