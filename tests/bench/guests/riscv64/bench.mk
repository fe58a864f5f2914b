# SPDX-License-Identifier: Apache-2.0
# RISC-V benchmark guests (build/riscv64/bench/*.bin, run by tests/bench/riscv64.py), on the
# RISC-V test-guest runtime: linked at 0x80000000, they run in a VM there and natively where
# OpenSBI's fw_jump puts QEMU -kernel (0x80200000; the code is PC-relative).
BENCH_OUT := $(OUT)/bench
BENCH_SRC := tests/bench/guests
BENCH_RV := $(BENCH_SRC)/riscv64
BENCH_RT := $(GUEST_RT) $(BENCH_SRC)/common.c
BENCH_DEPS := $(BENCH_RT) $(BENCH_SRC)/work.c $(BENCH_SRC)/common.h $(BENCH_RV)/bench.h tests/guests/riscv64/guest.h \
	tests/guests/riscv64/plic.h tests/guests/riscv64/guest.ld
# name:source:extra flags (bench-smoke: the short run of make test)
# bench-aplic: the same suite on an AIA machine (tests/guests/riscv64/plic.h: GUEST_APLIC);
# bench-files: with the APLIC in MSI mode and the hart's IMSIC file (GUEST_IMSIC), natively the
# supervisor file, in a VM with guest-interrupt-files its guest file.
BENCH_GUESTS := bench:bench: bench-smoke:bench:-DBENCH_SAMPLES=50,-DBENCH_RTC_SAMPLES=20,-DBENCH_REPS=2 \
	bench-aplic:bench:-DGUEST_APLIC \
	bench-aplic-smoke:bench:-DGUEST_APLIC,-DBENCH_SAMPLES=50,-DBENCH_RTC_SAMPLES=20,-DBENCH_REPS=2 \
	bench-files:bench:-DGUEST_APLIC,-DGUEST_IMSIC \
	bench-files-smoke:bench:-DGUEST_APLIC,-DGUEST_IMSIC,-DBENCH_SAMPLES=50,-DBENCH_RTC_SAMPLES=20,-DBENCH_REPS=2 \
	boot:boot:
bench_field = $(word $(2),$(subst :, ,$(filter $(1):%,$(BENCH_GUESTS))))

.PHONY: bench-guests
bench-guests: $(foreach g,$(BENCH_GUESTS),$(BENCH_OUT)/$(firstword $(subst :, ,$(g))).bin)

$(BENCH_OUT)/%.elf: $(BENCH_DEPS) $(wildcard $(BENCH_RV)/*.c)
	@mkdir -p $(dir $@)
	$(CC) $(GUEST_CFLAGS) -I$(BENCH_SRC) -I$(BENCH_RV) $(subst $(comma), ,$(call bench_field,$*,3)) \
		-nostdlib -static -no-pie -Wl,--build-id=none -Wl,--no-warn-rwx-segments \
		-T tests/guests/riscv64/guest.ld $(BENCH_RT) \
		$(if $(filter bench,$(call bench_field,$*,2)),$(BENCH_SRC)/work.c) $(BENCH_RV)/$(call bench_field,$*,2).c -o $@

$(BENCH_OUT)/%.bin: $(BENCH_OUT)/%.elf
	$(OBJCOPY) -O binary $< $@
