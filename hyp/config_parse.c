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
#define PARTITIONS_COMPAT "tessera,partitions"

/* Reads a number of ncells cells. Returns 0 if read, 1 if absent, -1 on error. */
static int parse_num(struct val_ctx *p, int node, const char *path, const char *prop, u32 ncells,
		     bool required, u64 *out)
{
	int len;
	const u32 *val = dt_prop(p->fdt, node, prop, &len);

	if (val && (u32)len == ncells * 4) {
		*out = dt_read_cells(val, ncells);
		return 0;
	}
	if (!val && !required)
		return 1;
	if (!val)
		val_err(p, CFG_E_MISSING, "%s: required property %s missing", path, prop);
	else
		val_err(p, CFG_E_CELLS, "%s: %s has %d bytes, expected %u cells (%u bytes)", path,
			prop, len, ncells, ncells * 4);
	return -1;
}

static int parse_addr(struct val_ctx *p, int node, const char *path, const char *prop,
		      bool required, u64 *out)
{
	return parse_num(p, node, path, prop, p->ac, required, out);
}

static int parse_size(struct val_ctx *p, int node, const char *path, const char *prop,
		      bool required, u64 *out)
{
	return parse_num(p, node, path, prop, p->sc, required, out);
}

/* reg = <address size>: exactly one entry. Returns 0, 1 if absent, -1. */
static int parse_reg(struct val_ctx *p, int node, const char *path, bool required, u64 *addr,
		     u64 *size)
{
	int len;
	const u32 *cells = dt_prop(p->fdt, node, "reg", &len);

	if (!cells)
		return parse_num(p, node, path, "reg", 1, required, addr);
	if ((u32)len != (p->ac + p->sc) * 4) {
		val_err(p, CFG_E_CELLS,
			"%s: reg has %d bytes, expected %u (#address-cells %u + #size-cells %u)",
			path, len, (p->ac + p->sc) * 4, p->ac, p->sc);
		return -1;
	}
	*addr = dt_read_cells(cells, p->ac);
	*size = dt_read_cells(cells + p->ac, p->sc);
	return 0;
}

static void parse_name(struct val_ctx *p, int node, const char *path, const char *prop, char *out,
		       bool required)
{
	const char *name = dt_string(p->fdt, node, prop);

	if (!name && (required || dt_prop(p->fdt, node, prop, NULL)))
		val_err(p, CFG_E_MISSING, "%s: %s missing or not a string", path, prop);
	else if (name && (name[0] == '\0' || strlen(name) >= CFG_NAME_MAX))
		val_err(p, CFG_E_VALUE, "%s: %s \"%s\" must be 1..%u characters", path, prop, name,
			CFG_NAME_MAX - 1);
	else if (name)
		snprintf(out, CFG_NAME_MAX, "%s", name);
}

/* colors = <index ...> (or hypervisor-colors): a bitmap of LLC colors. */
static void parse_colors(struct val_ctx *p, int node, const char *path, const char *prop,
			 u64 *colors)
{
	u32 idx[CFG_MAX_COLORS];
	u32 n = ARRAY_SIZE(idx);
	int ret = dt_u32_array(p->fdt, node, prop, idx, &n);

	if (ret == DT_E_NOTFOUND)
		return;
	if (ret == DT_E_RANGE)
		val_err(p, CFG_E_TOO_MANY, "%s: %s has more than %u entries", path, prop,
			CFG_MAX_COLORS);
	else if (ret < 0 || n == 0)
		val_err(p, CFG_E_CELLS, "%s: %s must be a non-empty list of 1-cell indices", path,
			prop);
	for (u32 i = 0; ret == 0 && i < n; i++) {
		if (idx[i] >= CFG_MAX_COLORS)
			val_err(p, CFG_E_COLOR, "%s: %s entry %u is %u, must be 0..%u", path, prop,
				i, idx[i], CFG_MAX_COLORS - 1);
		else
			*colors |= 1ULL << idx[i];
	}
}

/*
 * A subtree nested deeper than the reader follows (DT_MAX_DEPTH levels): its
 * nodes cannot be read, so the VM or channel holding it is refused.
 */
static void parse_too_deep(struct val_ctx *p, const struct dt_node *n, const char *path)
{
	struct dt_node parent;
	char where[CFG_PATH_MAX];

	if (!p->deep || dt_deep_below(n, &parent) < 0)
		return;
	if (dt_node_path(&parent, where, sizeof(where)) < 0) {
		parent.depth = n->depth + 1; /* too long to show: the branch's first node */
		snprintf(where, sizeof(where), "%s/%s/...", path, dt_node_name(&parent));
	}
	val_err(p, CFG_E_TOO_MANY,
		"%s: nodes nested deeper than %u levels (below %s): the device tree reader "
		"follows at most %u",
		path, DT_MAX_DEPTH, where, DT_MAX_DEPTH);
}

