/* SPDX-License-Identifier: Apache-2.0 */
/* Virtual PL011 UART per VM, multiplexed onto the hypervisor console. */
#ifndef TESSERA_VUART_H
#define TESSERA_VUART_H

#include "spinlock.h"
#include "types.h"

#define VUART_FIFO 256 /* deeper than a PL011 (32): console input comes in bursts */

struct vm;

struct vuart {
	struct vm *vm;
	u64 ipa;
	irqid_t irq; /* virtual SPI; 0 = polled only */
	u32 cr, lcr_h, ibrd, fbrd, ifls, imsc, ris, dmacr;
	u8 rx[VUART_FIFO];
	u32 rx_head;
	u32 rx_count;
	struct spinlock lock;
};

/* Emulates a PL011 at ipa in the VM; irq is its interrupt (or 0). Returns 0 or -1. */
int vuart_init(struct vuart *u, struct vm *vm, u64 ipa, irqid_t irq);
/* A character typed on the console for this VM. */
void vuart_input(struct vuart *u, char c);

#endif
