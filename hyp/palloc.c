// SPDX-License-Identifier: Apache-2.0
/* Physical page allocator over free ranges (see palloc.h). */
#include "palloc.h"

void palloc_init(struct palloc *pa)
{
	pa->nfree = 0;
	pa->allocated = 0;
}

static void remove_at(struct palloc *pa, u32 i)
{
	for (; i + 1U < pa->nfree; i++) {
		pa->free[i] = pa->free[i + 1U];
	}
	pa->nfree--;
}

static int insert_at(struct palloc *pa, u32 i, paddr_t base, u64 size)
{
	if (pa->nfree == PALLOC_MAX_RANGES) {
		return -1;
	}
	for (u32 j = pa->nfree; j > i; j--) {
		pa->free[j] = pa->free[j - 1U];
	}
	pa->free[i].base = base;
	pa->free[i].size = size;
	pa->nfree++;
	return 0;
}

/* Inserts a free range, merging with neighbours; it must not overlap any free range. */
static int insert_free(struct palloc *pa, paddr_t base, u64 size)
{
	u32 i = 0;

	while (i < pa->nfree && pa->free[i].base < base) {
		i++;
	}
	if (i < pa->nfree && ranges_overlap(base, size, pa->free[i].base, pa->free[i].size)) {
		return -1;
	}
	if (i > 0U && ranges_overlap(base, size, pa->free[i - 1U].base, pa->free[i - 1U].size)) {
		return -1;
	}
	if (i > 0U && pa->free[i - 1U].base + pa->free[i - 1U].size == base) {
		pa->free[i - 1U].size += size;
		if (i < pa->nfree && base + size == pa->free[i].base) {
			pa->free[i - 1U].size += pa->free[i].size;
			remove_at(pa, i);
		}
		return 0;
	}
	if (i < pa->nfree && base + size == pa->free[i].base) {
		pa->free[i].base = base;
		pa->free[i].size += size;
		return 0;
	}
	return insert_at(pa, i, base, size);
}

int palloc_add(struct palloc *pa, paddr_t base, u64 size)
{
	paddr_t start = ALIGN_UP(base, PAGE_SIZE);
	paddr_t end = ALIGN_DOWN(base + size, PAGE_SIZE);

	if (base + size < base || end <= start) {
		return -1;
	}
	if (insert_free(pa, start, end - start) != 0) {
		return -1;
	}
	return 0;
}

/* Cuts [start, end) out of free range i; returns -1 if the table is full. */
static int cut(struct palloc *pa, u32 i, paddr_t start, paddr_t end)
{
	paddr_t fb = pa->free[i].base, fe = fb + pa->free[i].size;

	if (start <= fb && end >= fe) {
		remove_at(pa, i);
		return 0;
	}
	if (start <= fb) {
		pa->free[i].base = end;
		pa->free[i].size = fe - end;
		return 0;
	}
	pa->free[i].size = start - fb;
	if (end < fe) {
		return insert_at(pa, i + 1U, end, fe - end);
	}
	return 0;
}

void palloc_exclude(struct palloc *pa, paddr_t base, u64 size)
{
	paddr_t start = ALIGN_DOWN(base, PAGE_SIZE);
	paddr_t end =
		base + size < base ? ~0ULL & ~(PAGE_SIZE - 1U) : ALIGN_UP(base + size, PAGE_SIZE);
	u32 i = pa->nfree;

	/* Backwards: what cut removes or inserts at i and after is done with. */
	while (i > 0U) {
		i--;
		paddr_t fb = pa->free[i].base, fe = fb + pa->free[i].size;

		if (ranges_overlap(start, end - start, fb, fe - fb)) {
			(void)cut(pa, i, MAX(start, fb), MIN(end, fe));
		}
	}
}

int palloc_claim(struct palloc *pa, paddr_t base, u64 size)
{
	if (!size || !IS_ALIGNED(base | size, PAGE_SIZE) || base + size < base) {
		return -1;
	}
	for (u32 i = 0; i < pa->nfree; i++) {
		if (range_inside(base, size, pa->free[i].base, pa->free[i].size)) {
			if (cut(pa, i, base, base + size) != 0) {
				return -1;
			}
			pa->allocated += size;
			return 0;
		}
	}
	return -1;
}

int palloc_alloc(struct palloc *pa, u64 size, u64 align, paddr_t *out)
{
	size = ALIGN_UP(size, PAGE_SIZE);
	if (!size || align < PAGE_SIZE || (align & (align - 1U))) {
		return -1;
	}
	for (u32 i = 0; i < pa->nfree; i++) {
		paddr_t base = ALIGN_UP(pa->free[i].base, align);
		paddr_t end = pa->free[i].base + pa->free[i].size;

		if (base >= pa->free[i].base && base < end && end - base >= size &&
		    !palloc_claim(pa, base, size)) {
			*out = base;
			return 0;
		}
	}
	return -1;
}

int palloc_alloc_block(struct palloc *pa, u64 size, bool block, paddr_t *out)
{
	if (block && palloc_alloc(pa, size, BLOCK_2M, out) == 0) {
		return 0;
	}
	return palloc_alloc(pa, size, PAGE_SIZE, out);
}

int palloc_free(struct palloc *pa, paddr_t base, u64 size)
{
	if (!size || !IS_ALIGNED(base | size, PAGE_SIZE) || insert_free(pa, base, size)) {
		return -1;
	}
	pa->allocated -= size;
	return 0;
}

u64 palloc_free_bytes(const struct palloc *pa)
{
	u64 n = 0;

	for (u32 i = 0; i < pa->nfree; i++) {
		n += pa->free[i].size;
	}
	return n;
}