/* memory@, image, dtb, initrd, vuart, device@, shmem@, channel@ have no child nodes. */
static void parse_no_children(struct val_ctx *p, const struct dt_node *n)
{
	struct dt_node c;
	char path[CFG_PATH_MAX];

	if (!dt_child_first(n, &c))
		return;
	dt_node_path(n, path, sizeof(path));
	val_err(p, CFG_E_VALUE, "%s: unknown node %s (a %s node has no child nodes)", path,
		dt_node_name(&c), dt_node_name(n));
}

/* Room for one more node of a kind (count of max); reports it if there is none. */
static bool parse_room(struct val_ctx *p, const char *path, u32 count, u32 max, const char *kind)
{
	if (count < max)
		return true;
	val_err(p, CFG_E_TOO_MANY, "%s: more than %u %s nodes", path, max, kind);
	return false;
}

static void parse_channel(struct val_ctx *p, const struct dt_node *n, struct cfg_shmem *ch)
{
	int node = DT_OFF(n);

	dt_node_path(n, ch->path, sizeof(ch->path));
	parse_too_deep(p, n, ch->path);
	parse_no_children(p, n);
	ch->phandle = dt_phandle(p->fdt, node);
	parse_name(p, node, ch->path, "channel-name", ch->name, false);
	parse_size(p, node, ch->path, "size", true, &ch->size);
	ch->has_pa = parse_addr(p, node, ch->path, "phys-addr", false, &ch->pa) == 0;
	parse_colors(p, node, ch->path, "colors", &ch->colors);
}

static void parse_memory(struct val_ctx *p, const struct dt_node *n, struct cfg_vm *vm)
{
	char path[CFG_PATH_MAX];
	struct cfg_mem *mem;
	int node = DT_OFF(n);

	dt_node_path(n, path, sizeof(path));
	if (!parse_room(p, path, vm->nmem, CFG_MAX_MEM, "memory"))
		return;
	mem = &vm->mem[vm->nmem++];
	snprintf(mem->name, sizeof(mem->name), "%s", dt_node_name(n));
	parse_reg(p, node, path, true, &mem->ipa, &mem->size);
	mem->has_pa = parse_addr(p, node, path, "phys-addr", false, &mem->pa) == 0;
	mem->identity = dt_prop(p->fdt, node, "identity", NULL);
	if (mem->identity && mem->has_pa)
		val_err(p, CFG_E_VALUE, "%s: phys-addr 0x%llx and identity are exclusive", path,
			ULL(mem->pa));
	if (mem->identity) {
		mem->has_pa = true;
		mem->pa = mem->ipa;
	}
}

/* image / dtb / initrd: load-addr plus either data or phys-addr + size. */
static void parse_image(struct val_ctx *p, const struct dt_node *n, struct cfg_image *img)
{
	char path[CFG_PATH_MAX];
	int node = DT_OFF(n);
	int len;
	const void *data = dt_prop(p->fdt, node, "data", &len);
	int has_pa;

	dt_node_path(n, path, sizeof(path));
	if (parse_addr(p, node, path, "load-addr", true, &img->load_ipa) < 0)
		return;
	has_pa = parse_addr(p, node, path, "phys-addr", false, &img->pa);
	if (data && has_pa == 0) {
		val_err(p, CFG_E_VALUE, "%s: data and phys-addr 0x%llx are exclusive", path,
			ULL(img->pa));
	} else if (data) {
		img->kind = CFG_IMAGE_EMBEDDED;
		img->data = data;
		img->size = len;
	} else if (has_pa == 0 && parse_size(p, node, path, "size", true, &img->size) == 0) {
		img->kind = CFG_IMAGE_PRELOADED;
	} else if (has_pa == 1) {
		val_err(p, CFG_E_MISSING, "%s: needs data, or phys-addr and size", path);
	}
}

/* vuart: reg and irq; their values are config_validate's. */
static void parse_vuart(struct val_ctx *p, const struct dt_node *n, struct cfg_vuart *u)
{
	char path[CFG_PATH_MAX];
	int node = DT_OFF(n);
	u64 irq = 0;

	dt_node_path(n, path, sizeof(path));
	u->present = true;
	parse_reg(p, node, path, true, &u->ipa, &u->size);
	if (parse_num(p, node, path, "irq", 1, false, &irq) == 0)
		u->irq = (irqid_t)irq;
}

