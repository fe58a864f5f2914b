// SPDX-License-Identifier: Apache-2.0
/* VM construction: memory, stage-2 tables, pass-through devices, images. */
#include <string.h>

#include "arch/mmu.h"
#include "arch/vm.h"
#include "arch/vcpu.h"
#include "console.h"
#include "cpu.h"
#include "dt_write.h"
#include "guest_dtb.h"
#include "mem.h"
#include "rng_seed.h"
#include "vm.h"
#include "vuart.h"

static u64 *s2_alloc_table(void *ctx, paddr_t *pa)
{
	u64 *t = mem_alloc(PAGE_SIZE);

	if (t != NULL) {
		*pa = mem_va_to_pa(t);
	}
	return t;
}

static u64 *s2_table_va(void *ctx, paddr_t pa)
{
	return mem_pa_to_va(pa);
}

static int s2_init(struct vm *vm)
{
	/* One page, or the arch's larger aligned root (RISC-V's Sv39x4: 16 KiB). */
	vm->s2.root = ARCH_S2_ROOT_SIZE == PAGE_SIZE ? mem_alloc(PAGE_SIZE)
						     : mem_alloc_contig(ARCH_S2_ROOT_SIZE);
	if (!vm->s2.root) {
		return -1;
	}
	vm->s2.root_pa = mem_va_to_pa(vm->s2.root);
	vm->s2.start_level = hyp_hw.s2_start_level;
	vm->s2.stage = PT_STAGE2;
	vm->s2.ops = (struct pt_ops){.alloc_table = s2_alloc_table, .table_va = s2_table_va};
	return 0;
}

/* A colored region: page by page from the VM's colors (no block mappings). */
static int back_colored(struct vm *vm, u32 i)
{
	const struct cfg_mem *m = &vm->cfg->mem[i];
	char list[96];

	if (color_alloc(mem_color_pool(), mem_palloc(), m->size, vm->cfg->colors, &vm->region[i]) !=
	    0) {
		cfg_colors_str(vm->cfg->colors, list, sizeof(list));
		log_err("%s/%s: reg [0x%lx..0x%lx) needs %lu KiB of free RAM in colors %s at boot, "
			"which is not there [%s]",
			vm->cfg->path, m->name, m->ipa, m->ipa + m->size, m->size / KIB, list,
			cfg_strerror(CFG_E_MEM_FREE));
		return -1;
	}
	vm->mem_pa[i] = vm->region[i].piece[0].base;
	return 0;
}

/*
 * Backs one memory region: its fixed PA, colored pages, or allocated (block
 * aligned when it can be block mapped; config_validate_ram replays this).
 */
static int back_region(struct vm *vm, u32 i)
{
	const struct cfg_mem *m = &vm->cfg->mem[i];
	struct palloc *pa = mem_palloc();
	bool block = m->size >= BLOCK_2M && IS_ALIGNED(m->ipa, BLOCK_2M);

	if (vm->cfg->colors != 0U) {
		if (back_colored(vm, i) != 0) {
			return -1;
		}
	} else if (m->has_pa) {
		vm->mem_pa[i] = m->pa; /* claimed by boot_claim_fixed() */
	} else if (palloc_alloc_block(pa, m->size, block, &vm->mem_pa[i]) != 0) {
		/* validation found room: what it does not model (tables) took it */
		log_err("%s/%s: reg [0x%lx..0x%lx) needs %lu KiB of RAM at boot, %lu KiB are "
			"free but not in one range [%s]",
			vm->cfg->path, m->name, m->ipa, m->ipa + m->size, m->size / KIB,
			palloc_free_bytes(pa) / KIB, cfg_strerror(CFG_E_MEM_FREE));
		return -1;
	} else {
		/* allocated */
	}
	vm->nbacked = i + 1U;
	if (!vm->cfg->colors) {
		color_region_contig(&vm->region[i], vm->mem_pa[i], m->size);
	}
	if (color_map(&vm->s2, m->ipa, &vm->region[i], 0, m->size, PT_RWX) != 0) {
		log_err("%s: cannot map IPA 0x%lx (out of page-table memory) [%s]", vm->cfg->path,
			m->ipa, cfg_strerror(CFG_E_MEM_FREE));
		return -1;
	}
	return 0;
}

