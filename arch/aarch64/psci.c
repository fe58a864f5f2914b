// SPDX-License-Identifier: Apache-2.0
/*
 * PSCI (Arm DEN 0022D) emulation for VMs, which only ever affects their own
 * vCPUs. (The hypervisor's own calls to the firmware are in cpu.c.)
 */
#include "arch/vcpu.h"
#include "console.h"
#include "cpu.h"
#include "psci.h"
#include "vm.h"

bool psci_is_call(u64 fid)
{
	return (fid & ~(u64)PSCI_SMC64 & ~0x1fUL) == 0x84000000UL;
}

/* The functions psci_emulate implements, one bit per function number (DEN 0022D 5.1). */
#define PSCI_FN(id) ((u32)1U << ((id)&0x1fU))
#define PSCI_IMPLEMENTED                                                                        \
	(PSCI_FN(PSCI_VERSION) | PSCI_FN(PSCI_CPU_SUSPEND) | PSCI_FN(PSCI_CPU_OFF) |            \
	 PSCI_FN(PSCI_CPU_ON) | PSCI_FN(PSCI_AFFINITY_INFO) | PSCI_FN(PSCI_MIGRATE_INFO_TYPE) | \
	 PSCI_FN(PSCI_SYSTEM_OFF) | PSCI_FN(PSCI_SYSTEM_RESET) | PSCI_FN(PSCI_FEATURES))

static s64 psci_features(u32 fid)
{
	return psci_is_call(fid) && (PSCI_IMPLEMENTED & PSCI_FN(fid)) != 0U ? PSCI_SUCCESS
									    : PSCI_E_NOT_SUPPORTED;
}

static s64 psci_affinity_info(struct vcpu *vcpu, u64 target, u64 level)
{
	struct vcpu *t = vm_vcpu_by_arch_id(vcpu->vm, target);
	enum vcpu_state st;

	if (!t || level != 0U) {
		return PSCI_E_INVALID_PARAMS;
	}
	/* ON from its successful CPU_ON, as CPU_ON's ALREADY_ON says (vcpu_power_on) */
	st = __atomic_load_n(&t->state, __ATOMIC_ACQUIRE);
	return st == VCPU_OFF ? PSCI_AFF_OFF : PSCI_AFF_ON;
}

/*
 * CPU_ON (DEN 0022D 5.6): the first call for an off vCPU succeeds; every
 * later one gets ALREADY_ON, also while the target is still starting. PSCI
 * allows ON_PENDING there, but which of the two a caller saw would depend on
 * how far the target's CPU got, and Linux and KVM expect ALREADY_ON: a vCPU
 * counts as on from its successful CPU_ON (AFFINITY_INFO says ON too).
 * Return codes: DEN 0022D 5.2.2.
 */
static s64 psci_cpu_on(struct vcpu *vcpu, u64 target, u64 entry, u64 context)
{
	switch (vcpu_power_on(vcpu->vm, target, entry, context)) {
	case VCPU_POWER_OK:
		return PSCI_SUCCESS;
	case VCPU_POWER_ALREADY_ON:
		return PSCI_E_ALREADY_ON;
	default:
		return PSCI_E_INVALID_PARAMS;
	}
}

/* CPU_OFF, SYSTEM_OFF and SYSTEM_RESET: the calling vCPU does not return to its guest. */
static void psci_stop(struct vcpu *vcpu, u32 fn) __attribute__((noreturn));
static void psci_stop(struct vcpu *vcpu, u32 fn)
{
	if (fn == PSCI_CPU_OFF) {
		vcpu_power_off(vcpu);
	}
	if (fn == PSCI_SYSTEM_OFF) {
		vm_stop(vcpu->vm, "powered off (PSCI SYSTEM_OFF)");
	} else {
		vm_reset(vcpu->vm, "(PSCI SYSTEM_RESET)");
	}
	cpu_idle();
}

/* Out of line: the hypercall path (traps.c handle_call) need not save PSCI's registers. */
__attribute__((noinline)) void psci_emulate(struct vcpu *vcpu, struct arch_regs *r)
{
	u32 fn = (u32)r->x[0] & ~PSCI_SMC64;
	s64 ret;

	if (fn == PSCI_CPU_OFF || fn == PSCI_SYSTEM_OFF || fn == PSCI_SYSTEM_RESET) {
		psci_stop(vcpu, fn);
	}
	switch (fn) {
	case PSCI_VERSION:
		ret = 0x10001; /* PSCI 1.1 */
		break;
	case PSCI_CPU_SUSPEND:
		ret = PSCI_SUCCESS; /* standby: return at once, as a WFI would */
		break;
	case PSCI_CPU_ON:
		ret = psci_cpu_on(vcpu, r->x[1], r->x[2], r->x[3]);
		break;
	case PSCI_AFFINITY_INFO:
		ret = psci_affinity_info(vcpu, r->x[1], r->x[2]);
		break;
	case PSCI_MIGRATE_INFO_TYPE:
		ret = 2; /* no Trusted OS to migrate */
		break;
	case PSCI_FEATURES:
		ret = psci_features((u32)r->x[1]);
		break;
	default:
		ret = PSCI_E_NOT_SUPPORTED;
		break;
	}
	r->x[0] = (u64)ret;
}
