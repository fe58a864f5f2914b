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

/* next: the next ticket, taken by any CPU; owner: the ticket served, moved by its holder. */
struct spinlock {
	u32 next;
	u32 owner;
};

static inline void spin_lock(struct spinlock *l)
{
	u32 me = __atomic_fetch_add(&l->next, 1, __ATOMIC_RELAXED);

	while (__atomic_load_n(&l->owner, __ATOMIC_ACQUIRE) != me) {
		;
	}
}

static inline void spin_unlock(struct spinlock *l)
{
	__atomic_store_n(&l->owner, __atomic_load_n(&l->owner, __ATOMIC_RELAXED) + 1,
			 __ATOMIC_RELEASE);
}

/*
 * For a section that will never end (a hypervisor fault inside it): serves
 * the next ticket, so the caller's spin_lock goes in. CPUs that were already
 * waiting keep waiting (their tickets are passed over): only for the
 * console after a fault, when this CPU is about to park.
 */
static inline void spin_break(struct spinlock *l)
{
	__atomic_store_n(&l->owner, __atomic_load_n(&l->next, __ATOMIC_RELAXED), __ATOMIC_RELEASE);
}

#endif
