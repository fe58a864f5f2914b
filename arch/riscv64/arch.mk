# SPDX-License-Identifier: Apache-2.0
# RISC-V (RV64 with the hypervisor extension): what the top-level Makefile needs to build
# hyp.bin for this architecture (make ARCH=riscv64). Included before hyp/config.mk.

CROSS_COMPILE ?= riscv64-linux-gnu-

# RV64IMAC with Zicsr/Zifencei, no floating point (a trap saves only the general registers; the
# guest owns the rest), the medany code model (PC-relative addressing: the boot code runs at its
# load address with the MMU off, the rest at the link address), no linker relaxation (no gp),
# no unaligned accesses (device memory), no small-data sections (.sdata, .sbss: gp-relative,
# which the image does not use; its linker script places .data and .bss alone).
ARCH_CFLAGS := -march=rv64imac_zicsr_zifencei -mabi=lp64 -mcmodel=medany -mno-relax \
	-mstrict-align -msmall-data-limit=0 -fno-omit-frame-pointer
ARCH_ASFLAGS := -march=rv64imac_zicsr_zifencei -mabi=lp64
# No libgcc: Debian's is built for the lp64d ABI, which the linker will not mix with lp64 objects;
# the few helpers GCC calls without Zbb (count zeros, population count, byte swaps) are libgcc.c.
ARCH_LIBS :=

# The arch's pure code, part of the configuration layer (hyp/config.mk).
ARCH_CONFIG_SRCS := arch/riscv64/arch_hw.c
# The arch's part of the guest DTB fix-up: boot-only (hyp/config.mk, BOOT_SRCS).
ARCH_GUEST_DTB_SRCS := arch/riscv64/guest_dtb.c
# The image checksum of the boot banner (hyp/boot.c): boot-only too.
ARCH_BOOT_SRCS := arch/riscv64/crc32.c
# Pure arch code the host unit tests exercise besides the configuration layer.
ARCH_HOST_SRCS := arch/riscv64/pt_format.c
ARCH_SRCS := $(filter-out arch/riscv64/asm_offsets.c,$(wildcard arch/riscv64/*.c arch/riscv64/*.S))

# The drivers this arch builds, by class (arch/aarch64/arch.mk says how).
UART_DRIVERS := ns16550
IRQCHIP_DRIVERS := plic aplic

# The guests' own DTBs (make guest-dtbs), one per interrupt controller QEMU virt is run with:
# the Linux partition's, build/riscv64/<plic|aplic|aplic-imsic>/linux.dtb (its layouts' include
# path: run-qemu.sh, tests/e2e/run.py); both AIA machines give VMs the same virtual APLIC, in
# direct mode.
# Pattern rules only: the default goal stays the Makefile's.
ARCH_GUEST_DTBS := $(OUT)/plic/linux.dtb $(OUT)/aplic/linux.dtb $(OUT)/aplic-imsic/linux.dtb \
	$(OUT)/aplic-imsic/linux-files.dtb
# A VM with guest-interrupt-files: its own IMSIC (partitions/riscv64/linux/guest-imsic.dts).
$(OUT)/aplic-imsic/linux-files.dtb: partitions/riscv64/linux/guest-imsic.dts
	@mkdir -p $(dir $@)
	dtc -q -I dts -O dtb -o $@ $<
$(OUT)/%/linux.dtb: partitions/riscv64/linux/guest-%.dts
	@mkdir -p $(dir $@)
	dtc -q -I dts -O dtb -o $@ $<
$(OUT)/aplic-imsic/%.dtb: $(OUT)/aplic/%.dtb
	@mkdir -p $(dir $@)
	cp $< $@
# Guest DTBs the partition is refused for (e2e guest-dtb-mismatch), next to the test guests.
ARCH_GUEST_DTBS += $(patsubst tests/guests/riscv64/dt/%.dts,$(OUT)/guests/%.dtb,\
	$(wildcard tests/guests/riscv64/dt/*.dts))
$(OUT)/guests/%.dtb: tests/guests/riscv64/dt/%.dts
	@mkdir -p $(dir $@)
	dtc -q -I dts -O dtb -o $@ $<

# make run's default layout, and what it needs built besides (the Linux guest's assets);
# the bare-metal partitions: make run ARCH=riscv64 LAYOUT=partitions/riscv64/demo.dts.
ARCH_DEMO := partitions/riscv64/linux-demo.dts
ARCH_RUN_DEPS := linux-guest

ARCH_RULES := scripts/asm_offsets.mk
