// SPDX-License-Identifier: Apache-2.0
/*
 * The guest DTB: copied into VM memory and fixed up so it always agrees with
 * the partition: /memory, /cpus (one node per vCPU), /chosen (initrd,
 * bootargs, the VM's own rng-seed: rng_seed.h), a node per channel the VM maps (guest_dtb_chan.c), and what the arch adds (arch_guest_dtb_fixup: how CPUs start,
 * firmware nodes). What the arch checks (arch_guest_dtb_check: its interrupt
 * controller and UARTs where the VM really has them) refuses the partition.
 */
#include <stdio.h>

#include "arch/guest_dtb.h"
#include "arch/mmu.h"
#include "console.h"
#include "cpu.h"
#include "dt.h"
#include "dt_write.h"
#include "guest_dtb.h"
#include "mem.h"
#include "rng_seed.h"

static int fix_memory(void *fdt, const struct cfg_vm *c)
{
	u32 ac = dtw_addr_cells(fdt, 0), sc = dtw_size_cells(fdt, 0);
	int ret = dtw_del_memory_nodes(fdt);

	for (u32 i = c->nmem; i-- > 0 && ret >= 0;) {
		char name[40];
		int node;

		(void)snprintf(name, sizeof(name), "memory@%lx", c->mem[i].ipa);
		node = dtw_subnode(fdt, 0, name);
		ret = node < 0 ? node : dtw_set_string(fdt, node, "device_type", "memory");
		ret = ret < 0 ? ret : dtw_set_reg(fdt, node, c->mem[i].ipa, c->mem[i].size, ac, sc);
		if (ret == -FDT_ERR_BADNCELLS || ret == -FDT_ERR_BADVALUE) {
			log_err("%s: memory at IPA 0x%lx, 0x%lx bytes, does not fit the guest "
				"DTB's #address-cells %u / #size-cells %u [%s]",
				c->path, c->mem[i].ipa, c->mem[i].size, ac, sc,
				cfg_strerror(CFG_E_IMAGE));
		}
	}
	return ret;
}

/*
 * /cpus: one node per vCPU, cpu@0 (the boot vCPU) first and in ascending
 * order, as guests that number CPUs in DT order need; existing nodes keep
 * their properties and phandles. What else a CPU node says (how it starts)
 * is the arch's: arch_guest_dtb_fixup.
 */
static int fix_cpus(void *fdt, const struct cfg_vm *c)
{
	return dtw_cpu_nodes(fdt, c->ncpus);
}

/* /chosen: the initrd, bootargs, and the VM's rng-seed when the firmware gave one. */
static int fix_chosen(void *fdt, const struct cfg_vm *c, vmid_t id)
{
	int node = dtw_subnode(fdt, 0, "chosen"), ret = node;
	u8 seed[RNG_SEED_BYTES];

	if (ret >= 0 && c->initrd.kind != CFG_IMAGE_NONE) {
		u64 start = c->initrd.load_ipa, end = start + c->initrd.size;

		ret = fdt_setprop_u64(fdt, node, "linux,initrd-start", start);
		ret = ret < 0 ? ret : fdt_setprop_u64(fdt, node, "linux,initrd-end", end);
	}
	if (ret >= 0 && c->bootargs[0]) {
		ret = dtw_set_string(fdt, node, "bootargs", c->bootargs);
	}
	if (ret >= 0 && hyp_hw.rng_seed_len != 0U) {
		rng_seed_vm(hyp_hw.rng_seed, hyp_hw.rng_seed_len, id, 0U, seed);
		ret = fdt_setprop(fdt, node, "rng-seed", seed, (int)sizeof(seed));
	}
	return ret;
}

int guest_dtb_check_reg(const void *fdt, int node, int idx, u64 want, const char *what,
			const struct cfg_vm *c)
{
	u64 addr = 0, size; /* 0 in the message if reg is unreadable */
	char path[CFG_PATH_MAX];

	if (dtw_reg(fdt, node, idx, &addr, &size) == 0 && addr == want) {
		return 0;
	}
	dtw_path(fdt, node, path, sizeof(path));
	log_err("%s: guest DTB %s: reg[%d] 0x%lx, but the VM's %s is at IPA 0x%lx [%s]", c->path,
		path, idx, addr, what, want, cfg_strerror(CFG_E_IMAGE));
	return -1;
}

