/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The Supervisor Binary Interface (RISC-V SBI v2.0): the extensions and
 * functions the hypervisor calls in the firmware (sbi_fw.c) and emulates for
 * its guests (sbi.c), and the error codes (chapter 3, table 1).
 */
#ifndef ARCH_RISCV64_SBI_H
#define ARCH_RISCV64_SBI_H

#include "config.h"
#include "types.h"

#define SBI_SUCCESS		  0
#define SBI_ERR_FAILED		  (-1L)
#define SBI_ERR_NOT_SUPPORTED	  (-2L)
#define SBI_ERR_INVALID_PARAM	  (-3L)
#define SBI_ERR_DENIED		  (-4L)
#define SBI_ERR_INVALID_ADDRESS	  (-5L)
#define SBI_ERR_ALREADY_AVAILABLE (-6L)

#define SBI_EXT_BASE 0x10U
#define SBI_EXT_TIME 0x54494D45U
#define SBI_EXT_IPI  0x735049U
#define SBI_EXT_RFNC 0x52464E43U
#define SBI_EXT_HSM  0x48534DU
#define SBI_EXT_SRST 0x53525354U
#define SBI_EXT_DBCN 0x4442434EU

/* BASE (chapter 4) */
#define SBI_BASE_SPEC_VERSION	  0U
#define SBI_BASE_IMPL_ID	  1U
#define SBI_BASE_IMPL_VERSION	  2U
#define SBI_BASE_PROBE_EXT	  3U
#define SBI_BASE_MVENDORID	  4U
#define SBI_BASE_MARCHID	  5U
#define SBI_BASE_MIMPID		  6U
/* RFENCE (chapter 8) */
#define SBI_RFNC_FENCE_I	  0U
#define SBI_RFNC_SFENCE_VMA	  1U
#define SBI_RFNC_SFENCE_VMA_ASID  2U
#define SBI_RFNC_HFENCE_GVMA_VMID 3U
#define SBI_RFNC_HFENCE_VVMA	  5U
#define SBI_RFNC_HFENCE_VVMA_ASID 6U
/* HSM (chapter 9) */
#define SBI_HSM_HART_START	  0U
#define SBI_HSM_HART_STOP	  1U
#define SBI_HSM_HART_STATUS	  2U
#define SBI_HSM_HART_SUSPEND	  3U
#define SBI_HSM_STARTED		  0
#define SBI_HSM_STOPPED		  1
/* SRST (chapter 10) */
#define SBI_SRST_RESET		  0U
#define SBI_SRST_SHUTDOWN	  0U
#define SBI_SRST_COLD_REBOOT	  1U
#define SBI_SRST_WARM_REBOOT	  2U
/* DBCN (chapter 12) */
#define SBI_DBCN_WRITE		  0U
#define SBI_DBCN_READ		  1U
#define SBI_DBCN_WRITE_BYTE	  2U

struct sbiret {
	long error;
	long value;
};

/* A call into the firmware (M-mode) from HS-mode: ECALL, a7 = extension, a6 = function. */
struct sbiret sbi_fw_call(u64 ext, u64 fid, u64 a0, u64 a1, u64 a2, u64 a3, u64 a4);

struct arch_regs;
struct vcpu;
/* A guest's ECALL (from VS-mode): emulated (sbi.c); the guest resumes after it. */
void sbi_emulate(struct vcpu *vcpu, struct arch_regs *r);

/*
 * A hart the hypervisor started with HSM hart_start (cpu.c: hart_starts[], by
 * CPU, for boot.S's entry when the firmware sent the hart to a stale address).
 */
struct hart_start {
	u64 hart; /* its hart id */
	u64 root; /* the PA of its root table, the opaque of its start; 0: not started */
};
extern struct hart_start hart_starts[HW_MAX_CPUS];
extern u32 hyp_entered; /* the boot hart is in: boot.S sends no other hart its way */

#endif
