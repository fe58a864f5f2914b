/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Environment for libfdt (extracted at build time from linux-source-6.1,
 * never committed). Replaces libfdt's own libfdt_env.h so libfdt builds
 * freestanding inside the hypervisor and unchanged on the host.
 */
#ifndef TESSERA_LIBFDT_ENV_H
#define TESSERA_LIBFDT_ENV_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* Device trees are big-endian (Devicetree Specification v0.4, 5.2). */
typedef uint16_t fdt16_t;
typedef uint32_t fdt32_t;
typedef uint64_t fdt64_t;

static inline uint16_t fdt16_to_cpu(fdt16_t x)
{
	return __builtin_bswap16(x);
}
static inline fdt16_t cpu_to_fdt16(uint16_t x)
{
	return __builtin_bswap16(x);
}
static inline uint32_t fdt32_to_cpu(fdt32_t x)
{
	return __builtin_bswap32(x);
}
static inline fdt32_t cpu_to_fdt32(uint32_t x)
{
	return __builtin_bswap32(x);
}
static inline uint64_t fdt64_to_cpu(fdt64_t x)
{
	return __builtin_bswap64(x);
}
static inline fdt64_t cpu_to_fdt64(uint64_t x)
{
	return __builtin_bswap64(x);
}

#endif