static void parse_device(struct val_ctx *p, const struct dt_node *n, struct cfg_vm *vm)
{
	struct cfg_dev *dev;
	const char *hw_path;
	int node = DT_OFF(n);
	int ret;

	if (!parse_room(p, vm->path, vm->ndevs, CFG_MAX_DEVS, "device"))
		return;
	dev = &vm->devs[vm->ndevs++];
	dt_node_path(n, dev->path, sizeof(dev->path));
	hw_path = dt_string(p->fdt, node, "hw-path");
	if (hw_path)
		snprintf(dev->hw_path, sizeof(dev->hw_path), "%s", hw_path);
	dev->has_reg = parse_reg(p, node, dev->path, !hw_path, &dev->pa, &dev->size) == 0;
	dev->has_ipa = parse_addr(p, node, dev->path, "ipa", false, &dev->ipa) == 0;
	dev->nirqs = CFG_MAX_DEV_IRQS;
	ret = dt_u32_array(p->fdt, node, "irqs", dev->irqs, &dev->nirqs);
	dev->has_irqs = ret == 0 && dev->nirqs > 0;
	if (ret == DT_E_RANGE)
		val_err(p, CFG_E_TOO_MANY, "%s: irqs has more than %u entries", dev->path,
			CFG_MAX_DEV_IRQS);
	else if (ret == DT_E_BADLEN)
		val_err(p, CFG_E_CELLS, "%s: irqs must be 1-cell INTIDs", dev->path);
	if (dev->has_reg && !dev->has_ipa)
		dev->ipa = dev->pa;
}

static int parse_find_channel(const struct config *cfg, u32 phandle)
{
	for (u32 i = 0; i < cfg->nshmem; i++) {
		if (phandle && cfg->shmem[i].phandle == phandle)
			return (int)i;
	}
	return -1;
}

static void parse_shmem(struct val_ctx *p, const struct dt_node *n, struct cfg_vm *vm)
{
	char path[CFG_PATH_MAX];
	struct cfg_vm_shmem *sh;
	int node = DT_OFF(n);
	u64 phandle = 0;
	u64 irq = 0;
	int chan;

	dt_node_path(n, path, sizeof(path));
	if (!parse_room(p, path, vm->nshmem, CFG_MAX_VM_SHMEM, "shmem"))
		return;
	sh = &vm->shmem[vm->nshmem++];
	snprintf(sh->name, sizeof(sh->name), "%s", dt_node_name(n));
	parse_addr(p, node, path, "ipa", true, &sh->ipa);
	sh->has_doorbell = parse_addr(p, node, path, "doorbell", false, &sh->doorbell) == 0;
	sh->read_only = dt_prop(p->fdt, node, "read-only", NULL);
	if (parse_num(p, node, path, "irq", 1, false, &irq) == 0)
		sh->irq = (irqid_t)irq;
	if (parse_num(p, node, path, "channel", 1, true, &phandle) < 0)
		return;
	chan = parse_find_channel(p->cfg, (u32)phandle);
	if (chan < 0)
		val_err(p, CFG_E_REF, "%s: channel phandle 0x%llx is not a channel node of %s",
			path, ULL(phandle), PARTITIONS_PATH);
	else
		sh->channel = (u32)chan;
}

static void parse_vm_cpus(struct val_ctx *p, int node, struct cfg_vm *vm)
{
	u32 aff[CFG_MAX_VCPUS];
	u32 n = ARRAY_SIZE(aff);
	u64 count = 0;
	int ret;

	if (parse_num(p, node, vm->path, "cpu-count", 1, true, &count) < 0)
		return;
	if (count == 0 || count > CFG_MAX_VCPUS) {
		val_err(p, count ? CFG_E_TOO_MANY : CFG_E_VALUE,
			"%s: cpu-count %llu, must be 1..%u", vm->path, ULL(count), CFG_MAX_VCPUS);
		return;
	}
	vm->ncpus = (u32)count;
	ret = dt_u32_array(p->fdt, node, "cpu-affinity", aff, &n);
	if (ret == DT_E_NOTFOUND)
		return;
	if (ret == DT_E_BADLEN) {
		val_err(p, CFG_E_CELLS, "%s: cpu-affinity must be 1-cell MPIDRs", vm->path);
		return;
	}
	if (ret < 0 || n != vm->ncpus) {
		val_err(p, CFG_E_VALUE, "%s: cpu-affinity has %s%u entries, cpu-count is %u",
			vm->path, ret < 0 ? "more than " : "", n, vm->ncpus);
		return;
	}
	vm->has_affinity = true;
	for (u32 i = 0; i < n; i++)
		vm->affinity[i] = aff[i];
}

