/* SPDX-License-Identifier: Apache-2.0 */
/*
 * config_parse: the partition DTB (/bao-partitions, see
 * dts/bindings/bao-partitions.md) into struct config. Only syntax, presence,
 * cell counts, limits and phandles are checked here; everything that needs
 * the hardware or other VMs is config_validate's.
 */
#include <stdio.h>
#include <string.h>

#include "config_internal.h"
#include "dt.h"

/* PARTITIONS_PATH: config_internal.h */

/* Room for one more node of a kind (count of max); reports it if there is none. */
static bool parse_room(struct val_ctx *p, const char *path, u32 count, u32 max, const char *kind)
{
	if (count < max) {
		return true;
	}
	val_err(p, CFG_E_TOO_MANY, "%s: more than %u %s nodes", path, max, kind);
	return false;
}

static void parse_channel(struct val_ctx *p, const struct dt_node *n, struct cfg_shmem *ch)
{
	int node = DT_OFF(n);

	parse_node_path(p, n, ch->path, sizeof(ch->path));
	parse_too_deep(p, n, ch->path);
	parse_no_children(p, n, ch->path);
	ch->phandle = dt_phandle(p->fdt, node);
	(void)parse_name(p, node, ch->path, "channel-name", ch->name, false);
	(void)parse_size(p, node, ch->path, "size", true, &ch->size);
	ch->has_pa = parse_addr(p, node, ch->path, "phys-addr", false, &ch->pa) == 0;
	parse_colors(p, node, ch->path, "colors", &ch->colors, "");
}

static void parse_memory(struct val_ctx *p, const struct dt_node *n, const char *path,
			 struct cfg_vm *vm)
{
	struct cfg_mem *mem;
	int node = DT_OFF(n);

	if (!parse_room(p, path, vm->nmem, CFG_MAX_MEM, "memory")) {
		return;
	}
	mem = &vm->mem[vm->nmem++];
	(void)snprintf(mem->name, sizeof(mem->name), "%s", dt_node_name(n));
	cfg_sanitize(mem->name);
	(void)parse_reg(p, node, path, true, &mem->ipa, &mem->size);
	mem->has_pa = parse_addr(p, node, path, "phys-addr", false, &mem->pa) == 0;
	mem->identity = parse_bool(p, node, path, "identity");
	if (mem->identity && mem->has_pa) {
		val_err(p, CFG_E_VALUE, "%s: phys-addr 0x%llx and identity are exclusive", path,
			ULL(mem->pa));
	}
	if (mem->identity) {
		mem->has_pa = true;
		mem->pa = mem->ipa;
	}
}

/* image / dtb / initrd: load-addr plus either data or phys-addr + size. */
static void parse_image(struct val_ctx *p, const struct dt_node *n, const char *path,
			struct cfg_image *img)
{
	int node = DT_OFF(n);
	int len;
	const void *data = dt_prop(p->fdt, node, "data", &len);
	int has_pa;

	/* file: for the loader's script (scripts/mkbootdisk.sh), unused here but shown */
	(void)parse_text(p, node, path, "file", false, TEXT_PRINTABLE);
	if (parse_addr(p, node, path, "load-addr", true, &img->load_ipa) < 0) {
		return;
	}
	has_pa = parse_addr(p, node, path, "phys-addr", false, &img->pa);
	if (data && has_pa == 0) {
		val_err(p, CFG_E_VALUE, "%s: data and phys-addr 0x%llx are exclusive", path,
			ULL(img->pa));
	} else if (data != NULL) {
		img->kind = CFG_IMAGE_EMBEDDED;
		img->data = data;
		img->size = len;
	} else if (has_pa == 0 && parse_size(p, node, path, "size", true, &img->size) == 0) {
		img->kind = CFG_IMAGE_PRELOADED;
	} else if (has_pa == 1) {
		val_err(p, CFG_E_MISSING, "%s: needs data, or phys-addr and size", path);
	} else {
		/* a bad phys-addr or size: reported where it was read */
	}
}

