// SPDX-License-Identifier: Apache-2.0
/*
 * flood: a hostile guest that rings its channel peer as fast as it can, by
 * hypercall and through its doorbell page by turns, until the peer says stop;
 * then it rings once more with a final sequence number (the peer must get
 * it: coalescing must not lose the last edge) and powers its VM off.
 */
#include "flood.h"
#include "guest.h"
#include "shmem.h"

int main(uint64_t dtb)
{
	struct flood_page *p = FLOOD_PAGE;

	gprintf("flood: waiting for the peer\n");
	while (p->phase == FLOOD_WAIT)
		;
	gprintf("flood: ringing VM %u\n", FLOOD_PEER_VM);
	for (uint64_t n = 0; p->phase == FLOOD_RING; n++) {
		int64_t r;

		p->seq = n;
		__asm__ volatile("dmb ish" ::: "memory");
		r = n & 1 ? db_ring_mmio(FLOOD_DOORBELL_IPA, FLOOD_PEER_VM)
			  : db_ring_hvc(0, FLOOD_PEER_VM);
		if (r != TESSERA_OK)
			p->errors++;
		p->rings = n + 1;
	}
	p->seq = p->rings + 1000;
	__asm__ volatile("dmb ish" ::: "memory");
	if (db_ring_hvc(0, FLOOD_PEER_VM) != TESSERA_OK)
		p->errors++;
	p->final = p->seq;
	gprintf("flood: %lu rings, %lu refused, final ring %lu\n", p->rings, p->errors, p->final);
	psci_system_off();
}
