/* SPDX-License-Identifier: Apache-2.0 */
/* The RISC-V PLIC (RISC-V PLIC specification v1.0.0): what its two files share. */
#ifndef DRIVERS_IRQCHIP_PLIC_H
#define DRIVERS_IRQCHIP_PLIC_H

#include "irqchip/irqchip.h"

#define PLIC_MAX_SRCS 1024 /* sources 1..1023 (chapter 1) */

extern const struct irqchip_ops plic_ops;

#endif
