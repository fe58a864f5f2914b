// SPDX-License-Identifier: Apache-2.0
/*
 * Virtual GIC core: interrupt state, injection through list registers, and
 * the distributor emulation shared by GICv2 and GICv3 (IHI 0069H 12.9,
 * IHI 0048B 4.3). A VM only ever sees the interrupts it owns: every other
 * INTID reads as zero and ignores writes.
 */
#include <string.h>

#include "arch/vm.h"
#include "console.h"
#include "cpu.h"
#include "irqchip/gic.h"
#include "mem.h"
#include "sysreg.h"
#include "vgic.h"
#include "vm.h"

static const struct vgic_lr_ops *lr_ops;

static struct vgic *vgic_of(struct vm *vm)
{
	return &vm->arch.vgic;
}

struct virq *vgic_irq(struct vm *vm, struct vcpu *vcpu, u32 intid)
{
	struct vgic *g = vgic_of(vm);

	if (intid < VGIC_PRIV) {
		return vcpu ? &g->cpu[vcpu->id].priv[intid] : NULL;
	}
	if (intid - VGIC_PRIV < g->nspis && g->spis[intid - VGIC_PRIV].owned) {
		return &g->spis[intid - VGIC_PRIV];
	}
	return NULL;
}

/* Asks the CPU running vcpu_id to refresh its list registers. */
void vgic_kick(struct vm *vm, u32 vcpu_id)
{
	struct vcpu *v = &vm->vcpus[vcpu_id];

	if (v->pcpu != this_cpu()->id) {
		cpu_post_event(v->pcpu, CPU_EV_VGIC);
	}
}

static u32 owner_vcpu(struct vcpu *vcpu, struct virq *irq)
{
	return irq->intid < VGIC_PRIV ? vcpu->id : irq->target;
}

/*
 * A hardware-backed level-sensitive interrupt (the timers' PPIs, a device's
 * level SPI) is pending only while its line is asserted (IHI 0048B 3.2.4,
 * IHI 0069H 4.1): the timer's line drops when the guest sets
 * CNTx_CTL_EL0.ENABLE = 0 or IMASK = 1. While the guest holds it, pending or
 * active, the physical interrupt stays active (EOImode 1), and its physical
 * pending state is the line.
 */
static bool line_dropped(struct vm *vm, struct virq *irq, u32 owner)
{
	return irq->hw && !irq->edge && !irqchip_is_pending(irq->intid, vm->vcpus[owner].pcpu);
}

/* Its line dropped before the guest took it: gone, and the physical one may signal again. */
static void retire(struct vm *vm, struct virq *irq, u32 owner)
{
	vgic_clear_pending(vm, irq, owner);
	irqchip_clear_active(irq->intid, vm->vcpus[owner].pcpu);
}

/* --------------------------------------------------------- list registers */

static void free_lr(struct vgic_cpu *c, struct virq *irq, u32 i)
{
	irq->in_lr = 0;
	irq->active = 0;
	c->lr_used &= ~(1U << i);
	lr_ops->write(i, 0);
}

/* A list register found done: freed; what waited behind it becomes pending. */
static void lr_done(struct vcpu *vcpu, struct vgic_cpu *c, struct virq *irq, u32 i)
{
	struct vm *vm = vcpu->vm;
	u32 owner = owner_vcpu(vcpu, irq);

	free_lr(c, irq, i);
	if (irq->hw && !lr_ops->hw_bit) { /* the guest is done: so is the physical one */
		gic_deactivate(irq->intid);
	}
	if ((irq->level && !irq->hw) || irq->relatch) {
		/* the device still asserts its line, or an edge came meanwhile */
		irq->relatch = 0;
		vgic_make_pending(vm, irq, owner);
		if (owner != vcpu->id && vgic_deliverable(irq)) {
			vgic_kick(vm, owner); /* an SPI routed elsewhere meanwhile */
		}
	}
}

