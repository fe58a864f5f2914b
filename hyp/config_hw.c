/* SPDX-License-Identifier: Apache-2.0 */
/*
 * config_hw: hw_parse(), the hardware DTB reduced to what partitioning needs:
 * CPUs and how to start them, PSCI conduit, RAM, reserved memory, console
 * UART and the GIC. Bindings: Linux Documentation/devicetree/bindings/
 * arm/cpus.yaml, arm/psci.yaml, reserved-memory/reserved-memory.yaml,
 * interrupt-controller/arm,gic.yaml and arm,gic-v3.yaml.
 */
#include <stdio.h>
#include <string.h>

#include "config_internal.h"
#include "dt.h"

#define HW_DEFAULT_NR_IRQS 988 /* until the boot code reads GICD_TYPER */
#define HW_IPA_BITS 39

static void hw_copy(char *dst, size_t size, const char *src)
{
	snprintf(dst, size, "%s", src);
}

static void hw_parse_enable(const void *fdt, int node, struct hw_cpu *cpu,
			    struct cfg_report *rep)
{
	const char *method = dt_string(fdt, node, "enable-method");

	cpu->enable = CPU_ENABLE_NONE;
	if (!method)
		return;
	if (!strcmp(method, "psci")) {
		cpu->enable = CPU_ENABLE_PSCI;
	} else if (!strcmp(method, "spin-table")) {
		if (dt_u64(fdt, node, "cpu-release-addr", &cpu->release_addr) == 0)
			cpu->enable = CPU_ENABLE_SPIN_TABLE;
		else
			cfg_diag(rep, CFG_E_HW, -1, true,
				 "%s: enable-method \"spin-table\" without a valid "
				 "cpu-release-addr: CPU cannot be started",
				 cpu->path);
	} else {
		cfg_diag(rep, CFG_E_HW, -1, true,
			 "%s: enable-method \"%s\" not supported: CPU cannot be started",
			 cpu->path, method);
	}
}

static int hw_parse_cpu(const void *fdt, int node, struct hw_cpu *cpu,
			struct cfg_report *rep)
{
	u64 size;
	int ret;

	memset(cpu, 0, sizeof(*cpu));
	dt_path(fdt, node, cpu->path, sizeof(cpu->path));
	ret = dt_reg(fdt, node, 0, &cpu->mpidr, &size);
	if (ret < 0) {
		cfg_diag(rep, CFG_E_HW, -1, true, "%s: reg missing or malformed (error %d): CPU ignored",
			 cpu->path, ret);
		return -1;
	}
	hw_parse_enable(fdt, node, cpu, rep);
	return 0;
}

static int hw_parse_cpus(const void *fdt, struct hw *hw, struct cfg_report *rep)
{
	int cpus = dt_node_by_path(fdt, "/cpus");

	if (cpus < 0)
		return cfg_diag(rep, CFG_E_HW, -1, false, "hardware DTB: no /cpus node");
	for (int n = dt_first_child(fdt, cpus); n >= 0; n = dt_next_child(fdt, n)) {
		const char *type = dt_string(fdt, n, "device_type");

		if (!type || strcmp(type, "cpu"))
			continue;
		if (hw->ncpus == HW_MAX_CPUS) {
			cfg_diag(rep, CFG_E_TOO_MANY, -1, true,
				 "/cpus: more than %u CPUs, the others are not used",
				 HW_MAX_CPUS);
			break;
		}
		if (hw_parse_cpu(fdt, n, &hw->cpus[hw->ncpus], rep) == 0)
			hw->ncpus++;
	}
	if (hw->ncpus == 0)
		return cfg_diag(rep, CFG_E_HW, -1, false,
				"/cpus: no usable node with device_type \"cpu\"");
	return 0;
}

static int hw_find_enabled(const void *fdt, const char *compat)
{
	int node = dt_find_compatible(fdt, -1, compat);

	while (node >= 0 && !dt_is_enabled(fdt, node))
		node = dt_find_compatible(fdt, node, compat);
	return node;
}