/* vuart: reg and irq; their values are config_validate's. */
static void parse_vuart(struct val_ctx *p, const struct dt_node *n, const char *path,
			struct cfg_vuart *u)
{
	int node = DT_OFF(n);
	u64 irq = 0;

	u->present = true;
	(void)parse_reg(p, node, path, true, &u->ipa, &u->size);
	if (parse_num(p, node, path, "irq", 1, false, &irq) == 0) {
		u->irq = (irqid_t)irq;
	}
}

/* hw-path: a path the checker and the boot print, so printable; at most CFG_PATH_MAX - 1. */
static void parse_hw_path(struct val_ctx *p, int node, struct cfg_dev *dev)
{
	const char *hw_path = parse_text(p, node, dev->path, "hw-path", false, TEXT_PRINTABLE);

	if (hw_path && strlen(hw_path) >= sizeof(dev->hw_path)) {
		val_err(p, CFG_E_VALUE, "%s: hw-path \"%.40s...\" is longer than %zu characters",
			dev->path, hw_path, sizeof(dev->hw_path) - 1U);
	} else if (hw_path != NULL) {
		(void)snprintf(dev->hw_path, sizeof(dev->hw_path), "%s", hw_path);
	} else {
		/* no hw-path: optional */
	}
}

static void parse_device(struct val_ctx *p, const struct dt_node *n, const char *path,
			 struct cfg_vm *vm)
{
	struct cfg_dev *dev;
	int node = DT_OFF(n);
	bool has_hw_path = dt_prop(p->fdt, node, "hw-path", NULL);
	int ret;

	if (!parse_room(p, vm->path, vm->ndevs, CFG_MAX_DEVS, "device")) {
		return;
	}
	dev = &vm->devs[vm->ndevs++];
	(void)snprintf(dev->path, sizeof(dev->path), "%s", path);
	parse_hw_path(p, node, dev);
	/* a malformed hw-path is reported as such, not as a missing reg */
	dev->has_reg = parse_reg(p, node, dev->path, !has_hw_path, &dev->pa, &dev->size) == 0;
	dev->has_ipa = parse_addr(p, node, dev->path, "ipa", false, &dev->ipa) == 0;
	dev->nirqs = CFG_MAX_DEV_IRQS;
	ret = dt_u32_array(p->fdt, node, "irqs", dev->irqs, &dev->nirqs);
	dev->has_irqs = ret == 0 && dev->nirqs > 0U;
	if (ret == DT_E_RANGE) {
		val_err(p, CFG_E_TOO_MANY, "%s: irqs has more than %u entries", dev->path,
			CFG_MAX_DEV_IRQS);
	} else if (ret == DT_E_BADLEN) {
		val_err(p, CFG_E_CELLS, "%s: irqs must be 1-cell " ARCH_IRQ_NAME "s", dev->path);
	} else {
		/* read, or absent: has_irqs says which */
	}
	if (dev->has_reg && !dev->has_ipa) {
		dev->ipa = dev->pa;
	}
}

static int parse_find_channel(const struct config *cfg, u32 phandle)
{
	for (u32 i = 0; i < cfg->nshmem; i++) {
		if (phandle && cfg->shmem[i].phandle == phandle) {
			return (int)i;
		}
	}
	return -1;
}

static void parse_shmem(struct val_ctx *p, const struct dt_node *n, const char *path,
			struct cfg_vm *vm)
{
	struct cfg_vm_shmem *sh;
	int node = DT_OFF(n);
	u64 phandle = 0;
	u64 irq = 0;
	int chan;

