/* SPDX-License-Identifier: Apache-2.0 */
/* Tessera's own hypercalls (ABI in tessera/hypercall.h). */
#ifndef TESSERA_HYPCALL_INTERNAL_H
#define TESSERA_HYPCALL_INTERNAL_H

#include "tessera/hypercall.h"
#include "vm.h"

/* True if fid is one of Tessera's. */
bool hypercall_is_ours(u64 fid);
/* Handles a call; args are arguments 1..6, results go to ret[0..3] (tessera/hypercall_abi.h). */
void hypercall_handle(struct vcpu *vcpu, u64 fid, const u64 args[6], u64 ret[4]);

#endif
