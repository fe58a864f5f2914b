/* SPDX-License-Identifier: Apache-2.0 */
/* The guest DTB: loaded into VM memory and fixed up to agree with the partition. */
#ifndef TESSERA_GUEST_DTB_H
#define TESSERA_GUEST_DTB_H

#include "vm.h"

/*
 * Copies src into VM memory at the dtb load-addr and fixes it up (all: the
 * whole layout, for the channels' members). 0, or -1 with a message.
 */
int guest_dtb_load(struct vm *vm, const void *src, const struct config *all);
/*
 * The nodes tessera-channel@<ipa> of the channels the VM of c maps
 * (dts/bindings/tessera-channel.md), replacing any of that compatible.
 * >= 0 or a negative libfdt error.
 */
int guest_dtb_channels(void *fdt, const struct cfg_vm *c, const struct config *all);

/* For the arch's checks (arch_guest_dtb_check): */
/* reg entry idx of node is at want (what: the device, for the message); else -1 with a message. */
int guest_dtb_check_reg(const void *fdt, int node, int idx, u64 want, const char *what,
			const struct cfg_vm *c);
/* addr is the VM's vuart or inside a device the VM owns. */
bool guest_dtb_vm_has(const struct cfg_vm *c, u64 addr);
/*
 * Every enabled UART of compatible (the arch's vuart model's) in the guest DTB
 * is the VM's vuart or a device it owns; else -1 with a message naming it.
 */
int guest_dtb_check_uarts(const void *fdt, const struct cfg_vm *c, const char *compatible);

#endif
