/* SPDX-License-Identifier: Apache-2.0 */
/* The RISC-V PLIC (RISC-V PLIC specification v1.0.0): what its two files share. */
#ifndef DRIVERS_IRQCHIP_PLIC_H
#define DRIVERS_IRQCHIP_PLIC_H

#include "irqchip/irqchip.h"

#define PLIC_MAX_SRCS 1024U /* sources 1..1023 (chapter 1) */

/* The register map (chapter 3), offsets from the PLIC's base. */
#define PLIC_PRIORITY	 0x0U	 /* one word per source */
#define PLIC_PENDING	 0x1000U /* one bit per source */
#define PLIC_ENABLE	 0x2000U /* per context: one bit per source */
#define PLIC_ENABLE_STEP 0x80U
#define PLIC_CONTEXT	 0x200000U /* per context: threshold, claim/complete */
#define PLIC_CTX_STEP	 0x1000U
#define PLIC_THRESHOLD	 0x0U
#define PLIC_CLAIM	 0x4U

extern const struct irqchip_ops plic_ops;

#endif
