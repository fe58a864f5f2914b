// SPDX-License-Identifier: Apache-2.0
/*
 * Emulated GIC distributor registers (GICv3: IHI 0069H 12.9; GICv2: IHI
 * 0048B 4.3). The same bitmap/byte-array helpers serve the GICv3
 * redistributor SGI_base frame. Only the VM's own interrupts are visible.
 */
#include "console.h"
#include "irqchip/gic.h"
#include "vgic.h"
#include "vm.h"

#define GICD_IIDR	   0x0008
#define GICD_ICACTIVER_END 0x0400U
#define GICD_CPENDSGIR	   0x0f10U /* v2; with GICD_SPENDSGIR after it: 0x20 bytes */
#define IIDR_ARM	   0x43b

enum bitmap_reg { REG_GROUP, REG_SENABLE, REG_CENABLE, REG_SPEND, REG_CPEND, REG_SACT, REG_CACT };

static u32 read_bit(struct vgic *g, struct virq *irq, enum bitmap_reg reg)
{
	switch (reg) {
	case REG_GROUP:
		return g->version == 3U; /* group 1 on v3, group 0 on v2 (no security) */
	case REG_SENABLE:
	case REG_CENABLE:
		return irq->enabled;
	case REG_SPEND:
	case REG_CPEND:
		return irq->pending || irq->relatch || (irq->in_lr && !irq->active);
	default:
		return irq->active;
	}
}

static void write_bit(struct vm *vm, struct vcpu *frame, struct virq *irq, enum bitmap_reg reg)
{
	u32 owner = frame && irq->intid < VGIC_PRIV ? frame->id : irq->target;
	bool on = reg == REG_SENABLE;

	switch (reg) {
	case REG_SENABLE:
	case REG_CENABLE:
		/* A hardware-backed SPI: the physical one follows the guest's enable (and targets). */
		vgic_set_enabled(vm, irq, owner, on);
		if (irq->hw && irq->intid >= VGIC_PRIV) {
			irqchip_set_enable(irq->intid, 0, on && irq->targets);
		}
		if (on && (irq->pending || irq->relatch)) {
			vgic_kick(vm, irq->in_lr ? irq->lr_vcpu : owner);
		}
		break;
	case REG_SPEND:
	case REG_CPEND:
		if (!irq->hw) {
			vgic_set_pending(vm, irq, owner, reg == REG_SPEND);
		}
		break;
	default:
		break; /* group and active state are not writable */
	}
}

/*
 * The state of INTIDs first .. first + *n - 1, never across INTID 32 nor past
 * limit (32 in a redistributor's SGI_base frame): the vCPU's SGIs and PPIs,
 * or the VM's SPIs, *n cut to what is there (unowned ones are skipped by the
 * callers). NULL: none visible.
 */
static struct virq *irq_block(struct vm *vm, struct vcpu *frame, u32 limit, u32 first, u32 *n)
{
	struct vgic *g = &vm->arch.vgic;

	if (first >= limit) {
		return NULL;
	}
	if (first < VGIC_PRIV) {
		*n = MIN(*n, VGIC_PRIV - first);
		return frame ? &g->cpu[frame->id].priv[first] : NULL;
	}
	if (first - VGIC_PRIV >= g->nspis) {
		return NULL;
	}
	*n = MIN(*n, g->nspis - (first - VGIC_PRIV));
	return &g->spis[first - VGIC_PRIV];
}

/* One 32-bit word of a 1-bit-per-interrupt register; first = INTID of bit 0. */
static void bitmap_access(struct vm *vm, struct vcpu *frame, u32 limit, u32 first,
			  enum bitmap_reg reg, struct mmio_access *acc)
{
	u32 n = 32, val = 0;
	struct virq *irq = irq_block(vm, frame, limit, first, &n);
	u64 bits = irq ? vm->arch.vgic.owned[first / 32U] & ((1UL << n) - 1U) : 0U;

	if (acc->write && reg != REG_GROUP && reg < REG_SACT) { /* group, active: not writable */
		bits &= acc->value;
	} else if (acc->write) {
		bits = 0;
	} else if (reg >=
		   REG_SPEND) { /* pending, active: as the list registers and lines are now */
		vgic_refresh_state(vm, frame, irq, bits);
	} else {
		/* enable, priority: the bits as they are */
	}
	for (; bits; bits &= bits - 1U) {
		u32 i = (u32)__builtin_ctzll(bits);

		if (acc->write) {
			write_bit(vm, frame, &irq[i], reg);
		} else {
			val |= read_bit(&vm->arch.vgic, &irq[i], reg) << i;
		}
	}
	if (!acc->write) {
		acc->value = val;
	}
}

