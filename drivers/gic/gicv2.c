// SPDX-License-Identifier: Apache-2.0
/* GICv2 for the hypervisor's own use (Arm IHI 0048B): distributor and memory-mapped CPU interface. */
#include "console.h"
#include "cpu.h"
#include "gic/gic.h"
#include "mem.h"
#include "sysreg.h"

#define GICC_CTLR 0x00
#define GICC_PMR  0x04
#define GICC_BPR  0x08
#define GICC_IAR  0x0c
#define GICC_EOIR 0x10
#define GICC_DIR  0x1000

static volatile void *gicc;
static u8 cpu_mask[HW_MAX_CPUS]; /* GIC CPU interface bit of each CPU (4.3.12) */
/* SPIs routed to a CPU whose interface bit is not known yet (it is read by that CPU). */
static u8 deferred_route[1020];

static int gicv2_init(struct hw_gic *gic)
{
	gicd = mem_map_device(gic->reg[GIC_DIST].base, 0x1000);
	gicc = mem_map_device(gic->reg[GIC_CPU].base, 0x2000);
	if (!gicd || !gicc)
		return -1;
	gic->nr_irqs = MIN(1020U, GICD_TYPER_LINES(*gic_reg32(gicd, GICD_TYPER)));
	/* Every SPI: disabled, default priority, no target yet (4.3.5, 4.3.11, 4.3.12). */
	for (u32 i = 32; i < gic->nr_irqs; i += 32)
		*gic_reg32(gicd, GICD_ICENABLER + i / 8) = ~0U;
	for (u32 i = 32; i < gic->nr_irqs; i++) {
		gicd[GICD_IPRIORITYR + i] = GIC_DEFAULT_PRIO;
		gicd[GICD_ITARGETSR + i] = 0;
	}
	*gic_reg32(gicd, GICD_CTLR) = 1;
	return 0;
}

static int gicv2_cpu_init(cpuid_t cpu, u64 mpidr)
{
	/* GICD_ITARGETSR0..7 read back the reading CPU's own interface mask. */
	cpu_mask[cpu] = gicd[GICD_ITARGETSR];
	if (!cpu_mask[cpu] && hyp_hw.ncpus == 1)
		cpu_mask[cpu] = 1; /* uniprocessor GIC: ITARGETSR is RAZ/WI (4.3.12) */
	if (!cpu_mask[cpu]) {
		log_err("GICv2: CPU MPIDR 0x%lx has no CPU interface", mpidr);
		return -1;
	}
	for (u32 i = 32; i < ARRAY_SIZE(deferred_route); i++)
		if (deferred_route[i] == cpu + 1)
			gicd[GICD_ITARGETSR + i] = cpu_mask[cpu];
	gic_priv_init(cpu, gicd); /* banked per CPU (4.3): the calling CPU's own view */
	*gic_reg32(gicc, GICC_PMR) = 0xff;
	*gic_reg32(gicc, GICC_BPR) = 0;
	/* GICC_CTLR (4.4.1): group 1 on, EOImodeNS = 1 (split drop and deactivate). */
	*gic_reg32(gicc, GICC_CTLR) = 1 | (1U << 9);
	return 0;
}

static void gicv2_send_sgi(cpuid_t target, u64 mpidr, irqid_t sgi)
{
	dsb(ishst);
	*gic_reg32(gicd, GICD_SGIR) = ((u32)cpu_mask[target] << 16) | sgi;
}

/* Returns the raw IAR: for SGIs bits [12:10] name the source CPU and EOIR needs them back. */
volatile void *gicv2_cpu_interface(void)
{
	return gicc;
}

static irqid_t gicv2_ack(void)
{
	return *gic_reg32(gicc, GICC_IAR) & 0x1fff;
}

static void gicv2_eoi(irqid_t raw)
{
	*gic_reg32(gicc, GICC_EOIR) = raw;
}

static void gicv2_deactivate(irqid_t raw)
{
	*gic_reg32(gicc, GICC_DIR) = raw;
}

static void gicv2_set_route(irqid_t spi, cpuid_t cpu, u64 mpidr)
{
	if (spi < ARRAY_SIZE(deferred_route))
		deferred_route[spi] = (u8)(cpu + 1);
	gicd[GICD_ITARGETSR + spi] = cpu_mask[cpu];
}

const struct gic_ops gicv2_ops = {
	.init = gicv2_init,
	.cpu_init = gicv2_cpu_init,
	.send_sgi = gicv2_send_sgi,
	.ack = gicv2_ack,
	.eoi = gicv2_eoi,
	.deactivate = gicv2_deactivate,
	.set_route = gicv2_set_route,
};
