/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Physical page allocator: a sorted list of free ranges built from RAM minus
 * everything already in use (hypervisor image, DTBs, reserved memory).
 * Pure code (host-tested): it only does arithmetic on addresses.
 */
#ifndef TESSERA_PALLOC_H
#define TESSERA_PALLOC_H

#include "types.h"

#define PALLOC_MAX_RANGES 32U

struct palloc {
	u32 nfree;
	/* MISRA misreading 5.7: an untagged structure declares no tag */
	struct {
		paddr_t base;
		u64 size;
	} free[PALLOC_MAX_RANGES];
	u64 allocated; /* bytes handed out */
};

void palloc_init(struct palloc *pa);
/* Adds [base, base+size) as free (page-rounded inwards). */
int palloc_add(struct palloc *pa, paddr_t base, u64 size);
/* Removes [base, base+size) from the free set, wherever it is free (page-rounded outwards). */
void palloc_exclude(struct palloc *pa, paddr_t base, u64 size);
/* Claims exactly [base, base+size); fails (-1) unless all of it is free. */
int palloc_claim(struct palloc *pa, paddr_t base, u64 size);
/* Allocates size bytes aligned to align (a power of two >= 4 KiB) into *out; -1 on failure. */
int palloc_alloc(struct palloc *pa, u64 size, u64 align, paddr_t *out);

/* A 2 MiB block: what a translation table maps with one entry a level above pages. */
#define BLOCK_2M (2U * MIB)
/*
 * Guest or channel memory: BLOCK_2M aligned if block (so it can be mapped
 * with blocks), else, or if no such room is left, page aligned. The one
 * placement policy of the boot (vm.c, ipc.c) and of validation's replay.
 */
int palloc_alloc_block(struct palloc *pa, u64 size, bool block, paddr_t *out);
/* Returns a range to the free set. */
int palloc_free(struct palloc *pa, paddr_t base, u64 size);
u64 palloc_free_bytes(const struct palloc *pa);

#endif
