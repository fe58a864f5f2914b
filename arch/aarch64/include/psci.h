/* SPDX-License-Identifier: Apache-2.0 */
/* Power State Coordination Interface (Arm DEN 0022D, 5.1: function IDs; 5.2.2: return codes). */
#ifndef ARCH_AARCH64_PSCI_H
#define ARCH_AARCH64_PSCI_H

#include "types.h"

#define PSCI_VERSION	       0x84000000U
#define PSCI_CPU_SUSPEND       0x84000001U
#define PSCI_CPU_OFF	       0x84000002U
#define PSCI_CPU_ON	       0x84000003U
#define PSCI_AFFINITY_INFO     0x84000004U
#define PSCI_MIGRATE_INFO_TYPE 0x84000006U
#define PSCI_SYSTEM_OFF	       0x84000008U
#define PSCI_SYSTEM_RESET      0x84000009U
#define PSCI_FEATURES	       0x8400000AU
#define PSCI_SMC64	       0x40000000U /* SMC64 variants: same ID with bit 30 set */

#define PSCI_SUCCESS	      0
#define PSCI_E_NOT_SUPPORTED  (-1)
#define PSCI_E_INVALID_PARAMS (-2)
#define PSCI_E_ALREADY_ON     (-4)
#define PSCI_E_INTERNAL	      (-6)

#define PSCI_AFF_ON  0
#define PSCI_AFF_OFF 1

struct vcpu;
struct arch_regs;

bool psci_is_call(u64 fid);
/* Emulates a guest PSCI call; results in r->x[0]. */
void psci_emulate(struct vcpu *vcpu, struct arch_regs *r);

#endif
