/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The doorbell-flood test (tests/e2e/cases/hostile-doorbell-flood.dts): the
 * page the flooder and its peer share (channel 0, at CHAN_IPA in both).
 */
#ifndef TESSERA_GUEST_FLOOD_H
#define TESSERA_GUEST_FLOOD_H

#include <stdint.h>

#define FLOOD_CHAN_IPA	   0x50000000UL
#define FLOOD_DOORBELL_IPA 0x50010000UL /* the flooder's doorbell page */
#define FLOOD_PEER_VM	   0		/* the peer: vm@0 */
#define FLOOD_PEER_IRQ	   40		/* its interrupt for channel 0 */

enum flood_phase { FLOOD_WAIT, FLOOD_RING, FLOOD_FINAL };

struct flood_page {
	volatile uint64_t phase;  /* the peer says: wait, ring, or send the final ring */
	volatile uint64_t seq;	  /* the flooder: written before each ring */
	volatile uint64_t rings;  /* the flooder: rings so far */
	volatile uint64_t final;  /* the flooder: seq of its final ring, once rung */
	volatile uint64_t errors; /* the flooder: rings that did not return TESSERA_OK */
};

#define FLOOD_PAGE ((struct flood_page *)FLOOD_CHAN_IPA)

#endif
