// SPDX-License-Identifier: Apache-2.0
/*
 * dtcpus: numbers its CPUs in the order of its DTB's /cpus, as many RTOSes
 * and test kernels do, and starts them by the reg of each node. Its guest DTB
 * (tests/guests/dt/) lists cpu@0 only, ahead of a cpu-map; the hypervisor adds
 * the VM's other vCPUs. The nodes must come in ascending order, the boot vCPU
 * first, so that DT index = MPIDR Aff0 on every vCPU. Also PSCI CPU_ON's
 * answers to a target that is starting (DEN 0022D 5.6): SUCCESS for the first
 * call, ALREADY_ON for the next one at once, and AFFINITY_INFO ON, always.
 */
#include <string.h>

#include "guest.h"

#define FDT_MAGIC      0xd00dfeed
#define FDT_BEGIN_NODE 1
#define FDT_END_NODE   2
#define FDT_PROP       3
#define FDT_NOP	       4
#define MAX_CPUS       8
#define ALREADY_ON     (-4)

static struct {
	unsigned n;
	uint32_t reg[MAX_CPUS];
	char names[128]; /* every child of /cpus, in order */
} dt;

static uint64_t stacks[MAX_CPUS][512] __attribute__((aligned(16)));
static volatile unsigned up[MAX_CPUS], release;

static uint32_t be32(const void *p)
{
	const uint8_t *b = p;

	return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

/* One property of a child of /cpus: a cpu node's reg (DT spec 3.7). */
static void cpu_prop(const char *node, const char *name, const uint8_t *val, uint32_t len)
{
	if (!strncmp(node, "cpu@", 4) && !strcmp(name, "reg") && len == 4 && dt.n < MAX_CPUS)
		dt.reg[dt.n++] = be32(val);
}

static void add_name(const char *name)
{
	size_t n = strlen(dt.names);

	if (n && n + 1 < sizeof(dt.names))
		dt.names[n++] = ' ';
	for (; *name && n + 1 < sizeof(dt.names); name++)
		dt.names[n++] = *name;
	dt.names[n] = '\0';
}

/* Walks the structure block (DT spec 5.4): the children of /cpus and their reg, in order. */
static bool read_cpus(const uint8_t *fdt)
{
	const uint8_t *p = fdt + be32(fdt + 8), *strings = fdt + be32(fdt + 12);
	const char *node = "";
	int depth = 0, in_cpus = 0;

	if (be32(fdt) != FDT_MAGIC)
		return false;
	for (;;) {
		uint32_t tag = be32(p);

		p += 4;
		if (tag == FDT_BEGIN_NODE) {
			node = (const char *)p;
			p += (strlen(node) + 4) & ~3UL;
			depth++;
			if (depth == 2 && !strcmp(node, "cpus"))
				in_cpus = 1;
			else if (depth == 3 && in_cpus)
				add_name(node);
		} else if (tag == FDT_END_NODE) {
			if (depth-- == 2)
				in_cpus = 0;
		} else if (tag == FDT_PROP) {
			uint32_t len = be32(p), name = be32(p + 4);

			if (depth == 3 && in_cpus)
				cpu_prop(node, (const char *)strings + name, p + 8, len);
			p += 8 + ((len + 3) & ~3U);
		} else if (tag != FDT_NOP) {
			return true; /* FDT_END */
		}
	}
}

/* DT index of the vCPU running this: the node whose reg is its MPIDR affinity. */
static int my_index(void)
{
	uint64_t aff = read_mpidr() & 0xffffff;

	for (unsigned i = 0; i < dt.n; i++)
		if (dt.reg[i] == aff)
			return (int)i;
	return -1;
}

void secondary_main(void)
{
	int i = my_index();

	gprintf("DT cpu %d up, MPIDR 0x%lx\n", i, read_mpidr());
	if (i >= 0)
		up[i] = 1;
	while (!release) /* stays on until every CPU_ON was answered */
		;
}

static bool start_all(void)
{
	for (unsigned i = 1; i < dt.n; i++) {
		int64_t first = psci_cpu_on(dt.reg[i], secondary_start, (uint64_t)&stacks[i][512]);
		int64_t again = psci_cpu_on(dt.reg[i], secondary_start, (uint64_t)&stacks[i][512]);
		int64_t aff = psci_affinity_info(dt.reg[i]);

		if (first != 0 || again != ALREADY_ON || aff != 0) {
			gprintf("TEST FAIL: DT cpu %u: CPU_ON %ld then %ld (want 0, -4), "
				"AFFINITY_INFO %ld (want 0)\n",
				i, first, again, aff);
			return false;
		}
		while (!up[i])
			;
	}
	release = 1;
	gprintf("CPU_ON: SUCCESS, then ALREADY_ON while starting; AFFINITY_INFO ON\n");
	return true;
}

int main(uint64_t fdt)
{
	int me;

	if (!fdt || !read_cpus((const uint8_t *)fdt)) {
		gprintf("TEST FAIL: no DTB at x0 (0x%lx)\n", fdt);
		return 0;
	}
	gprintf("/cpus: %s\n", dt.names);
	me = my_index();
	for (unsigned i = 0; i < dt.n; i++) {
		if (dt.reg[i] != i) {
			gprintf("TEST FAIL: DT cpu %u has reg %u: not in ascending order\n", i,
				dt.reg[i]);
			return 0;
		}
	}
	if (me != 0) {
		gprintf("TEST FAIL: the boot vCPU (MPIDR 0x%lx) is DT cpu %d, not 0\n",
			read_mpidr(), me);
		return 0;
	}
	gprintf("boot vCPU is DT cpu 0 of %u\n", dt.n);
	if (start_all())
		gprintf("TEST PASS dtcpus\n");
	return 0;
}
