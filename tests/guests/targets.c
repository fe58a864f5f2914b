// SPDX-License-Identifier: Apache-2.0
/*
 * targets: where the distributor sends an SPI, on as many vCPUs as the layout
 * gives (1 or 4). GICv2 (IHI 0048B 4.3.12): GICD_ITARGETSR holds any set of
 * the VM's CPUs, bits of others read as zero; the SPI goes to one of them (the
 * lowest-numbered: 1-of-N), to none while the set is empty; SGI/PPI bytes read
 * as the reader's own bit; on a uniprocessor VM every byte is RAZ/WI. ICPIDR2
 * at 0xfe8 says ArchRev 2. GICv3: GICD_PIDR2 at 0xffe8 says ArchRev 3,
 * ITARGETSR is RES0 with affinity routing, GICD_IROUTER picks the vCPU. The SPI
 * is the virtual UART's (INTID 33), made pending through GICD_ISPENDR.
 */
#include "gic.h"
#include "guest.h"

#define SPI	       33
#define GICD_ISPENDR   0x0200
#define GICD_ICPENDR   0x0280
#define GICD_ITARGETSR 0x0800
#define GICD_ICPIDR2   0x0fe8
#define GICD_IROUTER   0x6000
#define GICD_PIDR2     0xffe8
#define MAX_VCPUS      4
#define SPI_WORD       (GICD_ITARGETSR + 32) /* INTIDs 32..35 */

static uint64_t stacks[MAX_VCPUS][512] __attribute__((aligned(16)));
static volatile unsigned got[MAX_VCPUS], ready[MAX_VCPUS];
static volatile uint32_t own_targets[MAX_VCPUS]; /* ITARGETSR0 as each vCPU reads it */
static int version;
static unsigned nvcpus = 1;

static volatile uint32_t *gicd32(unsigned off)
{
	return (volatile uint32_t *)(GUEST_GICD + off);
}

static unsigned vcpu_id(void)
{
	return read_mpidr() & 0xff;
}

static void handler(unsigned intid)
{
	if (intid == SPI)
		got[vcpu_id()]++;
}

void secondary_main(void)
{
	unsigned me = vcpu_id();

	gic_init_cpu(me);
	own_targets[me] = *gicd32(GICD_ITARGETSR);
	ready[me] = 1;
	for (;;)
		__asm__ volatile("wfi");
}

static bool fail(const char *what, uint32_t got_val, uint32_t want)
{
	gprintf("TEST FAIL: %s: 0x%x, want 0x%x\n", what, got_val, want);
	return false;
}

/* Makes the SPI pending and waits; returns the vCPU that took it, or -1. */
static int deliver(void)
{
	unsigned before[MAX_VCPUS];

	for (unsigned i = 0; i < MAX_VCPUS; i++)
		before[i] = got[i];
	*gicd32(GICD_ISPENDR + 4) = 1U << (SPI % 32);
	for (int t = 0; t < 300; t++) {
		delay(10000);
		for (unsigned i = 0; i < nvcpus; i++)
			if (got[i] != before[i])
				return (int)i;
	}
	return -1;
}

/* A byte in all four bytes of a word. */
static uint32_t replicate(uint32_t byte)
{
	return byte * 0x01010101U;
}

/*
 * The word of INTIDs 32..35: only INTID 33 is the VM's (byte 1), the others
 * read as zero whatever is written.
 */
