// SPDX-License-Identifier: Apache-2.0
/*
 * abort: touches an address its VM does not own, as an OS probing hardware
 * does. Under fault-policy "inject" each access gives the guest a synchronous
 * External abort, as on a machine with nothing there (Arm ARM D1.10, D13.2.37):
 * a load or store a data abort (EC 0x25 from EL1, 0x24 from EL0 through
 * VBAR_EL1 + 0x400; DFSC 0x10, WnR as the access, FAR_EL1 the address, ELR_EL1
 * the instruction), a branch there an instruction abort (EC 0x21, IFSC 0x10,
 * FAR_EL1 = ELR_EL1 = the address).
 * Then it faults in a loop: the hypervisor's warnings are rate-limited (5 a
 * second per vCPU), and the next one, a second later, says how many were not
 * shown. Under fault-policy "stop" its first access stops the VM.
 */
#include "gic.h"
#include "guest.h"

/* No memory or device of the VM there; board variants name another VM's device. */
#ifndef NOWHERE
#define NOWHERE 0x50000000UL
#endif
#define EC_IABT		0x21
#define EC_DABT		0x25
#define EC_DABT_EL0	0x24	/* a data abort from the lower EL */
#define PSR_EL1H_MASKED 0x3c5UL /* EL1h, D, A, I, F masked */
#define PSR_EL0T_MASKED 0x3c0UL
#define FSC_SEA		0x10
#define ESR_WNR		(1UL << 6)
#define ESR_IL		(1UL << 25)
#define ISS_FSC(e)	((e)&0x3f)

static struct {
	unsigned count;
	uint64_t esr, elr, far, spsr, vector_el0;
} taken;

static bool on_sync(struct guest_frame *f, uint64_t esr, uint64_t far)
{
	uint64_t el0_vector;

	__asm__ volatile("mrs %0, tpidr_el1; msr tpidr_el1, xzr" : "=r"(el0_vector));
	if (ESR_EC(esr) != EC_DABT && ESR_EC(esr) != EC_IABT && ESR_EC(esr) != EC_DABT_EL0)
		return false;
	taken.count++;
	taken.esr = esr;
	taken.elr = f->elr;
	taken.far = far;
	taken.spsr = f->spsr;
	taken.vector_el0 = el0_vector;
	if (ESR_EC(esr) == EC_DABT_EL0) { /* back to EL1, where el0_load said (x3) */
		f->elr = f->x[3];
		f->spsr = PSR_EL1H_MASKED;
		return true;
	}
	/* resume after the access; after a branch into nowhere, where it was called from */
	f->elr = ESR_EC(esr) == EC_IABT ? f->x[30] : f->elr + 4;
	return true;
}

static bool data_abort(bool write)
{
	const char *what = write ? "store" : "load";
	unsigned before = taken.count;
	uint64_t pc, v = 0;

	if (write)
		__asm__ volatile("adr %0, 1f\n1: str %1, [%2]"
				 : "=&r"(pc)
				 : "r"(v), "r"(NOWHERE)
				 : "memory");
	else
		__asm__ volatile("adr %0, 1f\n1: ldr %1, [%2]"
				 : "=&r"(pc), "+r"(v)
				 : "r"(NOWHERE)
				 : "memory");
	if (taken.count != before + 1 || ESR_EC(taken.esr) != EC_DABT ||
	    ISS_FSC(taken.esr) != FSC_SEA || !(taken.esr & ESR_IL) ||
	    !!(taken.esr & ESR_WNR) != write || taken.far != NOWHERE || taken.elr != pc) {
		gprintf("TEST FAIL: %s at 0x%lx: %u aborts, ESR 0x%lx FAR 0x%lx ELR 0x%lx "
			"(want 0x%lx)\n",
			what, NOWHERE, taken.count - before, taken.esr, taken.far, taken.elr, pc);
		return false;
	}
	gprintf("%s at 0x%lx: data abort, ESR 0x%lx (EC 0x25, DFSC 0x10), FAR and ELR right\n",
		what, NOWHERE, taken.esr);
	return true;
}

