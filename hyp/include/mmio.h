/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Emulated MMIO: a VM's accesses to IPA ranges the hypervisor emulates (the
 * interrupt distributor, the virtual UART, doorbells) fault at stage 2 and are
 * handed to the region's device. Guest-facing: the dispatcher checks every
 * access against what the device's register at that offset takes (width,
 * alignment) before the device sees it; a refused access is reported and
 * the guest gets a data abort, as a bus error would give it.
 */
#ifndef TESSERA_MMIO_H
#define TESSERA_MMIO_H

#include "types.h"

struct vcpu;
struct vm;

struct mmio_access {
	u64 ipa;
	u64 offset; /* from the region's base */
	u32 width;  /* bytes: 1, 2, 4 or 8 */
	bool write;
	u64 value; /* in for writes (width bytes), out for reads */
};

/* A set of access widths: MMIO_W(1) | MMIO_W(4) = bytes and words. */
#define MMIO_W(bytes) ((u32)1U << (bytes))

struct mmio_device {
	const char *name; /* in messages, e.g. "virtual UART" */
	u32 align;	  /* every access aligned to this at least (besides its own size) */
	u32 widths;	  /* the widths every register takes */
	/* The widths the register at offset takes besides (offset < the region's size); NULL: none. */
	u32 (*more_widths)(struct vcpu *vcpu, void *dev, u64 offset);
	/* Emulates an access of a width the register takes, aligned, inside the region. */
	void (*access)(struct vcpu *vcpu, void *dev, struct mmio_access *acc);
};

struct mmio_region {
	u64 base;
	u64 size;
	const struct mmio_device *ops;
	void *dev;
};

#define VM_MAX_MMIO 8U

enum mmio_result {
	MMIO_DONE,     /* emulated */
	MMIO_UNMAPPED, /* no emulated region there */
	MMIO_REFUSED,  /* a width or alignment the register does not take: reported (vcpu_warn) */
};

/* Registers an emulated range for the VM. Returns 0 or -1 (table full). */
int vm_mmio_register(struct vm *vm, u64 base, u64 size, const struct mmio_device *ops, void *dev);
/* Dispatches a trapped access (acc->ipa, width, write, value). */
enum mmio_result vm_mmio_emulate(struct vcpu *vcpu, struct mmio_access *acc);
/*
 * An access at ipa the CPU gave no syndrome for (a load/store pair, a
 * writeback or SIMD access): MMIO_REFUSED and reported if ipa is emulated
 * (it cannot be), else MMIO_UNMAPPED.
 */
enum mmio_result vm_mmio_no_syndrome(struct vcpu *vcpu, u64 ipa, bool write);

#endif
