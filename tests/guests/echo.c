// SPDX-License-Identifier: Apache-2.0
/*
 * echo: talks through its own (virtual) PL011 at IPA 0x09000000, polled for
 * output and interrupt-driven for input: says it is ready, then answers every
 * line typed on the console with "echo: <line>".
 */
#include <stdio.h>

#include "gic.h"
#include "guest.h"

#define UART	 0x09000000UL
#define UART_IRQ 33
#define UARTDR	 0x00
#define UARTFR	 0x18
#define UARTIMSC 0x38
#define UARTICR	 0x44
#define FR_RXFE	 (1U << 4)
#define FR_TXFF	 (1U << 5)

static volatile char line[80];
static volatile unsigned len, ready;

static volatile uint32_t *uart(unsigned off)
{
	return (volatile uint32_t *)(UART + off);
}

static void put(const char *s)
{
	for (; *s; s++) {
		while (*uart(UARTFR) & FR_TXFF)
			;
		*uart(UARTDR) = (uint8_t)*s;
	}
}

static void handler(unsigned intid)
{
	while (intid == UART_IRQ && !(*uart(UARTFR) & FR_RXFE)) {
		char c = (char)*uart(UARTDR);

		if (c == '\r' || c == '\n') {
			line[len] = 0;
			ready = 1;
		} else if (len < sizeof(line) - 1 && !ready) {
			line[len++] = c;
		}
	}
	*uart(UARTICR) = 0x7ff;
}

int main(uint64_t dtb)
{
	char name[16];
	struct hvc_ret id = hvc(TESSERA_HC_IDENTIFY, 0, 0, 0, 0, 0, 0);

	snprintf(name, sizeof(name), "vm%lu", id.x2);
	gic_init_dist();
	gic_handler = handler;
	gic_init_cpu(0);
	gic_enable(0, UART_IRQ, 0x80);
	*uart(UARTIMSC) = (1U << 4) | (1U << 6); /* RX, RX timeout */
	gprintf("echo ready on %s\n", name);	 /* one hypercall: a line no other VM can split */
	for (;;) {
		wfi_until(&ready, 1);
		put("echo: ");
		put((const char *)line);
		put("\n");
		len = 0;
		ready = 0;
	}
	return 0;
}
