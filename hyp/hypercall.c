// SPDX-License-Identifier: Apache-2.0
/* Tessera hypercalls: arguments by value (the arch's registers), never pointers into the guest. */
#include "hypercall.h"
#include "ipc.h"

bool hypercall_is_ours(u64 fid)
{
	return TESSERA_HC_IS_OURS(fid);
}

static void console_write_call(struct vcpu *vcpu, const u64 args[6], u64 ret[4])
{
	char buf[TESSERA_CONSOLE_CHUNK];
	u64 n = args[0];

	if (n == 0U || n > TESSERA_CONSOLE_CHUNK) {
		ret[0] = (u64)TESSERA_E_INVALID;
		return;
	}
	for (u32 i = 0; i < n; i++) {
		u64 byte = args[1U + i / 8U] >> (8U * (i % 8U)); /* byte i, little-endian */

		buf[i] = (char)byte;
	}
	vcpu_console_write(vcpu, buf, (u32)n);
	ret[0] = TESSERA_OK;
}

void hypercall_handle(struct vcpu *vcpu, u64 fid, const u64 args[6], u64 ret[4])
{
	switch (fid) {
	case TESSERA_HC_IDENTIFY:
		ret[0] = TESSERA_MAGIC;
		ret[1] = TESSERA_ABI_VERSION;
		ret[2] = vcpu->vm->id;
		ret[3] = vcpu->id;
		break;
	case TESSERA_HC_CONSOLE_WRITE:
		console_write_call(vcpu, args, ret);
		break;
	case TESSERA_HC_DOORBELL:
		ret[0] = (u64)ipc_ring(vcpu->vm, args[0], args[1]);
		break;
	default:
		ret[0] = (u64)TESSERA_E_NOT_SUPPORTED;
		break;
	}
}
