/* SPDX-License-Identifier: Apache-2.0 */
/*
 * config_validate: checks a parsed configuration against the hardware and
 * across VMs, in VM order. A VM that fails a check is refused, and what it
 * asked for (CPUs, memory, devices, interrupts) is not held against the VMs
 * after it. Every problem is reported, not just the first. Here: CPUs,
 * interrupts, channels, what a VM boots with (image, initrd and guest DTB
 * with the room the hypervisor's fix-ups may grow it by, entry point) and
 * talks through (vuart, console input); memory, devices and colors are in
 * config_validate_mem.c, _dev.c and _color.c.
 */
#include <stdio.h>
#include <string.h>

#include "config_internal.h"

bool val_vm_holds(const struct val_ctx *v, u32 j)
{
	return v->vm >= 0 && j < (u32)v->vm && !v->cfg->vms[j].refused;
}

/* ------------------------------------------------------------------- CPUs */

static bool val_cpu_startable(const struct hw *hw, u32 c)
{
	return c == 0 || hw->cpus[c].enable != CPU_ENABLE_NONE;
}

/* Asked for by the cpu-affinity of another VM that is not refused. */
static bool val_cpu_claimed(const struct val_ctx *v, u32 c)
{
	for (u32 j = 0; j < v->cfg->nvms; j++) {
		const struct cfg_vm *o = &v->cfg->vms[j];

		for (u32 k = 0; j != (u32)v->vm && o->has_affinity && !o->refused && k < o->ncpus;
		     k++) {
			if (o->affinity[k] == v->hw->cpus[c].mpidr)
				return true;
		}
	}
	return false;
}

static void val_cpu_affinity(struct val_ctx *v, const u8 *owner)
{
	struct cfg_vm *vm = &v->cfg->vms[v->vm];
	const struct hw *hw = v->hw;

	for (u32 k = 0; k < vm->ncpus; k++) {
		u64 mpidr = vm->affinity[k];
		u32 c = 0;

		while (c < hw->ncpus && hw->cpus[c].mpidr != mpidr)
			c++;
		for (u32 r = 0; r < k; r++) {
			if (vm->affinity[r] == mpidr)
				val_err(v, CFG_E_CPU_AFFINITY,
					"%s: cpu-affinity entry %u (0x%llx) repeats entry %u",
					vm->path, k, ULL(mpidr), r);
		}
		if (c == hw->ncpus)
			val_err(v, CFG_E_CPU_AFFINITY,
				"%s: cpu-affinity entry %u (0x%llx) is not the reg of any of the "
				"%u "
				"hardware cpu nodes",
				vm->path, k, ULL(mpidr), hw->ncpus);
		else if (owner[c])
			val_err(v, CFG_E_CPU_AFFINITY,
				"%s: cpu-affinity entry %u (0x%llx, %s) is already assigned to VM "
				"'%s'",
				vm->path, k, ULL(mpidr), hw->cpus[c].path,
				cfg_vm_label(&v->cfg->vms[owner[c] - 1]));
		else if (!val_cpu_startable(hw, c))
			val_err(v, CFG_E_CPU_AFFINITY,
				"%s: cpu-affinity entry %u (0x%llx, %s) cannot be started "
				"(no usable enable-method)",
				vm->path, k, ULL(mpidr), hw->cpus[c].path);
		vm->cpus[k] = c;
	}
}