static int map_devices(struct vm *vm)
{
	for (u32 i = 0; i < vm->cfg->ndevs; i++) {
		const struct cfg_dev *d = &vm->cfg->devs[i];

		if (pt_map(&vm->s2, d->ipa, d->pa, ALIGN_UP(d->size, PAGE_SIZE),
			   PT_RW | PT_DEVICE) != 0) {
			log_err("%s: cannot map device at IPA 0x%lx", d->path, d->ipa);
			return -1;
		}
	}
	return 0;
}

/* The memory region holding [ipa, ipa + size), or -1. */
static int vm_region_of(const struct vm *vm, u64 ipa, u64 size)
{
	for (u32 i = 0; i < vm->cfg->nmem; i++) {
		const struct cfg_mem *m = &vm->cfg->mem[i];

		if (ipa >= m->ipa && ipa - m->ipa < m->size && size <= m->size - (ipa - m->ipa)) {
			return (int)i;
		}
	}
	return -1;
}

bool vm_ipa_to_pa(const struct vm *vm, u64 ipa, paddr_t *pa)
{
	int i = vm_region_of(vm, ipa, 1);
	u64 run;

	return i >= 0 && color_region_pa(&vm->region[i], ipa - vm->cfg->mem[i].ipa, pa, &run);
}

void *vm_window_map(const struct vm *vm, u64 ipa, u64 size)
{
	int i = vm_region_of(vm, ipa, size);

	if (i < 0) {
		return NULL;
	}
	return mem_window_map_region(&vm->region[i], ipa - vm->cfg->mem[i].ipa, size);
}

/*
 * A pre-loaded blob may lie in its own VM's fixed memory, overlapping where
 * it goes. It and its destination are seen through two windows, whose VAs
 * say nothing about how the two overlap in memory: the direction of the copy
 * is chosen by PA, as memmove chooses it by address.
 */
static void copy_blob(u8 *dst, paddr_t dst_pa, const u8 *src, paddr_t src_pa, u64 size)
{
	if (dst_pa > src_pa && dst_pa - src_pa < size) {
		while (size-- != 0U) { /* from the end: each byte read before it is overwritten */
			dst[size] = src[size];
		}
		return;
	}
	(void)memcpy(dst, src, size); /* forward (lib/string.c, what memmove relies on too) */
}

/* Copies an image into VM memory through this CPU's windows, cleaned to PoC. */
static int load_one(struct vm *vm, const struct cfg_image *img, const char *what)
{
	paddr_t dst;
	const void *src = img->data;
	void *win;

	if (img->kind == CFG_IMAGE_NONE) {
		return 0;
	}
	if (!vm_ipa_to_pa(vm, img->load_ipa, &dst)) {
		return -1;
	}
	if (img->kind == CFG_IMAGE_PRELOADED && img->pa == dst && !vm->cfg->colors) {
		return 0; /* already in place */
	}
	if (img->kind == CFG_IMAGE_PRELOADED && !(src = mem_source_map(img->pa, img->size))) {
		log_err("%s: cannot map its pre-loaded %s to copy it (%lu KiB, at most %lu KiB)",
			vm->cfg->path, what, img->size / KIB, HYP_WINDOW_SIZE / KIB);
		return -1;
	}
	win = vm_window_map(vm, img->load_ipa, img->size);
	if (!win) {
		log_err("%s: cannot map VM memory to load its %s", vm->cfg->path, what);
		if (img->kind == CFG_IMAGE_PRELOADED) {
			mem_source_unmap(img->size);
		}
		return -1;
	}
	if (img->kind == CFG_IMAGE_PRELOADED) {
		copy_blob(win, dst, src, img->pa, img->size);
	} else {
		(void)memcpy(win, src, img->size);
	}
	arch_dcache_clean(win, img->size);
	mem_window_unmap(img->size);
	if (img->kind == CFG_IMAGE_PRELOADED) {
		mem_source_unmap(img->size);
	}
	return 0;
}

