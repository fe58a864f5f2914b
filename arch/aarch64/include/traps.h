/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The C entry points of AArch64's exception vectors (vectors.S): what each
 * vector calls, with the frame it saved (struct arch_regs).
 */
#ifndef TESSERA_AARCH64_TRAPS_H
#define TESSERA_AARCH64_TRAPS_H

#include "arch_vcpu_regs.h"
#include "types.h"

/* A synchronous exception from the guest: HVC, SMC, a trapped register, a stage-2 abort. */
void arch_trap_sync(struct arch_regs *r);
/*
 * The IRQ hot path's C part: raw is what it acknowledged (ARCH_IRQ_NONE:
 * nothing yet); returns ARCH_IRQ_NONE when done, else the INTID for
 * arch_trap_irq.
 */
u32 arch_irq_entry(u32 raw);
/* An IPI, with the whole guest frame saved. */
void arch_trap_irq(struct arch_regs *r, irqid_t raw);
/* An SError or an AArch32 exception from the guest. */
void arch_trap_serror(struct arch_regs *r);
/* An exception taken in the hypervisor itself: reported, the CPU stops. */
void arch_hyp_fault(struct arch_regs *r);

#endif
