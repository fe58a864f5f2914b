# SPDX-License-Identifier: Apache-2.0
# Tessera: one build for all boards. `make` builds build/$(ARCH)/hyp.bin and the test guests.
# What differs between architectures is in arch/$(ARCH)/arch.mk (cross compiler, flags, the
# arch's sources, the drivers it builds); the configuration layer's sources are listed once,
# in hyp/config.mk. This file names no architecture but the default.
ARCH ?= aarch64
# `make` alone is `make all`, whatever rule an included file defines first (arch.mk's DTBs).
.DEFAULT_GOAL := all
BUILD := build
OUT := $(BUILD)/$(ARCH)
LIBFDT_DIR := $(BUILD)/libfdt
LINUX_SRC_TAR := /usr/src/linux-source-6.1.tar.xz

ifeq ($(wildcard arch/$(ARCH)/arch.mk),)
$(error ARCH=$(ARCH): there is no arch/$(ARCH)/arch.mk)
endif
include arch/$(ARCH)/arch.mk
include hyp/config.mk

CC := $(CROSS_COMPILE)gcc
OBJCOPY := $(CROSS_COMPILE)objcopy
GCC_INC := $(shell $(CC) -print-file-name=include 2>/dev/null)

WARN := -Wall -Wextra -Werror -Wno-unused-parameter
INCLUDES := -nostdinc -isystem $(GCC_INC) -Ihyp/lib/include -Ihyp/include -Iarch/$(ARCH)/include \
	-Idrivers -I$(LIBFDT_DIR)
# Size: -Os, link-time optimisation (cross-file inlining and dead code), no frame pointer;
# the arch's own flags from arch.mk.
CFLAGS := $(WARN) -std=gnu11 -Os -g -ffreestanding -fno-builtin -fno-common -fno-stack-protector \
	-fno-pic -fno-pie -ffunction-sections -fdata-sections -fomit-frame-pointer $(ARCH_CFLAGS) \
	-flto $(INCLUDES) -MMD -MP
ASFLAGS := $(INCLUDES) $(ARCH_ASFLAGS) -D__ASSEMBLY__ -MMD -MP
LDFLAGS := -nostdlib -static -no-pie -Wl,--gc-sections -Wl,--build-id=none -Wl,-z,norelro \
	-Wl,-z,noexecstack -Wl,--no-warn-rwx-segments -Wl,--emit-relocs