/* bootargs: one string, copied whole or not at all (a cut command line misleads). */
static void parse_bootargs(struct val_ctx *p, int node, struct cfg_vm *vm)
{
	int len;
	const char *args = dt_prop(p->fdt, node, "bootargs", &len);

	if (!args)
		return;
	if (!dt_prop_string(args, len) || strlen(args) + 1 != (size_t)len)
		val_err(p, CFG_E_VALUE, "%s: bootargs (%d bytes) is not one NUL-terminated string",
			vm->path, len);
	else if (len > CFG_BOOTARGS_MAX)
		val_err(p, CFG_E_VALUE,
			"%s: bootargs is %d bytes with its NUL, longer than the limit of %u",
			vm->path, len, CFG_BOOTARGS_MAX);
	else
		memcpy(vm->bootargs, args, (size_t)len);
}

static void parse_vm_props(struct val_ctx *p, int node, struct cfg_vm *vm)
{
	parse_name(p, node, vm->path, "vm-name", vm->name, true);
	for (int i = 0; vm->name[0] && i < p->vm; i++) {
		if (!strcmp(p->cfg->vms[i].name, vm->name))
			val_err(p, CFG_E_VALUE, "%s: vm-name \"%s\" already used by %s", vm->path,
				vm->name, p->cfg->vms[i].path);
	}
	parse_vm_cpus(p, node, vm);
	parse_colors(p, node, vm->path, "colors", &vm->colors);
	vm->has_entry = parse_addr(p, node, vm->path, "entry", false, &vm->entry) == 0;
	vm->console_input = dt_prop(p->fdt, node, "console-input", NULL);
	parse_bootargs(p, node, vm);
}

static void parse_vm_child(struct val_ctx *p, const struct dt_node *child, struct cfg_vm *vm)
{
	const char *name = dt_node_name(child);

	parse_no_children(p, child);
	if (dt_name_is(name, "memory"))
		parse_memory(p, child, vm);
	else if (!strcmp(name, "image"))
		parse_image(p, child, &vm->image);
	else if (!strcmp(name, "dtb"))
		parse_image(p, child, &vm->dtb);
	else if (!strcmp(name, "initrd"))
		parse_image(p, child, &vm->initrd);
	else if (!strcmp(name, "vuart"))
		parse_vuart(p, child, &vm->vuart);
	else if (dt_name_is(name, "device"))
		parse_device(p, child, vm);
	else if (dt_name_is(name, "shmem"))
		parse_shmem(p, child, vm);
	else
		val_err(p, CFG_E_VALUE,
			"%s: unknown node %s "
			"(expected memory@, image, dtb, initrd, vuart, device@, shmem@)",
			vm->path, name);
}

static void parse_vm(struct val_ctx *p, const struct dt_node *n, struct cfg_vm *vm)
{
	struct dt_node c;
	bool has_image = false;

	dt_node_path(n, vm->path, sizeof(vm->path));
	parse_too_deep(p, n, vm->path);
	parse_vm_props(p, DT_OFF(n), vm);
	for (bool ok = dt_child_first(n, &c); ok; ok = dt_child_next(&c)) {
		has_image |= !strcmp(dt_node_name(&c), "image");
		parse_vm_child(p, &c, vm);
	}
	if (vm->nmem == 0)
		val_err(p, CFG_E_MISSING, "%s: no memory@ node (1..%u required)", vm->path,
			CFG_MAX_MEM);
	if (!has_image)
		val_err(p, CFG_E_IMAGE, "%s: no image node", vm->path);
	if (vm->console_input && !vm->vuart.present)
		val_err(p, CFG_E_MISSING, "%s: console-input needs a vuart node to deliver to",
			vm->path);
	if (!vm->has_entry)
		vm->entry = vm->image.load_ipa;
}

