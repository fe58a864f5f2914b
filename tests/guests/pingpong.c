// SPDX-License-Identifier: Apache-2.0
/*
 * pingpong: two VMs exchange MESSAGES messages through a shared-memory
 * channel, each signalling the other with a doorbell. VM 0 (ping) writes a
 * message and rings VM 1 (pong), which checks every word, answers with the
 * words inverted and rings back. Odd messages ring with the hypercall, even
 * ones through the MMIO doorbell page, in both directions; every other odd one
 * rings "all other members" (TESSERA_DB_ALL), which here is the peer alone.
 */
#include "gic.h"
#include "guest.h"
#include "shmem.h"

#define CHAN_IPA     0x50000000UL
#define DOORBELL_IPA 0x50010000UL
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

/*
 * A ring that arrives before the peer has set up its GIC is lost (its GIC
 * initialisation clears what is pending), so each side announces in the
 * channel that it can take interrupts and waits for the other to.
 */
static void handshake(void)
{
	volatile uint32_t *ready = (volatile uint32_t *)(CHAN_IPA + 0x800);

	ready[me] = 1;
	__asm__ volatile("dsb ish" ::: "memory");
	while (!ready[!me])
		__asm__ volatile("yield");
}

static void handler(unsigned intid)
{
	if (intid == MY_IRQ(me))
		rung++;
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
	__asm__ volatile("dmb ish" ::: "memory");
	m->seq = seq;
	__asm__ volatile("dsb ish" ::: "memory");
	if (seq % 4 == 1)
		ret = db_ring_hvc(0, !me);
	else if (seq % 4 == 3)
		ret = db_ring_hvc(0, TESSERA_DB_ALL); /* every other member: the peer */
	else
		ret = db_ring_mmio(DOORBELL_IPA, !me);
	if (ret != TESSERA_OK)
		gprintf("TEST FAIL: ring %u returned %ld\n", seq, (long)ret);
}

/* Waits for message seq from the peer; returns the number of bad words. */
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

static unsigned ping(void)
{
	uint32_t w[WORDS];
	unsigned bad = 0;

	for (uint32_t seq = 1; seq <= MESSAGES; seq++) {
		for (unsigned k = 0; k < WORDS; k++)
			w[k] = pattern(seq, k);
		send(seq, w);
		bad += receive(seq, w);
		bad += check(seq, w, true);
		if (seq % 50 == 0)
			gprintf("ping: %u answers checked, %u bad words\n", seq, bad);
	}
	return bad;
}

static unsigned pong(void)
{
	uint32_t w[WORDS];
	unsigned bad = 0;

	for (uint32_t seq = 1; seq <= MESSAGES; seq++) {
		bad += receive(seq, w);
		bad += check(seq, w, false);
		for (unsigned k = 0; k < WORDS; k++)
			w[k] = ~w[k];
		send(seq, w);
	}
	gprintf("pong: %u messages checked, %u bad words\n", MESSAGES, bad);
	return bad;
}

int main(uint64_t dtb)
{
	unsigned bad;

	me = my_vm_id();
	gic_init_dist();
	gic_handler = handler;
	gic_init_cpu(0);
	gic_enable(0, MY_IRQ(me), 0x80);
	handshake();
	gprintf("doorbell page: self %u members 0x%x channel %u\n",
		*db_reg(DOORBELL_IPA, TESSERA_DB_SELF), *db_reg(DOORBELL_IPA, TESSERA_DB_MEMBERS),
		*db_reg(DOORBELL_IPA, TESSERA_DB_CHANNEL));
	bad = me == 0 ? ping() : pong();
	if (bad)
		gprintf("TEST FAIL: %u bad words\n", bad);
	else
		gprintf("TEST PASS %s %u messages\n", me == 0 ? "ping" : "pong", MESSAGES);
	psci_system_off();
}