/* Lowest free CPUs, skipping those other VMs name in their cpu-affinity. */
static void val_cpu_alloc(struct val_ctx *v, const u8 *owner)
{
	struct cfg_vm *vm = &v->cfg->vms[v->vm];
	const struct hw *hw = v->hw;
	u32 nfree = 0;
	u32 held = 0;

	for (u32 c = 0; c < hw->ncpus; c++) {
		held += owner[c] != 0;
		if (owner[c] || !val_cpu_startable(hw, c) || val_cpu_claimed(v, c))
			continue;
		if (nfree < vm->ncpus)
			vm->cpus[nfree] = c;
		nfree++;
	}
	if (vm->ncpus > hw->ncpus)
		val_err(v, CFG_E_CPU_COUNT, "%s: cpu-count %u, but the hardware has %u CPUs",
			vm->path, vm->ncpus, hw->ncpus);
	else if (nfree < vm->ncpus)
		val_err(v, CFG_E_CPU_COUNT,
			"%s: cpu-count %u, but only %u of the %u hardware CPUs are free "
			"(%u assigned to other partitions)",
			vm->path, vm->ncpus, nfree, hw->ncpus, held);
}

/* ------------------------------------------------------------- interrupts */

/*
 * Finds irq among the first `limit` interrupt uses of vm (device irqs, then
 * shmem irqs; not the vuart's, which is virtual); its node path into where.
 */
static bool val_irq_find(const struct cfg_vm *vm, irqid_t irq, u32 limit, char *where, size_t len)
{
	u32 use = 0;

	for (u32 d = 0; d < vm->ndevs; d++) {
		for (u32 k = 0; k < vm->devs[d].nirqs; k++, use++) {
			if (use < limit && vm->devs[d].irqs[k] == irq)
				return snprintf(where, len, "%s", vm->devs[d].path) >= 0;
		}
	}
	for (u32 s = 0; s < vm->nshmem; s++) {
		if (vm->shmem[s].irq && use < limit && vm->shmem[s].irq == irq)
			return snprintf(where, len, "%s/%s", vm->path, vm->shmem[s].name) >= 0;
		use += vm->shmem[s].irq != 0;
	}
	return false;
}

/* INTID is an SPI the GIC implements; reports it (CFG_E_IRQ_RANGE) if not. */
static bool val_irq_range(struct val_ctx *v, const char *path, const char *prop, irqid_t irq)
{
	if (irq >= 32 && irq < v->hw->gic.nr_irqs)
		return true;
	val_err(v, CFG_E_IRQ_RANGE, "%s: %s INTID %u is not an SPI of the GIC (32..%u)", path, prop,
		irq, v->hw->gic.nr_irqs - 1);
	return false;
}

static u32 val_dev_irq_count(const struct cfg_vm *vm)
{
	u32 n = 0;

	for (u32 d = 0; d < vm->ndevs; d++)
		n += vm->devs[d].nirqs;
	return n;
}

/*
 * A device interrupt is physical: one VM only. A channel's irq is virtual
 * (like the vuart's): it only has to be unique inside its own VM.
 */
static void val_irq(struct val_ctx *v, const char *path, const char *prop, irqid_t irq, u32 use,
		    bool physical)
{
	const struct cfg_vm *vm = &v->cfg->vms[v->vm];
	char where[CFG_PATH_MAX + CFG_NAME_MAX];

	if (!val_irq_range(v, path, prop, irq))
		return;
	if (physical && irq == v->hw->console.irq) {
		val_err(v, CFG_E_DEV_HYP,
			"%s: %s INTID %u is the interrupt of the hypervisor's console UART (%s), "
			"which it takes for console input",
			path, prop, irq, v->hw->console.path);
		return;
	}
	if (val_irq_find(vm, irq, use, where, sizeof(where))) {
		val_err(v, CFG_E_IRQ_VM, "%s: %s INTID %u is already used by %s", path, prop, irq,
			where);
		return;
	}
	for (u32 j = 0; physical && j < v->cfg->nvms; j++) {
		const struct cfg_vm *o = &v->cfg->vms[j];

		if (val_vm_holds(v, j) &&
		    val_irq_find(o, irq, val_dev_irq_count(o), where, sizeof(where)))
			val_err(v, CFG_E_IRQ_VM, "%s: %s INTID %u is already given to VM '%s' (%s)",
				path, prop, irq, cfg_vm_label(o), where);
	}
}

