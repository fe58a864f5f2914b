// SPDX-License-Identifier: Apache-2.0
/*
 * Pending state of virtual interrupts, and what raises it in software: other
 * VMs' doorbells, SGIs between a VM's vCPUs, the virtual UART's line, the
 * guest's own GICD_ISPENDR writes, a VM reset; and what moves it: the
 * guest's enables and routing (GICD_ITARGETSR sets, GICD_IROUTER), a vCPU's
 * start. Each vCPU's npending follows (vgic_deliverable). Guest-triggered: a
 * VM must not be able to make another VM's CPU pay for edges it has not
 * handled yet, so every edge is coalesced (IHI 0069H 4.1.2: an edge on a
 * pending interrupt changes nothing) and kicks a CPU only when that CPU has
 * something new to do.
 */
#include <string.h>

#include "arch/vm.h"
#include "irqchip/gic.h"
#include "vgic.h"
#include "vm.h"

static struct vgic *vgic_of(struct vm *vm)
{
	return &vm->arch.vgic;
}

/*
 * The lock-free view of an SPI's software edges (g->latched): set while one
 * more edge would change nothing (it is pending, or an edge already waits
 * behind its list register). A clear is followed by a full barrier: it pairs
 * with the one in arch_vm_pulse_irq, so a ringer that still sees the bit set
 * wrote its data before the guest, told of the interrupt now, reads it.
 */
static void update_latch(struct vgic *g, const struct virq *irq)
{
	u32 *word = &g->latched[irq->intid / 32U], bit = 1U << (irq->intid % 32U);

	if (irq->intid < VGIC_PRIV || irq->hw) {
		return;
	}
	if (irq->pending || irq->relatch) {
		__atomic_fetch_or(word, bit, __ATOMIC_RELAXED);
	} else if ((__atomic_load_n(word, __ATOMIC_RELAXED) & bit) != 0U) {
		__atomic_fetch_and(word, ~bit, __ATOMIC_RELAXED);
		__atomic_thread_fence(__ATOMIC_SEQ_CST);
	} else {
		/* not pending and not latched: nothing to clear */
	}
}

/*
 * A vCPU's npending counts what it could be given now: its interrupts pending
 * (not in a list register) and deliverable (vgic_deliverable: enabled, an SPI
 * routed). One that is pending but disabled or routed to no vCPU is not
 * counted, so it keeps no CPU off the interrupt hot path (vectors.S).
 */
void vgic_make_pending(struct vm *vm, struct virq *irq, u32 vcpu_id)
{
	if (irq->pending) {
		return;
	}
	irq->pending = 1;
	if (vgic_deliverable(irq)) {
		vgic_npending_add(&vgic_of(vm)->cpu[vcpu_id], 1);
	}
	update_latch(vgic_of(vm), irq);
}

void vgic_clear_pending(struct vm *vm, struct virq *irq, u32 vcpu_id)
{
	if (!irq->pending) {
		return;
	}
	irq->pending = 0;
	if (vgic_deliverable(irq)) {
		vgic_npending_add(&vgic_of(vm)->cpu[vcpu_id], -1);
	}
	update_latch(vgic_of(vm), irq);
}

/* The edge that waited behind a still pending list register merged with it (sync_lrs). */
void vgic_merge_relatch(struct vm *vm, struct virq *irq)
{
	irq->relatch = 0;
	update_latch(vgic_of(vm), irq);
}

void vgic_set_enabled(struct vm *vm, struct virq *irq, u32 vcpu_id, bool on)
{
	bool counted = irq->pending && vgic_deliverable(irq);

	irq->enabled = on;
	if (irq->pending && vgic_deliverable(irq) != counted) {
		vgic_npending_add(&vgic_of(vm)->cpu[vcpu_id], counted ? -1 : 1);
	}
}

/*
 * A software edge on irq (a doorbell, an SGI, a GICD_ISPENDR write) for vCPU
 * owner, under the lock. Coalesced as the GIC does: an edge on an interrupt
 * already pending changes nothing. One that comes while the interrupt sits in
 * a list register waits behind it (relatch; not in npending either, so the
 * interrupt hot path stays open) until that CPU looks (sync_lrs): merged if
 * the guest had not acknowledged the first yet, delivered after its EOI if
 * it had. Returns the vCPU whose CPU must be told, or -1: none when the
 * edge changed nothing, the interrupt is disabled or routed to no vCPU (the
 * enable or the routing tells it), or an EOI maintenance interrupt will
 * bring that CPU back anyway (lr_eoi).
 */
