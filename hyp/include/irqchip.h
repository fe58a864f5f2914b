/* SPDX-License-Identifier: Apache-2.0 */
/* The physical interrupt controller, as the hypervisor needs it (IPIs). */
#ifndef TESSERA_IRQCHIP_H
#define TESSERA_IRQCHIP_H

#include "config.h"

#define IRQ_IPI	     1 /* SGI used for hypervisor inter-CPU events */
#define IRQ_SPURIOUS 1023

/* Boot CPU: maps and enables the distributor; fills gic->nr_irqs. Returns 0 or -1. */
int irqchip_init(struct hw_gic *gic);
/* Each CPU: its redistributor / CPU interface. */
int irqchip_cpu_init(cpuid_t cpu, u64 mpidr);
void irqchip_send_ipi(cpuid_t target);
/*
 * Acknowledges the highest-priority interrupt: a raw value to pass back.
 * The CPU interface runs with split priority drop and deactivation (EOImode 1,
 * IHI 0069 4.1.1): irqchip_eoi drops priority; the interrupt stays active until
 * irqchip_deactivate, or, for one handed to a guest with the HW bit, until the
 * guest deactivates its virtual copy.
 */
irqid_t irqchip_ack(void);
void irqchip_eoi(irqid_t raw);
void irqchip_deactivate(irqid_t raw);
/* SPIs globally; SGIs and PPIs on the calling CPU. */
void irqchip_set_enable(irqid_t irq, bool on);
void irqchip_set_edge(irqid_t irq, bool edge);
/*
 * The pending state of irq (of CPU cpu for an SGI or PPI; a GICv2 CPU sees
 * only its own: cpu must then be the caller). For a level-sensitive interrupt
 * that is its line, active or not.
 */
bool irqchip_is_pending(irqid_t irq, cpuid_t cpu);
/* Deactivates irq (of CPU cpu for an SGI or PPI, as above) wherever it was acknowledged. */
void irqchip_clear_active(irqid_t irq, cpuid_t cpu);
/* Routes an SPI to a physical CPU. */
void irqchip_set_route(irqid_t spi, cpuid_t cpu);
/* The INTID in a raw acknowledge value. */
#define IRQ_ID(raw) ((raw)&0x3ff)

#endif
