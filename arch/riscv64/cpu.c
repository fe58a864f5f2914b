// SPDX-License-Identifier: Apache-2.0
/*
 * Physical CPU control in HS-mode: what traps to the hypervisor and what the
 * guest gets (the H extension's delegation registers, privileged spec 8.2),
 * hart start and power through SBI HSM and SRST, IPIs through SBI IPI.
 */
#include "arch/cpu.h"
#include "arch/hw.h"
#include "console.h"
#include "cpu.h"
#include "csr.h"
#include "mem.h"
#include "sbi.h"

/*
 * hedeleg (8.2.2): what the guest takes itself, as KVM delegates: misaligned
 * fetch, illegal instruction, breakpoint, ECALL from VU, and VS-stage page
 * faults. Guest-page faults, ECALL from VS (SBI) and virtual instructions
 * come to the hypervisor.
 */
#define HEDELEG_GUEST                                                                         \
	(IRQ_BIT(EXC_INST_MISALIGNED) | IRQ_BIT(EXC_INST_ILLEGAL) | IRQ_BIT(EXC_BREAKPOINT) | \
	 IRQ_BIT(EXC_ECALL_U) | IRQ_BIT(EXC_INST_PAGE_FAULT) | IRQ_BIT(EXC_LOAD_PAGE_FAULT) | \
	 IRQ_BIT(EXC_STORE_PAGE_FAULT))
/* hideleg (8.2.2): the VS-level interrupts are the guest's. */
#define HIDELEG_GUEST (IRQ_BIT(IRQ_VS_SOFT) | IRQ_BIT(IRQ_VS_TIMER) | IRQ_BIT(IRQ_VS_EXT))

extern char hyp_trap_entry[], secondary_entry[];

/* The hart id, which boot.S and every trap from a guest put in tp. */
u64 arch_cpu_current_id(void)
{
	u64 id;

	__asm__("mv %0, tp" : "=r"(id));
	return id;
}

/*
 * Each hart this hypervisor started, by CPU: its hart id and its root table's
 * PA (root 0: none yet). OpenSBI 1.1's hart_start marks the target hart
 * STARTING before it writes the start address and opaque (lib/sbi/sbi_hsm.c),
 * and the target leaves its HSM wait loop as soon as it sees STARTING: a hart
 * awake in that loop (on QEMU's AIA machines a pending IMSIC IPI keeps its wfi
 * from waiting) can leave for the address it had, the image's entry, where
 * fw_jump started the boot hart, with a1 the firmware's DTB. boot.S then finds
 * the hart here and takes the secondary path with the root its start carries.
 * Read there with the MMU off, at the image's load address: in .data (written
 * only after the boot CRC-32 of the image), zero in the image as loaded.
 */
struct hart_start hart_starts[HW_MAX_CPUS] __attribute__((section(".data")));
/* Set by the boot hart's arch_cpu_init, after the image's CRC-32, before it moves or starts a hart. */
u32 hyp_entered __attribute__((section(".data")));

void arch_cpu_init(void)
{
	__atomic_store_n(&hyp_entered, 1U, __ATOMIC_RELEASE); /* boot.S: no second boot hart */
	csr_write(sscratch, 0);				      /* in the hypervisor: vectors.S */
	csr_write(stvec, (u64)hyp_trap_entry);
	csr_write(hedeleg, HEDELEG_GUEST);
	csr_write(hideleg, HIDELEG_GUEST);
	csr_write(hcounteren, HCOUNTEREN_CY_TM_IR);
	csr_write(hvip, 0);
	csr_write(henvcfg, 0); /* STCE when the hardware is known: arch_vcpu_reset */
	/*
	 * Interrupts the hypervisor takes (while a guest runs, or to leave WFI):
	 * external (the PLIC), software (IPIs) and, without Sstc, the timer it
	 * programs for the guest. sstatus.SIE stays 0: never while it runs itself.
	 */
	csr_write(sie, IRQ_BIT(IRQ_S_EXT) | IRQ_BIT(IRQ_S_SOFT));
}

u64 arch_cpu_counter(void)
{
	return csr_read(time);
}

/* The time CSR scaled by the timebase (/cpus timebase-frequency); split against overflow. */
u64 arch_counter_to_ns(u64 ticks)
{
	u64 f = hyp_hw.arch.timebase;

	if (!f) {
		return 0;
	}
	return ticks / f * 1000000000UL + ticks % f * 1000000000UL / f;
}

