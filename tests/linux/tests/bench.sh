#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Benchmark: run by /init for tessera.test=bench (tests/bench/run.py's Linux runs).
# Prints "BENCH name value" lines, every time in ns of the virtual counter
# (/bin/vclock: CNTVCT_EL0; one instruction per ns under QEMU -icount shift=0):
#   linux_init_ns    the init's first command (counter since reset natively; under
#                    Tessera since the VM's counter offset, which the harness adds)
#   linux_kernel_us  the kernel's printk timestamp of "Run /init as init process":
#                    sched_clock, which starts at 0 when the arch timer registers it
#   linux_gen_ns     seq 1 100000 >/tmp/data (busybox; 588 895 bytes in tmpfs)
#   linux_sha_ns     sha256sum of it; linux_gzip_ns: gzip -1 of it to /tmp
#   linux_digest     the digest's first 28 bits (native and Tessera must agree)
#   linux_gz_bytes   the compressed size (same)
# then "BENCH done". Deterministic input: the same data on every run.
lines=100000

echo "BENCH linux_init_ns ${TESSERA_INIT_NS:-missing}"
us=$(dmesg | awk -F'[][]' '/Run \/init as init process/ { split($2, t, "."); printf "%d\n", t[1] * 1000000 + t[2]; exit }')
echo "BENCH linux_kernel_us ${us:-missing}"

t0=$(vclock)
seq 1 "$lines" >/tmp/data
t1=$(vclock)
digest=$(sha256sum /tmp/data)
t2=$(vclock)
gzip -1 -c /tmp/data >/tmp/data.gz
t3=$(vclock)
echo "BENCH linux_gen_ns $((t1 - t0))"
echo "BENCH linux_sha_ns $((t2 - t1))"
echo "BENCH linux_gzip_ns $((t3 - t2))"
echo "BENCH linux_bytes $(wc -c </tmp/data)"
echo "BENCH linux_digest $((0x$(echo "$digest" | cut -c1-7)))"
echo "BENCH linux_gz_bytes $(wc -c </tmp/data.gz)"
echo "BENCH done"
