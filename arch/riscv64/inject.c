// SPDX-License-Identifier: Apache-2.0
/* Exceptions injected into the guest as a delegated trap would enter it (privileged spec 8.6.4, 4.1.1). */
#include "arch_vcpu_regs.h"
#include "csr.h"
#include "inject.h"

void inject_exception(struct arch_regs *r, u64 cause, u64 tval)
{
	u64 vsstatus = csr_read(vsstatus);

	/* vsstatus.SPP <- the privilege the guest was in; SPIE <- SIE; SIE <- 0. */
	vsstatus &= ~(SSTATUS_SPP | SSTATUS_SPIE | SSTATUS_SIE);
	if ((r->hstatus & HSTATUS_SPVP) != 0U) {
		vsstatus |= SSTATUS_SPP;
	}
	if ((csr_read(vsstatus) & SSTATUS_SIE) != 0U) {
		vsstatus |= SSTATUS_SPIE;
	}
	csr_write(vsstatus, vsstatus);
	csr_write(vscause, cause);
	csr_write(vstval, tval);
	csr_write(vsepc, r->sepc);
	r->sepc = csr_read(vstvec) & ~3UL; /* direct mode: exceptions go to the base */
	r->hstatus |= HSTATUS_SPVP;	   /* the handler runs in VS-mode */
	r->sstatus |= SSTATUS_SPP;
}
