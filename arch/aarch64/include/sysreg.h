/* SPDX-License-Identifier: Apache-2.0 */
/* System register access and the EL2 register bits Tessera uses (Arm ARM DDI 0487, D13). */
#ifndef ARCH_AARCH64_SYSREG_H
#define ARCH_AARCH64_SYSREG_H

#include "types.h"

/* MISRA deviation 20.7: the register's name is pasted into the asm template, not an expression */
#define sysreg_read(r)                                                \
	({                                                            \
		u64 _v;                                               \
		__asm__ volatile("mrs %0, " #r : "=r"(_v)::"memory"); \
		_v;                                                   \
	})
/* MISRA deviation 20.7: the register's name is pasted into the asm template, not an expression */
#define sysreg_write(r, v) __asm__ volatile("msr " #r ", %0" ::"r"((u64)(v)) : "memory")

#define isb()		__asm__ volatile("isb" ::: "memory")
#define dsb(opt)	__asm__ volatile("dsb " #opt ::: "memory")
#define sev()		__asm__ volatile("sev" ::: "memory")
#define wfi()		__asm__ volatile("wfi" ::: "memory")
#define wfe()		__asm__ volatile("wfe" ::: "memory")
/* Clean and invalidate by set/way (C5.3.14), for a guest's trapped set/way operation. */
#define dc_cisw(setway) __asm__ volatile("dc cisw, %0" ::"r"((u64)(setway)) : "memory")

/* HCR_EL2 (D13.2.48) */
#define HCR_VM	   (1UL << 0)
#define HCR_SWIO   (1UL << 1)
#define HCR_PTW	   (1UL << 2)
#define HCR_FMO	   (1UL << 3)
#define HCR_IMO	   (1UL << 4)
#define HCR_AMO	   (1UL << 5)
#define HCR_FB	   (1UL << 9)
#define HCR_BSU_IS (1UL << 10)
#define HCR_TSC	   (1UL << 19)
#define HCR_TIDCP  (1UL << 20)
#define HCR_TSW	   (1UL << 22)
#define HCR_RW	   (1UL << 31)

/* ESR_EL2 exception classes (D13.2.37) */
#define ESR_EC(esr)  (((esr) >> 26) & 0x3fU)
#define EC_UNKNOWN   0x00U
#define EC_HVC64     0x16U
#define EC_SMC64     0x17U
#define EC_SYSREG    0x18U
#define EC_IABT_LOW  0x20U
#define EC_DABT_LOW  0x24U
#define ESR_ISV	     (1UL << 24)
#define ESR_SAS(esr) (((esr) >> 22) & 3U)
#define ESR_SRT(esr) (((esr) >> 16) & 0x1fU)
#define ESR_WNR	     (1UL << 6)
#define ESR_SSE	     (1UL << 21)
#define ESR_SF	     (1UL << 15)
#define ESR_IL	     (1UL << 25) /* a 32-bit instruction */
#define ESR_CM	     (1UL << 8)	 /* data abort: from a cache maintenance instruction */
#define ESR_FNV	     (1UL << 10) /* abort: FAR not valid */

/* ESR_EL2.ISS of a trapped MSR, MRS or SYS instruction (EC 0x18, D13.2.37). */
#define ISS_SYS_OP0(esr)  (((esr) >> 20) & 3U)
#define ISS_SYS_OP2(esr)  (((esr) >> 17) & 7U)
#define ISS_SYS_OP1(esr)  (((esr) >> 14) & 7U)
#define ISS_SYS_CRN(esr)  (((esr) >> 10) & 0xfU)
#define ISS_SYS_RT(esr)	  (((esr) >> 5) & 0x1fU)
#define ISS_SYS_CRM(esr)  (((esr) >> 1) & 0xfU)
#define ISS_SYS_READ(esr) ((esr)&1U)

/* SPSR: EL1h with D, A, I, F masked (C5.2.19) */
#define SPSR_EL1H_MASKED 0x3c5UL

/* SCTLR_EL1 RES1 bits (D13.2.113) */
#define SCTLR_EL1_RES1 0x30d00800UL

#endif
