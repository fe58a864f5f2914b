/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The fake architecture's hypervisor address space (arch/fake: the run-time
 * core on the host). The same shape as AArch64's (arch_layout.h there: 1 GiB
 * slots of a 39-bit space, the private slot 509, the windows in it), but at
 * host addresses: a "space" is 512 GiB of the host's address space, clear of
 * ASan's shadow, whose low 39 bits are the hypervisor VA the tables translate.
 * The shared slots (image, devices and blobs) lie in space 0; each CPU's
 * private slot in a space of its own (1 + cpu), because host threads share
 * one address space where the machine's CPUs each walk their own root: so
 * HYP_CPU_VA is the running CPU's (a thread-local), at the same slot 509 of
 * its space. RAM is seen at an offset (fake_pa_to_host): the image and the
 * heap live there, as arch/fake/mmu.c says.
 */
#ifndef ARCH_FAKE_LAYOUT_H
#define ARCH_FAKE_LAYOUT_H

#include "types.h"

#define UL(x) x##UL

#define FAKE_SPACE_SIZE UL(0x8000000000)   /* 512 GiB: one root table's reach */
#define FAKE_VA_BASE	UL(0x400000000000) /* space 0: the shared slots */
#define FAKE_RAM_PA	UL(0x40000000)	   /* the fake machine's RAM (mmu.c) */
#define FAKE_RAM_SIZE	(256 * MIB)

#define HYP_VA_BITS    39
#define HYP_SLOT_SIZE  UL(0x40000000)
/* The image: at the start of RAM, seen at its offset; slot 508 as on AArch64. */
#define HYP_IMAGE_VA   (FAKE_VA_BASE + UL(0x7F00000000))
/* RAM seen at an offset from here (the image first): the fake's heap lies there too. */
#define FAKE_DIRECT_VA (HYP_IMAGE_VA - FAKE_RAM_PA)
#define HYP_HEAP_VA    HYP_IMAGE_VA /* the heap's VAs are RAM's offset VAs (mmu.c) */
#define HYP_MAP_VA     (FAKE_VA_BASE + UL(0x7F80000000)) /* slot 510: devices and blobs */

/* The running CPU's private slot (slot 509 of its own space): cpu.c. */
vaddr_t fake_cpu_va(void);
#define FAKE_CPU_SLOT	     509
#define HYP_CPU_VA	     fake_cpu_va()
#define HYP_CPU_PRIV_SIZE    UL(0x3000)
#define HYP_CPU_STACK_TOP    (HYP_CPU_VA + HYP_CPU_PRIV_SIZE)
#define HYP_WINDOW_VA	     (HYP_CPU_VA + UL(0x200000))
#define HYP_SOURCE_WINDOW_VA (HYP_CPU_VA + UL(0x20000000))
#define HYP_WINDOW_SIZE	     UL(0x1fe00000)

#endif
