/* SPDX-License-Identifier: Apache-2.0 */
/* GICv2 / GICv3 physical drivers (Arm IHI 0048B, IHI 0069). */
#ifndef DRIVERS_GIC_H
#define DRIVERS_GIC_H

#include "config.h"

struct gic_ops {
	int (*init)(struct hw_gic *gic);
	int (*cpu_init)(cpuid_t cpu, u64 mpidr);
	void (*send_sgi)(cpuid_t target, u64 target_mpidr, irqid_t sgi);
	irqid_t (*ack)(void);
	void (*eoi)(irqid_t raw);	 /* priority drop (EOImode 1) */
	void (*deactivate)(irqid_t raw); /* deactivation */
	/* After a disable of irq in frame: waits until it took effect (v3 RWP); NULL: no need. */
	void (*wait_disabled)(volatile u8 *frame, irqid_t irq);
	void (*set_route)(irqid_t spi, cpuid_t cpu, u64 mpidr);
};

#define GIC_DEFAULT_PRIO 0xa0
#define IPI_PRIORITY	 0x80

extern const struct gic_ops gicv2_ops;
/* GICv2: where the CPU interface (GICC) is mapped, for the interrupt hot path. */
volatile void *gicv2_cpu_interface(void);
extern const struct gic_ops gicv3_ops;

static inline volatile u32 *gic_reg32(volatile void *base, u32 off)
{
	return (volatile u32 *)((volatile u8 *)base + off);
}

/* The distributor, set by the driver's init. */
extern volatile u8 *gicd;
/*
 * The calling CPU's SGIs and PPIs: records frame (v3: its SGI_base; v2: the
 * banked distributor) as the CPU's, and turns them off but the IPI, at the
 * default priority.
 */
void gic_priv_init(cpuid_t cpu, volatile u8 *frame);

/* Distributor registers common to both versions (IHI 0069 12.9). */
#define GICD_CTLR	    0x0000
#define GICD_TYPER	    0x0004
#define GICD_IGROUPR	    0x0080
#define GICD_ISENABLER	    0x0100
#define GICD_ICENABLER	    0x0180
#define GICD_ISPENDR	    0x0200
#define GICD_ICACTIVER	    0x0380
#define GICD_IPRIORITYR	    0x0400
#define GICD_ITARGETSR	    0x0800
#define GICD_ICFGR	    0x0c00
#define GICD_SGIR	    0x0f00
#define GICD_IROUTER	    0x6000 /* v3 */
#define GICD_PIDR2	    0xffe8 /* v3 */
#define GICD_ICPIDR2	    0x0fe8 /* v2 (IHI 0048B Table 4-1) */
#define GICD_TYPER_LINES(t) ((((t)&0x1f) + 1) * 32)
#define GICD_CTLR_ARE	    (1U << 4)

/* GICv3 redistributor (12.10): per CPU an RD_base frame, then the SGI_base frame. */
#define GICR_FRAME 0x20000
#define GICR_SGI   0x10000
#define GICR_TYPER 0x0008
#define GICR_WAKER 0x0014

#endif
