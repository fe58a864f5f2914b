/* SPDX-License-Identifier: Apache-2.0 */
/* The PL031 RTC of QEMU virt (Arm DDI 0224, 3.3): its window, alarm interrupt and registers. */
#ifndef TESSERA_GUEST_PL031_H
#define TESSERA_GUEST_PL031_H

#define RTC	0x09010000UL
#define RTC_IRQ 34   /* SPI 2 */
#define RTCDR	0x00 /* data: seconds */
#define RTCMR	0x04 /* match: the alarm */
#define RTCCR	0x0c /* control: start */
#define RTCIMSC 0x10 /* interrupt mask */
#define RTCMIS	0x18 /* masked interrupt status */
#define RTCICR	0x1c /* interrupt clear */

#endif
