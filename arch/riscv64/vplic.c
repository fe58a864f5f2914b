// SPDX-License-Identifier: Apache-2.0
/*
 * The virtual PLIC (vplic.h): the PLIC's registers as the RISC-V PLIC
 * specification v1.0.0 lays them out (chapter 3): priorities at 0x0 + 4 *
 * source, pending bits at 0x1000, each context's enables at 0x2000 + 0x80 *
 * context, its threshold at 0x200000 + 0x1000 * context and its claim/complete
 * register 4 bytes after. The gateway (chapter 5) holds a source pending until
 * a context claims it and forwards it again only after its completion; a
 * context's interrupt line is up while some enabled, pending source has a
 * priority above its threshold (chapter 6). That line is the vCPU's VSEIP
 * (hvip, privileged spec 8.2.4). A pass-through source is claimed from the
 * physical PLIC when it arrives and completed there when the guest completes it.
 */
#include <string.h>

#include "arch/vm.h"
#include "cpu.h"
#include "csr.h"
#include "irqchip/aplic.h"
#include "irqchip/irqchip.h"
#include "irqchip/plic.h"
#include "mmio.h"
#include "pt.h"
#include "vm.h"
#include "vplic.h"

bool vplic_bit(const u32 *map, u32 n)
{
	return (map[n / 32U] >> (n % 32U)) & 1U;
}

void vplic_set_bit(u32 *map, u32 n, bool on)
{
	if (on) {
		map[n / 32U] |= 1U << (n % 32U);
	} else {
		map[n / 32U] &= ~(1U << (n % 32U));
	}
}

/* The source a claim by context c would get: highest priority above the threshold, lowest number. */
u32 vplic_best(const struct vplic *p, u32 c)
{
	u32 src = 0, prio = p->ctx[c].threshold;

	for (u32 w = 0; w < VPLIC_WORDS && w * 32U < p->nsrc; w++) {
		u32 ready = p->pending[w] & p->ctx[c].enable[w] & ~p->claimed[w];

		for (; ready; ready &= ready - 1U) {
			u32 s = w * 32U + (u32)__builtin_ctz(ready);

			if (p->prio[s] > prio) {
				prio = p->prio[s];
				src = s;
			}
		}
	}
	return src;
}

/* Every other vCPU of the VM looks at its lines again (this one does before it returns). */
void vplic_kick_others(struct vm *vm)
{
	for (u32 i = 0; i < vm->nvcpus; i++) {
		if (vm->vcpus[i].pcpu != this_cpu()->id) {
			cpu_post_event(vm->vcpus[i].pcpu, CPU_EV_VGIC);
		}
	}
}

void vplic_sync(struct vcpu *vcpu)
{
	struct vplic *p;
	bool line;

	if (!vcpu) {
		return;
	}
	p = &vcpu->vm->arch.vplic;
	spin_lock(&p->lock);
	line = vplic_best(p, vcpu->id) != 0U;
	spin_unlock(&p->lock);
	if (line) {
		csr_set(hvip, IRQ_BIT(IRQ_VS_EXT));
	} else {
		csr_clear(hvip, IRQ_BIT(IRQ_VS_EXT));
	}
	if ((__atomic_fetch_and(&p->soft, ~(1U << vcpu->id), __ATOMIC_ACQUIRE) &
	     (1U << vcpu->id)) != 0U) {
		csr_set(hvip, IRQ_BIT(IRQ_VS_SOFT));
	}
}

void vplic_soft_irq(struct vcpu *v)
{
	__atomic_fetch_or(&v->vm->arch.vplic.soft, 1U << v->id, __ATOMIC_RELEASE);
	if (v->pcpu != this_cpu()->id) {
		cpu_post_event(v->pcpu, CPU_EV_VGIC);
	}
}

bool vplic_inject_hw(struct vcpu *vcpu, irqid_t src, u32 cookie)
{
	struct vplic *p = &vcpu->vm->arch.vplic;

	if (src >= p->nsrc || !vplic_bit(p->hw, src)) {
		return false;
	}
	spin_lock(&p->lock);
	p->cookie[src] = cookie;
	vplic_set_bit(p->pending, src, true);
	spin_unlock(&p->lock);
	vplic_kick_others(vcpu->vm);
	return true;
}

/*
 * A level source is pending while its line is up and it is not claimed (its
 * completion looks at the line again). An edge (a doorbell) is kept even while
 * the source is claimed and forwarded once it is completed: the gateway of an
 * edge-triggered source may hold the edges that arrive while its request is in
 * service (PLIC spec v1.0.0, chapter 5), and a peer's ring must not be lost
 * between a claim and its completion (best() skips claimed sources).
 * An APLIC in MSI mode (a VM with guest interrupt files) pends a level source
 * on its rising edge only (AIA spec 4.7: the MSI clears the pending bit, the
 * guest pends it again with setipnum if the line is still up, 4.9.2).
 */
