/* SPDX-License-Identifier: Apache-2.0 */
/*
 * RISC-V benchmark guest helpers: the cycle CSR as an instruction clock. Under QEMU -icount shift=0 the
 * cycle (and instret) CSR reads QEMU's instruction count since reset, which
 * is also its virtual time in ns; the hypervisor lets the guest read it
 * (hcounteren.CY) with no offset, so natively and in a VM it is the same
 * clock. time ticks at the 10 MHz timebase, every 100 instructions; in a VM it
 * is the hart's minus htimedelta. The output lines and workloads: common.h.
 */
#ifndef TESSERA_BENCH_RISCV_H
#define TESSERA_BENCH_RISCV_H

#include <stdint.h>

#include "common.h"
#include "guest.h"

#define NS_PER_TICK (1000000000UL / TIMEBASE_HZ)

static inline uint64_t cycle_now(void)
{
	uint64_t c;

	__asm__ volatile("rdcycle %0" : "=r"(c)::"memory");
	return c;
}

#endif
