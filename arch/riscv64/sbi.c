// SPDX-License-Identifier: Apache-2.0
/*
 * The SBI a guest sees (SBI v2.0): BASE, TIME, IPI, RFENCE, HSM, SRST and DBCN,
 * all within its own VM, and Tessera's hypercalls (tessera/hypercall_abi.h).
 * Everything else returns SBI_ERR_NOT_SUPPORTED: a guest never reaches the
 * firmware. The ECALL's registers (chapter 3): a7 extension, a6 function,
 * a0..a5 arguments; a0 error, a1 value.
 */
#include "arch/cpu.h"
#include "arch_vcpu_regs.h"
#include "console.h"
#include "cpu.h"
#include "csr.h"
#include "hypercall.h"
#include "mem.h"
#include "sbi.h"
#include "vm.h"
#include "vplic.h"

#define SBI_SPEC_V2_0	 0x02000000UL /* major 2, minor 0 (4.1) */
/* Implementation ID: none is assigned to Tessera (4.2 lists them); a value outside the table. */
#define SBI_IMPL_TESSERA 0x7E55UL
#define DBCN_CHUNK	 256U

#define A(n) r->x[10U + (u32)(n)]

static bool extension_exists(u64 ext)
{
	return ext == SBI_EXT_BASE || ext == SBI_EXT_TIME || ext == SBI_EXT_IPI ||
	       ext == SBI_EXT_RFNC || ext == SBI_EXT_HSM || ext == SBI_EXT_SRST ||
	       ext == SBI_EXT_DBCN || ext == TESSERA_SBI_EXT;
}

static struct sbiret base(u64 fid, u64 a0)
{
	switch (fid) {
	case SBI_BASE_SPEC_VERSION:
		return (struct sbiret){0, (long)SBI_SPEC_V2_0};
	case SBI_BASE_IMPL_ID:
		return (struct sbiret){0, (long)SBI_IMPL_TESSERA};
	case SBI_BASE_IMPL_VERSION:
		return (struct sbiret){0, TESSERA_ABI_VERSION};
	case SBI_BASE_PROBE_EXT:
		return (struct sbiret){0, extension_exists(a0)};
	case SBI_BASE_MVENDORID:
	case SBI_BASE_MARCHID:
	case SBI_BASE_MIMPID:
		return (struct sbiret){0, 0};
	default:
		return (struct sbiret){SBI_ERR_NOT_SUPPORTED, 0};
	}
}

/*
 * set_timer (6.1): with Sstc the guest's own vstimecmp (it may also write it
 * directly); without, this hart's timer through the firmware, its interrupt
 * made the guest's VSTIP when due (traps.c).
 */
static struct sbiret set_timer(u64 when)
{
	if (hyp_hw.arch.sstc) {
		csr_write(vstimecmp, when);
		return (struct sbiret){0, 0};
	}
	csr_clear(hvip, IRQ_BIT(IRQ_VS_TIMER));
	/* The guest's time is the hart's plus htimedelta (8.2.10): its deadline in the hart's time. */
	(void)sbi_fw_call(SBI_EXT_TIME, 0, when - csr_read(htimedelta), 0, 0, 0, 0);
	csr_set(sie, IRQ_BIT(IRQ_S_TIMER));
	return (struct sbiret){0, 0};
}

/*
 * The vCPUs a hart mask names (3.2): bit i is hart base + i; base -1 names
 * every hart. Harts the VM does not have are an error (SBI_ERR_INVALID_PARAM).
 */
static long hart_mask(struct vm *vm, u64 mask, u64 base, u32 *out)
{
	*out = 0;
	if (base == ~0UL) {
		*out = (1U << vm->nvcpus) - 1U;
		return 0;
	}
	for (u32 i = 0; i < 64U; i++) {
		if (!(mask & (1UL << i))) {
			continue;
		}
		if (base + i >= vm->nvcpus) {
			return SBI_ERR_INVALID_PARAM;
		}
		*out |= 1U << (base + i);
	}
	return 0;
}

