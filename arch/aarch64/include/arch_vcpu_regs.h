/* SPDX-License-Identifier: Apache-2.0 */
/* Guest register frame saved by vectors.S; layout must match save_guest. */
#ifndef ARCH_AARCH64_VCPU_REGS_H
#define ARCH_AARCH64_VCPU_REGS_H

#include "types.h"

struct arch_regs {
	u64 x[31];
	u64 elr;
	u64 spsr;
	u64 pad;
};

_Static_assert(sizeof(struct arch_regs) == 272, "frame size must equal ARCH_REGS_SIZE");

/* Prints x0..x30 of a saved frame (fault reports). */
void arch_regs_print(const struct arch_regs *r);

#endif
