// SPDX-License-Identifier: Apache-2.0
/*
 * RISC-V's virtual UART model: a 16550A (TI PC16550D data sheet), the UART of
 * QEMU's RISC-V virt machine, which Linux's 8250 driver, its earlycon and
 * OpenSBI's console drive (arch contract: hyp/include/arch/vuart.h;
 * hyp/vuart.c keeps the FIFO). Byte registers at offsets 0..7; DLAB (LCR bit
 * 7) puts the divisor latch at 0 and 1. The transmitter is always empty: a
 * write to THR is on the console at once.
 */
#include "arch/hw.h"
#include "arch/vuart.h"
#include "mmio.h"
#include "vuart.h"

#define RBR 0 /* read: receive buffer; write: THR */
#define IER 1
#define IIR 2 /* read: interrupt identification; write: FCR */
#define LCR 3
#define MCR 4
#define LSR 5
#define MSR 6
#define SCR 7

#define IER_RDI	 (1U << 0) /* received data available */
#define IER_THRI (1U << 1) /* transmitter holding register empty */
#define IER_RLSI (1U << 2) /* receiver line status */
#define LCR_DLAB (1U << 7)
#define LSR_DR	 (1U << 0)
#define LSR_OE	 (1U << 1)
#define LSR_THRE (1U << 5)
#define LSR_TEMT (1U << 6)
/* IIR (table 4): bit 0 = no interrupt; 0x4 received data, 0x2 THR empty; FIFOs enabled: 0xc0. */
#define IIR_NONE 0x01U
#define IIR_RDI	 0x04U
#define IIR_THRI 0x02U
#define IIR_FIFO 0xc0U

_Static_assert(ARCH_VUART_SIZE == PAGE_SIZE, "the 16550's window is one page (ARCH_VUART_SIZE)");

void arch_vuart_reset(struct vuart *u)
{
	u->regs = (struct arch_vuart){.thre_pending = true};
}

/* IIR and LSR are computed from the FIFO (iir, LSR_DR): input changes nothing else here. */
void arch_vuart_rx(struct vuart *u, bool overflow)
{
}

static u8 iir(const struct vuart *u)
{
	if ((u->regs.ier & IER_RDI) && u->rx_count) {
		return IIR_FIFO | IIR_RDI;
	}
	if ((u->regs.ier & IER_THRI) && u->regs.thre_pending) {
		return IIR_FIFO | IIR_THRI;
	}
	return IIR_FIFO | IIR_NONE;
}

bool arch_vuart_irq(const struct vuart *u)
{
	return (iir(u) & IIR_NONE) == 0U;
}

u32 arch_vuart_read(struct vuart *u, u64 off)
{
	struct arch_vuart *r = &u->regs;
	u8 v;

	switch (off) {
	case RBR:
		return (r->lcr & LCR_DLAB) ? r->dll : u->rx_count ? vuart_rx_pop(u) : 0U;
	case IER:
		return (r->lcr & LCR_DLAB) ? r->dlm : r->ier;
	case IIR:
		v = iir(u);
		if ((v & 0x0fU) == IIR_THRI) {
			r->thre_pending =
				false; /* reading IIR clears the THR-empty interrupt (table 4) */
		}
		return v;
	case LCR:
		return r->lcr;
	case MCR:
		return r->mcr;
	case LSR:
		return LSR_THRE | LSR_TEMT | (u->rx_count ? LSR_DR : 0U);
	case MSR:
		return 0xb0; /* CTS, DSR, DCD: a line always ready */
	case SCR:
		return r->scr;
	default:
		return 0;
	}
}

int arch_vuart_write(struct vuart *u, u64 off, u32 value)
{
	struct arch_vuart *r = &u->regs;
	u8 v = (u8)value;

	switch (off) {
	case RBR:
		if ((r->lcr & LCR_DLAB) != 0U) {
			r->dll = v;
			return -1;
		}
		r->thre_pending = true; /* sent at once: empty again */
		return v;
	case IER:
		if ((r->lcr & LCR_DLAB) != 0U) {
			r->dlm = v;
		} else {
			if ((v & IER_THRI) && !(r->ier & IER_THRI)) {
				r->thre_pending = true; /* enabling it with THR empty raises it */
			}
			r->ier = v & (IER_RDI | IER_THRI | IER_RLSI);
		}
		return -1;
	case LCR:
		r->lcr = v;
		return -1;
	case MCR:
		r->mcr = v & 0x1fU;
		return -1;
	case SCR:
		r->scr = v;
		return -1;
	default: /* FCR: the FIFOs are always on; LSR, MSR: read-only */
		return -1;
	}
}