/*
 * At boot: the guest DTB copied with room to grow and fixed up to match the partition
 * (guest_dtb.c, libfdt), then kept (vm->dtb) so a reset copies it back: the fix-up code is
 * boot-only, unmapped once the VMs run. The copy is taken before the VM ever runs, so it is
 * the hypervisor's fix-up alone. Where its rng-seed lies is noted for the resets.
 */
/* The offset of /chosen/rng-seed's value in a fixed-up guest DTB: the fix-up's, RNG_SEED_BYTES. */
static BOOT_ONLY u64 rng_seed_offset(const void *fdt)
{
	int len = 0, chosen = fdt_path_offset(fdt, "/chosen");
	const u8 *seed = chosen < 0 ? NULL : fdt_getprop(fdt, chosen, "rng-seed", &len);

	if (seed == NULL || len != (int)RNG_SEED_BYTES || hyp_hw.rng_seed_len == 0U) {
		return 0;
	}
	return (u64)(uintptr_t)seed - (u64)(uintptr_t)fdt;
}

static BOOT_ONLY int load_dtb_first(struct vm *vm, const struct config *all)
{
	const struct cfg_image *dtb = &vm->cfg->dtb;
	const void *src = dtb->data;
	const u8 *win;
	int ret;

	if (dtb->kind == CFG_IMAGE_NONE) {
		return 0;
	}
	if (dtb->kind == CFG_IMAGE_PRELOADED && !(src = mem_source_map(dtb->pa, dtb->size))) {
		return -1;
	}
	ret = guest_dtb_load(vm, src, all);
	if (dtb->kind == CFG_IMAGE_PRELOADED) {
		mem_source_unmap(dtb->size);
	}
	if (ret || !(win = vm_window_map(vm, dtb->load_ipa, dtb->size + CFG_DTB_SLACK))) {
		return -1;
	}
	/* totalsize (DT spec 5.2), as dtw_finish packed it: at most the window */
	vm->dtb_size = MIN((u64)win[4] << 24 | (u64)win[5] << 16 | (u64)win[6] << 8 | (u64)win[7],
			   dtb->size + CFG_DTB_SLACK);
	vm->dtb = mem_alloc(vm->dtb_size);
	if (vm->dtb != NULL) {
		(void)memcpy(vm->dtb, win, vm->dtb_size);
		vm->rng_seed_off = rng_seed_offset(vm->dtb);
	}
	mem_window_unmap(dtb->size + CFG_DTB_SLACK);
	if (!vm->dtb) {
		log_err("%s: no memory to keep its guest DTB for resets", vm->cfg->path);
	}
	return vm->dtb ? 0 : -1;
}

/* At a reset: the DTB the boot fixed up, copied back in, with a new rng-seed (rng_seed.h). */
static int reload_dtb(struct vm *vm)
{
	void *win;

	if (!vm->dtb) {
		return 0;
	}
	win = vm_window_map(vm, vm->cfg->dtb.load_ipa, vm->dtb_size);
	if (!win) {
		log_err("%s: cannot map VM memory to load its DTB", vm->cfg->path);
		return -1;
	}
	(void)memcpy(win, vm->dtb, vm->dtb_size);
	if (vm->rng_seed_off != 0U) {
		vm->boots++;
		rng_seed_vm(hyp_hw.rng_seed, hyp_hw.rng_seed_len, vm->id, vm->boots,
			    (u8 *)win + vm->rng_seed_off);
	}
	arch_dcache_clean(win, vm->dtb_size);
	mem_window_unmap(vm->dtb_size);
	return 0;
}

