// SPDX-License-Identifier: Apache-2.0
/*
 * Each VM's /chosen/rng-seed from the firmware's (rng_seed.h): the ChaCha20
 * block function of RFC 8439, section 2.3, as its pseudo-random function.
 * Run-time code: a VM's reset gives it a fresh seed (hyp/vm.c).
 */
#include <string.h>

#include "rng_seed.h"

static u32 rotl(u32 v, u32 n)
{
	return (v << n) | (v >> (32U - n));
}

/* RFC 8439 section 2.1: the quarter round on words a, b, c, d of the state. */
static void quarter_round(u32 *s, u32 a, u32 b, u32 c, u32 d)
{
	s[a] += s[b];
	s[d] = rotl(s[d] ^ s[a], 16U);
	s[c] += s[d];
	s[b] = rotl(s[b] ^ s[c], 12U);
	s[a] += s[b];
	s[d] = rotl(s[d] ^ s[a], 8U);
	s[c] += s[d];
	s[b] = rotl(s[b] ^ s[c], 7U);
}

void chacha20_block(const u32 key[RNG_SEED_KEY_WORDS], u32 counter, const u32 nonce[3],
		    u8 out[RNG_SEED_BYTES])
{
	u32 init[16];
	u32 s[16];

	/* section 2.3: the constants "expand 32-byte k", the key, the counter, the nonce */
	init[0] = 0x61707865U;
	init[1] = 0x3320646eU;
	init[2] = 0x79622d32U;
	init[3] = 0x6b206574U;
	(void)memcpy(&init[4], key, RNG_SEED_KEY_WORDS * sizeof(u32));
	init[12] = counter;
	(void)memcpy(&init[13], nonce, 3U * sizeof(u32));
	(void)memcpy(s, init, sizeof(s));
	for (u32 i = 0; i < 10U; i++) { /* 20 rounds: column rounds, then diagonal ones */
		quarter_round(s, 0U, 4U, 8U, 12U);
		quarter_round(s, 1U, 5U, 9U, 13U);
		quarter_round(s, 2U, 6U, 10U, 14U);
		quarter_round(s, 3U, 7U, 11U, 15U);
		quarter_round(s, 0U, 5U, 10U, 15U);
		quarter_round(s, 1U, 6U, 11U, 12U);
		quarter_round(s, 2U, 7U, 8U, 13U);
		quarter_round(s, 3U, 4U, 9U, 14U);
	}
	for (u32 i = 0; i < 16U; i++) { /* added to the initial state, serialized little-endian */
		u32 w = s[i] + init[i];

		out[4U * i] = (u8)w;
		out[(4U * i) + 1U] = (u8)(w >> 8);
		out[(4U * i) + 2U] = (u8)(w >> 16);
		out[(4U * i) + 3U] = (u8)(w >> 24);
	}
}

void rng_seed_vm(const u8 *seed, u32 len, u32 vm, u64 gen, u8 out[RNG_SEED_BYTES])
{
	const u32 nonce[3] = {vm, (u32)gen, (u32)(gen >> 32)};
	u32 key[RNG_SEED_KEY_WORDS] = {0};

	for (u32 i = 0; i < len; i++) { /* folded; little-endian words, as the RFC reads a key */
		key[(i / 4U) % RNG_SEED_KEY_WORDS] ^= (u32)seed[i] << (8U * (i % 4U));
	}
	chacha20_block(key, 0U, nonce, out);
	(void)memset(key, 0, sizeof(key));
}
