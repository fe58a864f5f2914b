/* SPDX-License-Identifier: Apache-2.0 */
/*
 * RISC-V's part of the hardware model (arch contract: hyp/include/arch/hw.h):
 * what each hart supports (its riscv,isa string: the H extension, Sstc) and
 * the timebase (Linux Documentation/devicetree/bindings/riscv/cpus.yaml).
 * Harts start through SBI HSM (SBI v2.0 chapter 9).
 */
#ifndef ARCH_RISCV64_HW_H
#define ARCH_RISCV64_HW_H

#include "types.h"

#define ARCH_NAME	   "riscv64" /* in the banner */
/*
 * Guest-physical address size: Sv39x4 gives 41 bits (privileged spec 18.5.1);
 * VMs get the lower 39 (the first 512 entries of its 2048-entry root), as on AArch64.
 */
#define ARCH_IPA_BITS	   39
/* The G-stage root: 2048 entries, 16 KiB, 16 KiB aligned (18.5.1); the rest zero (unmapped). */
#define ARCH_S2_ROOT_SIZE  0x4000
#define ARCH_CPU_ID_NAME   "hart"   /* a CPU's arch id: its hart id */
#define ARCH_IRQ_NAME	   "source" /* the PLIC's interrupt source numbers */
#define ARCH_SYNDROME_NAME "scause"
#define ARCH_VUART_NAME	   "16550"
#define ARCH_VUART_SIZE	   0x1000 /* the 16550's eight byte registers, in one page */

struct arch_hw_cpu {
	bool h_ext; /* riscv,isa has the hypervisor extension */
	bool sstc;  /* and Sstc: the guest's vstimecmp */
};

struct arch_hw {
	u64 timebase; /* /cpus timebase-frequency, Hz */
	bool sstc;    /* every hart has Sstc */
};

#endif
