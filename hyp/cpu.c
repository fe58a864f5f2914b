// SPDX-License-Identifier: Apache-2.0
/* Physical CPUs: cross-CPU events, the idle loop, whole-system power off. */
#include "arch/cpu.h"
#include "arch/vcpu.h"
#include "console.h"
#include "cpu.h"
#include "irqchip/irqchip.h"
#include "mem.h"
#include "vm.h"

struct cpu_shared cpu_shared[HW_MAX_CPUS];
struct hw hyp_hw;

/*
 * The CPUs that leave the boot code (cpu_boot_expect: 0 until the boot CPU knows, U32_MAX if
 * the boot-only pages must stay), and how many have: the last one unmaps the boot-only pages.
 */
static u32 boot_cpus_expected;
static u32 boot_cpus_left;

void cpu_boot_expect(u32 ncpus)
{
	__atomic_store_n(&boot_cpus_expected, ncpus, __ATOMIC_RELEASE);
}

/*
 * Called once by every CPU that boots, in run-time code, after its last boot-only
 * instruction and never returning into boot code. The boot CPU publishes the count before it
 * comes here itself, so the CPU that makes the count whole sees it (acquire-release RMW order).
 */
static void cpu_left_boot(void)
{
	u32 n = __atomic_add_fetch(&boot_cpus_left, 1, __ATOMIC_ACQ_REL);

	if (n == __atomic_load_n(&boot_cpus_expected, __ATOMIC_ACQUIRE)) {
		mem_unmap_boot();
	}
}

void cpu_boot_secondary_done(void)
{
	cpu_left_boot();
	cpu_idle();
}

/* The boot CPU, out of the boot code (on its own stack): starts the VMs, then idles. */
void cpu_boot_primary_done(void)
{
	cpu_left_boot();
	for (u32 i = 0; i < hyp_nvms; i++) {
		if (hyp_vms[i].state == VM_IDLE) {
			vm_start(&hyp_vms[i]);
		}
	}
	if (!this_cpu()->vcpu) {
		cpu_check_all_stopped();
		log_info("boot CPU %u is not used by any VM: powering it off", this_cpu()->id);
		arch_cpu_off(&hyp_hw);
	}
	cpu_idle();
}

/*
 * Coalesced: if the event is still posted (the CPU has not taken it yet), it
 * will see this one too, and gets no second interrupt for it.
 */
void cpu_post_event(cpuid_t cpu, u32 ev)
{
	u32 old = __atomic_fetch_or(&cpu_shared[cpu].events, ev, __ATOMIC_RELEASE);

	if (cpu == this_cpu()->id || (old & ev) == ev) {
		return;
	}
	arch_ipi_send(cpu);
	arch_cpu_wake_all();
}

static void start_vcpu(struct vcpu *v, u64 entry, u64 arg)
{
	arch_vcpu_reset(v, entry, arg);
	__atomic_store_n(&cpu_shared[this_cpu()->id].in_guest, true, __ATOMIC_RELEASE);
	arch_vcpu_resume();
}

/*
 * Takes this CPU's events: a start runs the vCPU (and does not return). A
 * stop and a start may both be waiting (a VM reset: stopped, then started
 * again): the vCPU's state says which one stands; a start that is not
 * pending any more leaves the stop. Returns whether the vCPU was told to
 * stop: the caller goes idle, unless it is idle already.
 */
static bool take_events(void)
{
	struct cpu_shared *me = &cpu_shared[this_cpu()->id];
	u32 ev = __atomic_exchange_n(&me->events, 0, __ATOMIC_ACQUIRE);
	struct vcpu *v = this_cpu()->vcpu;
	u64 entry, arg;

	if ((ev & CPU_EV_VCPU_START) != 0U && v != NULL && vcpu_claim_start(v, &entry, &arg)) {
		start_vcpu(v, entry, arg);
	}
	if ((ev & CPU_EV_VCPU_STOP) == 0U) {
		return false;
	}
	if (me->in_guest && v != NULL) { /* in_guest: written by this CPU alone */
		log_info("CPU %u: vCPU %u of VM %u '%s' stopped", this_cpu()->id, v->id, v->vm->id,
			 v->vm->cfg->name);
	}
	return true;
}

void cpu_handle_events(void)
{
	if (take_events()) {
		cpu_idle();
	}
}

bool cpu_handle_irq(irqid_t irq)
{
	if (arch_irq_is_ipi(irq)) {
		cpu_handle_events();
		return true;
	}
	return console_handle_irq(irq);
}

void cpu_idle(void)
{
	__atomic_store_n(&cpu_shared[this_cpu()->id].in_guest, false, __ATOMIC_RELEASE);
	arch_vcpu_quiesce();
	for (;;) {
		irqid_t irq;
		u32 cookie;

		if (irqchip_ack(&irq, &cookie)) {
			irqchip_complete(cookie);
			/* an IPI's events are taken below */
			if (!arch_irq_is_ipi(irq) && !console_handle_irq(irq)) {
				log_warn("CPU %u: unexpected interrupt %u while idle",
					 this_cpu()->id, irq);
			}
		}
		/*
		 * Already idle: a stop changes nothing here. Going idle again from
		 * here would nest this loop on the stack once per stop (a VM that
		 * resets itself in a loop stops, every time, its vCPUs that idle).
		 */
		(void)take_events();
		arch_cpu_wait();
	}
}

/*
 * Waits for the VM's other CPUs to leave their vCPUs (they were sent
 * CPU_EV_VCPU_STOP; a CPU takes that interrupt within microseconds, even
 * from a guest that masks everything: IRQs go to EL2). Bounded: a CPU that
 * is not out after CPU_STOP_WAIT_NS is stuck in the hypervisor.
 */
int cpu_wait_vm_quiet(struct vm *vm)
{
	cpuid_t me = this_cpu()->id;
	u64 deadline = arch_cpu_counter_ns() + CPU_STOP_WAIT_NS;

	for (u32 i = 0; i < vm->nvcpus; i++) {
		cpuid_t c = vm->vcpus[i].pcpu;

		while (c != me && __atomic_load_n(&cpu_shared[c].in_guest, __ATOMIC_ACQUIRE)) {
			if (arch_cpu_counter_ns() > deadline) {
				return (int)c;
			}
		}
	}
	return -1;
}

/*
 * Powers the system off once no VM runs or will: a VM still idle at boot (its
 * start comes in cpu_boot_primary_done) counts as running, so that a VM
 * stopped while the CPUs start does not take the others with it.
 */
void cpu_check_all_stopped(void)
{
	for (u32 i = 0; i < hyp_nvms; i++) {
		if (__atomic_load_n(&hyp_vms[i].state, __ATOMIC_ACQUIRE) != VM_STOPPED ||
		    __atomic_load_n(&hyp_vms[i].resetting, __ATOMIC_ACQUIRE)) {
			return;
		}
	}
	log_info("every VM is off: powering the system off");
	arch_system_off(&hyp_hw);
}
