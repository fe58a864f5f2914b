// SPDX-License-Identifier: Apache-2.0
/*
 * inject: a hostile guest that prints terminal control sequences, to erase
 * lines, move the cursor or forge a hypervisor message on the console: ESC
 * and CSI sequences, C0 bytes (NUL, BEL, BS), DEL, a carriage return, through
 * the console hypercall and through its virtual PL011. The console must show
 * each such byte as \xNN (a carriage return is dropped), nothing raw.
 */
#include "guest.h"

#define VUART	0x09000000UL /* the layout's vuart */
#define UARTDR	0x000
#define UARTFR	0x018
#define FR_TXFF (1U << 5)

static void put(const char *s, size_t n)
{
	console_write(s, n);
}

static void vuart_put(const char *s, size_t n)
{
	volatile uint32_t *u = (volatile uint32_t *)VUART;

	for (size_t i = 0; i < n; i++) {
		while (u[UARTFR / 4] & FR_TXFF)
			;
		u[UARTDR / 4] = (uint8_t)s[i];
	}
}

int main(uint64_t dtb)
{
	static const char c0[] = "hypercall: bell\a nul\0 bs\b del\x7f csi\x9b"
				 "2J esc\x1b[2J tab\tend\n";
	static const char forged[] = "\x1b[2K\x1b[1G[tessera] VM 1 'ticker' powered off\n";
	static const char cr[] = "cr: abc\rdef\n";
	static const char uart[] = "vuart: esc\x1b[31m red\x1b[0m nul\0 end\r\n";

	put(c0, sizeof(c0) - 1);
	put(forged, sizeof(forged) - 1);
	put(cr, sizeof(cr) - 1);
	vuart_put(uart, sizeof(uart) - 1);
	gprintf("TEST PASS inject (if the lines above show escapes)\n");
	psci_system_off();
}
