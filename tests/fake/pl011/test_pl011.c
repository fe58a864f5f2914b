// SPDX-License-Identifier: Apache-2.0
/*
 * AArch64's virtual UART model, the PL011 (arch/aarch64/vuart_pl011.c, Arm
 * DDI 0183G), on the fake architecture in place of the fake's model
 * (tests/fake/run.sh builds build/fake/fake-tests-pl011 with AArch64's
 * arch_vuart.h): reset values, identification, output, the receive and
 * interrupt registers, the accesses its window takes.
 */
#include "console.h"
#include "fake_test.h"
#include "mmio.h"
#include "uart/pl011_regs.h"

#define VUART_IPA 0x10000000UL
#define VUART_IRQ 33

static struct config cfg;

static void build(void)
{
	fake_config(&cfg, 1, 0x80000000, 2 * MIB);
	cfg.vms[0].vuart = (struct cfg_vuart){true, VUART_IPA, ARCH_VUART_SIZE, VUART_IRQ};
	CHECK(fake_build(&cfg) == 0, "built");
	fake_cpu_enter(0);
	fake_console_take();
}

static enum mmio_result access(u64 off, u32 width, bool write, u64 *value)
{
	struct mmio_access acc = {.ipa = VUART_IPA + off, .width = width, .write = write};
	enum mmio_result r;

	acc.value = *value;
	r = vm_mmio_emulate(&hyp_vms[0].vcpus[0], &acc);
	*value = acc.value;
	return r;
}

static u32 rd(u64 off)
{
	u64 v = 0;

	CHECK(access(off, 4, false, &v) == MMIO_DONE, "read 0x%lx", off);
	return (u32)v;
}

static void wr(u64 off, u32 value)
{
	u64 v = value;

	CHECK(access(off, 4, true, &v) == MMIO_DONE, "write 0x%lx", off);
}

static bool level(void)
{
	return hyp_vms[0].arch.level[VUART_IRQ];
}

FAKE_TEST(pl011_reset_values_and_identification)
{
	static const u8 id[8] = {0x11, 0x10, 0x34, 0x00, 0x0d, 0xf0, 0x05, 0xb1};

	build();
	CHECK(rd(UARTCR) == 0x301, "enabled with TX and RX (3.3.8): 0x%x", rd(UARTCR));
	CHECK(rd(UARTIFLS) == 0x12, "FIFO levels at half (3.3.9)");
	CHECK(rd(UARTFR) == (FR_TXFE | FR_RXFE), "both FIFOs empty: 0x%x", rd(UARTFR));
	CHECK(rd(UARTIMSC) == 0 && rd(UARTRIS) == 0, "nothing masked in, nothing raised");
	for (u32 i = 0; i < 8; i++)
		CHECK(rd(0xfe0 + 4 * i) == id[i], "PrimeCell ID %u: 0x%x", i, rd(0xfe0 + 4 * i));
	wr(UARTIBRD, 0x12345);
	CHECK(rd(UARTIBRD) == 0x2345, "IBRD is 16 bits: 0x%x", rd(UARTIBRD));
}

FAKE_TEST(pl011_output_and_the_widths_its_window_takes)
{
	u64 v = 'o';
	const char *out;

	build();
	wr(UARTDR, 'h');
	CHECK(access(UARTDR, 1, true, &v) == MMIO_DONE, "a byte store to DR (earlycon)");
	v = 'k' | 0x100; /* a halfword: the high bits are not data */
	CHECK(access(UARTDR, 2, true, &v) == MMIO_DONE, "a halfword store");
	wr(UARTDR, '\n');
	CHECK(!strcmp(out = fake_console_take(), "[vm0] hok\n"), "%s", out);
	CHECK(rd(UARTRIS) & INT_TX, "the transmit interrupt raised (the FIFO drains at once)");
	v = 'x';
	CHECK(access(UARTDR, 8, true, &v) == MMIO_REFUSED, "a doubleword refused");
	CHECK(access(UARTDR + 1, 1, true, &v) == MMIO_REFUSED, "a byte off the word refused");
	CHECK(!strstr(fake_console_take(), "[vm0] x"), "neither printed");
}

FAKE_TEST(pl011_receive_and_its_interrupts)
{
	build();
	vuart_input(&hyp_vms[0].vuart, 'x');
	CHECK(rd(UARTRIS) == (INT_RX | INT_RT), "RX and RT raised: 0x%x", rd(UARTRIS));
	CHECK(!(rd(UARTFR) & FR_RXFE), "receive FIFO not empty");
	CHECK(!level(), "masked: the line stays down");
	wr(UARTIMSC, INT_RX);
	CHECK(level() && rd(UARTMIS) == INT_RX, "unmasked: up, MIS 0x%x", rd(UARTMIS));
	vuart_input(&hyp_vms[0].vuart, 'y');
	wr(UARTICR, INT_RX | INT_RT);
	CHECK(rd(UARTRIS) == INT_RT, "cleared, but data waits: RT stays (0x%x)", rd(UARTRIS));
	CHECK(rd(UARTDR) == 'x' && rd(UARTDR) == 'y', "in order");
	CHECK(rd(UARTRIS) == 0 && !level(), "empty: RX and RT gone, line down");
	CHECK(rd(UARTFR) & FR_RXFE, "receive FIFO empty");
	for (u32 i = 0; i <= VUART_FIFO; i++)
		vuart_input(&hyp_vms[0].vuart, 'a');
	CHECK(rd(UARTFR) & FR_RXFF, "full");
	CHECK(rd(UARTRIS) & INT_OE, "the lost byte: overrun (OE)");
}
