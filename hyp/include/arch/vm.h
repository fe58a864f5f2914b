/* SPDX-License-Identifier: Apache-2.0 */
/* Arch contract: per-VM arch state (interrupt controller emulation). */
#ifndef ARCH_VM_H
#define ARCH_VM_H

#include "types.h"

struct vm;

/* Sets up the VM's emulated interrupt controller. Returns 0, or -1 with a message. */
int arch_vm_init(struct vm *vm);
/* The VM's virtual counter offset (its counter's 0) in counter ticks since reset, for the boot table. */
u64 arch_vm_counter_offset(const struct vm *vm);
/* Raises or lowers an emulated (software) interrupt of the VM. */
void arch_vm_set_irq(struct vm *vm, irqid_t irq, bool level);
/* Back to the interrupt state of boot (vm_reset: all vCPUs are stopped). */
void arch_vm_reset(struct vm *vm);
/* Makes an emulated interrupt pending once, as an edge would (e.g. a doorbell). */
void arch_vm_pulse_irq(struct vm *vm, irqid_t irq);

#endif
