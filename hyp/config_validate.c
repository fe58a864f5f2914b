/* SPDX-License-Identifier: Apache-2.0 */
/*
 * config_validate: checks a parsed configuration against the hardware and
 * across VMs, in VM order. A VM that fails a check is refused, and what it
 * asked for (CPUs, memory, devices, interrupts) is not held against the VMs
 * after it. Every problem is reported, not just the first.
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

bool val_irq_find(const struct cfg_vm *vm, irqid_t irq, u32 limit, char *where, size_t len)
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

bool val_irq_range(struct val_ctx *v, const char *path, const char *prop, irqid_t irq)
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
	return v.errs;
}

u32 config_vms_ok(const struct config *cfg)
{
	u32 n = 0;

	for (u32 i = 0; i < cfg->nvms; i++)
		n += !cfg->vms[i].refused;
	return n;
}
