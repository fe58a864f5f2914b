/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Arch contract: what of a guest's DTB is the arch's (hyp/guest_dtb.c calls
 * these while it loads the DTB into the VM, before the VM runs). Both run on
 * the CPU that builds or resets the VM, with the blob open for editing in the
 * hypervisor's window (dt_write.h), the partition already validated.
 */
#ifndef ARCH_GUEST_DTB_H
#define ARCH_GUEST_DTB_H

#include "config.h"

/*
 * After /memory and /cpus (cpus: its offset; one node cpu@<n> per vCPU, n
 * from 0), before /chosen: the arch's fix-ups, so the guest starts its CPUs
 * and calls its firmware the way the hypervisor emulates (arch/<arch>/guest_dtb.c
 * says how).
 * Returns >= 0, or a negative libfdt error (the caller reports it).
 */
int arch_guest_dtb_fixup(void *fdt, int cpus, const struct cfg_vm *c);

/*
 * How a node of the guest DTB names the VM's virtual interrupt irq, raised by
 * the hypervisor as an edge (a channel's doorbell, guest_dtb_chan.c): the
 * phandle of the VM's interrupt-controller node in *parent (the node gets a
 * phandle if it had none) and its specifier, in that node's format, in
 * cells[0 .. *n) (host order, at most 4). Called before the caller adds the
 * node that will hold them (a phandle added moves the offsets after it).
 * Returns >= 0, or a negative libfdt error (the caller reports it).
 */
int arch_guest_dtb_irq(void *fdt, irqid_t irq, u32 *parent, u32 cells[4], u32 *n);

/*
 * Once fixed up: whether the devices the arch emulates are where the guest
 * DTB says (its interrupt controller's node at the emulated one's addresses;
 * every UART of its vuart model is the VM's vuart or a device it owns). 0, or -1 after a message that names the
 * node ([image] class): the partition is refused.
 */
int arch_guest_dtb_check(const void *fdt, const struct cfg_vm *c);

#endif