static void hw_parse_psci(const void *fdt, struct hw *hw, struct cfg_report *rep)
{
	static const char *const compat[] = { "arm,psci-1.0", "arm,psci-0.2", "arm,psci" };
	char path[CFG_PATH_MAX] = "/psci";
	const char *method = NULL;
	int node = -1;

	for (u32 i = 0; i < ARRAY_SIZE(compat) && node < 0; i++)
		node = hw_find_enabled(fdt, compat[i]);
	if (node >= 0) {
		dt_path(fdt, node, path, sizeof(path));
		method = dt_string(fdt, node, "method");
	}
	if (method && !strcmp(method, "smc"))
		hw->psci = PSCI_CONDUIT_SMC;
	else if (method && !strcmp(method, "hvc"))
		hw->psci = PSCI_CONDUIT_HVC;
	else if (node >= 0)
		cfg_diag(rep, CFG_E_HW, -1, true, "%s: method \"%s\" is not \"smc\" or \"hvc\"",
			 path, method ? method : "");
	for (u32 i = 0; i < hw->ncpus && hw->psci == PSCI_CONDUIT_NONE; i++) {
		if (hw->cpus[i].enable != CPU_ENABLE_PSCI)
			continue;
		hw->cpus[i].enable = CPU_ENABLE_NONE;
		cfg_diag(rep, CFG_E_HW, -1, true,
			 "%s: enable-method \"psci\" but no usable PSCI node "
			 "(compatible \"arm,psci*\", method): CPU cannot be started",
			 hw->cpus[i].path);
	}
}

/*
 * Adds every reg entry of node (translated) to ranges[]; returns errors.
 * strict: a range that cannot be recorded is an error (reserved memory), else
 * a warning (RAM that is not used).
 */
static int hw_add_regs(const void *fdt, int node, struct mem_range *ranges, u32 *count,
		       u32 max, bool strict, struct cfg_report *rep)
{
	char path[CFG_PATH_MAX];
	int n = dt_reg_count(fdt, node);

	dt_path(fdt, node, path, sizeof(path));
	if (n < 0)
		return cfg_diag(rep, CFG_E_HW, -1, !strict, "%s: reg missing or malformed (error %d)",
				path, n);
	for (int i = 0; i < n; i++) {
		u64 base;
		u64 size;
		int ret = dt_reg_translated(fdt, node, i, &base, &size);

		if (ret < 0 || base + size < base)
			return cfg_diag(rep, CFG_E_HW, -1, !strict,
					"%s: reg entry %d cannot be translated (error %d)", path,
					i, ret);
		if (size == 0)
			continue;
		if (*count == max)
			return cfg_diag(rep, strict ? CFG_E_HW : CFG_E_TOO_MANY, -1, !strict,
					"%s: reg " RANGE_FMT " exceeds the limit of %u ranges%s",
					path, RANGE_ARG(base, size), max, strict ? "" : ": not used");
		ranges[*count].base = base;
		ranges[(*count)++].size = size;
	}
	return 0;
}

static int hw_parse_memory(const void *fdt, struct hw *hw, struct cfg_report *rep)
{
	int errs = 0;

	for (int n = dt_first_child(fdt, 0); n >= 0; n = dt_next_child(fdt, n)) {
		const char *type = dt_string(fdt, n, "device_type");

		if (type && !strcmp(type, "memory") && dt_is_enabled(fdt, n))
			errs += hw_add_regs(fdt, n, hw->ram, &hw->nram, HW_MAX_RAM, false, rep);
	}
	if (hw->nram == 0)
		errs += cfg_diag(rep, CFG_E_HW, -1, false,
				 "hardware DTB: no memory node (device_type \"memory\") with RAM");
	return errs;
}

/* Reserved ranges must all be known, or a VM could be given one: errors. */
static int hw_parse_reserved(const void *fdt, struct hw *hw, struct cfg_report *rep)
{
	int errs = 0;
	int rsv = dt_node_by_path(fdt, "/reserved-memory");
	int count = dt_mem_rsv_count(fdt);

	for (int n = rsv >= 0 ? dt_first_child(fdt, rsv) : -1; n >= 0;
	     n = dt_next_child(fdt, n)) {
		if (dt_is_enabled(fdt, n) && dt_prop_len(fdt, n, "reg") >= 0)
			errs += hw_add_regs(fdt, n, hw->reserved, &hw->nreserved,
					    HW_MAX_RESERVED, true, rep);
	}
	for (int i = 0; i < count; i++) {
		u64 base;
		u64 size;

		if (dt_mem_rsv(fdt, i, &base, &size) < 0 || size == 0)
			continue;
		if (hw->nreserved == HW_MAX_RESERVED)
			return errs + cfg_diag(rep, CFG_E_HW, -1, false,
					       "/memreserve/ " RANGE_FMT
					       " exceeds the limit of %u reserved ranges",
					       RANGE_ARG(base, size), HW_MAX_RESERVED);
		hw->reserved[hw->nreserved].base = base;
		hw->reserved[hw->nreserved++].size = size;
	}
	return errs;
}

