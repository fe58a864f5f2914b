// SPDX-License-Identifier: Apache-2.0
/* Running VMs: vCPU power, stop, reset, fault containment, console. */
#include <stdarg.h>
#include <stdio.h>

#include "arch/cpu.h"
#include "arch/mmu.h"
#include "arch/vcpu.h"
#include "console.h"
#include "cpu.h"
#include "arch/vm.h"
#include "vm.h"

static u64 vm_entry(const struct vm *vm)
{
	return vm->cfg->has_entry ? vm->cfg->entry : vm->cfg->image.load_ipa;
}

static u64 vm_boot_arg(const struct vm *vm)
{
	return vm->cfg->dtb.kind != CFG_IMAGE_NONE ? vm->cfg->dtb.load_ipa : 0U;
}

/* Marks the vCPU pending with its entry and asks its CPU to start it; under vm->lock. */
static void vcpu_request_start(struct vcpu *v, u64 entry, u64 arg)
{
	v->start_entry = entry;
	v->start_arg = arg;
	__atomic_store_n(&v->state, VCPU_ON_PENDING, __ATOMIC_RELEASE);
	cpu_post_event(v->pcpu, CPU_EV_VCPU_START);
}

/* vCPU n's arch id is n (arch_vcpu_reset gives it), compared as the arch compares ids. */
struct vcpu *vm_vcpu_by_arch_id(struct vm *vm, u64 id)
{
	id = arch_cpu_id(id);
	return id < vm->nvcpus ? &vm->vcpus[id] : NULL;
}

/*
 * The first call for an off vCPU succeeds; every later one finds it already
 * on, also while the target is still starting: a vCPU counts as on from its
 * successful power-on (the arch maps this to its firmware interface: arch/cpu.h).
 */
enum vcpu_power vcpu_power_on(struct vm *vm, u64 target, u64 entry, u64 arg)
{
	struct vcpu *t = vm_vcpu_by_arch_id(vm, target);
	enum vcpu_power ret = VCPU_POWER_OK;

	if (!t) {
		return VCPU_POWER_NO_VCPU;
	}
	spin_lock(&vm->lock);
	if (vm->state != VM_RUNNING) {
		ret = VCPU_POWER_NO_VCPU;
	} else if (t->state != VCPU_OFF) {
		ret = VCPU_POWER_ALREADY_ON;
	} else {
		vcpu_request_start(t, entry, arg);
	}
	spin_unlock(&vm->lock);
	return ret;
}

bool vcpu_claim_start(struct vcpu *v, u64 *entry, u64 *arg)
{
	struct vm *vm = v->vm;
	bool ok;

	spin_lock(&vm->lock);
	ok = vm->state == VM_RUNNING && v->state == VCPU_ON_PENDING;
	if (ok) {
		__atomic_store_n(&v->state, VCPU_ON, __ATOMIC_RELEASE);
		*entry = v->start_entry; /* a reset's next start may rewrite them */
		*arg = v->start_arg;
	}
	spin_unlock(&vm->lock);
	return ok;
}

void vcpu_power_off(struct vcpu *vcpu)
{
	spin_lock(&vcpu->vm->lock);
	__atomic_store_n(&vcpu->state, VCPU_OFF, __ATOMIC_RELEASE);
	spin_unlock(&vcpu->vm->lock);
	cpu_idle();
}

void vm_start(struct vm *vm)
{
	spin_lock(&vm->lock);
	__atomic_store_n(&vm->state, VM_RUNNING, __ATOMIC_RELEASE);
	vcpu_request_start(&vm->vcpus[0], vm_entry(vm), vm_boot_arg(vm));
	spin_unlock(&vm->lock);
}

/*
 * Stops the VM's vCPUs (reset: to restart it); false if it was already
 * stopped: another vCPU stopped it first, or is resetting it.
 */
static bool stop_vcpus(struct vm *vm, bool reset)
{
	cpuid_t me = this_cpu()->id;

	spin_lock(&vm->lock);
	if (vm->state == VM_STOPPED) {
		spin_unlock(&vm->lock);
		return false;
	}
	__atomic_store_n(&vm->state, VM_STOPPED, __ATOMIC_RELEASE);
	__atomic_store_n(&vm->resetting, reset, __ATOMIC_RELEASE);
	for (u32 i = 0; i < vm->nvcpus; i++) {
		__atomic_store_n(&vm->vcpus[i].state, VCPU_OFF, __ATOMIC_RELEASE);
		if (vm->vcpus[i].pcpu != me) {
			cpu_post_event(vm->vcpus[i].pcpu, CPU_EV_VCPU_STOP);
		}
	}
	spin_unlock(&vm->lock);
	return true;
}

