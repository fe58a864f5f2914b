// SPDX-License-Identifier: Apache-2.0
/* smp: vCPU 0 starts vCPU 1 with PSCI CPU_ON and checks AFFINITY_INFO / CPU_ON results. */
#include "guest.h"

static uint64_t stack1[1024] __attribute__((aligned(16)));
static volatile int secondary_ran, release;

void secondary_main(void)
{
	gprintf("vCPU 1 running, MPIDR 0x%lx\n", read_mpidr());
	secondary_ran = 1;
	while (!release)
		;
}

static int check(const char *what, int64_t got, int64_t want)
{
	if (got == want)
		return 0;
	gprintf("TEST FAIL: %s returned %ld, expected %ld\n", what, got, want);
	return 1;
}

int main(uint64_t dtb)
{
	uint64_t top = (uint64_t)&stack1[1024];
	int fails = 0;

	gprintf("vCPU 0 running, MPIDR 0x%lx\n", read_mpidr());
	fails += check("AFFINITY_INFO(1) before CPU_ON", psci_affinity_info(1), 1);
	fails += check("CPU_ON(1)", psci_cpu_on(1, secondary_start, top), 0);
	while (!secondary_ran)
		;
	fails += check("AFFINITY_INFO(1) while on", psci_affinity_info(1), 0);
	fails += check("CPU_ON(1) again", psci_cpu_on(1, secondary_start, top), -4);
	fails += check("CPU_ON(7) of a vCPU the VM lacks", psci_cpu_on(7, secondary_start, 0), -2);
	release = 1;
	while (psci_affinity_info(1) != 1)
		; /* vCPU 1 returns from secondary_main and calls CPU_OFF */
	gprintf("vCPU 1 is off again\n");
	if (!fails)
		gprintf("TEST PASS smp\n");
	return 0;
}
