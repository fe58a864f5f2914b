/* SPDX-License-Identifier: Apache-2.0 */
/*
 * config_validate_mem: checks of physical and guest-physical (IPA) ranges:
 * page alignment, overflow, RAM, reserved and protected memory, memory of
 * other partitions and of shared-memory channels, and overlaps inside one
 * VM's IPA space (stage-2 maps each IPA once: Arm ARM D8.1).
 */
#include <stdio.h>
#include <string.h>

#include "config_internal.h"

#define VAL_ARCH_WINDOWS 4 /* most windows the arch takes in a VM (arch_cfg_vm_windows) */
#define VAL_MAX_WINDOWS \
	(CFG_MAX_MEM + CFG_MAX_DEVS + 2 * CFG_MAX_VM_SHMEM + VAL_ARCH_WINDOWS + 1) /* + vuart */

bool val_mapping(struct val_ctx *v, const char *path, const char *prop, u64 ipa, u64 size)
{
	u64 limit = v->hw->ipa_bits >= 64U ? ~0ULL : 1ULL << v->hw->ipa_bits;

	if (size == 0U) {
		val_err(v, CFG_E_VALUE, "%s: %s at 0x%llx has size 0", path, prop, ULL(ipa));
		return false;
	}
	if (!IS_ALIGNED(ipa, PAGE_SIZE) || !IS_ALIGNED(size, PAGE_SIZE)) {
		val_err(v, CFG_E_ALIGN, "%s: %s 0x%llx size 0x%llx is not 4 KiB aligned", path,
			prop, ULL(ipa), ULL(size));
		return false;
	}
	if (ipa + size < ipa || ipa + size > limit) {
		val_err(v, CFG_E_OVERFLOW,
			"%s: %s 0x%llx size 0x%llx exceeds the %u-bit guest address space", path,
			prop, ULL(ipa), ULL(size), v->hw->ipa_bits);
		return false;
	}
	return true;
}

static void val_fmt_ranges(char *buf, size_t len, const struct mem_range *r, u32 n)
{
	size_t used = 0;

	buf[0] = '\0';
	for (u32 i = 0; i < n && used < len; i++) {
		int ret = snprintf(buf + used, len - used, "%s" RANGE_FMT, i ? " " : "",
				   RANGE_ARG(r[i].base, r[i].size));

		used += ret > 0 ? (size_t)ret : 0U;
	}
}

static void val_pa_hw(struct val_ctx *v, const char *path, const char *prop, u64 pa, u64 size)
{
	const struct hw *hw = v->hw;
	/* MISRA misreading 10.3: false is essentially Boolean */
	bool in_ram = false;
	char ram[96];

	for (u32 i = 0; i < hw->nram; i++) {
		in_ram |= range_inside(pa, size, hw->ram[i].base, hw->ram[i].size);
	}
	if (!in_ram) {
		val_fmt_ranges(ram, sizeof(ram), hw->ram, hw->nram);
		val_err(v, CFG_E_MEM_RAM, "%s: %s " RANGE_FMT " is not inside one RAM range (%s)",
			path, prop, RANGE_ARG(pa, size), ram);
	}
	for (u32 i = 0; i < hw->nreserved; i++) {
		const struct mem_range *r = &hw->reserved[i];

		if (ranges_overlap(pa, size, r->base, r->size)) {
			val_err(v, CFG_E_MEM_RESERVED,
				"%s: %s " RANGE_FMT " overlaps reserved memory " RANGE_FMT, path,
				prop, RANGE_ARG(pa, size), RANGE_ARG(r->base, r->size));
		}
	}
	for (u32 i = 0; i < hw->nprotect && i < HW_MAX_PROTECTED; i++) {
		const struct hw_protect *r = &hw->protect[i];

		if (ranges_overlap(pa, size, r->base, r->size)) {
			val_err(v, CFG_E_MEM_HYP, "%s: %s " RANGE_FMT " overlaps the %s " RANGE_FMT,
				path, prop, RANGE_ARG(pa, size), r->name,
				RANGE_ARG(r->base, r->size));
		}
	}
}

