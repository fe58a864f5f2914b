/* SPDX-License-Identifier: Apache-2.0 */
/* Arch part of struct vm (arch contract: hyp/include/arch/vm.h). */
#ifndef ARCH_AARCH64_VM_H
#define ARCH_AARCH64_VM_H

#include "vgic.h"

struct arch_vm {
	struct vgic vgic;
	u64 cntvoff; /* CNTVOFF_EL2: the VM's virtual counter starts near 0 when it is built */
};

#endif