static bool v2_registers(void)
{
	uint32_t cpus = (1U << nvcpus) - 1, mask = nvcpus > 1 ? cpus << 8 : 0;
	uint32_t pidr2 = *gicd32(GICD_ICPIDR2);

	if (((pidr2 >> 4) & 0xf) != 2)
		return fail("ICPIDR2 (0xfe8) ArchRev", pidr2, 0x2b);
	for (unsigned i = 0; i < nvcpus; i++)
		if (own_targets[i] != (nvcpus > 1 ? replicate(1U << i) : 0))
			return fail("ITARGETSR0 as a vCPU reads it", own_targets[i],
				    nvcpus > 1 ? replicate(1U << i) : 0);
	*gicd32(SPI_WORD) = 0xffffffff;
	if (*gicd32(SPI_WORD) != mask)
		return fail("SPI targets after writing 0xffffffff", *gicd32(SPI_WORD), mask);
	*gicd32(SPI_WORD) = 0x0103020f;
	if (*gicd32(SPI_WORD) != (0x0103020f & mask))
		return fail("SPI targets keep a set", *gicd32(SPI_WORD), 0x0103020f & mask);
	*(volatile uint8_t *)(GUEST_GICD + GICD_ITARGETSR + SPI) = 0x0c;
	if (*gicd32(SPI_WORD) != ((0x01030c0f) & mask))
		return fail("SPI targets after a byte write", *gicd32(SPI_WORD), 0x01030c0f & mask);
	gprintf("ICPIDR2 0x%x; ITARGETSR %s\n", pidr2,
		nvcpus > 1 ? "keeps sets of the VM's vCPUs, SGIs/PPIs read as the reader"
			   : "reads as zero, writes ignored (uniprocessor)");
	return true;
}

/* 1-of-N: the lowest of the set; none with an empty set, pending until one is set. */
static bool v2_delivery(void)
{
	int to;

	if (nvcpus == 1) {
		to = deliver();
		if (to != 0)
			return fail("SPI delivered to vCPU", (uint32_t)to, 0);
		gprintf("SPI taken by vCPU 0\n");
		return true;
	}
	*(volatile uint8_t *)(GUEST_GICD + GICD_ITARGETSR + SPI) = 0x0c;
	if ((to = deliver()) != 2)
		return fail("SPI with targets {2, 3} delivered to vCPU", (uint32_t)to, 2);
	*(volatile uint8_t *)(GUEST_GICD + GICD_ITARGETSR + SPI) = 0;
	if ((to = deliver()) != -1)
		return fail("SPI with no target delivered to vCPU", (uint32_t)to, ~0U);
	if (!((*gicd32(GICD_ISPENDR + 4) >> (SPI % 32)) & 1))
		return fail("SPI with no target pending", 0, 1);
	*(volatile uint8_t *)(GUEST_GICD + GICD_ITARGETSR + SPI) = 0x08;
	for (int t = 0; t < 300 && !got[3]; t++)
		delay(10000);
	if (!got[3])
		return fail("the waiting SPI, targets then {3}, taken by vCPU 3", 0, 1);
	gprintf("SPI to targets {2, 3} taken by vCPU 2; with none, pending; then {3}: vCPU 3\n");
	return true;
}

static bool v3_checks(void)
{
	uint32_t pidr2 = *gicd32(GICD_PIDR2);
	unsigned want = nvcpus - 1;
	int to;

	if (((pidr2 >> 4) & 0xf) != 3)
		return fail("GICD_PIDR2 (0xffe8) ArchRev", pidr2, 0x3b);
	*gicd32(SPI_WORD) = 0xffffffff;
	if (*gicd32(SPI_WORD) || *gicd32(GICD_ICPIDR2))
		return fail("ITARGETSR / offset 0xfe8 with affinity routing", *gicd32(SPI_WORD), 0);
	*(volatile uint64_t *)(GUEST_GICD + GICD_IROUTER + 8 * SPI) = want;
	if ((to = deliver()) != (int)want)
		return fail("SPI routed by GICD_IROUTER delivered to vCPU", (uint32_t)to, want);
	gprintf("GICD_PIDR2 0x%x; ITARGETSR RES0; IROUTER %u: taken by vCPU %u\n", pidr2, want,
		want);
	return true;
}

int main(uint64_t dtb)
{
	version = gic_init_dist();
	gic_handler = handler;
	gic_init_cpu(0);
	own_targets[0] = *gicd32(GICD_ITARGETSR);
	for (unsigned i = 1; i < MAX_VCPUS; i++) {
		if (psci_cpu_on(i, secondary_start, (uint64_t)&stacks[i][512]) != 0)
			break;
		while (!ready[i])
			;
		nvcpus++;
	}
	gic_enable(0, SPI, 0x80);
	gprintf("GICv%d, vCPUs: %u\n", version, nvcpus);
	if (version == 2 ? v2_registers() && v2_delivery() : v3_checks())
		gprintf("TEST PASS targets\n");
	return 0;
}
