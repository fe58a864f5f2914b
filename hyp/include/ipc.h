/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Inter-VM communication: shared-memory channels and doorbells. A channel is
 * physical memory mapped into every member VM's stage 2 (read-only members
 * without write permission); a doorbell raises the virtual interrupt a
 * member declared for the channel, from a hypercall or a write to the
 * member's MMIO doorbell page.
 */
#ifndef TESSERA_IPC_H
#define TESSERA_IPC_H

#include "config.h"

struct vm;

/*
 * One member's doorbell page: the emulated MMIO device's state. chan is set
 * when the VM is built; status is written and read by any vCPU of the VM, on
 * its own CPU, with relaxed atomics (it orders nothing else).
 */
struct ipc_doorbell {
	u32 chan;
	u32 status; /* result of the last RING, a TESSERA_* code */
};

/*
 * Backs every channel some valid VM maps (fixed PA claimed, or allocated) and
 * zeroes it. A channel that cannot be backed is marked refused with a message.
 */
void ipc_init(struct config *cfg);
/* Maps the VM's channels and doorbell pages and makes it a member. 0 or -1 (message). */
int ipc_vm_attach(struct vm *vm);
/* Rings channel chan from vm towards target (a VM index or TESSERA_DB_ALL): a TESSERA_* code. */
long ipc_ring(struct vm *vm, u64 chan, u64 target);
/* PA backing a channel (for the partition table); false if not backed. */
bool ipc_channel_pa(u32 chan, paddr_t *pa);

#endif
