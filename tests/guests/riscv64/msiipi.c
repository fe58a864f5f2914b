// SPDX-License-Identifier: Apache-2.0
/*
 * msiipi (RISC-V, a VM with guest interrupt files; built for GUEST_IMSIC only):
 * IPIs between its two vCPUs as MSIs, each vCPU writing an identity into the
 * other's interrupt file (seteipnum_le at offset 0 of its page: RISC-V AIA
 * spec v1.0, section 3.5), the receiver claiming it through its own stopei
 * (3.9): no SBI call, no hypervisor. 100 rounds, identity 1 to vCPU 1 and 2
 * back to vCPU 0; one more sent by the virtual APLIC's genmsi. Then vCPU 0 writes to the page after its VM's last file
 * (a third vCPU's, which it does not have): that page is not mapped, so the
 * VM stops with a fault, a message, and the other VMs go on.
 */
#include "guest.h"
#include "plic.h"

#define ROUNDS 100
#define PING   1 /* identity vCPU 0 sends to vCPU 1 */
#define PONG   2 /* and back */

static uint64_t stack1[1024] __attribute__((aligned(16)));
static volatile unsigned up, pings, pongs, wrong;

void secondary_start(void);

static bool on_trap(struct guest_frame *f, uint64_t cause)
{
	unsigned id;

	if (cause != (SCAUSE_IRQ | 9))
		return false;
	while ((id = plic_claim()) != 0) {
		if (id == PING) {
			pings++;
			*imsic_file(0) = PONG;
		} else if (id == PONG) {
			pongs++;
		} else {
			wrong = id;
		}
	}
	return true;
}

void secondary_main(void)
{
	guest_trap_handler = on_trap;
	imsic_enable(PING);
	irq_enable(SIE_SEIE);
	up = 1;
	wfi_until(&pings, ROUNDS + 1);
	for (;;)
		__asm__ volatile("wfi");
}

int main(uint64_t hart, uint64_t dtb)
{
	guest_trap_handler = on_trap;
	imsic_enable(PONG);
	irq_enable(SIE_SEIE);
	if (sbi_call(SBI_EXT_HSM, 0, 1, (uint64_t)secondary_start,
		     (uint64_t)&stack1[sizeof(stack1) / sizeof(stack1[0])])
		    .error)
		gprintf("TEST FAIL: hart_start of vCPU 1\n");
	while (!up)
		;
	for (unsigned n = 1; n <= ROUNDS; n++) {
		*imsic_file(1) = PING;
		wfi_until(&pongs, n);
	}
	if (wrong)
		gprintf("TEST FAIL: claimed identity %u\n", wrong);
	gprintf("msiipi: %u IPIs each way between vCPU 0 and vCPU 1 through their interrupt "
		"files\n",
		pings);
	/* one more through its APLIC's genmsi (4.5.15): hart index 1, identity PING */
	*aplic_reg(0x3000) = (1U << 18) | PING;
	wfi_until(&pongs, ROUNDS + 1);
	gprintf("msiipi: genmsi to vCPU 1 answered\n");
	gprintf("TEST PASS msiipi\n");
	gprintf("msiipi: writing to the interrupt file of a vCPU it does not have\n");
	*imsic_file(2) = PING;
	gprintf("TEST FAIL: the write to another hart's file went through\n");
	return 0;
}
