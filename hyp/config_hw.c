/* SPDX-License-Identifier: Apache-2.0 */
/*
 * config_hw: hw_parse(), the hardware DTB reduced to what partitioning needs:
 * CPUs, RAM, reserved memory, console UART and the interrupt controller (the
 * node a driver of drivers/irqchip/ matches; the driver's probe reads it);
 * the arch's part through arch_hw_parse (hyp/include/arch/hw.h). Bindings:
 * Linux Documentation/devicetree/bindings/cpus.yaml,
 * reserved-memory/reserved-memory.yaml.
 */
#include <stdio.h>
#include <string.h>

#include "config_internal.h"
#include "dt.h"
#include "irqchip/irqchip.h"

/* Most compatibles hw_scan looks for (a bit each in a u32 mask): the arch's and the drivers'. */
#define HW_SCAN_COMPAT 32U

static int hw_parse_cpu(const struct dt_node *n, struct hw_cpu *cpu, struct cfg_report *rep)
{
	u64 size;
	int ret;

	(void)memset(cpu, 0, sizeof(*cpu));
	cpu->node = DT_OFF(n);
	(void)dt_node_path(n, cpu->path, sizeof(cpu->path));
	cfg_sanitize(cpu->path); /* paths and names kept in struct hw are only shown */
	ret = dt_node_reg(n, 0, false, &cpu->arch_id, &size);
	if (ret < 0) {
		(void)cfg_diag(rep, CFG_E_HW, -1, true,
			       "%s: reg missing or malformed (error %d): CPU ignored", cpu->path,
			       ret);
		return -1;
	}
	arch_hw_parse_cpu(n->fdt, cpu, rep);
	return 0;
}

/*
 * What one walk of the hardware DTB finds, so each part below reads only its
 * nodes. fdt == NULL in a struct dt_node: not found.
 */
struct hw_scan {
	struct dt_node cpus;	/* /cpus */
	struct dt_node rsv;	/* /reserved-memory */
	struct dt_node mem;	/* first child of the root with device_type "memory" */
	int mem_last;		/* offset of the last one */
	struct dt_node irqchip; /* best enabled interrupt controller (rank irqchip_rank) */
	int chosen;		/* /chosen, or negative */
	int arch;		/* best enabled node of arch_hw_compatible, or negative */
	u32 arch_rank;
	u32 irqchip_rank;
	/*
	 * The compatibles looked for: the arch's (first narch), then every
	 * interrupt-controller driver's (drv: whose); a lower index is preferred.
	 */
	u32 narch;
	u32 ncompat;
	struct dt_str compat[HW_SCAN_COMPAT];
	const struct irqchip_driver *drv[HW_SCAN_COMPAT];
};

static u32 hw_rank(u32 mask, u32 none)
{
	return mask ? (u32)__builtin_ctz(mask) : none;
}

/* The compatibles the scan looks for, preferred first. */
static void hw_scan_compat(struct hw_scan *sc)
{
	for (const char *const *c = arch_hw_compatible; *c && sc->ncompat < HW_SCAN_COMPAT; c++) {
		sc->compat[sc->ncompat++] = (struct dt_str){*c, strlen(*c)};
	}
	sc->narch = sc->ncompat;
	sc->ncompat += irqchip_compat_table(&sc->compat[sc->ncompat], &sc->drv[sc->ncompat],
					    HW_SCAN_COMPAT - sc->ncompat);
}

/* A child of the root: /cpus, /reserved-memory, /chosen or memory. */
static void hw_scan_top(struct hw_scan *sc, const struct dt_node *n, const char *type)
{
	const char *name = dt_node_name(n);

	if (dt_name_is(name, "cpus") && !sc->cpus.fdt) {
		sc->cpus = *n;
	} else if (dt_name_is(name, "reserved-memory") && !sc->rsv.fdt) {
		sc->rsv = *n;
	} else if (dt_name_is(name, "chosen") && sc->chosen < 0) {
		sc->chosen = DT_OFF(n);
	} else {
		/* another node, or a second one of these: the first counts */
	}
	if (!type || strcmp(type, "memory")) {
		return;
	}
	if (!sc->mem.fdt) {
		sc->mem = *n;
	}
	sc->mem_last = DT_OFF(n);
}