static int load_images(struct vm *vm)
{
	return load_one(vm, &vm->cfg->image, "image") || load_one(vm, &vm->cfg->initrd, "initrd")
		       ? -1
		       : 0;
}

/*
 * At run time on the CPU of the vCPU that resets its VM (the boot loads them
 * in vm_create). Resets of several VMs may run at once: each copies through
 * its own CPU's windows (mem.h), so none waits for another or lands in another's VM.
 */
int vm_load_images(struct vm *vm)
{
	if (load_images(vm) || reload_dtb(vm)) {
		return -1;
	}
	arch_icache_invalidate();
	return 0;
}

/*
 * The proof of coloring: walks the VM's stage-2 tables and checks every
 * mapped RAM page against the colors its IPA must have (the VM's; a channel's
 * own in its mapping). Refuses the VM on any page out of its colors.
 */
static int color_proof(const struct vm *vm, const struct config *all)
{
	const struct cfg_vm *c = vm->cfg;
	struct color_rule rules[CFG_MAX_VM_SHMEM];
	struct color_verdict v;
	bool colored = c->colors != 0U;

	for (u32 i = 0; i < c->nshmem; i++) {
		const struct cfg_shmem *ch = &all->shmem[c->shmem[i].channel];

		rules[i] = (struct color_rule){c->shmem[i].ipa, ch->size, ch->colors};
		colored |= ch->colors != 0U;
	}
	if (!colored) {
		return 0;
	}
	color_check(&vm->s2, all->ncolors, c->colors, rules, c->nshmem, &v);
	if (v.bad != 0U) {
		log_err("%s: color check: %lu of %lu pages out of their colors, first IPA 0x%lx -> "
			"PA 0x%lx (color %u)",
			c->path, v.bad, v.checked, v.bad_va, v.bad_pa,
			color_of(v.bad_pa, all->ncolors));
		return -1;
	}
	log_info("color check: VM %u '%s': %lu pages mapped, %lu colored, all in their colors",
		 vm->id, c->name, v.pages, v.checked);
	return 0;
}

/*
 * A VM that cannot be built holds no RAM: its uncolored regions go back to
 * the allocator (fixed ones were claimed by boot_claim_fixed). Colored pages
 * and page-table pages stay taken.
 */
void vm_release_memory(struct vm *vm)
{
	for (u32 i = 0; !vm->cfg->colors && i < vm->nbacked; i++) {
		(void)palloc_free(mem_palloc(), vm->mem_pa[i], vm->cfg->mem[i].size);
	}
	vm->nbacked = 0;
}

BOOT_ONLY int vm_create(struct vm *vm, vmid_t id, const struct cfg_vm *cfg,
			const struct config *all)
{
	vm->id = id;
	vm->cfg = cfg;
	vm->state = VM_IDLE;
	if (s2_init(vm) != 0) {
		return -1;
	}
	for (u32 i = 0; i < cfg->nmem; i++) {
		if (back_region(vm, i) != 0) {
			return -1;
		}
	}
	if (map_devices(vm) || load_images(vm) || load_dtb_first(vm, all)) {
		return -1;
	}
	arch_icache_invalidate();
	vm->nvcpus = cfg->ncpus;
	for (u32 i = 0; i < cfg->ncpus; i++) {
		struct vcpu *v = &vm->vcpus[i];

		v->id = i;
		v->pcpu = cfg->cpus[i];
		v->vm = vm;
		v->state = VCPU_OFF;
		cpu_shared[v->pcpu].vcpu = v;
	}
	if (arch_vm_init(vm) != 0) {
		log_err("%s: cannot set up its interrupt controller", cfg->path);
		return -1;
	}
	if (cfg->vuart.present && vuart_init(&vm->vuart, vm, cfg->vuart.ipa, cfg->vuart.irq)) {
		log_err("%s: cannot set up its virtual UART", cfg->path);
		return -1;
	}
	return ipc_vm_attach(vm) || color_proof(vm, all) ? -1 : 0;
}
