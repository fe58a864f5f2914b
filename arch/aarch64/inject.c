// SPDX-License-Identifier: Apache-2.0
/*
 * Exception entry to the guest's EL1 (Arm ARM DDI 0487 D1.10, "Exception
 * entry"): what the hardware does when it takes a synchronous exception to
 * EL1, done by the hypervisor on the guest's saved state.
 */
#include "arch/vcpu.h"
#include "inject.h"
#include "sysreg.h"

/* SPSR / PSTATE fields (C5.2.19) */
#define PSR_M_MASK  0xfUL  /* M[3:0]: exception level and stack pointer */
#define PSR_M_32    0x10UL /* M[4]: from AArch32 (EL0 only: HCR_EL2.RW makes EL1 AArch64) */
#define PSR_M_EL1T  0x4UL
#define PSR_M_EL1H  0x5UL
#define PSR_DAIF    (0xfUL << 6)
#define PSR_SSBS    (1UL << 12)
#define PSR_PAN	    (1UL << 22)
#define PSR_DIT	    (1UL << 24)
#define PSR_NZCV    (0xfUL << 28)
/* SCTLR_EL1 (D13.2.113): RES1 without FEAT_PAN, RES0 without FEAT_SSBS */
#define SCTLR_SPAN  (1UL << 23)
#define SCTLR_DSSBS (1UL << 44)

#define FSC_SYNC_EXTERNAL 0x10U /* DFSC/IFSC: synchronous External abort, not on a walk */
#define EC_IABT_CUR	  0x21U /* instruction / data abort without a change of EL */
#define EC_DABT_CUR	  0x25U

/* Offset of the synchronous vector from VBAR_EL1 (D1.10.2). */
static u64 sync_vector(u64 spsr)
{
	if ((spsr & PSR_M_32) != 0U) {
		return 0x600; /* lower EL in AArch32 */
	}
	switch (spsr & PSR_M_MASK) {
	case PSR_M_EL1T:
		return 0x000; /* current EL with SP_EL0 */
	case PSR_M_EL1H:
		return 0x200; /* current EL with SP_EL1 */
	default:
		return 0x400; /* lower EL in AArch64 */
	}
}

/*
 * PSTATE after the entry (AArch64.TakeException in the Arm ARM pseudocode):
 * EL1h, D, A, I and F masked, the condition flags and DIT kept, PAN set
 * unless SCTLR_EL1.SPAN says keep, SSBS from SCTLR_EL1.DSSBS; SS, IL, UAO,
 * BTYPE cleared.
 */
static u64 entry_pstate(u64 old)
{
	u64 sctlr = sysreg_read(sctlr_el1);
	u64 new = (old & (PSR_NZCV | PSR_DIT | PSR_PAN)) | PSR_DAIF | PSR_M_EL1H;

	if (!(sctlr & SCTLR_SPAN)) {
		new |= PSR_PAN;
	}
	if ((sctlr & SCTLR_DSSBS) != 0U) {
		new |= PSR_SSBS;
	}
	return new;
}

/* ELR_EL1 = the instruction, SPSR_EL1 = the guest's PSTATE, then to its vector. */
static void take_exception(struct arch_regs *r, u64 esr)
{
	sysreg_write(elr_el1, r->elr);
	sysreg_write(spsr_el1, r->spsr);
	sysreg_write(esr_el1, esr);
	r->elr = sysreg_read(vbar_el1) + sync_vector(r->spsr);
	r->spsr = entry_pstate(r->spsr);
}

void inject_undef(struct arch_regs *r)
{
	take_exception(r, (u64)EC_UNKNOWN << 26 | ESR_IL);
}

/*
 * EC 0x24/0x20 when the guest was at EL0, 0x25/0x21 at EL1 (D13.2.37);
 * a data abort keeps WnR and CM of the trapped access; FnV as it was.
 */
void inject_abort(struct arch_regs *r, u64 esr, u64 far)
{
	bool data = ESR_EC(esr) == EC_DABT_LOW;
	bool from_el1 = (r->spsr & PSR_M_MASK) != 0U;
	/* MISRA misreading 10.6: conditionals of constants are not composite */
	u64 ec = data ? (from_el1 ? EC_DABT_CUR : EC_DABT_LOW)
		      : (from_el1 ? EC_IABT_CUR : EC_IABT_LOW);
	u64 iss = FSC_SYNC_EXTERNAL | (esr & ESR_FNV) | (data ? esr & (ESR_WNR | ESR_CM) : 0U);

	sysreg_write(far_el1, far);
	take_exception(r, ec << 26 | ESR_IL | iss);
}
