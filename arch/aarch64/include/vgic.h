/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Virtual GIC (GICv3: Arm IHI 0069H; GICv2: Arm IHI 0048B). Each VM gets an
 * emulated distributor (and, on v3, emulated redistributors) that exposes
 * only its own interrupts; the CPU interface is the hardware's virtual one
 * (ICV system registers on v3, the GICV frame on v2), fed through list
 * registers. Pass-through SPIs and the virtual timer PPI use the HW bit, so
 * the guest's deactivation deactivates the physical interrupt.
 */
#ifndef ARCH_AARCH64_VGIC_H
#define ARCH_AARCH64_VGIC_H

#include "mmio.h"
#include "spinlock.h"
#include "types.h"
#include "arch_layout.h"

#define VGIC_PRIV	  32U /* SGIs and PPIs, per vCPU */
#define VGIC_MAX_VCPUS	  8U
#define VGIC_MAX_INTID	  1024U
#define IRQ_MAINTENANCE	  25U /* PPI: list register maintenance */
#define IRQ_VTIMER	  27U /* PPI: EL1 virtual timer */
#define IRQ_PTIMER	  30U /* PPI: EL1 physical timer (non-secure), the guest's too */
#define VGIC_DEFAULT_PRIO 0xa0U

struct vm;
struct vcpu;
struct arch_regs;

/*
 * One interrupt's state, 8 bytes. Written under the VM's vGIC lock; read
 * under it too, but for what never changes once vgic_init set it (intid, and
 * the VM's ownership: the owned bitmap of struct vgic). The interrupt hot
 * path (vectors.S) reads prio, lr, lr_vcpu and tests several flags in one
 * load of the flags byte: their offsets and masks come from these
 * declarations (asm_offsets.c), never written by hand.
 */
struct virq {
	u16 intid : 10;	 /* 0 .. 1023 */
	u16 relatch : 1; /* in_lr: a software edge came since, not yet merged (sync_lrs) */
	u16 lr_eoi : 1;	 /* in_lr: its list register raises a maintenance interrupt on EOI */
	u8 prio;	 /* the top 5 bits (VGIC_PRIO_MASK) */
	u8 target;	 /* SPI: the vCPU it is delivered to (one of targets) */
	union {
		u8 flags; /* the bits below as one byte: vectors.S's view */
		struct {
			u8 owned : 1;
			u8 enabled : 1;
			u8 pending : 1;
			u8 active : 1;
			u8 hw : 1; /* backed by the same physical INTID */
			u8 in_lr : 1;
			u8 edge : 1;
			u8 level : 1; /* software level-sensitive line still asserted */
		};
	};
	u8 lr;
	union {
		u8 sgi_src; /* GICv2 SGIs: the sending vCPU */
		u8 targets; /* SPIs: the vCPUs it may go to; none: it is not delivered */
	};
	u8 lr_vcpu; /* in_lr: whose list register (an SPI may be re-routed) */
};

/*
 * Priorities keep their top 5 bits, the others read as zero (implemented
 * priority bits, IHI 0048B 3.3): GICv2 list registers hold no more (IHI 0048B
 * 5.3.11), and a priority then goes into one shifted as a whole.
 */
#define VGIC_PRIO_MASK 0xf8U
_Static_assert((VGIC_DEFAULT_PRIO & ~VGIC_PRIO_MASK) == 0U, "default priority has 5 bits");

/* GICv2 virtual interface control registers, GICH (IHI 0048B 5.3). */
#define GICH_HCR	   0x000
#define GICH_HCR_EN	   0x1U /* the virtual CPU interface on (5.3.1) */
#define GICH_HCR_UIE	   0x2U /* maintenance interrupt when at most one list register is valid */
#define GICH_VTR	   0x004
#define GICH_VMCR	   0x008
#define GICH_ELRSR0	   0x030 /* then GICH_ELRSR1: bit n, list register n is empty */
#define GICH_APR	   0x0f0
#define GICH_LR0	   0x100U      /* GICH_LR<n> at GICH_LR0 + 4n */
#define GICH_LR_PENDING	   0x10000000U /* bit 28, GICH_LR.State: pending (5.3.11) */
#define GICH_LR_EOI	   0x00080000U /* bit 19, software interrupt: maintenance interrupt on EOI */
/* GICH_LR.Priority [27:23] holds prio[7:3]: with the others zero (VGIC_PRIO_MASK), prio << 20. */
#define GICH_LR_PRIO_SHIFT 20

