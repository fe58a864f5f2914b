#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Shared memory from Linux userspace, no kernel module: busybox devmem writes a
# message into the channel (IPA 0x50000000), rings the bare-metal peer (VM 1)
# through this VM's MMIO doorbell page (IPA 0x50010000) and polls the answer
# the peer writes at +0x100: the same sequence number and the payload inverted.
# Run by /init for tessera.test=shmem; lines are tagged "TESSERA-LINUX: shmem".
tag="TESSERA-LINUX: shmem"
chan=0x50000000
db=0x50010000
peer=1
messages=3
fail=""

hex() { printf '0x%08X' "$(($1 & 0xffffffff))"; }
reg() { devmem $(($1 + $2)) 32; }

echo "$tag doorbell self=$(reg $db 8) members=$(reg $db 12) channel=$(reg $db 16)"
i=1
while [ $i -le $messages ]; do
	payload=$((0x1000 * i + 0x2a))
	devmem $((chan + 4)) 32 $payload
	devmem $((chan + 8)) 32 $((0xc0ffee00 + i))
	devmem $chan 32 $i # the sequence number last: the peer checks it
	devmem $db 32 $peer
	status=$(reg $db 4)
	n=0
	while [ "$(reg $chan 0x100)" != "$(hex $i)" ] && [ $n -lt 2000 ]; do
		n=$((n + 1))
	done
	answer=$(reg $chan 0x104)
	echo "$tag message $i: ring status=$status answer=$answer after $n polls"
	[ "$status" = "$(hex 0)" ] || fail="$fail ring-$i"
	[ "$answer" = "$(hex $((~payload)))" ] || fail="$fail answer-$i"
	i=$((i + 1))
done
if [ -z "$fail" ]; then
	echo "$tag ok: $messages messages answered"
else
	echo "TESSERA-LINUX: error: shmem failed:$fail"
fi