/*
 * Stopping, its message and the all-stopped check are one step: otherwise the
 * last VM's CPU could power the system off before another VM's stop is printed.
 */
static struct spinlock stop_lock;

void vm_stop(struct vm *vm, const char *why)
{
	spin_lock(&stop_lock);
	if (stop_vcpus(vm, false)) {
		log_info("VM %u '%s' %s", vm->id, vm->cfg->name, why);
		cpu_check_all_stopped(); /* powers off if it was the last one */
	}
	spin_unlock(&stop_lock);
}

/* A reset that cannot go on: the VM stays off, and may have been the last one running. */
static void reset_abandoned(struct vm *vm)
{
	spin_lock(&stop_lock);
	__atomic_store_n(&vm->resetting, false, __ATOMIC_RELEASE);
	cpu_check_all_stopped();
	spin_unlock(&stop_lock);
}

/*
 * Several vCPUs may ask at the same time (SYSTEM_RESET, SYSTEM_OFF, a fault):
 * the first to stop the VM decides; the others return and their CPUs idle,
 * as the stop asks every other CPU of the VM to.
 */
void vm_reset(struct vm *vm, const char *how)
{
	int busy;

	if (!stop_vcpus(vm, true)) {
		return;
	}
	log_info("VM %u '%s' resets %s", vm->id, vm->cfg->name, how);
	busy = cpu_wait_vm_quiet(vm);
	if (busy >= 0) {
		log_err("VM %u '%s': CPU %d still runs its vCPU %lu ms after being told to stop; "
			"the reset is abandoned and the VM stays off",
			vm->id, vm->cfg->name, busy, CPU_STOP_WAIT_NS / 1000000);
		reset_abandoned(vm);
		return;
	}
	if (vm_load_images(vm) != 0) {
		log_err("VM %u '%s': cannot reload its images; it stays off", vm->id,
			vm->cfg->name);
		reset_abandoned(vm);
		return;
	}
	arch_tlb_flush_vm(vm->id);
	arch_vm_reset(vm);
	vm_start(vm);
	__atomic_store_n(&vm->resetting, false, __ATOMIC_RELEASE);
}

void vm_fault(struct vcpu *vcpu, const char *what, u64 syndrome, u64 addr)
{
	struct vm *vm = vcpu->vm;

	vcpu_console_flush(vcpu);
	printk(LOG_PREFIX
	       "VM %u '%s' vCPU %u (CPU %u): %s at IPA/address 0x%lx, " ARCH_SYNDROME_NAME
	       " 0x%lx\n",
	       vm->id, vm->cfg->name, vcpu->id, vcpu->pcpu, what, addr, syndrome);
	arch_vcpu_dump(vcpu);
	vm_stop(vm, "stopped after a fault; the other VMs keep running");
	cpu_idle();
}

void vm_access_fault(struct vcpu *vcpu, const char *what, u64 syndrome, u64 addr)
{
	if (vcpu->vm->cfg->fault_policy != CFG_FAULT_INJECT) {
		vm_fault(vcpu, what, syndrome, addr);
	}
	vcpu_warn(vcpu,
		  "%s at IPA 0x%lx, " ARCH_SYNDROME_NAME
		  " 0x%lx: external abort injected (fault-policy inject)",
		  what, addr, syndrome);
}

void vcpu_warn(struct vcpu *vcpu, const char *fmt, ...)
{
	char msg[200], dropped_note[64];
	u32 dropped;
	va_list ap;

	if (!ratelimit_allow(&vcpu->warn_limit, arch_cpu_counter_ns(), &dropped)) {
		return;
	}
	va_start(ap, fmt);
	(void)vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	dropped_note[0] = '\0';
	if (dropped != 0U) {
		(void)snprintf(dropped_note, sizeof(dropped_note), " (%u more before it not shown)",
			       dropped);
	}
	vcpu_console_flush(vcpu); /* its own output so far comes first */
	log_warn("VM %u '%s' vCPU %u: %s%s", vcpu->vm->id, vcpu->vm->cfg->name, vcpu->id, msg,
		 dropped_note);
}

void vcpu_console_flush(struct vcpu *vcpu)
{
	if (vcpu->line_len != 0U) {
		console_vm_write(vcpu->vm->cfg->name, vcpu->line, vcpu->line_len);
	}
	vcpu->line_len = 0;
}

/* Whole lines, so that VMs printing at the same time do not cut each other's lines. */
void vcpu_console_write(struct vcpu *vcpu, const char *s, u32 n)
{
	for (u32 i = 0; i < n; i++) {
		vcpu->line[vcpu->line_len++] = s[i];
		if (s[i] == '\n' || vcpu->line_len == VCPU_LINE_MAX) {
			vcpu_console_flush(vcpu);
		}
	}
}