/*
 * What the interrupt hot path in vectors.S needs, in this CPU's private area
 * (HYP_VGIC_HOT_VA; offsets: asm_offsets.c). This CPU's alone: written by
 * vgic_hot_set on it, read by its IRQ vector; what it points to is the VM's,
 * under lock.
 */
struct vgic_hot {
	struct vgic_cpu *cpu; /* the running vCPU's state; NULL: no hot path */
	struct virq *spis;
	u32 nspis;
	u32 vcpu_id;
	struct spinlock *lock;
	volatile void *gicc; /* GICv2 only: the physical CPU interface */
	volatile void *gich; /* GICv2 only: the virtual interface control frame */
	u64 lr_mask;	     /* GICv2 only: the implemented list registers */
};

/* Under the VM's vGIC lock (struct vgic), but for npending's unlocked read (below). */
struct vgic_cpu {
	struct virq priv[VGIC_PRIV];
	u32 waker;	/* v3 GICR_WAKER.ProcessorSleep */
	u32 npending;	/* interrupts pending and deliverable (vgic_deliverable), not in an LR */
	u32 lr_used;	/* list registers booked to an interrupt (cleared when found done) */
	bool underflow; /* the underflow maintenance interrupt is asked for */
};

struct vgic {
	u32 version;
	u32 ctlr;
	u32 nspis; /* INTIDs 32 .. 32 + nspis - 1 are described */
	struct virq *spis;
	u32 owned[VGIC_MAX_INTID / 32U];   /* bitmap of the INTIDs the VM sees */
	u32 hw[VGIC_MAX_INTID / 32U];	   /* those hardware-backed (virq.hw): vgic_hw_backed */
	u32 latched[VGIC_MAX_INTID / 32U]; /* SPIs an edge would not change (vgic.c, atomic) */
	struct spinlock lock;
	struct vgic_cpu cpu[VGIC_MAX_VCPUS];
};

/*
 * Whether intid is hardware-backed: set by vgic_init, read-only after, so it
 * is read without the lock (the virq's hw bit shares a byte with flags other
 * CPUs change under it).
 */
static inline bool vgic_hw_backed(const struct vgic *g, u32 intid)
{
	return intid < VGIC_MAX_INTID && ((g->hw[intid / 32U] >> (intid % 32U)) & 1U);
}

/*
 * npending is changed by any CPU that makes one of the vCPU's interrupts
 * pending, under the lock, and read without it by vgic_flush's quick check
 * on the vCPU's CPU (a change it misses comes with a kick): relaxed atomic
 * stores for the writers, a relaxed atomic load for that reader.
 */
static inline void vgic_npending_set(struct vgic_cpu *c, u32 n)
{
	__atomic_store_n(&c->npending, n, __ATOMIC_RELAXED);
}

static inline void vgic_npending_add(struct vgic_cpu *c, int d)
{
	vgic_npending_set(c, c->npending + (u32)d); /* the lock holder's own read */
}

/* List-register access of the running GIC version. */
struct vgic_lr_ops {
	u64 (*read)(u32 n);
	void (*write)(u32 n, u64 v);
	u64 (*empty)(void); /* bitmap of free list registers */
	u64 (*encode)(const struct virq *irq, u32 vcpu_src);
	void (*set_underflow)(bool on);
	void (*reset)(void);
	u32 state_shift; /* of the state field: bit 0 pending, bit 1 active */
	u64 eoi_bit;	 /* software interrupts: maintenance interrupt on EOI */
	/*
	 * false: hardware-backed interrupts are injected as software ones with an
	 * EOI maintenance interrupt, and the hypervisor deactivates the physical
	 * one. Used on GICv2, where QEMU 7.2 does not re-signal a physical
	 * interrupt that became pending again while a HW-bit virtual copy was active.
	 */
	bool hw_bit;
};

