/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Arch contract: the register model of the virtual UART (hyp/vuart.c keeps
 * what every model shares: the receive FIFO, the lock, the interrupt line,
 * the console). The arch's arch_vuart.h defines struct arch_vuart, the
 * model's registers (struct vuart.regs), and ARCH_VUART_ALIGN and
 * ARCH_VUART_WIDTHS, the accesses its registers take (MMIO_W); arch_hw.h
 * names it (ARCH_VUART_NAME) and sizes its window (ARCH_VUART_SIZE).
 *
 * Every function runs with u->lock held, on the CPU of a vCPU of u->vm or
 * on the CPU taking console input; none may sleep or take another lock.
 */
#ifndef ARCH_VUART_H
#define ARCH_VUART_H

#include "types.h"

struct vuart;

/* The model's registers as at reset (vuart_init; the FIFO is empty). */
void arch_vuart_reset(struct vuart *u);
/*
 * A guest read of the register at off: its value. off is inside the
 * window, aligned and of a width the model takes (mmio.c checked).
 */
u32 arch_vuart_read(struct vuart *u, u64 off);
/* A guest write, off as for a read: the byte the guest sent (0..255), or -1 if none. */
int arch_vuart_write(struct vuart *u, u64 off, u32 value);
/* Console input: a byte went into the FIFO (overflow: it did not, the FIFO was full). */
void arch_vuart_rx(struct vuart *u, bool overflow);
/* The level of the model's interrupt line, after any of the above. */
bool arch_vuart_irq(const struct vuart *u);

#endif