static void set_line(struct vm *vm, irqid_t src, bool level, bool edge)
{
	struct vplic *p = &vm->arch.vplic;
	bool rising;

	if (src >= p->nsrc || !vplic_bit(p->owned, src) || vplic_bit(p->hw, src)) {
		return;
	}
	spin_lock(&p->lock);
	rising = edge || !vplic_bit(p->level, src);
	vplic_set_bit(p->level, src, level && !edge);
	if (level && (edge || !vplic_bit(p->claimed, src)) && (rising || !p->msi)) {
		vplic_set_bit(p->pending, src, true);
	}
	if (p->msi) {
		vaplic_forward(vm); /* into the target vCPU's file, if the guest enabled it */
	}
	spin_unlock(&p->lock);
	vplic_kick_others(vm);
}

void arch_vm_set_irq(struct vm *vm, irqid_t irq, bool level)
{
	set_line(vm, irq, level, false);
}

void arch_vm_pulse_irq(struct vm *vm, irqid_t irq)
{
	set_line(vm, irq, true, true);
}

u32 vplic_claim(struct vplic *p, u32 c)
{
	u32 src = vplic_best(p, c);

	if (src != 0U) {
		vplic_set_bit(p->pending, src, false);
		vplic_set_bit(p->claimed, src, true);
	}
	return src;
}

void vplic_release(struct vplic *p, u32 src)
{
	vplic_set_bit(p->claimed, src, false);
	if (vplic_bit(p->hw, src)) {
		irqchip_complete(p->cookie[src]);
	} else if (vplic_bit(p->level, src)) {
		vplic_set_bit(p->pending, src, true); /* the line is still up */
	} else {
		/* an edge: done */
	}
}

/* A completion for a source the context does not enable is ignored (chapter 9). */
static void complete(struct vplic *p, u32 c, u32 src)
{
	if (!src || src >= p->nsrc || !vplic_bit(p->claimed, src) ||
	    !vplic_bit(p->ctx[c].enable, src)) {
		return;
	}
	vplic_release(p, src);
}

static u32 read_reg(struct vplic *p, u32 nctx, u64 off)
{
	u32 c = (u32)((off - PLIC_CONTEXT) / PLIC_CTX_STEP);

	if (off < PLIC_PENDING) {
		return off / 4U < p->nsrc && vplic_bit(p->owned, (u32)(off / 4U))
			       ? p->prio[off / 4U]
			       : 0U;
	}
	if (off < (PLIC_PENDING + (VPLIC_WORDS * 4U))) {
		u64 w = (off - PLIC_PENDING) / 4U;

		return p->pending[w] & p->owned[w];
	}
	if ((off >= PLIC_ENABLE) && (off < PLIC_CONTEXT)) {
		u32 ec = (u32)((off - PLIC_ENABLE) / PLIC_ENABLE_STEP);
		u32 w = (u32)((off % PLIC_ENABLE_STEP) / 4U);

		return (ec < nctx) ? p->ctx[ec].enable[w] : 0U;
	}
	if ((off >= PLIC_CONTEXT) && (c < nctx)) {
		if ((off % PLIC_CTX_STEP) == PLIC_THRESHOLD) {
			return p->ctx[c].threshold;
		}
		if ((off % PLIC_CTX_STEP) == PLIC_CLAIM) {
			return vplic_claim(p, c);
		}
	}
	return 0U;
}

static void write_reg(struct vplic *p, u32 nctx, u64 off, u32 v)
{
	u32 c = (u32)((off - PLIC_CONTEXT) / PLIC_CTX_STEP);

	if (off < PLIC_PENDING) {
		if (off / 4U < p->nsrc && vplic_bit(p->owned, (u32)(off / 4U))) {
			p->prio[off / 4U] = (u8)MIN(v, VPLIC_MAX_PRIO);
		}
	} else if ((off >= PLIC_ENABLE) && (off < PLIC_CONTEXT)) {
		u32 ec = (u32)((off - PLIC_ENABLE) / PLIC_ENABLE_STEP);
		u32 w = (u32)((off % PLIC_ENABLE_STEP) / 4U);

		if (ec < nctx) {
			p->ctx[ec].enable[w] = v & p->owned[w];
		}
	} else if ((off >= PLIC_CONTEXT) && (c < nctx)) {
		if ((off % PLIC_CTX_STEP) == PLIC_THRESHOLD) {
			p->ctx[c].threshold = MIN(v, VPLIC_MAX_PRIO);
		} else if ((off % PLIC_CTX_STEP) == PLIC_CLAIM) {
			complete(p, c, v);
		} else {
			/* the rest of a context's page is reserved */
		}
	} else {
		/* pending bits are read-only; the rest of the window is reserved */
	}
}

