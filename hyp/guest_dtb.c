// SPDX-License-Identifier: Apache-2.0
/*
 * The guest DTB: copied into VM memory and fixed up so it always agrees with
 * the partition: /memory, /cpus (PSCI, one node per vCPU), /psci (HVC), and
 * /chosen (initrd, bootargs). Its interrupt controller and UARTs must be where
 * the VM really has them, or the partition is refused.
 */
#include <stdio.h>

#include "arch/mmu.h"
#include "console.h"
#include "cpu.h"
#include "dt.h"
#include "dt_write.h"
#include "guest_dtb.h"
#include "mem.h"

_Static_assert(CFG_DTB_SLACK == 8 * KIB, "fix_up's message says 8 KiB");

static const char psci_compat[] = "arm,psci-1.0\0arm,psci-0.2\0arm,psci";

static int fix_memory(void *fdt, const struct cfg_vm *c)
{
	u32 ac = dtw_addr_cells(fdt, 0), sc = dtw_size_cells(fdt, 0);
	int ret = dtw_del_memory_nodes(fdt);

	for (u32 i = c->nmem; i-- > 0 && ret >= 0;) {
		char name[40];
		int node;

		snprintf(name, sizeof(name), "memory@%lx", c->mem[i].ipa);
		node = dtw_subnode(fdt, 0, name);
		ret = node < 0 ? node : fdt_setprop_string(fdt, node, "device_type", "memory");
		ret = ret < 0 ? ret : dtw_set_reg(fdt, node, c->mem[i].ipa, c->mem[i].size, ac, sc);
		if (ret == -FDT_ERR_BADNCELLS || ret == -FDT_ERR_BADVALUE)
			log_err("%s: memory at IPA 0x%lx, 0x%lx bytes, does not fit the guest "
				"DTB's #address-cells %u / #size-cells %u [%s]",
				c->path, c->mem[i].ipa, c->mem[i].size, ac, sc,
				cfg_strerror(CFG_E_IMAGE));
	}
	return ret;
}

/*
 * /cpus: one node per vCPU, cpu@0 (the boot vCPU) first and in ascending
 * order, as guests that number CPUs in DT order need; existing nodes keep
 * their properties and phandles. vCPU n has MPIDR affinity n and starts by PSCI.
 */
static int fix_cpus(void *fdt, const struct cfg_vm *c)
{
	int ret = dtw_cpu_nodes(fdt, c->ncpus);
	int cpus = ret;
	char name[16];

	for (u32 i = 0; i < c->ncpus && ret >= 0; i++) {
		int node;

		snprintf(name, sizeof(name), "cpu@%x", i);
		node = fdt_subnode_offset(fdt, cpus, name);
		ret = node < 0 ? node : fdt_setprop_string(fdt, node, "enable-method", "psci");
		if (ret >= 0 && !fdt_getprop(fdt, node, "compatible", NULL))
			ret = fdt_setprop_string(fdt, node, "compatible", "arm,armv8");
	}
	return ret;
}

static int fix_psci(void *fdt)
{
	int node = fdt_node_offset_by_compatible(fdt, -1, "arm,psci-0.2");
	int ret;

	if (node < 0)
		node = fdt_node_offset_by_compatible(fdt, -1, "arm,psci");
	if (node < 0)
		node = dtw_subnode(fdt, 0, "psci");
	ret = node < 0 ? node
		       : fdt_setprop(fdt, node, "compatible", psci_compat, sizeof(psci_compat));
	return ret < 0 ? ret : fdt_setprop_string(fdt, node, "method", "hvc");
}

static int fix_chosen(void *fdt, const struct cfg_vm *c)
{
	int node = dtw_subnode(fdt, 0, "chosen"), ret = node;

	if (ret >= 0 && c->initrd.kind != CFG_IMAGE_NONE) {
		u64 start = c->initrd.load_ipa, end = start + c->initrd.size;

		ret = fdt_setprop_u64(fdt, node, "linux,initrd-start", start);
		ret = ret < 0 ? ret : fdt_setprop_u64(fdt, node, "linux,initrd-end", end);
	}
	if (ret >= 0 && c->bootargs[0])
		ret = fdt_setprop_string(fdt, node, "bootargs", c->bootargs);
	return ret;
}