static bool instruction_abort(void)
{
	unsigned before = taken.count;

	__asm__ volatile("blr %0" ::"r"(NOWHERE) : "x30", "memory");
	if (taken.count != before + 1 || ESR_EC(taken.esr) != EC_IABT ||
	    ISS_FSC(taken.esr) != FSC_SEA || taken.far != NOWHERE || taken.elr != NOWHERE) {
		gprintf("TEST FAIL: branch to 0x%lx: %u aborts, ESR 0x%lx FAR 0x%lx ELR 0x%lx\n",
			NOWHERE, taken.count - before, taken.esr, taken.far, taken.elr);
		return false;
	}
	gprintf("branch to 0x%lx: instruction abort, ESR 0x%lx (EC 0x21, IFSC 0x10)\n", NOWHERE,
		taken.esr);
	return true;
}

/*
 * The same load from EL0 (MMU off: flat, as at EL1): a data abort from a
 * lower EL, EC 0x24, through VBAR_EL1 + 0x400; the handler returns to EL1.
 */
static bool el0_data_abort(void)
{
	unsigned before = taken.count;
	uint64_t pc;

	__asm__ volatile("mov x1, %1\n"
			 "adr x2, 1f\n"
			 "msr elr_el1, x2\n"
			 "msr spsr_el1, %2\n"
			 "mov x2, sp\n"
			 "msr sp_el0, x2\n"
			 "adr x3, 2f\n"
			 "adr %0, 1f\n"
			 "eret\n"
			 "1: ldr x2, [x1]\n" /* at EL0 */
			 "b 1b\n"
			 "2:\n"
			 : "=&r"(pc)
			 : "r"(NOWHERE), "r"(PSR_EL0T_MASKED)
			 : "x1", "x2", "x3", "memory");
	if (taken.count != before + 1 || ESR_EC(taken.esr) != EC_DABT_EL0 ||
	    ISS_FSC(taken.esr) != FSC_SEA || taken.far != NOWHERE || taken.elr != pc ||
	    (taken.spsr & 0xf) != 0 || taken.vector_el0 != 1) {
		gprintf("TEST FAIL: EL0 load at 0x%lx: %u aborts, ESR 0x%lx FAR 0x%lx ELR 0x%lx "
			"(want 0x%lx) SPSR 0x%lx, through the EL0 vector: %lu\n",
			NOWHERE, taken.count - before, taken.esr, taken.far, taken.elr, pc,
			taken.spsr, taken.vector_el0);
		return false;
	}
	gprintf("EL0 load at 0x%lx: data abort, ESR 0x%lx (EC 0x24), at VBAR_EL1 + 0x400\n",
		NOWHERE, taken.esr);
	return true;
}

/* 11 more loads now (1 warning left in this second), one more a second later. */
static void fault_loop(void)
{
	uint64_t v, until;

	for (int i = 0; i < 11; i++)
		__asm__ volatile("ldr %0, [%1]" : "=r"(v) : "r"(NOWHERE) : "memory");
	until = read_cntvct() + read_cntfrq() * 11 / 10;
	while (read_cntvct() < until)
		;
	__asm__ volatile("ldr %0, [%1]" : "=r"(v) : "r"(NOWHERE) : "memory");
	if (taken.count == 16)
		gprintf("16 aborts taken\nTEST PASS abort\n");
	else
		gprintf("TEST FAIL: %u aborts taken, want 16\n", taken.count);
}

int main(uint64_t dtb)
{
	guest_sync_handler = on_sync;
	gprintf("touching 0x%lx\n", NOWHERE);
	if (data_abort(false) && data_abort(true) && instruction_abort() && el0_data_abort())
		fault_loop();
	return 0;
}
