/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Arch contract: per-VM arch state (the emulated interrupt controller and
 * the virtual counter; AArch64: vgic*.c, vcpu.c). struct vm's arch part is
 * the arch's arch_vm.h.
 */
#ifndef ARCH_VM_H
#define ARCH_VM_H

#include "types.h"

struct vm;

/*
 * Boot CPU, while building the VM (vm_create: memory and stage-2 tables
 * done, no vCPU running): sets up its emulated interrupt controller and the
 * physical interrupts it passes through. Returns 0, or -1 with a message.
 */
int arch_vm_init(struct vm *vm);
/* The VM's virtual counter offset (its counter's 0) in counter ticks since reset, for the boot table. */
u64 arch_vm_counter_offset(const struct vm *vm);
/*
 * Raises or lowers an emulated (software) interrupt of the VM, irq one the
 * VM was given (its vuart's or a channel's: arch_cfg_virq_range). Any CPU,
 * any time while the VM exists; takes the emulation's lock.
 */
void arch_vm_set_irq(struct vm *vm, irqid_t irq, bool level);
/*
 * Back to the interrupt state of boot: every vCPU of the VM is stopped and
 * out of the guest (vm_reset waited for them), on the resetting CPU.
 */
void arch_vm_reset(struct vm *vm);
/* Makes an emulated interrupt pending once, as an edge would (a doorbell); as arch_vm_set_irq. */
void arch_vm_pulse_irq(struct vm *vm, irqid_t irq);

#endif
