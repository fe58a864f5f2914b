/* SPDX-License-Identifier: Apache-2.0 */
/* Test-guest helpers for shared-memory channels and doorbells (layouts in tests/e2e/cases). */
#ifndef TESSERA_GUEST_SHMEM_H
#define TESSERA_GUEST_SHMEM_H

#include <stdbool.h>
#include <stdint.h>

#include "guest.h"

/* Rings target on channel chan with the hypercall; returns its TESSERA_* code. */
static inline int64_t db_ring_hvc(uint64_t chan, uint64_t target)
{
	return hvc(TESSERA_HC_DOORBELL, chan, target, 0, 0, 0, 0).x0;
}

static inline volatile uint32_t *db_reg(uint64_t page, unsigned off)
{
	return (volatile uint32_t *)(page + off);
}

/* Rings target through the doorbell page; returns the STATUS register. */
static inline int32_t db_ring_mmio(uint64_t page, uint32_t target)
{
	*db_reg(page, TESSERA_DB_RING) = target;
	return (int32_t)*db_reg(page, TESSERA_DB_STATUS);
}

/* VM index from IDENTIFY. */
static inline unsigned my_vm_id(void)
{
	return (unsigned)hvc(TESSERA_HC_IDENTIFY, 0, 0, 0, 0, 0, 0).x2;
}

#endif