/* Each node, while dt_check_visit checks the blob: what hw_parse needs of it. */
static void hw_scan_node(void *ctx, const struct dt_node *n, const void *const *val, const int *len)
{
	struct hw_scan *sc = ctx;
	u32 mask = dt_strlist_mask(val[0], len[0], sc->compat, sc->ncompat);
	u32 arch = hw_rank(mask & ((1U << sc->narch) - 1U), sc->ncompat);
	u32 irqchip = hw_rank(mask & ~((1U << sc->narch) - 1U), sc->ncompat);

	if (n->depth == 1) {
		hw_scan_top(sc, n, dt_prop_string(val[1], len[1]));
	}
	if ((arch < sc->arch_rank || irqchip < sc->irqchip_rank) &&
	    !dt_is_enabled(n->fdt, DT_OFF(n))) {
		return;
	}
	if (arch < sc->arch_rank) {
		sc->arch_rank = arch;
		sc->arch = DT_OFF(n);
	}
	if (irqchip < sc->irqchip_rank) {
		sc->irqchip_rank = irqchip;
		sc->irqchip = *n;
	}
}

/* Checks the blob and finds the nodes hw_parse needs, in one pass. */
static int hw_scan(const void *fdt, u64 max_size, struct hw_scan *sc, struct dt_checked *chk)
{
	static const char *const props[] = {"compatible", "device_type"};
	/* MISRA deviation ctuuninitvar: sc is stored here, zeroed below, read later */
	const struct dt_visit visit = {props, ARRAY_SIZE(props), hw_scan_node, sc};

	(void)memset(sc, 0, sizeof(*sc));
	hw_scan_compat(sc);
	sc->chosen = -1;
	sc->arch = -1;
	sc->arch_rank = sc->ncompat;
	sc->irqchip_rank = sc->ncompat;
	return dt_check_explain(fdt, max_size, &visit, chk);
}

/* Nodes nested deeper than the walks follow are not read: a hw-path cannot name them. */
static void hw_too_deep(const void *fdt, struct cfg_report *rep)
{
	struct dt_node n;
	struct dt_node parent;
	char path[CFG_PATH_MAX];

	dt_root(fdt, &n);
	if (dt_deep_below(&n, &parent) < 0) {
		return;
	}
	(void)dt_node_path(&parent, path, sizeof(path));
	(void)cfg_diag(
		rep, CFG_E_TOO_MANY, -1, true,
		"hardware DTB: nodes nested deeper than %u levels are not read (first below %s)",
		DT_MAX_DEPTH, path[0] ? path : "a path too long to show");
}

static int hw_parse_cpus(const struct hw_scan *sc, struct hw *hw, struct cfg_report *rep)
{
	struct dt_node n;

	if (!sc->cpus.fdt) {
		return cfg_diag(rep, CFG_E_HW, -1, false, "hardware DTB: no /cpus node");
	}
	for (bool ok = dt_child_first(&sc->cpus, &n); ok; ok = dt_child_next(&n)) {
		const char *type = dt_string(n.fdt, DT_OFF(&n), "device_type");

		if (!type || strcmp(type, "cpu")) {
			continue;
		}
		if (hw->ncpus == HW_MAX_CPUS) {
			(void)cfg_diag(rep, CFG_E_TOO_MANY, -1, true,
				       "/cpus: more than %u CPUs, the others are not used",
				       HW_MAX_CPUS);
			break;
		}
		if (hw_parse_cpu(&n, &hw->cpus[hw->ncpus], rep) == 0) {
			hw->ncpus++;
		}
	}
	if (hw->ncpus == 0U) {
		return cfg_diag(rep, CFG_E_HW, -1, false,
				"/cpus: no usable node with device_type \"cpu\"");
	}
	return 0;
}

/*
 * Adds every reg entry of node (translated) to ranges[]; returns errors.
 * strict: a range that cannot be recorded is an error (reserved memory), else
 * a warning (RAM that is not used).
 */
static int hw_add_regs(const struct dt_node *node, struct mem_range *ranges, u32 *count, u32 max,
		       bool strict, struct cfg_report *rep)
{
	char path[CFG_PATH_MAX];
	struct dt_regs regs;
	int n = dt_regs(node, &regs);

	(void)dt_node_path(node, path, sizeof(path));
	if (n < 0) {
		return cfg_diag(rep, CFG_E_HW, -1, !strict,
				"%s: reg missing or malformed (error %d)", path, n);
	}
	for (int i = 0; i < n; i++) {
		u64 base;
		u64 size;
		int ret = dt_regs_get(&regs, i, true, &base, &size);

		if (ret < 0 || base + size < base) {
			return cfg_diag(rep, CFG_E_HW, -1, !strict,
					"%s: reg entry %d cannot be translated (error %d)", path, i,
					ret);
		}
		if (size == 0U) {
			continue;
		}
		if (*count == max) {
			return cfg_diag(rep, strict ? CFG_E_HW : CFG_E_TOO_MANY, -1, !strict,
					"%s: reg " RANGE_FMT " exceeds the limit of %u ranges%s",
					path, RANGE_ARG(base, size), max,
					strict ? "" : ": not used");
		}
		ranges[*count].base = base;
		ranges[(*count)++].size = size;
	}
	return 0;
}

