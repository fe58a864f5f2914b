// SPDX-License-Identifier: Apache-2.0
/*
 * libFuzzer target: hw_parse + config_parse + config_validate, the code the
 * hypervisor runs on the two DTBs it is handed at boot, with both DTBs taken
 * from the input: [u32 little-endian n][n bytes: hardware DTB][partition DTB].
 *
 * Besides the sanitizers (ASan, UBSan), every accepted layout must hold the
 * isolation promises config_validate makes; a broken one aborts:
 *   - the error count returned equals the errors in the report;
 *   - an accepted VM's CPUs exist, and no CPU is in two accepted VMs;
 *   - an accepted VM's fixed memory is inside RAM, clear of reserved and
 *     protected ranges and of the fixed memory of the other accepted VMs;
 *   - an accepted VM's devices are page aligned, do not wrap, and no device
 *     page or interrupt is in two accepted VMs; interrupts are SPIs; no
 *     device touches RAM or what the hypervisor keeps (every window of the
 *     GIC and its parts, the console UART), no interrupt is the console's.
 * Built by tests/fuzz/run.sh (make fuzz).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "irqchip/irqchip.h"

#define FUZZ_PROTECT_BASE 0x40200000ULL /* where QEMU loads hyp.bin */
#define FUZZ_PROTECT_SIZE 0x200000ULL

static struct hw hw;
static struct config cfg;
static struct cfg_report rep;
static struct hw_kept kept; /* what the hypervisor keeps, from the input's hardware DTB */

#define PROMISE(cond)                                                                    \
	do {                                                                             \
		if (!(cond)) {                                                           \
			fprintf(stderr, "broken promise: %s (%s:%d)\n", #cond, __FILE__, \
				__LINE__);                                               \
			abort();                                                         \
		}                                                                        \
	} while (0)

/* An exact-size, 8-byte aligned copy, so ASan sees every read past the end. */
static void *copy_blob(const uint8_t *data, size_t size)
{
	void *p = NULL;

	if (posix_memalign(&p, 8, size ? size : 1))
		abort();
	memcpy(p, data, size);
	return p;
}

static bool in_ram(u64 base, u64 size)
{
	for (u32 i = 0; i < hw.nram; i++) {
		if (range_inside(base, size, hw.ram[i].base, hw.ram[i].size))
			return true;
	}
	return false;
}

static void check_memory(const struct cfg_vm *vm, u32 v)
{
	for (u32 m = 0; m < vm->nmem; m++) {
		const struct cfg_mem *a = &vm->mem[m];

		PROMISE(a->size && IS_ALIGNED(a->ipa | a->size, PAGE_SIZE));
		PROMISE(a->ipa + a->size > a->ipa);
		if (!a->has_pa)
			continue;
		PROMISE(in_ram(a->pa, a->size));
		for (u32 i = 0; i < hw.nreserved; i++)
			PROMISE(!ranges_overlap(a->pa, a->size, hw.reserved[i].base,
						hw.reserved[i].size));
		for (u32 i = 0; i < hw.nprotect; i++)
			PROMISE(!ranges_overlap(a->pa, a->size, hw.protect[i].base,
						hw.protect[i].size));
		for (u32 w = 0; w < v; w++) {
			for (u32 k = 0; !cfg.vms[w].refused && k < cfg.vms[w].nmem; k++) {
				const struct cfg_mem *b = &cfg.vms[w].mem[k];

				PROMISE(!b->has_pa ||
					!ranges_overlap(a->pa, a->size, b->pa, b->size));
			}
		}
	}
}

static void check_devices(const struct cfg_vm *vm, u32 v)
{
	struct irq_range assignable;

	irqchip_assignable(&hw.irqchip, &assignable);
	for (u32 d = 0; d < vm->ndevs; d++) {
		const struct cfg_dev *a = &vm->devs[d];

		PROMISE(a->size && IS_ALIGNED(a->pa | a->size | a->ipa, PAGE_SIZE));
		PROMISE(a->pa + a->size > a->pa);
		for (u32 k = 0; k < a->nirqs; k++) /* what the controller's driver lets a VM have */
			PROMISE(a->irqs[k] >= assignable.first && a->irqs[k] <= assignable.last &&
				a->irqs[k] != kept.console_irq);
		PROMISE(!kept.fault);		 /* else no device may be accepted */
		for (u32 i = 0; i < kept.n; i++) /* the GIC, all its parts, the console */
			PROMISE(!ranges_overlap(a->pa, a->size, kept.win[i].base,
						kept.win[i].size));
		for (u32 i = 0; i < hw.nram; i++)
			PROMISE(!ranges_overlap(a->pa, a->size, hw.ram[i].base, hw.ram[i].size));
		for (u32 w = 0; w < v; w++) {
			for (u32 e = 0; !cfg.vms[w].refused && e < cfg.vms[w].ndevs; e++) {
				const struct cfg_dev *b = &cfg.vms[w].devs[e];

				PROMISE(!ranges_overlap(a->pa, a->size, b->pa, b->size));
				for (u32 i = 0; i < a->nirqs; i++)
					for (u32 j = 0; j < b->nirqs; j++)
						PROMISE(a->irqs[i] != b->irqs[j]);
			}
		}
	}
}

static void check_promises(void)
{
	u32 owner[HW_MAX_CPUS] = {0};

	PROMISE(cfg.nvms <= CFG_MAX_VMS && config_vms_ok(&cfg) <= cfg.nvms);
	for (u32 v = 0; v < cfg.nvms; v++) {
		const struct cfg_vm *vm = &cfg.vms[v];

		if (vm->refused)
			continue;
		PROMISE(vm->ncpus >= 1 && vm->ncpus <= CFG_MAX_VCPUS);
		for (u32 k = 0; k < vm->ncpus; k++) {
			PROMISE(vm->cpus[k] < hw.ncpus);
			PROMISE(owner[vm->cpus[k]] == 0);
			owner[vm->cpus[k]] = v + 1;
		}
		check_memory(vm, v);
		check_devices(vm, v);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint32_t n;
	void *hw_fdt;
	void *part_fdt;
	int errs;

	if (size < 4)
		return 0;
	memcpy(&n, data, 4);
	n = n > size - 4 ? (uint32_t)(size - 4) : n;
	hw_fdt = copy_blob(data + 4, n);
	part_fdt = copy_blob(data + 4 + n, size - 4 - n);
	cfg_report_init(&rep);
	errs = hw_parse(hw_fdt, n, &hw, &rep);
	hw.nprotect = 0;
	hw_protect(&hw, FUZZ_PROTECT_BASE, FUZZ_PROTECT_SIZE, HW_PROTECT_BLOB, "fuzz");
	errs += config_parse(part_fdt, size - 4 - n, &cfg, &rep);
	if (hw.ncpus && hw.nram) {
		errs += config_validate(&cfg, &hw, hw_fdt, &rep);
		hw_kept(hw_fdt, &hw, &kept);
		check_promises();
	}
	PROMISE((u32)errs == cfg_report_errors(&rep));
	free(hw_fdt);
	free(part_fdt);
	return 0;
}