/* send_ipi (7.1): the targets' supervisor software interrupt (their VSSIP). */
static struct sbiret send_ipi(struct vcpu *vcpu, u64 mask, u64 base)
{
	struct vm *vm = vcpu->vm;
	u32 set;
	long err = hart_mask(vm, mask, base, &set);

	for (u32 i = 0; !err && i < vm->nvcpus; i++) {
		if ((set & (1U << i)) != 0U) {
			vplic_soft_irq(&vm->vcpus[i]);
		}
	}
	return (struct sbiret){err, 0};
}

/* The physical harts of a set of the VM's vCPUs, as a firmware hart mask (base 0). */
static u64 phys_harts(struct vm *vm, u32 set)
{
	u64 m = 0;

	for (u32 i = 0; i < vm->nvcpus; i++) {
		if ((set & (1U << i)) != 0U) {
			m |= 1UL << hyp_hw.cpus[vm->vcpus[i].pcpu].arch_id;
		}
	}
	return m;
}

/*
 * RFENCE (chapter 8) on the VM's own harts: FENCE.I as asked; the guest's
 * SFENCE.VMA as HFENCE.VVMA on them (it acts on the VMID each target runs, this
 * VM's: 8.3.2). The guest's HFENCE calls (it has no H extension): not supported.
 */
static struct sbiret rfence(struct vcpu *vcpu, u64 fid, u64 mask, u64 base, u64 start, u64 size,
			    u64 asid)
{
	u32 set;
	long err = hart_mask(vcpu->vm, mask, base, &set);
	u64 harts = phys_harts(vcpu->vm, set);

	if (err != 0) {
		return (struct sbiret){err, 0};
	}
	switch (fid) {
	case SBI_RFNC_FENCE_I:
		return sbi_fw_call(SBI_EXT_RFNC, fid, harts, 0, 0, 0, 0);
	case SBI_RFNC_SFENCE_VMA:
		return sbi_fw_call(SBI_EXT_RFNC, SBI_RFNC_HFENCE_VVMA, harts, 0, start, size, 0);
	case SBI_RFNC_SFENCE_VMA_ASID:
		return sbi_fw_call(SBI_EXT_RFNC, SBI_RFNC_HFENCE_VVMA_ASID, harts, 0, start, size,
				   asid);
	default:
		return (struct sbiret){SBI_ERR_NOT_SUPPORTED, 0};
	}
}

static struct sbiret hsm(struct vcpu *vcpu, u64 fid, u64 hart, u64 entry, u64 opaque)
{
	struct vcpu *t;

	switch (fid) {
	case SBI_HSM_HART_START:
		switch (vcpu_power_on(vcpu->vm, hart, entry, opaque)) {
		case VCPU_POWER_OK:
			return (struct sbiret){0, 0};
		case VCPU_POWER_ALREADY_ON:
			return (struct sbiret){SBI_ERR_ALREADY_AVAILABLE, 0};
		default:
			return (struct sbiret){SBI_ERR_INVALID_PARAM, 0};
		}
	case SBI_HSM_HART_STOP:
		vcpu_power_off(vcpu);
	case SBI_HSM_HART_STATUS:
		t = vm_vcpu_by_arch_id(vcpu->vm, hart);
		if (!t) {
			return (struct sbiret){SBI_ERR_INVALID_PARAM, 0};
		}
		return (struct sbiret){0, __atomic_load_n(&t->state, __ATOMIC_ACQUIRE) == VCPU_OFF
						  ? SBI_HSM_STOPPED
						  : SBI_HSM_STARTED};
	case SBI_HSM_HART_SUSPEND: /* retentive (type 0): return at once, as a WFI may */
		return (struct sbiret){hart == 0U ? 0 : SBI_ERR_NOT_SUPPORTED, 0};
	default:
		return (struct sbiret){SBI_ERR_NOT_SUPPORTED, 0};
	}
}