	if (!parse_room(p, path, vm->nshmem, CFG_MAX_VM_SHMEM, "shmem")) {
		return;
	}
	sh = &vm->shmem[vm->nshmem++];
	(void)snprintf(sh->name, sizeof(sh->name), "%s", dt_node_name(n));
	cfg_sanitize(sh->name);
	(void)parse_addr(p, node, path, "ipa", true, &sh->ipa);
	sh->has_doorbell = parse_addr(p, node, path, "doorbell", false, &sh->doorbell) == 0;
	sh->read_only = parse_bool(p, node, path, "read-only");
	if (parse_num(p, node, path, "irq", 1, false, &irq) == 0) {
		sh->irq = (irqid_t)irq;
	}
	if (parse_num(p, node, path, "channel", 1, true, &phandle) < 0) {
		return;
	}
	chan = parse_find_channel(p->cfg, (u32)phandle);
	if (chan < 0) {
		val_err(p, CFG_E_REF, "%s: channel phandle 0x%llx is not a channel node of %s",
			path, ULL(phandle), PARTITIONS_PATH);
	} else {
		sh->channel = (u32)chan;
	}
}

static void parse_vm_cpus(struct val_ctx *p, int node, struct cfg_vm *vm)
{
	u32 aff[CFG_MAX_VCPUS];
	u32 n = ARRAY_SIZE(aff);
	u64 count = 0;
	int ret;

	if (parse_num(p, node, vm->path, "cpu-count", 1, true, &count) < 0) {
		return;
	}
	if (count == 0U || count > CFG_MAX_VCPUS) {
		val_err(p, count ? CFG_E_TOO_MANY : CFG_E_VALUE,
			"%s: cpu-count %llu, must be 1..%u", vm->path, ULL(count), CFG_MAX_VCPUS);
		return;
	}
	vm->ncpus = (u32)count;
	ret = dt_u32_array(p->fdt, node, "cpu-affinity", aff, &n);
	if (ret == DT_E_NOTFOUND) {
		return;
	}
	if (ret == DT_E_BADLEN) {
		val_err(p, CFG_E_CELLS, "%s: cpu-affinity must be 1-cell " ARCH_CPU_ID_NAME "s",
			vm->path);
		return;
	}
	if (ret < 0 || n != vm->ncpus) {
		val_err(p, CFG_E_VALUE, "%s: cpu-affinity has %s%u entries, cpu-count is %u",
			vm->path, ret < 0 ? "more than " : "", n, vm->ncpus);
		return;
	}
	vm->has_affinity = true;
	for (u32 i = 0; i < n; i++) {
		vm->affinity[i] = aff[i];
	}
}

/* bootargs: one string, copied whole or not at all (a cut command line misleads). */
static void parse_bootargs(struct val_ctx *p, int node, struct cfg_vm *vm)
{
	const char *args = parse_text(p, node, vm->path, "bootargs", false, TEXT_PRINTABLE);
	size_t len = args ? strlen(args) + 1U : 0U;

	if (len > CFG_BOOTARGS_MAX) {
		val_err(p, CFG_E_VALUE,
			"%s: bootargs is %zu bytes with its NUL, longer than the limit of %u",
			vm->path, len, CFG_BOOTARGS_MAX);
	} else if (args != NULL) {
		(void)memcpy(vm->bootargs, args, len);
	} else {
		/* no bootargs: optional */
	}
}

/* fault-policy = "stop" (the default) | "inject": one string. */
static void parse_fault_policy(struct val_ctx *p, int node, struct cfg_vm *vm)
{
	int len;
	const char *val = dt_prop(p->fdt, node, "fault-policy", &len);
	const char *policy = dt_prop_string(val, len);

	if (!val) {
		return;
	}
	if (policy && strlen(policy) + 1U != (size_t)len) {
		policy = NULL; /* a list of strings */
	}
	if (policy && !strcmp(policy, "inject")) {
		vm->fault_policy = CFG_FAULT_INJECT;
	} else if (!policy) {
		val_err(p, CFG_E_VALUE,
			"%s: fault-policy (%d bytes) is not one string: \"stop\" or \"inject\"",
			vm->path, len);
	} else if (strcmp(policy, "stop") != 0) {
		val_err(p, CFG_E_VALUE, "%s: fault-policy \"%s\" must be \"stop\" or \"inject\"",
			vm->path, policy);
	} else {
		/* "stop": the default */
	}
}