static int check_reg(const void *fdt, int node, int idx, u64 want, const char *what,
		     const struct cfg_vm *c)
{
	u64 addr = 0, size; /* 0 in the message if reg is unreadable */
	char path[CFG_PATH_MAX];

	if (dtw_reg(fdt, node, idx, &addr, &size) == 0 && addr == want)
		return 0;
	dtw_path(fdt, node, path, sizeof(path));
	log_err("%s: guest DTB %s: reg[%d] 0x%lx, but the VM's %s is at IPA 0x%lx [%s]", c->path,
		path, idx, addr, what, want, cfg_strerror(CFG_E_IMAGE));
	return -1;
}

/* The guest's GIC node must describe the vGIC the VM really has. */
static int check_gic(const void *fdt, const struct cfg_vm *c)
{
	const struct hw_gic *g = &hyp_hw.gic;
	int node = fdt_node_offset_by_compatible(
		fdt, -1, g->version == 3 ? "arm,gic-v3" : "arm,cortex-a15-gic");

	if (node < 0 && g->version == 2)
		node = fdt_node_offset_by_compatible(fdt, -1, "arm,gic-400");
	if (node < 0) {
		log_err("%s: guest DTB has no GICv%u node (the hardware, so the VM, has a GICv%u) "
			"[%s]",
			c->path, g->version, g->version, cfg_strerror(CFG_E_IMAGE));
		return -1;
	}
	if (check_reg(fdt, node, 0, g->reg[GIC_DIST].base, "GIC distributor", c))
		return -1;
	return check_reg(fdt, node, 1, g->reg[GIC_REDIST].base, /* v2: GICC */
			 g->version == 3 ? "GIC redistributor region" : "GIC CPU interface", c);
}

static bool uart_ok(const struct cfg_vm *c, u64 addr)
{
	if (c->vuart.present && addr == c->vuart.ipa)
		return true;
	for (u32 i = 0; i < c->ndevs; i++)
		if (addr >= c->devs[i].ipa && addr - c->devs[i].ipa < c->devs[i].size)
			return true;
	return false;
}

/* Every enabled PL011 in the guest DTB must be its virtual UART or a device it owns. */
static int check_uarts(const void *fdt, const struct cfg_vm *c)
{
	for (int node = fdt_node_offset_by_compatible(fdt, -1, "arm,pl011"); node >= 0;
	     node = fdt_node_offset_by_compatible(fdt, node, "arm,pl011")) {
		u64 addr, size;
		char path[CFG_PATH_MAX];

		/* dt_is_enabled: libfdt's edits keep a blob dt_check accepts (tests/fuzz) */
		if (!dt_is_enabled(fdt, node) || dtw_reg(fdt, node, 0, &addr, &size))
			continue;
		if (uart_ok(c, addr))
			continue;
		dtw_path(fdt, node, path, sizeof(path));
		log_err("%s: guest DTB UART %s at 0x%lx is neither the VM's vuart (%s0x%lx) nor a "
			"device it owns [%s]",
			c->path, path, addr, c->vuart.present ? "" : "none, ",
			c->vuart.present ? c->vuart.ipa : 0, cfg_strerror(CFG_E_IMAGE));
		return -1;
	}
	return 0;
}

static int fix_up(void *fdt, const struct cfg_vm *c)
{
	int ret = fix_memory(fdt, c);

	ret = ret < 0 ? ret : fix_cpus(fdt, c);
	ret = ret < 0 ? ret : fix_psci(fdt);
	ret = ret < 0 ? ret : fix_chosen(fdt, c);
	if (ret < 0) {
		log_err("%s: cannot fix up the guest DTB: %s%s [%s]", c->path, fdt_strerror(ret),
			ret == -FDT_ERR_NOSPACE ? " (is it too large for its 8 KiB of slack?)" : "",
			cfg_strerror(CFG_E_IMAGE));
		return -1;
	}
	return check_gic(fdt, c) || check_uarts(fdt, c) ? -1 : 0;
}

int guest_dtb_load(struct vm *vm, const void *src)
{
	const struct cfg_image *dtb = &vm->cfg->dtb;
	u64 cap = dtb->size + CFG_DTB_SLACK;
	void *win = vm_window_map(vm, dtb->load_ipa, cap);
	int ret;

	if (!win)
		return -1;
	ret = dtw_open(src, (u32)dtb->size, win, (u32)cap);
	if (ret < 0)
		log_err("%s/dtb: not a valid DTB: %s [%s]", vm->cfg->path, fdt_strerror(ret),
			cfg_strerror(CFG_E_IMAGE));
	else if (fix_up(win, vm->cfg) == 0 && (ret = dtw_finish(win)) > 0)
		arch_dcache_clean(win, (u64)ret);
	mem_window_unmap(cap);
	return ret > 0 ? 0 : -1;
}
