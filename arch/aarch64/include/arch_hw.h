/* SPDX-License-Identifier: Apache-2.0 */
/*
 * AArch64's part of the hardware model (arch contract: hyp/include/arch/hw.h):
 * how each CPU is started (its enable-method: Linux Documentation/devicetree/
 * bindings/arm/cpus.yaml) and the PSCI conduit (arm/psci.yaml).
 */
#ifndef ARCH_AARCH64_HW_H
#define ARCH_AARCH64_HW_H

#include "types.h"

#define ARCH_NAME	   "aarch64" /* in the banner */
/*
 * Stage-2 input size: 39 bits, a level-1 start with 4 KiB pages (Arm ARM
 * D8.2.2; VTCR_EL2.T0SZ = 64 - 39, SL0 = 1: arch/aarch64/vcpu.c).
 */
#define ARCH_IPA_BITS	   39
#define ARCH_S2_ROOT_SIZE  0x1000U /* the stage-2 root table: one page (level 1, 512 entries) */
#define ARCH_CPU_ID_NAME   "MPIDR" /* a CPU's arch id: its MPIDR's affinity fields */
#define ARCH_IRQ_NAME	   "INTID" /* the GIC's interrupt numbers */
#define ARCH_SYNDROME_NAME "ESR"   /* a fault's syndrome: ESR_EL2 (Arm ARM D13.2.37) */
#define ARCH_VUART_NAME	   "PL011"
#define ARCH_VUART_SIZE	   0x1000U /* the PL011's register window: one page */

enum cpu_enable { CPU_ENABLE_NONE, CPU_ENABLE_PSCI, CPU_ENABLE_SPIN_TABLE };
enum psci_conduit { PSCI_CONDUIT_NONE, PSCI_CONDUIT_SMC, PSCI_CONDUIT_HVC };

struct arch_hw_cpu {
	enum cpu_enable enable;
	u64 release_addr; /* spin-table cpu-release-addr */
};

struct arch_hw {
	enum psci_conduit psci; /* how the hypervisor calls the firmware's PSCI */
};

#endif
