/* SPDX-License-Identifier: Apache-2.0 */
/* The guest DTB: loaded into VM memory and fixed up to agree with the partition. */
#ifndef TESSERA_GUEST_DTB_H
#define TESSERA_GUEST_DTB_H

#include "vm.h"

/* Copies src into VM memory at the dtb load-addr and fixes it up. 0, or -1 with a message. */
int guest_dtb_load(struct vm *vm, const void *src);

#endif
