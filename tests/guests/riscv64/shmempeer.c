// SPDX-License-Identifier: Apache-2.0
/*
 * shmempeer (RISC-V): the bare-metal side of the Linux channel test
 * (tests/linux/tests/shmem.sh, e2e riscv64/linux-shmem), as tests/guests/shmempeer.c on
 * AArch64; Linux's doorbell interrupt is a source of this VM's virtual PLIC.
 *   1. fills the read-only window (channel 1, Linux maps it read-only);
 *   2. messages: waits for Linux's ring, checks the message in channel 0
 *      (sequence number, payload, tag word), answers at +0x100 with the payload
 *      inverted and rings Linux back through the doorbell page;
 *   3. flood, Linux first: answers FLOOD rings, each with one ring back (hypercall);
 *   4. flood, the peer first: after Linux's "ready" ring, rings Linux FLOOD
 *      times, each time waiting for its answer;
 *   5. rings Linux a last time and powers itself off (SBI SRST): Linux's next
 *      ring must fail (the member is off).
 * Every ring is counted on both sides: the counts must match exactly.
 */
#include "guest.h"
#include "plic.h"

#define CHAN_IPA     0x90000000UL
#define RO_IPA	     0x90100000UL
#define DOORBELL_IPA 0x90010000UL
#define IRQ	     40
#define MESSAGES     3
#define FLOOD	     10000
#define LINUX_VM     0
#define RO_PATTERN   0x600dcafeU

static volatile unsigned rung;
static unsigned taken; /* rings consumed so far */

static volatile uint32_t *word(uint64_t base, unsigned off)
{
	return (volatile uint32_t *)(base + off);
}

static bool on_trap(struct guest_frame *f, uint64_t cause)
{
	unsigned src;

	if (cause != (SCAUSE_IRQ | 9))
		return false;
	while ((src = plic_claim()) != 0) {
		if (src == IRQ)
			rung++;
		else
			gprintf("TEST FAIL: source %u claimed\n", src);
		plic_complete(src);
	}
	return true;
}

/* The next ring from Linux (rings are serialized by the protocol: one at a time). */
static void next_ring(void)
{
	wfi_until(&rung, ++taken);
}

static bool ring_linux(void)
{
	int64_t r = hypercall(TESSERA_HC_DOORBELL, 0, LINUX_VM, 0, 0, 0, 0).r0;

	if (r != TESSERA_OK)
		gprintf("TEST FAIL: ring linux -> %ld\n", (long)r);
	return r == TESSERA_OK;
}

static int32_t ring_linux_mmio(void)
{
	*word(DOORBELL_IPA, TESSERA_DB_RING) = LINUX_VM;
	return (int32_t)*word(DOORBELL_IPA, TESSERA_DB_STATUS);
}

static bool answer(uint32_t seq)
{
	uint32_t payload, tagword;

	next_ring();
	payload = *word(CHAN_IPA, 4);
	tagword = *word(CHAN_IPA, 8);
	if (*word(CHAN_IPA, 0) != seq || payload != 0x1000 * seq + 0x2a ||
	    tagword != 0xc0ffee00 + seq) {
		gprintf("TEST FAIL: message %u: seq %u payload 0x%x tag 0x%x\n", seq,
			*word(CHAN_IPA, 0), payload, tagword);
		return false;
	}
	*word(CHAN_IPA, 0x104) = ~payload;
	__asm__ volatile("fence w, w" ::: "memory");
	*word(CHAN_IPA, 0x100) = seq;
	gprintf("peer: message %u from linux ok (payload 0x%x), answered, ring -> %d\n", seq,
		payload, ring_linux_mmio());
	return true;
}

/* Linux rings first, FLOOD times; each ring gets one ring back. */
static bool flood_answer(void)
{
	unsigned sent = 0, got = 0;

	for (unsigned i = 0; i < FLOOD; i++) {
		next_ring();
		got++;
		if (!ring_linux())
			return false;
		sent++;
	}
	gprintf("peer: flood from linux: %u rings received, %u answered\n", got, sent);
	return got == FLOOD && sent == FLOOD && rung == taken;
}

/* After Linux's "ready": the peer rings FLOOD times, each time waiting for the answer. */
static bool flood_ring(void)
{
	unsigned sent = 0, got = 0;

	next_ring();
	for (unsigned i = 0; i < FLOOD; i++) {
		if (!ring_linux())
			return false;
		sent++;
		next_ring();
		got++;
	}
	gprintf("peer: flood to linux: %u rings sent, %u answers received\n", sent, got);
	return got == FLOOD && sent == FLOOD && rung == taken;
}

int main(uint64_t hart, uint64_t dtb)
{
	bool ok = true;

	*word(RO_IPA, 0) = RO_PATTERN;
	guest_trap_handler = on_trap;
	plic_enable(IRQ);
	irq_enable(SIE_SEIE);
	gprintf("peer: waiting for linux\n");
	for (uint32_t seq = 1; seq <= MESSAGES && ok; seq++)
		ok = answer(seq);
	ok = ok && flood_answer() && flood_ring();
	if (!ok) {
		gprintf("TEST FAIL peer: rings taken %u, counted %u\n", taken, rung);
		for (;;)
			__asm__ volatile("wfi");
	}
	gprintf("TEST PASS peer: %u messages and %u rings each way with linux\n", MESSAGES, FLOOD);
	ring_linux(); /* goodbye: Linux then finds this member off */
	sbi_shutdown();
}
