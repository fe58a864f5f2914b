/* SPDX-License-Identifier: Apache-2.0 */
/*
 * config_validate: checks a parsed configuration against the hardware and
 * across VMs: the channels first, then the VMs in order. A VM or channel
 * that fails a check is refused and holds nothing: what it asked for (CPUs,
 * memory, devices, interrupts, console input; a channel's PA, colors and
 * memory) is not held against the others. Every problem is reported, not
 * just the first. Here: the rounds and each VM's checks, what a VM boots
 * with (image, initrd and guest DTB with the room the hypervisor's fix-ups
 * may grow it by, entry point) and talks through (vuart, console input);
 * CPUs and interrupts, channels, memory, devices and colors are in
 * config_validate_cpu.c, _chan.c, _mem.c, _dev.c and _color.c.
 *
 * Claims ahead: a VM not checked yet may already count against an earlier
 * one (the CPUs its cpu-affinity names, a channel it maps). If such a VM is
 * refused in the end, everything is checked again without its claims
 * (config_validate): so a refused VM holds nothing, whatever its position.
 */
#include <stdio.h>
#include <string.h>

#include "config_internal.h"

bool val_vm_holds(const struct val_ctx *v, u32 j)
{
	return v->vm >= 0 && j < (u32)v->vm && !v->cfg->vms[j].refused;
}

bool val_vm_claims(const struct val_ctx *v, u32 j)
{
	if (val_vm_holds(v, j)) {
		return true;
	}
	return (v->vm < 0 || j > (u32)v->vm) && !v->cfg->vms[j].refused &&
	       !(v->no_claims & (1U << j));
}

/* ------------------------------------------------------------------- main */

static void val_color_sharing(struct val_ctx *v)
{
	const struct cfg_vm *vm = &v->cfg->vms[v->vm];

	for (u32 j = 0; vm->colors && j < (u32)v->vm; j++) {
		const struct cfg_vm *o = &v->cfg->vms[j];

		if (!o->refused && (o->colors & vm->colors)) {
			(void)cfg_diag(v->rep, CFG_E_COLOR, v->vm, true,
				       "%s: colors 0x%llx shared with VM '%s' (%s): "
				       "the two partitions interfere in the cache",
				       vm->path, ULL(o->colors & vm->colors), cfg_vm_label(o),
				       o->path);
		}
	}
}

/* ---------------------- what a VM boots with: image, initrd, dtb, entry; vuart; console input */

/* A guest blob and the IPA range it takes: a DTB may grow by CFG_DTB_SLACK. */
struct val_blob {
	const char *name;
	const struct cfg_image *img;
	u64 span;	  /* bytes from load_ipa; 0 if empty or wrapping (reported apart) */
	const char *room; /* " with 0x2000 fix-up room" for a dtb, "" otherwise: for messages */
};

_Static_assert(CFG_DTB_SLACK == 0x2000U, "val_blobs' message gives the fix-up room as 0x2000");

/* The VM's blobs: image, initrd, dtb (the dtb last: only it has fix-up room). */
static u32 val_blobs(const struct cfg_vm *vm, struct val_blob *b)
{
	const struct val_blob all[] = {
		{"image", &vm->image, vm->image.size, ""},
		{"initrd", &vm->initrd, vm->initrd.size, ""},
		{"dtb", &vm->dtb, vm->dtb.size + CFG_DTB_SLACK, " with 0x2000 fix-up room"},
	};
	u32 n = 0;

	for (u32 i = 0; i < ARRAY_SIZE(all); i++) {
		const struct cfg_image *img = all[i].img;

		if (img->kind == CFG_IMAGE_NONE) {
			continue;
		}
		b[n] = all[i];
		if (!img->size || b[n].span < img->size ||
		    img->load_ipa + b[n].span < img->load_ipa) {
			b[n].span = 0;
		}
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

		used += ret > 0 ? (size_t)ret : 0U;
	}
}

static bool val_in_vm_memory(const struct cfg_vm *vm, u64 ipa, u64 size)
{
	for (u32 i = 0; i < vm->nmem; i++) {
		if (range_inside(ipa, size, vm->mem[i].ipa, vm->mem[i].size)) {
			return true;
		}
	}
	return false;
}

static void val_blob(struct val_ctx *v, const struct val_blob *b)
{
	const struct cfg_vm *vm = &v->cfg->vms[v->vm];
	const struct cfg_image *img = b->img;
	char path[CFG_PATH_MAX + CFG_NAME_MAX];
	char regions[100];

	(void)snprintf(path, sizeof(path), "%s/%s", vm->path, b->name);
	if (img->size == 0U) {
		val_err(v, CFG_E_IMAGE, "%s: %s is empty (size 0)", path, b->name);
		return;
	}
	if (!b->span || !val_in_vm_memory(vm, img->load_ipa, b->span)) {
		val_fmt_vm_mem(vm, regions, sizeof(regions));
		val_err(v, CFG_E_IMAGE,
			"%s: load-addr 0x%llx size 0x%llx%s is not inside one memory region (%s)",
			path, ULL(img->load_ipa), ULL(img->size), b->room, regions);
	}
	if (img->kind == CFG_IMAGE_PRELOADED) {
		val_pa_range(v, path, "phys-addr", img->pa, img->size);
	}
}

