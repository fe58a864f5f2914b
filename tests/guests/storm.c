// SPDX-License-Identifier: Apache-2.0
/*
 * storm: a hostile 3-vCPU guest hammering PSCI from all its vCPUs at once.
 *   boot 1: CPU_ON / CPU_OFF storm (vCPU 0 starts vCPUs 1 and 2 in a loop,
 *           they start each other and stop themselves), every result checked
 *           against DEN 0022D 5.6 / 5.9 as Tessera answers them (ALREADY_ON
 *           and AFFINITY_INFO ON from a successful CPU_ON, never ON_PENDING);
 *           then all three call SYSTEM_RESET at the same moment
 *   boot 2..6: all three call SYSTEM_RESET at once again, while vCPU 2
 *           keeps calling CPU_ON on vCPU 1 (boot 3: vCPU 1 CPU_OFF meanwhile)
 *   boot 7: all three call SYSTEM_OFF at once
 * The VM must reset once per round and power off once, with no hang and no
 * message but those; the boot count lives in RAM the image does not cover.
 */
#include "guest.h"

#define NVCPUS	     3
#define RESETS	     6 /* rounds of simultaneous SYSTEM_RESET */
#define STORM_ROUNDS 300
#define COUNTER	     ((volatile uint64_t *)0x40400000UL)
#define MAGIC	     0x5707e00000000000UL

/* PSCI return codes (DEN 0022D 5.2.2) and AFFINITY_INFO states (5.9.2). */
#define SUCCESS	       0
#define INVALID_PARAMS (-2)
#define ALREADY_ON     (-4)
#define AFF_ON	       0
#define AFF_OFF	       1

static uint64_t stacks[NVCPUS][1024] __attribute__((aligned(16)));
static volatile unsigned ready, go, bad, ons, offs;
static volatile int chain = 2000; /* how many more times the secondaries start each other */
static volatile int finale;	  /* what the vCPUs do when go is set: 0 reset, 1 off */
static volatile int storming;	  /* boot 1's first part: secondaries start each other */
static uint64_t boot;

static uint64_t top(unsigned v)
{
	return (uint64_t)&stacks[v][1024];
}

static void bad_result(const char *what, int64_t got)
{
	gprintf("TEST FAIL: %s returned %ld\n", what, got);
	__atomic_fetch_add(&bad, 1, __ATOMIC_RELAXED);
}

/*
 * CPU_ON of a vCPU of this VM finds it off (SUCCESS) or not (ALREADY_ON, also
 * while it is still starting: never ON_PENDING, see hyp/vcpu.c).
 */
static void cpu_on(unsigned v)
{
	int64_t r = psci_cpu_on(v, secondary_start, top(v));

	if (r == SUCCESS)
		__atomic_fetch_add(&ons, 1, __ATOMIC_RELAXED);
	else if (r != ALREADY_ON)
		bad_result("CPU_ON", r);
}

/* ON from its successful CPU_ON, OFF once it stopped: never ON_PENDING. */
static void affinity(unsigned v)
{
	int64_t r = psci_affinity_info(v);

	if (r != AFF_ON && r != AFF_OFF)
		bad_result("AFFINITY_INFO", r);
}

/* Boot 1, vCPUs 1 and 2: start the other one, look at it, stop. */
static void storm_secondary(unsigned me)
{
	unsigned other = 3 - me;

	if (__atomic_sub_fetch(&chain, 1, __ATOMIC_RELAXED) > 0)
		cpu_on(other);
	affinity(other);
	__atomic_fetch_add(&offs, 1, __ATOMIC_RELAXED);
	psci_cpu_off();
}

static void storm(void)
{
	for (unsigned i = 0; i < STORM_ROUNDS; i++) {
		cpu_on(1 + i % 2);
		affinity(1);
		affinity(2);
	}
	for (unsigned v = 1; v < NVCPUS; v++)
		while (psci_affinity_info(v) != AFF_OFF)
			;
	storming = 0;
	if (psci_cpu_on(7, secondary_start, 0) != INVALID_PARAMS)
		bad_result("CPU_ON of a vCPU the VM lacks", 0);
	gprintf("boot 1: CPU_ON/CPU_OFF storm: %u starts, %u stops, %s\n", ons, offs,
		bad ? "bad results" : "every result valid");
}

/* Every vCPU at once: SYSTEM_RESET, or SYSTEM_OFF in the last round. */
static void together(unsigned me)
{
	__atomic_fetch_add(&ready, 1, __ATOMIC_RELAXED);
	while (!go)
		;
	if (boot == 3 && me == 1)
		hvc(0x84000002UL, 0, 0, 0, 0, 0, 0); /* CPU_OFF, racing the others' resets */
	if (finale)
		psci_system_off();
	psci_system_reset();
}

void secondary_main(void)
{
	unsigned me = (unsigned)(read_mpidr() & 0xff);

	if (storming)
		storm_secondary(me);
	if (me == 2 && boot > 1) { /* keeps starting vCPU 1 until the race starts */
		__atomic_fetch_add(&ready, 1, __ATOMIC_RELAXED);
		while (!go)
			psci_cpu_on(1, secondary_start, top(1));
		if (finale)
			psci_system_off();
		psci_system_reset();
	}
	together(me);
}

int main(uint64_t dtb)
{
	boot = (COUNTER[0] & ~0xffffUL) == MAGIC ? (COUNTER[0] & 0xffff) + 1 : 1;
	COUNTER[0] = MAGIC | boot;
	gprintf("boot %lu\n", boot);
	for (unsigned v = 1; v < NVCPUS; v++)
		if (psci_affinity_info(v) != AFF_OFF)
			bad_result("AFFINITY_INFO of a vCPU after a reset", psci_affinity_info(v));
	if (boot == 1) {
		storming = 1;
		storm();
	}
	if (bad)
		psci_system_off();
	finale = boot > RESETS;
	/*
	 * Both others, started and waiting. Asked until both are there: at boot 1
	 * the storm may not be over (AFFINITY_INFO read vCPU 1 off, then vCPU 2
	 * restarted it before stopping itself), so CPU_ON may answer ALREADY_ON to
	 * a storm start that then stops (starts one more than stops above).
	 */
	while (ready < NVCPUS - 1)
		for (unsigned v = 1; v < NVCPUS; v++)
			cpu_on(v);
	gprintf("boot %lu: %u vCPUs call %s at once\n", boot, NVCPUS,
		finale ? "SYSTEM_OFF" : "SYSTEM_RESET");
	go = 1;
	together(0);
	return 0;
}
