/* SPDX-License-Identifier: Apache-2.0 */
/*
 * resetloop_a / resetloop_b: two different images, each resetting its own VM
 * in a loop while the other does the same on another CPU (the hypervisor
 * copies an image back in at every reset). Each carries 512 KiB that only it
 * has (its own seed in every word, so the copy takes long) and checks, at
 * every boot, that this is what it was loaded with: a copy that went to the
 * wrong VM shows as the wrong pattern, or as the other one's name printed
 * under this VM's.
 */
#ifndef TESSERA_GUEST_RESETLOOP_H
#define TESSERA_GUEST_RESETLOOP_H

#include "guest.h"

#ifndef RESETS
#define RESETS 20
#endif
#define WORDS (512 * 1024 / 8)
#ifndef COUNTER_IPA
#define COUNTER_IPA 0x40700000UL /* beyond what a reset copies in: survives resets */
#endif
#define COUNTER ((volatile uint64_t *)COUNTER_IPA)
#define MAGIC	0x4e5e7100000000UL

/* Its 512 KiB: every word the image's own seed (a GNU range initializer: in the image). */
#define RESETLOOP_BLOB(seed) \
	static const volatile uint64_t blob[WORDS] = {[0 ... WORDS - 1] = (seed)}

static int resetloop(const char *name, uint64_t seed, const volatile uint64_t *blob)
{
	uint64_t boot = (COUNTER[0] & ~0xffffUL) == MAGIC ? (COUNTER[0] & 0xffff) + 1 : 1;
	unsigned bad = 0;

	COUNTER[0] = MAGIC | boot;
	for (unsigned i = 0; i < WORDS; i++)
		bad += blob[i] != seed;
	if (bad) {
		gprintf("TEST FAIL: %s boot %lu: %u of %u words are not its own image\n", name,
			boot, bad, WORDS);
		psci_system_off();
	}
	if (boot % 5 == 0 || boot == 1)
		gprintf("%s boot %lu: image intact\n", name, boot);
	if (boot < RESETS)
		psci_system_reset();
	gprintf("TEST PASS %s: %u resets, its image intact each time\n", name, RESETS);
	psci_system_off();
}

#endif
