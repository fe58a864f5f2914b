// SPDX-License-Identifier: Apache-2.0
/*
 * Virtual UART, one per VM, in the arch's register model (arch/vuart.h),
 * emulated well enough for Linux's driver of it and earlycon. Output goes to
 * the hypervisor console, a line at a time with the VM's name in front; input
 * comes from the console when this VM has the focus (see console.c) through
 * the FIFO kept here.
 */
#include "arch/vm.h"
#include "arch/vuart.h"
#include "console.h"
#include "vm.h"
#include "vuart.h"

static void update_irq(struct vuart *u)
{
	if (u->irq != 0U) {
		arch_vm_set_irq(u->vm, u->irq, arch_vuart_irq(u));
	}
}

u32 vuart_rx_pop(struct vuart *u)
{
	u32 c;

	if (!u->rx_count) {
		return 0;
	}
	c = u->rx[u->rx_head];
	u->rx_head = (u->rx_head + 1U) % VUART_FIFO;
	u->rx_count--;
	return c;
}

void vuart_input(struct vuart *u, char c)
{
	bool overflow;

	spin_lock(&u->lock);
	overflow = u->rx_count == VUART_FIFO;
	if (!overflow) {
		u->rx[(u->rx_head + u->rx_count) % VUART_FIFO] = (u8)c;
		u->rx_count++;
	}
	arch_vuart_rx(u, overflow);
	update_irq(u);
	spin_unlock(&u->lock);
}

static void vuart_access(struct vcpu *vcpu, void *dev, struct mmio_access *acc)
{
	struct vuart *u = dev;
	int out = -1; /* the byte the guest sent, if any */

	spin_lock(&u->lock);
	if (acc->write) {
		out = arch_vuart_write(u, acc->offset, (u32)acc->value);
	} else {
		acc->value = arch_vuart_read(u, acc->offset);
	}
	update_irq(u);
	spin_unlock(&u->lock);
	if (out >= 0) {
		char c = (char)out;

		console_vm_write(u->vm->cfg->name, &c, 1);
	}
}

static const struct mmio_device vuart_device = {
	.name = "virtual UART",
	.align = ARCH_VUART_ALIGN,
	.widths = ARCH_VUART_WIDTHS,
	.access = vuart_access,
};

int vuart_init(struct vuart *u, struct vm *vm, u64 ipa, irqid_t irq)
{
	*u = (struct vuart){.vm = vm, .ipa = ipa, .irq = irq};
	arch_vuart_reset(u);
	return vm_mmio_register(vm, ipa, ARCH_VUART_SIZE, &vuart_device, u);
}
