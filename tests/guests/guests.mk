# SPDX-License-Identifier: Apache-2.0
# Bare-metal test guests: build/$(ARCH)/guests/<name>.bin
ifeq ($(ARCH),riscv64)
include tests/guests/riscv64/guests.mk
else
GUESTS := hello ticker smp probe reset smpfault irqs rtc intruder echo latency control pingpong shmemro shmempeer \
	dtcpus sysregs abort timerline targets storm sweep flood floodpeer inject resetloop_a resetloop_b resetstorm reloadloop_a reloadloop_b overlapcopy
GUEST_OUT := $(OUT)/guests
GUEST_CFLAGS := $(WARN) -std=gnu11 -O2 -ffreestanding -fno-builtin -fno-stack-protector -fno-pic \
	-mgeneral-regs-only -mstrict-align -mno-outline-atomics -nostdinc -isystem $(GCC_INC) \
	-Ihyp/lib/include -Ihyp/include -Iarch/$(ARCH)/include -Itests/guests
GUEST_RT := tests/guests/start.S tests/guests/lib.c tests/guests/gic.c hyp/lib/printf.c hyp/lib/string.c

# Board variants of the guests that drive the GIC, for the e2e cases on other QEMU machines
# (tests/e2e/run.py: "machine:"): build/<arch>/guests/<board>/<name>.bin, the same source
# built for that board's GICv2 addresses. xlnx-zcu102: the GIC-400 of Linux's zynqmp.dtsi.
BOARD_GUESTS := irqs echo cdnsuart latency abort
ZCU102_GIC := -DGUEST_GICD=0xf9010000UL -DGUEST_GICC=0xf9020000UL
# Run natively (the benchmarks' reference runs): UART0, a Cadence UART, and PSCI on SMC.
ZCU102_NATIVE := -DGUEST_NATIVE_CADENCE=0xff000000UL -DGUEST_NATIVE_PSCI_SMC
# abort on the board touches a real device it does not own: UART1 (zcu102-device-isolation).
$(GUEST_OUT)/zcu102/abort.elf: ZCU102_GIC += -DNOWHERE=0xff010000UL

guests: $(patsubst %,$(GUEST_OUT)/%.bin,$(GUESTS)) $(patsubst %,$(GUEST_OUT)/zcu102/%.bin,$(BOARD_GUESTS))

$(GUEST_OUT)/zcu102/%.elf: tests/guests/%.c $(GUEST_RT) tests/guests/guest.h tests/guests/gic.h tests/guests/latency.h tests/guests/guest.ld
	@mkdir -p $(dir $@)
	$(CC) $(GUEST_CFLAGS) $(ZCU102_GIC) $(ZCU102_NATIVE) -nostdlib -static -no-pie -Wl,--build-id=none \
		-Wl,--no-warn-rwx-segments -T tests/guests/guest.ld $(GUEST_RT) $< -lgcc -o $@

$(GUEST_OUT)/%.elf: tests/guests/%.c $(GUEST_RT) tests/guests/guest.h tests/guests/gic.h tests/guests/shmem.h tests/guests/latency.h tests/guests/flood.h tests/guests/resetloop.h tests/guests/guest.ld
	@mkdir -p $(dir $@)
	$(CC) $(GUEST_CFLAGS) -nostdlib -static -no-pie -Wl,--build-id=none \
		-Wl,--no-warn-rwx-segments -T tests/guests/guest.ld $(GUEST_RT) $< -lgcc -o $@

$(GUEST_OUT)/%.bin: $(GUEST_OUT)/%.elf
	$(OBJCOPY) -O binary $< $@
endif
