// SPDX-License-Identifier: Apache-2.0
/*
 * Fake architecture: vCPUs, the per-VM arch state and the console UART (arch
 * contract hyp/include/arch/{vcpu,vm}.h; the virtual UART model is vuart.c). No
 * guest runs: a vCPU's reset writes a register frame the test reads, entering
 * it returns to the test (fake_call: FAKE_ENTERED_GUEST), and the emulated
 * interrupt controller is a record of levels and pulses (arch_vm.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arch/vcpu.h"
#include "arch/vm.h"
#include "console.h"
#include "cpu.h"
#include "fake.h"
#include "uart/uart.h"
#include "vm.h"
#include "vuart.h"

__attribute__((noreturn)) void fake_exit(enum fake_exit how);
void fake_console_line(bool level);

static struct arch_regs regs[FAKE_NCPUS];

struct arch_regs *fake_regs(cpuid_t cpu)
{
	return &regs[cpu];
}

/* The frame a trap would have saved: one per CPU, which the test sets and reads. */
struct arch_regs *arch_vcpu_regs(void)
{
	return &regs[this_cpu()->id];
}

/* The guest would start at entry with arg: what the test reads (fake_regs). */
void arch_vcpu_reset(struct vcpu *vcpu, u64 entry, u64 arg)
{
	struct arch_regs *r = arch_vcpu_regs();

	if (vcpu->pcpu != this_cpu()->id)
		abort(); /* the contract: on the vCPU's own CPU */
	memset(r, 0, sizeof(*r));
	r->x[0] = arg;
	r->pc = entry;
}

void arch_vcpu_resume(void)
{
	fake_exit(FAKE_ENTERED_GUEST);
}

/* No timer to silence. */
void arch_vcpu_quiesce(void)
{
}

void arch_regs_print(const struct arch_regs *r)
{
	printk("  pc %016lx  x0 %016lx  x1 %016lx\n", r->pc, r->x[0], r->x[1]);
}

void arch_vcpu_dump(const struct vcpu *vcpu)
{
	arch_regs_print(arch_vcpu_regs());
}

/* ------------------------------------------------------------ the VM */

/* No interrupt controller to emulate: an empty record. */
int arch_vm_init(struct vm *vm)
{
	memset(&vm->arch, 0, sizeof(vm->arch));
	return 0;
}

/* No virtual counter: it starts at 0. */
u64 arch_vm_counter_offset(const struct vm *vm)
{
	return 0;
}

static void check_irq(irqid_t irq)
{
	if (irq >= FAKE_NR_VIRQS) {
		fprintf(stderr, "fake: virtual interrupt %u is not one a VM can be given\n", irq);
		abort();
	}
}

void arch_vm_set_irq(struct vm *vm, irqid_t irq, bool level)
{
	check_irq(irq);
	__atomic_store_n(&vm->arch.level[irq], level, __ATOMIC_RELAXED);
}

void arch_vm_pulse_irq(struct vm *vm, irqid_t irq)
{
	check_irq(irq);
	__atomic_fetch_add(&vm->arch.pulses[irq], 1, __ATOMIC_RELAXED);
}

/* Every line down, and the reset counted. */
void arch_vm_reset(struct vm *vm)
{
	memset(vm->arch.level, 0, sizeof(vm->arch.level));
	__atomic_fetch_add(&vm->arch.resets, 1, __ATOMIC_RELAXED);
}

/* ---------------------------------------------- the console UART */

/* Written under the console's lock (every write_raw is); read by the test between its calls. */
static char out[1 << 16];
static size_t out_len;
static char in[256];
static size_t in_head, in_len;

static void uart_init(volatile void *base, const void *fdt, int node)
{
}

static void uart_write(volatile void *base, const char *s, size_t n)
{
	static int verbose = -1;

	if (verbose < 0)
		verbose = getenv("FAKE_VERBOSE") != NULL;
	if (verbose) /* tests/fake/run.sh -v: the hypervisor's messages in the test's log */
		fwrite(s, 1, n, stdout);
	for (size_t i = 0; i < n && out_len + 1 < sizeof(out); i++)
		out[out_len++] = s[i];
	out[out_len] = '\0';
}

static int uart_getc(volatile void *base)
{
	int c;

	if (!in_len)
		return -1;
	c = (u8)in[in_head++];
	if (--in_len == 0) {
		in_head = 0;
		fake_console_line(false);
	}
	return c;
}

static void uart_enable_rx_irq(volatile void *base)
{
}

static const struct uart_driver fake_uart = {
	.name = "fake UART",
	.init = uart_init,
	.write = uart_write,
	.getc = uart_getc,
	.enable_rx_irq = uart_enable_rx_irq,
};

/* The fake machine has one UART (the configuration layer's matching is not linked). */
const struct uart_driver *uart_match(const void *fdt, int node)
{
	return &fake_uart;
}

const char *fake_console_take(void)
{
	static char copy[sizeof(out)];

	memcpy(copy, out, out_len + 1);
	out_len = 0;
	out[0] = '\0';
	return copy;
}

void fake_console_type(const char *s)
{
	size_t n = strlen(s);

	if (in_head + in_len + n > sizeof(in))
		abort();
	memcpy(in + in_head + in_len, s, n);
	in_len += n;
	fake_console_line(true);
}

/* ------------------------------------------------------- the guest's DTB */

/* The fake emulates no firmware and no device a guest's DTB describes: nothing to fix up. */
int arch_guest_dtb_fixup(void *fdt, int cpus, const struct cfg_vm *c)
{
	return 0;
}

/* The fake's interrupt controller is the root's interrupt-parent, a one-cell specifier. */
int arch_guest_dtb_irq(void *fdt, irqid_t irq, u32 *parent, u32 cells[4], u32 *n)
{
	*parent = 0;
	cells[0] = irq;
	*n = 1;
	return 0;
}

int arch_guest_dtb_check(const void *fdt, const struct cfg_vm *c)
{
	return 0;
}
