# SPDX-License-Identifier: Apache-2.0
# AArch64: what the top-level Makefile needs to build hyp.bin for this architecture
# (make ARCH=aarch64, the default). Included before hyp/config.mk.

CROSS_COMPILE ?= aarch64-linux-gnu-

# No FP/SIMD registers (a trap saves only the general ones; the guest owns the rest), no
# out-of-line atomics (no libgcc helpers that test for LSE at run time), no unaligned
# accesses (the MMU is off at entry and device memory faults on them), and the tiny code
# model (one ADR per address: the image is far below its 1 MiB reach).
ARCH_CFLAGS := -mgeneral-regs-only -mno-outline-atomics -mstrict-align -mcmodel=tiny
# The assembler needs nothing more; libgcc (LSE-free helpers) links in.
ARCH_ASFLAGS :=
ARCH_LIBS := -lgcc

# The arch's pure code, part of the configuration layer (hyp/config.mk): compiled into the
# host tools too, so it uses the DT helpers and nothing of the machine.
ARCH_CONFIG_SRCS := arch/aarch64/arch_hw.c
# The arch's part of the guest DTB fix-up: boot-only (hyp/config.mk, BOOT_SRCS).
ARCH_GUEST_DTB_SRCS := arch/aarch64/guest_dtb.c
# The image checksum of the boot banner (hyp/boot.c): boot-only too.
ARCH_BOOT_SRCS := arch/aarch64/crc32.c
# Pure arch code the host unit tests exercise besides the configuration layer.
ARCH_HOST_SRCS := arch/aarch64/pt_format.c
# Everything of arch/aarch64/ (the pure files included) goes into hyp.bin, but asm_offsets.c:
# it is compiled to assembly for its constants, never linked (asm_offsets.mk).
ARCH_SRCS := $(filter-out arch/aarch64/asm_offsets.c,$(wildcard arch/aarch64/*.c arch/aarch64/*.S))

# The drivers this arch builds, by class (adding one: its files, and its name here).
# UARTs: drivers/uart/<name>.c, plain C the host tools compile too.
UART_DRIVERS := pl011 ns16550 cadence
# Interrupt controllers: drivers/irqchip/<name>_dt.c, the DT glue (pure: the configuration
# layer), and <name>*.c, the register code (the hypervisor only). The GIC's register code
# uses AArch64 system registers (GICv3's ICC_*): only an AArch64 build compiles it.
IRQCHIP_DRIVERS := gic

# The guests' own DTBs (make guest-dtbs), one per GIC version QEMU virt is run with: the Linux
# partition's, build/aarch64/gicN/linux.dtb, and the test guests' that read one,
# build/aarch64/gicN/test-guest.dtb. Pattern rules only: the default goal stays the Makefile's.
ARCH_GUEST_DTBS := $(foreach v,3 2,$(OUT)/gic$(v)/linux.dtb $(OUT)/gic$(v)/test-guest.dtb)
$(OUT)/gic%/linux.dtb: partitions/linux/guest-gicv%.dts
	@mkdir -p $(dir $@)
	dtc -q -I dts -O dtb -o $@ $<
# The Linux partition's DTB on the ZCU102 board model, next to the test guests built
# for that board (build/aarch64/guests/zcu102, searched first for its layouts).
ARCH_GUEST_DTBS += $(OUT)/guests/zcu102/linux.dtb
$(OUT)/guests/zcu102/linux.dtb: partitions/zcu102/guest-linux.dts
	@mkdir -p $(dir $@)
	dtc -q -I dts -O dtb -o $@ $<
$(OUT)/gic%/test-guest.dtb: tests/guests/dt/test-guest-gicv%.dts
	@mkdir -p $(dir $@)
	dtc -q -I dts -O dtb -o $@ $<

# make run's default layout, and what it needs built besides (the Linux guest's assets).
ARCH_DEMO := partitions/linux-demo.dts
ARCH_RUN_DEPS := linux-guest

# Build steps of this arch that need the build's flags and sources, included by the Makefile
# once they are set: the assembly's offsets, generated from C.
ARCH_RULES := scripts/asm_offsets.mk
