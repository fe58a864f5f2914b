/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The fake architecture's hypercall convention: no instruction, a test calls
 * hypercall_handle with the function ID and arguments. The IDs are AArch64's
 * numbers (any range would do; these keep the guests' headers comparable).
 */
#ifndef TESSERA_HYPERCALL_ABI_H
#define TESSERA_HYPERCALL_ABI_H

#define TESSERA_HC_BASE	       0xC6000000UL
#define TESSERA_HC(n)	       (TESSERA_HC_BASE + (n))
#define TESSERA_HC_IS_OURS(id) (((id) & ~0xffffUL) == TESSERA_HC_BASE)

#endif