static void val_pa_image(struct val_ctx *v, const char *path, const char *prop, u64 pa, u64 size,
			 const struct cfg_vm *o, const struct cfg_image *img, const char *name)
{
	if (img->kind == CFG_IMAGE_PRELOADED && ranges_overlap(pa, size, img->pa, img->size)) {
		val_err(v, CFG_E_MEM_VM,
			"%s: %s " RANGE_FMT
			" overlaps the pre-loaded %s of VM '%s' (%s/%s, PA " RANGE_FMT ")",
			path, prop, RANGE_ARG(pa, size), name, cfg_vm_label(o), o->path, name,
			RANGE_ARG(img->pa, img->size));
	}
}

static void val_pa_vms(struct val_ctx *v, const char *path, const char *prop, u64 pa, u64 size)
{
	for (u32 j = 0; j < v->cfg->nvms; j++) {
		const struct cfg_vm *o = &v->cfg->vms[j];

		if (!val_vm_holds(v, j)) {
			continue;
		}
		for (u32 i = 0; i < o->nmem; i++) {
			const struct cfg_mem *m = &o->mem[i];

			if (m->has_pa && ranges_overlap(pa, size, m->pa, m->size)) {
				val_err(v, CFG_E_MEM_VM,
					"%s: %s " RANGE_FMT
					" overlaps memory of VM '%s' (%s/%s, PA " RANGE_FMT ")",
					path, prop, RANGE_ARG(pa, size), cfg_vm_label(o), o->path,
					m->name, RANGE_ARG(m->pa, m->size));
			}
		}
		val_pa_image(v, path, prop, pa, size, o, &o->image, "image");
		val_pa_image(v, path, prop, pa, size, o, &o->dtb, "dtb");
		val_pa_image(v, path, prop, pa, size, o, &o->initrd, "initrd");
	}
}

/*
 * Channels with a fixed PA that hold it (val_chan_holds: a member that may
 * start), earlier ones for a channel; the VM's own channels always (it
 * would start with them).
 */
static void val_pa_channels(struct val_ctx *v, const char *path, const char *prop, u64 pa, u64 size)
{
	u32 n = v->chan >= 0 ? (u32)v->chan : v->cfg->nshmem;

	for (u32 k = 0; k < n; k++) {
		const struct cfg_shmem *ch = &v->cfg->shmem[k];
		bool own = v->vm >= 0 && !ch->refused && val_vm_maps(&v->cfg->vms[v->vm], k);
		u32 forward = 0;

		if (!ch->has_pa || !ranges_overlap(pa, size, ch->pa, ch->size) ||
		    !(own || val_chan_holds(v, k, &forward))) {
			continue;
		}
		v->claims_used |= own ? 0U : forward;
		val_err(v, v->chan >= 0 ? CFG_E_SHMEM : CFG_E_MEM_VM,
			"%s: %s " RANGE_FMT " overlaps shared-memory channel %s (PA " RANGE_FMT ")",
			path, prop, RANGE_ARG(pa, size), ch->path, RANGE_ARG(ch->pa, ch->size));
	}
}

void val_pa_range(struct val_ctx *v, const char *path, const char *prop, u64 pa, u64 size)
{
	if (size == 0U) {
		return; /* reported by the caller */
	}
	if (pa + size < pa) {
		val_err(v, CFG_E_OVERFLOW, "%s: %s 0x%llx size 0x%llx wraps around", path, prop,
			ULL(pa), ULL(size));
		return;
	}
	val_pa_hw(v, path, prop, pa, size);
	val_pa_vms(v, path, prop, pa, size);
	val_pa_channels(v, path, prop, pa, size);
}

/* Two regions of the same VM backed by the same physical pages. */
static void val_mem_self(struct val_ctx *v, const struct cfg_vm *vm, u32 i, const char *path)
{
	const struct cfg_mem *m = &vm->mem[i];

	for (u32 k = 0; k < i; k++) {
		const struct cfg_mem *o = &vm->mem[k];

		if (o->has_pa && o->size && ranges_overlap(m->pa, m->size, o->pa, o->size)) {
			val_err(v, CFG_E_MEM_VM,
				"%s: PA " RANGE_FMT " overlaps %s/%s (PA " RANGE_FMT ")", path,
				RANGE_ARG(m->pa, m->size), vm->path, o->name,
				RANGE_ARG(o->pa, o->size));
		}
	}
}