static void val_vm_irqs(struct val_ctx *v)
{
	const struct cfg_vm *vm = &v->cfg->vms[v->vm];
	char path[CFG_PATH_MAX + CFG_NAME_MAX];
	u32 use = 0;

	for (u32 d = 0; d < vm->ndevs; d++) {
		for (u32 k = 0; k < vm->devs[d].nirqs; k++)
			val_irq(v, vm->devs[d].path, "irqs", vm->devs[d].irqs[k], use++, true);
	}
	for (u32 s = 0; s < vm->nshmem; s++) {
		if (!vm->shmem[s].irq)
			continue;
		snprintf(path, sizeof(path), "%s/%s", vm->path, vm->shmem[s].name);
		val_irq(v, path, "irq", vm->shmem[s].irq, use++, false);
	}
}

/* ----------------------------------------------------------- shared memory */

static void val_channel(struct val_ctx *v, const struct cfg_shmem *ch)
{
	if (val_colors(v, ch->path, ch->colors) &&
	    val_color_supply(v, ch->path, ch->colors, ch->size))
		val_color_charge(v, ch->colors, ch->size);
	if (ch->size == 0 || !IS_ALIGNED(ch->size, PAGE_SIZE)) {
		val_err(v, ch->size ? CFG_E_ALIGN : CFG_E_VALUE,
			"%s: size 0x%llx must be a non-zero multiple of 4 KiB", ch->path,
			ULL(ch->size));
		return;
	}
	if (!ch->has_pa)
		return;
	if (ch->colors)
		val_err(v, CFG_E_COLOR, "%s: phys-addr 0x%llx and colors 0x%llx are exclusive",
			ch->path, ULL(ch->pa), ULL(ch->colors));
	if (!IS_ALIGNED(ch->pa, PAGE_SIZE))
		val_err(v, CFG_E_ALIGN, "%s: phys-addr 0x%llx is not 4 KiB aligned", ch->path,
			ULL(ch->pa));
	else
		val_pa_range(v, ch->path, "phys-addr", ch->pa, ch->size);
}

/* Each channel needs two members; counted before the VM checks. */
static void val_channel_members(struct val_ctx *v, u32 k)
{
	const struct config *cfg = v->cfg;
	u32 members = 0;
	u32 last = 0;

	for (u32 j = 0; j < cfg->nvms; j++) {
		for (u32 s = 0; !cfg->vms[j].refused && s < cfg->vms[j].nshmem; s++) {
			if (cfg->vms[j].shmem[s].channel == k) {
				members++;
				last = j;
			}
		}
	}
	if (members >= 2)
		return;
	v->vm = members ? (int)last : -1;
	v->chan = members ? -1 : (int)k;
	val_err(v, CFG_E_SHMEM, "%s: channel is mapped by %u partition%s, needs at least 2%s%s",
		cfg->shmem[k].path, members, members == 1 ? "" : "s", members ? ": " : "",
		members ? cfg->vms[last].path : "");
	v->vm = -1;
	v->chan = -1;
}

static void val_vm_shmem(struct val_ctx *v)
{
	const struct cfg_vm *vm = &v->cfg->vms[v->vm];
	char path[CFG_PATH_MAX + CFG_NAME_MAX];

	for (u32 s = 0; s < vm->nshmem; s++) {
		const struct cfg_vm_shmem *sh = &vm->shmem[s];
		const struct cfg_shmem *ch = &v->cfg->shmem[sh->channel];

		snprintf(path, sizeof(path), "%s/%s", vm->path, sh->name);
		for (u32 r = 0; r < s; r++) {
			if (vm->shmem[r].channel == sh->channel)
				val_err(v, CFG_E_SHMEM, "%s: channel %s is already mapped by %s/%s",
					path, ch->path, vm->path, vm->shmem[r].name);
		}
		if (ch->refused)
			val_err(v, CFG_E_SHMEM, "%s: channel %s has errors (reported above)", path,
				ch->path);
		else
			val_mapping(v, path, "ipa", sh->ipa, ch->size);
		if (sh->has_doorbell)
			val_mapping(v, path, "doorbell", sh->doorbell, PAGE_SIZE);
	}
}

