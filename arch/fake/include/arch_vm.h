/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The fake architecture's part of struct vm (arch contract: hyp/include/arch/vm.h):
 * no interrupt controller to emulate, only a record of what the core asked of
 * it, which the tests read: each virtual interrupt's level and its pulses.
 */
#ifndef ARCH_FAKE_VM_H
#define ARCH_FAKE_VM_H

#include "types.h"

#define FAKE_NR_VIRQS 64 /* virtual interrupts 0..63: what a test may give a VM */

struct arch_vm {
	/* Written by any CPU (atomics, relaxed: a record, ordering nothing). */
	bool level[FAKE_NR_VIRQS];
	u32 pulses[FAKE_NR_VIRQS];
	u32 resets; /* arch_vm_reset calls */
};

#endif
