// SPDX-License-Identifier: Apache-2.0
/* Picks the GIC driver from the version the hardware DTB gave. */
#include "console.h"
#include "cpu.h"
#include "gic/gic.h"
#include "irqchip.h"

static const struct gic_ops *ops;
volatile u8 *gicd;
static volatile u8 *priv_frame[HW_MAX_CPUS];

int irqchip_init(struct hw_gic *gic)
{
	if (gic->version == 3)
		ops = &gicv3_ops;
	else if (gic->version == 2)
		ops = &gicv2_ops;
	if (!ops) {
		log_err("no supported interrupt controller in the hardware DTB (need arm,gic-v3 "
			"or a GICv2)");
		return -1;
	}
	return ops->init(gic);
}

int irqchip_cpu_init(cpuid_t cpu, u64 mpidr)
{
	return ops->cpu_init(cpu, mpidr);
}

void irqchip_send_ipi(cpuid_t target)
{
	ops->send_sgi(target, hyp_hw.cpus[target].mpidr, IRQ_IPI);
}

irqid_t irqchip_ack(void)
{
	return ops->ack();
}

void irqchip_eoi(irqid_t raw)
{
	ops->eoi(raw);
}

void irqchip_deactivate(irqid_t raw)
{
	ops->deactivate(raw);
}

/* The frame of irq's enable, state and configuration bits: SGIs and PPIs are cpu's own. */
static volatile u8 *frame_for(irqid_t irq, cpuid_t cpu)
{
	return irq < 32 ? priv_frame[cpu] : gicd;
}

/* The calling CPU's (its private area is not mapped yet when the boot CPU enables SPIs). */
static volatile u8 *frame_of(irqid_t irq)
{
	return irq < 32 ? frame_for(irq, this_cpu()->id) : gicd;
}

bool irqchip_is_pending(irqid_t irq, cpuid_t cpu)
{
	return (*gic_reg32(frame_for(irq, cpu), GICD_ISPENDR + (irq / 32) * 4) >> (irq % 32)) & 1;
}

void irqchip_clear_active(irqid_t irq, cpuid_t cpu)
{
	*gic_reg32(frame_for(irq, cpu), GICD_ICACTIVER + (irq / 32) * 4) = 1U << (irq % 32);
}

void irqchip_set_enable(irqid_t irq, bool on)
{
	volatile u8 *frame = frame_of(irq);
	u32 off = (on ? GICD_ISENABLER : GICD_ICENABLER) + (irq / 32) * 4;

	*gic_reg32(frame, off) = 1U << (irq % 32);
	if (!on && ops->wait_disabled)
		ops->wait_disabled(frame, irq);
}

void irqchip_set_edge(irqid_t irq, bool edge)
{
	volatile u32 *cfg = gic_reg32(frame_of(irq), GICD_ICFGR + (irq / 16) * 4);
	u32 bit = 2U << (2 * (irq % 16));

	*cfg = edge ? *cfg | bit : *cfg & ~bit;
}

void gic_priv_init(cpuid_t cpu, volatile u8 *frame)
{
	priv_frame[cpu] = frame;
	*gic_reg32(frame, GICD_ICENABLER) = ~0U;
	for (u32 i = 0; i < 32; i++)
		frame[GICD_IPRIORITYR + i] = GIC_DEFAULT_PRIO;
	frame[GICD_IPRIORITYR + IRQ_IPI] = IPI_PRIORITY;
	*gic_reg32(frame, GICD_ISENABLER) = 1U << IRQ_IPI;
}

void irqchip_set_route(irqid_t spi, cpuid_t cpu)
{
	ops->set_route(spi, cpu, hyp_hw.cpus[cpu].mpidr);
}
