/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Control and status registers of HS-mode and of the hypervisor extension
 * (RISC-V privileged spec v1.12: chapter 4 supervisor CSRs, chapter 8 the H
 * extension's hstatus, hedeleg, hideleg, hvip, hip, hie, hgatp, htval, htinst,
 * henvcfg, htimedelta and the vs* CSRs; Sstc's stimecmp/vstimecmp).
 */
#ifndef ARCH_RISCV64_CSR_H
#define ARCH_RISCV64_CSR_H

#include "types.h"

#define csr_read(csr)                                                    \
	({                                                               \
		u64 v_;                                                  \
		__asm__ volatile("csrr %0, " #csr : "=r"(v_)::"memory"); \
		v_;                                                      \
	})
#define csr_write(csr, v) __asm__ volatile("csrw " #csr ", %0" ::"rK"((u64)(v)) : "memory")
#define csr_set(csr, v)	  __asm__ volatile("csrs " #csr ", %0" ::"rK"((u64)(v)) : "memory")
#define csr_clear(csr, v) __asm__ volatile("csrc " #csr ", %0" ::"rK"((u64)(v)) : "memory")

/* sstatus (4.1.1) */
#define SSTATUS_SIE	   (1UL << 1)
#define SSTATUS_SPIE	   (1UL << 5)
#define SSTATUS_SPP	   (1UL << 8)
#define SSTATUS_SUM	   (1UL << 18)
/* FS = Initial: the F registers usable (with V = 1 too: 8.2.11, vsstatus) */
#define SSTATUS_FS_INITIAL (1UL << 13)

/* hstatus (8.2.1) */
#define HSTATUS_GVA	    (1UL << 6)
#define HSTATUS_SPV	    (1UL << 7)
#define HSTATUS_SPVP	    (1UL << 8)
#define HSTATUS_VGEIN_SHIFT 12U /* bits 17:12: the guest file behind VSEIP (8.2.1) */
#define HSTATUS_VGEIN_MASK  (0x3fUL << HSTATUS_VGEIN_SHIFT)
#define HSTATUS_VTW	    (1UL << 21)
#define HSTATUS_VSXL_64	    (2UL << 32)

/* Interrupt numbers (sip/sie 4.1.3; the VS ones 8.2.4) and their bits. */
#define IRQ_S_SOFT   1U
#define IRQ_VS_SOFT  2U
#define IRQ_S_TIMER  5U
#define IRQ_VS_TIMER 6U
#define IRQ_S_EXT    9U
#define IRQ_VS_EXT   10U
#define IRQ_BIT(n)   (1UL << (n))

/* scause (4.1.9): the interrupt bit, and the exceptions the hypervisor sees (8.6.1). */
#define SCAUSE_IRQ	      (1UL << 63)
#define EXC_INST_MISALIGNED   0U
#define EXC_INST_ACCESS	      1U
#define EXC_INST_ILLEGAL      2U
#define EXC_BREAKPOINT	      3U
#define EXC_LOAD_ACCESS	      5U
#define EXC_STORE_ACCESS      7U
#define EXC_ECALL_U	      8U
#define EXC_ECALL_VS	      10U
#define EXC_INST_PAGE_FAULT   12U
#define EXC_LOAD_PAGE_FAULT   13U
#define EXC_STORE_PAGE_FAULT  15U
#define EXC_INST_GUEST_FAULT  20U
#define EXC_LOAD_GUEST_FAULT  21U
#define EXC_VIRTUAL_INST      22U
#define EXC_STORE_GUEST_FAULT 23U

/* satp / hgatp modes (4.1.11, 8.2.10) */
#define SATP_MODE_SV39	 (8UL << 60)
#define HGATP_MODE_SHIFT 60 /* the mode: enum gstage_mode (arch_hw.h) */
#define HGATP_VMID_SHIFT 44
#define HGATP_VMID_MASK	 0x3fffUL

/* henvcfg (8.2.5): STCE, Sstc's vstimecmp for the guest. */
#define HENVCFG_STCE (1UL << 63)

/* hcounteren (8.2.6): the guest reads cycle, time and instret itself. */
#define HCOUNTEREN_CY_TM_IR 0x7UL

static inline void wfi(void)
{
	__asm__ volatile("wfi" ::: "memory");
}

#endif