/* SRST (chapter 10): shutdown and reboots of the VM only, as PSCI SYSTEM_OFF/RESET on AArch64. */
static struct sbiret srst(struct vcpu *vcpu, u64 fid, u64 type)
{
	if (fid != SBI_SRST_RESET) {
		return (struct sbiret){SBI_ERR_NOT_SUPPORTED, 0};
	}
	if (type == SBI_SRST_SHUTDOWN) {
		vm_stop(vcpu->vm, "powered off (SBI system_reset shutdown)");
		cpu_idle();
	}
	if (type == SBI_SRST_COLD_REBOOT || type == SBI_SRST_WARM_REBOOT) {
		vm_reset(vcpu->vm, "(SBI system_reset reboot)");
		cpu_idle();
	}
	return (struct sbiret){SBI_ERR_INVALID_PARAM, 0};
}

/*
 * DBCN console_write (12.1): n bytes at guest-physical address lo | hi << 32,
 * read through the hypervisor's window onto the VM's memory (only its own
 * RAM: vm_window_map refuses anything else), to the VM's console line.
 */
static struct sbiret dbcn_write(struct vcpu *vcpu, u64 n, u64 lo, u64 hi)
{
	u64 gpa = lo | hi << 32;
	u64 done = 0;

	while (done < n) {
		u64 chunk = MIN(n - done, DBCN_CHUNK - ((gpa + done) & (DBCN_CHUNK - 1U)));
		const char *p = vm_window_map(vcpu->vm, gpa + done, chunk);

		if (!p) {
			return (struct sbiret){done ? 0 : SBI_ERR_INVALID_PARAM, (long)done};
		}
		vcpu_console_write(vcpu, p, (u32)chunk);
		mem_window_unmap(chunk);
		done += chunk;
	}
	return (struct sbiret){0, (long)done};
}

static struct sbiret dbcn(struct vcpu *vcpu, u64 fid, u64 a0, u64 a1, u64 a2)
{
	char c = (char)a0;

	switch (fid) {
	case SBI_DBCN_WRITE:
		return dbcn_write(vcpu, a0, a1, a2);
	case SBI_DBCN_READ: /* no input here: the VM's virtual UART takes console input */
		return (struct sbiret){0, 0};
	case SBI_DBCN_WRITE_BYTE:
		vcpu_console_write(vcpu, &c, 1);
		return (struct sbiret){0, 0};
	default:
		return (struct sbiret){SBI_ERR_NOT_SUPPORTED, 0};
	}
}

/* Tessera's calls: arguments 1..6 in a0..a5, results 0..3 in a0..a3 (hypercall_abi.h). */
static void tessera_call(struct vcpu *vcpu, struct arch_regs *r, u64 fid)
{
	u64 ret[4] = {(u64)TESSERA_E_NOT_SUPPORTED, 0, 0, 0};

	if (hypercall_is_ours(fid)) {
		hypercall_handle(vcpu, fid, &A(0), ret);
	}
	for (u32 i = 0; i < 4U; i++) {
		A(i) = ret[i];
	}
}

void sbi_emulate(struct vcpu *vcpu, struct arch_regs *r)
{
	u64 ext = r->x[17], fid = r->x[16];
	struct sbiret ret;

	switch (ext) {
	case SBI_EXT_BASE:
		ret = base(fid, A(0));
		break;
	case SBI_EXT_TIME:
		ret = fid == 0U ? set_timer(A(0)) : (struct sbiret){SBI_ERR_NOT_SUPPORTED, 0};
		break;
	case SBI_EXT_IPI:
		ret = fid == 0U ? send_ipi(vcpu, A(0), A(1))
				: (struct sbiret){SBI_ERR_NOT_SUPPORTED, 0};
		break;
	case SBI_EXT_RFNC:
		ret = rfence(vcpu, fid, A(0), A(1), A(2), A(3), A(4));
		break;
	case SBI_EXT_HSM:
		ret = hsm(vcpu, fid, A(0), A(1), A(2));
		break;
	case SBI_EXT_SRST:
		ret = srst(vcpu, fid, A(0));
		break;
	case SBI_EXT_DBCN:
		ret = dbcn(vcpu, fid, A(0), A(1), A(2));
		break;
	case TESSERA_SBI_EXT:
		tessera_call(vcpu, r, fid);
		return;
	default:
		ret = (struct sbiret){SBI_ERR_NOT_SUPPORTED, 0};
	}
	A(0) = (u64)ret.error;
	A(1) = (u64)ret.value;
}
