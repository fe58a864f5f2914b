/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Hypervisor virtual address space (HS-mode, satp Sv39: 4 KiB pages, three
 * levels, 39-bit VA — RISC-V privileged spec 10.4). An Sv39 VA must be its bit
 * 38 sign-extended, so every region sits below 256 GiB (bit 38 clear). Each
 * region owns whole 1 GiB root slots so per-CPU roots share the level-2 tables
 * of every region but the private one (as on AArch64: arch/aarch64/include/arch_layout.h).
 * Included by C, assembly and the linker script: constants only.
 */
#ifndef ARCH_RISCV64_LAYOUT_H
#define ARCH_RISCV64_LAYOUT_H

#ifdef __ASSEMBLY__
#define UL(x) x
#else
#define UL(x) x##UL
#endif

#define HYP_VA_BITS   39
#define HYP_HEAP_VA   UL(0x2000000000) /* slot 128: the hypervisor's heap (mem_color.c) */
#define HYP_IMAGE_VA  UL(0x3F00000000) /* slot 252: hyp.bin text, data, bss */
#define HYP_CPU_VA    UL(0x3F40000000) /* slot 253: this CPU's private slot (different per CPU) */
#define HYP_MAP_VA    UL(0x3F80000000) /* slot 254: devices and blobs */
#define HYP_SLOT_SIZE UL(0x40000000)

/* The private slot: as on AArch64 (struct cpu, the stack with the guest frame at its top; the windows). */
#define HYP_CPU_PRIV_SIZE    UL(0x3000)
#define HYP_CPU_STACK_TOP    (HYP_CPU_VA + HYP_CPU_PRIV_SIZE)
#define HYP_WINDOW_VA	     (HYP_CPU_VA + UL(0x200000))
#define HYP_SOURCE_WINDOW_VA (HYP_CPU_VA + UL(0x20000000))
#define HYP_WINDOW_SIZE	     UL(0x1fe00000)

/* No interrupt claimed yet, or none left to handle. */
#define ARCH_IRQ_NONE 0xffffffff
/* The supervisor software interrupt (an IPI), which no PLIC source number can be. */
#define ARCH_IRQ_IPI  0xfffffffeU

#endif
