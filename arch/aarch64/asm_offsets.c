// SPDX-License-Identifier: Apache-2.0
/*
 * What the assembly knows about C structures, generated from C: compiled to
 * assembly (never linked), whose "->NAME value" lines asm_offsets.mk turns
 * into build/<arch>/gen/asm_offsets.h for the .S files. So no offset, size or
 * flag mask is written twice: a field moved, resized or reordered in C moves
 * in the assembly too, and what the assembly assumes beyond numbers (the width
 * it loads a field with, two fields it stores as a pair) is asserted here.
 * Bao's src/arch/armv8/asm_defs.c is the model.
 */
#include "arch_vcpu_regs.h"
#include "config.h"
#include "cpu.h"
#include "spinlock.h"
#include "vgic.h"

/* %c0: the constant alone (no '#'); the compiler evaluates val, so it must be constant. */
#define DEFINE(sym, val)	 __asm__ volatile("\n.ascii \"->" #sym " %c0\"" ::"i"(val))
#define OFFSET(sym, type, field) DEFINE(sym, __builtin_offsetof(type, field))
#define FIELD_SIZE(type, field)	 sizeof(((type *)0)->field)
/* A bit-field's mask within its byte, as the compiler lays it out (AAPCS64 10.1.8). */
#define VIRQ_FLAG(field)	 ((struct virq){.field = 1}.flags)

/* The guest register frame (vectors.S save_guest, arch_vcpu_resume). */
_Static_assert(__builtin_offsetof(struct arch_regs, x) == 0, "vectors.S: x0 at the frame's start");
_Static_assert(__builtin_offsetof(struct arch_regs, elr) ==
		       __builtin_offsetof(struct arch_regs, x[30]) + 8,
	       "vectors.S stores x30 and ELR_EL2 as a pair");
_Static_assert(sizeof(struct arch_regs) % 16 == 0, "the frame keeps SP 16-byte aligned");

static void regs_defines(void)
{
	DEFINE(ARCH_REGS_SIZE, sizeof(struct arch_regs));
	OFFSET(REGS_ELR, struct arch_regs, elr);
	OFFSET(REGS_SPSR, struct arch_regs, spsr);
	DEFINE(HYP_VCPU_REGS_VA, HYP_VCPU_REGS_VA);
}

/* boot.S: one entry (MPIDR, stack) per CPU the hypervisor supports. */
static void boot_defines(void)
{
	DEFINE(SECONDARY_TABLE_ENTRIES, HW_MAX_CPUS);
}

/* The interrupt hot path (vectors.S guest_irq_entry). */
_Static_assert(sizeof(struct cpu) <= HYP_VGIC_HOT_VA - HYP_CPU_VA, "struct cpu overlaps vgic_hot");
_Static_assert((sizeof(struct virq) & (sizeof(struct virq) - 1)) == 0,
	       "vectors.S indexes virq arrays by a shift");
_Static_assert(FIELD_SIZE(struct virq, prio) == 1 && FIELD_SIZE(struct virq, flags) == 1 &&
		       FIELD_SIZE(struct virq, lr) == 1 && FIELD_SIZE(struct virq, lr_vcpu) == 1,
	       "vectors.S loads these with LDRB");
_Static_assert(FIELD_SIZE(struct vgic_hot, nspis) == 4 &&
		       FIELD_SIZE(struct vgic_hot, vcpu_id) == 4 &&
		       FIELD_SIZE(struct vgic_cpu, npending) == 4 &&
		       FIELD_SIZE(struct vgic_cpu, lr_used) == 4,
	       "vectors.S loads these with a W register");
_Static_assert(FIELD_SIZE(struct vgic_hot, lr_mask) == 8, "vectors.S loads it with an X register");

static void virq_defines(void)
{
	DEFINE(VIRQ_SHIFT, __builtin_ctz(sizeof(struct virq)));
	OFFSET(VIRQ_PRIO, struct virq, prio);
	OFFSET(VIRQ_FLAGS, struct virq, flags);
	OFFSET(VIRQ_LR, struct virq, lr);
	OFFSET(VIRQ_LR_VCPU, struct virq, lr_vcpu);
	/* Injectable at once: enabled and hardware-backed, neither pending nor active. */
	DEFINE(VIRQ_HOT_MASK,
	       VIRQ_FLAG(enabled) | VIRQ_FLAG(pending) | VIRQ_FLAG(active) | VIRQ_FLAG(hw));
	DEFINE(VIRQ_HOT_WANT, VIRQ_FLAG(enabled) | VIRQ_FLAG(hw));
	DEFINE(VIRQ_IN_LR, VIRQ_FLAG(in_lr));
	DEFINE(VIRQ_IN_LR_BIT, __builtin_ctz(VIRQ_FLAG(in_lr)));
	OFFSET(VGIC_CPU_NPENDING, struct vgic_cpu, npending);
	OFFSET(VGIC_CPU_LR_USED, struct vgic_cpu, lr_used);
}

static void hot_defines(void)
{
	OFFSET(HOT_CPU, struct vgic_hot, cpu);
	OFFSET(HOT_SPIS, struct vgic_hot, spis);
	OFFSET(HOT_NSPIS, struct vgic_hot, nspis);
	OFFSET(HOT_VCPU_ID, struct vgic_hot, vcpu_id);
	OFFSET(HOT_LOCK, struct vgic_hot, lock);
	OFFSET(HOT_GICC, struct vgic_hot, gicc);
	OFFSET(HOT_GICH, struct vgic_hot, gich);
	OFFSET(HOT_LR_MASK, struct vgic_hot, lr_mask);
}

/* The GICv2 list-register format the hot path writes (vgic.h). */
static void gich_defines(void)
{
	DEFINE(GICH_ELRSR0, GICH_ELRSR0);
	DEFINE(GICH_LR0, GICH_LR0);
	DEFINE(GICH_LR_PENDING, GICH_LR_PENDING);
	DEFINE(GICH_LR_EOI, GICH_LR_EOI);
	DEFINE(GICH_LR_PRIO_SHIFT, GICH_LR_PRIO_SHIFT);
}

/* The ticket lock the hot path takes and releases as spin_lock / spin_unlock do. */
_Static_assert(__builtin_offsetof(struct spinlock, next) == 0, "LDXR takes no offset: next first");
_Static_assert(FIELD_SIZE(struct spinlock, next) == 4 && FIELD_SIZE(struct spinlock, owner) == 4,
	       "vectors.S takes tickets with W registers");

static void spinlock_defines(void)
{
	OFFSET(SPINLOCK_OWNER, struct spinlock, owner);
}

void asm_offsets(void);
void asm_offsets(void)
{
	regs_defines();
	boot_defines();
	virq_defines();
	hot_defines();
	gich_defines();
	spinlock_defines();
}
