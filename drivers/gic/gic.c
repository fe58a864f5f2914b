// SPDX-License-Identifier: Apache-2.0
/* Picks the GIC driver from the version the hardware DTB gave. */
#include "console.h"
#include "cpu.h"
#include "gic/gic.h"
#include "irqchip.h"

static const struct gic_ops *ops;

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

/* SGIs and PPIs are the calling CPU's own: only then is its private area needed. */
void irqchip_set_enable(irqid_t irq, bool on)
{
	ops->set_enable(irq < 32 ? this_cpu()->id : 0, irq, on);
}

void irqchip_set_edge(irqid_t irq, bool edge)
{
	ops->set_edge(irq < 32 ? this_cpu()->id : 0, irq, edge);
}

void irqchip_set_route(irqid_t spi, cpuid_t cpu)
{
	ops->set_route(spi, cpu, hyp_hw.cpus[cpu].mpidr);
}
