# SPDX-License-Identifier: Apache-2.0
# RISC-V bare-metal test guests: build/riscv64/guests/<name>.bin (included by tests/guests/guests.mk)
GUESTS := hello ticker smp probe echo pingpong rtc intruder highmem hostile control shmempeer
GUEST_OUT := $(OUT)/guests
GUEST_CFLAGS := $(WARN) -std=gnu11 -O2 -ffreestanding -fno-builtin -fno-stack-protector -fno-pic \
	-march=rv64imac_zicsr_zifencei -mabi=lp64 -mcmodel=medany -mno-relax -mstrict-align \
	-nostdinc -isystem $(GCC_INC) -Ihyp/lib/include -Ihyp/include -Iarch/$(ARCH)/include \
	-Itests/guests/riscv64
GUEST_RT := tests/guests/riscv64/start.S tests/guests/riscv64/lib.c hyp/lib/printf.c \
	hyp/lib/string.c arch/riscv64/libgcc.c

# Those that drive the interrupt controller, built again for an APLIC (plic.h: GUEST_APLIC), which
# tests/e2e/run.py puts first in dtc's search path on an AIA machine.
APLIC_GUESTS := rtc intruder pingpong echo shmempeer
# And for a VM with guest interrupt files (GUEST_IMSIC: its APLIC in MSI mode, its IMSIC file):
# layouts name them "imsic/<name>.bin".
IMSIC_GUESTS := rtc intruder msiipi pingpong echo

guests: $(patsubst %,$(GUEST_OUT)/%.bin,$(GUESTS)) $(patsubst %,$(GUEST_OUT)/aplic/%.bin,$(APLIC_GUESTS)) \
	$(patsubst %,$(GUEST_OUT)/imsic/%.bin,$(IMSIC_GUESTS))

$(GUEST_OUT)/imsic/%.elf: tests/guests/riscv64/%.c $(GUEST_RT) tests/guests/riscv64/guest.h tests/guests/riscv64/plic.h tests/guests/riscv64/guest.ld
	@mkdir -p $(dir $@)
	$(CC) $(GUEST_CFLAGS) -DGUEST_APLIC -DGUEST_IMSIC -nostdlib -static -no-pie -Wl,--build-id=none \
		-Wl,--no-warn-rwx-segments -T tests/guests/riscv64/guest.ld $(GUEST_RT) $< -o $@

$(GUEST_OUT)/aplic/%.elf: tests/guests/riscv64/%.c $(GUEST_RT) tests/guests/riscv64/guest.h tests/guests/riscv64/plic.h tests/guests/riscv64/guest.ld
	@mkdir -p $(dir $@)
	$(CC) $(GUEST_CFLAGS) -DGUEST_APLIC -nostdlib -static -no-pie -Wl,--build-id=none \
		-Wl,--no-warn-rwx-segments -T tests/guests/riscv64/guest.ld $(GUEST_RT) $< -o $@

$(GUEST_OUT)/%.elf: tests/guests/riscv64/%.c $(GUEST_RT) tests/guests/riscv64/guest.h tests/guests/riscv64/plic.h tests/guests/riscv64/guest.ld
	@mkdir -p $(dir $@)
	$(CC) $(GUEST_CFLAGS) -nostdlib -static -no-pie -Wl,--build-id=none \
		-Wl,--no-warn-rwx-segments -T tests/guests/riscv64/guest.ld $(GUEST_RT) $< -o $@

$(GUEST_OUT)/%.bin: $(GUEST_OUT)/%.elf
	$(OBJCOPY) -O binary $< $@
