/* SPDX-License-Identifier: Apache-2.0 */
/*
 * config_validate_dev: pass-through devices. Resolves hw-path against the
 * hardware DTB (reg, and interrupts: the interrupt controller's driver
 * decodes the specifiers, irqchip_node_irqs) and checks that each device
 * exists in the hardware, is not the hypervisor's and is not another VM's.
 */
#include <stdio.h>
#include <string.h>

#include "config_internal.h"
#include "dt.h"
#include "irqchip/irqchip.h"

static bool val_irqs_has(const irqid_t *irqs, u32 n, irqid_t irq)
{
	for (u32 i = 0; i < n; i++) {
		if (irqs[i] == irq) {
			return true;
		}
	}
	return false;
}

/* Why the interrupts of a hw-path node cannot be passed through (the decoder stopped). */
static void val_hw_irqs_bad(struct val_ctx *v, const struct cfg_dev *dev,
			    const struct irqchip_irqs *d)
{
	const struct hw_irqchip *ic = &v->hw->irqchip;
	char where[CFG_PATH_MAX];

	if (d->status == IRQS_REFUSED) {
		val_err(v, d->code, "%s: hw-path %s interrupt <%s> %s", dev->path, dev->hw_path,
			d->cells, d->why);
	} else if (d->status == IRQS_TOO_MANY) {
		val_err(v, CFG_E_TOO_MANY, "%s: hw-path %s has more than %u interrupts", dev->path,
			dev->hw_path, CFG_MAX_DEV_IRQS);
	} else if (d->status == IRQS_MALFORMED ||
		   dt_path(v->hw_fdt, d->parent, where, sizeof(where)) < 0) {
		val_err(v, CFG_E_VALUE,
			"%s: hw-path %s interrupts: entry %u malformed or its parent not found",
			dev->path, dev->hw_path, d->spec);
	} else {
		val_err(v, CFG_E_VALUE,
			"%s: hw-path %s interrupt %u goes to %s, not to the %s %s: it cannot be "
			"routed to a partition",
			dev->path, dev->hw_path, d->spec, where, ic->drv ? ic->drv->name : "",
			ic->path);
	}
}

/* interrupts (parent from interrupt-parent) or interrupts-extended, to interrupt numbers. */
static bool val_hw_irqs(struct val_ctx *v, const struct cfg_dev *dev, const struct dt_node *hw,
			irqid_t *irqs, u32 *n)
{
	struct irqchip_irqs d;

	*n = 0;
	if (!irqchip_node_irqs(&v->hw->irqchip, hw, &d)) {
		val_hw_irqs_bad(v, dev, &d);
		return false;
	}
	(void)memcpy(irqs, d.irq, sizeof(d.irq[0]) * d.n);
	*n = d.n;
	return true;
}

static bool val_irqs_agree(const struct cfg_dev *dev, const irqid_t *irqs, u32 n)
{
	if (n != dev->nirqs) {
		return false;
	}
	for (u32 i = 0; i < n; i++) {
		if (!val_irqs_has(irqs, n, dev->irqs[i])) {
			return false;
		}
	}
	return true;
}

/* The pages a reg entry touches (an entry that wraps is left as it is). */
static void val_page_span(u64 base, u64 size, u64 *pbase, u64 *psize)
{
	*pbase = base;
	*psize = size;
	if (base + size < base || base + size > ~0ULL - PAGE_SIZE) {
		return;
	}
	*pbase = ALIGN_DOWN(base, PAGE_SIZE);
	*psize = ALIGN_UP(base + size, PAGE_SIZE) - *pbase;
}

/*
 * reg from the hw-path node's first entry, rounded out to pages (a device
 * smaller than a page is passed through as its page if nothing else is in
 * it: val_dev_neighbours), or the given reg checked against its entries.
 */
