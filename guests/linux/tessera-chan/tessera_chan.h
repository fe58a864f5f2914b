/* SPDX-License-Identifier: (GPL-2.0 WITH Linux-syscall-note) OR Apache-2.0 */
/*
 * The user interface of the tessera-chan Linux driver: one character device
 * per Tessera channel the partition maps, /dev/tessera/<channel-name>
 * (dts/bindings/tessera-channel.md, README "Talking to Linux").
 *
 *   read      blocks until a peer rings this member, then returns a __u64: the
 *             number of rings taken since this open file's last read (or its
 *             open). O_NONBLOCK: EAGAIN when there are none. At least 8 bytes.
 *   poll      POLLIN when a read would not block; POLLHUP once the device is gone.
 *   write     a __u32 ring target (a member's VM index, or TESSERA_CHAN_ALL):
 *             rings it. 4 bytes, or EINVAL.
 *   mmap      the channel's memory, from offset 0; a read-only member gets no
 *             writable mapping (EACCES).
 *   ioctl     TESSERA_CHAN_RING (as write), TESSERA_CHAN_INFO.
 *
 * The hypervisor's refusals of a ring as errno: ENXIO the target is not a
 * member with an interrupt; EHOSTDOWN the target is stopped (powered off,
 * stopped after a fault, resetting); EACCES this VM does not map the channel.
 * A wait interrupted by a signal: ERESTARTSYS (EINTR for the process, or the
 * call restarts). The device unbound while waiting: ENODEV.
 */
#ifndef TESSERA_CHAN_UAPI_H
#define TESSERA_CHAN_UAPI_H

#include <linux/ioctl.h>
#include <linux/types.h>

#define TESSERA_CHAN_ALL 0xffffffffU /* ring target: every other member */

#define TESSERA_CHAN_F_READ_ONLY (1U << 0) /* the member maps the channel read-only */
#define TESSERA_CHAN_F_IRQ	 (1U << 1) /* it can be rung (it has an interrupt) */
#define TESSERA_CHAN_F_DOORBELL	 (1U << 2) /* it has an MMIO doorbell page */

#define TESSERA_CHAN_NAME_MAX 32

struct tessera_chan_info {
	__u32 channel_id; /* the hypervisor's channel index */
	__u32 member;	  /* this VM's index: what peers ring to reach it */
	__u32 members;	  /* bitmap of the member VM indices */
	__u32 ringable;	  /* bitmap of the members that have an interrupt */
	__u32 flags;	  /* TESSERA_CHAN_F_* */
	__u32 reserved;
	__u64 size;  /* bytes of channel memory (mmap length at most) */
	__u64 rings; /* rings taken since the driver bound the channel */
	char name[TESSERA_CHAN_NAME_MAX];
};

#define TESSERA_CHAN_RING _IOW('T', 1, __u32)
#define TESSERA_CHAN_INFO _IOR('T', 2, struct tessera_chan_info)

#endif
