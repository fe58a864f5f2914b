/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The part of Tessera's hypercall ABI the driver uses, as
 * hyp/include/tessera/hypercall.h and arch/<arch>/include/tessera/
 * hypercall_abi.h define it (scripts/linux-guest.sh and
 * linux-guest-riscv64.sh check these values against them at every build):
 * the doorbell call with x1/a0 = channel, x2/a1 = target; the result in
 * x0/a0. tchan_doorbell() makes the call:
 *  - arm64: an SMCCC fast call, SMC64, Vendor Specific Hypervisor Service
 *    (Arm DEN 0028, 6.2), HVC #0 with the function ID in x0;
 *  - riscv: an SBI call (SBI v2.0, chapter 3) to Tessera's firmware-specific
 *    extension (a7 = TCHAN_SBI_EXT) with the call number in a6 (the function ID).
 */
#ifndef TESSERA_CHAN_ABI_H
#define TESSERA_CHAN_ABI_H

#define TCHAN_DB_ALL	      0xffffffffUL
#define TCHAN_OK	      0L
#define TCHAN_E_NOT_SUPPORTED (-1L)
#define TCHAN_E_INVALID	      (-2L)
#define TCHAN_E_DENIED	      (-3L)
#define TCHAN_E_OFF	      (-4L)

/* The doorbell call's function ID: arm64's SMCCC ID, riscv's call number (a6). */
#define TCHAN_HC_DOORBELL_ARM64 0xC6000002UL
#define TCHAN_HC_DOORBELL_RISCV 2UL
#define TCHAN_SBI_EXT		0x0A545345UL /* riscv: Tessera's SBI extension (a7) */

#ifdef __KERNEL__
#if defined(CONFIG_ARM64)
#include <linux/arm-smccc.h>

static inline long tchan_doorbell(unsigned long channel, unsigned long target)
{
	struct arm_smccc_res res;

	arm_smccc_1_1_hvc(TCHAN_HC_DOORBELL_ARM64, channel, target, &res);
	return (long)res.a0;
}
#elif defined(CONFIG_RISCV)
#include <asm/sbi.h>

static inline long tchan_doorbell(unsigned long channel, unsigned long target)
{
	/* Tessera's result is a0, what struct sbiret calls error */
	return sbi_ecall(TCHAN_SBI_EXT, TCHAN_HC_DOORBELL_RISCV, channel, target, 0, 0, 0, 0).error;
}
#else
#error "tessera-chan: Tessera's hypercalls are defined for arm64 and riscv only"
#endif
#endif

#endif
