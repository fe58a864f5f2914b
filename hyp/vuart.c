// SPDX-License-Identifier: Apache-2.0
/*
 * Virtual UART: a PL011 (Arm DDI 0183G) per VM, emulated well enough for
 * Linux's amba-pl011 driver and earlycon. Output goes to the hypervisor
 * console, a line at a time with the VM's name in front; input comes from the
 * console when this VM has the focus (see console.c).
 */
#include "arch/vm.h"
#include "console.h"
#include "vuart.h"
#include "vm.h"

#define UARTDR	    0x000
#define UARTRSR	    0x004
#define UARTFR	    0x018
#define UARTILPR    0x020
#define UARTIBRD    0x024
#define UARTFBRD    0x028
#define UARTLCR_H   0x02c
#define UARTCR	    0x030
#define UARTIFLS    0x034
#define UARTIMSC    0x038
#define UARTRIS	    0x03c
#define UARTMIS	    0x040
#define UARTICR	    0x044
#define UARTDMACR   0x048
#define UARTPERIPH0 0xfe0

#define FR_TXFE (1U << 7)
#define FR_RXFF (1U << 6)
#define FR_RXFE (1U << 4)
#define INT_RT	(1U << 6)
#define INT_TX	(1U << 5)
#define INT_RX	(1U << 4)
#define INT_OE	(1U << 10)
#define INT_ALL 0x7ff

/* PrimeCell identification (3.3.15, 3.3.16): PL011 r1p5. */
static const u8 primecell_id[8] = {0x11, 0x10, 0x34, 0x00, 0x0d, 0xf0, 0x05, 0xb1};

static void update_irq(struct vuart *u)
{
	if (u->irq)
		arch_vm_set_irq(u->vm, u->irq, (u->ris & u->imsc) != 0);
}

static u32 rx_pop(struct vuart *u)
{
	u32 c;

	if (!u->rx_count)
		return 0;
	c = u->rx[u->rx_head];
	u->rx_head = (u->rx_head + 1) % VUART_FIFO;
	if (--u->rx_count == 0)
		u->ris &= ~(INT_RX | INT_RT);
	return c;
}

void vuart_input(struct vuart *u, char c)
{
	spin_lock(&u->lock);
	if (u->rx_count == VUART_FIFO) {
		u->ris |= INT_OE;
	} else {
		u->rx[(u->rx_head + u->rx_count) % VUART_FIFO] = (u8)c;
		u->rx_count++;
		u->ris |= INT_RX | INT_RT;
	}
	update_irq(u);
	spin_unlock(&u->lock);
}

static u32 read_reg(struct vuart *u, u64 off)
{
	switch (off) {
	case UARTDR:
		return rx_pop(u);
	case UARTFR:
		return FR_TXFE | (u->rx_count ? 0 : FR_RXFE) |
		       (u->rx_count == VUART_FIFO ? FR_RXFF : 0);
	case UARTIBRD:
		return u->ibrd;
	case UARTFBRD:
		return u->fbrd;
	case UARTLCR_H:
		return u->lcr_h;
	case UARTCR:
		return u->cr;
	case UARTIFLS:
		return u->ifls;
	case UARTIMSC:
		return u->imsc;
	case UARTRIS:
		return u->ris;
	case UARTMIS:
		return u->ris & u->imsc;
	case UARTDMACR:
		return u->dmacr;
	default:
		if (off >= UARTPERIPH0 && off < UARTPERIPH0 + 0x20)
			return primecell_id[(off - UARTPERIPH0) / 4];
		return 0;
	}
}

static void write_reg(struct vuart *u, u64 off, u32 v, int *out)
{
	switch (off) {
	case UARTDR:
		*out = (u8)v;
		u->ris |= INT_TX; /* the (virtual) FIFO drained at once */
		break;
	case UARTIBRD:
		u->ibrd = v & 0xffff;
		break;
	case UARTFBRD:
		u->fbrd = v & 0x3f;
		break;
	case UARTLCR_H:
		u->lcr_h = v & 0xff;
		break;
	case UARTCR:
		u->cr = v & 0xffff;
		break;
	case UARTIFLS:
		u->ifls = v & 0x3f;
		break;
	case UARTIMSC:
		u->imsc = v & INT_ALL;
		break;
	case UARTICR:
		u->ris &= ~v;
		if (u->rx_count) /* data still waiting: the receive timeout stays */
			u->ris |= INT_RT;
		break;
	case UARTDMACR:
		u->dmacr = v & 7;
		break;
	default:
		break; /* RSR/ECR, ILPR and reserved: ignored */
	}
}

static void vuart_access(struct vcpu *vcpu, void *dev, struct mmio_access *acc)
{
	struct vuart *u = dev;
	int out = -1; /* the byte written to UARTDR, if any */

	spin_lock(&u->lock);
	if (acc->write)
		write_reg(u, acc->offset, (u32)acc->value, &out);
	else
		acc->value = read_reg(u, acc->offset);
	update_irq(u);
	spin_unlock(&u->lock);
	if (out >= 0) {
		char c = (char)out;

		console_vm_write(u->vm->cfg->name, &c, 1);
	}
}

/*
 * The PL011's registers sit at word offsets and are at most 16 bits wide
 * (DDI 0183G 3.2): byte, halfword and word accesses to a word offset.
 */
static const struct mmio_device vuart_device = {
	.name = "virtual UART",
	.align = 4,
	.widths = MMIO_W(1) | MMIO_W(2) | MMIO_W(4),
	.access = vuart_access,
};

int vuart_init(struct vuart *u, struct vm *vm, u64 ipa, irqid_t irq)
{
	*u = (struct vuart){.vm = vm, .ipa = ipa, .irq = irq};
	/* Reset values (3.3): UART enabled with TX and RX, so earlycon works at once. */
	u->cr = 0x301;
	u->ifls = 0x12;
	return vm_mmio_register(vm, ipa, PAGE_SIZE, &vuart_device, u);
}
