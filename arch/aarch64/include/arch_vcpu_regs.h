/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Guest register frame saved by vectors.S at the top of each CPU's stack;
 * vectors.S's offsets into it are generated from this (asm_offsets.c).
 */
#ifndef ARCH_AARCH64_VCPU_REGS_H
#define ARCH_AARCH64_VCPU_REGS_H

#include "types.h"

struct arch_regs {
	u64 x[31];
	u64 elr;
	u64 spsr;
	u64 pad;
};

/* Where the frame is (HYP_CPU_STACK_TOP: arch_layout.h). */
#define HYP_VCPU_REGS_VA (HYP_CPU_STACK_TOP - sizeof(struct arch_regs))

/* Prints x0..x30 of a saved frame (fault reports). */
void arch_regs_print(const struct arch_regs *r);

#endif
