/* SPDX-License-Identifier: Apache-2.0 */
/* Physical CPUs: the private area, cross-CPU events, the idle loop. */
#ifndef TESSERA_CPU_H
#define TESSERA_CPU_H

#include "config.h"
#include "arch_layout.h"

struct vcpu;
struct vm;

/* This CPU's private area, mapped at the same VA on every CPU, only in its own tables. */
struct cpu {
	cpuid_t id;
	u64 arch_id;	   /* its id in the hardware DTB (struct hw_cpu) */
	struct vcpu *vcpu; /* the vCPU this CPU runs, or NULL */
};

#define this_cpu() ((struct cpu *)HYP_CPU_VA)

/* Events another CPU can post to a CPU (then it sends an IPI). */
#define CPU_EV_VCPU_START (1U << 0) /* start the assigned vCPU (vcpu_power_on, VM reset) */
#define CPU_EV_VCPU_STOP  (1U << 1) /* stop the assigned vCPU (VM stopped) */
#define CPU_EV_VGIC	  (1U << 2) /* refresh the vCPU's list registers */

/*
 * One per CPU, shared between CPUs. events, online and in_guest: C11 atomics
 * (release when written, acquire when another CPU reads). vcpu: set by the
 * boot CPU before this CPU starts, read-only once it runs. (The boot CPU
 * clears it for a CPU that did not come online in time; should that CPU
 * still come up and read the old vCPU, its VM is stopped by then and
 * vcpu_claim_start refuses to start it.)
 */
struct cpu_shared {
	u32 events;    /* posted by any CPU (cpu_post_event), taken by this one */
	bool online;   /* set by the CPU itself once it started; read by the boot CPU */
	bool in_guest; /* written by the CPU itself: running its vCPU; read by a VM's stop */
	struct vcpu *vcpu;
};

extern struct cpu_shared cpu_shared[HW_MAX_CPUS];
extern struct hw hyp_hw;

/* Posts ev to cpu and interrupts it, unless ev is still posted there from before. */
void cpu_post_event(cpuid_t cpu, u32 ev);
/* Handles pending events on this CPU; may not return (switches to the vCPU or idles). */
void cpu_handle_events(void);
/* Interrupts the hypervisor itself handles (IPIs, console input); false if not one. */
bool cpu_handle_irq(irqid_t irq);
/*
 * Leaving the boot code: how many CPUs will (the boot CPU and every secondary that came
 * online; UINT32_MAX: one may still come, the boot-only pages must stay mapped), then each
 * CPU's way out, in run-time code. The last CPU out unmaps the boot-only pages (mem.h).
 */
void cpu_boot_expect(u32 ncpus);
void cpu_boot_primary_done(void) __attribute__((noreturn));
void cpu_boot_secondary_done(void) __attribute__((noreturn));
/* The idle loop: waits for events; never returns. */
void cpu_idle(void) __attribute__((noreturn));
/*
 * How long cpu_wait_vm_quiet waits for a CPU to take its stop: on hardware
 * microseconds; under an emulator on a busy host a CPU's thread can be off
 * the host's processors for over 100 ms (QEMU without -icount), hence 1 s.
 * Only a CPU stuck in the hypervisor ever reaches it.
 */
#define CPU_STOP_WAIT_NS (1000UL * 1000UL * 1000UL)
/*
 * Waits until no other CPU runs a vCPU of vm (they were told to stop); -1 once
 * none does, or a CPU still running one after CPU_STOP_WAIT_NS.
 */
int cpu_wait_vm_quiet(struct vm *vm);
/* Called when a VM stops: if every VM is stopped, powers the system off. */
void cpu_check_all_stopped(void);

#endif
