/* SPDX-License-Identifier: Apache-2.0 */
/* Reading the running guest's memory through its own translation (guest_mem.c). */
#ifndef ARCH_RISCV64_GUEST_MEM_H
#define ARCH_RISCV64_GUEST_MEM_H

#include "types.h"

struct arch_regs;

/*
 * The instruction at the guest virtual address va, as the guest fetches it
 * (HLVX.HU through its VS-stage and G-stage translation: privileged spec
 * 8.3.1): 16 or 32 bits in *ins. false if a fault stopped the read.
 */
bool guest_fetch_insn(u64 va, u32 *ins);
/* riscv_hyp_trap: a fault of a guest read above; true if it was one (then it returns past it). */
bool guest_mem_fault(struct arch_regs *r);

#endif
