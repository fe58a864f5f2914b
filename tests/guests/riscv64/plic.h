/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The guest's PLIC (QEMU virt's address; the hypervisor's virtual PLIC in a
 * VM): context 0 is the boot vCPU's supervisor context (RISC-V PLIC
 * specification v1.0.0, chapter 3 for the register map).
 */
#ifndef TESSERA_GUEST_PLIC_H
#define TESSERA_GUEST_PLIC_H

#include <stdint.h>

#define PLIC_BASE 0x0c000000UL

static inline volatile uint32_t *plic_reg(uint64_t off)
{
	return (volatile uint32_t *)(PLIC_BASE + off);
}

/* Source src at priority 1, enabled in context 0, threshold 0. */
static inline void plic_enable(unsigned src)
{
	*plic_reg(4 * src) = 1;
	*plic_reg(0x2000 + src / 32 * 4) |= 1U << (src % 32);
	*plic_reg(0x200000) = 0;
}

static inline unsigned plic_claim(void)
{
	return *plic_reg(0x200004);
}

static inline void plic_complete(unsigned src)
{
	*plic_reg(0x200004) = src;
}

#endif