/* Byte or word (IHI 0069H 12.1.3): one interrupt per byte. */
static void priority_access(struct vm *vm, struct vcpu *frame, u32 limit, u32 first,
			    struct mmio_access *acc)
{
	u32 n = acc->width;
	struct virq *irq = irq_block(vm, frame, limit, first, &n);
	u64 val = 0;

	for (u32 i = 0; irq && i < n; i++) {
		if (!irq[i].owned) {
			continue;
		}
		if (acc->write) {
			irq[i].prio = (u8)(acc->value >> (8U * i)) & VGIC_PRIO_MASK;
		} else {
			u32 shift = 8U * i; /* byte i of the register */

			val |= (u64)irq[i].prio << shift;
		}
	}
	if (!acc->write) {
		acc->value = val;
	}
}

static void config_access(struct vm *vm, struct vcpu *frame, u32 limit, u32 first,
			  struct mmio_access *acc)
{
	u32 n = 16, val = 0;
	struct virq *irq = irq_block(vm, frame, limit, first, &n);

	for (u32 i = 0; irq && i < n; i++) {
		bool edge = (acc->value >> (2U * i + 1U)) & 1U;

		if (!irq[i].owned) {
			continue;
		}
		if (!acc->write) {
			val |= (u32)irq[i].edge << (2U * i + 1U);
		} else if (first >= VGIC_PRIV) {
			irq[i].edge = edge;
			if (irq[i].hw) {
				irqchip_set_edge(irq[i].intid, edge);
			}
		} else {
			/* a private interrupt's configuration is fixed */
		}
	}
	if (!acc->write) {
		acc->value = val;
	}
}

/*
 * Registers indexed by INTID, shared by the distributor and the v3 SGI_base
 * frame, for INTIDs below limit. frame is the vCPU whose SGIs/PPIs the access
 * sees (NULL: none, as in a v3 distributor with affinity routing, where those
 * words are RAZ/WI). The access is one the register takes (dist_more_widths, redist_more_widths), aligned.
 */
void vgic_irq_regs(struct vm *vm, struct vcpu *frame, u32 limit, struct mmio_access *acc)
{
	u64 off = acc->offset & 0xffffU;

	if (off >= GICD_IGROUPR && off < GICD_ICACTIVER_END) {
		u32 reg = (u32)(off - GICD_IGROUPR) / 0x80U;

		bitmap_access(vm, frame, limit, (u32)((off & 0x7fU) * 8U), (enum bitmap_reg)reg,
			      acc);
	} else if (off >= GICD_IPRIORITYR && off < GICD_ITARGETSR) {
		priority_access(vm, frame, limit, (u32)(off - GICD_IPRIORITYR), acc);
	} else if (off >= GICD_ICFGR && off < GICD_ICFGR + 0x100U) {
		config_access(vm, frame, limit, (u32)(off - GICD_ICFGR) * 4U, acc);
	} else {
		acc->value = 0; /* a reserved offset: reads as zero, writes ignored */
	}
}

/*
 * GICv2 GICD_ITARGETSR (IHI 0048B 4.3.12), a byte per INTID: SGIs and PPIs
 * read as the reading vCPU; an SPI holds any set of the VM's vCPUs (bits of
 * CPUs it does not have are RAZ/WI). A uniprocessor VM's are RAZ/WI.
 */
static void targets_access(struct vcpu *vcpu, struct mmio_access *acc)
{
	struct vm *vm = vcpu->vm;
	u32 first = (u32)(acc->offset - GICD_ITARGETSR), cpus = (1U << vm->nvcpus) - 1U;
	u64 val = 0;

	for (u32 i = 0; vm->nvcpus > 1U && i < acc->width; i++) {
		struct virq *irq = vgic_irq(vm, vcpu, first + i);

		if (!irq) {
			continue;
		}
		if (!acc->write) {
			u32 targets = irq->intid < VGIC_PRIV ? 1U << vcpu->id : irq->targets;
			u32 shift = 8U * i; /* byte i of the register */

			val |= (u64)targets << shift;
		} else if (irq->intid >= VGIC_PRIV) {
			vgic_set_targets(vm, irq, (u32)(acc->value >> (8U * i)) & cpus);
		} else {
			/* a private interrupt's target is its vCPU */
		}
	}
	if (!acc->write) {
		acc->value = val;
	}
}

