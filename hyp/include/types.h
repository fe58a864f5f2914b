/* SPDX-License-Identifier: Apache-2.0 */
/* Basic scalar types shared by the hypervisor core, the arch code and host tests. */
#ifndef TESSERA_TYPES_H
#define TESSERA_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int64_t s64;

typedef u64 paddr_t; /* physical address */
typedef u64 vaddr_t; /* hypervisor virtual address */
typedef u64 ipa_t;   /* guest intermediate physical address */
typedef u32 irqid_t; /* an interrupt controller's number of an interrupt (ARCH_IRQ_NAME) */
typedef u32 cpuid_t; /* logical physical-CPU index (order of /cpus in the hardware DTB) */
typedef u32 vmid_t;  /* VM index (order of vm nodes in the partition DTB) */

#define ARRAY_SIZE(a)	 (sizeof(a) / sizeof((a)[0]))
#define ALIGN_UP(x, a)	 (((x) + ((a)-1U)) & ~((u64)(a)-1U))
#define ALIGN_DOWN(x, a) ((x) & ~((u64)(a)-1U))
#define IS_ALIGNED(x, a) (((x) & ((a)-1U)) == 0U)
#define MIN(a, b)	 ((a) < (b) ? (a) : (b))
#define MAX(a, b)	 ((a) > (b) ? (a) : (b))

/*
 * The chars from start to end, two pointers into one array (end not before start), as a
 * size: the difference is signed, converted once it is a value of its own (MISRA 10.8).
 */
static inline size_t char_span(const char *start, const char *end)
{
	ptrdiff_t span = end - start;

	return (size_t)span;
}

/*
 * A boot-only function in a file that also has run-time code (whole boot-only files are listed
 * in hyp/config.mk, BOOT_SRCS): in the hypervisor it goes with them into the pages unmapped
 * once every CPU has entered its VM (scripts/boot_refs.py proves nothing run-time calls it).
 * Host builds (tests, checker, fuzzers) are hosted, the hypervisor freestanding: empty there.
 */
#if __STDC_HOSTED__
#define BOOT_ONLY
#else
#define BOOT_ONLY __attribute__((section(".boot.text.boot_only")))
#endif

#define KIB	   (1024UL)
#define MIB	   (1024UL * KIB)
#define GIB	   (1024UL * MIB)
#define PAGE_SIZE  4096UL
#define PAGE_SHIFT 12

/* True when [a, a+as) and [b, b+bs) overlap; sizes are non-zero and do not wrap. */
static inline bool ranges_overlap(u64 a, u64 as, u64 b, u64 bs)
{
	return a < b + bs && b < a + as;
}

/* True when [in, in+ins) lies inside [out, out+outs). */
static inline bool range_inside(u64 in, u64 ins, u64 out, u64 outs)
{
	return in >= out && ins <= outs && in - out <= outs - ins;
}

#endif