/*
 * A hardware-backed level interrupt the guest had not taken yet whose line
 * dropped: freed and retired. (No software edge waits behind it: the guest's
 * GICD_ISPENDR does not reach hardware-backed interrupts, vgic_dist.c.)
 */
static void lr_dropped(struct vcpu *vcpu, struct vgic_cpu *c, struct virq *irq, u32 i)
{
	free_lr(c, irq, i);
	retire(vcpu->vm, irq, owner_vcpu(vcpu, irq));
}

/* Software entries: arm the EOI maintenance interrupt (hardware-backed ones have no EOI bit). */
static void arm_eoi(struct virq *irq, u32 i, u64 lr)
{
	if (irq->hw || irq->lr_eoi) {
		return;
	}
	lr_ops->write(i, lr | lr_ops->eoi_bit);
	irq->lr_eoi = 1;
}

/*
 * Reads back the list registers. A finished entry is freed (writing it to 0
 * also drops its EOI maintenance condition), and so is a pending one whose
 * level line dropped before the guest took it. An edge that came while its
 * entry is still pending merges with it, as on the GIC (the guest has not
 * seen the first yet); one that came once it is active waits for its EOI.
 * Either way the entry then signals its EOI, so later edges need no kick.
 * A hardware-backed interrupt made pending again merges the same way.
 */
static void sync_lrs(struct vcpu *vcpu, struct vgic_cpu *c)
{
	struct vm *vm = vcpu->vm;

	for (u32 used = c->lr_used; used; used &= used - 1U) {
		u32 i = (u32)__builtin_ctz(used);
		u64 lr = lr_ops->read(i);
		u32 st = (u32)(lr >> lr_ops->state_shift) & 3U;
		struct virq *irq = vgic_irq(vm, vcpu, (u32)(lr & 0x3ffU));

		if (!irq || !irq->in_lr || irq->lr != i) {
			continue;
		}
		if (st == 1U && line_dropped(vm, irq, owner_vcpu(vcpu, irq))) {
			lr_dropped(vcpu, c, irq, i); /* not taken, no longer due */
			continue;
		}
		irq->active = (st >> 1) & 1U;
		if (st == 0U) {
			lr_done(vcpu, c, irq, i);
			continue;
		}
		if (irq->relatch || irq->level || (irq->pending && !irq->hw)) {
			arm_eoi(irq, i, lr);
		} else if (irq->pending && irq->hw && (st & 1U)) {
			vgic_clear_pending(vm, irq, owner_vcpu(vcpu, irq));
		} else {
			/* still pending, not hardware-backed or not yet taken: stays */
		}
		if (irq->relatch && st == 1U) {
			vgic_merge_relatch(vm, irq);
		}
	}
}

/* The highest-priority pending, enabled interrupt of the vCPU not yet in a list register. */
static struct virq *best_pending(struct vcpu *vcpu)
{
	struct vgic *g = vgic_of(vcpu->vm);
	struct virq *best = NULL;

	for (u32 i = 0; i < VGIC_PRIV; i++) {
		struct virq *irq = &g->cpu[vcpu->id].priv[i];

		if (irq->pending && irq->enabled && !irq->in_lr &&
		    (!best || irq->prio < best->prio)) {
			best = irq;
		}
	}
	for (u32 i = 0; i < g->nspis; i++) {
		struct virq *irq = &g->spis[i];

		if (irq->owned && irq->pending && irq->enabled && !irq->in_lr && irq->targets &&
		    irq->target == vcpu->id && (!best || irq->prio < best->prio)) {
			best = irq;
		}
	}
	return best;
}

static void load_lr(struct vcpu *vcpu, struct virq *irq, u32 n)
{
	u64 lr = lr_ops->encode(irq, irq->intid < 16U ? irq->sgi_src : 0U);

	lr_ops->write(n, lr);
	irq->lr_eoi = !irq->hw && (lr & lr_ops->eoi_bit);
	irq->in_lr = 1;
	irq->lr = (u8)n;
	irq->lr_vcpu = (u8)vcpu->id;
	vgic_of(vcpu->vm)->cpu[vcpu->id].lr_used |= 1U << n;
	vgic_clear_pending(vcpu->vm, irq, vcpu->id);
}

