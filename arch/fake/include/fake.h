/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The fake machine under the run-time core (arch/fake, README "Tests"): what
 * a host test drives and observes. CPUs are host threads (fake_cpu_enter
 * makes the calling thread CPU n); RAM is a host buffer (fake_pa_to_host);
 * the hypervisor's VAs are host mappings that follow its page tables at each
 * TLB flush (fake_mmu_lookup); the functions that never return on the
 * machine (entering a guest, idling, powering off) return to fake_call.
 */
#ifndef ARCH_FAKE_H
#define ARCH_FAKE_H

#include "config.h"

#define FAKE_NCPUS	 4
#define FAKE_LOAD_PA	 FAKE_RAM_PA	     /* the image, first in RAM */
#define FAKE_IMAGE_SIZE	 (8 * PAGE_SIZE)     /* text, rodata, data (boot tables) */
#define FAKE_BLOB_PA	 (FAKE_RAM_PA + MIB) /* the loader's blobs (pre-loaded images) */
#define FAKE_BLOB_SIZE	 (15 * MIB)	     /* kept out of the allocator (hw.protect) */
#define FAKE_IRQ_IPI	 1		     /* the fake interrupt controller's IPI */
#define FAKE_IRQ_CONSOLE 40		     /* its console UART's interrupt */
#define FAKE_UART_PA	 UL(0x9000000)	     /* the console UART, a device page */

/*
 * Once per process, on the thread that is the boot CPU (CPU 0): RAM, the
 * boot tables, then the core's mem_init and mem_init_allocator, and a root
 * table per CPU (mem_cpu_root_create), as the boot does.
 */
void fake_machine_init(void);
/* The board fake_machine_init gave mem_init_allocator (CPUs, RAM, protected ranges). */
extern struct hw fake_hw;
/* The calling thread is CPU cpu from now on: its root table, its private area. */
void fake_cpu_enter(cpuid_t cpu);
cpuid_t fake_cpu_current(void);

/* How a fake_call ended (the machine's never-returning functions come back here). */
enum fake_exit { FAKE_RETURNED, FAKE_ENTERED_GUEST, FAKE_IDLE, FAKE_CPU_OFF, FAKE_SYSTEM_OFF };
enum fake_exit fake_call(void (*fn)(void *), void *arg);

/*
 * The interrupt exception of a CPU running a guest: takes what is pending
 * (IPIs: the core's events; the console). Call it through fake_call: a stop
 * idles the CPU (FAKE_IDLE), a start enters the guest; FAKE_RETURNED is back
 * to the guest.
 */
void fake_irq_entry(void);

/* The test's view of physical memory (RAM only): the host address of pa. */
void *fake_pa_to_host(paddr_t pa);
/*
 * What the fake MMU has mapped now at the host address va (a hypervisor VA
 * of the shared slots, or of CPU cpu's private slot): true and the PA and the
 * host protection (PROT_*), false if nothing.
 */
bool fake_mmu_lookup(vaddr_t va, paddr_t *pa, int *prot);
/* The host address of CPU cpu's private slot (HYP_CPU_VA as that CPU sees it). */
vaddr_t fake_cpu_va_of(cpuid_t cpu);

/* IPIs sent to cpu so far; the guest register frame and last entry of cpu. */
u32 fake_ipis(cpuid_t cpu);
struct arch_regs *fake_regs(cpuid_t cpu);

/* Everything the console UART printed since the last call (NUL-terminated, static). */
const char *fake_console_take(void);
/* Bytes typed on the console: its interrupt then (console_handle_irq) reads them. */
void fake_console_type(const char *s);

#endif
