/* SPDX-License-Identifier: Apache-2.0 */
/* Arch part of struct vm (arch contract: hyp/include/arch/vm.h). */
#ifndef ARCH_AARCH64_VM_H
#define ARCH_AARCH64_VM_H

#include "vgic.h"

struct arch_vm {
	struct vgic vgic;
};

#endif
