/* SPDX-License-Identifier: Apache-2.0 */
/* Arch contract: physical CPU control. */
#ifndef ARCH_CPU_H
#define ARCH_CPU_H

#include "config.h"

/* MPIDR affinity fields of the running CPU. */
u64 arch_cpu_mpidr(void);
/* Per-CPU EL2 setup: vectors, trap configuration. */
void arch_cpu_init(void);
/* Sleeps until an interrupt or event may have arrived. */
void arch_cpu_wait(void);
void arch_cpu_wake_all(void);
/*
 * Starts a secondary CPU at the hypervisor's secondary entry, by the method
 * the hardware DTB gives (PSCI CPU_ON or spin-table). root_pa is its
 * translation table. Returns 0 or a negative PSCI error code.
 */
int arch_cpu_start(const struct hw *hw, const struct hw_cpu *cpu, paddr_t root_pa);
/* Powers this CPU off (PSCI CPU_OFF) or parks it; never returns. */
void arch_cpu_off(const struct hw *hw) __attribute__((noreturn));
/* Powers the machine off (PSCI SYSTEM_OFF); never returns. */
void arch_system_off(const struct hw *hw) __attribute__((noreturn));
/* CRC-32 (IEEE 802.3, as zlib's crc32) of a buffer, with CPU instructions when available. */
u32 arch_crc32(const void *buf, u64 len);
/* The system counter (the same on every CPU, running since reset) in nanoseconds. */
u64 arch_cpu_counter_ns(void);
/* Runs fn on this CPU's private stack; never returns. */
void arch_cpu_switch_stack(void (*fn)(void)) __attribute__((noreturn));

#endif
