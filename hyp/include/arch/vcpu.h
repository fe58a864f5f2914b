/* SPDX-License-Identifier: Apache-2.0 */
/* Arch contract: running a vCPU on this physical CPU. */
#ifndef ARCH_VCPU_H
#define ARCH_VCPU_H

#include "types.h"
#include "arch_vcpu_regs.h"

struct vm;
struct vcpu;

/* Stage-2 geometry the generic VM code builds tables for. */
#define ARCH_S2_START_LEVEL 1

/* The guest register frame of the vCPU running on this CPU. */
struct arch_regs *arch_vcpu_regs(void);
/* Resets the vCPU's registers and EL1 state: it will start at entry with arg in the first argument register. */
void arch_vcpu_reset(struct vcpu *vcpu, u64 entry, u64 arg);
/* Enters (or re-enters) the guest from the current frame; never returns. */
void arch_vcpu_resume(void) __attribute__((noreturn));
/* This CPU's vCPU is off: silence what it leaves behind (its timer). */
void arch_vcpu_quiesce(void);
/* Prints the guest's registers. */
void arch_vcpu_dump(const struct vcpu *vcpu);

#endif
