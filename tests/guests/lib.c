// SPDX-License-Identifier: Apache-2.0
/* Test-guest runtime helpers. */
#include <stdio.h>
#include <string.h>

#include "guest.h"

struct hvc_ret hvc(uint64_t fid, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5,
		   uint64_t a6)
{
	register uint64_t x0 __asm__("x0") = fid;
	register uint64_t x1 __asm__("x1") = a1;
	register uint64_t x2 __asm__("x2") = a2;
	register uint64_t x3 __asm__("x3") = a3;
	register uint64_t x4 __asm__("x4") = a4;
	register uint64_t x5 __asm__("x5") = a5;
	register uint64_t x6 __asm__("x6") = a6;

	__asm__ volatile("hvc #0"
			 : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3)
			 : "r"(x4), "r"(x5), "r"(x6)
			 : "memory");
	return (struct hvc_ret){(int64_t)x0, x1, x2, x3};
}

/*
 * Running natively (no hypervisor: the benchmarks' reference runs) a guest
 * drives the machine's UART and calls its firmware's PSCI itself. QEMU virt:
 * its PL011 (DDI 0183: DR at 0, FR.TXFF) and PSCI on HVC. The board variants
 * (guests.mk) say otherwise: GUEST_NATIVE_CADENCE, the address of a Cadence
 * UART (Zynq UltraScale+ UG1087: Control, Channel_sts.TXFULL, TX_RX_FIFO),
 * and GUEST_NATIVE_PSCI_SMC, PSCI on SMC (QEMU's xlnx-zynqmp without EL2 and
 * EL3 emulates PSCI on SMC, as its DTB's psci node says). Under Tessera it
 * is always the hypercall console and PSCI on HVC.
 */
#ifdef GUEST_NATIVE_CADENCE
#define NATIVE_UART	     GUEST_NATIVE_CADENCE
#define NATIVE_UART_TX_READY 0x2c /* Channel_sts */
#define NATIVE_UART_TX_FULL  (1U << 4)
#define NATIVE_UART_DATA     0x30
#define NATIVE_UART_ENABLE   0x00 /* Control: TXEN | RXEN, the model sends only then */
#define NATIVE_UART_ENABLED  0x14U
#else
#define NATIVE_UART	     0x09000000UL
#define NATIVE_UART_TX_READY 0x18 /* UARTFR */
#define NATIVE_UART_TX_FULL  (1U << 5)
#define NATIVE_UART_DATA     0x00
#endif

uint64_t guest_entry_cntpct;

bool guest_native(void)
{
	static int native = -1;
	uint64_t pfr0;

	if (native < 0) {
		/* ID_AA64PFR0_EL1.EL2, bits [11:8]: 0 = EL2 not implemented (Arm ARM D19.2.64). */
		__asm__ volatile("mrs %0, id_aa64pfr0_el1" : "=r"(pfr0));
		native = ((pfr0 >> 8) & 0xf) == 0;
	}
	return native;
}

static void native_write(const char *s, size_t n)
{
	volatile uint32_t *uart = (volatile uint32_t *)NATIVE_UART;

#ifdef NATIVE_UART_ENABLE
	uart[NATIVE_UART_ENABLE / 4] = NATIVE_UART_ENABLED;
#endif
	for (size_t i = 0; i < n; i++) {
		while (uart[NATIVE_UART_TX_READY / 4] & NATIVE_UART_TX_FULL)
			;
		uart[NATIVE_UART_DATA / 4] = (uint8_t)s[i];
	}
}

void console_write(const char *s, size_t n)
{
	if (guest_native()) {
		native_write(s, n);
		return;
	}
	while (n) {
		uint64_t w[5] = {0};
		size_t k = n < TESSERA_CONSOLE_CHUNK ? n : TESSERA_CONSOLE_CHUNK;

		for (size_t i = 0; i < k; i++)
			w[i / 8] |= (uint64_t)(uint8_t)s[i] << (8 * (i % 8));
		hvc(TESSERA_HC_CONSOLE_WRITE, k, w[0], w[1], w[2], w[3], w[4]);
		s += k;
		n -= k;
	}
}