static void hw_parse_console(const void *fdt, struct hw *hw, struct cfg_report *rep)
{
	struct hw_uart *uart = &hw->console;
	const char *compat;
	int node = dt_stdout_node(fdt);
	int ret;

	if (node < 0) {
		int chosen = dt_node_by_path(fdt, "/chosen");

		if (chosen >= 0 && dt_bool(fdt, chosen, "stdout-path"))
			cfg_diag(rep, CFG_E_HW, -1, true,
				 "/chosen: stdout-path does not resolve to a node: no console");
		return;
	}
	dt_path(fdt, node, uart->path, sizeof(uart->path));
	compat = dt_string(fdt, node, "compatible");
	hw_copy(uart->compatible, sizeof(uart->compatible), compat ? compat : "");
	ret = dt_reg_translated(fdt, node, 0, &uart->base, &uart->size);
	if (ret < 0) {
		uart->base = 0;
		uart->size = 0;
		cfg_diag(rep, CFG_E_HW, -1, true,
			 "%s: console reg missing or not translatable (error %d): no console",
			 uart->path, ret);
	}
}

static int hw_gic_regs(const void *fdt, int node, struct hw_gic *gic, struct cfg_report *rep)
{
	u32 need = gic->version == 3 ? 2 : 4;
	int n = dt_reg_count(fdt, node);
	u64 *base[4] = { &gic->dist_base, &gic->redist_base, NULL, NULL };
	u64 *size[4] = { &gic->dist_size, &gic->redist_size, NULL, NULL };

	if (gic->version == 2) {
		base[1] = &gic->cpu_base;
		size[1] = &gic->cpu_size;
		base[2] = &gic->hyp_base;
		size[2] = &gic->hyp_size;
		base[3] = &gic->vcpu_base;
		size[3] = &gic->vcpu_size;
	}
	if (n < (int)need)
		return cfg_diag(rep, CFG_E_HW, -1, false,
				"%s: reg has %d entries, GICv%u needs %u (%s)", gic->path,
				n < 0 ? 0 : n, gic->version, need,
				need == 2 ? "GICD, GICR" : "GICD, GICC, GICH, GICV");
	for (u32 i = 0; i < need; i++) {
		int ret = dt_reg_translated(fdt, node, (int)i, base[i], size[i]);

		if (ret < 0)
			return cfg_diag(rep, CFG_E_HW, -1, false,
					"%s: reg entry %u cannot be translated (error %d)",
					gic->path, i, ret);
	}
	return 0;
}

static int hw_parse_gic(const void *fdt, struct hw *hw, struct cfg_report *rep)
{
	static const char *const v2[] = { "arm,cortex-a15-gic", "arm,gic-400",
					  "arm,cortex-a9-gic" };
	int node = hw_find_enabled(fdt, "arm,gic-v3");

	hw->gic.version = 3;
	for (u32 i = 0; i < ARRAY_SIZE(v2) && node < 0; i++) {
		node = hw_find_enabled(fdt, v2[i]);
		hw->gic.version = 2;
	}
	if (node < 0) {
		hw->gic.version = 0;
		return cfg_diag(rep, CFG_E_HW, -1, false,
				"hardware DTB: no enabled interrupt controller compatible with "
				"\"arm,gic-v3\", \"arm,cortex-a15-gic\", \"arm,gic-400\" or "
				"\"arm,cortex-a9-gic\"");
	}
	dt_path(fdt, node, hw->gic.path, sizeof(hw->gic.path));
	return hw_gic_regs(fdt, node, &hw->gic, rep);
}

int hw_parse(const void *fdt, u64 max_size, struct hw *hw, struct cfg_report *rep)
{
	int errs = 0;

	/* Everything before nprotected is parsed; the protected ranges are the caller's. */
	memset(hw, 0, offsetof(struct hw, nprotected));
	hw->gic.nr_irqs = HW_DEFAULT_NR_IRQS;
	hw->ipa_bits = HW_IPA_BITS;
	if (dt_check(fdt, max_size) < 0)
		return cfg_diag(rep, CFG_E_BLOB, -1, false,
				"hardware DTB: invalid or truncated blob (%llu bytes available)",
				ULL(max_size));
	errs += hw_parse_cpus(fdt, hw, rep);
	hw_parse_psci(fdt, hw, rep);
	errs += hw_parse_memory(fdt, hw, rep);
	errs += hw_parse_reserved(fdt, hw, rep);
	hw_parse_console(fdt, hw, rep);
	errs += hw_parse_gic(fdt, hw, rep);
	return errs;
}
