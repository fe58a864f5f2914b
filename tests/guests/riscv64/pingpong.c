// SPDX-License-Identifier: Apache-2.0
/*
 * pingpong (RISC-V): two VMs exchange MESSAGES messages through a shared-memory
 * channel, each signalling the other with a doorbell that arrives as a source
 * of its virtual PLIC. VM 0 (ping) writes a message and rings VM 1 (pong),
 * which checks every word, answers with the words inverted and rings back.
 * Odd messages ring with the hypercall, even ones through the MMIO doorbell
 * page, in both directions.
 */
#include "guest.h"
#include "plic.h"

#define CHAN_IPA     0x90000000UL
#define DOORBELL_IPA 0x90010000UL
#define MY_IRQ(id)   (40U + (id))
#define MESSAGES     200
#define WORDS	     64

struct msg {
	volatile uint32_t seq;
	uint32_t sum;
	uint32_t word[WORDS];
};

static volatile unsigned rung;
static unsigned me;

static struct msg *slot(unsigned from)
{
	return (struct msg *)(CHAN_IPA + 0x400 * from);
}

static bool on_trap(struct guest_frame *f, uint64_t cause)
{
	unsigned src;

	if (cause != (SCAUSE_IRQ | 9))
		return false;
	while ((src = plic_claim()) != 0) {
		if (src == MY_IRQ(me))
			rung++;
		else
			gprintf("TEST FAIL: source %u claimed\n", src);
		plic_complete(src);
	}
	return true;
}

/* Each side announces in the channel that it takes interrupts, and waits for the other. */
static void handshake(void)
{
	volatile uint32_t *ready = (volatile uint32_t *)(CHAN_IPA + 0x800);

	ready[me] = 1;
	__asm__ volatile("fence rw, rw" ::: "memory");
	while (!ready[!me])
		;
}

static uint32_t pattern(uint32_t seq, unsigned k)
{
	return seq * 0x9e3779b9U + k * 0x85ebca6bU;
}

static void send(uint32_t seq, const uint32_t *w)
{
	struct msg *m = slot(me);
	uint32_t sum = 0;
	int64_t ret;

	for (unsigned k = 0; k < WORDS; k++) {
		m->word[k] = w[k];
		sum += w[k];
	}
	m->sum = sum;
	__asm__ volatile("fence w, w" ::: "memory");
	m->seq = seq;
	__asm__ volatile("fence rw, rw" ::: "memory");
	if (seq % 2) {
		ret = hypercall(TESSERA_HC_DOORBELL, 0, !me, 0, 0, 0, 0).r0;
	} else {
		*(volatile uint32_t *)(DOORBELL_IPA + TESSERA_DB_RING) = !me;
		ret = (int32_t) * (volatile uint32_t *)(DOORBELL_IPA + TESSERA_DB_STATUS);
	}
	if (ret != TESSERA_OK)
		gprintf("TEST FAIL: ring %u returned %ld\n", seq, (long)ret);
}

static unsigned receive(uint32_t seq, uint32_t *w)
{
	struct msg *m = slot(!me);
	uint32_t sum = 0;

	wfi_until(&rung, seq);
	if (m->seq != seq) {
		gprintf("TEST FAIL: expected message %u, the channel holds %u\n", seq, m->seq);
		return WORDS;
	}
	for (unsigned k = 0; k < WORDS; k++) {
		w[k] = m->word[k];
		sum += w[k];
	}
	return sum != m->sum;
}

static unsigned check(uint32_t seq, const uint32_t *w, bool inverted)
{
	unsigned bad = 0;

	for (unsigned k = 0; k < WORDS; k++)
		bad += w[k] != (inverted ? ~pattern(seq, k) : pattern(seq, k));
	return bad;
}

static unsigned exchange(void)
{
	uint32_t w[WORDS];
	unsigned bad = 0;

	for (uint32_t seq = 1; seq <= MESSAGES; seq++) {
		if (me == 0) {
			for (unsigned k = 0; k < WORDS; k++)
				w[k] = pattern(seq, k);
			send(seq, w);
			bad += receive(seq, w) + check(seq, w, true);
		} else {
			bad += receive(seq, w) + check(seq, w, false);
			for (unsigned k = 0; k < WORDS; k++)
				w[k] = ~w[k];
			send(seq, w);
		}
	}
	return bad;
}

int main(uint64_t hart, uint64_t dtb)
{
	unsigned bad;

	me = (unsigned)hypercall(TESSERA_HC_IDENTIFY, 0, 0, 0, 0, 0, 0).r2;
	guest_trap_handler = on_trap;
	plic_enable(MY_IRQ(me));
	irq_enable(SIE_SEIE);
	handshake();
	gprintf("doorbell page: self %u members 0x%x channel %u\n",
		*(volatile uint32_t *)(DOORBELL_IPA + TESSERA_DB_SELF),
		*(volatile uint32_t *)(DOORBELL_IPA + TESSERA_DB_MEMBERS),
		*(volatile uint32_t *)(DOORBELL_IPA + TESSERA_DB_CHANNEL));
	bad = exchange();
	if (bad)
		gprintf("TEST FAIL: %u bad words\n", bad);
	else
		gprintf("TEST PASS %s %u messages\n", me == 0 ? "ping" : "pong", MESSAGES);
	return 0;
}
