// SPDX-License-Identifier: Apache-2.0
/* The interrupt-controller class at run time: the matched driver's operations. */
#include "console.h"
#include "irqchip/irqchip.h"

static const struct irqchip_ops *ops;

int irqchip_init(struct hw_irqchip *ic, const u64 *cpu_ids, u32 ncpus)
{
	if (!ic->drv || !ic->drv->ops) {
		log_err("no interrupt controller driver for the hardware DTB's %s",
			ic->drv ? ic->path : "interrupt controller");
		return -1;
	}
	ops = ic->drv->ops;
	return ops->init(ic, cpu_ids, ncpus);
}

int irqchip_cpu_init(cpuid_t cpu)
{
	return ops->cpu_init(cpu);
}

bool irqchip_ack(irqid_t *irq, u32 *cookie)
{
	return ops->ack(irq, cookie);
}

void irqchip_complete(u32 cookie)
{
	ops->complete(cookie);
}

void irqchip_set_enable(irqid_t irq, cpuid_t cpu, bool on)
{
	ops->set_enable(irq, cpu, on);
}

void irqchip_set_edge(irqid_t irq, bool edge)
{
	ops->set_edge(irq, edge);
}

void irqchip_set_route(irqid_t irq, cpuid_t cpu)
{
	ops->set_route(irq, cpu);
}

bool irqchip_is_pending(irqid_t irq, cpuid_t cpu)
{
	return ops->is_pending(irq, cpu);
}

void irqchip_clear_active(irqid_t irq, cpuid_t cpu)
{
	ops->clear_active(irq, cpu);
}
