/* SPDX-License-Identifier: Apache-2.0 */
/* Arch part of struct vm (arch contract: hyp/include/arch/vm.h). */
#ifndef ARCH_RISCV64_VM_H
#define ARCH_RISCV64_VM_H

#include "vplic.h"

struct arch_vm {
	struct vplic vplic;
	u64 htimedelta; /* the VM's time starts near 0 when it is built (privileged spec 18.2.10) */
};

#endif
