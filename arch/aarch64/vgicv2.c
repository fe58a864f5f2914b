// SPDX-License-Identifier: Apache-2.0
/*
 * GICv2 specifics of the virtual GIC (IHI 0048B chapter 5): list registers in
 * the GICH frame (banked per CPU), and the GICV frame mapped where the VM
 * expects its GICC, so the guest's CPU-interface accesses never trap.
 */
#include "console.h"
#include "irqchip/gic.h"
#include "cpu.h"
#include "mem.h"
#include "vgic.h"
#include "vm.h"

#define GICV_MIN_SIZE 0x2000U /* GICV_DIR lives at 0x1000 */

static volatile u8 *gich;

int vgicv2_hw_init(void)
{
	if (!gich) {
		gich = mem_map_device(hyp_hw.irqchip.reg[GIC_HYP].base, PAGE_SIZE);
	}
	if (!gich) {
		log_err("GICv2: cannot map the GICH frame at PA 0x%lx",
			hyp_hw.irqchip.reg[GIC_HYP].base);
		return -1;
	}
	return 0;
}

static u32 v2_count(void)
{
	return (*gic_reg32(gich, GICH_VTR) & 0x3f) + 1;
}

static u64 v2_read(u32 n)
{
	return *gic_reg32(gich, GICH_LR0 + 4U * n);
}

static void v2_write(u32 n, u64 v)
{
	*gic_reg32(gich, GICH_LR0 + 4U * n) = (u32)v;
}

static u64 v2_empty(void)
{
	u64 e = *gic_reg32(gich, GICH_ELRSR0) | ((u64)*gic_reg32(gich, GICH_ELRSR0 + 4) << 32);

	return e & ((1UL << v2_count()) - 1U);
}

/* GICH_LR<n> (5.3.11): group 0, pending, priority [27:23], physical ID or SGI source CPU. */
static u64 v2_encode(const struct virq *irq, u32 src)
{
	u32 lr = GICH_LR_PENDING | ((u32)irq->prio << GICH_LR_PRIO_SHIFT) | irq->intid;

	if (irq->intid < 16U && !irq->hw) {
		lr |= (src & 7U) << 10;
	} else if (irq->level || irq->hw) {
		lr |= GICH_LR_EOI; /* hardware-backed too: we deactivate the physical one on EOI */
	} else {
		/* edge-triggered, virtual: no maintenance */
	}
	return lr;
}

static void v2_set_underflow(bool on)
{
	u32 hcr = GICH_HCR_EN;

	if (on) {
		hcr |= GICH_HCR_UIE;
	}
	*gic_reg32(gich, GICH_HCR) = hcr;
}

static void v2_reset(void)
{
	for (u32 i = 0; i < v2_count(); i++) {
		v2_write(i, 0);
	}
	*gic_reg32(gich, GICH_APR) = 0;
	*gic_reg32(gich, GICH_VMCR) = 0;
	v2_set_underflow(false);
}

void vgicv2_hot(struct vgic_hot *hot)
{
	hot->gicc = gicv2_cpu_interface();
	hot->gich = gich;
	hot->lr_mask = (1UL << v2_count()) - 1U;
}

const struct vgic_lr_ops vgicv2_lr_ops = {
	.read = v2_read,
	.write = v2_write,
	.empty = v2_empty,
	.encode = v2_encode,
	.state_shift = 28, /* GICH_LR.State, bits [29:28] */
	.set_underflow = v2_set_underflow,
	.reset = v2_reset,
	.eoi_bit = GICH_LR_EOI,
	.hw_bit = false,
};

/*
 * The guest's CPU interface at the IPA of the physical one, backed by GICV,
 * mapped linearly over the smaller of the two regions. Where the DT gives both
 * 128 KiB (a GIC-400 with its pages mirrored over 64 KiB frames,
 * gicv2_cpu_if_offset) the guest sees the mirrors its board DT describes:
 * GICV page 0 repeated up to +0xffff, page 1 from +0x10000, so a guest
 * using GICC_DIR at the +0xf000 window, as Linux does, reaches GICV_DIR.
 */
int vgicv2_map_cpu_interface(struct vm *vm)
{
	const struct mem_range *gicc = &hyp_hw.irqchip.reg[GIC_CPU];
	const struct mem_range *gicv = &hyp_hw.irqchip.reg[GIC_VCPU];
	u64 size = ALIGN_UP(MAX(MIN(gicc->size, gicv->size), GICV_MIN_SIZE), PAGE_SIZE);

	if (!gicv->base || pt_map(&vm->s2, gicc->base, gicv->base, size, PT_RW | PT_DEVICE)) {
		log_err("%s: cannot map the GICv2 virtual CPU interface (GICV at PA 0x%lx)",
			vm->cfg->path, gicv->base);
		return -1;
	}
	return 0;
}
