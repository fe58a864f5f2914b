/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Ticket spinlock on C11 atomics (exclusive monitors on Armv8.0). Waiting for
 * one is waiting for another CPU, so every critical section is bounded: a
 * holder never waits for a guest, an event or another CPU to act, only for
 * another lock's section or its own work, and none copies bulk data (a VM's
 * images are copied through per-CPU windows, without a lock: mem.c).
 * Guest-triggered paths take a lock only when they have something to change
 * (vgic_pending.c).
 */
#ifndef TESSERA_SPINLOCK_H
#define TESSERA_SPINLOCK_H

#include "types.h"

struct spinlock {
	u32 next;
	u32 owner;
};

static inline void spin_lock(struct spinlock *l)
{
	u32 me = __atomic_fetch_add(&l->next, 1, __ATOMIC_RELAXED);

	while (__atomic_load_n(&l->owner, __ATOMIC_ACQUIRE) != me)
		;
}

static inline void spin_unlock(struct spinlock *l)
{
	__atomic_store_n(&l->owner, l->owner + 1, __ATOMIC_RELEASE);
}

#endif