int vgic_init(struct vm *vm);
void vgic_vcpu_reset(struct vcpu *vcpu);
/* The interrupt hot path of this CPU serves vcpu from now on (NULL: none). */
void vgic_hot_set(struct vcpu *vcpu);
/* A physical interrupt arrived for this CPU's vCPU: injects it; false if not the VM's. */
bool vgic_inject_hw(struct vcpu *vcpu, u32 intid);
/* Before returning to the guest: refreshes the list registers. */
void vgic_flush(struct vcpu *vcpu);
/* An SGI from vcpu to the vCPUs in target_mask (bits beyond the VM's vCPUs are ignored). */
void vgic_send_sgi(struct vcpu *vcpu, u32 sgi, u64 target_mask);
/* Traps of ICC_SGI1R_EL1 and friends (GICv3). */
bool vgic_sysreg_trap(struct vcpu *vcpu, struct arch_regs *r, u64 esr);

/* Shared by the version-specific files. */
struct virq *vgic_irq(struct vm *vm, struct vcpu *vcpu, u32 intid);
/*
 * Under the lock, before the guest reads the pending or active state of the
 * interrupts in bits (of the block starting at irqs; frame: whose SGIs and
 * PPIs): the list registers read back, level lines resampled.
 */
void vgic_refresh_state(struct vm *vm, struct vcpu *frame, struct virq *irqs, u64 bits);
extern const struct mmio_device vgic_dist_device;
void vgic_irq_regs(struct vm *vm, struct vcpu *frame, u32 limit, struct mmio_access *acc);
void vgic_kick(struct vm *vm, u32 vcpu_id);
/*
 * Whether a pending interrupt counts in its vCPU's npending: it could be
 * given to that vCPU now (enabled and, an SPI, routed to one of the VM's
 * vCPUs; GICD_ITARGETSR may route it to none).
 */
static inline bool vgic_deliverable(const struct virq *irq)
{
	return irq->enabled && (irq->intid < VGIC_PRIV || irq->targets);
}
/* Pending state (vgic_pending.c), under the VM's vGIC lock: irq pending for vCPU owner or not. */
void vgic_make_pending(struct vm *vm, struct virq *irq, u32 owner);
void vgic_clear_pending(struct vm *vm, struct virq *irq, u32 owner);
void vgic_merge_relatch(struct vm *vm, struct virq *irq);
/*
 * A vCPU starts (its list registers empty again), under the lock: the SPIs
 * they held are released, its npending recounted.
 */
void vgic_release_spis(struct vcpu *vcpu);
/* GICD_ISENABLER / ICENABLER writes, under the lock. */
void vgic_set_enabled(struct vm *vm, struct virq *irq, u32 owner, bool on);
/* GICD_ISPENDR (a software edge) / GICD_ICPENDR writes, under the lock. */
void vgic_set_pending(struct vm *vm, struct virq *irq, u32 owner, bool on);
/*
 * GICD_ITARGETSR / GICD_IROUTER writes, under the lock: the vCPUs (bitmap,
 * within the VM's) an SPI may be delivered to; none: it is not delivered.
 */
void vgic_set_targets(struct vm *vm, struct virq *irq, u32 targets);
extern const struct vgic_lr_ops vgicv3_lr_ops;
extern const struct vgic_lr_ops vgicv2_lr_ops;
extern const struct mmio_device vgicv3_redist_device;
int vgicv2_map_cpu_interface(struct vm *vm);
int vgicv2_hw_init(void);
/* The GICv2 part of this CPU's hot-path record. */
void vgicv2_hot(struct vgic_hot *hot);

#endif
