/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Each VM's own boot entropy: /chosen/rng-seed of its guest DTB (DT spec
 * v0.4, section 3.6: random data for the kernel's RNG; Linux credits it as
 * bootloader randomness, so its CRNG is ready at once instead of after
 * seconds of jitter collection), derived from the firmware's /chosen/rng-seed
 * of the hardware DTB (QEMU, U-Boot and other loaders put one there) with
 * ChaCha20 (RFC 8439, section 2.3) as the pseudo-random function:
 *   key   the firmware's seed (struct hw keeps up to HW_RNG_SEED_MAX bytes),
 *         XOR-folded into 32 bytes;
 *   nonce the VM's id and its boot generation (0 at boot, then one more per
 *         reset), so no two VMs, and no two boots of one VM, get the same seed;
 *   block 0, 64 bytes: the VM's seed.
 * A VM cannot compute another's seed without the key, which only the
 * hypervisor holds (the hardware DTB is never mapped into a VM). The seeds are
 * as strong as the firmware's: fewer than 32 bytes from it give less.
 * Pure code (host unit tests check the RFC's test vectors).
 */
#ifndef HYP_RNG_SEED_H
#define HYP_RNG_SEED_H

#include "types.h"

#define RNG_SEED_KEY_WORDS 8U
#define RNG_SEED_BYTES	   64U /* one ChaCha20 block */

/* RFC 8439 section 2.3: the block function, out = 64 bytes of key stream. */
void chacha20_block(const u32 key[RNG_SEED_KEY_WORDS], u32 counter, const u32 nonce[3],
		    u8 out[RNG_SEED_BYTES]);
/* VM vm's seed for its boot generation gen, from len (> 0) bytes of the firmware's seed. */
void rng_seed_vm(const u8 *seed, u32 len, u32 vm, u64 gen, u8 out[RNG_SEED_BYTES]);

#endif
