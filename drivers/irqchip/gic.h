/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The GIC driver (GICv2: Arm IHI 0048B; GICv3: IHI 0069H): one interrupt-
 * controller driver (gic_dt.c, its DT glue) whose register code serves both
 * versions (gic.c, gicv2.c, gicv3.c). GICv3's CPU interface is system
 * registers, so this register code is AArch64 code: arch/aarch64/arch.mk
 * alone builds it.
 *
 * Besides the class's operations, what AArch64's own interrupt code uses
 * (arch/aarch64: the vGIC, the trap path): the split priority drop and
 * deactivation of EOImode 1, SGIs, the GICv2 CPU interface's mapping.
 */
#ifndef DRIVERS_GIC_H
#define DRIVERS_GIC_H

#include "irqchip/irqchip.h"

/* The GIC's reg entries, in its binding's order: v3 GICD, GICR; v2 GICD, GICC, GICH, GICV. */
enum gic_reg {
	GIC_DIST = 0,
	GIC_REDIST = 1,
	GIC_CPU = 1, /* v2's second entry, where v3 has its redistributors */
	GIC_HYP = 2,
	GIC_VCPU = 3,
	GIC_NREGS = 4
};
_Static_assert((u32)GIC_NREGS <= HW_IRQCHIP_REGS, "struct hw_irqchip holds the GIC's reg entries");

#define GIC_PPI_BASE   16U
#define GIC_SPI_BASE   32U
#define GIC_MAX_INTID  1020U	      /* INTIDs 1020..1023 are special (IHI 0069H 2.2.1) */
#define GIC_SPURIOUS   1023U	      /* no interrupt pending (IHI 0069H 2.2.1) */
#define GIC_INTID(raw) ((raw)&0x3ffU) /* the INTID in an acknowledge value */
/* The SGI the hypervisor's own IPIs use (arch_ipi_send), enabled on every CPU. */
#define GIC_SGI_IPI    1U

/* Acknowledges the highest-priority interrupt: its raw IAR value (GIC_INTID, GIC_SPURIOUS). */
u32 gic_ack(void);
/*
 * The CPU interface runs with split priority drop and deactivation (EOImode 1,
 * IHI 0069H 4.1.1): gic_eoi drops the priority; the interrupt stays active
 * until gic_deactivate, or, for one a guest got with the HW bit, until the
 * guest deactivates its virtual copy.
 */
void gic_eoi(u32 raw);
void gic_deactivate(u32 raw);
/* SGI sgi to CPU cpu. */
void gic_send_sgi(cpuid_t cpu, u32 sgi);
/* GICv2: where the CPU interface (GICC) is mapped, for the interrupt hot path; else NULL. */
volatile void *gicv2_cpu_interface(void);

/* Register offsets the vGIC shares with the driver. */
#define GICD_CTLR	    0x0000U
#define GICD_TYPER	    0x0004U
#define GICD_IGROUPR	    0x0080U
#define GICD_ISENABLER	    0x0100U
#define GICD_ICENABLER	    0x0180U
#define GICD_ISPENDR	    0x0200U
#define GICD_ICACTIVER	    0x0380U
#define GICD_IPRIORITYR	    0x0400U
#define GICD_ITARGETSR	    0x0800U
#define GICD_ICFGR	    0x0c00U
#define GICD_SGIR	    0x0f00U
#define GICD_IROUTER	    0x6000U /* v3 */
#define GICD_PIDR2	    0xffe8U /* v3 */
#define GICD_ICPIDR2	    0x0fe8U /* v2 (IHI 0048B Table 4-1) */
#define GICD_TYPER_LINES(t) ((((t)&0x1f) + 1) * 32)
#define GICD_CTLR_ARE	    (1U << 4)

/* GICv3 redistributor (12.10): per CPU an RD_base frame, then the SGI_base frame. */
#define GICR_FRAME 0x20000U
#define GICR_SGI   0x10000U
#define GICR_TYPER 0x0008U
#define GICR_WAKER 0x0014U

/*
 * GICv2 CPU interface pages mirrored over 64 KiB frames. A GICv2 CPU interface
 * is two 4 KiB pages (GICC_DIR at +0x1000: IHI 0048B 4.4.15). A GIC-400 wired
 * as the Zynq UltraScale+ wires it repeats each page across a 64 KiB frame,
 * and its DT node says so by giving the CPU interface (and GICV) 128 KiB
 * instead of 8 KiB: +0x1000 is then page 0 again. The last copy of page 0, at
 * +0xf000, is directly followed by page 1 at +0x10000, so base + 0xf000 is a
 * plain 8 KiB CPU interface (what Linux's irq-gic.c does, gic_check_eoimode).
 * The offset to add to a CPU interface region of this size; 0 for a plain one.
 */
#define GICV2_ALIAS_FRAME 0x10000U
#define GICV2_CPU_IF_SIZE 0x2000U
static inline u64 gicv2_cpu_if_offset(const struct mem_range *r)
{
	return r->size == 2U * GICV2_ALIAS_FRAME ? GICV2_ALIAS_FRAME - 0x1000U : 0U;
}

static inline volatile u32 *gic_reg32(volatile void *base, u32 off)
{
	return (volatile u32 *)((volatile u8 *)base + off);
}

/* ------------------------------------- inside the driver (gic.c, gicv2.c, gicv3.c) */

#define GIC_DEFAULT_PRIO 0xa0U
#define GIC_IPI_PRIO	 0x80

/* What differs between the two versions. */
struct gic_version {
	int (*init)(struct hw_irqchip *ic, u32 ncpus);
	int (*cpu_init)(cpuid_t cpu, u64 arch_id);
	void (*send_sgi)(cpuid_t cpu, u64 arch_id, u32 sgi);
	u32 (*ack)(void);
	void (*eoi)(u32 raw);
	void (*deactivate)(u32 raw);
	/* After a disable of irq in frame: waits until it took effect (v3 RWP); NULL: no need. */
	void (*wait_disabled)(volatile u8 *frame, irqid_t irq);
	void (*set_route)(irqid_t spi, cpuid_t cpu, u64 arch_id);
};

extern const struct gic_version gicv2_version;
extern const struct gic_version gicv3_version;
extern const struct irqchip_ops gic_ops; /* the class's operations (gic.c) */

/* The distributor, mapped by the version's init. */
extern volatile u8 *gicd;
/*
 * The calling CPU's SGIs and PPIs: records frame (v3: its SGI_base; v2: the
 * banked distributor) as the CPU's, and turns them off but the IPI's SGI, at
 * the default priority.
 */
void gic_priv_init(cpuid_t cpu, volatile u8 *frame);
/* Every SPI below nr_irqs: disabled, at the default priority (IHI 0069H 12.9.2, 12.9.22). */
void gic_spis_init(u32 nr_irqs);

/* Barriers (Arm ARM B2.3.12): the GIC's register code is AArch64 code. */
#define gic_dsb_ishst() __asm__ volatile("dsb ishst" ::: "memory")
#define gic_isb()	__asm__ volatile("isb" ::: "memory")

#endif
