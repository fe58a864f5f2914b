// SPDX-License-Identifier: Apache-2.0
/* Emulated MMIO regions of a VM. */
#include "mmio.h"
#include "vm.h"

int vm_mmio_register(struct vm *vm, u64 base, u64 size, mmio_handler_fn fn, void *dev)
{
	if (vm->nmmio == VM_MAX_MMIO)
		return -1;
	vm->mmio[vm->nmmio++] = (struct mmio_region){base, size, fn, dev};
	return 0;
}

bool vm_mmio_emulate(struct vcpu *vcpu, struct mmio_access *acc)
{
	struct vm *vm = vcpu->vm;

	for (u32 i = 0; i < vm->nmmio; i++) {
		struct mmio_region *r = &vm->mmio[i];

		if (acc->ipa - r->base < r->size) {
			acc->offset = acc->ipa - r->base;
			return r->handler(vcpu, r->dev, acc);
		}
	}
	return false;
}
