/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Host build (tests/fuzz/host): AArch64's layout, but the per-CPU private
 * area at an address the host can map (host.c maps it at start-up). Every
 * other constant is AArch64's. (The assembly's offsets are generated for the
 * AArch64 build alone: asm_offsets.c.)
 */
#ifndef HOST_ARCH_LAYOUT_H
#define HOST_ARCH_LAYOUT_H

#include "../../../../arch/aarch64/include/arch_layout.h"

#undef HYP_CPU_VA
#define HYP_CPU_VA UL(0x500000000000) /* x86-64 user space, clear of ASan's shadow and heap */

#endif
