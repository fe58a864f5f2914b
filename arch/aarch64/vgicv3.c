// SPDX-License-Identifier: Apache-2.0
/*
 * GICv3 specifics of the virtual GIC: list registers in ICH_* system
 * registers (IHI 0069H 12.4), emulated redistributors (12.10, 12.11), and
 * trapped ICC_SGI1R_EL1 writes (12.2.23). One 128 KiB redistributor frame per
 * vCPU, Aff0 = vCPU index.
 */
#include "arch/vcpu.h"
#include "irqchip/gic.h"
#include "sysreg.h"
#include "vgic.h"
#include "vm.h"

#define ICH_HCR_EN     (1UL << 0)
#define ICH_HCR_UIE    (1UL << 1)
#define LR_STATE_SHIFT 62
#define LR_HW	       (1UL << 61)
#define LR_GROUP1      (1UL << 60)
#define LR_EOI	       (1UL << 41)

/* ICH_LR<n>_EL2 cannot be indexed: vectors.S branches into one MRS/MSR per register. */
u64 ich_lr_read(u32 n);
void ich_lr_write(u32 n, u64 v);

static u32 v3_count(void)
{
	return (u32)(sysreg_read(S3_4_C12_C11_1) & 0x1f) + 1U; /* ICH_VTR_EL2.ListRegs */
}

/*
 * ICH_ELRSR_EL2, of the implemented list registers only: this CPU's own
 * count, read each time. (A global mask set at every vCPU reset was written
 * by several CPUs at once, each under its own VM's lock, while others read
 * it: shared state no lock covered.)
 */
static u64 v3_empty(void)
{
	return sysreg_read(S3_4_C12_C11_5) & ((1UL << v3_count()) - 1U);
}

/* ICH_LR<n>_EL2 (12.4.6): pending, group 1, priority, and pINTID when hardware-backed. */
static u64 v3_encode(const struct virq *irq, u32 src)
{
	u64 lr = (1UL << LR_STATE_SHIFT) | LR_GROUP1 | ((u64)irq->prio << 48) | irq->intid;

	if (irq->hw) {
		lr |= LR_HW | ((u64)irq->intid << 32);
	} else if (irq->level) {
		lr |= LR_EOI; /* maintenance on EOI, to re-sample the line */
	} else {
		/* edge-triggered, virtual: no maintenance */
	}
	return lr;
}

static void v3_set_underflow(bool on)
{
	sysreg_write(S3_4_C12_C11_0, ICH_HCR_EN | (on ? ICH_HCR_UIE : 0));
}

static void v3_reset(void)
{
	for (u32 i = 0; i < v3_count(); i++) {
		ich_lr_write(i, 0);
	}
	sysreg_write(S3_4_C12_C8_0, 0);	 /* ICH_AP0R0_EL2 */
	sysreg_write(S3_4_C12_C9_0, 0);	 /* ICH_AP1R0_EL2 */
	sysreg_write(S3_4_C12_C11_7, 0); /* ICH_VMCR_EL2 */
	v3_set_underflow(false);
	isb();
}

const struct vgic_lr_ops vgicv3_lr_ops = {
	.read = ich_lr_read,
	.write = ich_lr_write,
	.empty = v3_empty,
	.encode = v3_encode,
	.state_shift = LR_STATE_SHIFT,
	.set_underflow = v3_set_underflow,
	.reset = v3_reset,
	.eoi_bit = LR_EOI,
	.hw_bit = true,
};

static void rd_base_access(struct vcpu *frame, u64 off, struct mmio_access *acc)
{
	struct vgic_cpu *c = &frame->vm->arch.vgic.cpu[frame->id];
	u64 typer = ((u64)frame->id << 32) | ((u64)frame->id << 8) |
		    (frame->id == frame->vm->nvcpus - 1U ? 1U << 4 : 0U);

	switch (off) {
	case GICR_TYPER:
		acc->value = acc->width == 8U ? typer : (u32)typer;
		break;
	case GICR_TYPER + 4U:
		acc->value = typer >> 32;
		break;
	case GICR_WAKER: /* ProcessorSleep, and ChildrenAsleep following it */
		if (acc->write) {
			c->waker = (u32)acc->value & 2U;
		}
		acc->value = c->waker ? 6 : 0;
		break;
	case GICD_PIDR2: /* GICR_PIDR2 */
		acc->value = 0x3b;
		break;
	case 0x0004:		    /* GICR_IIDR */
		acc->value = 0x43b; /* Arm */
		break;
	default:
		acc->value = 0;
		break;
	}
}

