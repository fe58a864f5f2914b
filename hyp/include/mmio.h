/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Emulated MMIO: a VM's accesses to IPA ranges the hypervisor emulates (the
 * interrupt distributor, the virtual UART, doorbells) fault at stage 2 and are
 * handed to the region's handler.
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
	u64 value; /* in for writes, out for reads */
};

/* Returns false if the access is not allowed (the VM is then stopped with a fault). */
typedef bool (*mmio_handler_fn)(struct vcpu *vcpu, void *dev, struct mmio_access *acc);

struct mmio_region {
	u64 base;
	u64 size;
	mmio_handler_fn handler;
	void *dev;
};

#define VM_MAX_MMIO 8

/* Registers an emulated range for the VM. Returns 0 or -1 (table full). */
int vm_mmio_register(struct vm *vm, u64 base, u64 size, mmio_handler_fn fn, void *dev);
/* Dispatches a trapped access; false if no region covers it or the handler refused. */
bool vm_mmio_emulate(struct vcpu *vcpu, struct mmio_access *acc);

#endif
