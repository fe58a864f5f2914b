/* SPDX-License-Identifier: Apache-2.0 */
/*
 * config_validate_guest: what a VM boots with and talks through: the image,
 * the initrd and the guest DTB (with the room the hypervisor's fix-ups may
 * grow it by), the entry point, the virtual PL011 (vuart) and console input.
 */
#include <stdio.h>
#include <string.h>

#include "config_internal.h"

#define VAL_STR(x)  #x
#define VAL_XSTR(x) VAL_STR(x) /* the value of macro x as a string */

/* A guest blob and the IPA range it takes: a DTB may grow by CFG_DTB_SLACK. */
struct val_blob {
	const char *name;
	const struct cfg_image *img;
	u64 span;	  /* bytes from load_ipa; 0 if empty or wrapping (reported apart) */
	const char *room; /* " with 0x2000 fix-up room" for a dtb, "" otherwise: for messages */
};

/* The VM's blobs: image, initrd, dtb (the dtb last: only it has fix-up room). */
static u32 val_blobs(const struct cfg_vm *vm, struct val_blob *b)
{
	const struct val_blob all[] = {
		{"image", &vm->image, vm->image.size, ""},
		{"initrd", &vm->initrd, vm->initrd.size, ""},
		{"dtb", &vm->dtb, vm->dtb.size + CFG_DTB_SLACK,
		 " with " VAL_XSTR(CFG_DTB_SLACK) " fix-up room"},
	};
	u32 n = 0;

	for (u32 i = 0; i < ARRAY_SIZE(all); i++) {
		const struct cfg_image *img = all[i].img;

		if (img->kind == CFG_IMAGE_NONE)
			continue;
		b[n] = all[i];
		if (!img->size || b[n].span < img->size ||
		    img->load_ipa + b[n].span < img->load_ipa)
			b[n].span = 0;
		n++;
	}
	return n;
}

/* The VM's memory regions, for a message (only then: formatting is slow). */
static void val_fmt_vm_mem(const struct cfg_vm *vm, char *buf, size_t len)
{
	size_t used = 0;

	buf[0] = '\0';
	for (u32 i = 0; i < vm->nmem && used < len; i++) {
		int ret = snprintf(buf + used, len - used, "%s%s " RANGE_FMT, i ? ", " : "",
				   vm->mem[i].name, RANGE_ARG(vm->mem[i].ipa, vm->mem[i].size));

		used += ret > 0 ? (size_t)ret : 0;
	}
}

static bool val_in_vm_memory(const struct cfg_vm *vm, u64 ipa, u64 size)
{
	for (u32 i = 0; i < vm->nmem; i++) {
		if (range_inside(ipa, size, vm->mem[i].ipa, vm->mem[i].size))
			return true;
	}
	return false;
}

static void val_blob(struct val_ctx *v, const struct val_blob *b)
{
	const struct cfg_vm *vm = &v->cfg->vms[v->vm];
	const struct cfg_image *img = b->img;
	char path[CFG_PATH_MAX + CFG_NAME_MAX];
	char regions[100];

	snprintf(path, sizeof(path), "%s/%s", vm->path, b->name);
	if (img->size == 0) {
		val_err(v, CFG_E_IMAGE, "%s: %s is empty (size 0)", path, b->name);
		return;
	}
	if (!b->span || !val_in_vm_memory(vm, img->load_ipa, b->span)) {
		val_fmt_vm_mem(vm, regions, sizeof(regions));
		val_err(v, CFG_E_IMAGE,
			"%s: load-addr 0x%llx size 0x%llx%s is not inside one memory region (%s)",
			path, ULL(img->load_ipa), ULL(img->size), b->room, regions);
	}
	if (img->kind == CFG_IMAGE_PRELOADED)
		val_pa_range(v, path, "phys-addr", img->pa, img->size);
}

/* Blobs are copied into the VM before it starts: they must not overlap in IPA. */
static void val_blob_overlaps(struct val_ctx *v, const struct val_blob *b, u32 n)
{
	const struct cfg_vm *vm = &v->cfg->vms[v->vm];

	for (u32 i = 0; i < n; i++) {
		for (u32 j = 0; j < i; j++) {
			if (!b[i].span || !b[j].span ||
			    !ranges_overlap(b[i].img->load_ipa, b[i].span, b[j].img->load_ipa,
					    b[j].span))
				continue;
			val_err(v, CFG_E_IMAGE,
				"%s/%s: load-addr " RANGE_FMT "%s overlaps %s " RANGE_FMT, vm->path,
				b[i].name, RANGE_ARG(b[i].img->load_ipa, b[i].span), b[i].room,
				b[j].name, RANGE_ARG(b[j].img->load_ipa, b[j].span));
		}
	}
}

void val_vm_images(struct val_ctx *v)
{
	const struct cfg_vm *vm = &v->cfg->vms[v->vm];
	u64 entry = vm->has_entry ? vm->entry : vm->image.load_ipa;
	struct val_blob blobs[3];
	u32 n = val_blobs(vm, blobs);
	char regions[100];

	if (vm->image.kind == CFG_IMAGE_NONE) {
		val_err(v, CFG_E_IMAGE, "%s: no image", vm->path);
		return;
	}
	for (u32 i = 0; i < n; i++)
		val_blob(v, &blobs[i]);
	if (!val_in_vm_memory(vm, entry, 4)) {
		val_fmt_vm_mem(vm, regions, sizeof(regions));
		val_err(v, CFG_E_IMAGE, "%s: entry 0x%llx is not inside the VM's memory (%s)",
			vm->path, ULL(entry), regions);
	}
	val_blob_overlaps(v, blobs, n);
}

/*
 * The vuart's INTID is virtual: only this VM's vGIC has it, so it must not
 * be one of this VM's other interrupts, but other VMs may use the same
 * number (as a vuart or as a physical interrupt).
 */
void val_vm_vuart(struct val_ctx *v)
{
	const struct cfg_vm *vm = &v->cfg->vms[v->vm];
	const struct cfg_vuart *u = &vm->vuart;
	char path[CFG_PATH_MAX + 8];
	char where[CFG_PATH_MAX + CFG_NAME_MAX];

	if (!u->present)
		return;
	snprintf(path, sizeof(path), "%s/vuart", vm->path);
	if (u->size != CFG_VUART_SIZE)
		val_err(v, CFG_E_VALUE,
			"%s: reg size 0x%llx must be exactly 0x%x (one 4 KiB page: the PL011 "
			"register window)",
			path, ULL(u->size), CFG_VUART_SIZE);
	else
		val_mapping(v, path, "reg", u->ipa, u->size);
	if (!u->irq || !val_irq_range(v, path, "irq", u->irq))
		return;
	if (val_irq_find(vm, u->irq, ~0U, where, sizeof(where)))
		val_err(v, CFG_E_IRQ_VM, "%s: irq INTID %u is already used by %s in the same VM",
			path, u->irq, where);
}

/* One VM gets console input first; a refused VM does not hold that. */
void val_vm_console(struct val_ctx *v)
{
	const struct cfg_vm *vm = &v->cfg->vms[v->vm];

	for (u32 j = 0; vm->console_input && j < (u32)v->vm; j++) {
		const struct cfg_vm *o = &v->cfg->vms[j];

		if (val_vm_holds(v, j) && o->console_input)
			val_err(v, CFG_E_VALUE,
				"%s: console-input is already set by VM '%s' (%s): only one VM may "
				"have it",
				vm->path, cfg_vm_label(o), o->path);
	}
}
