# SPDX-License-Identifier: Apache-2.0
# The offline checker build/host/tessera-check: the hypervisor's own configuration layer
# (hyp/config.mk's CONFIG_SRCS, with the libfdt files it calls) built for the host. One per
# architecture, as the hypervisor (its arch part reads the hardware DTB): AArch64's is
# build/host/tessera-check, another's build/<arch>/host/tessera-check (make ARCH=riscv64 checker).
HOSTCC ?= gcc
HOST_OUT := $(if $(filter aarch64,$(ARCH)),$(BUILD)/host,$(OUT)/host)
CHECKER := $(HOST_OUT)/tessera-check
CHECKER_SRCS := $(CONFIG_SRCS) $(CONFIG_LIBFDT:%=$(LIBFDT_DIR)/%.c) $(wildcard scripts/check/*.c)
HOST_CFLAGS := -std=gnu11 -O2 -g -Wall -Wextra -Werror -Wno-unused-parameter -Ihyp/include \
	-Iarch/$(ARCH)/include -Idrivers -Iscripts/check -I$(LIBFDT_DIR) -idirafter hyp/lib/include

checker: $(CHECKER)

$(CONFIG_LIBFDT:%=$(LIBFDT_DIR)/%.c): $(LIBFDT_DIR)/.stamp ;

$(CHECKER): $(CHECKER_SRCS) $(wildcard hyp/include/*.h hyp/include/*/*.h scripts/check/*.h \
		drivers/*/*.h arch/$(ARCH)/include/*.h) \
		$(LIBFDT_DIR)/.stamp
	@mkdir -p $(dir $@)
	$(HOSTCC) $(HOST_CFLAGS) $(CHECKER_SRCS) -o $@

# make check: the checker on every layout of the repository (real boards, QEMU
# virt) and the bad-config corpus.
check: all
	@bash tests/check/run.sh

# For tests/config/run.py, which builds the same sources with gcov.
print-checker-srcs:
	@echo $(CHECKER_SRCS)

# The real boards' hardware DTBs, from linux-source-6.1 (scripts/boards.sh).
boards: $(BUILD)/boards/.built
$(BUILD)/boards/.built: scripts/boards.sh
	@scripts/boards.sh $(BUILD)/boards
	@touch $@

# make fuzz [FUZZ_TIME=seconds]: libFuzzer on the config code (tests/fuzz/).
fuzz: all
	@bash tests/fuzz/run.sh $(or $(FUZZ_TIME),300)
