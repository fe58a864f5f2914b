# SPDX-License-Identifier: Apache-2.0
# Bare-metal test guests: build/$(ARCH)/guests/<name>.bin
GUESTS := hello ticker smp probe reset smpfault irqs rtc intruder echo latency pingpong shmemro shmempeer \
	dtcpus sysregs abort timerline targets storm sweep flood floodpeer inject resetloop_a resetloop_b reloadloop_a reloadloop_b overlapcopy
GUEST_OUT := $(OUT)/guests
GUEST_CFLAGS := $(WARN) -std=gnu11 -O2 -ffreestanding -fno-builtin -fno-stack-protector -fno-pic \
	-mgeneral-regs-only -mstrict-align -mno-outline-atomics -nostdinc -isystem $(GCC_INC) \
	-Ihyp/lib/include -Ihyp/include -Iarch/$(ARCH)/include -Itests/guests
GUEST_RT := tests/guests/start.S tests/guests/lib.c tests/guests/gic.c hyp/lib/printf.c hyp/lib/string.c

guests: $(patsubst %,$(GUEST_OUT)/%.bin,$(GUESTS))

$(GUEST_OUT)/%.elf: tests/guests/%.c $(GUEST_RT) tests/guests/guest.h tests/guests/gic.h tests/guests/shmem.h tests/guests/flood.h tests/guests/resetloop.h tests/guests/guest.ld
	@mkdir -p $(dir $@)
	$(CC) $(GUEST_CFLAGS) -nostdlib -static -no-pie -Wl,--build-id=none \
		-Wl,--no-warn-rwx-segments -T tests/guests/guest.ld $(GUEST_RT) $< -lgcc -o $@

$(GUEST_OUT)/%.bin: $(GUEST_OUT)/%.elf
	$(OBJCOPY) -O binary $< $@
