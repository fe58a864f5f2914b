/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The fake architecture's part of the hardware model (arch contract:
 * hyp/include/arch/hw.h). The host tests build their struct hw by hand; no
 * hardware DTB is read, so there is nothing of the board the fake keeps.
 */
#ifndef ARCH_FAKE_HW_H
#define ARCH_FAKE_HW_H

#include "types.h"

#define ARCH_NAME	   "fake"
#define ARCH_S2_ROOT_SIZE  0x1000U
#define ARCH_IPA_BITS	   39
#define ARCH_CPU_ID_NAME   "CPU id"
#define ARCH_IRQ_NAME	   "interrupt"
#define ARCH_SYNDROME_NAME "syndrome"
#define ARCH_VUART_NAME	   "fake UART"
#define ARCH_VUART_SIZE	   0x1000

struct arch_hw_cpu {
	bool unused;
};

struct arch_hw {
	bool unused;
};

#endif
