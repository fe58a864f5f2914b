// SPDX-License-Identifier: Apache-2.0
/*
 * shmempeer: the bare-metal side of the Linux channel test
 * (tests/linux/tests/shmem.sh). Waits for Linux's doorbell, checks the message
 * in the channel (sequence number, payload, tag word), answers at +0x100 with
 * the payload inverted and rings Linux back.
 */
#include "gic.h"
#include "guest.h"
#include "shmem.h"

#define CHAN_IPA     0x50000000UL
#define DOORBELL_IPA 0x50010000UL
#define IRQ	     40
#define MESSAGES     3
#define LINUX_VM     0

static volatile unsigned rung;

static volatile uint32_t *word(unsigned off)
{
	return (volatile uint32_t *)(CHAN_IPA + off);
}

/* Linux maps the channel uncached (/dev/mem): keep the two views coherent (Arm ARM D7.5.9). */
static void dc(const char *op, unsigned off)
{
	if (op[0] == 'i')
		__asm__ volatile("dc ivac, %0" ::"r"(CHAN_IPA + off) : "memory");
	else
		__asm__ volatile("dc cvac, %0" ::"r"(CHAN_IPA + off) : "memory");
	__asm__ volatile("dsb sy" ::: "memory");
}

static void handler(unsigned intid)
{
	if (intid == IRQ)
		rung++;
}

static bool answer(uint32_t seq)
{
	uint32_t payload, tagword;

	wfi_until(&rung, seq);
	dc("ivac", 0);
	payload = *word(4);
	tagword = *word(8);
	if (*word(0) != seq || payload != 0x1000 * seq + 0x2a || tagword != 0xc0ffee00 + seq) {
		gprintf("TEST FAIL: message %u: seq %u payload 0x%x tag 0x%x\n", seq, *word(0),
			payload, tagword);
		return false;
	}
	*word(0x104) = ~payload;
	__asm__ volatile("dmb ish" ::: "memory");
	*word(0x100) = seq;
	dc("cvac", 0x100);
	gprintf("peer: message %u from linux ok (payload 0x%x), answered, ring -> %d\n", seq,
		payload, db_ring_mmio(DOORBELL_IPA, LINUX_VM));
	return true;
}

int main(uint64_t dtb)
{
	bool ok = true;

	gic_init_dist();
	gic_handler = handler;
	gic_init_cpu(0);
	gic_enable(0, IRQ, 0x80);
	gprintf("peer: waiting for linux\n");
	for (uint32_t seq = 1; seq <= MESSAGES && ok; seq++)
		ok = answer(seq);
	if (ok)
		gprintf("TEST PASS peer: %u messages from linux answered\n", MESSAGES);
	for (;;)
		__asm__ volatile("wfi");
}
