// SPDX-License-Identifier: Apache-2.0
/*
 * Fake architecture: the virtual UART model (arch contract hyp/include/arch/vuart.h),
 * registers in arch/fake/include/arch_vuart.h. tests/fake/run.sh also builds
 * the core with AArch64's model (arch/aarch64/vuart_pl011.c) in its place.
 */
#include "arch/vuart.h"
#include "vuart.h"

void arch_vuart_reset(struct vuart *u)
{
	u->regs = (struct arch_vuart){0};
}

u32 arch_vuart_read(struct vuart *u, u64 off)
{
	u32 status;

	switch (off) {
	case FAKE_VUART_DATA:
		return vuart_rx_pop(u);
	case FAKE_VUART_STATUS:
		status = (u->rx_count ? 1 : 0) | (u->regs.overflow ? 2 : 0);
		u->regs.overflow = false;
		return status;
	case FAKE_VUART_IRQEN:
		return u->regs.irqen;
	}
	return 0;
}

int arch_vuart_write(struct vuart *u, u64 off, u32 value)
{
	if (off == FAKE_VUART_DATA)
		return (int)(value & 0xff);
	if (off == FAKE_VUART_IRQEN)
		u->regs.irqen = value & 1;
	return -1;
}

void arch_vuart_rx(struct vuart *u, bool overflow)
{
	u->regs.overflow |= overflow;
}

bool arch_vuart_irq(const struct vuart *u)
{
	return u->regs.irqen && u->rx_count;
}
