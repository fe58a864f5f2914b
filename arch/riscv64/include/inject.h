/* SPDX-License-Identifier: Apache-2.0 */
/* Exceptions the hypervisor makes the guest take (inject.c). */
#ifndef ARCH_RISCV64_INJECT_H
#define ARCH_RISCV64_INJECT_H

#include "types.h"

struct arch_regs;

/*
 * The guest (VS-mode, or VU-mode under it) takes exception cause with tval at
 * the instruction in r->sepc, as if the trap had been delegated to it
 * (privileged spec 8.6.4: vsepc, vscause, vstval, vsstatus.SPP/SPIE/SIE, then vstvec).
 */
void inject_exception(struct arch_regs *r, u64 cause, u64 tval);

#endif