/* GICv3 GICD_IROUTER<n> (12.9.21): Aff0 names the vCPU; 1-of-N routing picks vCPU 0. */
static void router_access(struct vcpu *vcpu, struct mmio_access *acc)
{
	struct virq *irq = vgic_irq(vcpu->vm, NULL, (u32)(acc->offset - GICD_IROUTER) / 8U);
	u64 v = acc->value;
	u32 target;

	if (!irq || (acc->offset & 4U)) {
		acc->value = 0;
		return;
	}
	if (!acc->write) {
		acc->value = irq->target;
		return;
	}
	/* 1-of-N (Interrupt_Routing_Mode, bit 31) or a vCPU the VM lacks: vCPU 0 */
	target = (v & (1UL << 31)) || (v & 0xffU) >= vcpu->vm->nvcpus ? 0U : (u32)(v & 0xffU);
	vgic_set_targets(vcpu->vm, irq, 1U << target);
}

static void sgir_write(struct vcpu *vcpu, u32 v)
{
	u32 filter = (v >> 24) & 3U, list = (v >> 16) & 0xffU;

	/* GICD_SGIR (4.3.15): 0 = listed CPUs, 1 = all others, 2 = self. */
	u64 mask = filter == 0U ? list : filter == 1U ? ~(1UL << vcpu->id) : 1UL << vcpu->id;

	vgic_send_sgi(vcpu, v & 0xfU, mask);
}

static void ctlr_access(struct vcpu *vcpu, struct vgic *g, struct mmio_access *acc)
{
	u32 typer_lines = (VGIC_PRIV + g->nspis) / 32U - 1U;

	switch (acc->offset) {
	case GICD_CTLR:
		if (acc->write) {
			g->ctlr = (u32)acc->value & 3U;
		}
		acc->value = g->ctlr | (g->version == 3U ? GICD_CTLR_ARE : 0U);
		break;
	case GICD_TYPER:
		acc->value = typer_lines | (g->version == 3U ? 9U << 19 /* IDbits: 10 */
							     : (vcpu->vm->nvcpus - 1U) << 5);
		break;
	case GICD_IIDR:
		acc->value = IIDR_ARM;
		break;
	default:
		acc->value = 0;
		break;
	}
}

static void dist_locked(struct vcpu *vcpu, struct vgic *g, struct mmio_access *acc)
{
	u64 off = acc->offset;

	if (off < GICD_IGROUPR) {
		ctlr_access(vcpu, g, acc);
	} else if (off >= GICD_ITARGETSR && off < GICD_ICFGR && g->version == 2U) {
		targets_access(vcpu, acc);
	} else if (off >= GICD_IROUTER && off < GICD_IROUTER + 8U * 1020U && g->version == 3U) {
		router_access(vcpu, acc);
	} else if (off == (g->version == 3U ? GICD_PIDR2 : GICD_ICPIDR2)) {
		acc->value = g->version == 3U ? 0x3bUL : 0x2bUL; /* ArchRev in bits [7:4] */
	} else if (off < GICD_SGIR) {
		vgic_irq_regs(vcpu->vm, g->version == 2U ? vcpu : NULL, VGIC_MAX_INTID, acc);
	} else {
		acc->value = 0;
	}
}

/* Register emulation runs under the VM's vGIC lock: interrupt state bits share bytes. */
static void dist_access(struct vcpu *vcpu, void *dev, struct mmio_access *acc)
{
	struct vgic *g = &vcpu->vm->arch.vgic;

	if (acc->offset == GICD_SGIR && g->version == 2U) {
		if (acc->write) {
			sgir_write(vcpu, (u32)acc->value); /* takes the lock itself */
		}
		acc->value = 0;
		return;
	}
	spin_lock(&g->lock);
	dist_locked(vcpu, g, acc);
	spin_unlock(&g->lock);
}

/*
 * The widths the registers take (IHI 0069H 12.1.3, IHI 0048B 4.1.4): words
 * everywhere; bytes too for the priorities, the GICv2 targets and SGI
 * pending registers; doublewords too for the 64-bit GICv3 IROUTER.
 */
static u32 dist_more_widths(struct vcpu *vcpu, void *dev, u64 off)
{
	if (off >= GICD_IPRIORITYR && off < GICD_ICFGR) {
		return MMIO_W(1);
	}
	if (off >= GICD_CPENDSGIR && off < GICD_CPENDSGIR + 0x20U) {
		return MMIO_W(1);
	}
	if (off >= GICD_IROUTER && off < GICD_IROUTER + 8U * 1024U &&
	    vcpu->vm->arch.vgic.version == 3U) {
		return MMIO_W(8);
	}
	return 0;
}

const struct mmio_device vgic_dist_device = {
	.name = "GIC distributor",
	.align = 1,
	.widths = MMIO_W(4),
	.more_widths = dist_more_widths,
	.access = dist_access,
};
