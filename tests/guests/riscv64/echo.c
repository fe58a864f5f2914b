// SPDX-License-Identifier: Apache-2.0
/*
 * echo (RISC-V): drives its virtual 16550 at QEMU virt's UART address with
 * its receive interrupt through the virtual PLIC (priority, context 0's
 * enable and threshold, claim and complete), or the virtual APLIC when built
 * for one (plic.h): echoes each line it receives.
 */
#include <stdio.h>

#include "guest.h"
#include "plic.h"

#define UART	 0x10000000UL
#define UART_IRQ 10

static volatile uint8_t *const uart = (volatile uint8_t *)UART;
static char line[80];
static unsigned len;
static volatile unsigned lines;

static void uart_puts(const char *s)
{
	for (; *s; s++) {
		while (!(uart[5] & 0x20)) /* LSR.THRE */
			;
		uart[0] = (uint8_t)*s;
	}
}

static volatile unsigned thre;
static unsigned thre_src, thre_iir;

/* The THR-empty interrupt: claimed, identified (IIR 0x2, cleared by the read), completed. */
static bool on_thre(struct guest_frame *f, uint64_t cause)
{
	if (cause != (SCAUSE_IRQ | 9))
		return false;
	thre_src = plic_claim();
	thre_iir = uart[2];
	uart[1] = 0;
	plic_complete(thre_src);
	if (plic_claim() != 0)
		gprintf("TEST FAIL: a second claim after the line dropped is not 0\n");
	thre++;
	return true;
}

static bool on_trap(struct guest_frame *f, uint64_t cause)
{
	uint32_t src;

	if (cause != (SCAUSE_IRQ | 9))
		return false;
	while ((src = plic_claim()) != 0) {
		if (src != UART_IRQ) {
			gprintf("TEST FAIL: claimed source %u\n", src);
			return false;
		}
		while (uart[5] & 1) { /* LSR.DR */
			char c = (char)uart[0];

			if (c == '\r' || c == '\n') {
				line[len] = 0;
				gprintf("echo: %s\n", line);
				len = 0;
				lines++;
			} else if (len < sizeof(line) - 1) {
				line[len++] = c;
			}
		}
		plic_complete(src);
	}
	return true;
}

int main(uint64_t hart, uint64_t dtb)
{
	struct hc_ret id = hypercall(TESSERA_HC_IDENTIFY, 0, 0, 0, 0, 0, 0);
	char ready[40];

	guest_trap_handler = on_trap;
	plic_enable(UART_IRQ); /* priority 1, context 0 enables it, threshold 0 */
#ifdef GUEST_APLIC
	if (*aplic_reg(0x1e00) != 1U << UART_IRQ ||
	    *aplic_reg(0x3000 + 4 * UART_IRQ) != aplic_target(UART_IRQ))
		gprintf("TEST FAIL: the virtual APLIC did not keep the enable or the target\n");
#else
	if (*plic_reg(0x2000) != 1U << UART_IRQ || *plic_reg(4 * UART_IRQ) != 1)
		gprintf("TEST FAIL: the virtual PLIC did not keep the enable or the priority\n");
#endif
	/* The transmitter-empty interrupt first: raised at once, since THR is empty. */
	guest_trap_handler = on_thre;
	uart[1] = 2; /* IER: THR empty */
	irq_enable(SIE_SEIE);
	wfi_until(&thre, 1);
	gprintf("THR-empty interrupt through the virtual PLIC: source %u, IIR 0x%x\n", thre_src,
		thre_iir);
	guest_trap_handler = on_trap;
	uart[1] = 1; /* IER: received data available */
	/* one VM after the other: lines of two VMs written at once would interleave on the console */
	for (uint64_t t = rdtime(); rdtime() - t < id.r2 * TIMEBASE_HZ / 5;)
		;
	snprintf(ready, sizeof(ready), "echo ready on vm%lu\n", id.r2);
	uart_puts(ready);
	for (unsigned n = 1;; n++)
		wfi_until(&lines, n);
}