static int soft_edge(struct vm *vm, struct virq *irq, u32 owner)
{
	if (irq->in_lr) {
		if (irq->relatch) {
			return -1;
		}
		irq->relatch = 1;
		update_latch(vgic_of(vm), irq);
		return irq->enabled && !irq->lr_eoi ? (int)irq->lr_vcpu : -1;
	}
	if (irq->pending) {
		return -1;
	}
	vgic_make_pending(vm, irq, owner);
	return vgic_deliverable(irq) ? (int)owner : -1;
}

/*
 * A software line (the virtual UART's): a level, not an edge. While the
 * interrupt sits in a list register the line is sampled again at its EOI
 * (lr_done), which that list register must signal (lr_eoi).
 */
void arch_vm_set_irq(struct vm *vm, irqid_t intid, bool level)
{
	struct vgic *g = vgic_of(vm);
	struct virq *irq = vgic_irq(vm, NULL, intid);
	int kick = -1;

	if (!irq || irq->hw) {
		return;
	}
	spin_lock(&g->lock);
	irq->level = level;
	if (!level) {
		vgic_clear_pending(vm, irq, irq->target);
	} else if (irq->in_lr) {
		kick = irq->lr_eoi ? -1 : (int)irq->lr_vcpu;
	} else if (!irq->pending) {
		vgic_make_pending(vm, irq, irq->target);
		kick = vgic_deliverable(irq) ? (int)irq->target : -1;
	} else {
		/* already pending: the level changes nothing */
	}
	spin_unlock(&g->lock);
	if (kick >= 0) {
		vgic_kick(vm, (u32)kick);
	}
}

/*
 * An interrupt as at boot: the layout's ownership and backing, nothing
 * pending, an SPI routed to vCPU 0.
 */
static struct virq boot_virq(const struct virq *irq)
{
	return (struct virq){.intid = irq->intid,
			     .prio = VGIC_DEFAULT_PRIO,
			     .owned = irq->owned,
			     .hw = irq->hw,
			     .edge = irq->edge,
			     .targets = irq->intid >= VGIC_PRIV};
}

/*
 * PSCI SYSTEM_RESET (all vCPUs stopped): the distributor and every vCPU's
 * private interrupts come back as at boot. Hardware-backed SPIs are disabled,
 * deactivated (not held by the guest of before) and routed to vCPU 0 again at
 * the physical GIC; the list registers are cleared by each vCPU's reset.
 */
void arch_vm_reset(struct vm *vm)
{
	struct vgic *g = vgic_of(vm);

	spin_lock(&g->lock);
	for (u32 i = 0; i < g->nspis; i++) {
		struct virq *irq = &g->spis[i];

		if (irq->hw) {
			irqchip_set_enable(irq->intid, 0, false);
			irqchip_clear_active(irq->intid, vm->vcpus[0].pcpu);
			irqchip_set_route(irq->intid, vm->vcpus[0].pcpu);
		}
		*irq = boot_virq(irq);
	}
	for (u32 v = 0; v < VGIC_MAX_VCPUS; v++) {
		struct vgic_cpu *c = &g->cpu[v];

		for (u32 i = 0; i < VGIC_PRIV; i++) {
			c->priv[i] = boot_virq(&c->priv[i]);
		}
		vgic_npending_set(c, 0);
		c->lr_used = c->waker = 0;
		c->underflow = false;
	}
	(void)memset(g->latched, 0, sizeof(g->latched));
	g->ctlr = 0;
	spin_unlock(&g->lock);
}

/*
 * A software edge from another VM (a doorbell). Lock-free when it would
 * change nothing (latched: already pending, or waiting behind its list
 * register): a VM ringing in a loop costs the target neither its lock nor an
 * interrupt. The barrier orders the ringer's writes to the channel before
 * its look at the latch (see update_latch).
 */
void arch_vm_pulse_irq(struct vm *vm, irqid_t intid)
{
	struct vgic *g = vgic_of(vm);
	struct virq *irq = vgic_irq(vm, NULL, intid);
	int kick;

	if (!irq || vgic_hw_backed(g, intid)) {
		return;
	}
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	if ((__atomic_load_n(&g->latched[intid / 32U], __ATOMIC_RELAXED) & (1U << (intid % 32U))) !=
	    0U) {
		return;
	}
	spin_lock(&g->lock);
	kick = soft_edge(vm, irq, irq->target);
	spin_unlock(&g->lock);
	if (kick >= 0) {
		vgic_kick(vm, (u32)kick);
	}
}

