// SPDX-License-Identifier: Apache-2.0
/*
 * reset: boots, asks for a VM reset (PSCI SYSTEM_RESET), boots again, then
 * powers off (PSCI SYSTEM_OFF). The boot count lives in RAM the image does not cover.
 */
#include "gic.h"
#include "guest.h"

#define SPI 40 /* the layout's vuart interrupt: owned by this VM, purely virtual */

static uint32_t gicd32(unsigned off)
{
	return *(volatile uint32_t *)(GUEST_GICD + off);
}

/* Enable, pending and priority of SPI 40 in the (virtual) distributor. */
static void spi_state(uint64_t boot)
{
	gprintf("boot %lu: SPI %u enabled=%u pending=%u prio=0x%x\n", boot, SPI,
		(gicd32(0x100 + 4 * (SPI / 32)) >> (SPI % 32)) & 1,
		(gicd32(0x200 + 4 * (SPI / 32)) >> (SPI % 32)) & 1,
		*(volatile uint8_t *)(GUEST_GICD + 0x400 + SPI));
}

#define COUNTER ((volatile uint64_t *)0x40400000UL)
#define MAGIC	0x7e55e7a000000000UL

int main(uint64_t dtb)
{
	uint64_t n = (COUNTER[0] & ~0xffffUL) == MAGIC ? (COUNTER[0] & 0xffff) + 1 : 1;

	COUNTER[0] = MAGIC | n;
	gprintf("boot %lu\n", n);
	if (n == 1) {
		gic_init_dist();
		gic_enable(0, SPI, 0x20); /* CPU interface off: it stays pending */
		gic_set_pending(SPI);
		spi_state(n);
		gprintf("asking for a reset\n");
		psci_system_reset();
	}
	spi_state(n); /* the reset gave back a fresh distributor */
	gprintf("TEST PASS reset, powering off\n");
	psci_system_off();
}
