// SPDX-License-Identifier: Apache-2.0
/*
 * Fake architecture: physical CPUs (arch contract hyp/include/arch/cpu.h) as
 * host threads. The running CPU is a thread-local; its private slot is its
 * own host range (arch_layout.h). Models:
 *  - an IPI is a counter per CPU, taken by the fake interrupt controller's
 *    acknowledge (irqchip_ack) as FAKE_IRQ_IPI;
 *  - what never returns on the machine (entering a guest, idling, powering
 *    off) longjmps back to the test's fake_call on that thread;
 *  - the counter is the host's monotonic clock.
 */
#include <pthread.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "arch/cpu.h"
#include "arch/hw.h"
#include "arch/vcpu.h"
#include "console.h"
#include "cpu.h"
#include "fake.h"
#include "irqchip/irqchip.h"

static _Thread_local cpuid_t me;
static _Thread_local jmp_buf *exit_to;
static u32 ipis[FAKE_NCPUS];	   /* sent (atomic) */
static u32 ipis_taken[FAKE_NCPUS]; /* acknowledged by their CPU (its own) */

vaddr_t fake_cpu_va_of(cpuid_t cpu)
{
	return FAKE_VA_BASE + (1 + cpu) * FAKE_SPACE_SIZE + FAKE_CPU_SLOT * HYP_SLOT_SIZE;
}

vaddr_t fake_cpu_va(void)
{
	return fake_cpu_va_of(me);
}

cpuid_t fake_cpu_current(void)
{
	return me;
}

/* Called by cpu_enter in mmu.c: the thread's CPU, before its root is switched to. */
void fake_cpu_set(cpuid_t cpu)
{
	if (cpu >= FAKE_NCPUS)
		abort();
	me = cpu;
}

enum fake_exit fake_call(void (*fn)(void *), void *arg)
{
	jmp_buf here, *outer = exit_to;
	int how;

	exit_to = &here;
	how = setjmp(here);
	if (!how)
		fn(arg);
	exit_to = outer;
	return (enum fake_exit)how;
}

/* The machine would not come back: back to the test's fake_call (none: a test bug). */
__attribute__((noreturn)) void fake_exit(enum fake_exit how)
{
	if (!exit_to) {
		fprintf(stderr, "fake: CPU %u left the hypervisor (%d) outside fake_call\n", me,
			how);
		abort();
	}
	longjmp(*exit_to, how);
}

/* A fake CPU's arch id is its index. */
u64 arch_cpu_current_id(void)
{
	return me;
}

u64 arch_cpu_id(u64 id)
{
	return id; /* the fake's CPU ids are their indices: every bit identifies */
}

/* No vectors or trap controls to set up: the core's calls are the only way in. */
void arch_cpu_init(void)
{
}

/* Sleeping: the test's CPU goes idle and decides when it looks for events again. */
void arch_cpu_wait(void)
{
	fake_exit(FAKE_IDLE);
}

/* The sleepers are the tests' threads, which look again when they call in: nothing to wake. */
void arch_cpu_wake_all(void)
{
}

/* One more IPI pending for cpu (its irqchip_ack hands it out). */
void arch_ipi_send(cpuid_t cpu)
{
	if (cpu >= FAKE_NCPUS || cpu == me)
		abort(); /* the contract: another, existing CPU */
	__atomic_fetch_add(&ipis[cpu], 1, __ATOMIC_RELEASE);
}

bool arch_irq_is_ipi(irqid_t irq)
{
	return irq == FAKE_IRQ_IPI;
}

u32 fake_ipis(cpuid_t cpu)
{
	return __atomic_load_n(&ipis[cpu], __ATOMIC_ACQUIRE);
}

/* Powering off this CPU, or the machine: the test's fake_call sees which. */
void arch_cpu_off(const struct hw *hw)
{
	fake_exit(FAKE_CPU_OFF);
}

void arch_system_off(const struct hw *hw)
{
	fake_exit(FAKE_SYSTEM_OFF);
}

u64 arch_cpu_counter_ns(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (u64)t.tv_sec * 1000000000UL + (u64)t.tv_nsec;
}

/* ------------------------------------------- the fake interrupt controller */

/* The console UART's line, and what the core set of its interrupt: any CPU (relaxed atomics). */
static bool console_line, console_enabled;
static cpuid_t console_route;

/* An IPI sent to this CPU and not taken yet, else the console's line if routed here. */
bool irqchip_ack(irqid_t *irq, u32 *cookie)
{
	if (ipis_taken[me] != fake_ipis(me)) {
		ipis_taken[me]++;
		*irq = *cookie = FAKE_IRQ_IPI;
		return true;
	}
	if (__atomic_load_n(&console_line, __ATOMIC_ACQUIRE) &&
	    __atomic_load_n(&console_enabled, __ATOMIC_RELAXED) &&
	    __atomic_load_n(&console_route, __ATOMIC_RELAXED) == me) {
		*irq = *cookie = FAKE_IRQ_CONSOLE;
		return true;
	}
	return false;
}

void irqchip_complete(u32 cookie)
{
}

void irqchip_set_enable(irqid_t irq, cpuid_t cpu, bool on)
{
	if (irq == FAKE_IRQ_CONSOLE)
		__atomic_store_n(&console_enabled, on, __ATOMIC_RELAXED);
}

void irqchip_set_route(irqid_t irq, cpuid_t cpu)
{
	if (irq == FAKE_IRQ_CONSOLE)
		__atomic_store_n(&console_route, cpu, __ATOMIC_RELAXED);
}

/*
 * The arch's interrupt exception, taken while a guest runs: every pending
 * interrupt acknowledged, completed and handled by the core. Returning is
 * going back to the guest (its return from the exception).
 */
void fake_irq_entry(void)
{
	irqid_t irq;
	u32 cookie;

	while (irqchip_ack(&irq, &cookie)) {
		irqchip_complete(cookie);
		if (!cpu_handle_irq(irq))
			log_warn("CPU %u: unexpected physical interrupt %u", me, irq);
	}
}

void fake_console_line(bool level)
{
	__atomic_store_n(&console_line, level, __ATOMIC_RELEASE);
}

/*
 * The configuration layer is not linked into the fake's tests (it has its
 * own): the console's interrupt, as its decoder would give it, is the fake
 * machine's.
 */
irqid_t hw_console_irq(const void *fdt, const struct hw *hw)
{
	return FAKE_IRQ_CONSOLE;
}

/* ---------------------------------------------------------------- misc */

/* CRC-32 (IEEE 802.3, reflected, as zlib's), bit by bit: no CPU instruction to model. */
u32 arch_crc32(const void *buf, u64 len)
{
	const u8 *p = buf;
	u32 crc = ~0U;

	while (len--) {
		crc ^= *p++;
		for (int k = 0; k < 8; k++)
			crc = (crc >> 1) ^ (0xEDB88320U & -(crc & 1));
	}
	return ~crc;
}
