/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The fake architecture's virtual UART model (arch contract: hyp/include/arch/vuart.h):
 * the smallest model with an output, an input and an interrupt line, so the
 * generic part (hyp/vuart.c: FIFO, lock, line, console) runs on the host.
 * 32-bit registers at word offsets (arch/fake/vcpu.c):
 *   0x0 DATA    write: send the low byte; read: the oldest received byte (0 if none)
 *   0x4 STATUS  read: bit 0 a byte waits, bit 1 input was lost (cleared by the read)
 *   0x8 IRQEN   read/write: bit 0 the line is raised while a byte waits
 */
#ifndef ARCH_FAKE_VUART_H
#define ARCH_FAKE_VUART_H

#include "types.h"

#define FAKE_VUART_DATA	  0x0
#define FAKE_VUART_STATUS 0x4
#define FAKE_VUART_IRQEN  0x8

struct arch_vuart {
	u32 irqen;
	bool overflow;
};

#define ARCH_VUART_ALIGN  4
#define ARCH_VUART_WIDTHS MMIO_W(4)

#endif
