/* SPDX-License-Identifier: Apache-2.0 */
/* RISC-V's virtual UART model, a 16550A (arch contract: hyp/include/arch/vuart.h). */
#ifndef ARCH_RISCV64_VUART_H
#define ARCH_RISCV64_VUART_H

#include "types.h"

/* The 16550's registers the model keeps (TI PC16550D data sheet, table 2). */
struct arch_vuart {
	u8 ier, lcr, mcr, scr, dll, dlm;
	bool thre_pending; /* the transmitter-empty interrupt, until IIR reports it or THR is written */
};

/* Byte registers, one per byte offset (reg-shift 0, reg-io-width 1: QEMU virt's). */
#define ARCH_VUART_ALIGN  1
#define ARCH_VUART_WIDTHS MMIO_W(1)

#endif
