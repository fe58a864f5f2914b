/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The virtual PLIC of a VM (vplic.c): trap-and-emulate of the PLIC's register
 * window (RISC-V PLIC specification v1.0.0, chapter 3 "Memory map"), at the
 * physical PLIC's address, with one context per vCPU: context n is vCPU n's
 * supervisor-mode context (the guest DTB's interrupts-extended lists them so).
 * Sources are the physical PLIC's numbers: a pass-through device's interrupt
 * keeps its number; the vuart's and the channels' are sources no device of
 * the VM uses.
 */
#ifndef ARCH_RISCV64_VPLIC_H
#define ARCH_RISCV64_VPLIC_H

#include "config.h"
#include "spinlock.h"

#define VPLIC_SRCS     1024 /* the PLIC's limit (source 0 does not exist) */
#define VPLIC_WORDS    (VPLIC_SRCS / 32)
#define VPLIC_MAX_PRIO 7 /* priorities 0..7, as QEMU's and SiFive's PLICs */

struct vplic_ctx {
	u32 enable[VPLIC_WORDS];
	u32 threshold;
};

struct vplic {
	struct spinlock lock;
	u32 nsrc;		  /* sources 1..nsrc-1 exist */
	u32 owned[VPLIC_WORDS];	  /* the VM's sources: others read as zero, writes ignored */
	u32 hw[VPLIC_WORDS];	  /* passed through: completing one completes the physical one */
	u32 pending[VPLIC_WORDS]; /* gateway: pending, not claimed */
	u32 claimed[VPLIC_WORDS]; /* claimed, not completed: not forwarded again until then */
	u32 level[VPLIC_WORDS];	  /* software sources' lines (arch_vm_set_irq) */
	u8 prio[VPLIC_SRCS];
	u32 cookie[VPLIC_SRCS]; /* a claimed pass-through source's physical claim, to complete it */
	u32 soft; /* vCPUs whose supervisor software interrupt was raised (send_ipi) */
	struct vplic_ctx ctx[CFG_MAX_VCPUS];
};

struct vm;
struct vcpu;
/*
 * A pass-through source this CPU claimed from the PLIC (cookie: to complete it):
 * pending in the VM, completed when the guest completes it; false if not the VM's.
 */
bool vplic_inject_hw(struct vcpu *vcpu, irqid_t src, u32 cookie);
/*
 * Sets this CPU's vCPU's virtual interrupt lines from the VM's state: VSEIP
 * from its vPLIC context, VSSIP if another vCPU raised it (vplic_soft_irq).
 * Before every return to the guest; vcpu NULL: nothing.
 */
void vplic_sync(struct vcpu *vcpu);
/* Raises vCPU v's supervisor software interrupt (SBI send_ipi): any CPU of the VM. */
void vplic_soft_irq(struct vcpu *v);

#endif
