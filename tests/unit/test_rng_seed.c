/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Host tests of the VMs' rng-seeds (hyp/rng_seed.c): the ChaCha20 block
 * function against RFC 8439's test vectors, and the derivation: the fold of
 * the firmware's seed into the key, one seed per VM and per boot generation.
 */
#include <string.h>

#include "rng_seed.h"
#include "test.h"

/* RFC 8439 appendix A.1, test vector #1: key 0, nonce 0, block 0. */
static const u8 zero_block[RNG_SEED_BYTES] = {
	0x76, 0xb8, 0xe0, 0xad, 0xa0, 0xf1, 0x3d, 0x90, 0x40, 0x5d, 0x6a, 0xe5, 0x53,
	0x86, 0xbd, 0x28, 0xbd, 0xd2, 0x19, 0xb8, 0xa0, 0x8d, 0xed, 0x1a, 0xa8, 0x36,
	0xef, 0xcc, 0x8b, 0x77, 0x0d, 0xc7, 0xda, 0x41, 0x59, 0x7c, 0x51, 0x57, 0x48,
	0x8d, 0x77, 0x24, 0xe0, 0x3f, 0xb8, 0xd8, 0x4a, 0x37, 0x6a, 0x43, 0xb8, 0xf4,
	0x15, 0x18, 0xa1, 0x1c, 0xc3, 0x87, 0xb6, 0x69, 0xb2, 0xee, 0x65, 0x86};

/* RFC 8439 section 2.3.2: key 00..1f, nonce 00000009 0000004a 00000000, block count 1. */
static void test_rfc8439_block(void)
{
	static const u8 want[RNG_SEED_BYTES] = {
		0x10, 0xf1, 0xe7, 0xe4, 0xd1, 0x3b, 0x59, 0x15, 0x50, 0x0f, 0xdd, 0x1f, 0xa3,
		0x20, 0x71, 0xc4, 0xc7, 0xd1, 0xf4, 0xc7, 0x33, 0xc0, 0x68, 0x03, 0x04, 0x22,
		0xaa, 0x9a, 0xc3, 0xd4, 0x6c, 0x4e, 0xd2, 0x82, 0x64, 0x46, 0x07, 0x9f, 0xaa,
		0x09, 0x14, 0xc2, 0xd7, 0x05, 0xd9, 0x8b, 0x02, 0xa2, 0xb5, 0x12, 0x9c, 0xd1,
		0xde, 0x16, 0x4e, 0xb9, 0xcb, 0xd0, 0x83, 0xe8, 0xa2, 0x50, 0x3c, 0x4e};
	const u32 nonce[3] = {0x09000000U, 0x4a000000U, 0};
	u32 key[RNG_SEED_KEY_WORDS];
	u8 out[RNG_SEED_BYTES];

	for (u32 i = 0; i < RNG_SEED_KEY_WORDS; i++) { /* bytes 00..1f, little-endian words */
		key[i] = (4U * i) | ((4U * i + 1U) << 8) | ((4U * i + 2U) << 16) |
			 ((4U * i + 3U) << 24);
	}
	chacha20_block(key, 1U, nonce, out);
	CHECK(memcmp(out, want, sizeof(want)) == 0);
}

static void test_rfc8439_zero_block(void)
{
	const u32 key[RNG_SEED_KEY_WORDS] = {0}, nonce[3] = {0};
	u8 out[RNG_SEED_BYTES];

	chacha20_block(key, 0U, nonce, out);
	CHECK(memcmp(out, zero_block, sizeof(out)) == 0);
}

/*
 * The firmware's seed is XOR-folded into 32 bytes: a 64-byte seed whose halves
 * are equal folds to the zero key, so VM 0's first seed is the zero block.
 */
static void test_fold(void)
{
	u8 seed[64], out[RNG_SEED_BYTES];

	for (u32 i = 0; i < 32U; i++) {
		seed[i] = seed[i + 32U] = (u8)(7U * i + 1U);
	}
	rng_seed_vm(seed, sizeof(seed), 0U, 0U, out);
	CHECK(memcmp(out, zero_block, sizeof(out)) == 0);
	rng_seed_vm(seed, 32U, 0U, 0U, out); /* half of it: a key that is not zero */
	CHECK(memcmp(out, zero_block, sizeof(out)) != 0);
}

/* Each VM, and each boot of it, its own seed; the same inputs, the same seed. */
static void test_one_seed_per_vm_and_boot(void)
{
	static const u8 fw[32] = {0x6d, 0x5d, 0xf9, 0xc3, 0x79, 0x01, 0x5e, 0x66, 0x13, 0x08, 0xae,
				  0xf6, 0x0f, 0xd1, 0x8e, 0x13, 0xf6, 0xfc, 0xfc, 0x72, 0xf9, 0xfe,
				  0x58, 0x81, 0x72, 0x73, 0x5b, 0xcd, 0x39, 0x9e, 0xcf, 0x07};
	u8 a[RNG_SEED_BYTES], b[RNG_SEED_BYTES], c[RNG_SEED_BYTES], again[RNG_SEED_BYTES];

	rng_seed_vm(fw, sizeof(fw), 0U, 0U, a);
	rng_seed_vm(fw, sizeof(fw), 1U, 0U, b);
	rng_seed_vm(fw, sizeof(fw), 0U, 1U, c);
	rng_seed_vm(fw, sizeof(fw), 0U, 0U, again);
	CHECK(memcmp(a, b, sizeof(a)) != 0);
	CHECK(memcmp(a, c, sizeof(a)) != 0);
	CHECK(memcmp(b, c, sizeof(a)) != 0);
	CHECK(memcmp(a, again, sizeof(a)) == 0);
	rng_seed_vm(fw, sizeof(fw), 0U, 1ULL << 32, b); /* the generation's high word counts */
	CHECK(memcmp(a, b, sizeof(a)) != 0 && memcmp(c, b, sizeof(c)) != 0);
}

int main(int argc, char **argv)
{
	test_init(argc, argv);
	RUN(test_rfc8439_block);
	RUN(test_rfc8439_zero_block);
	RUN(test_fold);
	RUN(test_one_seed_per_vm_and_boot);
	return test_summary();
}
