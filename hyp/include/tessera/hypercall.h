/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Tessera hypercall ABI, shared with guests (include it from guest code).
 *
 * Calls follow the SMC Calling Convention (Arm DEN 0028, section 2): HVC #0 with
 * the function ID in x0, arguments by value in x1..x7, results in x0..x3.
 * IDs are in the "Vendor Specific Hypervisor Service" range (OEN 6, fast call,
 * SMC64): 0xC6000000 + n. Arguments are never pointers into guest memory.
 */
#ifndef TESSERA_HYPERCALL_H
#define TESSERA_HYPERCALL_H

#define TESSERA_HC_BASE		 0xC6000000UL
/* x0 <- TESSERA_MAGIC, x1 <- ABI version, x2 <- VM id, x3 <- vCPU id */
#define TESSERA_HC_IDENTIFY	 (TESSERA_HC_BASE + 0)
/*
 * Console write: x1 = byte count (1..TESSERA_CONSOLE_CHUNK), x2..x6 hold the
 * bytes, packed little-endian (first byte in the low byte of x2).
 * The hypervisor prefixes each line with the VM's name.
 */
#define TESSERA_HC_CONSOLE_WRITE (TESSERA_HC_BASE + 1)
#define TESSERA_CONSOLE_CHUNK	 40

#define TESSERA_MAGIC	    0x5445535345524100UL /* "TESSERA\0" */
#define TESSERA_ABI_VERSION 1

/* Return codes in x0 (SMCCC: NOT_SUPPORTED is -1). */
#define TESSERA_OK		0
#define TESSERA_E_NOT_SUPPORTED (-1L)
#define TESSERA_E_INVALID	(-2L)
#define TESSERA_E_DENIED	(-3L)

#endif
