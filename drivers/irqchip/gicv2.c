// SPDX-License-Identifier: Apache-2.0
/* GICv2 for the hypervisor's own use (Arm IHI 0048B): distributor and memory-mapped CPU interface. */
#include "console.h"
#include "irqchip/gic.h"
#include "mem.h"

#define GICC_CTLR 0x00
#define GICC_PMR  0x04
#define GICC_BPR  0x08
#define GICC_IAR  0x0c
#define GICC_EOIR 0x10
#define GICC_IIDR 0xfc
#define GICC_DIR  0x1000

static volatile void *gicc;
static u32 nr_irqs;
static bool uniprocessor;
static u8 cpu_mask[HW_MAX_CPUS]; /* GIC CPU interface bit of each CPU (4.3.12) */
/*
 * The CPU each SPI is routed to (its index + 1), for the SPIs routed to a CPU
 * whose interface bit is not known yet (that CPU reads it: gicv2_cpu_init);
 * whether there are any.
 */
static u8 deferred_route[GIC_MAX_INTID];
static bool routes_wait;

/*
 * The CPU interface, as an 8 KiB GICC_CTLR..GICC_DIR window. One the DT gives
 * 128 KiB has its pages mirrored over 64 KiB frames (gicv2_cpu_if_offset):
 * its window starts at the last mirror of page 0, once GICC_IIDR (4.4.16)
 * reads the same there as at the base, as Linux checks before it trusts the
 * size. A region of that size without the mirrors keeps the plain layout.
 */
static volatile void *gicv2_map_cpu_if(const struct mem_range *r)
{
	u64 off = gicv2_cpu_if_offset(r);
	volatile u8 *base = mem_map_device(r->base, off ? r->size : GICV2_CPU_IF_SIZE);
	u32 iidr, mirror;

	if (!base || !off) {
		return base;
	}
	iidr = *gic_reg32(base, GICC_IIDR);
	mirror = *gic_reg32(base + off, GICC_IIDR);
	if (!iidr || iidr != mirror) {
		log_warn("GICv2: CPU interface 0x%lx has 128 KiB but no 64 KiB mirrors (GICC_IIDR "
			 "0x%x, 0x%x at +0x%lx): plain layout",
			 r->base, iidr, mirror, off);
		return base;
	}
	log_info("GICv2: CPU interface pages mirrored over 64 KiB: using 0x%lx", r->base + off);
	return base + off;
}

/* Four ITARGETSR bytes in one word (word-accessible: 4.3.12): no target yet. */
static int gicv2_init(struct hw_irqchip *ic, u32 ncpus)
{
	gicd = mem_map_device(ic->reg[GIC_DIST].base, 0x1000);
	gicc = gicv2_map_cpu_if(&ic->reg[GIC_CPU]);
	if (!gicd || !gicc) {
		return -1;
	}
	uniprocessor = ncpus == 1U;
	nr_irqs = MIN((u32)GIC_MAX_INTID, GICD_TYPER_LINES(*gic_reg32(gicd, GICD_TYPER)));
	ic->nr_irqs = nr_irqs;
	/* Every SPI: disabled, default priority, no target yet (4.3.5, 4.3.11, 4.3.12). */
	gic_spis_init(nr_irqs);
	for (u32 i = GIC_SPI_BASE; i < nr_irqs; i += 4U) {
		*gic_reg32(gicd, GICD_ITARGETSR + i) = 0;
	}
	*gic_reg32(gicd, GICD_CTLR) = 1;
	return 0;
}

static int gicv2_cpu_init(cpuid_t cpu, u64 arch_id)
{
	/* GICD_ITARGETSR0..7 read back the reading CPU's own interface mask. */
	cpu_mask[cpu] = gicd[GICD_ITARGETSR];
	if (!cpu_mask[cpu] && uniprocessor) {
		cpu_mask[cpu] = 1; /* uniprocessor GIC: ITARGETSR is RAZ/WI (4.3.12) */
	}
	if (!cpu_mask[cpu]) {
		log_err("GICv2: CPU MPIDR 0x%lx has no CPU interface", arch_id);
		return -1;
	}
	for (u32 i = GIC_SPI_BASE; routes_wait && i < nr_irqs; i++) {
		if (deferred_route[i] == cpu + 1U) {
			gicd[GICD_ITARGETSR + i] = cpu_mask[cpu];
		}
	}
	gic_priv_init(cpu, gicd); /* banked per CPU (4.3): the calling CPU's own view */
	*gic_reg32(gicc, GICC_PMR) = 0xff;
	*gic_reg32(gicc, GICC_BPR) = 0;
	/* GICC_CTLR (4.4.1): group 1 on, EOImodeNS = 1 (split drop and deactivate). */
	*gic_reg32(gicc, GICC_CTLR) = 1U | ((u32)1U << 9);
	return 0;
}

static void gicv2_send_sgi(cpuid_t cpu, u64 arch_id, u32 sgi)
{
	gic_dsb_ishst();
	*gic_reg32(gicd, GICD_SGIR) = ((u32)cpu_mask[cpu] << 16) | sgi;
}

volatile void *gicv2_cpu_interface(void)
{
	return gicc;
}

/* The raw IAR: for SGIs bits [12:10] name the source CPU and EOIR needs them back. */
static u32 gicv2_ack(void)
{
	return *gic_reg32(gicc, GICC_IAR) & 0x1fff;
}

static void gicv2_eoi(u32 raw)
{
	*gic_reg32(gicc, GICC_EOIR) = raw;
}

static void gicv2_deactivate(u32 raw)
{
	*gic_reg32(gicc, GICC_DIR) = raw;
}

/* The target is the CPU's interface bit; one not known yet is set when that CPU reads it. */
static void gicv2_set_route(irqid_t spi, cpuid_t cpu, u64 arch_id)
{
	if (spi < ARRAY_SIZE(deferred_route)) {
		deferred_route[spi] = (u8)(cpu + 1U);
	}
	routes_wait |= !cpu_mask[cpu];
	gicd[GICD_ITARGETSR + spi] = cpu_mask[cpu];
}

const struct gic_version gicv2_version = {
	.init = gicv2_init,
	.cpu_init = gicv2_cpu_init,
	.send_sgi = gicv2_send_sgi,
	.ack = gicv2_ack,
	.eoi = gicv2_eoi,
	.deactivate = gicv2_deactivate,
	.set_route = gicv2_set_route,
};