void gprintf(const char *fmt, ...)
{
	char buf[200];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	console_write(buf, n < (int)sizeof(buf) ? (size_t)n : sizeof(buf) - 1);
}

static int64_t psci(uint64_t fid, uint64_t a1, uint64_t a2, uint64_t a3)
{
#ifdef GUEST_NATIVE_PSCI_SMC
	if (guest_native()) {
		register uint64_t x0 __asm__("x0") = fid;
		register uint64_t x1 __asm__("x1") = a1;
		register uint64_t x2 __asm__("x2") = a2;
		register uint64_t x3 __asm__("x3") = a3;

		__asm__ volatile("smc #0" : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3) : : "memory");
		return (int64_t)x0;
	}
#endif
	return hvc(fid, a1, a2, a3, 0, 0, 0).x0;
}

int64_t psci_cpu_on(uint64_t target, void (*entry)(void), uint64_t ctx)
{
	return psci(PSCI_CPU_ON, target, (uint64_t)entry, ctx);
}

int64_t psci_affinity_info(uint64_t target)
{
	return psci(PSCI_AFFINITY_INFO, target, 0, 0);
}

void psci_cpu_off(void)
{
	psci(PSCI_CPU_OFF, 0, 0, 0);
	for (;;)
		__asm__ volatile("wfe");
}

void psci_system_off(void)
{
	psci(PSCI_SYSTEM_OFF, 0, 0, 0);
	for (;;)
		__asm__ volatile("wfe");
}

void psci_system_reset(void)
{
	psci(PSCI_SYSTEM_RESET, 0, 0, 0);
	for (;;)
		__asm__ volatile("wfe");
}

uint64_t read_mpidr(void)
{
	uint64_t v;

	__asm__ volatile("mrs %0, mpidr_el1" : "=r"(v));
	return v;
}

void delay(uint64_t loops)
{
	for (volatile uint64_t i = 0; i < loops; i++)
		;
}

/*
 * The check and the WFI run with IRQs masked (PSTATE.I). A plain
 * "while (*counter < target) wfi" loses a wake-up when the interrupt is taken
 * between the check and the WFI: the handler raises the counter, and the WFI
 * then waits for an interrupt that may never come (a one-shot device
 * interrupt). A pending IRQ is a WFI wake-up event even when PSTATE.I masks
 * it (Arm ARM DDI 0487, D1.16.2 "Wait for Interrupt"), so with the mask the
 * WFI returns at once and the interrupt is taken when unmasked again.
 */
void wfi_until(const volatile unsigned *counter, unsigned target)
{
	__asm__ volatile("msr daifset, #2" ::: "memory");
	while (*counter < target) {
		__asm__ volatile("wfi" ::: "memory");
		__asm__ volatile("msr daifclr, #2; isb; msr daifset, #2" ::: "memory");
	}
	__asm__ volatile("msr daifclr, #2" ::: "memory");
}

void guest_exception_report(uint64_t esr, uint64_t elr, uint64_t far)
{
	gprintf("TEST FAIL: guest exception ESR 0x%lx ELR 0x%lx FAR 0x%lx\n", esr, elr, far);
	psci_system_off();
}

bool (*guest_sync_handler)(struct guest_frame *f, uint64_t esr, uint64_t far);

void guest_sync(struct guest_frame *f)
{
	uint64_t esr, far;

	__asm__ volatile("mrs %0, esr_el1; mrs %1, far_el1" : "=r"(esr), "=r"(far));
	if (!guest_sync_handler || !guest_sync_handler(f, esr, far))
		guest_exception_report(esr, f->elr, far);
}

__attribute__((weak)) void secondary_main(void)
{
	gprintf("vCPU MPIDR 0x%lx up\n", read_mpidr());
}
