// SPDX-License-Identifier: Apache-2.0
/*
 * The partition table as the checker sees it: what the hypervisor's own table
 * (hyp/table.c) prints at boot, except the PAs of memory it allocates then and
 * each VM's counter offset (the time it was built).
 */
#include <stdio.h>

#include "check.h"
#include "irqchip/irqchip.h"

static void print_size(u64 size)
{
	if (size >= MIB && IS_ALIGNED(size, MIB))
		printf("%llu MiB", (unsigned long long)(size / MIB));
	else
		printf("%llu KiB", (unsigned long long)(size / KIB));
}

static void print_cpus(const struct cfg_vm *vm, const struct hw *hw)
{
	printf("    cpus     ");
	for (u32 i = 0; i < vm->ncpus; i++)
		printf("%svCPU%u->CPU%u(0x%llx)", i ? " " : "", i, vm->cpus[i],
		       (unsigned long long)hw->cpus[vm->cpus[i]].arch_id);
	printf("\n");
}

static void print_memory(const struct cfg_vm *vm)
{
	for (u32 i = 0; i < vm->nmem; i++) {
		const struct cfg_mem *m = &vm->mem[i];

		printf("    memory   IPA 0x%09llx -> ", (unsigned long long)m->ipa);
		if (m->has_pa)
			printf("PA 0x%09llx ", (unsigned long long)m->pa);
		else
			printf("PA chosen at boot ");
		print_size(m->size);
		printf("%s\n", m->identity ? " (identity)" : m->has_pa ? " (fixed)" : "");
	}
}

static void print_image(const char *label, const struct cfg_image *img)
{
	if (img->kind == CFG_IMAGE_NONE)
		return;
	printf("    %-8s %s, %llu bytes at IPA 0x%llx", label,
	       img->kind == CFG_IMAGE_EMBEDDED ? "embedded" : "pre-loaded",
	       (unsigned long long)img->size, (unsigned long long)img->load_ipa);
	if (img->kind == CFG_IMAGE_PRELOADED)
		printf(" (from PA 0x%llx)", (unsigned long long)img->pa);
	printf("\n");
}

static void print_devices(const struct cfg_vm *vm)
{
	for (u32 i = 0; i < vm->ndevs; i++) {
		const struct cfg_dev *d = &vm->devs[i];

		printf("    device   IPA 0x%09llx -> PA 0x%09llx 0x%llx bytes, irqs",
		       (unsigned long long)d->ipa, (unsigned long long)d->pa,
		       (unsigned long long)d->size);
		for (u32 k = 0; k < d->nirqs; k++)
			printf(" %u", d->irqs[k]);
		printf("%s%s%s\n", d->nirqs ? "" : " none", d->hw_path[0] ? " <- " : "",
		       d->hw_path);
	}
}

static void print_shmem(const struct cfg_vm *vm, const struct config *cfg)
{
	for (u32 i = 0; i < vm->nshmem; i++) {
		const struct cfg_vm_shmem *s = &vm->shmem[i];
		const struct cfg_shmem *ch = &cfg->shmem[s->channel];

		printf("    shmem    IPA 0x%09llx %s (%s), ", (unsigned long long)s->ipa,
		       ch->name[0] ? ch->name : ch->path,
		       s->read_only ? "read-only" : "read-write");
		print_size(ch->size);
		printf(s->irq ? ", irq %u\n" : "\n", s->irq);
	}
}

static void print_colors(const struct cfg_vm *vm)
{
	printf("    colors   ");
	if (!vm->colors)
		printf("all (not colored)");
	for (u32 i = 0; i < CFG_MAX_COLORS; i++)
		if (vm->colors & (1ULL << i))
			printf("%u ", i);
	printf("\n");
}

static void print_vm(const struct cfg_vm *vm, u32 id, const struct check_run *run)
{
	printf("  VM %u '%s' (%s)\n", id, vm->name, vm->path);
	print_cpus(vm, &run->hw);
	print_memory(vm);
	print_image("image", &vm->image);
	print_image("initrd", &vm->initrd);
	print_image("dtb", &vm->dtb);
	if (vm->vuart.present)
		printf("    vuart    PL011 at IPA 0x%llx, irq %u%s\n",
		       (unsigned long long)vm->vuart.ipa, vm->vuart.irq,
		       vm->console_input ? ", console input" : "");
	if (vm->bootargs[0])
		printf("    bootargs %s\n", vm->bootargs);
	printf("    entry    IPA 0x%llx\n", (unsigned long long)vm->entry);
	printf("    faults   %s\n",
	       vm->fault_policy == CFG_FAULT_INJECT ? "inject an external abort" : "stop the VM");
	print_devices(vm);
	print_shmem(vm, &run->cfg);
	print_colors(vm);
}

void check_print_table(const struct check_run *run)
{
	const struct config *cfg = &run->cfg;
	u32 id = 0;

	printf("partition table: %u of %u partitions valid\n", config_vms_ok(cfg),
	       cfg->nvms + cfg->nvms_ignored);
	for (u32 i = 0; i < cfg->nvms; i++) {
		if (!cfg->vms[i].refused)
			print_vm(&cfg->vms[i], id++, run);
	}
}

/* What hw_parse found: the board as the hypervisor sees it. */
void check_print_board(const struct check_run *run)
{
	const struct hw *hw = &run->hw;
	const struct hw_irqchip *ic = &hw->irqchip;
	char line[CFG_PATH_MAX + 96];

	arch_hw_describe(hw, line, sizeof(line));
	printf("board: %u CPUs, %s\n", hw->ncpus, line);
	for (u32 i = 0; i < hw->ncpus; i++)
		printf("    cpu      CPU%u " ARCH_CPU_ID_NAME " 0x%llx %s (%s)\n", i,
		       (unsigned long long)hw->cpus[i].arch_id, hw->cpus[i].path,
		       arch_hw_cpu_method(&hw->cpus[i]));
	for (u32 i = 0; i < hw->nram; i++)
		printf("    ram      [0x%llx..0x%llx)\n", (unsigned long long)hw->ram[i].base,
		       (unsigned long long)(hw->ram[i].base + hw->ram[i].size));
	for (u32 i = 0; i < hw->nreserved; i++)
		printf("    reserved [0x%llx..0x%llx)\n", (unsigned long long)hw->reserved[i].base,
		       (unsigned long long)(hw->reserved[i].base + hw->reserved[i].size));
	line[0] = '\0';
	if (ic->drv)
		ic->drv->describe(ic, line, sizeof(line));
	printf("    irqchip  %s\n", line);
	printf("    console  %s at 0x%llx (%s)\n", hw->console.path[0] ? hw->console.path : "none",
	       (unsigned long long)hw->console.base, hw->console.compatible);
}
