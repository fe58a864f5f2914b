// SPDX-License-Identifier: Apache-2.0
/* RISC-V test-guest runtime (guest.h). */
#include <stdio.h>

#include "guest.h"

uint64_t guest_entry_time, guest_entry_cycle;
bool (*guest_trap_handler)(struct guest_frame *f, uint64_t scause);

struct sbiret sbi_call(uint64_t ext, uint64_t fid, uint64_t a0, uint64_t a1, uint64_t a2)
{
	register uint64_t r0 __asm__("a0") = a0;
	register uint64_t r1 __asm__("a1") = a1;
	register uint64_t r2 __asm__("a2") = a2;
	register uint64_t r6 __asm__("a6") = fid;
	register uint64_t r7 __asm__("a7") = ext;

	__asm__ volatile("ecall" : "+r"(r0), "+r"(r1) : "r"(r2), "r"(r6), "r"(r7) : "memory");
	return (struct sbiret){(long)r0, (long)r1};
}

struct hc_ret hypercall(uint64_t fid, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4,
			uint64_t a5, uint64_t a6)
{
	register uint64_t r0 __asm__("a0") = a1;
	register uint64_t r1 __asm__("a1") = a2;
	register uint64_t r2 __asm__("a2") = a3;
	register uint64_t r3 __asm__("a3") = a4;
	register uint64_t r4 __asm__("a4") = a5;
	register uint64_t r5 __asm__("a5") = a6;
	register uint64_t r6 __asm__("a6") = fid;
	register uint64_t r7 __asm__("a7") = TESSERA_SBI_EXT;

	__asm__ volatile("ecall"
			 : "+r"(r0), "+r"(r1), "+r"(r2), "+r"(r3)
			 : "r"(r4), "r"(r5), "r"(r6), "r"(r7)
			 : "memory");
	return (struct hc_ret){(int64_t)r0, r1, r2, r3};
}

bool guest_native(void)
{
	static int native = -1;

	/* SBI probe_extension (4.8): Tessera's extension is there only under Tessera. */
	if (native < 0)
		native = sbi_call(SBI_EXT_BASE, 3, TESSERA_SBI_EXT, 0, 0).value == 0;
	return native;
}

void console_write(const char *s, size_t n)
{
	if (guest_native()) {
		/* the firmware's legacy console_putchar (SBI v2.0 5.2; OpenSBI has it) */
		for (size_t i = 0; i < n; i++)
			sbi_call(0x01, 0, (uint8_t)s[i], 0, 0);
		return;
	}
	while (n) {
		uint64_t w[5] = {0};
		size_t k = n < TESSERA_CONSOLE_CHUNK ? n : TESSERA_CONSOLE_CHUNK;

		for (size_t i = 0; i < k; i++)
			w[i / 8] |= (uint64_t)(uint8_t)s[i] << (8 * (i % 8));
		hypercall(TESSERA_HC_CONSOLE_WRITE, k, w[0], w[1], w[2], w[3], w[4]);
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

void sbi_shutdown(void)
{
	sbi_call(SBI_EXT_SRST, 0, 0, 0, 0);
	for (;;)
		__asm__ volatile("wfi");
}

void sbi_hart_stop(void)
{
	sbi_call(SBI_EXT_HSM, 1, 0, 0, 0);
	for (;;)
		__asm__ volatile("wfi");
}

void irq_enable(uint64_t mask)
{
	__asm__ volatile("csrs sie, %0; csrsi sstatus, 2" ::"r"(mask) : "memory");
}

void wfi_until(const volatile unsigned *counter, unsigned target)
{
	for (;;) {
		__asm__ volatile("csrci sstatus, 2" ::: "memory");
		if (*counter >= target)
			break;
		__asm__ volatile("wfi; csrsi sstatus, 2; nop" ::: "memory");
	}
	__asm__ volatile("csrsi sstatus, 2" ::: "memory");
}

void delay(uint64_t loops)
{
	for (volatile uint64_t i = 0; i < loops; i++)
		;
}

__attribute__((weak)) void secondary_main(void)
{
}

void guest_trap(struct guest_frame *f);
void guest_trap(struct guest_frame *f)
{
	uint64_t cause, epc, tval;

	__asm__ volatile("csrr %0, scause; csrr %1, sepc; csrr %2, stval"
			 : "=r"(cause), "=r"(epc), "=r"(tval));
	if (guest_trap_handler && guest_trap_handler(f, cause))
		return;
	gprintf("TEST FAIL: guest trap scause 0x%lx sepc 0x%lx stval 0x%lx\n", cause, epc, tval);
	sbi_shutdown();
}
