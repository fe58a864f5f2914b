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
 * Guest-physical address size, at most: with Sv48x4 (harts whose mmu-type is
 * Sv48 or Sv57: privileged spec 18.5.1 makes hgatp take Sv48x4 then) 50 bits,
 * of which VMs get 48 (the first 512 entries of its 2048-entry root); with
 * Sv39x4 39 of 41. The board's is hw->ipa_bits (arch_hw.c).
 */
#define ARCH_IPA_BITS	   48U
/* The G-stage root: 2048 entries, 16 KiB, 16 KiB aligned (18.5.1); the rest zero (unmapped). */
#define ARCH_S2_ROOT_SIZE  0x4000U
#define ARCH_CPU_ID_NAME   "hart"   /* a CPU's arch id: its hart id */
#define ARCH_IRQ_NAME	   "source" /* the PLIC's interrupt source numbers */
#define ARCH_SYNDROME_NAME "scause"
#define ARCH_VUART_NAME	   "16550"
#define ARCH_VUART_SIZE	   0x1000U /* the 16550's eight byte registers, in one page */

/*
 * The ISA extensions a VM may use when the hart has them (arch_hw.c:
 * riscv_guest_isa[]): bit n of a mask is riscv_guest_isa[n].
 */
#define RISCV_GUEST_ISA_MAX 64U

struct arch_hw_cpu {
	bool h_ext;	/* riscv,isa has the hypervisor extension */
	bool sstc;	/* and Sstc: the guest's vstimecmp */
	u32 mmu_levels; /* mmu-type: 3 (Sv39), 4 (Sv48), 5 (Sv57); 0 if none */
	u64 guest_isa;	/* which of riscv_guest_isa[] the hart has */
};

/* The G-stage translation every VM gets (hgatp.MODE, privileged spec 8.2.10). */
enum gstage_mode { GSTAGE_SV39X4 = 8, GSTAGE_SV48X4 = 9 };

struct arch_hw {
	u64 timebase;		 /* /cpus timebase-frequency, Hz */
	bool sstc;		 /* every hart has Sstc */
	enum gstage_mode gstage; /* Sv48x4 if every hart has Sv48 or more */
	u64 guest_isa;		 /* of riscv_guest_isa[]: what every hart with H has */
};

/* The extensions a VM may use, by name as riscv,isa-extensions spells them: riscv_guest_isa_n. */
extern const char *const riscv_guest_isa[];
extern const u32 riscv_guest_isa_n;

#endif
