// SPDX-License-Identifier: Apache-2.0
/*
 * Reading the running guest's instructions with the hypervisor's virtual-machine
 * loads (HLVX.HU: privileged spec 8.3.1): the access is translated as the guest's
 * own fetch would be (its vsatp, then its G-stage), with the guest's privilege
 * (hstatus.SPVP, which the trap set). Such a load can fault (the guest unmapped
 * the page meanwhile, from another vCPU): the fault traps to the hypervisor
 * itself, riscv_hyp_trap asks guest_mem_fault, and the read fails instead.
 */
#include "arch_vcpu_regs.h"
#include "guest_mem.h"

struct hu {
	u64 value;
	u64 faulted;
};

/* vectors.S: the load, and the address of its one instruction that may fault. */
struct hu guest_load_hu(u64 va);
extern char guest_load_insn[];

bool guest_fetch_insn(u64 va, u32 *ins)
{
	struct hu lo = guest_load_hu(va), hi;

	if (lo.faulted != 0U) {
		return false;
	}
	if ((lo.value & 3U) != 3U) { /* a compressed instruction: 16 bits (ISA manual 1.5) */
		*ins = (u32)lo.value;
		return true;
	}
	hi = guest_load_hu(va + 2U);
	*ins = (u32)(lo.value | hi.value << 16);
	return !hi.faulted;
}

bool guest_mem_fault(struct arch_regs *r)
{
	if (r->sepc != (u64)guest_load_insn) {
		return false;
	}
	r->x[11] = 1; /* a1: faulted */
	r->sepc += 4U;
	return true;
}
