/* SPDX-License-Identifier: Apache-2.0 */
/* Test-guest GIC driver for QEMU virt's layout (GICv3 or GICv2, detected at run time). */
#ifndef TESSERA_GUEST_GIC_H
#define TESSERA_GUEST_GIC_H

#include <stdint.h>

/*
 * A VM's GIC is at the IPA of the board's (the vGIC emulates it there): QEMU
 * virt's unless the build says otherwise (guests.mk's board variants).
 */
#ifndef GUEST_GICD
#define GUEST_GICD 0x08000000UL
#define GUEST_GICC 0x08010000UL
#endif
#define GUEST_GICR 0x080a0000UL
#define VTIMER_IRQ 27

/* Detects the version (GICD_PIDR2), enables the distributor once (vCPU 0). Returns 2 or 3. */
int gic_init_dist(void);
/* This vCPU's redistributor (v3) and CPU interface; unmasks IRQs at the end. */
void gic_init_cpu(unsigned vcpu);
void gic_enable(unsigned vcpu, unsigned intid, uint8_t prio);
/* The CPU interface's priority mask: interrupts of priority pmr or lower (higher values) wait. */
void gic_set_pmr(uint8_t pmr);
void gic_disable(unsigned vcpu, unsigned intid);
void gic_set_pending(unsigned intid);
/* GICD/GICR_ISPENDR: 1 if intid is pending for vcpu. */
int gic_is_pending(unsigned vcpu, unsigned intid);
void gic_send_sgi(unsigned target_vcpu, unsigned sgi);
/* The IRQ handler the runtime calls with each acknowledged INTID. */
extern void (*gic_handler)(unsigned intid);
uint64_t read_cntvct(void);
uint64_t read_cntfrq(void);

#endif