void vgic_send_sgi(struct vcpu *vcpu, u32 sgi, u64 target_mask)
{
	struct vm *vm = vcpu->vm;
	struct vgic *g = vgic_of(vm);

	for (u32 t = 0; t < vm->nvcpus; t++) {
		struct virq *irq = &g->cpu[t].priv[sgi & 15U];
		int kick;

		if (!(target_mask & (1UL << t))) {
			continue;
		}
		spin_lock(&g->lock);
		irq->sgi_src = (u8)vcpu->id;
		kick = soft_edge(vm, irq, t);
		spin_unlock(&g->lock);
		if (kick >= 0) {
			vgic_kick(vm, (u32)kick);
		}
	}
}

/* GICD_ISPENDR / ICPENDR (the distributor emulation, under the lock): a software edge, or none pending. */
void vgic_set_pending(struct vm *vm, struct virq *irq, u32 owner, bool on)
{
	int kick;

	if (!on) {
		irq->relatch = 0;
		vgic_clear_pending(vm, irq, owner);
		update_latch(vgic_of(vm), irq);
		return;
	}
	kick = soft_edge(vm, irq, owner);
	if (kick >= 0) {
		vgic_kick(vm, (u32)kick);
	}
}

/*
 * GICD_ITARGETSR / IROUTER (under the lock). An SPI may go to any set of the
 * VM's vCPUs (GICv2 GICD_ITARGETSR, IHI 0048B 4.3.12; GICv3 routes to one):
 * the 1-of-N choice is the lowest-numbered of them, and with none it stays
 * pending without being delivered (IHI 0048B 4.3.12). Its pending count
 * moves with it (or goes, or comes back), and its physical route and, with
 * no target, its physical enable follow. Its new vCPU is told of it if it is
 * pending and deliverable.
 */
void vgic_set_targets(struct vm *vm, struct virq *irq, u32 targets)
{
	struct vgic *g = vgic_of(vm);
	u32 target = targets ? (u32)__builtin_ctz(targets) : irq->target;
	bool was_routed = irq->targets != 0U, counted = irq->pending && vgic_deliverable(irq);

	if (counted) {
		vgic_npending_add(&g->cpu[irq->target], -1);
	}
	irq->target = (u8)target;
	irq->targets = (u8)targets;
	if (irq->pending && vgic_deliverable(irq)) {
		vgic_npending_add(&g->cpu[target], 1);
	}
	if (irq->hw) {
		irqchip_set_route(irq->intid, vm->vcpus[target].pcpu);
		/* MISRA misreading 10.4: two Booleans compared */
		if (irq->enabled && was_routed != (targets != 0U)) {
			irqchip_set_enable(irq->intid, 0, targets != 0U);
		}
	}
	if (irq->pending && vgic_deliverable(irq)) {
		vgic_kick(vm, target);
	}
}

/*
 * The SPIs a starting vCPU's list registers (now empty) still held: free
 * again, the physical one of a hardware-backed SPI deactivated, an edge that
 * waited behind one pending; npending recounted. Under the lock.
 */
void vgic_release_spis(struct vcpu *vcpu)
{
	struct vgic *g = vgic_of(vcpu->vm);
	struct vgic_cpu *c = &g->cpu[vcpu->id];
	u32 n = 0;

	for (u32 i = 0; i < g->nspis; i++) {
		struct virq *irq = &g->spis[i];

		if (irq->pending && vgic_deliverable(irq) && irq->target == vcpu->id) {
			n++;
		}
	}
	vgic_npending_set(c, n);
	for (u32 i = 0; i < g->nspis; i++) {
		struct virq *irq = &g->spis[i];

		if (!irq->in_lr || irq->lr_vcpu != vcpu->id) {
			continue;
		}
		irq->in_lr = irq->active = 0;
		if (irq->hw) {
			gic_deactivate(irq->intid);
		}
		if (irq->relatch || (irq->level && !irq->hw)) {
			irq->relatch = 0;
			vgic_make_pending(vcpu->vm, irq, irq->target);
		}
	}
}
