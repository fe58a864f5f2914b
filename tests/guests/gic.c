// SPDX-License-Identifier: Apache-2.0
/* Test-guest GIC driver: the minimum a bare-metal guest needs (IHI 0069H, IHI 0048B). */
#include "gic.h"
#include "guest.h"

#define GICD_CTLR	0x0000
#define GICD_IGROUPR	0x0080
#define GICD_ISENABLER	0x0100
#define GICD_ICENABLER	0x0180
#define GICD_ISPENDR	0x0200
#define GICD_IPRIORITYR 0x0400
#define GICD_ITARGETSR	0x0800
#define GICD_SGIR	0x0f00
#define GICD_IROUTER	0x6000
#define GICD_PIDR2	0xffe8
#define GICR_WAKER	0x0014
#define GICR_SGI	0x10000
#define GICC_CTLR	0x00
#define GICC_PMR	0x04
#define GICC_IAR	0x0c
#define GICC_EOIR	0x10

static int version;
void (*gic_handler)(unsigned intid);

static volatile uint32_t *r32(uint64_t a)
{
	return (volatile uint32_t *)a;
}

static volatile uint8_t *r8(uint64_t a)
{
	return (volatile uint8_t *)a;
}

static uint64_t rd_base(unsigned vcpu)
{
	return GUEST_GICR + 0x20000UL * vcpu;
}

/*
 * GICD_PIDR2.ArchRev, read only when the CPU has a GICv3 system register
 * interface (ID_AA64PFR0_EL1.GIC, Arm ARM D19.2.64): a native GICv2
 * distributor is 4 KiB and offset 0xffe8 is outside it (external abort).
 */
static int detect_version(void)
{
	uint64_t pfr0;

	__asm__ volatile("mrs %0, id_aa64pfr0_el1" : "=r"(pfr0));
	if (!((pfr0 >> 24) & 0xf))
		return 2;
	return (*r32(GUEST_GICD + GICD_PIDR2) >> 4) & 0xf;
}

int gic_init_dist(void)
{
	version = detect_version();
	if (version == 3)
		*r32(GUEST_GICD + GICD_CTLR) = (1U << 4) | 2; /* ARE, EnableGrp1 */
	else
		*r32(GUEST_GICD + GICD_CTLR) = 1;
	return version;
}

void gic_init_cpu(unsigned vcpu)
{
	if (!version)
		version = detect_version();
	if (version == 3) {
		*r32(rd_base(vcpu) + GICR_WAKER) = 0;
		while (*r32(rd_base(vcpu) + GICR_WAKER) & 4)
			;
		__asm__ volatile("msr S3_0_C12_C12_5, %0" ::"r"(7UL)); /* ICC_SRE_EL1 */
		__asm__ volatile("isb");
		__asm__ volatile("msr S3_0_C4_C6_0, %0" ::"r"(0xffUL)); /* ICC_PMR_EL1 */
		__asm__ volatile("msr S3_0_C12_C12_7, %0" ::"r"(1UL));	/* ICC_IGRPEN1_EL1 */
	} else {
		*r32(GUEST_GICC + GICC_PMR) = 0xff;
		*r32(GUEST_GICC + GICC_CTLR) = 1;
	}
	__asm__ volatile("isb; msr daifclr, #2");
}

static uint64_t frame_for(unsigned vcpu, unsigned intid)
{
	return version == 3 && intid < 32 ? rd_base(vcpu) + GICR_SGI : GUEST_GICD;
}

void gic_set_pmr(uint8_t pmr)
{
	if (version == 3)
		__asm__ volatile(
			"msr S3_0_C4_C6_0, %0; isb" /* ICC_PMR_EL1 */ ::"r"((uint64_t)pmr));
	else
		*r32(GUEST_GICC + GICC_PMR) = pmr;
}

void gic_enable(unsigned vcpu, unsigned intid, uint8_t prio)
{
	uint64_t f = frame_for(vcpu, intid);

	*r8(f + GICD_IPRIORITYR + intid) = prio;
	/*
	 * Group 1 (IRQ). Natively QEMU's GICv3 has no security extensions and
	 * resets interrupts to group 0, signalled as FIQ (IHI 0069H 4.6.2).
	 */
	if (version == 3)
		*r32(f + GICD_IGROUPR + 4 * (intid / 32)) = ~0U;
	if (intid >= 32 && version == 3)
		*(volatile uint64_t *)(GUEST_GICD + GICD_IROUTER + 8UL * intid) = vcpu;
	else if (intid >= 32)
		*r8(GUEST_GICD + GICD_ITARGETSR + intid) = 1U << vcpu;
	*r32(f + GICD_ISENABLER + 4 * (intid / 32)) = 1U << (intid % 32);
}

void gic_disable(unsigned vcpu, unsigned intid)
{
	*r32(frame_for(vcpu, intid) + GICD_ICENABLER + 4 * (intid / 32)) = 1U << (intid % 32);
}

int gic_is_pending(unsigned vcpu, unsigned intid)
{
	return (*r32(frame_for(vcpu, intid) + GICD_ISPENDR + 4 * (intid / 32)) >> (intid % 32)) & 1;
}

void gic_set_pending(unsigned intid)
{
	*r32(GUEST_GICD + GICD_ISPENDR + 4 * (intid / 32)) = 1U << (intid % 32);
}

void gic_send_sgi(unsigned target, unsigned sgi)
{
	if (version == 3) {
		uint64_t v = (1UL << target) | ((uint64_t)sgi << 24);

		__asm__ volatile("msr S3_0_C12_C11_5, %0; isb" ::"r"(v)); /* ICC_SGI1R_EL1 */
	} else {
		*r32(GUEST_GICD + GICD_SGIR) = (1U << (16 + target)) | sgi;
	}
}

/* Called from the IRQ vector: acknowledge, handle, end of interrupt. */
void guest_irq(void)
{
	uint64_t iar;

	for (;;) {
		if (version == 3)
			__asm__ volatile("mrs %0, S3_0_C12_C12_0" : "=r"(iar)); /* ICC_IAR1_EL1 */
		else
			iar = *r32(GUEST_GICC + GICC_IAR);
		if ((iar & 0x3ff) >= 1020)
			return;
		if (gic_handler)
			gic_handler(iar & 0x3ff);
		if (version == 3)
			__asm__ volatile(
				"msr S3_0_C12_C12_1, %0; isb" ::"r"(iar)); /* ICC_EOIR1_EL1 */
		else
			*r32(GUEST_GICC + GICC_EOIR) = (uint32_t)iar;
	}
}

uint64_t read_cntvct(void)
{
	uint64_t v;

	__asm__ volatile("isb; mrs %0, cntvct_el0" : "=r"(v));
	return v;
}

uint64_t read_cntfrq(void)
{
	uint64_t v;

	__asm__ volatile("mrs %0, cntfrq_el0" : "=r"(v));
	return v;
}