# The core, the arch, the drivers this arch builds; the configuration layer is among them.
HYP_SRCS := $(wildcard hyp/*.c hyp/lib/*.c) $(ARCH_SRCS) \
	$(filter-out hyp/% $(ARCH_SRCS),$(CONFIG_SRCS)) $(DRIVER_SRCS)
LIBFDT_SRCS := fdt.c fdt_ro.c fdt_rw.c fdt_wip.c fdt_strerror.c fdt_addresses.c
HYP_OBJS := $(patsubst %,$(OUT)/obj/%.o,$(HYP_SRCS)) \
	$(patsubst %,$(OUT)/obj/libfdt/%.o,$(LIBFDT_SRCS))
# The arch's own build steps that need the flags and sources above (arch.mk: ARCH_RULES).
include $(ARCH_RULES)

.PHONY: all build deps run test cleanroom unit e2e clean format format-check guests guest-dtbs bootdisk check checker print-checker-srcs print-config-srcs \
	print-host-srcs print-hyp-srcs print-boot-srcs print-fake-srcs print-hyp-cc boards fuzz fake-test analyze misra
# `make` first installs missing Debian packages, then builds in a sub-make, so a
# cross compiler it has just installed is found.
all: deps
	@$(MAKE) --no-print-directory build

build: $(OUT)/hyp.bin guests guest-dtbs checker boards

# The guests' own DTBs, one per machine the arch's tests run on (arch.mk: ARCH_GUEST_DTBS).
guest-dtbs: $(ARCH_GUEST_DTBS)

deps:
	@scripts/deps.sh build test

# libfdt comes from Debian's linux-source-6.1, extracted at build time and never committed.
$(LIBFDT_DIR)/.stamp:
	@test -f $(LINUX_SRC_TAR) || scripts/deps.sh build
	mkdir -p $(LIBFDT_DIR)
	tar -xJf $(LINUX_SRC_TAR) -C $(LIBFDT_DIR) --strip-components=4 \
		--wildcards 'linux-source-6.1/scripts/dtc/libfdt/*'
	rm -f $(LIBFDT_DIR)/libfdt_env.h
	touch $@

# Objects are rebuilt when the compiler flags change (not on every Makefile edit).
$(OUT)/cflags.txt: FORCE
	@mkdir -p $(dir $@)
	@echo '$(CC) $(CFLAGS) $(LDFLAGS)' | cmp -s - $@ || echo '$(CC) $(CFLAGS) $(LDFLAGS)' > $@
# And the assembler's (tests/bench/run.py reads cflags.txt as the C compiler's command).
$(OUT)/asflags.txt: FORCE
	@mkdir -p $(dir $@)
	@echo '$(CC) $(ASFLAGS)' | cmp -s - $@ || echo '$(CC) $(ASFLAGS)' > $@
FORCE:

# libfdt is boot-only (hyp/config.mk: BOOT_SRCS), compiled and renamed as the rule below says.
$(OUT)/obj/libfdt/%.c.o: $(LIBFDT_DIR)/.stamp $(OUT)/cflags.txt
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -fno-lto -Wno-sign-compare -c $(LIBFDT_DIR)/$*.c -o $@.tmp
	$(OBJCOPY) --prefix-alloc-sections=.boot $@.tmp $@
	$(OBJCOPY) --set-section-flags '.boot.rodata*=alloc,load,readonly,data,contents' $@
	@rm -f $@.tmp

$(OUT)/obj/%.c.o: %.c $(LIBFDT_DIR)/.stamp $(OUT)/cflags.txt
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c $< -o $@

# Boot-only code and data (hyp/config.mk: BOOT_SRCS): compiled to machine code (no LTO, whose
# objects carry no sections yet) and every allocated section renamed .boot.*, so the linker
# script gathers them into the boot-only pages that are unmapped once the VMs run. The host
# builds of these files are untouched. scripts/boot_refs.py proves nothing else refers to them.
# -MT/-MF: the dependencies are the object's (GCC would name the .tmp file), so a header
# change rebuilds it.
BOOT_OBJS := $(patsubst %,$(OUT)/obj/%.o,$(filter $(BOOT_SRCS),$(HYP_SRCS)))
$(BOOT_OBJS): $(OUT)/obj/%.c.o: %.c $(LIBFDT_DIR)/.stamp $(OUT)/cflags.txt
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -fno-lto -MT $@ -MF $@.d -c $< -o $@.tmp
	$(OBJCOPY) --prefix-alloc-sections=.boot $@.tmp $@
	$(OBJCOPY) --set-section-flags '.boot.rodata*=alloc,load,readonly,data,contents' $@
	@rm -f $@.tmp

$(OUT)/obj/%.S.o: %.S $(OUT)/asflags.txt
	@mkdir -p $(dir $@)
	$(CC) $(ASFLAGS) -c $< -o $@

$(OUT)/linker.ld: arch/$(ARCH)/linker.ld arch/$(ARCH)/include/arch_layout.h hyp/include/hyp_image.ld
	@mkdir -p $(dir $@)
	$(CC) -E -P -x c $(INCLUDES) -D__ASSEMBLY__ $< -o $@

$(OUT)/hyp.elf: $(HYP_OBJS) $(OUT)/linker.ld
	$(CC) $(CFLAGS) $(LDFLAGS) -flto=2 -T $(OUT)/linker.ld $(HYP_OBJS) $(ARCH_LIBS) -o $@

# tests/boot_refs/run.sh: the same objects and one run-time function calling the boot-only
# parser, which scripts/boot_refs.py must refuse. Never part of hyp.bin.
$(OUT)/boot-refs-violation.elf: $(HYP_OBJS) $(OUT)/obj/tests/boot_refs/violation.c.o $(OUT)/linker.ld
	$(CC) $(CFLAGS) $(LDFLAGS) -flto=2 -Wl,--undefined=boot_refs_violation -T $(OUT)/linker.ld \
		$(HYP_OBJS) $(OUT)/obj/tests/boot_refs/violation.c.o $(ARCH_LIBS) -o $@

$(OUT)/hyp.bin: $(OUT)/hyp.elf
	@python3 scripts/boot_refs.py $<
	$(OBJCOPY) -O binary $< $@
	@echo "  hyp.bin: $$(stat -c %s $@) bytes"

include tests/guests/guests.mk
include tests/bench/bench.mk
include scripts/check/check.mk
include tests/linux/linux.mk

# make run [LAYOUT=partitions/x.dts] [GIC=2|3] [TIMEOUT=seconds] [BOOT=uboot] [BOARD=zcu102] [ARCH=riscv64]
#          [AIA=aplic|aplic-imsic] (RISC-V: QEMU virt with AIA instead of the PLIC)
# BOOT=uboot: through U-Boot from a boot disk with every layout of partitions/ (LAYOUT the default)
# BOARD=zcu102: QEMU's xlnx-zcu102 with Linux's ZCU102 DTB (default LAYOUT partitions/zcu102/linux.dts)
run: all $(ARCH_RUN_DEPS)
	@scripts/deps.sh run
	@scripts/run-qemu.sh --layout "$(or $(LAYOUT),$(if $(BOARD),partitions/$(BOARD)/linux.dts,$(ARCH_DEMO)))" \
		--gic "$(or $(GIC),3)" --timeout "$(or $(TIMEOUT),0)" $(if $(filter uboot,$(BOOT)),--uboot) \
		$(if $(BOARD),--board $(BOARD)) $(if $(AIA),--aia $(AIA)) --arch $(ARCH)

# make bootdisk [LAYOUTS="a.dts b.dts"] [GIC=2|3]: build/<arch>/bootdisk.img and, for an SD
# card's boot partition, its files in build/<arch>/bootdisk/ (default: every layout of the
# default demo's directory: partitions/, partitions/riscv64/)
bootdisk: all linux-guest
	@scripts/deps.sh run
	@scripts/mkbootdisk.sh -o $(OUT)/bootdisk.img --gic "$(or $(GIC),3)" --arch $(ARCH) \
		$(or $(LAYOUTS),$(wildcard $(dir $(ARCH_DEMO))*.dts))

test: all
	@$(MAKE) --no-print-directory linux-guest
	@tests/run-all.sh

# make cleanroom: `make test` and `make run` inside a brand-new Debian 12 root (as root;
# scripts/cleanroom.sh says what it does and what it needs). CI runs this.
cleanroom:
	@scripts/deps.sh cleanroom
	@scripts/cleanroom.sh

unit: $(LIBFDT_DIR)/.stamp
	@bash tests/unit/run.sh

# The run-time core's host tests on the fake architecture (arch/fake, tests/fake).
fake-test: $(LIBFDT_DIR)/.stamp
	@bash tests/fake/run.sh

e2e: all
	@python3 tests/e2e/run.py

# The clang static analyzer over the host builds: the configuration layer and the checker, the
# fake-arch run-time core (tests/analyze/run.sh); in make test.
analyze: $(LIBFDT_DIR)/.stamp
	@bash tests/analyze/run.sh

# MISRA C:2012 (cppcheck's misra addon) over every C file of hyp.bin, against the deviation record
# docs/misra-deviations.md (tests/misra/run.sh); in make test. ARCH=... for another architecture.
misra: $(LIBFDT_DIR)/.stamp
	@ARCH=$(ARCH) bash tests/misra/run.sh

# Source lists for scripts (tests/unit/run.sh, tests/fuzz/run.sh, tests/bench/run.py).
print-config-srcs:
	@echo $(CONFIG_SRCS)
print-host-srcs:
	@echo $(HOST_SRCS)
print-hyp-srcs:
	@echo $(HYP_SRCS)
print-fake-srcs:
	@echo $(FAKE_CORE_SRCS) -- $(FAKE_ARCH_SRCS)
# The compiler and flags of hyp.bin's C files, for tools that read them (tests/analyze/run.sh).
print-hyp-cc:
	@echo $(CC) $(filter-out -flto -MMD -MP,$(CFLAGS))
print-boot-srcs:
	@echo $(BOOT_SRCS)

format:
	clang-format -i $$(git ls-files '*.c' '*.h')

format-check:
	@sh tests/format/run.sh

clean:
	rm -rf $(BUILD)

-include $(shell find $(OUT)/obj -name '*.d' 2>/dev/null)
