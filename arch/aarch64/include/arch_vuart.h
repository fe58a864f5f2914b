/* SPDX-License-Identifier: Apache-2.0 */
/* AArch64's virtual UART model, a PL011 (arch contract: hyp/include/arch/vuart.h). */
#ifndef ARCH_AARCH64_VUART_H
#define ARCH_AARCH64_VUART_H

#include "types.h"

/* The PL011's registers the model keeps (Arm DDI 0183G 3.3). */
struct arch_vuart {
	u32 cr, lcr_h, ibrd, fbrd, ifls, imsc, ris, dmacr;
};

/* Registers at word offsets, at most 16 bits wide (DDI 0183G 3.2): byte, halfword, word. */
#define ARCH_VUART_ALIGN  4
#define ARCH_VUART_WIDTHS (MMIO_W(1) | MMIO_W(2) | MMIO_W(4))

#endif
