// SPDX-License-Identifier: Apache-2.0
/* smp: vCPU 0 starts vCPU 1 with PSCI CPU_ON, checks AFFINITY_INFO across its life. */
#include "guest.h"

static uint64_t stack1[1024] __attribute__((aligned(16)));
static volatile int secondary_ran;

void secondary_main(void)
{
	gprintf("vCPU 1 running, MPIDR 0x%lx\n", read_mpidr());
	secondary_ran = 1;
}

int main(uint64_t dtb)
{
	int64_t r;

	gprintf("vCPU 0 running, MPIDR 0x%lx\n", read_mpidr());
	if (psci_affinity_info(1) != 1)
		gprintf("TEST FAIL: vCPU 1 should be off before CPU_ON\n");
	r = psci_cpu_on(1, secondary_start, (uint64_t)&stack1[1024]);
	if (r != 0)
		gprintf("TEST FAIL: CPU_ON returned %ld\n", r);
	if (psci_cpu_on(1, secondary_start, (uint64_t)&stack1[1024]) >= 0)
		gprintf("TEST FAIL: second CPU_ON should be refused\n");
	if (psci_cpu_on(7, secondary_start, 0) != -2)
		gprintf("TEST FAIL: CPU_ON of a vCPU the VM does not have should be INVALID_PARAMETERS\n");
	while (!secondary_ran)
		;
	while (psci_affinity_info(1) != 1)
		; /* vCPU 1 returns from secondary_main and calls CPU_OFF */
	gprintf("vCPU 1 is off again\n");
	gprintf("TEST PASS smp\n");
	return 0;
}
