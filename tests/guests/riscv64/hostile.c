// SPDX-License-Identifier: Apache-2.0
/*
 * hostile (RISC-V): accesses the hypervisor must refuse, each survived: a byte
 * store to the virtual PLIC's claim register and a misaligned word load from
 * it (its registers are aligned words), a word store to the virtual 16550
 * (byte registers): each ends in an access fault the guest takes (store 7,
 * load 5: privileged spec 3.1.15); SBI DBCN pointing outside its memory,
 * send_ipi and hart_start naming harts it does not have: SBI errors. Then the
 * devices still work. 4-byte instructions only (.option norvc), so the trap
 * handler knows how far to step.
 */
#include "guest.h"
#include "plic.h"

#define UART	     0x10000000UL
#define EXC_LOAD_AF  5
#define EXC_STORE_AF 7

static volatile unsigned faults[8];

static bool on_trap(struct guest_frame *f, uint64_t cause)
{
	uint64_t epc;

	if (cause != EXC_LOAD_AF && cause != EXC_STORE_AF)
		return false;
	faults[cause]++;
	__asm__ volatile("csrr %0, sepc" : "=r"(epc));
	__asm__ volatile("csrw sepc, %0" ::"r"(epc + 4));
	return true;
}

static void sb(uint64_t addr, uint8_t v)
{
	__asm__ volatile(".option push\n.option norvc\nsb %0, 0(%1)\n.option pop" ::"r"(v),
			 "r"(addr)
			 : "memory");
}

static void sw(uint64_t addr, uint32_t v)
{
	__asm__ volatile(".option push\n.option norvc\nsw %0, 0(%1)\n.option pop" ::"r"(v),
			 "r"(addr)
			 : "memory");
}

static uint32_t lw(uint64_t addr)
{
	uint32_t v = 0xdead;

	__asm__ volatile(".option push\n.option norvc\nlw %0, 0(%1)\n.option pop"
			 : "+r"(v)
			 : "r"(addr)
			 : "memory");
	return v;
}

static void expect(unsigned cause, unsigned n, const char *what)
{
	if (faults[cause] != n)
		gprintf("TEST FAIL: %s: %u access faults (cause %u), expected %u\n", what,
			faults[cause], cause, n);
	else
		gprintf("%s: refused, access fault taken\n", what);
}

int main(uint64_t hart, uint64_t dtb)
{
	struct sbiret r;

	guest_trap_handler = on_trap;
	sb(PLIC_BASE + 0x200004, 1);
	expect(EXC_STORE_AF, 1, "byte store to the PLIC claim register");
	(void)lw(PLIC_BASE + 0x200006);
	expect(EXC_LOAD_AF, 1, "misaligned word load from the PLIC");
	sw(UART + 3, 0x83);
	expect(EXC_STORE_AF, 2, "word store to the 16550");
	r = sbi_call(SBI_EXT_DBCN, 0, 16, 0x40000000, 0); /* not its memory */
	gprintf("DBCN write outside its memory: error %ld, %ld bytes\n", r.error, r.value);
	r = sbi_call(SBI_EXT_IPI, 0, 1, 5, 0); /* hart 5: it has one */
	gprintf("send_ipi to hart 5: error %ld\n", r.error);
	r = sbi_call(SBI_EXT_HSM, 0, 1, 0x80000000, 0);
	gprintf("hart_start of hart 1: error %ld\n", r.error);
	plic_enable(10);
	if (*plic_reg(4 * 10) != 1 || lw(PLIC_BASE + 0x2000) != 1U << 10)
		gprintf("TEST FAIL: the virtual PLIC does not work after the refusals\n");
	else
		gprintf("TEST PASS hostile\n");
	return 0;
}
