/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Tessera hypercalls on RISC-V: the calling convention (the calls themselves
 * are in tessera/hypercall.h, which includes this; guests include that one).
 *
 * Calls follow the SBI calling convention (SBI v2.0, chapter 3): ECALL from
 * VS-mode with the extension ID TESSERA_SBI_EXT in a7 (in the firmware-specific
 * range 0x0A000000-0x0AFFFFFF, chapter 3: "Firmware Specific Extension Space"),
 * the call number in a6, arguments 1..6 in a0..a5, results 0..3 in a0..a3.
 * An unknown call returns -1 (TESSERA_E_NOT_SUPPORTED, as on AArch64; SBI's
 * own SBI_ERR_NOT_SUPPORTED is -2 and is what any other unknown extension gets).
 */
#ifndef TESSERA_HYPERCALL_ABI_H
#define TESSERA_HYPERCALL_ABI_H

#define TESSERA_SBI_EXT	       0x0A545345UL /* 0x0A, then "TSE" */
/* The ID of Tessera's call number n: the function ID in a6. */
#define TESSERA_HC(n)	       (n)
/* Whether a function ID is one of Tessera's calls (the extension ID decided it). */
#define TESSERA_HC_IS_OURS(id) ((id) < 0x10000UL)

#endif