u64 arch_cpu_counter_ns(void)
{
	return arch_counter_to_ns(arch_cpu_counter());
}

/* WFI wakes on any interrupt pending and enabled in sie, whatever sstatus.SIE (3.3.3). */
void arch_cpu_wait(void)
{
	wfi();
	csr_clear(sip, IRQ_BIT(IRQ_S_SOFT)); /* an IPI: the caller looks at its events next */
}

void arch_cpu_wake_all(void)
{
	/* Every sleeper is woken by its own IPI (cpu_post_event sends one): nothing to add. */
}

/*
 * The hart's timer through the firmware (SBI TIME set_timer, 6.1: it clears
 * the pending timer interrupt; OpenSBI writes stimecmp itself with Sstc), its
 * interrupt enabled in sie only for the WFI (3.3.3: WFI wakes on a pending
 * enabled interrupt, sstatus.SIE 0 here). No VM runs yet: the timer is free.
 */
void arch_cpu_wait_until(u64 until_ns)
{
	u64 f = hyp_hw.arch.timebase;
	u64 ticks = until_ns / 1000000000UL * f + until_ns % 1000000000UL * f / 1000000000UL;

	(void)sbi_fw_call(SBI_EXT_TIME, 0, ticks, 0, 0, 0, 0);
	csr_set(sie, IRQ_BIT(IRQ_S_TIMER));
	wfi();
	csr_clear(sie, IRQ_BIT(IRQ_S_TIMER));
	(void)sbi_fw_call(SBI_EXT_TIME, 0, ~0UL, 0, 0, 0, 0);
}

void arch_ipi_send(cpuid_t cpu)
{
	u64 hart = hyp_hw.cpus[cpu].arch_id;

	/* sbi_send_ipi(hart_mask, hart_mask_base): bit 0 of the mask is hart_mask_base (7.1). */
	(void)sbi_fw_call(SBI_EXT_IPI, 0, 1, hart, 0, 0, 0);
}

/* The supervisor software interrupt is the IPI (vectors: riscv_trap names it ARCH_IRQ_IPI). */
bool arch_irq_is_ipi(irqid_t irq)
{
	return irq == ARCH_IRQ_IPI;
}

/* How long a hart the firmware is still parking may take to reach STOPPED. */
#define HART_PARK_WAIT_NS (1000UL * 1000UL * 1000UL)

/*
 * hart_start(hartid, start_addr, opaque): a0 = hart id, a1 = opaque at entry
 * (SBI 9.1). At boot the firmware may still be parking the other harts (OpenSBI
 * sends each to its HSM stop after its own init): until a hart's status is
 * STOPPED, hart_start returns SBI_ERR_ALREADY_AVAILABLE. So that answer is
 * retried for at most a second (a hart that stays started is reported then).
 */
int arch_cpu_start(const struct hw *hw, const struct hw_cpu *cpu, paddr_t root_pa)
{
	u64 deadline = arch_cpu_counter_ns() + HART_PARK_WAIT_NS;
	struct hart_start *s = &hart_starts[cpu - hw->cpus];
	struct sbiret r;

	s->hart = cpu->arch_id;
	__atomic_store_n(&s->root, root_pa, __ATOMIC_RELEASE); /* boot.S: root, then hart */
	for (;;) {
		r = sbi_fw_call(SBI_EXT_HSM, SBI_HSM_HART_START, cpu->arch_id,
				mem_va_to_pa(secondary_entry), root_pa, 0, 0);
		if (r.error != SBI_ERR_ALREADY_AVAILABLE || arch_cpu_counter_ns() > deadline) {
			break;
		}
	}
	return (int)r.error;
}

const char *arch_cpu_start_method(const struct hw_cpu *cpu)
{
	return "SBI HSM hart_start";
}

void arch_cpu_off(const struct hw *hw)
{
	(void)sbi_fw_call(SBI_EXT_HSM, SBI_HSM_HART_STOP, 0, 0, 0, 0, 0);
	for (;;) {
		wfi();
	}
}

void arch_system_off(const struct hw *hw)
{
	(void)sbi_fw_call(SBI_EXT_SRST, SBI_SRST_RESET, SBI_SRST_SHUTDOWN, 0, 0, 0, 0);
	log_info("system halted (no SBI SRST)");
	for (;;) {
		wfi();
	}
}