/* Blobs are copied into the VM before it starts: they must not overlap in IPA. */
static void val_blob_overlaps(struct val_ctx *v, const struct val_blob *b, u32 n)
{
	const struct cfg_vm *vm = &v->cfg->vms[v->vm];

	for (u32 i = 0; i < n; i++) {
		for (u32 j = 0; j < i; j++) {
			if (!b[i].span || !b[j].span ||
			    !ranges_overlap(b[i].img->load_ipa, b[i].span, b[j].img->load_ipa,
					    b[j].span)) {
				continue;
			}
			val_err(v, CFG_E_IMAGE,
				"%s/%s: load-addr " RANGE_FMT "%s overlaps %s " RANGE_FMT, vm->path,
				b[i].name, RANGE_ARG(b[i].img->load_ipa, b[i].span), b[i].room,
				b[j].name, RANGE_ARG(b[j].img->load_ipa, b[j].span));
		}
	}
}

static void val_vm_images(struct val_ctx *v)
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
	for (u32 i = 0; i < n; i++) {
		val_blob(v, &blobs[i]);
	}
	if (!val_in_vm_memory(vm, entry, 4)) {
		val_fmt_vm_mem(vm, regions, sizeof(regions));
		val_err(v, CFG_E_IMAGE, "%s: entry 0x%llx is not inside the VM's memory (%s)",
			vm->path, ULL(entry), regions);
	}
	val_blob_overlaps(v, blobs, n);
}

/*
 * The vuart's interrupt is virtual: only this VM's emulated controller has it, so it must not
 * be one of this VM's other interrupts, but other VMs may use the same
 * number (as a vuart or as a physical interrupt).
 */
static void val_vm_vuart(struct val_ctx *v)
{
	const struct cfg_vm *vm = &v->cfg->vms[v->vm];
	const struct cfg_vuart *u = &vm->vuart;
	char path[CFG_PATH_MAX + 8U];
	char where[CFG_PATH_MAX + CFG_NAME_MAX];

	if (!u->present) {
		return;
	}
	(void)snprintf(path, sizeof(path), "%s/vuart", vm->path);
	if (u->size != ARCH_VUART_SIZE) {
		val_err(v, CFG_E_VALUE,
			"%s: reg size 0x%llx must be exactly 0x%x (one 4 KiB page: "
			"the " ARCH_VUART_NAME " register window)",
			path, ULL(u->size), ARCH_VUART_SIZE);
	} else {
		(void)val_mapping(v, path, "reg", u->ipa, u->size);
	}
	if (!u->irq || !val_irq_range(v, path, "irq", u->irq, false)) {
		return;
	}
	if (val_irq_find(vm, u->irq, ~0U, where, sizeof(where))) {
		val_err(v, CFG_E_IRQ_VM,
			"%s: irq " ARCH_IRQ_NAME " %u is already used by %s in the same VM", path,
			u->irq, where);
	}
}

/* One VM gets console input first; a refused VM does not hold that. */
static void val_vm_console(struct val_ctx *v)
{
	const struct cfg_vm *vm = &v->cfg->vms[v->vm];

	for (u32 j = 0; vm->console_input && j < (u32)v->vm; j++) {
		const struct cfg_vm *o = &v->cfg->vms[j];

		if (val_vm_holds(v, j) && o->console_input) {
			val_err(v, CFG_E_VALUE,
				"%s: console-input is already set by VM '%s' (%s): only one VM may "
				"have it",
				vm->path, cfg_vm_label(o), o->path);
		}
	}
}

static u64 val_vm_mem_size(const struct cfg_vm *vm)
{
	u64 size = 0;

	for (u32 i = 0; i < vm->nmem; i++) {
		size += vm->mem[i].size;
	}
	return size;
}

