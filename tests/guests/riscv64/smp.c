// SPDX-License-Identifier: Apache-2.0
/*
 * smp (RISC-V): starts its second vCPU with SBI HSM hart_start, sees its
 * status, sends it an IPI (SBI send_ipi: its supervisor software interrupt),
 * and waits for it to stop itself with hart_stop.
 */
#include "guest.h"

static uint64_t stack1[1024] __attribute__((aligned(16)));
static volatile unsigned up, ipis;

void secondary_start(void);

static bool on_trap(struct guest_frame *f, uint64_t cause)
{
	if (cause != (SCAUSE_IRQ | 1))
		return false;
	__asm__ volatile("csrc sip, %0" ::"r"(SIE_SSIE)); /* the guest clears its own SSIP */
	ipis++;
	return true;
}

void secondary_main(void)
{
	uint64_t hart;

	__asm__ volatile("mv %0, a0" : "=r"(hart));
	guest_trap_handler = on_trap;
	gprintf("vCPU 1 running\n");
	irq_enable(SIE_SSIE);
	up = 1;
	wfi_until(&ipis, 1);
	gprintf("vCPU 1 took the IPI\n");
}

static long status(uint64_t hart)
{
	return sbi_call(SBI_EXT_HSM, 2, hart, 0, 0).value;
}

int main(uint64_t hart, uint64_t dtb)
{
	struct sbiret r;

	if (status(1) != 1)
		gprintf("TEST FAIL: vCPU 1 not stopped at boot (%ld)\n", status(1));
	r = sbi_call(SBI_EXT_HSM, 0, 1, (uint64_t)secondary_start,
		     (uint64_t)&stack1[sizeof(stack1) / sizeof(stack1[0])]);
	if (r.error)
		gprintf("TEST FAIL: hart_start returned %ld\n", r.error);
	if (sbi_call(SBI_EXT_HSM, 0, 1, (uint64_t)secondary_start, 0).error != -6)
		gprintf("TEST FAIL: a second hart_start is not ALREADY_AVAILABLE\n");
	if (sbi_call(SBI_EXT_HSM, 0, 2, (uint64_t)secondary_start, 0).error != -3)
		gprintf("TEST FAIL: hart_start of a hart the VM lacks is not INVALID_PARAM\n");
	while (!up)
		;
	gprintf("vCPU 1 status %ld\n", status(1));
	r = sbi_call(SBI_EXT_IPI, 0, 1UL << 1, 0, 0);
	if (r.error)
		gprintf("TEST FAIL: send_ipi returned %ld\n", r.error);
	while (status(1) != 1)
		;
	gprintf("vCPU 1 stopped\n");
	gprintf("TEST PASS smp\n");
	return 0;
}