void val_vm_memory(struct val_ctx *v)
{
	const struct cfg_vm *vm = &v->cfg->vms[v->vm];

	for (u32 i = 0; i < vm->nmem; i++) {
		const struct cfg_mem *m = &vm->mem[i];
		const char *prop = m->identity ? "reg" : "phys-addr";
		char path[CFG_PATH_MAX + CFG_NAME_MAX];

		(void)snprintf(path, sizeof(path), "%s/%s", vm->path, m->name);
		if (!val_mapping(v, path, "reg", m->ipa, m->size) || !m->has_pa) {
			continue;
		}
		if (vm->colors != 0U) {
			val_err(v, CFG_E_COLOR,
				"%s: %s 0x%llx fixes the PA but the VM has colors 0x%llx: "
				"colored memory is allocated page by page",
				path, prop, ULL(m->pa), ULL(vm->colors));
		}
		if (!m->identity && !IS_ALIGNED(m->pa, PAGE_SIZE)) {
			val_err(v, CFG_E_ALIGN, "%s: phys-addr 0x%llx is not 4 KiB aligned", path,
				ULL(m->pa));
			continue;
		}
		val_pa_range(v, path, prop, m->pa, m->size);
		val_mem_self(v, vm, i, path);
	}
}

/* ------------------------------------------------------------ IPA overlap */

struct ipa_window {
	u64 base;
	u64 size;
	const char *path;
	const char *name; /* appended as path/name when not NULL */
	const char *prop;
};

static void val_add_window(struct ipa_window *w, u32 *n, u64 base, u64 size, const char *path,
			   const char *name, const char *prop)
{
	if (size == 0U || *n == VAL_MAX_WINDOWS || base + size < base) {
		return;
	}
	w[*n] = (struct ipa_window){base, size, path, name, prop};
	(*n)++;
}

static u32 val_collect_windows(const struct val_ctx *v, struct ipa_window *w)
{
	const struct cfg_vm *vm = &v->cfg->vms[v->vm];
	struct arch_vm_window arch[VAL_ARCH_WINDOWS];
	u32 narch = arch_cfg_vm_windows(v->hw, vm, arch, ARRAY_SIZE(arch));
	u32 n = 0;

	for (u32 i = 0; i < narch; i++) {
		val_add_window(w, &n, arch[i].base, arch[i].size, arch[i].what, NULL, NULL);
	}
	for (u32 i = 0; i < vm->nmem; i++) {
		val_add_window(w, &n, vm->mem[i].ipa, vm->mem[i].size, vm->path, vm->mem[i].name,
			       "reg");
	}
	for (u32 i = 0; i < vm->ndevs; i++) {
		val_add_window(w, &n, vm->devs[i].ipa, vm->devs[i].size, vm->devs[i].path, NULL,
			       "ipa");
	}
	for (u32 i = 0; i < vm->nshmem; i++) {
		const struct cfg_vm_shmem *s = &vm->shmem[i];

		if (s->channel < v->cfg->nshmem) {
			val_add_window(w, &n, s->ipa, v->cfg->shmem[s->channel].size, vm->path,
				       s->name, "ipa");
		}
		if (s->has_doorbell) {
			val_add_window(w, &n, s->doorbell, PAGE_SIZE, vm->path, s->name,
				       "doorbell");
		}
	}
	if (vm->vuart.present) {
		val_add_window(w, &n, vm->vuart.ipa, vm->vuart.size, vm->path, "vuart", "reg");
	}
	return n;
}

void val_vm_ipa_overlap(struct val_ctx *v)
{
	struct ipa_window w[VAL_MAX_WINDOWS];
	u32 n = val_collect_windows(v, w);

	for (u32 i = 0; i < n; i++) {
		for (u32 j = 0; j < i; j++) {
			if (!ranges_overlap(w[i].base, w[i].size, w[j].base, w[j].size)) {
				continue;
			}
			val_err(v, CFG_E_IPA_OVERLAP,
				"%s%s%s: %s " RANGE_FMT " overlaps %s%s%s " RANGE_FMT
				" in the guest address space",
				w[i].path, w[i].name ? "/" : "", w[i].name ? w[i].name : "",
				w[i].prop, RANGE_ARG(w[i].base, w[i].size), w[j].path,
				w[j].name ? "/" : "", w[j].name ? w[j].name : "",
				RANGE_ARG(w[j].base, w[j].size));
		}
	}
}