static void val_vm(struct val_ctx *v, u8 *owner)
{
	struct cfg_vm *vm = &v->cfg->vms[v->vm];
	/* refused in an earlier round: its CPUs went to VMs before it, a consequence only */
	bool dropped = (v->no_claims & (1U << (u32)v->vm)) != 0U;

	val_vm_cpus(v, owner);
	if (!dropped) {
		val_vm_cpus_taken(v, owner);
	}
	if (val_colors(v, vm->path, vm->colors)) {
		(void)val_color_supply(v, vm->path, vm->colors, val_vm_mem_size(vm));
	}
	val_vm_memory(v);
	val_vm_images(v);
	val_vm_devices(v);
	val_vm_shmem(v);
	val_vm_irqs(v);
	val_vm_vuart(v); /* after the devices: hw-path irqs are filled in */
	val_vm_console(v);
	val_vm_guest_files(v);
	val_vm_ipa_overlap(v);
	if (dropped && !vm->refused) {
		val_vm_cpus_taken(v, owner);
	}
	val_vm_ram(v); /* last: it allocates only for a VM that passed everything else */
	if (vm->refused) {
		return;
	}
	for (u32 k = 0; k < vm->ncpus; k++) {
		owner[vm->cpus[k]] = (u8)((u32)v->vm + 1U);
	}
	val_color_charge(v, vm->colors, val_vm_mem_size(vm));
	val_color_sharing(v);
}

/*
 * One pass over the channels and the VMs; v->claims_used: the claims ahead
 * that counted. parse_refused: VMs config_parse refused (reported; checks
 * here would cascade).
 */
static void val_round(struct val_ctx *v, const bool *parse_refused)
{
	u8 owner[HW_MAX_CPUS] = {0}; /* VM index + 1 holding each CPU */

	val_colors_init(v);
	val_channels(v);
	val_ram_init(v);
	for (u32 i = 0; i < v->cfg->nvms; i++) {
		if (parse_refused[i]) {
			continue;
		}
		v->vm = (int)i;
		val_vm(v, owner);
		v->vm = -1;
	}
}

/* What a round changes besides the report, to start the next one from config_parse's state. */
struct val_start {
	bool vm_refused[CFG_MAX_VMS];
	bool chan_refused[CFG_MAX_SHMEM];
	u64 hyp_colors;
	bool hyp_colors_refused;
	u32 ndiags;
	u32 dropped;
	u32 dropped_warnings;
};

static void val_save(const struct config *cfg, const struct cfg_report *rep, struct val_start *st)
{
	for (u32 i = 0; i < cfg->nvms; i++) {
		st->vm_refused[i] = cfg->vms[i].refused;
	}
	for (u32 k = 0; k < cfg->nshmem; k++) {
		st->chan_refused[k] = cfg->shmem[k].refused;
	}
	st->hyp_colors = cfg->hyp_colors;
	st->hyp_colors_refused = cfg->hyp_colors_refused;
	st->ndiags = rep->ndiags;
	st->dropped = rep->dropped;
	st->dropped_warnings = rep->dropped_warnings;
}

static void val_restore(struct config *cfg, struct cfg_report *rep, const struct val_start *st)
{
	for (u32 i = 0; i < cfg->nvms; i++) {
		cfg->vms[i].refused = st->vm_refused[i];
	}
	for (u32 k = 0; k < cfg->nshmem; k++) {
		cfg->shmem[k].refused = st->chan_refused[k];
	}
	cfg->hyp_colors = st->hyp_colors;
	cfg->hyp_colors_refused = st->hyp_colors_refused;
	rep->ndiags = st->ndiags; /* what earlier runs reported is below the mark: untouched */
	rep->dropped = st->dropped;
	rep->dropped_warnings = st->dropped_warnings;
}

/* The VMs refused, as a bitmap. */
static u32 val_refused(const struct config *cfg)
{
	u32 refused = 0;

	for (u32 i = 0; i < cfg->nvms; i++) {
		refused |= (u32)cfg->vms[i].refused << i;
	}
	return refused;
}

int config_validate(struct config *cfg, const struct hw *hw, const void *hw_fdt,
		    struct cfg_report *rep)
{
	struct val_start start = {0}; /* val_save fills what the config has */
	u32 no_claims = 0;

	cfg_report_mark(rep);
	val_save(cfg, rep, &start);
	/* each round drops the claims of at least one VM: at most CFG_MAX_VMS + 1 rounds */
	for (;;) {
		struct val_ctx v = {.cfg = cfg,
				    .hw = hw,
				    .hw_fdt = hw_fdt,
				    .rep = rep,
				    .vm = -1,
				    .chan = -1,
				    .no_claims = no_claims};
		u32 stale;

		val_round(&v, start.vm_refused);
		stale = v.claims_used & val_refused(cfg) & ~no_claims;
		if (!stale) {
			for (u32 i = 0; cfg->refused && i < cfg->nvms; i++) {
				cfg->vms[i].refused =
					true; /* /bao-partitions is wrong (reported) */
			}
			return v.errs;
		}
		no_claims |= stale; /* refused VMs' claims counted against others: again without */
		val_restore(cfg, rep, &start);
	}
}

u32 config_vms_ok(const struct config *cfg)
{
	u32 n = 0;

	if (cfg->refused) {
		return 0;
	}

	for (u32 i = 0; i < cfg->nvms; i++) {
		if (!cfg->vms[i].refused) {
			n++;
		}
	}
	return n;
}