/* vm-name: unique, and not the hypervisor's own console prefix. */
static void parse_vm_name(struct val_ctx *p, int node, struct cfg_vm *vm)
{
	if (!parse_name(p, node, vm->path, "vm-name", vm->name, true)) {
		return;
	}
	if (!strcmp(vm->name, CFG_HYP_NAME)) {
		val_err(p, CFG_E_VALUE,
			"%s: vm-name \"%s\" is the hypervisor's own console prefix: its lines "
			"would pass for the hypervisor's",
			vm->path, vm->name);
	}
	for (int i = 0; i < p->vm; i++) {
		if (!strcmp(p->cfg->vms[i].name, vm->name)) {
			val_err(p, CFG_E_VALUE, "%s: vm-name \"%s\" already used by %s", vm->path,
				vm->name, p->cfg->vms[i].path);
		}
	}
}

static void parse_vm_props(struct val_ctx *p, int node, struct cfg_vm *vm)
{
	parse_vm_name(p, node, vm);
	parse_vm_cpus(p, node, vm);
	parse_colors(p, node, vm->path, "colors", &vm->colors, "");
	vm->has_entry = parse_addr(p, node, vm->path, "entry", false, &vm->entry) == 0;
	vm->console_input = parse_bool(p, node, vm->path, "console-input");
	vm->guest_files = parse_bool(p, node, vm->path, "guest-interrupt-files");
	parse_fault_policy(p, node, vm);
	parse_bootargs(p, node, vm);
}

static void parse_vm_child(struct val_ctx *p, const struct dt_node *child, struct cfg_vm *vm)
{
	const char *name = dt_node_name(child);
	char path[CFG_PATH_MAX];

	parse_node_path(p, child, path, sizeof(path));
	parse_no_children(p, child, path);
	if (dt_name_is(name, "memory")) {
		parse_memory(p, child, path, vm);
	} else if (!strcmp(name, "image")) {
		parse_image(p, child, path, &vm->image);
	} else if (!strcmp(name, "dtb")) {
		parse_image(p, child, path, &vm->dtb);
	} else if (!strcmp(name, "initrd")) {
		parse_image(p, child, path, &vm->initrd);
	} else if (!strcmp(name, "vuart")) {
		parse_vuart(p, child, path, &vm->vuart);
	} else if (dt_name_is(name, "device")) {
		parse_device(p, child, path, vm);
	} else if (dt_name_is(name, "shmem")) {
		parse_shmem(p, child, path, vm);
	} else {
		val_err(p, CFG_E_VALUE,
			"%s: unknown node %s "
			"(expected memory@, image, dtb, initrd, vuart, device@, shmem@)",
			vm->path, name);
	}
}

static void parse_vm(struct val_ctx *p, const struct dt_node *n, struct cfg_vm *vm)
{
	struct dt_node c;
	/* MISRA misreading 10.3: false is essentially Boolean */
	bool has_image = false;

	parse_node_path(p, n, vm->path, sizeof(vm->path));
	parse_too_deep(p, n, vm->path);
	parse_vm_props(p, DT_OFF(n), vm);
	for (bool ok = dt_child_first(n, &c); ok; ok = dt_child_next(&c)) {
		has_image |= !strcmp(dt_node_name(&c), "image");
		parse_vm_child(p, &c, vm);
	}
	if (vm->nmem == 0U) {
		val_err(p, CFG_E_MISSING, "%s: no memory@ node (1..%u required)", vm->path,
			CFG_MAX_MEM);
	}
	if (!has_image) {
		val_err(p, CFG_E_IMAGE, "%s: no image node", vm->path);
	}
	if (vm->console_input && !vm->vuart.present) {
		val_err(p, CFG_E_MISSING, "%s: console-input needs a vuart node to deliver to",
			vm->path);
	}
	if (!vm->has_entry) {
		vm->entry = vm->image.load_ipa;
	}
}