static void vplic_access(struct vcpu *vcpu, void *dev, struct mmio_access *acc)
{
	struct vplic *p = &vcpu->vm->arch.vplic;

	spin_lock(&p->lock);
	if (acc->write) {
		write_reg(p, vcpu->vm->nvcpus, acc->offset, (u32)acc->value);
	} else {
		acc->value = read_reg(p, vcpu->vm->nvcpus, acc->offset);
	}
	spin_unlock(&p->lock);
	if (acc->write) {
		vplic_kick_others(vcpu->vm);
	}
}

/* Every PLIC register is 32 bits wide (chapter 3). */
static const struct mmio_device vplic_device = {
	.name = "virtual PLIC",
	.align = 4,
	.widths = MMIO_W(4),
	.access = vplic_access,
};

static void own(struct vplic *p, irqid_t src, bool hw)
{
	vplic_set_bit(p->owned, src, true);
	vplic_set_bit(p->hw, src, hw);
}

/*
 * The VM's sources: its devices' (routed to its first vCPU's hart; with guest
 * files, where the guest sends them: vaplic.c), its vuart's and channels'.
 */
static void claim_sources(struct vm *vm, struct vplic *p)
{
	const struct cfg_vm *c = vm->cfg;

	for (u32 d = 0; d < c->ndevs; d++) {
		for (u32 i = 0; i < c->devs[d].nirqs; i++) {
			irqid_t src = c->devs[d].irqs[i];

			own(p, src, true);
			if (!p->msi) {
				irqchip_set_route(src, vm->vcpus[0].pcpu);
				irqchip_set_enable(src, vm->vcpus[0].pcpu, true);
			}
		}
	}
	for (u32 s = 0; s < c->nshmem; s++) {
		if (c->shmem[s].irq != 0U) {
			own(p, c->shmem[s].irq, false);
		}
	}
	if (c->vuart.present && c->vuart.irq) {
		own(p, c->vuart.irq, false);
	}
}

/* The VM gets the model of the physical controller: a PLIC, or an APLIC (vaplic.c). */
bool vplic_is_aplic(void)
{
	return (hyp_hw.irqchip.drv != NULL) && (hyp_hw.irqchip.drv->ops == &aplic_ops);
}

/*
 * guest-interrupt-files: vCPU n's IMSIC, page n at the IMSICs' address (the
 * guest DTB's riscv,imsics node), is its hart's guest file (AIA spec 3.2).
 */
static int map_files(struct vm *vm)
{
	const struct hw_irqchip *ic = &hyp_hw.irqchip;

	for (u32 n = 0; n < vm->nvcpus; n++) {
		if (pt_map(&vm->s2, ic->reg[1].base + ((u64)n << PAGE_SHIFT),
			   aplic_vm_file(vm->vcpus[n].pcpu), PAGE_SIZE, PT_RW | PT_DEVICE) != 0) {
			return -1;
		}
	}
	return 0;
}

int arch_vm_init(struct vm *vm)
{
	struct vplic *p = &vm->arch.vplic;
	const struct hw_irqchip *ic = &hyp_hw.irqchip;
	bool aplic = vplic_is_aplic();

	vm->arch.htimedelta = -csr_read(time);
	(void)memset(p, 0, sizeof(*p));
	p->nsrc = MIN(ic->nr_irqs, VPLIC_SRCS);
	p->msi = aplic && vm->cfg->guest_files; /* validated: the IMSICs have guest files */
	if (p->msi && (map_files(vm) != 0)) {
		return -1;
	}
	claim_sources(vm, p);
	if (aplic) {
		vaplic_reset(vm);
	}
	return vm_mmio_register(vm, ic->reg[0].base, ic->reg[0].size,
				aplic ? &vaplic_device : &vplic_device, NULL);
}

u64 arch_vm_counter_offset(const struct vm *vm)
{
	return -vm->arch.htimedelta;
}

/* Back to boot's state; a pass-through source the guest held is completed on the PLIC. */
void arch_vm_reset(struct vm *vm)
{
	struct vplic *p = &vm->arch.vplic;

	spin_lock(&p->lock);
	for (u32 s = 1; s < p->nsrc; s++) {
		if (vplic_bit(p->claimed, s) && vplic_bit(p->hw, s)) {
			irqchip_complete(p->cookie[s]);
		}
	}
	for (u32 w = 0; w < VPLIC_WORDS; w++) {
		p->pending[w] = p->claimed[w] = p->level[w] = 0;
	}
	for (u32 s = 0; s < VPLIC_SRCS; s++) {
		p->prio[s] = 0;
	}
	for (u32 c = 0; c < CFG_MAX_VCPUS; c++) {
		p->ctx[c] = (struct vplic_ctx){0};
	}
	p->soft = 0;
	spin_unlock(&p->lock);
	if (vplic_is_aplic()) {
		vaplic_reset(vm);
	}
}