/* Out of line: the common flush has nothing to do and should not pay for this frame. */
static __attribute__((noinline)) void flush_locked(struct vcpu *vcpu, struct vgic *g,
						   struct vgic_cpu *c)
{
	/* MISRA misreading 10.3: false is essentially Boolean */
	bool more = false;

	spin_lock(&g->lock);
	sync_lrs(vcpu, c);
	while (c->npending != 0U) {
		u64 empty = lr_ops->empty();
		struct virq *irq = best_pending(vcpu);

		if (!irq) {
			break;
		}
		if (line_dropped(vcpu->vm, irq, vcpu->id)) {
			retire(vcpu->vm, irq, vcpu->id);
			continue;
		}
		if (!empty) {
			/* MISRA misreading 10.3: true is essentially Boolean */
			more = true;
			break;
		}
		load_lr(vcpu, irq, (u32)__builtin_ctzll(empty));
	}
	/* More pending than list registers: ask for a maintenance interrupt on underflow. */
	if (more != c->underflow) {
		lr_ops->set_underflow(more);
	}
	c->underflow = more;
	spin_unlock(&g->lock);
}

void vgic_flush(struct vcpu *vcpu)
{
	struct vgic_cpu *c;

	if (!vcpu || !lr_ops) {
		return;
	}
	c = &vgic_of(vcpu->vm)->cpu[vcpu->id];
	/*
	 * Nothing in flight (the common trap): nothing to do. A racing vgic_make_pending
	 * from another CPU kicks this one, which flushes again on that IPI.
	 */
	if (__atomic_load_n(&c->npending, __ATOMIC_RELAXED) || c->lr_used || c->underflow) {
		flush_locked(vcpu, vgic_of(vcpu->vm), c);
	}
}

/*
 * The common case of a forwarded interrupt (the virtual timer above all): it is
 * enabled, owned by this vCPU, not pending, and its previous list register (if
 * any) is empty again: write a free list register straight away.
 */
static bool inject_fast(struct vcpu *vcpu, struct virq *irq)
{
	struct vgic_cpu *c = &vgic_of(vcpu->vm)->cpu[vcpu->id];
	u64 empty = lr_ops->empty(), own = irq->in_lr ? 1UL << irq->lr : 0U;

	/* Others waiting, finished entries still booked to others, or in another vCPU's list register: the full path. */
	if (c->npending || (empty & c->lr_used & ~own) ||
	    (irq->in_lr && irq->lr_vcpu != vcpu->id)) {
		return false;
	}
	bool loadable = !irq->pending && vgic_deliverable(irq) &&
			(irq->intid < VGIC_PRIV || irq->target == vcpu->id);

	if ((empty & own) != 0U) {
		/* Done: its physical interrupt was deactivated, or it could not have fired again. */
		irq->in_lr = 0;
		irq->active = 0;
		c->lr_used &= ~own;
		if (loadable) {
			load_lr(vcpu, irq, irq->lr); /* the same list register, overwritten */
			return true;
		}
		lr_ops->write(irq->lr, 0);
	}
	if (!empty || irq->in_lr || !loadable) {
		return false;
	}
	load_lr(vcpu, irq, (u32)__builtin_ctzll(empty));
	return true;
}

/*
 * An SPI can arrive at the CPU it was routed to before its vCPU was changed
 * (GICD_IROUTER, ITARGETSR): its new vCPU's CPU is then told.
 */