static void parse_channels(struct val_ctx *p, const struct dt_node *root)
{
	struct dt_node c;

	for (bool ok = dt_child_first(root, &c); ok; ok = dt_child_next(&c)) {
		if (!dt_name_is(dt_node_name(&c), "channel")) {
			continue;
		}
		if (p->cfg->nshmem == CFG_MAX_SHMEM) {
			p->cfg->nodes_ignored++; /* a VM mapping it is refused: no such channel */
			val_err(p, CFG_E_TOO_MANY, "%s: more than %u channel nodes, %s ignored",
				PARTITIONS_PATH, CFG_MAX_SHMEM, dt_node_name(&c));
			continue;
		}
		p->chan = (int)p->cfg->nshmem++;
		(void)memset(&p->cfg->shmem[p->chan], 0, sizeof(p->cfg->shmem[p->chan]));
		parse_channel(p, &c, &p->cfg->shmem[p->chan]);
		p->chan = -1;
	}
}

static void parse_vms(struct val_ctx *p, const struct dt_node *root)
{
	struct dt_node c;

	for (bool ok = dt_child_first(root, &c); ok; ok = dt_child_next(&c)) {
		const char *name = dt_node_name(&c);

		if (dt_name_is(name, "channel")) {
			continue;
		}
		if (!dt_name_is(name, "vm")) {
			p->cfg->nodes_ignored++;
			val_err(p, CFG_E_VALUE,
				"%s: unknown node %s (expected vm@ or channel@): ignored",
				PARTITIONS_PATH, name);
			continue;
		}
		if (p->cfg->nvms == CFG_MAX_VMS) {
			p->cfg->nvms_ignored++; /* counted as a partition that does not start */
			val_err(p, CFG_E_TOO_MANY, "%s: more than %u vm nodes, %s ignored",
				PARTITIONS_PATH, CFG_MAX_VMS, name);
			continue;
		}
		p->vm = (int)p->cfg->nvms++;
		(void)memset(&p->cfg->vms[p->vm], 0, sizeof(p->cfg->vms[p->vm]));
		parse_vm(p, &c, &p->cfg->vms[p->vm]);
		p->vm = -1;
	}
}

int config_parse(const void *fdt, u64 max_size, struct config *cfg, struct cfg_report *rep)
{
	struct val_ctx p = {.fdt = fdt, .cfg = cfg, .rep = rep, .vm = -1, .chan = -1};
	struct dt_checked chk;
	struct dt_node root;

	cfg_report_mark(rep);
	/* VMs and channels are cleared as they are added: cfg is large */
	cfg->nvms = 0;
	cfg->nvms_ignored = 0;
	cfg->nshmem = 0;
	cfg->ncolors_override = 0;
	cfg->bad_cache_colors = 0;
	cfg->hyp_colors = 0;
	cfg->hyp_colors_refused = false;
	cfg->nodes_ignored = 0;
	cfg->refused = false;
	if (dt_check_explain(fdt, max_size, NULL, &chk) < 0) {
		return cfg_diag(rep, CFG_E_BLOB, -1, false,
				"partition DTB (%llu bytes): %s: 0x%x at byte 0x%x: no partition "
				"starts",
				ULL(max_size), chk.fault, chk.value, chk.offset);
	}
	p.deep = chk.deep >= 0;
	if (dt_lookup(fdt, PARTITIONS_PATH, &root) < 0) {
		return cfg_diag(rep, CFG_E_NO_ROOT, -1, false,
				"partition DTB: no %s node: no partitions to start",
				PARTITIONS_PATH);
	}
	if (parse_root(&p, DT_OFF(&root)) < 0) {
		return p.errs;
	}
	parse_channels(&p, &root);
	parse_vms(&p, &root);
	p.errs += parse_colored(&p);
	if (cfg->nvms == 0U) {
		p.errs +=
			cfg_diag(rep, CFG_E_MISSING, -1, false, "%s: no vm@ node", PARTITIONS_PATH);
	}
	return p.errs;
}