static int parse_root(struct val_ctx *p, int root)
{
	const char *compat = dt_string(p->fdt, root, "compatible");
	u64 colors = 0;
	u64 ac = 0;
	u64 sc = 0;

	if (!compat)
		val_err(p, CFG_E_MISSING, "%s: compatible missing (\"%s\")", PARTITIONS_PATH,
			PARTITIONS_COMPAT);
	else if (!dt_is_compatible(p->fdt, root, PARTITIONS_COMPAT))
		val_err(p, CFG_E_VALUE, "%s: compatible \"%s\" is not \"%s\"", PARTITIONS_PATH,
			compat, PARTITIONS_COMPAT);
	if (parse_num(p, root, PARTITIONS_PATH, "#address-cells", 1, true, &ac) ||
	    parse_num(p, root, PARTITIONS_PATH, "#size-cells", 1, true, &sc))
		return -1;
	if (ac < 1 || ac > 2 || sc < 1 || sc > 2) {
		val_err(p, CFG_E_VALUE, "%s: #address-cells %llu / #size-cells %llu must be 1 or 2",
			PARTITIONS_PATH, ULL(ac), ULL(sc));
		return -1;
	}
	p->ac = (u32)ac;
	p->sc = (u32)sc;
	if (parse_num(p, root, PARTITIONS_PATH, "cache-colors", 1, false, &colors) == 0 &&
	    (colors == 0 || colors > CFG_MAX_COLORS || (colors & (colors - 1))))
		val_err(p, CFG_E_COLOR, "%s: cache-colors %llu must be a power of 2, 1..%u",
			PARTITIONS_PATH, ULL(colors), CFG_MAX_COLORS);
	else
		p->cfg->ncolors_override = (u32)colors;
	parse_colors(p, root, PARTITIONS_PATH, "hypervisor-colors", &p->cfg->hyp_colors);
	return 0;
}

static void parse_channels(struct val_ctx *p, const struct dt_node *root)
{
	struct dt_node c;

	for (bool ok = dt_child_first(root, &c); ok; ok = dt_child_next(&c)) {
		if (!dt_name_is(dt_node_name(&c), "channel"))
			continue;
		if (!parse_room(p, PARTITIONS_PATH, p->cfg->nshmem, CFG_MAX_SHMEM, "channel"))
			return;
		p->chan = (int)p->cfg->nshmem++;
		memset(&p->cfg->shmem[p->chan], 0, sizeof(p->cfg->shmem[p->chan]));
		parse_channel(p, &c, &p->cfg->shmem[p->chan]);
		p->chan = -1;
	}
}

static void parse_vms(struct val_ctx *p, const struct dt_node *root)
{
	struct dt_node c;

	for (bool ok = dt_child_first(root, &c); ok; ok = dt_child_next(&c)) {
		const char *name = dt_node_name(&c);

		if (dt_name_is(name, "channel"))
			continue;
		if (!dt_name_is(name, "vm")) {
			val_err(p, CFG_E_VALUE, "%s: unknown node %s (expected vm@ or channel@)",
				PARTITIONS_PATH, name);
			continue;
		}
		if (p->cfg->nvms == CFG_MAX_VMS) {
			val_err(p, CFG_E_TOO_MANY, "%s: more than %u vm nodes, %s ignored",
				PARTITIONS_PATH, CFG_MAX_VMS, name);
			continue;
		}
		p->vm = (int)p->cfg->nvms++;
		memset(&p->cfg->vms[p->vm], 0, sizeof(p->cfg->vms[p->vm]));
		parse_vm(p, &c, &p->cfg->vms[p->vm]);
		p->vm = -1;
	}
}

int config_parse(const void *fdt, u64 max_size, struct config *cfg, struct cfg_report *rep)
{
	struct val_ctx p = {.fdt = fdt, .cfg = cfg, .rep = rep, .vm = -1, .chan = -1};
	struct dt_checked chk;
	struct dt_node root;

	/* VMs and channels are cleared as they are added: cfg is large */
	cfg->nvms = 0;
	cfg->nshmem = 0;
	cfg->ncolors_override = 0;
	cfg->hyp_colors = 0;
	if (dt_check_explain(fdt, max_size, NULL, &chk) < 0)
		return cfg_diag(rep, CFG_E_BLOB, -1, false,
				"partition DTB (%llu bytes): %s: 0x%x at byte 0x%x: no partition "
				"starts",
				ULL(max_size), chk.fault, chk.value, chk.offset);
	p.deep = chk.deep >= 0;
	if (dt_lookup(fdt, PARTITIONS_PATH, &root) < 0)
		return cfg_diag(rep, CFG_E_NO_ROOT, -1, false,
				"partition DTB: no %s node: no partitions to start",
				PARTITIONS_PATH);
	if (parse_root(&p, DT_OFF(&root)) < 0)
		return p.errs;
	parse_channels(&p, &root);
	parse_vms(&p, &root);
	if (cfg->nvms == 0)
		p.errs +=
			cfg_diag(rep, CFG_E_MISSING, -1, false, "%s: no vm@ node", PARTITIONS_PATH);
	return p.errs;
}
