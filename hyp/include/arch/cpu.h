/* SPDX-License-Identifier: Apache-2.0 */
/* Arch contract: physical CPU control. */
#ifndef ARCH_CPU_H
#define ARCH_CPU_H

#include "config.h"

/* The running CPU's arch id, as arch_cpu_id normalises them (struct hw_cpu.arch_id). */
u64 arch_cpu_current_id(void);
/* Per-CPU EL2 setup: vectors, trap configuration. */
void arch_cpu_init(void);
/* Sleeps until an interrupt or event may have arrived. */
void arch_cpu_wait(void);
void arch_cpu_wake_all(void);
/*
 * Starts a secondary CPU at the hypervisor's secondary entry, by the method
 * the hardware DTB gives (cpu->startable: its arch part says how). root_pa is its translation table. Returns 0 or a negative
 * error code of that method, for a message.
 */
int arch_cpu_start(const struct hw *hw, const struct hw_cpu *cpu, paddr_t root_pa);
/* How arch_cpu_start starts cpu, for a message (the firmware call, or "spin-table"). */
const char *arch_cpu_start_method(const struct hw_cpu *cpu);
/*
 * Sends the hypervisor's inter-processor interrupt to CPU cpu (online, not
 * the caller); it arrives as the interrupt arch_irq_is_ipi names.
 */
void arch_ipi_send(cpuid_t cpu);
/* Whether irq, acknowledged from the interrupt controller, is arch_ipi_send's. */
bool arch_irq_is_ipi(irqid_t irq);
/* Powers this CPU off through the firmware, or parks it; never returns. */
void arch_cpu_off(const struct hw *hw) __attribute__((noreturn));
/* Powers the machine off through the firmware (or halts); never returns. */
void arch_system_off(const struct hw *hw) __attribute__((noreturn));
/* CRC-32 (IEEE 802.3, as zlib's crc32) of a buffer, with CPU instructions when available. */
u32 arch_crc32(const void *buf, u64 len);
/* The system counter (the same on every CPU, running since reset) in nanoseconds. */
u64 arch_cpu_counter_ns(void);
/* Runs fn on this CPU's private stack; never returns. */
void arch_cpu_switch_stack(void (*fn)(void)) __attribute__((noreturn));

#endif
