/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Tessera hypercall ABI, shared with guests (include it from guest code): the
 * calls, their arguments and results. How a call is made (the instruction,
 * which register holds the function ID, argument n and result n, the IDs'
 * range) is the arch's calling convention, tessera/hypercall_abi.h in
 * arch/<arch>/include/.
 * Arguments are never pointers into guest memory.
 */
#ifndef TESSERA_HYPERCALL_H
#define TESSERA_HYPERCALL_H

#include "tessera/hypercall_abi.h"

/* result 0 <- TESSERA_MAGIC, 1 <- ABI version, 2 <- VM id, 3 <- vCPU id */
#define TESSERA_HC_IDENTIFY	 TESSERA_HC(0U)
/*
 * Console write: argument 1 = byte count (1..TESSERA_CONSOLE_CHUNK),
 * arguments 2..6 hold the bytes, packed little-endian (first byte in the low
 * byte of argument 2). The hypervisor prefixes each line with the VM's name.
 */
#define TESSERA_HC_CONSOLE_WRITE TESSERA_HC(1U)
#define TESSERA_CONSOLE_CHUNK	 40U
/*
 * Doorbell: argument 1 = channel index (position of the channel node among
 * the `channel` nodes of the partition DTB), argument 2 = target VM index
 * (position of its `vm` node) or TESSERA_DB_ALL for every other member.
 * Raises the target's `irq` of that channel. Result 0 <- TESSERA_OK;
 * TESSERA_E_DENIED if the caller does not map the channel; TESSERA_E_INVALID
 * if there is no such channel or the target is not a member with an `irq`;
 * TESSERA_E_OFF if the target (for TESSERA_DB_ALL: every other member) is
 * stopped: powered off, stopped after a fault, or in the middle of a reset.
 */
#define TESSERA_HC_DOORBELL	 TESSERA_HC(2U)
#define TESSERA_DB_ALL		 0xffffffffUL

/*
 * The MMIO doorbell page a member gets at its `doorbell` IPA (4 KiB, 32-bit
 * registers, aligned word accesses only: any other is refused with a data
 * abort; other offsets read as zero and ignore writes):
 *   RING     (W)  write a target as for TESSERA_HC_DOORBELL's argument 2: rings it
 *   STATUS   (R)  result of this vCPU's last RING (a TESSERA_* code as u32)
 *   SELF     (R)  this VM's index
 *   MEMBERS  (R)  bitmap of the member VM indices that can be rung
 *   CHANNEL  (R)  the channel's index
 */
#define TESSERA_DB_RING	   0x00U
#define TESSERA_DB_STATUS  0x04
#define TESSERA_DB_SELF	   0x08
#define TESSERA_DB_MEMBERS 0x0c
#define TESSERA_DB_CHANNEL 0x10

#define TESSERA_MAGIC	    0x5445535345524100UL /* "TESSERA\0" */
#define TESSERA_ABI_VERSION 1

/* Return codes in result 0 (NOT_SUPPORTED: as the calling convention says of an unknown call). */
#define TESSERA_OK		0
#define TESSERA_E_NOT_SUPPORTED (-1L)
#define TESSERA_E_INVALID	(-2L)
#define TESSERA_E_DENIED	(-3L)
#define TESSERA_E_OFF		(-4L)

#endif