bool vgic_inject_hw(struct vcpu *vcpu, u32 intid)
{
	struct vgic *g;
	struct virq *irq;
	u32 owner;
	bool kick;

	if (!vcpu || !lr_ops) {
		return false;
	}
	g = vgic_of(vcpu->vm);
	irq = vgic_irq(vcpu->vm, vcpu, intid);
	if (!irq || !vgic_hw_backed(g, intid)) {
		return false;
	}
	spin_lock(&g->lock);
	if (inject_fast(vcpu, irq)) {
		spin_unlock(&g->lock);
		return true;
	}
	sync_lrs(vcpu, &g->cpu[vcpu->id]); /* its previous instance may have just completed */
	owner = owner_vcpu(vcpu, irq);
	vgic_make_pending(vcpu->vm, irq, owner);
	kick = owner != vcpu->id && vgic_deliverable(irq); /* under the lock, as irq's state */
	spin_unlock(&g->lock);
	if (kick) {
		vgic_kick(vcpu->vm, owner);
	}
	vgic_flush(vcpu);
	return true;
}

void vgic_refresh_state(struct vm *vm, struct vcpu *frame, struct virq *irqs, u64 bits)
{
	struct vcpu *me = vcpu_current();

	if (me && me->vm == vm) { /* this CPU's list registers: another CPU's are its own */
		sync_lrs(me, &vgic_of(vm)->cpu[me->id]);
	}
	for (; bits; bits &= bits - 1U) {
		struct virq *irq = &irqs[__builtin_ctzll(bits)];
		u32 owner = irq->intid < VGIC_PRIV ? frame->id : irq->target;

		if (irq->pending && !irq->in_lr && line_dropped(vm, irq, owner)) {
			retire(vm, irq, owner);
		}
	}
}

/* ------------------------------------------------------------- set-up */

static int vgic_own_spi(struct vgic *g, u32 intid, bool hw)
{
	struct virq *irq;

	if (intid < VGIC_PRIV || intid - VGIC_PRIV >= g->nspis) {
		return -1;
	}
	irq = &g->spis[intid - VGIC_PRIV];
	irq->owned = 1;
	g->owned[intid / 32U] |= 1U << (intid % 32U);
	irq->hw = hw;
	g->hw[intid / 32U] =
		(g->hw[intid / 32U] & ~(1U << (intid % 32U))) | (u32)hw << (intid % 32U);
	return 0;
}

static u32 max_spi(const struct cfg_vm *c)
{
	u32 max = 0;

	for (u32 d = 0; d < c->ndevs; d++) {
		for (u32 i = 0; i < c->devs[d].nirqs; i++) {
			max = MAX(max, c->devs[d].irqs[i]);
		}
	}
	for (u32 s = 0; s < c->nshmem; s++) {
		max = MAX(max, c->shmem[s].irq);
	}
	if (c->vuart.present) {
		max = MAX(max, c->vuart.irq);
	}
	return max;
}

static void init_state(struct vm *vm, struct vgic *g)
{
	for (u32 v = 0; v < VGIC_MAX_VCPUS; v++) {
		for (u32 i = 0; i < VGIC_PRIV; i++) {
			g->cpu[v].priv[i] = (struct virq){.intid = (u16)i,
							  .prio = VGIC_DEFAULT_PRIO,
							  .owned = 1,
							  .edge = i < 16U,
							  .hw = i == IRQ_VTIMER || i == IRQ_PTIMER};
		}
	}
	for (u32 i = 0; i < g->nspis; i++) {
		g->spis[i] = (struct virq){
			.intid = (u16)(i + VGIC_PRIV), .prio = VGIC_DEFAULT_PRIO, .targets = 1};
	}
	g->owned[0] = ~0U; /* SGIs and PPIs: every vCPU's own */
	g->hw[0] = 1U << IRQ_VTIMER | 1U << IRQ_PTIMER;
}

static int claim_spis(struct vm *vm, struct vgic *g)
{
	const struct cfg_vm *c = vm->cfg;

	for (u32 d = 0; d < c->ndevs; d++) {
		for (u32 i = 0; i < c->devs[d].nirqs; i++) {
			u32 intid = c->devs[d].irqs[i];

			if (vgic_own_spi(g, intid, true) != 0) {
				return -1;
			}
			irqchip_set_route(
				intid, vm->vcpus[0].pcpu); /* disabled until the guest enables it */
		}
	}
	for (u32 s = 0; s < c->nshmem; s++) {
		if (c->shmem[s].irq && vgic_own_spi(g, c->shmem[s].irq, false)) {
			return -1;
		}
	}
	/* Purely virtual: the same number may be another VM's physical interrupt. */
	if (c->vuart.present && c->vuart.irq && vgic_own_spi(g, c->vuart.irq, false)) {
		return -1;
	}
	return 0;
}

