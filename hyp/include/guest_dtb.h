/* SPDX-License-Identifier: Apache-2.0 */
/* The guest DTB: loaded into VM memory and fixed up to agree with the partition. */
#ifndef TESSERA_GUEST_DTB_H
#define TESSERA_GUEST_DTB_H

#include "vm.h"

/* Copies src into VM memory at the dtb load-addr and fixes it up. 0, or -1 with a message. */
int guest_dtb_load(struct vm *vm, const void *src);

/* For the arch's checks (arch_guest_dtb_check): */
/* reg entry idx of node is at want (what: the device, for the message); else -1 with a message. */
int guest_dtb_check_reg(const void *fdt, int node, int idx, u64 want, const char *what,
			const struct cfg_vm *c);
/* addr is the VM's vuart or inside a device the VM owns. */
bool guest_dtb_vm_has(const struct cfg_vm *c, u64 addr);

#endif
