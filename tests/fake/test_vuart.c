// SPDX-License-Identifier: Apache-2.0
/*
 * The virtual UART's generic part on the fake architecture (hyp/vuart.c and
 * the console's VM lines and input focus, hyp/console.c), through the fake's
 * register model (arch/fake/include/arch_vuart.h): output a line at a time
 * with the VM's name, the receive FIFO and its bound, the interrupt line,
 * and console input going to the VM that has the focus.
 */
#include "console.h"
#include "fake_test.h"
#include "mmio.h"

#define VUART_IPA 0x10000000UL
#define VUART_IRQ 33

static struct config cfg;

static void build(u32 nvms)
{
	fake_config(&cfg, nvms, 0x80000000, 2 * MIB);
	for (u32 vm = 0; vm < nvms; vm++)
		cfg.vms[vm].vuart = (struct cfg_vuart){true, VUART_IPA, ARCH_VUART_SIZE, VUART_IRQ};
	CHECK(fake_build(&cfg) == 0, "built");
	fake_cpu_enter(0);
	fake_console_take();
}

static u32 reg(u32 vm, u64 off, bool write, u32 value)
{
	struct mmio_access acc = {.ipa = VUART_IPA + off, .width = 4, .write = write};
	enum mmio_result r;

	acc.value = value;
	r = vm_mmio_emulate(&hyp_vms[vm].vcpus[0], &acc);
	CHECK(r == MMIO_DONE, "VM %u: register 0x%lx: %d", vm, off, r);
	return (u32)acc.value;
}

static void put(u32 vm, const char *s)
{
	while (*s)
		reg(vm, FAKE_VUART_DATA, true, (u8)*s++);
}

static bool level(u32 vm)
{
	return hyp_vms[vm].arch.level[VUART_IRQ];
}

FAKE_TEST(vuart_output_goes_out_a_line_at_a_time_with_the_vms_name)
{
	const char *out;

	build(2);
	put(0, "hello\r\n");
	CHECK(!strcmp(out = fake_console_take(), "[vm0] hello\n"), "%s", out);
	put(0, "ab");
	put(1, "cd\n");
	put(0, "e\n");
	CHECK(!strcmp(out = fake_console_take(), "[vm0] ab\n[vm1] cd\n[vm0] e\n"),
	      "a line another VM interrupts is ended first: %s", out);
	put(1, "\x1b[2J\n");
	CHECK(!strcmp(out = fake_console_take(), "[vm1] \\x1b[2J\n"), "control bytes filtered: %s",
	      out);
}

FAKE_TEST(vuart_input_fifo_interrupt_and_overflow)
{
	build(1);
	CHECK(reg(0, FAKE_VUART_STATUS, false, 0) == 0, "nothing received");
	vuart_input(&hyp_vms[0].vuart, 'x');
	CHECK(reg(0, FAKE_VUART_STATUS, false, 0) == 1, "a byte waits");
	CHECK(!level(0), "no interrupt while the guest has not enabled it");
	reg(0, FAKE_VUART_IRQEN, true, 1);
	CHECK(level(0), "enabled: the line is up");
	CHECK(reg(0, FAKE_VUART_DATA, false, 0) == 'x', "the byte");
	CHECK(!level(0), "FIFO empty: the line drops");
	for (u32 i = 0; i < VUART_FIFO + 3; i++)
		vuart_input(&hyp_vms[0].vuart, (char)('a' + i % 26));
	CHECK(hyp_vms[0].vuart.rx_count == VUART_FIFO, "the FIFO holds %u", VUART_FIFO);
	CHECK(reg(0, FAKE_VUART_STATUS, false, 0) == 3, "waiting, and input was lost");
	CHECK(reg(0, FAKE_VUART_STATUS, false, 0) == 1, "the loss reported once");
	for (u32 i = 0; i < VUART_FIFO; i++)
		CHECK(reg(0, FAKE_VUART_DATA, false, 0) == 'a' + i % 26, "byte %u in order", i);
	CHECK(reg(0, FAKE_VUART_DATA, false, 0) == 0, "then empty");
	CHECK(!level(0), "and the line down");
}

FAKE_TEST(vuart_console_input_goes_to_the_focus)
{
	const char *out;

	build(2);
	console_add_input(0, "vm0", &hyp_vms[0].vuart, 0, false);
	console_add_input(1, "vm1", &hyp_vms[1].vuart, 1, true);
	console_enable_input(NULL);
	out = fake_console_take();
	CHECK(strstr(out, "console input goes to VM 1 'vm1'") != NULL, "%s", out);
	fake_console_type("ab");
	CHECK(console_handle_irq(FAKE_IRQ_CONSOLE), "the console's interrupt");
	CHECK(hyp_vms[1].vuart.rx_count == 2 && hyp_vms[0].vuart.rx_count == 0,
	      "to VM 1 only: %u %u", hyp_vms[1].vuart.rx_count, hyp_vms[0].vuart.rx_count);
	fake_console_type("\x1d"
			  "0c");
	console_handle_irq(FAKE_IRQ_CONSOLE);
	CHECK(strstr(fake_console_take(), "console input -> VM 0 'vm0'") != NULL, "switched");
	CHECK(hyp_vms[0].vuart.rx_count == 1 && hyp_vms[1].vuart.rx_count == 2,
	      "then to VM 0: %u %u", hyp_vms[0].vuart.rx_count, hyp_vms[1].vuart.rx_count);
	CHECK(reg(0, FAKE_VUART_DATA, false, 0) == 'c', "VM 0 got 'c'");
	fake_console_type("\x1d\x1d");
	console_handle_irq(FAKE_IRQ_CONSOLE);
	CHECK(reg(0, FAKE_VUART_DATA, false, 0) == 0x1d, "Ctrl-] Ctrl-] sends Ctrl-]");
	fake_console_type("\x1d"
			  "7x");
	console_handle_irq(FAKE_IRQ_CONSOLE);
	CHECK(strstr(fake_console_take(), "Ctrl-] then 0-7 selects") != NULL, "no VM 7: help");
	CHECK(reg(0, FAKE_VUART_DATA, false, 0) == 'x', "the focus stayed on VM 0");
	CHECK(!console_handle_irq(FAKE_IRQ_CONSOLE + 1), "another interrupt is not the console's");
}