static bool val_dev_hw_reg(struct val_ctx *v, struct cfg_dev *dev, const struct dt_node *node)
{
	struct dt_regs regs;
	int count = dt_regs(node, &regs);
	u64 base = 0;
	u64 size = 0;
	u64 pbase;
	u64 psize;

	for (int i = 0; i < count; i++) {
		if (dt_regs_get(&regs, i, true, &base, &size) < 0) {
			break;
		}
		val_page_span(base, size, &pbase, &psize);
		if (!dev->has_reg) {
			dev->pa = pbase;
			dev->size = psize;
			dev->ipa = dev->has_ipa ? dev->ipa : pbase;
		}
		if (!dev->has_reg || (dev->pa == base && dev->size == size) ||
		    (dev->pa == pbase && dev->size == psize)) {
			dev->sub_page = pbase != base || psize != size;
			return true;
		}
	}
	if (!dev->has_reg || count <= 0) {
		val_err(v, CFG_E_REF, "%s: hw-path %s has no translatable reg (error %d)",
			dev->path, dev->hw_path, count);
	} else {
		val_err(v, CFG_E_VALUE,
			"%s: reg " RANGE_FMT
			" does not match hw-path %s reg (%d entries, first " RANGE_FMT ")",
			dev->path, RANGE_ARG(dev->pa, dev->size), dev->hw_path, count,
			RANGE_ARG(base, size));
	}
	return false;
}

/*
 * Fills reg/irqs from the hw-path node, or checks that the given ones agree.
 * Returns the node, or -1 after reporting a problem.
 */
static int val_dev_hw_path(struct val_ctx *v, struct cfg_dev *dev)
{
	struct dt_node hw;
	irqid_t irqs[CFG_MAX_DEV_IRQS];
	u32 n;
	bool ok;
	int node = v->hw_fdt ? dt_lookup(v->hw_fdt, dev->hw_path, &hw) : DT_E_NOTFOUND;

	if (node < 0) {
		val_err(v, CFG_E_REF, "%s: hw-path \"%s\" is not a node of the hardware DTB",
			dev->path, dev->hw_path);
		return -1;
	}
	ok = val_dev_hw_reg(v, dev, &hw);
	if (!val_hw_irqs(v, dev, &hw, irqs, &n) || !ok) {
		return -1;
	}
	if (!dev->has_irqs) {
		(void)memcpy(dev->irqs, irqs, sizeof(irqs[0]) * n);
		dev->nirqs = n;
	} else if (!val_irqs_agree(dev, irqs, n)) {
		val_err(v, CFG_E_VALUE,
			"%s: irqs (%u, first " ARCH_IRQ_NAME
			" %u) do not match the %u interrupts of "
			"hw-path %s (first " ARCH_IRQ_NAME " %u)",
			dev->path, dev->nirqs, dev->irqs[0], n, dev->hw_path, n ? irqs[0] : 0U);
		return -1;
	} else {
		/* the layout's irqs are the hardware node's */
	}
	return node;
}

/* What the hardware DTB has in a device's window (memory nodes aside). */
struct val_hw_hits {
	bool inside; /* an enabled node's reg entry contains the window */
	int count;   /* other nodes with a reg entry that overlaps it without containing it */
	int first;   /* the first of them */
	bool fits;   /* the window lies in the pages of first's entry, and first is enabled */
};

static void val_hw_node_hits(const struct dt_node *n, const struct cfg_dev *dev,
			     struct val_hw_hits *h)
{
	struct dt_regs regs;
	int count = dt_regs(n, &regs);
	bool enabled = dt_is_enabled(n->fdt, DT_OFF(n));

	for (int i = 0; i < count; i++) {
		u64 base;
		u64 size;
		u64 pbase;
		u64 psize;

		if (dt_regs_get(&regs, i, true, &base, &size) < 0 || !size || base + size < base ||
		    !ranges_overlap(dev->pa, dev->size, base, size)) {
			continue;
		}
		if (range_inside(dev->pa, dev->size, base, size)) {
			h->inside |= enabled;
			continue;
		}
		val_page_span(base, size, &pbase, &psize);
		if (h->count++ == 0) {
			h->first = DT_OFF(n);
			h->fits = enabled && range_inside(dev->pa, dev->size, pbase, psize);
		}
		return; /* a node counts once */
	}
}

/* Every node but skip whose reg touches the device's window. */
static void val_hw_hits(const struct val_ctx *v, const struct cfg_dev *dev, int skip,
			struct val_hw_hits *h)
{
	const void *fdt = v->hw_fdt;
	struct dt_node n;

