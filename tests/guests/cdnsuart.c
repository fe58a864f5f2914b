// SPDX-License-Identifier: Apache-2.0
/*
 * cdnsuart: a pass-through device of the ZCU102 end to end. The board's
 * second Cadence UART (UART1, 0xff010000, SPI 22 = INTID 54: Linux's
 * zynqmp.dtsi) is mapped into this VM only with its interrupt. Enables the
 * transmitter (Control = TXEN|RXEN), sends a line, and unmasks the
 * transmit-FIFO-empty interrupt (UG1087 Intrpt_en.TEMPTY) twice, taking it
 * each time. Register names: Zynq UltraScale+ TRM UG1085 / UG1087.
 */
#include "gic.h"
#include "guest.h"

#define UART1	     0xff010000UL
#define UART1_IRQ    54
#define CONTROL	     0x00
#define INTRPT_EN    0x08
#define INTRPT_DIS   0x0c
#define CHNL_INT_STS 0x14
#define CHANNEL_STS  0x2c
#define TX_RX_FIFO   0x30
#define INT_TEMPTY   (1U << 3)
#define STS_TXFULL   (1U << 4)
#define ROUNDS	     2

static volatile unsigned taken;

static volatile uint32_t *reg(unsigned off)
{
	return (volatile uint32_t *)(UART1 + off);
}

/*
 * TEMPTY stays set while the FIFO is empty, so the status bit (sticky,
 * write 1 to clear) comes back at once: the interrupt is masked until the
 * next round unmasks it.
 */
static void handler(unsigned intid)
{
	uint32_t sts;

	if (intid != UART1_IRQ)
		return;
	sts = *reg(CHNL_INT_STS);
	*reg(CHNL_INT_STS) = sts;
	if (sts & INT_TEMPTY) {
		*reg(INTRPT_DIS) = INT_TEMPTY;
		taken++;
	}
}

static void send(const char *s)
{
	for (; *s; s++) {
		while (*reg(CHANNEL_STS) & STS_TXFULL)
			;
		*reg(TX_RX_FIFO) = (uint8_t)*s;
	}
}

int main(uint64_t dtb)
{
	gic_init_dist();
	gic_handler = handler;
	gic_init_cpu(0);
	gic_enable(0, UART1_IRQ, 0x80);
	*reg(CONTROL) = 0x14; /* TXEN | RXEN */
	for (unsigned i = 1; i <= ROUNDS; i++) {
		send("cdnsuart: a line on UART1\r\n");
		*reg(INTRPT_EN) = INT_TEMPTY;
		wfi_until(&taken, i);
		gprintf("cdnsuart: UART1 interrupt %u received\n", taken);
	}
	gprintf("TEST PASS cdnsuart\n");
	return 0;
}
