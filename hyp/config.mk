# SPDX-License-Identifier: Apache-2.0
# The configuration layer: the pure code that reads the hardware DTB and the partition DTB and
# validates one against the other (no MMIO, no globals; hyp/include/config.h). The one list of
# its sources, which every build of it uses: the hypervisor (Makefile), the offline checker
# (scripts/check/check.mk), the host unit tests (tests/unit/run.sh), the fuzzers
# (tests/fuzz/run.sh) and the benchmark's size figures (tests/bench/run.py). Scripts ask make:
#   make -s print-config-srcs     the configuration layer (CONFIG_SRCS)
#   make -s print-host-srcs       it and the other pure code the unit tests exercise (HOST_SRCS)
#   make -s print-hyp-srcs        every source of hyp.bin (libfdt aside)
# arch/$(ARCH)/arch.mk comes first: it names the arch's pure part and the drivers it builds.

# The DT reader, hardware and partition parsing, validation, and the RAM replay's allocator;
# the arch's part (CPUs' enable-methods and the like); the drivers' DT glue (which UART and
# which interrupt controller the hardware DTB has).
CONFIG_SRCS := hyp/dt.c hyp/dt_check.c hyp/dt_tree.c $(sort $(wildcard hyp/config_*.c)) hyp/palloc.c \
	$(ARCH_CONFIG_SRCS) drivers/uart/uart.c $(UART_DRIVERS:%=drivers/uart/%.c) \
	drivers/irqchip/irqchip_dt.c $(IRQCHIP_DRIVERS:%=drivers/irqchip/%_dt.c)
# Boot-only: run once at boot, unmapped from the hypervisor's own tables once every CPU has
# entered its VM (hyp/mem.c); Makefile puts them in the .boot sections, and
# scripts/boot_refs.py fails the build if code or data that stays mapped refers to them.
# Not: the problem classes' names (run-time messages cite them), the page allocator (colored
# allocations, VM memory given back), the arch's CPU identity (arch_cpu_id, PSCI's emulation) and the UART
# drivers (the console writes through the matched driver's functions: a pointer stored at boot,
# which no relocation shows, so scripts/boot_refs.py could not catch it).
BOOT_RUNTIME_SRCS := hyp/config_report.c hyp/palloc.c $(ARCH_CONFIG_SRCS) \
	$(UART_DRIVERS:%=drivers/uart/%.c)
# Besides: the boot orchestration (the boot CPU's and the secondaries' way to their VMs, the
# partition table, the arch's boot-only files: ARCH_BOOT_SRCS) and the guest DTB fix-up (a
# reset copies back what the boot fixed up: hyp/vm.c), with libfdt (Makefile: every libfdt
# object is boot-only).
BOOT_SRCS := $(filter-out $(BOOT_RUNTIME_SRCS),$(CONFIG_SRCS)) hyp/main.c hyp/boot.c hyp/table.c \
	hyp/guest_dtb.c hyp/guest_dtb_chan.c hyp/dt_write.c $(ARCH_GUEST_DTB_SRCS) $(ARCH_BOOT_SRCS)
# The drivers' register code, which only the hypervisor builds.
DRIVER_SRCS := drivers/irqchip/irqchip.c \
	$(filter-out %_dt.c,$(foreach d,$(IRQCHIP_DRIVERS),$(wildcard drivers/irqchip/$(d)*.c)))
# The libfdt files (build/libfdt/<name>.c) the configuration layer calls.
CONFIG_LIBFDT := fdt fdt_ro
# Pure code the host unit tests exercise besides: DT editing, colouring, page tables,
# rate limits, the console's filter, the guests' rng-seeds, and the arch's page-table format.
HOST_SRCS := $(CONFIG_SRCS) hyp/dt_write.c hyp/color.c hyp/pt.c hyp/ratelimit.c \
	hyp/console_text.c hyp/rng_seed.c $(ARCH_HOST_SRCS)
# The run-time core the fake-arch host tests build (tests/fake/run.sh) and the static analyzer
# reads (tests/analyze/run.sh): the core as the hypervisor builds it, the guest DTB's loading with
# the DT code it uses, the messages' helpers of the configuration layer; and the fake arch.
# (make -s print-fake-srcs: the two lists, separated by "--")
FAKE_CORE_SRCS := hyp/vm.c hyp/vcpu.c hyp/cpu.c hyp/ipc.c hyp/vuart.c hyp/mmio.c hyp/hypercall.c \
	hyp/console.c hyp/console_text.c hyp/ratelimit.c hyp/mem.c hyp/pt.c hyp/palloc.c hyp/color.c \
	hyp/guest_dtb.c hyp/guest_dtb_chan.c hyp/dt_write.c hyp/dt.c hyp/dt_tree.c hyp/dt_check.c hyp/config_report.c \
	hyp/rng_seed.c
FAKE_ARCH_SRCS := arch/fake/cpu.c arch/fake/mmu.c arch/fake/pt_format.c arch/fake/vcpu.c \
	hyp/lib/host/vwprintf.c
