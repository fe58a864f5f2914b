/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Virtual UART per VM, multiplexed onto the hypervisor console. The register
 * model is the arch's (hyp/include/arch/vuart.h, ARCH_VUART_NAME).
 */
#ifndef TESSERA_VUART_H
#define TESSERA_VUART_H

#include "arch_vuart.h"
#include "spinlock.h"
#include "types.h"

#define VUART_FIFO 256U /* deeper than a UART's (32 is common): console input comes in bursts */

struct vm;

struct vuart {
	struct vm *vm;
	u64 ipa;
	irqid_t irq; /* a virtual interrupt of the VM; 0 = polled only */
	struct arch_vuart regs;
	u8 rx[VUART_FIFO];
	u32 rx_head;
	u32 rx_count;
	struct spinlock lock;
};

/* Emulates the arch's UART at ipa in the VM; irq is its interrupt (or 0). Returns 0 or -1. */
int vuart_init(struct vuart *u, struct vm *vm, u64 ipa, irqid_t irq);
/* A character typed on the console for this VM. */
void vuart_input(struct vuart *u, char c);
/* For the model (u->lock held): the oldest received byte, taken out of the FIFO; 0 if empty. */
u32 vuart_rx_pop(struct vuart *u);

#endif
