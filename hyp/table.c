// SPDX-License-Identifier: Apache-2.0
/* The partition table printed at boot: what each VM got. */
#include "arch/vm.h"
#include "boot.h"
#include "console.h"
#include "cpu.h"
#include "ipc.h"
#include "mem.h"
#include "rng_seed.h"

static void print_size(u64 size)
{
	if (size >= GIB && IS_ALIGNED(size, GIB)) {
		printk("%lu GiB", size / GIB);
	} else if (size >= MIB && IS_ALIGNED(size, MIB)) {
		printk("%lu MiB", size / MIB);
	} else {
		printk("%lu KiB", size / KIB);
	}
}

static void print_cpus(const struct cfg_vm *c, const struct hw *hw)
{
	printk(LOG_PREFIX "    cpus     ");
	for (u32 i = 0; i < c->ncpus; i++) {
		printk("%svCPU%u->CPU%u(0x%lx)", i ? " " : "", i, c->cpus[i],
		       hw->cpus[c->cpus[i]].arch_id);
	}
	printk("\n");
}

static void print_memory(const struct vm *vm)
{
	for (u32 i = 0; i < vm->cfg->nmem; i++) {
		const struct cfg_mem *m = &vm->cfg->mem[i];

		const struct color_region *r = &vm->region[i];

		printk(LOG_PREFIX "    memory   IPA 0x%09lx -> PA 0x%09lx ", m->ipa, vm->mem_pa[i]);
		print_size(m->size);
		if (vm->cfg->colors != 0U) {
			printk(" (colored pages in %u span%s)", r->npieces,
			       r->npieces > 1U ? "s" : "");
		}
		printk("%s\n", m->identity ? " (identity)" : m->has_pa ? " (fixed)" : "");
	}
}

static void print_image(const char *label, const struct cfg_image *img)
{
	static const char *const kinds[] = {"none", "embedded", "pre-loaded"};

	if (img->kind == CFG_IMAGE_NONE) {
		return;
	}
	printk(LOG_PREFIX "    %-8s %s, %lu bytes at IPA 0x%lx", label, kinds[img->kind], img->size,
	       img->load_ipa);
	if (img->kind == CFG_IMAGE_PRELOADED) {
		printk(" (from PA 0x%lx)", img->pa);
	}
	printk("\n");
}

/* A guest DTB's /chosen/rng-seed: the VM's own (rng_seed.h), or why there is none. */
static void print_rng_seed(const struct vm *vm)
{
	if (vm->cfg->dtb.kind == CFG_IMAGE_NONE) {
		return;
	}
	if (vm->rng_seed_off != 0U) {
		printk(LOG_PREFIX "    rng-seed %u bytes in its /chosen, its own (from the "
				  "firmware's %u)\n",
		       RNG_SEED_BYTES, hyp_hw.rng_seed_len);
	} else {
		printk(LOG_PREFIX "    rng-seed none: no /chosen/rng-seed in the hardware DTB\n");
	}
}

static void print_devices(const struct cfg_vm *c)
{
	for (u32 i = 0; i < c->ndevs; i++) {
		const struct cfg_dev *d = &c->devs[i];

		printk(LOG_PREFIX "    device   IPA 0x%09lx -> PA 0x%09lx 0x%lx bytes, irqs",
		       d->ipa, d->pa, d->size);
		for (u32 k = 0; k < d->nirqs; k++) {
			printk(" %u", d->irqs[k]);
		}
		printk("%s\n", d->nirqs ? "" : " none");
	}
}

static void print_shmem(const struct config *cfg, const struct cfg_vm *c)
{
	for (u32 i = 0; i < c->nshmem; i++) {
		const struct cfg_vm_shmem *sh = &c->shmem[i];
		const struct cfg_shmem *ch = &cfg->shmem[sh->channel];
		paddr_t pa = 0;

		(void)ipc_channel_pa(sh->channel, &pa); /* validated channel: always found */
		printk(LOG_PREFIX "    shmem    IPA 0x%09lx -> PA 0x%09lx ", sh->ipa, pa);
		print_size(ch->size);
		printk(" %s, channel %u '%s'", sh->read_only ? "ro" : "rw", sh->channel,
		       ch->name[0] ? ch->name : ch->path);
		if (sh->irq != 0U) {
			printk(", irq %u", sh->irq);
		}
		if (sh->has_doorbell) {
			printk(", doorbell IPA 0x%lx", sh->doorbell);
		}
		printk("\n");
	}
}

static void print_colors(const struct config *cfg, const struct cfg_vm *c)
{
	char list[96];
	u32 k = (u32)__builtin_popcountll(c->colors);
	u64 ram = 0;

	if (!c->colors) {
		printk(LOG_PREFIX "    colors   all (not colored)\n");
		return;
	}
	for (u32 i = 0; i < hyp_hw.nram; i++) {
		ram += hyp_hw.ram[i].size;
	}
	cfg_colors_str(c->colors, list, sizeof(list));
	printk(LOG_PREFIX "    colors   %s: %u of %u, ", list, k, cfg->ncolors);
	print_size(ram / cfg->ncolors * k);
	printk(" of RAM in these colors\n");
}

static void print_hyp(const struct config *cfg)
{
	char list[96];

	if (!mem_hyp_colors()) {
		log_info("  hypervisor: PA 0x%lx, %lu KiB image", mem_image_pa(),
			 mem_image_size() / KIB);
		return;
	}
	cfg_colors_str(mem_hyp_colors(), list, sizeof(list));
	log_info("  hypervisor: colors %s (%u of %u), %lu KiB image in colored pages (loaded at PA "
		 "0x%lx)",
		 list, (u32)__builtin_popcountll(mem_hyp_colors()), cfg->ncolors,
		 mem_image_size() / KIB, mem_image_pa());
}

void boot_print_table(const struct config *cfg, const struct vm *vms, u32 nvms)
{
	log_info("partition table: %u of %u partitions valid", nvms, cfg->nvms + cfg->nvms_ignored);
	for (u32 i = 0; i < nvms; i++) {
		const struct vm *vm = &vms[i];
		const struct cfg_vm *c = vm->cfg;

		log_info("  VM %u '%s' (%s)", vm->id, c->name, c->path);
		print_cpus(c, &hyp_hw);
		print_memory(vm);
		print_image("image", &c->image);
		print_image("initrd", &c->initrd);
		print_image("dtb", &c->dtb);
		print_rng_seed(vm);
		if (c->vuart.present) {
			printk(LOG_PREFIX "    vuart    " ARCH_VUART_NAME
					  " at IPA 0x%lx, irq %u%s\n",
			       c->vuart.ipa, c->vuart.irq,
			       c->console_input ? ", console input" : "");
		}
		if (c->guest_files) {
			printk(LOG_PREFIX
			       "    irqs     into each vCPU's own interrupt file on its CPU "
			       "(guest-interrupt-files): no exit to deliver\n");
		}
		if (c->bootargs[0] != 0) {
			printk(LOG_PREFIX "    bootargs %s\n", c->bootargs);
		}
		printk(LOG_PREFIX "    entry    IPA 0x%lx\n" LOG_PREFIX
				  "    counter  virtual = physical - %lu ticks\n",
		       c->has_entry ? c->entry : c->image.load_ipa, arch_vm_counter_offset(vm));
		printk(LOG_PREFIX "    faults   %s\n", c->fault_policy == CFG_FAULT_INJECT
							       ? "inject an external abort"
							       : "stop the VM");
		print_devices(c);
		print_shmem(cfg, c);
		print_colors(cfg, c);
	}
	print_hyp(cfg);
}
