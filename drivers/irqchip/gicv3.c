// SPDX-License-Identifier: Apache-2.0
/*
 * GICv3 for the hypervisor's own use (Arm IHI 0069H): distributor with
 * affinity routing, one redistributor per CPU, system-register CPU interface.
 */
#include "console.h"
#include "irqchip/gic.h"
#include "mem.h"

#define GICD_CTLR_RWP  ((u32)1U << 31)
#define GICD_CTLR_GRP1 (1U << 1)
#define GICD_CTLR_GRP0 (1U << 0)

#define TYPER_VLPIS	      (1UL << 1)
#define TYPER_LAST	      (1UL << 4)
#define WAKER_SLEEP	      (1U << 1)
#define WAKER_CHILDREN_ASLEEP (1U << 2)

/*
 * The CPU interface's system registers (IHI 0069H 12.2), by their encodings
 * (an assembler without the GIC's register names takes these).
 */
#define ICC_SRE_EL2	"S3_4_C12_C9_5"
#define ICC_PMR_EL1	"S3_0_C4_C6_0"
#define ICC_BPR1_EL1	"S3_0_C12_C12_3"
#define ICC_CTLR_EL1	"S3_0_C12_C12_4"
#define ICC_IGRPEN1_EL1 "S3_0_C12_C12_7"
#define ICC_IAR1_EL1	"S3_0_C12_C12_0"
#define ICC_EOIR1_EL1	"S3_0_C12_C12_1"
#define ICC_DIR_EL1	"S3_0_C12_C11_1"
#define ICC_SGI1R_EL1	"S3_0_C12_C11_5"

/* MISRA deviation 20.7: reg is a string literal pasted into the asm template */
#define icc_read(reg)                                                  \
	({                                                             \
		u64 v_;                                                \
		__asm__ volatile("mrs %0, " reg : "=r"(v_)::"memory"); \
		v_;                                                    \
	})
/* MISRA deviation 20.7: reg is a string literal pasted into the asm template */
#define icc_write(reg, v) __asm__ volatile("msr " reg ", %0" ::"r"((u64)(v)) : "memory")

static volatile u8 *gicr;
static u64 gicr_size;

static int gicv3_init(struct hw_irqchip *ic, u32 ncpus)
{
	u32 ctlr;

	/* Only the frames of the CPUs there are (two frames each if GICv4 VLPI frames exist). */
	gicr_size = MIN(ic->reg[GIC_REDIST].size, (u64)ncpus * 2U * GICR_FRAME);
	gicd = mem_map_device(ic->reg[GIC_DIST].base, 0x10000);
	gicr = mem_map_device(ic->reg[GIC_REDIST].base, gicr_size);
	if (!gicd || !gicr) {
		return -1;
	}
	ic->nr_irqs = MIN((u32)GIC_MAX_INTID, GICD_TYPER_LINES(*gic_reg32(gicd, GICD_TYPER)));
	/* Every SPI: disabled, group 1, default priority (12.9.2, 12.9.22, 12.9.19). */
	gic_spis_init(ic->nr_irqs);
	for (u32 i = GIC_SPI_BASE; i < ic->nr_irqs; i += 32U) {
		*gic_reg32(gicd, GICD_IGROUPR + i / 8U) = ~0U;
	}
	ctlr = *gic_reg32(gicd, GICD_CTLR);
	*gic_reg32(gicd, GICD_CTLR) = ctlr | GICD_CTLR_ARE | GICD_CTLR_GRP1 | GICD_CTLR_GRP0;
	while ((*gic_reg32(gicd, GICD_CTLR) & GICD_CTLR_RWP) != 0U) {
		;
	}
	return 0;
}

/* GICR_TYPER.Affinity_Value (12.11.35): Aff3.Aff2.Aff1.Aff0 of an MPIDR's affinity fields. */
static u32 mpidr_to_aff(u64 mpidr)
{
	return ((mpidr >> 8) & 0xff000000UL) | (mpidr & 0xffffffUL);
}

