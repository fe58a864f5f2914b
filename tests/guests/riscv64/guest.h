/* SPDX-License-Identifier: Apache-2.0 */
/* RISC-V test-guest runtime: SBI calls, the console through Tessera's hypercall, traps, small helpers. */
#ifndef TESSERA_GUEST_RISCV_H
#define TESSERA_GUEST_RISCV_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tessera/hypercall.h"

struct sbiret {
	long error;
	long value;
};

#define SBI_EXT_BASE 0x10
#define SBI_EXT_TIME 0x54494D45
#define SBI_EXT_IPI  0x735049
#define SBI_EXT_HSM  0x48534D
#define SBI_EXT_SRST 0x53525354
#define SBI_EXT_DBCN 0x4442434E

struct sbiret sbi_call(uint64_t ext, uint64_t fid, uint64_t a0, uint64_t a1, uint64_t a2);
/* Tessera's calls: results 0..3 in a0..a3 (tessera/hypercall_abi.h). */
struct hc_ret {
	int64_t r0;
	uint64_t r1, r2, r3;
};
struct hc_ret hypercall(uint64_t fid, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4,
			uint64_t a5, uint64_t a6);
/* Whether it runs without Tessera (natively under the SBI firmware): no Tessera extension. */
bool guest_native(void);
void gprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void console_write(const char *s, size_t n);
void sbi_shutdown(void) __attribute__((noreturn));
void sbi_hart_stop(void) __attribute__((noreturn));
/* time and cycle (instructions under -icount shift=0) at the first instruction (start.S) */
extern uint64_t guest_entry_time, guest_entry_cycle;

/* The trap frame start.S saves: x1..x31 by number (x[0] unused), the rest read from CSRs. */
struct guest_frame {
	uint64_t x[32];
};
/* Called for each trap with scause; true if handled (sepc as the handler left it). NULL: failure. */
extern bool (*guest_trap_handler)(struct guest_frame *f, uint64_t scause);

#define SIE_SSIE    (1UL << 1)
#define SIE_STIE    (1UL << 5)
#define SIE_SEIE    (1UL << 9)
#define SCAUSE_IRQ  (1UL << 63)
/* QEMU virt's timebase (the bare-metal guests read no DTB): 10 MHz. */
#define TIMEBASE_HZ 10000000UL

/* Enables the interrupts in mask (sie) and takes them (sstatus.SIE). */
void irq_enable(uint64_t mask);
/*
 * Sleeps in WFI until *counter (raised by an interrupt handler) reaches
 * target; interrupts taken only between the check and the WFI's wake-up
 * (WFI wakes on a pending enabled interrupt even with sstatus.SIE clear:
 * privileged spec 3.3.3), so none is lost.
 */
void wfi_until(const volatile unsigned *counter, unsigned target);
void delay(uint64_t loops);

static inline uint64_t rdtime(void)
{
	uint64_t t;

	__asm__ volatile("rdtime %0" : "=r"(t));
	return t;
}

#endif
