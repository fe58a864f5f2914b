# SPDX-License-Identifier: Apache-2.0
# Benchmarks: `make bench` runs every figure (tests/bench/run.py; ARCH=riscv64:
# tests/bench/riscv64.py) and writes build/bench/ (build/bench-riscv64/).
# The AArch64 benchmark guests (build/aarch64/bench/*.bin) use the test-guest runtime, linked at
# 0x40200000 so the same binary boots natively (QEMU -kernel) and in a partition.
comma := ,
ifeq ($(ARCH),riscv64)
include tests/bench/guests/riscv64/bench.mk
else
BENCH_OUT := $(OUT)/bench
BENCH_SRC := tests/bench/guests
BENCH_RT := $(GUEST_RT) $(BENCH_SRC)/bench_lib.c $(BENCH_SRC)/common.c
BENCH_DEPS := $(BENCH_RT) $(BENCH_SRC)/work.c $(BENCH_SRC)/common.h tests/guests/guest.h tests/guests/gic.h tests/guests/shmem.h \
	$(BENCH_SRC)/bench.h $(BENCH_SRC)/bench.ld
# name:source:extra flags (the -smoke variants are the short run of `make test`)
BENCH_GUESTS := bench:bench: bench-noisy:bench:-DBENCH_RTC_SAMPLES=1000,-DBENCH_NOISE_SYNC \
	bench-smoke:bench:-DBENCH_SAMPLES=50,-DBENCH_RTC_SAMPLES=3,-DBENCH_REPS=2 \
	bench-noisy-smoke:bench:-DBENCH_SAMPLES=50,-DBENCH_RTC_SAMPLES=3,-DBENCH_NOISE_SYNC,-DBENCH_REPS=2 \
	boot:boot: noise:noise: doorbell:doorbell: doorbell-smoke:doorbell:-DBENCH_SAMPLES=20 \
	bench-flood:bench:-DBENCH_FLOOD \
	bench-flood-smoke:bench:-DBENCH_FLOOD,-DBENCH_SAMPLES=50 \
	flood:flood: linuxdb:linuxdb:
bench_field = $(word $(2),$(subst :, ,$(filter $(1):%,$(BENCH_GUESTS))))
# The ZCU102 board model's variants (run.py --board zcu102), in build/aarch64/bench/zcu102:
# the board's GIC-400, natively its UART0 and PSCI on SMC (guests.mk); QEMU's model has no
# PL031, so the suite there has no pass-through RTC figure.
BENCH_BOARD_GUESTS := boot:boot: bench-board:bench:-DBENCH_RTC_SAMPLES=0
bench_board_field = $(word $(2),$(subst :, ,$(filter $(1):%,$(BENCH_BOARD_GUESTS))))
# the suite guests (source bench.c) also take the compute workloads
bench_work = $(if $(filter bench,$(1)),$(BENCH_SRC)/work.c)

.PHONY: bench bench-guests bench-smoke
bench-guests: $(foreach g,$(BENCH_GUESTS),$(BENCH_OUT)/$(firstword $(subst :, ,$(g))).bin) \
	$(foreach g,$(BENCH_BOARD_GUESTS),$(BENCH_OUT)/zcu102/$(firstword $(subst :, ,$(g))).bin)

$(BENCH_OUT)/zcu102/%.elf: $(BENCH_DEPS) $(wildcard $(BENCH_SRC)/*.c)
	@mkdir -p $(dir $@)
	$(CC) $(GUEST_CFLAGS) $(ZCU102_GIC) $(ZCU102_NATIVE) -I$(BENCH_SRC) \
		$(subst $(comma), ,$(call bench_board_field,$*,3)) \
		-nostdlib -static -no-pie -Wl,--build-id=none -Wl,--no-warn-rwx-segments \
		-T $(BENCH_SRC)/bench.ld $(BENCH_RT) $(call bench_work,$(call bench_board_field,$*,2)) \
		$(BENCH_SRC)/$(call bench_board_field,$*,2).c -lgcc -o $@

$(BENCH_OUT)/%.elf: $(BENCH_DEPS) $(wildcard $(BENCH_SRC)/*.c)
	@mkdir -p $(dir $@)
	$(CC) $(GUEST_CFLAGS) -I$(BENCH_SRC) $(subst $(comma), ,$(call bench_field,$*,3)) \
		-nostdlib -static -no-pie -Wl,--build-id=none -Wl,--no-warn-rwx-segments \
		-T $(BENCH_SRC)/bench.ld $(BENCH_RT) $(call bench_work,$(call bench_field,$*,2)) \
		$(BENCH_SRC)/$(call bench_field,$*,2).c -lgcc -o $@

$(BENCH_OUT)/%.bin: $(BENCH_OUT)/%.elf
	$(OBJCOPY) -O binary $< $@

endif

ifeq ($(ARCH),riscv64)
bench: all bench-guests
	@scripts/deps.sh bench
	@python3 tests/bench/riscv64.py --readme

bench-smoke: build bench-guests
	@python3 tests/bench/riscv64.py --smoke
else
# make bench BOARD=zcu102: the short plan on a board model (build/bench-zcu102/results.md)
bench: all bench-guests linux-guest
	@scripts/deps.sh bench
	@python3 tests/bench/run.py $(if $(BOARD),--board $(BOARD),--readme)

bench-smoke: build bench-guests linux-guest
	@python3 tests/bench/run.py --smoke
endif