	(void)memset(h, 0, sizeof(*h));
	dt_root(fdt, &n);
	do {
		const char *type = dt_string(fdt, DT_OFF(&n), "device_type");
		int len;

		if (DT_OFF(&n) != skip && dt_prop(fdt, DT_OFF(&n), "reg", &len) && len > 0 &&
		    (!type || strcmp(type, "memory"))) {
			val_hw_node_hits(&n, dev, h);
		}
	} while (dt_walk_next(&n));
}

/*
 * The device must lie inside the reg of an enabled, non-memory hardware node,
 * or in the pages of one that is smaller than a page, with nothing else there.
 */
static void val_dev_in_hw(struct val_ctx *v, const struct cfg_dev *dev)
{
	struct val_hw_hits h;
	char other[CFG_PATH_MAX];

	val_hw_hits(v, dev, -1, &h);
	if (h.inside || (h.count == 1 && h.fits)) {
		return;
	}
	if (h.count && dt_path(v->hw_fdt, h.first, other, sizeof(other)) == 0) {
		val_err(v, CFG_E_DEV_NOT_HW,
			"%s: reg " RANGE_FMT " is not the pages of one enabled node of the "
			"hardware DTB: it touches %s%s",
			dev->path, RANGE_ARG(dev->pa, dev->size), other,
			h.count > 1 ? " and others" : " (disabled)");
	} else {
		val_err(v, CFG_E_DEV_NOT_HW,
			"%s: reg " RANGE_FMT
			" is not inside the reg of any enabled node of the hardware DTB",
			dev->path, RANGE_ARG(dev->pa, dev->size));
	}
}

/* A hw-path device smaller than a page: no other node may have registers in its pages. */
static void val_dev_neighbours(struct val_ctx *v, const struct cfg_dev *dev, int node)
{
	struct val_hw_hits h;
	char other[CFG_PATH_MAX];

	val_hw_hits(v, dev, node, &h);
	if (!h.count || dt_path(v->hw_fdt, h.first, other, sizeof(other)) < 0) {
		return;
	}
	val_err(v, CFG_E_ALIGN, "%s: hw-path %s shares page(s) " RANGE_FMT " with %s%s", dev->path,
		dev->hw_path, RANGE_ARG(dev->pa, dev->size), other,
		h.count > 1 ? " and others" : "");
}

/* RAM is given to VMs only as memory@ regions; reserved memory to none. */
static void val_dev_memory(struct val_ctx *v, const struct cfg_dev *dev)
{
	const struct hw *hw = v->hw;

	for (u32 i = 0; i < hw->nram; i++) {
		if (!ranges_overlap(dev->pa, dev->size, hw->ram[i].base, hw->ram[i].size)) {
			continue;
		}
		val_err(v, CFG_E_DEV_HYP,
			"%s: reg " RANGE_FMT " is RAM (" RANGE_FMT "), which the hypervisor hands "
			"out only as memory@ regions",
			dev->path, RANGE_ARG(dev->pa, dev->size),
			RANGE_ARG(hw->ram[i].base, hw->ram[i].size));
		return; /* the reserved memory in it says nothing more */
	}
	for (u32 i = 0; i < hw->nreserved; i++) {
		if (ranges_overlap(dev->pa, dev->size, hw->reserved[i].base,
				   hw->reserved[i].size)) {
			val_err(v, CFG_E_MEM_RESERVED,
				"%s: reg " RANGE_FMT " overlaps reserved memory " RANGE_FMT,
				dev->path, RANGE_ARG(dev->pa, dev->size),
				RANGE_ARG(hw->reserved[i].base, hw->reserved[i].size));
		}
	}
}

const struct hw_kept *val_kept(struct val_ctx *v)
{
	if (!v->kept_read) {
		hw_kept(v->hw_fdt, v->hw, &v->kept);
	}
	v->kept_read = true;
	return &v->kept;
}

/* The hardware DTB does not say all the hypervisor keeps: no device can be proven clear of it. */
static void val_dev_kept_unknown(struct val_ctx *v, const struct cfg_dev *dev,
				 const struct hw_kept *k)
{
	char path[CFG_PATH_MAX];

	path[0] = '\0';
	if (v->hw_fdt && dt_path(v->hw_fdt, k->fault_node, path, sizeof(path)) == 0) {
		cfg_sanitize(path);
	}
	val_err(v, CFG_E_HW,
		"%s: the hardware DTB's %s has %s: what the hypervisor keeps is not all known, so "
		"no device is passed through",
		dev->path, path, k->fault);
}

