#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Channels from Linux userspace on the tessera-chan driver and tool
# (guests/linux/tessera-chan), with the bare-metal peer tests/guests/shmempeer.c
# (VM 1) on channel "linux-peer" and a read-only window "ro-window" it fills:
#   messages   written through the mapping, the peer rung, its answer waited for
#              (read blocks on the doorbell interrupt: no polling)
#   flood      10 000 rings each way, every read exactly one ring
#   off        the peer powers off: ringing it fails with EHOSTDOWN
#   read-only  no writable mapping (EACCES); a write through the read-only one is
#              that process's SIGSEGV, the VM lives on
#   openers    two waiters both get a ring; a signal ends a wait; unbinding the
#              device ends one (ENODEV); rmmod waits for the last close
# Run by /init for tessera.test=shmem; lines are tagged "TESSERA-LINUX: shmem".
tag="TESSERA-LINUX: shmem"
dev=/dev/tessera/linux-peer
peer=1
messages=3
flood=10000
fail=""

bad() {
	fail="$fail $1"
	echo "TESSERA-LINUX: error: shmem $1: $2"
}
# The shell keeps the device open on fd 3: rings between two commands count for the next wait.
tc() { tessera-chan -f 3 "$@"; }
hex() { printf '0x%08x' "$(($1 & 0xffffffff))"; }

exec 3<>"$dev" || { bad open "no $dev"; exit 1; }
echo "$tag $(tc info)"

i=1
while [ $i -le $messages ]; do
	payload=$((0x1000 * i + 0x2a))
	tc write 4 $payload && tc write 8 $((0xc0ffee00 + i)) &&
		tc write 0 $i || bad "write-$i" "cannot write the message"
	tc ring $peer || bad "ring-$i" "ring failed"
	rings=$(tc wait)
	answer=$(tc read 0x104)
	echo "$tag message $i: $rings, seq=$(tc read 0x100) answer=$answer"
	[ "$rings" = "rings 1" ] || bad "wait-$i" "$rings"
	[ "$answer" = "$(hex $((~payload)))" ] || bad "answer-$i" "$answer"
	i=$((i + 1))
done

out=$(tc pingpong $peer $flood) || bad flood-linux "$out"
echo "$tag $out"
tc ring $peer # ready: the peer rings first now
out=$(tc answer $peer $flood) || bad flood-peer "$out"
echo "$tag $out"

# The peer's goodbye ring, then its SYSTEM_OFF: ring until the hypervisor says it is off.
echo "$tag goodbye: $(tc wait -t 10000)"
n=0
while tc ring $peer 2>/tmp/ring.err && [ $n -lt 200 ]; do
	n=$((n + 1))
	usleep 10000
done
echo "$tag peer off: $(cat /tmp/ring.err)"
grep -q 'Host is down' /tmp/ring.err || bad off "ringing the stopped peer did not fail with EHOSTDOWN"

ro="tessera-chan -c ro-window"
echo "$tag ro: $($ro info)"
echo "$tag ro: word 0 = $($ro read 0)"
$ro write 0 1 2>/tmp/ro.err
echo "$tag ro: write exit=$? $(cat /tmp/ro.err)"
$ro write --force 0 1 >/dev/null 2>&1
st=$?
word=$($ro read 0)
echo "$tag ro: forced write exit=$st (139: SIGSEGV), word 0 still $word"
[ $st -eq 139 ] && [ "$word" = 0x600dcafe ] || bad ro "the read-only window was written or no SIGSEGV"

# Two openers both see a ring (this VM rings itself: it is a member with an irq).
tessera-chan -c linux-peer wait -t 20000 >/tmp/w1 &
p1=$!
tessera-chan -c linux-peer wait -t 20000 >/tmp/w2 &
p2=$!
sleep 1
tc ring 0
wait $p1
wait $p2
echo "$tag two openers: $(cat /tmp/w1), $(cat /tmp/w2)"
[ "$(cat /tmp/w1) $(cat /tmp/w2)" = "rings 1 rings 1" ] || bad openers "a waiter missed the ring"

tessera-chan -c linux-peer wait &
p=$!
sleep 1
kill $p
wait $p
echo "$tag signal: wait exit=$? (143: SIGTERM)"

tessera-chan -c linux-peer wait >/tmp/w3 2>&1 &
p=$!
sleep 1
exec 3<&-
rmmod tessera_chan 2>/dev/null
echo "$tag rmmod with a waiter: exit=$? (the module is in use)"
# linux-peer's device: its node tessera-channel@<ipa> is the platform device <ipa>.tessera-channel
drv=/sys/bus/platform/drivers/tessera-channel
for d in "$drv"/*.tessera-channel; do
	[ "$(tr -d '\0' <"$d/of_node/tessera,channel-name")" = linux-peer ] && peerdev=${d##*/}
done
echo "${peerdev:-none}" >"$drv/unbind"
wait $p
echo "$tag unbound under a waiter: exit=$? $(cat /tmp/w3)"
rmmod tessera_chan && insmod /lib/modules/tessera-chan.ko
echo "$tag reloaded: $(cd /dev/tessera && echo *)"

if [ -z "$fail" ]; then
	echo "$tag ok"
else
	echo "TESSERA-LINUX: error: shmem failed:$fail"
fi
