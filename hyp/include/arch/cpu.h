/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Arch contract: physical CPU control. Each architecture implements these in
 * arch/<arch>/ (AArch64: cpu.c); hyp/ reaches the CPU only through them.
 * "This CPU" is the caller's; unless a function says otherwise it may be
 * called on any CPU, with interrupts masked (the hypervisor never takes
 * interrupts while it runs its own code).
 */
#ifndef ARCH_CPU_H
#define ARCH_CPU_H

#include "config.h"

/*
 * The running CPU's arch id, normalised by arch_cpu_id: what hw_parse read
 * into struct hw_cpu.arch_id for it. Any time, even before arch_cpu_init.
 */
u64 arch_cpu_current_id(void);
/*
 * This CPU's hypervisor setup (exception vectors, what traps to the
 * hypervisor). Once per CPU, first thing after entry, before any other
 * function here but arch_cpu_current_id and arch_cpu_counter_ns.
 */
void arch_cpu_init(void);
/* Sleeps until an interrupt or arch_cpu_wake_all may have arrived (may return at once). */
void arch_cpu_wait(void);
/* Ends every CPU's arch_cpu_wait (after the memory the sleepers check is written). */
void arch_cpu_wake_all(void);
/*
 * Boot only, before any VM runs: sleeps until an interrupt or until the
 * counter passes until_ns, whichever comes first (may return at once). The
 * boot CPU's bounded waits for another CPU call it between their checks, so
 * that the other CPU runs where CPUs take turns on one host thread: QEMU's
 * single-threaded TCG (and -icount, which the benchmarks use) does not switch
 * away from a CPU that only polls.
 */
void arch_cpu_wait_until(u64 until_ns);
/*
 * Boot CPU only, MMU on, its private area mapped: starts CPU cpu (not yet
 * started, cpu->startable) at the hypervisor's secondary entry, by the
 * method its arch part says; root_pa is the root table it is to use.
 * Returns 0 once the start was asked for (the CPU reports itself online:
 * boot_wait_online), or a negative error code of that method, for a message.
 */
int arch_cpu_start(const struct hw *hw, const struct hw_cpu *cpu, paddr_t root_pa);
/* How arch_cpu_start starts cpu, for a message (the firmware call, or "spin-table"). */
const char *arch_cpu_start_method(const struct hw_cpu *cpu);
/*
 * Sends the hypervisor's inter-processor interrupt to CPU cpu (online, not
 * the caller; its interrupt controller set up: irqchip_cpu_init). It arrives
 * there as the interrupt arch_irq_is_ipi names, which cpu_handle_irq takes.
 */
void arch_ipi_send(cpuid_t cpu);
/* Whether irq, acknowledged from the interrupt controller, is arch_ipi_send's. */
bool arch_irq_is_ipi(irqid_t irq);
/* Powers this CPU off through the firmware, or parks it; never returns. */
void arch_cpu_off(const struct hw *hw) __attribute__((noreturn));
/*
 * Powers the machine off through the firmware (or halts this CPU); never
 * returns. Any CPU; the others may still run.
 */
void arch_system_off(const struct hw *hw) __attribute__((noreturn));
/* CRC-32 (IEEE 802.3, as zlib's crc32) of a buffer, with CPU instructions when available. */
u32 arch_crc32(const void *buf, u64 len);
/* The system counter (the same on every CPU, running since reset) in nanoseconds. */
u64 arch_cpu_counter_ns(void);
/*
 * The same counter in its own ticks, and ticks in nanoseconds: for a stamp
 * taken before the counter's frequency is known (on RISC-V it is the hardware
 * DTB's timebase), converted once it is.
 */
u64 arch_cpu_counter(void);
u64 arch_counter_to_ns(u64 ticks);
/* Runs fn on this CPU's private stack (its private area mapped); never returns. */
void arch_cpu_switch_stack(void (*fn)(void)) __attribute__((noreturn));

#endif
