// SPDX-License-Identifier: Apache-2.0
/*
 * What the assembly knows about C structures, generated from C
 * (scripts/asm_offsets.mk turns the "->NAME value" lines into asm_offsets.h):
 * no offset or size is written twice.
 */
#include "arch_vcpu_regs.h"
#include "config.h"
#include "cpu.h"
#include "sbi.h"

#define DEFINE(sym, val)	 __asm__ volatile("\n.ascii \"->" #sym " %0\"" ::"i"(val))
#define OFFSET(sym, type, field) DEFINE(sym, __builtin_offsetof(type, field))

_Static_assert(__builtin_offsetof(struct arch_regs, x) == 0, "vectors.S: x0 at the frame's start");
_Static_assert(sizeof(struct arch_regs) % 16 == 0, "the frame keeps sp 16-byte aligned");

void asm_offsets(void);
void asm_offsets(void)
{
	DEFINE(ARCH_REGS_SIZE, sizeof(struct arch_regs));
	OFFSET(REGS_SEPC, struct arch_regs, sepc);
	OFFSET(REGS_SSTATUS, struct arch_regs, sstatus);
	OFFSET(REGS_HSTATUS, struct arch_regs, hstatus);
	DEFINE(HYP_VCPU_REGS_VA, HYP_VCPU_REGS_VA);
	OFFSET(CPU_ARCH_ID, struct cpu, arch_id);
	DEFINE(HART_STARTS, HW_MAX_CPUS);
	DEFINE(HART_START_SIZE, sizeof(struct hart_start));
	OFFSET(HART_START_HART, struct hart_start, hart);
	OFFSET(HART_START_ROOT, struct hart_start, root);
}