/* ------------------------------------------------------------------- main */

static void val_color_sharing(struct val_ctx *v)
{
	const struct cfg_vm *vm = &v->cfg->vms[v->vm];

	for (u32 j = 0; vm->colors && j < (u32)v->vm; j++) {
		const struct cfg_vm *o = &v->cfg->vms[j];

		if (!o->refused && (o->colors & vm->colors))
			cfg_diag(v->rep, CFG_E_COLOR, v->vm, true,
				 "%s: colors 0x%llx shared with VM '%s' (%s): "
				 "the two partitions interfere in the cache",
				 vm->path, ULL(o->colors & vm->colors), cfg_vm_label(o), o->path);
	}
}

/* ---------------------- what a VM boots with: image, initrd, dtb, entry; vuart; console input */

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
static void val_vm_vuart(struct val_ctx *v)
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
static void val_vm_console(struct val_ctx *v)
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

static u64 val_vm_mem_size(const struct cfg_vm *vm)
{
	u64 size = 0;

	for (u32 i = 0; i < vm->nmem; i++)
		size += vm->mem[i].size;
	return size;
}

static void val_vm(struct val_ctx *v, u8 *owner)
{
	struct cfg_vm *vm = &v->cfg->vms[v->vm];

	if (vm->has_affinity)
		val_cpu_affinity(v, owner);
	else
		val_cpu_alloc(v, owner);
	if (val_colors(v, vm->path, vm->colors))
		val_color_supply(v, vm->path, vm->colors, val_vm_mem_size(vm));
	val_vm_memory(v);
	val_vm_images(v);
	val_vm_devices(v);
	val_vm_shmem(v);
	val_vm_irqs(v);
	val_vm_vuart(v); /* after the devices: hw-path irqs are filled in */
	val_vm_console(v);
	val_vm_ipa_overlap(v);
	if (vm->refused)
		return;
	for (u32 k = 0; k < vm->ncpus; k++)
		owner[vm->cpus[k]] = (u8)(v->vm + 1);
	val_color_charge(v, vm->colors, val_vm_mem_size(vm));
	val_color_sharing(v);
}

int config_validate(struct config *cfg, const struct hw *hw, const void *hw_fdt,
		    struct cfg_report *rep)
{
	struct val_ctx v = {
		.cfg = cfg, .hw = hw, .hw_fdt = hw_fdt, .rep = rep, .vm = -1, .chan = -1};
	u8 owner[HW_MAX_CPUS] = {0}; /* VM index + 1 holding each CPU */
	bool parse_refused[CFG_MAX_VMS];

	for (u32 i = 0; i < cfg->nvms; i++)
		parse_refused[i] = cfg->vms[i].refused;
	val_colors_init(&v);
	for (u32 k = 0; k < cfg->nshmem; k++) {
		v.chan = (int)k;
		if (!cfg->shmem[k].refused)
			val_channel(&v, &cfg->shmem[k]);
		v.chan = -1;
		val_channel_members(&v, k);
	}
	for (u32 i = 0; i < cfg->nvms; i++) {
		if (parse_refused[i])
			continue; /* its parse errors are reported; checks here would cascade */
		v.vm = (int)i;
		val_vm(&v, owner);
		v.vm = -1;
	}
	for (u32 i = 0; cfg->refused && i < cfg->nvms; i++)
		cfg->vms[i].refused = true; /* /bao-partitions itself is wrong (reported) */
	return v.errs;
}

u32 config_vms_ok(const struct config *cfg)
{
	u32 n = 0;

	if (cfg->refused)
		return 0;

	for (u32 i = 0; i < cfg->nvms; i++)
		n += !cfg->vms[i].refused;
	return n;
}
