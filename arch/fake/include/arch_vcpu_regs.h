/* SPDX-License-Identifier: Apache-2.0 */
/* The fake architecture's guest register frame: what a test sets before a call, reads after. */
#ifndef ARCH_FAKE_VCPU_REGS_H
#define ARCH_FAKE_VCPU_REGS_H

#include "types.h"

struct arch_regs {
	u64 x[8]; /* x[0]: the argument a reset gives (arch_vcpu_reset) */
	u64 pc;
};

void arch_regs_print(const struct arch_regs *r);

#endif
