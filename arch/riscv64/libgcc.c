// SPDX-License-Identifier: Apache-2.0
/*
 * The libgcc helpers GCC calls on RV64IMAC for __builtin_ctz, __builtin_clz,
 * __builtin_popcount and __builtin_bswap* (no Zbb instructions): Debian ships
 * libgcc for the lp64d ABI only, which does not link with this soft-float
 * build (arch.mk). Plain loops: none is on a hot path.
 */
#include "types.h"

int __ctzdi2(u64 x);
int __ctzsi2(u32 x);
int __clzdi2(u64 x);
int __clzsi2(u32 x);
int __popcountdi2(u64 x);
int __popcountsi2(u32 x);
u32 __bswapsi2(u32 x);
u64 __bswapdi2(u64 x);

/* Undefined for 0, as the builtins (GCC manual, "Other Builtins"): 64 here. */
int __ctzdi2(u64 x)
{
	int n = 0;

	while (n < 64 && !(x & 1U)) {
		x >>= 1;
		n++;
	}
	return n;
}

int __ctzsi2(u32 x)
{
	return __ctzdi2(x);
}

int __clzdi2(u64 x)
{
	int n = 0;

	while (n < 64 && !(x & (1UL << 63))) {
		x <<= 1;
		n++;
	}
	return n;
}

int __clzsi2(u32 x)
{
	return __clzdi2((u64)x << 32 | 0xffffffffUL);
}

int __popcountdi2(u64 x)
{
	int n = 0;

	for (; x; x &= x - 1U) {
		n++;
	}
	return n;
}

int __popcountsi2(u32 x)
{
	return __popcountdi2(x);
}

u32 __bswapsi2(u32 x)
{
	return (x >> 24) | ((x >> 8) & 0xff00U) | ((x << 8) & 0xff0000U) | (x << 24);
}

u64 __bswapdi2(u64 x)
{
	return (u64)__bswapsi2((u32)x) << 32 | __bswapsi2((u32)(x >> 32));
}