static void redist_access(struct vcpu *vcpu, void *dev, struct mmio_access *acc)
{
	struct vm *vm = vcpu->vm;
	u32 n = (u32)(acc->offset / GICR_FRAME);
	u64 off = acc->offset % GICR_FRAME;

	if (n >= vm->nvcpus) {
		acc->value = 0;
		return;
	}
	if (off < GICR_SGI) {
		rd_base_access(&vm->vcpus[n], off, acc);
		return;
	}
	acc->offset = off - GICR_SGI;
	spin_lock(&vm->arch.vgic.lock);
	vgic_irq_regs(vm, &vm->vcpus[n], VGIC_PRIV, acc); /* SGI_base: this vCPU's INTIDs only */
	spin_unlock(&vm->arch.vgic.lock);
}

/*
 * The widths the registers take (IHI 0069H 12.1.3): words everywhere, bytes
 * too for GICR_IPRIORITYR<n>, doublewords too for the 64-bit RD_base ones
 * (TYPER; SETLPIR, CLRLPIR, PROPBASER, PENDBASER, INVLPIR, INVALLR, RAZ/WI here).
 */
static u32 redist_more_widths(struct vcpu *vcpu, void *dev, u64 offset)
{
	u64 off = offset % GICR_FRAME;

	if (off >= GICR_SGI + GICD_IPRIORITYR && off < GICR_SGI + GICD_IPRIORITYR + VGIC_PRIV) {
		return MMIO_W(1);
	}
	switch (off) {
	case GICR_TYPER:
	case 0x40: /* GICR_SETLPIR */
	case 0x48: /* GICR_CLRLPIR */
	case 0x70: /* GICR_PROPBASER */
	case 0x78: /* GICR_PENDBASER */
	case 0xa0: /* GICR_INVLPIR */
	case 0xb0: /* GICR_INVALLR */
		return MMIO_W(8);
	default:
		return 0;
	}
}

const struct mmio_device vgicv3_redist_device = {
	.name = "GIC redistributors",
	.align = 1,
	.widths = MMIO_W(4),
	.more_widths = redist_more_widths,
	.access = redist_access,
};

/* ICC_SGI1R_EL1 value (12.2.23): TargetList [15:0], Aff1, INTID [27:24], Aff2, IRM, RS, Aff3. */
static void sgi1r_write(struct vcpu *vcpu, u64 v)
{
	u64 mask = v & 0xffffU;

	if ((v & (1UL << 40)) != 0U) {
		mask = ~(1UL << vcpu->id);
	} else if (((v >> 16) & 0xffU) || ((v >> 32) & 0xffU) || ((v >> 44) & 0xfU) || (v >> 48)) {
		mask = 0; /* our vCPUs only have Aff0 */
	} else {
		/* the targets in the low 16 bits stand */
	}
	vgic_send_sgi(vcpu, (v >> 24) & 0xfU, mask);
}

/* ESR_EL2 ISS for EC 0x18 (D13.2.37): Op0, Op2, Op1, CRn, Rt, CRm, direction. */
bool vgic_sysreg_trap(struct vcpu *vcpu, struct arch_regs *r, u64 esr)
{
	u32 iss = (u32)(esr & 0x1ffffffU), rt = (iss >> 5) & 0x1fU;
	u32 op0 = (iss >> 20) & 3U, op2 = (iss >> 17) & 7U, op1 = (iss >> 14) & 7U;
	u32 crn = (iss >> 10) & 0xfU, crm = (iss >> 1) & 0xfU;
	bool read = (iss & 1U) != 0U;

	if (op0 != 3U || op1 != 0U || crn != 12U || crm != 11U ||
	    (op2 != 5U && op2 != 6U && op2 != 7U)) {
		return false;
	}
	if (read) {
		return false;
	}
	if (op2 != 7U) { /* ICC_SGI1R_EL1, ICC_ASGI1R_EL1; group-0 SGIs (op2 7) are ignored */
		sgi1r_write(vcpu, rt == 31U ? 0U : r->x[rt]);
	}
	r->elr += 4U;
	return true;
}
