/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Tessera hypercalls on AArch64: the calling convention (the calls themselves
 * are in tessera/hypercall.h, which includes this; guests include that one).
 *
 * Calls follow the SMC Calling Convention (Arm DEN 0028, section 2): HVC #0
 * with the function ID in x0, arguments 1..6 by value in x1..x6, results 0..3
 * in x0..x3. IDs are in the "Vendor Specific Hypervisor Service" range (OEN 6,
 * fast call, SMC64): 0xC6000000 + n. An unknown ID returns -1 (SMCCC's
 * NOT_SUPPORTED).
 */
#ifndef TESSERA_HYPERCALL_ABI_H
#define TESSERA_HYPERCALL_ABI_H

#define TESSERA_HC_BASE	       0xC6000000UL
/* The ID of Tessera's call number n. */
#define TESSERA_HC(n)	       (TESSERA_HC_BASE + (n))
/* Whether a function ID is one of Tessera's calls. */
#define TESSERA_HC_IS_OURS(id) (((id) & ~0xffffUL) == TESSERA_HC_BASE)

#endif
