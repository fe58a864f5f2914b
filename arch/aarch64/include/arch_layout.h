/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Hypervisor virtual address space (EL2 stage 1, TTBR0_EL2, 4 KiB granule,
 * 39-bit VA: T0SZ = 25, lookup starts at level 1 — Arm ARM D8.2.2).
 * Each region owns whole 1 GiB level-1 slots so per-CPU roots can share the
 * level-2 tables of every region but the private one.
 *
 * Included by C, assembly and the linker script: constants only. What the
 * assembly needs to know about C structures (offsets, sizes, flag masks) is
 * generated from C into asm_offsets.h (asm_offsets.c), never written here.
 */
#ifndef ARCH_AARCH64_LAYOUT_H
#define ARCH_AARCH64_LAYOUT_H

#ifdef __ASSEMBLY__
#define U(x)  x
#define UL(x) x
#else
#define U(x)  x##U
#define UL(x) x##UL
#endif

#define HYP_VA_BITS   39
#define HYP_HEAP_VA   UL(0x6000000000) /* slot 384: the hypervisor's heap (mem_color.c) */
#define HYP_IMAGE_VA  UL(0x7F00000000) /* slot 508: hyp.bin text, data, bss */
#define HYP_CPU_VA    UL(0x7F40000000) /* slot 509: this CPU's private slot (different per CPU) */
#define HYP_MAP_VA    UL(0x7F80000000) /* slot 510: devices and blobs */
#define HYP_SLOT_SIZE UL(0x40000000)

/*
 * The private slot, mapped in its CPU's own root table alone (mem.c): first
 * the private area (struct cpu, the interrupt hot path's record, the stack
 * with the guest register frame at its top), then this CPU's two windows onto
 * memory outside the hypervisor (mem_window_map, mem_source_map): VM memory
 * being loaded, read-write, and a loader's blob being copied from, read-only.
 */
#define HYP_CPU_PRIV_SIZE    UL(0x3000) /* struct cpu + hot record + stack, 3 pages */
#define HYP_CPU_STACK_TOP    (HYP_CPU_VA + HYP_CPU_PRIV_SIZE)
#define HYP_VGIC_HOT_VA	     (HYP_CPU_VA + UL(0x80))	   /* struct vgic_hot, after struct cpu */
#define HYP_WINDOW_VA	     (HYP_CPU_VA + UL(0x200000))   /* after the private area's 2 MiB */
#define HYP_SOURCE_WINDOW_VA (HYP_CPU_VA + UL(0x20000000)) /* the slot's second half */
#define HYP_WINDOW_SIZE	     UL(0x1fe00000)		   /* 510 MiB, each window */

/* arch_irq_entry (traps.c) and vectors.S: no interrupt acknowledged yet, or none left to handle. */
#define ARCH_IRQ_NONE U(0xffffffff)

#endif
