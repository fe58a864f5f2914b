/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Guest register frame saved by vectors.S at the top of each CPU's stack (a
 * trap from a hypervisor context saves the same frame on its own stack);
 * vectors.S's offsets into it are generated from this (asm_offsets.c).
 */
#ifndef ARCH_RISCV64_VCPU_REGS_H
#define ARCH_RISCV64_VCPU_REGS_H

#include "types.h"

struct arch_regs {
	u64 x[32]; /* x[0] unused (zero); x[2] is sp */
	u64 sepc;
	u64 sstatus;
	u64 hstatus;
	u64 pad;
};

/* Where the frame is (HYP_CPU_STACK_TOP: arch_layout.h). */
#define HYP_VCPU_REGS_VA (HYP_CPU_STACK_TOP - sizeof(struct arch_regs))

/* Prints x1..x31 of a saved frame (fault reports). */
void arch_regs_print(const struct arch_regs *r);

#endif
