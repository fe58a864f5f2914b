/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Arch contract: running a vCPU on this physical CPU (AArch64: vcpu.c,
 * traps.c). Every function is called on the physical CPU the vCPU is pinned
 * to (vcpu->pcpu), which runs no other vCPU; interrupts masked.
 */
#ifndef ARCH_VCPU_H
#define ARCH_VCPU_H

#include "types.h"
#include "arch_vcpu_regs.h"

struct vm;
struct vcpu;

/* The guest register frame of the vCPU running on this CPU (valid while it runs or traps). */
struct arch_regs *arch_vcpu_regs(void);
/*
 * Resets the vCPU's registers and its guest-visible CPU state: it will start
 * at entry with arg in the first argument register, with the virtual arch id
 * vcpu->id (vm_vcpu_by_arch_id finds it by that). The VM's stage-2 tables
 * are built.
 */
void arch_vcpu_reset(struct vcpu *vcpu, u64 entry, u64 arg);
/* Enters (or re-enters) the guest from the current frame; never returns. */
void arch_vcpu_resume(void) __attribute__((noreturn));
/*
 * This CPU's vCPU is off (stopped, or not started): silence what it leaves
 * behind (its timer's interrupt), so the idle loop is not woken by it.
 */
void arch_vcpu_quiesce(void);
/* Prints the guest's registers (after a fault: vm_fault). */
void arch_vcpu_dump(const struct vcpu *vcpu);

#endif
