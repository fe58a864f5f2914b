// SPDX-License-Identifier: Apache-2.0
/*
 * reset: boots, asks for a VM reset (PSCI SYSTEM_RESET), boots again, then
 * powers off (PSCI SYSTEM_OFF). The boot count lives in RAM the image does not cover.
 * Each boot also reads /chosen/rng-seed of its DTB (x0), which the hypervisor
 * derives anew for every boot (hyp/rng_seed.c): the second must differ.
 */
#include <string.h>

#include "gic.h"
#include "guest.h"

#define FDT_MAGIC      0xd00dfeed
#define FDT_BEGIN_NODE 1
#define FDT_END_NODE   2
#define FDT_PROP       3
#define FDT_NOP	       4

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

static uint32_t be32(const uint8_t *b)
{
	return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

/* /chosen/rng-seed (DT spec 5.4's structure block walked): its first 8 bytes, its length. */
static uint64_t rng_seed(const uint8_t *fdt, uint32_t *len)
{
	const uint8_t *p = fdt + be32(fdt + 8), *strings = fdt + be32(fdt + 12);
	int depth = 0, in_chosen = 0;
	uint64_t head = 0;

	*len = 0;
	if (fdt == NULL || be32(fdt) != FDT_MAGIC)
		return 0;
	for (;;) {
		uint32_t tag = be32(p);

		p += 4;
		if (tag == FDT_BEGIN_NODE) {
			const char *node = (const char *)p;

			p += (strlen(node) + 4) & ~3UL;
			in_chosen = ++depth == 2 && !strcmp(node, "chosen");
		} else if (tag == FDT_END_NODE) {
			depth--;
			in_chosen = 0;
		} else if (tag == FDT_PROP) {
			uint32_t plen = be32(p);

			if (in_chosen && !strcmp((const char *)strings + be32(p + 4), "rng-seed")) {
				*len = plen;
				memcpy(&head, p + 8, plen < 8 ? plen : 8);
			}
			p += 8 + ((plen + 3) & ~3U);
		} else if (tag != FDT_NOP) {
			return head; /* FDT_END */
		}
	}
}

#define COUNTER ((volatile uint64_t *)0x40400000UL)
#define MAGIC	0x7e55e7a000000000UL

int main(uint64_t dtb)
{
	uint64_t n = (COUNTER[0] & ~0xffffUL) == MAGIC ? (COUNTER[0] & 0xffff) + 1 : 1;
	uint32_t len;
	uint64_t seed = rng_seed((const uint8_t *)dtb, &len);

	COUNTER[0] = MAGIC | n;
	gprintf("boot %lu\n", n);
	gprintf("boot %lu: rng-seed of %u bytes, %s\n", n, len,
		n == 1		     ? "the first"
		: seed != COUNTER[1] ? "not the first boot's"
				     : "THE SAME AS BEFORE");
	COUNTER[1] = seed;
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