/* Finds a CPU's redistributor frame by its affinity. */
static volatile u8 *find_rd(u64 mpidr)
{
	for (u64 off = 0; off + GICR_FRAME <= gicr_size;) {
		u64 typer = *(volatile u64 *)(gicr + off + GICR_TYPER);

		if ((typer >> 32) == mpidr_to_aff(mpidr)) {
			return gicr + off;
		}
		if ((typer & TYPER_LAST) != 0U) {
			break;
		}
		off += (typer & TYPER_VLPIS) ? 2U * GICR_FRAME : GICR_FRAME;
	}
	return NULL;
}

static int gicv3_cpu_init(cpuid_t cpu, u64 mpidr)
{
	volatile u8 *rd = find_rd(mpidr);

	if (!rd) {
		log_err("no GICv3 redistributor for MPIDR 0x%lx", mpidr);
		return -1;
	}
	*gic_reg32(rd, GICR_WAKER) &= ~WAKER_SLEEP;
	while ((*gic_reg32(rd, GICR_WAKER) & WAKER_CHILDREN_ASLEEP) != 0U) {
		;
	}
	*gic_reg32(rd + GICR_SGI, GICD_IGROUPR) = ~0U;
	gic_priv_init(cpu, rd + GICR_SGI);
	/* CPU interface (12.2): system registers on, all priorities, split priority drop and deactivation. */
	icc_write(ICC_SRE_EL2, 0xf); /* SRE, DFB, DIB, Enable */
	gic_isb();
	icc_write(ICC_PMR_EL1, 0xff);
	icc_write(ICC_BPR1_EL1, 0);
	icc_write(ICC_CTLR_EL1, 2); /* EOImode 1, split drop/deactivate */
	icc_write(ICC_IGRPEN1_EL1, 1);
	gic_isb();
	return 0;
}

static void gicv3_send_sgi(cpuid_t cpu, u64 mpidr, u32 sgi)
{
	/* ICC_SGI1R_EL1 (12.2.23): Aff3.Aff2.Aff1, INTID, RS and a target-list bit for Aff0. */
	u64 v = ((mpidr >> 32) & 0xffU) << 48 | ((mpidr >> 16) & 0xffU) << 32 | (u64)sgi << 24 |
		((mpidr >> 8) & 0xffU) << 16 | ((mpidr & 0xf0U) >> 4) << 44 | 1UL << (mpidr & 0xfU);

	gic_dsb_ishst();
	icc_write(ICC_SGI1R_EL1, v);
	gic_isb();
}

static u32 gicv3_ack(void)
{
	return icc_read(ICC_IAR1_EL1) & 0xffffff;
}

static void gicv3_eoi(u32 raw)
{
	icc_write(ICC_EOIR1_EL1, raw); /* priority drop */
	gic_isb();
}

static void gicv3_deactivate(u32 raw)
{
	icc_write(ICC_DIR_EL1, raw);
	gic_isb();
}

/* GICD_CTLR.RWP (12.9.4), or for SGIs/PPIs GICR_CTLR.RWP (12.11.2) in the RD_base before frame. */
static void wait_rwp(volatile u8 *frame, irqid_t irq)
{
	volatile u32 *ctlr = gic_reg32(irq < GIC_SPI_BASE ? frame - GICR_SGI : frame, GICD_CTLR);

	while (*ctlr & (irq < GIC_SPI_BASE ? (1U << 3) : GICD_CTLR_RWP)) {
		;
	}
}

/* GICD_IROUTER<n> (12.9.21): Aff3.Aff2.Aff1.Aff0 of the one target CPU. */
static void gicv3_set_route(irqid_t spi, cpuid_t cpu, u64 mpidr)
{
	*(volatile u64 *)(gicd + GICD_IROUTER + 8U * spi) = mpidr;
}

const struct gic_version gicv3_version = {
	.init = gicv3_init,
	.cpu_init = gicv3_cpu_init,
	.send_sgi = gicv3_send_sgi,
	.ack = gicv3_ack,
	.eoi = gicv3_eoi,
	.deactivate = gicv3_deactivate,
	.wait_disabled = wait_rwp,
	.set_route = gicv3_set_route,
};