int vgic_init(struct vm *vm)
{
	struct vgic *g = vgic_of(vm);
	const struct hw_irqchip *hw = &hyp_hw.irqchip;

	g->version = hw->variant;
	g->nspis = max_spi(vm->cfg) < VGIC_PRIV ? 0U
						: ALIGN_UP(max_spi(vm->cfg) + 1U, 32U) - VGIC_PRIV;
	g->spis = g->nspis ? mem_alloc(sizeof(struct virq) * g->nspis) : NULL;
	if (g->nspis && !g->spis) {
		return -1;
	}
	lr_ops = g->version == 3U ? &vgicv3_lr_ops : &vgicv2_lr_ops;
	init_state(vm, g);
	if (claim_spis(vm, g) != 0) {
		return -1;
	}
	if (vm_mmio_register(vm, hw->reg[GIC_DIST].base, 0x10000, &vgic_dist_device, NULL) != 0) {
		return -1;
	}
	if (g->version == 3U) {
		return vm_mmio_register(vm, hw->reg[GIC_REDIST].base, GICR_FRAME * vm->nvcpus,
					&vgicv3_redist_device, NULL);
	}
	return vgicv2_map_cpu_interface(vm);
}

int arch_vm_init(struct vm *vm)
{
	isb();
	vm->arch.cntvoff = sysreg_read(cntpct_el0);
	if (hyp_hw.irqchip.variant == 2U && vgicv2_hw_init()) {
		return -1;
	}
	return vgic_init(vm);
}

u64 arch_vm_counter_offset(const struct vm *vm)
{
	return vm->arch.cntvoff;
}

static struct vgic_hot *vgic_hot(void)
{
	return (struct vgic_hot *)HYP_VGIC_HOT_VA;
}

/* The hot path (vectors.S) serves the running vCPU only. */
void vgic_hot_set(struct vcpu *vcpu)
{
	struct vgic *g = vcpu ? vgic_of(vcpu->vm) : NULL;

	*vgic_hot() = (struct vgic_hot){0};
	if (!g) {
		return;
	}
	*vgic_hot() = (struct vgic_hot){.cpu = &g->cpu[vcpu->id],
					.spis = g->spis,
					.nspis = g->nspis,
					.vcpu_id = vcpu->id,
					.lock = &g->lock};
	if (g->version == 2U) {
		vgicv2_hot(vgic_hot());
	}
}

void vgic_vcpu_reset(struct vcpu *vcpu)
{
	struct vgic *g = vgic_of(vcpu->vm);
	struct vgic_cpu *c = &g->cpu[vcpu->id];

	spin_lock(&g->lock);
	lr_ops->reset();
	for (u32 i = 0; i < VGIC_PRIV; i++) {
		c->priv[i].pending = c->priv[i].active = c->priv[i].in_lr = 0;
		c->priv[i].relatch = c->priv[i].lr_eoi = 0;
		c->priv[i].enabled = i < 16U;
	}
	c->lr_used = 0;
	c->underflow = false;
	vgic_release_spis(vcpu);
	spin_unlock(&g->lock);
	/*
	 * The timers' and maintenance PPIs of this CPU belong to its vCPU; a timer
	 * interrupt the vCPU of before held (active) is released.
	 */
	irqchip_clear_active(IRQ_VTIMER, vcpu->pcpu);
	irqchip_clear_active(IRQ_PTIMER, vcpu->pcpu);
	irqchip_set_enable(IRQ_VTIMER, vcpu->pcpu, true);
	irqchip_set_enable(IRQ_PTIMER, vcpu->pcpu, true);
	irqchip_set_enable(IRQ_MAINTENANCE, vcpu->pcpu, true);
	vgic_hot_set(vcpu);
}
