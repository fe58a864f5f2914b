#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Benchmark: doorbell latency between Linux userspace and a bare-metal VM (run by /init
# for tessera.test=doorbell; tests/bench/layouts/linux-doorbell.dts, tests/bench/run.py).
# The figures: tests/linux/dbbench.c (/bin/tessera-chan-bench) and tests/bench/guests/linuxdb.c.
tessera-chan-bench /dev/tessera/bench 1 1000 || echo "TESSERA-LINUX: error: tessera-chan-bench failed"