/* Children of the root from the first memory node to the last. */
static int hw_parse_memory(const struct hw_scan *sc, struct hw *hw, struct cfg_report *rep)
{
	struct dt_node n = sc->mem;
	int errs = 0;

	for (bool ok = n.fdt != NULL; ok && DT_OFF(&n) <= sc->mem_last; ok = dt_child_next(&n)) {
		const char *type = dt_string(n.fdt, DT_OFF(&n), "device_type");

		if (type && !strcmp(type, "memory") && dt_is_enabled(n.fdt, DT_OFF(&n))) {
			errs += hw_add_regs(&n, hw->ram, &hw->nram, HW_MAX_RAM, false, rep);
		}
	}
	if (hw->nram == 0U) {
		errs += cfg_diag(rep, CFG_E_HW, -1, false,
				 "hardware DTB: no memory node (device_type \"memory\") with RAM");
	}
	return errs;
}

/* Reserved ranges must all be known, or a VM could be given one: errors. */
static int hw_parse_reserved(const void *fdt, const struct hw_scan *sc, struct hw *hw,
			     struct cfg_report *rep)
{
	struct dt_node n;
	int errs = 0;
	u64 base;
	u64 size;

	for (bool ok = sc->rsv.fdt && dt_child_first(&sc->rsv, &n); ok; ok = dt_child_next(&n)) {
		if (dt_is_enabled(fdt, DT_OFF(&n)) && dt_prop(fdt, DT_OFF(&n), "reg", NULL)) {
			errs += hw_add_regs(&n, hw->reserved, &hw->nreserved, HW_MAX_RESERVED, true,
					    rep);
		}
	}
	for (int i = 0; dt_mem_rsv(fdt, i, &base, &size) == 0; i++) {
		if (hw->nreserved == HW_MAX_RESERVED) {
			return errs + cfg_diag(rep, CFG_E_HW, -1, false,
					       "/memreserve/ " RANGE_FMT
					       " exceeds the limit of %u reserved ranges",
					       RANGE_ARG(base, size), HW_MAX_RESERVED);
		}
		hw->reserved[hw->nreserved].base = base;
		hw->reserved[hw->nreserved++].size = size;
	}
	return errs;
}

/* The partition DTB, handed over as the initrd. */
static void hw_parse_initrd(const void *fdt, int chosen, struct hw *hw)
{
	u64 start;
	u64 end;

	if (chosen >= 0 && dt_u64(fdt, chosen, "linux,initrd-start", &start) == 0 &&
	    dt_u64(fdt, chosen, "linux,initrd-end", &end) == 0 && end > start) {
		hw->initrd.base = start;
		hw->initrd.size = end - start;
	}
}

/* The firmware's entropy for the guests (rng_seed.h): /chosen/rng-seed, its first bytes. */
static void hw_parse_rng_seed(const void *fdt, int chosen, struct hw *hw)
{
	int len = 0;
	const u8 *seed = chosen < 0 ? NULL : dt_prop(fdt, chosen, "rng-seed", &len);

	hw->rng_seed_len = 0;
	if (seed != NULL && len > 0) {
		hw->rng_seed_len = MIN((u32)len, HW_RNG_SEED_MAX);
		(void)memcpy(hw->rng_seed, seed, hw->rng_seed_len);
	}
}

static void hw_parse_console(const void *fdt, int chosen, struct hw *hw, struct cfg_report *rep)
{
	struct hw_uart *uart = &hw->console;
	struct dt_node n;
	const char *compat;
	int ret;

	uart->node = chosen < 0 ? DT_E_NOTFOUND : dt_stdout(fdt, chosen, &n);
	if (uart->node < 0) {
		if (chosen >= 0 && dt_prop(fdt, chosen, "stdout-path", NULL)) {
			(void)cfg_diag(
				rep, CFG_E_HW, -1, true,
				"/chosen: stdout-path does not resolve to a node: no console");
		}
		return;
	}
	(void)dt_node_path(&n, uart->path, sizeof(uart->path));
	cfg_sanitize(uart->path);
	compat = dt_string(fdt, DT_OFF(&n), "compatible");
	(void)snprintf(uart->compatible, sizeof(uart->compatible), "%s", compat ? compat : "");
	cfg_sanitize(uart->compatible);
	ret = dt_node_reg(&n, 0, true, &uart->base, &uart->size);
	if (ret < 0) {
		uart->node = ret;
		uart->base = 0;
		uart->size = 0;
		(void)cfg_diag(rep, CFG_E_HW, -1, true,
			       "%s: console reg missing or not translatable (error %d): no console",
			       uart->path, ret);
	}
}