/* What the hypervisor keeps (val_kept: every part of the interrupt controller, the console UART). */
static void val_dev_hyp(struct val_ctx *v, const struct cfg_dev *dev)
{
	const struct hw_kept *k = val_kept(v);

	if (k->fault != NULL) {
		val_dev_kept_unknown(v, dev, k);
	}
	for (u32 i = 0; i < k->n; i++) {
		const struct hw_owned *o = &k->win[i];
		char path[CFG_PATH_MAX];

		if (!ranges_overlap(dev->pa, dev->size, o->base, o->size)) {
			continue;
		}
		path[0] = '\0';
		if (v->hw_fdt && dt_path(v->hw_fdt, o->node, path, sizeof(path)) == 0) {
			cfg_sanitize(path);
		}
		val_err(v, CFG_E_DEV_HYP,
			"%s: reg " RANGE_FMT " overlaps the hypervisor's %s (%s " RANGE_FMT ")",
			dev->path, RANGE_ARG(dev->pa, dev->size),
			hw_owned_what(v->hw, v->hw_fdt, o), path, RANGE_ARG(o->base, o->size));
	}
	val_dev_memory(v, dev);
}

/* Against accepted VMs' devices and this VM's earlier devices. */
static void val_dev_owner(struct val_ctx *v, u32 idx)
{
	const struct cfg_dev *dev = &v->cfg->vms[v->vm].devs[idx];

	for (u32 j = 0; j <= (u32)v->vm; j++) {
		const struct cfg_vm *o = &v->cfg->vms[j];
		u32 n = j == (u32)v->vm ? idx : o->ndevs;

		if (j != (u32)v->vm && !val_vm_holds(v, j)) {
			continue;
		}
		for (u32 k = 0; k < n; k++) {
			const struct cfg_dev *d = &o->devs[k];

			if (d->size && ranges_overlap(dev->pa, dev->size, d->pa, d->size)) {
				val_err(v, CFG_E_DEV_VM,
					"%s: reg " RANGE_FMT
					" overlaps %s of VM '%s' (PA " RANGE_FMT ")",
					dev->path, RANGE_ARG(dev->pa, dev->size), d->path,
					cfg_vm_label(o), RANGE_ARG(d->pa, d->size));
			}
		}
	}
}

static void val_device(struct val_ctx *v, u32 idx)
{
	struct cfg_dev *dev = &v->cfg->vms[v->vm].devs[idx];
	int node = dev->hw_path[0] ? val_dev_hw_path(v, dev) : -1;

	if (dev->hw_path[0] && node < 0) {
		return;
	}
	if (dev->size && (!IS_ALIGNED(dev->pa, PAGE_SIZE) || !IS_ALIGNED(dev->size, PAGE_SIZE))) {
		val_err(v, CFG_E_ALIGN, "%s: reg 0x%llx size 0x%llx is not 4 KiB aligned",
			dev->path, ULL(dev->pa), ULL(dev->size));
		return;
	}
	if (dev->pa + dev->size < dev->pa) {
		val_err(v, CFG_E_OVERFLOW, "%s: reg 0x%llx size 0x%llx wraps around", dev->path,
			ULL(dev->pa), ULL(dev->size));
		return;
	}
	if (!val_mapping(v, dev->path, dev->has_ipa ? "ipa" : "reg", dev->ipa, dev->size)) {
		return;
	}
	/* a resolved hw-path is its own proof, if that node is enabled */
	if (node >= 0 && !dt_is_enabled(v->hw_fdt, node)) {
		val_err(v, CFG_E_DEV_NOT_HW, "%s: hw-path %s is disabled in the hardware DTB",
			dev->path, dev->hw_path);
	} else if (node >= 0 && dev->sub_page) {
		val_dev_neighbours(v, dev, node);
	} else if (node < 0 && v->hw_fdt) {
		val_dev_in_hw(v, dev);
	} else {
		/* an enabled hw-path node of whole pages; or no hardware DTB to check against */
	}
	val_dev_hyp(v, dev);
	val_dev_owner(v, idx);
}

void val_vm_devices(struct val_ctx *v)
{
	for (u32 i = 0; i < v->cfg->vms[v->vm].ndevs; i++) {
		val_device(v, i);
	}
}
