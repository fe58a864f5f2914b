/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Synchronous exceptions the hypervisor gives a guest, taken at its EL1 as
 * the hardware would take them (Arm ARM DDI 0487 D1.10): the guest's handler
 * sees ESR_EL1, ELR_EL1 (the instruction), SPSR_EL1 and, for aborts, FAR_EL1.
 */
#ifndef ARCH_AARCH64_INJECT_H
#define ARCH_AARCH64_INJECT_H

#include "types.h"

struct arch_regs;

/* An Undefined Instruction exception (EC 0x00) for the instruction at r->elr. */
void inject_undef(struct arch_regs *r);
/*
 * A synchronous External abort for the access that trapped with esr (a
 * stage-2 data or instruction abort, EC 0x24 or 0x20) at virtual address far:
 * one outside the VM's map under fault-policy inject, or an access an
 * emulated device refused (any fault-policy).
 */
void inject_abort(struct arch_regs *r, u64 esr, u64 far);

#endif
