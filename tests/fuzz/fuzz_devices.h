/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The devices fuzzer (fuzz_devices.c: the world and the operations;
 * fuzz_devices_promises.c: what must hold after each operation).
 */
#ifndef TESSERA_FUZZ_DEVICES_H
#define TESSERA_FUZZ_DEVICES_H

#include "arch_vcpu_regs.h"
#include "config.h"

#define PROMISE(cond)                                                                    \
	do {                                                                             \
		if (!(cond)) {                                                           \
			fprintf(stderr, "broken promise: %s (%s:%d)\n", #cond, __FILE__, \
				__LINE__);                                               \
			abort();                                                         \
		}                                                                        \
	} while (0)

#define ATTACKER 0
#define PEER	 1
#define VICTIM	 2
#define NVMS	 3
#define OP_SIZE	 24

#define GICD_BASE    0x08000000UL
#define GICR_BASE    0x080a0000UL
#define VUART_BASE   0x09000000UL
#define CHAN_IPA     0x50000000UL
#define DOORBELL_IPA 0x50010000UL

/* Interrupts: the attacker's device (hardware), virtual UART, doorbells. */
#define ATK_DEV_IRQ0 34
#define ATK_DEV_IRQ1 38
#define PEER_DEV_IRQ 35
#define VIC_DEV_IRQ  36
#define VUART_IRQ    33
#define ATK_DB_IRQ   41
#define PEER_DB_IRQ  42
#define VIC_DB_IRQ   43

/* Defined by hyp/main.c on the machine, by host.c here. */
struct vm;
extern struct vm hyp_vms[CFG_MAX_VMS];
extern u32 hyp_nvms;
extern void arch_trap_sync(struct arch_regs *r);
extern u32 arch_irq_entry(u32 raw);
extern void arch_trap_irq(struct arch_regs *r, irqid_t raw);

/* What the current operation is (for reports). */
extern const char *cur_op;

/* Promises (fuzz_devices_promises.c). FUZZ_IGNORE=console: no console promise. */
void promises_init(void);
/* The world is built: what must not change is recorded. */
void promises_start(void);
/* After each operation: every promise (aborts with "broken promise" if one is broken). */
void promises_check(void);
/* The peer acted itself (its CPU took events, its guest its list registers): new reference. */
void promises_peer_acted(void);
/* The hypervisor ran on cpu (a trap, an interrupt, its events): what its list registers offer. */
void promises_after_hyp(cpuid_t cpu, const u64 *before);
/* Around an access of the attacker: if it was refused, nothing of the VM changed. */
void promises_before_access(void);
void promises_after_access(const struct arch_regs *before, const struct arch_regs *r);

#endif
