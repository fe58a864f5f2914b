// SPDX-License-Identifier: Apache-2.0
/*
 * AArch64's virtual UART model: a PL011 (Arm DDI 0183G), the UART of Arm
 * boards and of QEMU virt, which Linux's amba-pl011 driver and earlycon
 * drive (arch contract: hyp/include/arch/vuart.h; hyp/vuart.c keeps the FIFO).
 */
#include "arch/hw.h"
#include "arch/vuart.h"
#include "mmio.h"
#include "uart/pl011_regs.h"
#include "vuart.h"

_Static_assert(ARCH_VUART_SIZE == PAGE_SIZE, "the PL011's window is one page (ARCH_VUART_SIZE)");

/* PrimeCell identification (3.3.15, 3.3.16): PL011 r1p5. */
static const u8 primecell_id[8] = {0x11, 0x10, 0x34, 0x00, 0x0d, 0xf0, 0x05, 0xb1};

void arch_vuart_reset(struct vuart *u)
{
	/* Reset values (3.3): UART enabled with TX and RX, so earlycon works at once. */
	u->regs = (struct arch_vuart){.cr = 0x301, .ifls = 0x12};
}

void arch_vuart_rx(struct vuart *u, bool overflow)
{
	u->regs.ris |= overflow ? INT_OE : INT_RX | INT_RT;
}

bool arch_vuart_irq(const struct vuart *u)
{
	return (u->regs.ris & u->regs.imsc) != 0U;
}

static u32 read_dr(struct vuart *u)
{
	u32 c = vuart_rx_pop(u);

	if (!u->rx_count) {
		u->regs.ris &= ~(INT_RX | INT_RT);
	}
	return c;
}

u32 arch_vuart_read(struct vuart *u, u64 off)
{
	const struct arch_vuart *r = &u->regs;

	switch (off) {
	case UARTDR:
		return read_dr(u);
	case UARTFR:
		return FR_TXFE | (u->rx_count ? 0U : FR_RXFE) |
		       (u->rx_count == VUART_FIFO ? FR_RXFF : 0U);
	case UARTIBRD:
		return r->ibrd;
	case UARTFBRD:
		return r->fbrd;
	case UARTLCR_H:
		return r->lcr_h;
	case UARTCR:
		return r->cr;
	case UARTIFLS:
		return r->ifls;
	case UARTIMSC:
		return r->imsc;
	case UARTRIS:
		return r->ris;
	case UARTMIS:
		return r->ris & r->imsc;
	case UARTDMACR:
		return r->dmacr;
	default:
		if (off >= UARTPERIPH0 && off < UARTPERIPH0 + 0x20U) {
			return primecell_id[(off - UARTPERIPH0) / 4U];
		}
		return 0;
	}
}

int arch_vuart_write(struct vuart *u, u64 off, u32 v)
{
	struct arch_vuart *r = &u->regs;

	switch (off) {
	case UARTDR:
		r->ris |= INT_TX; /* the (virtual) FIFO drained at once */
		return (u8)v;
	case UARTIBRD:
		r->ibrd = v & 0xffffU;
		break;
	case UARTFBRD:
		r->fbrd = v & 0x3fU;
		break;
	case UARTLCR_H:
		r->lcr_h = v & 0xffU;
		break;
	case UARTCR:
		r->cr = v & 0xffffU;
		break;
	case UARTIFLS:
		r->ifls = v & 0x3fU;
		break;
	case UARTIMSC:
		r->imsc = v & INT_ALL;
		break;
	case UARTICR:
		r->ris &= ~v;
		if (u->rx_count != 0U) { /* data still waiting: the receive timeout stays */
			r->ris |= INT_RT;
		}
		break;
	case UARTDMACR:
		r->dmacr = v & 7U;
		break;
	default:
		break; /* RSR/ECR, ILPR and reserved: ignored */
	}
	return -1;
}
