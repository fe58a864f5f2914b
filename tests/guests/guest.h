/* SPDX-License-Identifier: Apache-2.0 */
/* Test-guest runtime: console through the Tessera hypercall, PSCI, small helpers. */
#ifndef TESSERA_GUEST_H
#define TESSERA_GUEST_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tessera/hypercall.h"

#define PSCI_CPU_OFF	   0x84000002UL
#define PSCI_CPU_ON	   0xC4000003UL
#define PSCI_AFFINITY_INFO 0xC4000004UL
#define PSCI_SYSTEM_OFF	   0x84000008UL
#define PSCI_SYSTEM_RESET  0x84000009UL
#define PSCI_VERSION	   0x84000000UL

struct hvc_ret {
	int64_t x0;
	uint64_t x1, x2, x3;
};

struct hvc_ret hvc(uint64_t fid, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5,
		   uint64_t a6);
void gprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void console_write(const char *s, size_t n);
int64_t psci_cpu_on(uint64_t target, void (*entry)(void), uint64_t ctx);
int64_t psci_affinity_info(uint64_t target);
void psci_cpu_off(void) __attribute__((noreturn));
void psci_system_off(void) __attribute__((noreturn));
void psci_system_reset(void) __attribute__((noreturn));
uint64_t read_mpidr(void);
/*
 * True when running natively: started by QEMU at EL1 with no EL2 (virt without
 * virtualization=on), so HVC is UNDEFINED except for QEMU's own PSCI. Output
 * then goes straight to QEMU virt's PL011.
 */
bool guest_native(void);
/* CNTPCT_EL0 at the image's first instruction (the boot benchmark). */
extern uint64_t guest_entry_cntpct;
void delay(uint64_t loops);
/*
 * Sleeps in WFI until *counter (raised by an interrupt handler) reaches
 * target. Call with IRQs unmasked; returns with them unmasked.
 */
void wfi_until(const volatile unsigned *counter, unsigned target);

/* A synchronous exception taken at EL1 (start.S sync_entry); resuming restores all of it. */
struct guest_frame {
	uint64_t x[31];
	uint64_t elr;
	uint64_t spsr;
};
/*
 * Called for each synchronous exception with ESR_EL1 and FAR_EL1; returns true
 * if it handled it (then the guest resumes from f, ELR included). NULL or
 * false: a test failure.
 */
extern bool (*guest_sync_handler)(struct guest_frame *f, uint64_t esr, uint64_t far);
#define ESR_EC(esr) (((esr) >> 26) & 0x3f)

extern void secondary_start(void);

int main(uint64_t dtb);
void secondary_main(void);

#endif
