// SPDX-License-Identifier: Apache-2.0
/*
 * The guest DTB's channel nodes: for each channel a VM maps, a root node
 * tessera-channel@<ipa> (compatible "tessera,channel") that a guest's driver
 * binds to, with the channel's memory, its doorbell page, the interrupt a ring
 * raises in this VM and who the members are. Binding:
 * dts/bindings/tessera-channel.md. Nodes of that compatible already in the
 * guest DTB are replaced: the partition layout is what holds.
 */
#include <stdio.h>

#include "arch/guest_dtb.h"
#include "console.h"
#include "dt_write.h"
#include "guest_dtb.h"

#define CHAN_COMPATIBLE "tessera,channel"

/* The VM indices that map channel k (a member refused by the layout is none), as cells. */
static u32 member_cells(const struct config *all, u32 k, bool ringable_only, fdt32_t *cells)
{
	u32 n = 0;

	for (u32 v = 0; v < all->nvms; v++) {
		const struct cfg_vm *vm = &all->vms[v];

		for (u32 s = 0; !vm->refused && s < vm->nshmem; s++) {
			const struct cfg_vm_shmem *sh = &vm->shmem[s];

			if (sh->channel == k && (sh->irq || !ringable_only)) {
				cells[n++] = cpu_to_fdt32(v);
				break;
			}
		}
	}
	return n;
}

static int set_members(void *fdt, int node, const struct config *all, u32 k)
{
	fdt32_t cells[CFG_MAX_VMS];
	u32 n = member_cells(all, k, false, cells);
	int ret =
		fdt_setprop(fdt, node, "tessera,members", cells, ((int)n * (int)sizeof(cells[0])));

	n = member_cells(all, k, true, cells);
	return ret < 0 ? ret
		       : fdt_setprop(fdt, node, "tessera,ringable", cells,
				     ((int)n * (int)sizeof(cells[0])));
}

/* reg = the channel's memory [, the doorbell page], with reg-names. */
static int set_regs(void *fdt, int node, const struct cfg_vm_shmem *sh, u64 size)
{
	u32 ac = dtw_addr_cells(fdt, 0), sc = dtw_size_cells(fdt, 0);
	static const char names[] = "shmem\0doorbell";
	int ret = dtw_set_reg(fdt, node, sh->ipa, size, ac, sc);

	if (ret >= 0 && sh->has_doorbell) {
		ret = dtw_append_reg(fdt, node, sh->doorbell, PAGE_SIZE, ac, sc);
	}
	if (ret >= 0) {
		ret = fdt_setprop(fdt, node, "reg-names", names,
				  sh->has_doorbell ? (int)sizeof(names) : (int)sizeof("shmem"));
	}
	return ret;
}

/* interrupts (in the VM's interrupt controller's format) and interrupt-parent. */
static int set_irq(void *fdt, int node, u32 parent, const u32 *spec, u32 n)
{
	fdt32_t cells[4];
	int ret = 0;

	for (u32 i = 0; i < n; i++) {
		cells[i] = cpu_to_fdt32(spec[i]);
	}
	if (parent != 0U) {
		ret = fdt_setprop_u32(fdt, node, "interrupt-parent", parent);
	}
	return ret < 0 ? ret : fdt_setprop(fdt, node, "interrupts", cells, (int)n * 4);
}

static int add_channel(void *fdt, const struct cfg_vm *c, u32 s, const struct config *all)
{
	const struct cfg_vm_shmem *sh = &c->shmem[s];
	const struct cfg_shmem *ch = &all->shmem[sh->channel];
	ptrdiff_t index = c - all->vms; /* c is one of all->vms */
	u32 parent = 0, spec[4], nspec = 0, self = (u32)index;
	char name[40], chname[CFG_NAME_MAX];
	int node, ret = 0;

	/* the specifier first: it may give the interrupt controller a phandle */
	if (sh->irq != 0U) {
		ret = arch_guest_dtb_irq(fdt, sh->irq, &parent, spec, &nspec);
	}
	(void)snprintf(name, sizeof(name), "tessera-channel@%lx", sh->ipa);
	/* channel-name is optional in the layout; a guest always gets a name */
	if (ch->name[0] != 0) {
		(void)snprintf(chname, sizeof(chname), "%s", ch->name);
	} else {
		(void)snprintf(chname, sizeof(chname), "channel%u", sh->channel);
	}
	node = ret < 0 ? ret : dtw_subnode(fdt, 0, name);
	ret = node < 0 ? node : dtw_set_string(fdt, node, "compatible", CHAN_COMPATIBLE);
	ret = ret < 0 ? ret : set_regs(fdt, node, sh, ch->size);
	if (ret >= 0 && sh->irq) {
		ret = set_irq(fdt, node, parent, spec, nspec);
	}
	if (ret >= 0 && sh->read_only) {
		ret = fdt_setprop_empty(fdt, node, "read-only");
	}
	ret = ret < 0 ? ret : fdt_setprop_u32(fdt, node, "tessera,channel-id", sh->channel);
	ret = ret < 0 ? ret : dtw_set_string(fdt, node, "tessera,channel-name", chname);
	ret = ret < 0 ? ret : fdt_setprop_u32(fdt, node, "tessera,member", self);
	ret = ret < 0 ? ret : set_members(fdt, node, all, sh->channel);
	if (ret == -FDT_ERR_BADNCELLS || ret == -FDT_ERR_BADVALUE) {
		log_err("%s/%s: cannot describe the channel in the guest DTB: %s (its root "
			"#address-cells %u / #size-cells %u, its interrupt controller's "
			"#interrupt-cells) [%s]",
			c->path, sh->name, fdt_strerror(ret), dtw_addr_cells(fdt, 0),
			dtw_size_cells(fdt, 0), cfg_strerror(CFG_E_IMAGE));
	}
	return ret;
}

int guest_dtb_channels(void *fdt, const struct cfg_vm *c, const struct config *all)
{
	int ret = dtw_del_compatible(fdt, CHAN_COMPATIBLE);

	for (u32 s = 0; s < c->nshmem && ret >= 0; s++) {
		ret = add_channel(fdt, c, s, all);
	}
	return ret;
}
