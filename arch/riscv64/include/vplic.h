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

#define VPLIC_SRCS     1024U /* the PLIC's limit (source 0 does not exist) */
#define VPLIC_WORDS    (VPLIC_SRCS / 32U)
#define VPLIC_MAX_PRIO 7U /* priorities 0..7, as QEMU's and SiFive's PLICs */

/*
 * The virtual APLIC (vaplic.c): one supervisor-level domain in direct
 * delivery mode (RISC-V AIA spec v1.0, section 4.8), IDC n for vCPU n. Its
 * registers; the vPLIC state above does the rest, ctx[n].enable holding the
 * sources that are active, enabled and targeted at vCPU n, prio[] their
 * priority inverted (the APLIC's 1 is its highest: section 4.8.1.3).
 */
struct vaplic {
	u32 domaincfg;
	u32 idelivery; /* by vCPU */
	u32 ithreshold[CFG_MAX_VCPUS];
	u32 ie[VPLIC_WORDS];
	u32 sourcecfg[VPLIC_SRCS];
	u32 target[VPLIC_SRCS];
	u32 routed[VPLIC_SRCS]; /* MSI mode: each pass-through source as the hardware has it */
};

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
	struct vaplic aplic; /* on an APLIC: its registers, from which ctx[] is derived */
	/*
	 * guest-interrupt-files: the virtual APLIC is in MSI mode, each vCPU's
	 * interrupt file its hart's guest file (vaplic.c); ctx[] stays empty.
	 */
	bool msi;
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

/* Shared with the virtual APLIC (vaplic.c); p->lock held where it says so. */
struct mmio_device;
extern const struct mmio_device vaplic_device;
bool vplic_bit(const u32 *map, u32 n);
void vplic_set_bit(u32 *map, u32 n, bool on);
/* Every other vCPU of the VM looks at its lines again. */
void vplic_kick_others(struct vm *vm);
/* Lock held: the source a claim by context c would get (0: none). */
u32 vplic_best(const struct vplic *p, u32 c);
/* Lock held: the source context c would get, now claimed (0: none). */
u32 vplic_claim(struct vplic *p, u32 c);
/* Lock held: a claimed source done (a pass-through one completed on the physical controller). */
void vplic_release(struct vplic *p, u32 src);
/* The virtual APLIC's registers at reset (lock not held). */
void vaplic_reset(struct vm *vm);
/* MSI mode, lock held: the pending virtual sources the guest enabled, sent to their files. */
void vaplic_forward(struct vm *vm);
/* Whether VMs get a virtual APLIC (the hardware's controller is an APLIC), else a virtual PLIC. */
bool vplic_is_aplic(void);

#endif