/* The interrupt controller: its driver's probe reads the node. */
static int hw_parse_irqchip(const struct hw_scan *sc, struct hw *hw, struct cfg_report *rep)
{
	struct hw_irqchip *ic = &hw->irqchip;
	char compat[160];

	if (sc->irqchip_rank == sc->ncompat) {
		irqchip_compatibles(compat, sizeof(compat));
		return cfg_diag(rep, CFG_E_HW, -1, false,
				"hardware DTB: no enabled interrupt controller compatible with %s",
				compat);
	}
	ic->drv = sc->drv[sc->irqchip_rank];
	ic->node = DT_OFF(&sc->irqchip);
	(void)dt_node_path(&sc->irqchip, ic->path, sizeof(ic->path));
	cfg_sanitize(ic->path);
	return ic->drv->probe(&sc->irqchip, ic, rep);
}

/*
 * RAM over the registers the hypervisor drives (the interrupt controller's,
 * the console's) means the DTB's memory nodes are wrong: a VM could be given
 * the controller as memory. QEMU's xlnx-zcu102 with -m 4G writes such a DTB
 * (one bank [0, 4 GiB) over the board's device region). An error: the
 * hypervisor stops, naming both.
 */
static int hw_check_ram(const void *fdt, const struct hw *hw, struct cfg_report *rep)
{
	struct hw_kept k;
	int errs = 0;

	hw_kept(NULL, hw, &k); /* struct hw's windows: the controller's and the console's regs */
	for (u32 i = 0; i < hw->nram; i++) {
		const struct mem_range *r = &hw->ram[i];

		for (u32 j = 0; j < k.n; j++) {
			const struct hw_owned *o = &k.win[j];

			if (!ranges_overlap(r->base, r->size, o->base, o->size)) {
				continue;
			}
			errs += cfg_diag(
				rep, CFG_E_HW, -1, false,
				"hardware DTB: memory " RANGE_FMT " overlaps the %s " RANGE_FMT
				" (%s): its memory nodes are wrong",
				RANGE_ARG(r->base, r->size), hw_owned_what(hw, fdt, o),
				RANGE_ARG(o->base, o->size),
				o->node == hw->console.node ? hw->console.path : hw->irqchip.path);
		}
	}
	return errs;
}

int hw_parse(const void *fdt, u64 max_size, struct hw *hw, struct cfg_report *rep)
{
	struct hw_scan sc;
	struct dt_checked chk;
	int errs = 0;

	/* What is parsed starts empty; the protected ranges (hw_protect) are the caller's. */
	cfg_report_mark(rep);
	hw->ncpus = 0;
	hw->nram = 0;
	hw->nreserved = 0;
	hw->console = (struct hw_uart){.node = DT_E_NOTFOUND};
	hw->initrd = (struct mem_range){0, 0};
	hw->irqchip = (struct hw_irqchip){.node = DT_E_NOTFOUND};
	if (hw_scan(fdt, max_size, &sc, &chk) < 0) {
		return cfg_diag(rep, CFG_E_BLOB, -1, false,
				"hardware DTB (%llu bytes): %s: 0x%x at byte 0x%x", ULL(max_size),
				chk.fault, chk.value, chk.offset);
	}
	if (chk.deep >= 0) {
		hw_too_deep(fdt, rep);
	}
	errs += hw_parse_cpus(&sc, hw, rep);
	errs += arch_hw_parse(fdt, sc.arch, hw, rep);
	errs += hw_parse_memory(&sc, hw, rep);
	errs += hw_parse_reserved(fdt, &sc, hw, rep);
	hw_parse_console(fdt, sc.chosen, hw, rep);
	hw_parse_initrd(fdt, sc.chosen, hw);
	hw_parse_rng_seed(fdt, sc.chosen, hw);
	errs += hw_parse_irqchip(&sc, hw, rep);
	errs += hw_check_ram(fdt, hw, rep);
	hw_parse_cache(fdt, hw);
	return errs;
}

bool hw_protect(struct hw *hw, u64 base, u64 size, enum hw_protect_kind kind, const char *name)
{
	struct hw_protect *p = &hw->protect[hw->nprotect];

	if (hw->nprotect == HW_MAX_PROTECTED) {
		return false;
	}
	*p = (struct hw_protect){base, size, kind, ""};
	(void)snprintf(p->name, sizeof(p->name), "%s", name);
	hw->nprotect++;
	return true;
}
