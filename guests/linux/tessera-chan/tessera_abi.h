/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The part of Tessera's hypercall ABI the driver uses, as
 * hyp/include/tessera/hypercall.h and arch/aarch64/include/tessera/
 * hypercall_abi.h define it (scripts/linux-guest.sh checks these values
 * against them at every build): the doorbell call is an SMCCC fast call,
 * SMC64, Vendor Specific Hypervisor Service (Arm DEN 0028, 6.2), HVC #0 with
 * x1 = channel, x2 = target; x0 = the result.
 */
#ifndef TESSERA_CHAN_ABI_H
#define TESSERA_CHAN_ABI_H

#define TCHAN_HC_DOORBELL     0xC6000002UL
#define TCHAN_DB_ALL	      0xffffffffUL
#define TCHAN_OK	      0L
#define TCHAN_E_NOT_SUPPORTED (-1L)
#define TCHAN_E_INVALID	      (-2L)
#define TCHAN_E_DENIED	      (-3L)
#define TCHAN_E_OFF	      (-4L)

#endif