int guest_dtb_check_uarts(const void *fdt, const struct cfg_vm *c, const char *compatible)
{
	for (int node = fdt_node_offset_by_compatible(fdt, -1, compatible); node >= 0;
	     node = fdt_node_offset_by_compatible(fdt, node, compatible)) {
		u64 addr, size;
		char path[CFG_PATH_MAX];

		/* dt_is_enabled: libfdt's edits keep a blob dt_check accepts (tests/fuzz) */
		if (!dt_is_enabled(fdt, node) || dtw_reg(fdt, node, 0, &addr, &size)) {
			continue;
		}
		if (guest_dtb_vm_has(c, addr)) {
			continue;
		}
		dtw_path(fdt, node, path, sizeof(path));
		log_err("%s: guest DTB UART %s at 0x%lx is neither the VM's vuart (%s0x%lx) nor a "
			"device it owns [%s]",
			c->path, path, addr, c->vuart.present ? "" : "none, ",
			c->vuart.present ? c->vuart.ipa : 0U, cfg_strerror(CFG_E_IMAGE));
		return -1;
	}
	return 0;
}

bool guest_dtb_vm_has(const struct cfg_vm *c, u64 addr)
{
	if (c->vuart.present && addr == c->vuart.ipa) {
		return true;
	}
	for (u32 i = 0; i < c->ndevs; i++) {
		if (addr >= c->devs[i].ipa && addr - c->devs[i].ipa < c->devs[i].size) {
			return true;
		}
	}
	return false;
}

static int fix_up(void *fdt, const struct cfg_vm *c, vmid_t id, const struct config *all)
{
	int ret = fix_memory(fdt, c);
	int cpus = ret < 0 ? ret : fix_cpus(fdt, c);

	ret = cpus < 0 ? cpus : arch_guest_dtb_fixup(fdt, cpus, c);
	ret = ret < 0 ? ret : fix_chosen(fdt, c, id);
	ret = ret < 0 ? ret : guest_dtb_channels(fdt, c, all);
	if (ret == -FDT_ERR_NOSPACE) {
		log_err("%s: cannot fix up the guest DTB: %s (is it too large for its %lu KiB of "
			"slack?) [%s]",
			c->path, fdt_strerror(ret), (u64)CFG_DTB_SLACK / KIB,
			cfg_strerror(CFG_E_IMAGE));
	} else if (ret < 0) {
		log_err("%s: cannot fix up the guest DTB: %s [%s]", c->path, fdt_strerror(ret),
			cfg_strerror(CFG_E_IMAGE));
	} else {
		/* fixed up */
	}
	if (ret < 0) {
		return -1;
	}
	return arch_guest_dtb_check(fdt, c);
}

int guest_dtb_load(struct vm *vm, const void *src, const struct config *all)
{
	const struct cfg_image *dtb = &vm->cfg->dtb;
	u64 cap = dtb->size + CFG_DTB_SLACK;
	void *win = vm_window_map(vm, dtb->load_ipa, cap);
	int ret;

	if (!win) {
		return -1;
	}
	ret = dtw_open(src, (u32)dtb->size, win, (u32)cap);
	if (ret < 0) {
		log_err("%s/dtb: not a valid DTB: %s [%s]", vm->cfg->path, fdt_strerror(ret),
			cfg_strerror(CFG_E_IMAGE));
	} else if (fix_up(win, vm->cfg, vm->id, all) == 0 && (ret = dtw_finish(win)) > 0) {
		arch_dcache_clean(win, (u64)ret);
	} else {
		/* refused: fix_up or dtw_finish said why */
	}
	mem_window_unmap(cap);
	return ret > 0 ? 0 : -1;
}
