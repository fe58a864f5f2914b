// SPDX-License-Identifier: Apache-2.0
/*
 * The GIC driver's register code common to both versions: the class's
 * operations over the distributor and each CPU's SGI/PPI frame, dispatching
 * what differs to gicv2.c or gicv3.c by the version the DT glue found.
 */
#include "irqchip/gic.h"

static const struct gic_version *version;
volatile u8 *gicd;
static volatile u8 *priv_frame[HW_MAX_CPUS];
static u64 cpu_id[HW_MAX_CPUS]; /* each CPU's arch id (MPIDR affinity): GICv3 routes by it */

static int gic_init(struct hw_irqchip *ic, const u64 *cpu_ids, u32 ncpus)
{
	version = ic->variant == 3U ? &gicv3_version : &gicv2_version;
	for (u32 i = 0; i < ncpus && i < HW_MAX_CPUS; i++) {
		cpu_id[i] = cpu_ids[i];
	}
	return version->init(ic, ncpus);
}

static int gic_cpu_init(cpuid_t cpu)
{
	return version->cpu_init(cpu, cpu_id[cpu]);
}

u32 gic_ack(void)
{
	return version->ack();
}

void gic_eoi(u32 raw)
{
	version->eoi(raw);
}

void gic_deactivate(u32 raw)
{
	version->deactivate(raw);
}

void gic_send_sgi(cpuid_t cpu, u32 sgi)
{
	version->send_sgi(cpu, cpu_id[cpu], sgi);
}

static bool gic_class_ack(irqid_t *irq, u32 *cookie)
{
	u32 raw = gic_ack();

	if (GIC_INTID(raw) == GIC_SPURIOUS) {
		return false;
	}
	*irq = GIC_INTID(raw);
	*cookie = raw;
	return true;
}

static void gic_complete(u32 raw)
{
	gic_eoi(raw);
	gic_deactivate(raw);
}

/* The frame of irq's enable, state and configuration bits: SGIs and PPIs are cpu's own. */
static volatile u8 *frame_for(irqid_t irq, cpuid_t cpu)
{
	return irq < GIC_SPI_BASE ? priv_frame[cpu] : gicd;
}

static bool gic_is_pending(irqid_t irq, cpuid_t cpu)
{
	return (*gic_reg32(frame_for(irq, cpu), GICD_ISPENDR + (irq / 32U) * 4U) >> (irq % 32U)) &
	       1U;
}

static void gic_clear_active(irqid_t irq, cpuid_t cpu)
{
	*gic_reg32(frame_for(irq, cpu), GICD_ICACTIVER + (irq / 32U) * 4U) = 1U << (irq % 32U);
}

static void gic_set_enable(irqid_t irq, cpuid_t cpu, bool on)
{
	volatile u8 *frame = frame_for(irq, cpu);
	u32 off = (on ? GICD_ISENABLER : GICD_ICENABLER) + (irq / 32U) * 4U;

	*gic_reg32(frame, off) = 1U << (irq % 32U);
	if (!on && version->wait_disabled) {
		version->wait_disabled(frame, irq);
	}
}

static void gic_set_edge(irqid_t irq, bool edge)
{
	volatile u32 *cfg = gic_reg32(gicd, GICD_ICFGR + (irq / 16U) * 4U);
	u32 bit = 2U << (2U * (irq % 16U));

	*cfg = edge ? *cfg | bit : *cfg & ~bit;
}

static void gic_set_route(irqid_t irq, cpuid_t cpu)
{
	version->set_route(irq, cpu, cpu_id[cpu]);
}

/* Four priority bytes in one word write (GICD_IPRIORITYR is word-accessible: IHI 0069H 12.9.19). */
#define PRIO_WORD (GIC_DEFAULT_PRIO * 0x01010101U)

void gic_priv_init(cpuid_t cpu, volatile u8 *frame)
{
	priv_frame[cpu] = frame;
	*gic_reg32(frame, GICD_ICENABLER) = ~0U;
	for (u32 i = 0; i < GIC_SPI_BASE; i += 4U) {
		*gic_reg32(frame, GICD_IPRIORITYR + i) = PRIO_WORD;
	}
	frame[GICD_IPRIORITYR + GIC_SGI_IPI] = GIC_IPI_PRIO;
	*gic_reg32(frame, GICD_ISENABLER) = 1U << GIC_SGI_IPI;
}

void gic_spis_init(u32 nr_irqs)
{
	for (u32 i = GIC_SPI_BASE; i < nr_irqs; i += 32U) {
		*gic_reg32(gicd, GICD_ICENABLER + i / 8U) = ~0U;
	}
	for (u32 i = GIC_SPI_BASE; i < nr_irqs; i += 4U) {
		*gic_reg32(gicd, GICD_IPRIORITYR + i) = PRIO_WORD;
	}
}

const struct irqchip_ops gic_ops = {
	.init = gic_init,
	.cpu_init = gic_cpu_init,
	.ack = gic_class_ack,
	.complete = gic_complete,
	.set_enable = gic_set_enable,
	.set_edge = gic_set_edge,
	.set_route = gic_set_route,
	.is_pending = gic_is_pending,
	.clear_active = gic_clear_active,
};
