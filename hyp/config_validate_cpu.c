/* SPDX-License-Identifier: Apache-2.0 */
/*
 * config_validate_cpu: the CPUs each VM runs on (cpu-affinity, or the lowest
 * free CPUs that no other VM names) and its interrupts: ones the interrupt
 * controller has and lets VMs have (its driver says which), a physical one
 * in one VM only, none the hypervisor's own.
 */
#include <stdio.h>

#include "config_internal.h"
#include "irqchip/irqchip.h"

static bool val_cpu_startable(const struct hw *hw, u32 c)
{
	return c == 0U || hw->cpus[c].startable;
}

/*
 * Asked for by the cpu-affinity of another VM whose claims count (one that
 * starts, or is not checked yet): a VM without affinity leaves it alone.
 */
static bool val_cpu_claimed(struct val_ctx *v, u32 c)
{
	for (u32 j = 0; j < v->cfg->nvms; j++) {
		const struct cfg_vm *o = &v->cfg->vms[j];

		if (j == (u32)v->vm || !o->has_affinity || !val_vm_claims(v, j)) {
			continue;
		}
		for (u32 k = 0; k < o->ncpus; k++) {
			if (o->affinity[k] != v->hw->cpus[c].arch_id) {
				continue;
			}
			if (!val_vm_holds(v, j)) {
				v->claims_used |= 1U << j; /* rechecked if j is refused */
			}
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
		u64 id = vm->affinity[k];
		u32 c = 0;

		while (c < hw->ncpus && hw->cpus[c].arch_id != id) {
			c++;
		}
		for (u32 r = 0; r < k; r++) {
			if (vm->affinity[r] == id) {
				val_err(v, CFG_E_CPU_AFFINITY,
					"%s: cpu-affinity entry %u (0x%llx) repeats entry %u",
					vm->path, k, ULL(id), r);
			}
		}
		if (c == hw->ncpus) {
			val_err(v, CFG_E_CPU_AFFINITY,
				"%s: cpu-affinity entry %u (0x%llx) is not the reg of any of the "
				"%u "
				"hardware cpu nodes",
				vm->path, k, ULL(id), hw->ncpus);
		} else if (!owner[c] && !val_cpu_startable(hw, c)) {
			val_err(v, CFG_E_CPU_AFFINITY,
				"%s: cpu-affinity entry %u (0x%llx, %s) cannot be started "
				"(no usable enable-method)",
				vm->path, k, ULL(id), hw->cpus[c].path);
		} else {
			/* a CPU of the hardware that can be started */
		}
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
		if (owner[c] != 0U) {
			held++;
		}
		if (owner[c] || !val_cpu_startable(hw, c) || val_cpu_claimed(v, c)) {
			continue;
		}
		if (nfree < vm->ncpus) {
			vm->cpus[nfree] = c;
		}
		nfree++;
	}
	if (vm->ncpus > hw->ncpus) {
		val_err(v, CFG_E_CPU_COUNT, "%s: cpu-count %u, but the hardware has %u CPUs",
			vm->path, vm->ncpus, hw->ncpus);
	} else if (nfree < vm->ncpus) {
		val_err(v, CFG_E_CPU_COUNT,
			"%s: cpu-count %u, but only %u of the %u hardware CPUs are free "
			"(%u assigned to other partitions)",
			vm->path, vm->ncpus, nfree, hw->ncpus, held);
	} else {
		/* enough free CPUs */
	}
}

void val_vm_cpus_taken(struct val_ctx *v, const u8 *owner)
{
	const struct cfg_vm *vm = &v->cfg->vms[v->vm];

	for (u32 k = 0; vm->has_affinity && k < vm->ncpus; k++) {
		u32 c = vm->cpus[k];

		if (c < v->hw->ncpus && owner[c]) {
			val_err(v, CFG_E_CPU_AFFINITY,
				"%s: cpu-affinity entry %u (0x%llx, %s) is already assigned to VM "
				"'%s'",
				vm->path, k, ULL(vm->affinity[k]), v->hw->cpus[c].path,
				cfg_vm_label(&v->cfg->vms[owner[c] - 1U]));
		}
	}
}

void val_vm_cpus(struct val_ctx *v, const u8 *owner)
{
	if (!v->cfg->vms[v->vm].has_affinity) {
		val_cpu_alloc(v, owner);
	} else {
		val_cpu_affinity(v, owner);
	}
}

/* ------------------------------------------------------------- interrupts */

bool val_irq_find(const struct cfg_vm *vm, irqid_t irq, u32 limit, char *where, size_t len)
{
	u32 use = 0;

	for (u32 d = 0; d < vm->ndevs; d++) {
		for (u32 k = 0; k < vm->devs[d].nirqs; k++, use++) {
			if (use < limit && vm->devs[d].irqs[k] == irq) {
				return snprintf(where, len, "%s", vm->devs[d].path) >= 0;
			}
		}
	}
	for (u32 s = 0; s < vm->nshmem; s++) {
		if (vm->shmem[s].irq && use < limit && vm->shmem[s].irq == irq) {
			return snprintf(where, len, "%s/%s", vm->path, vm->shmem[s].name) >= 0;
		}
		if (vm->shmem[s].irq != 0U) {
			use++;
		}
	}
	return false;
}

bool val_irq_range(struct val_ctx *v, const char *path, const char *prop, irqid_t irq,
		   bool physical)
{
	struct irq_range r;

	if (physical) {
		irqchip_assignable(&v->hw->irqchip, &r);
	} else {
		arch_cfg_virq_range(v->hw, &r);
	}
	if (irq >= r.first && irq <= r.last) {
		return true;
	}
	val_err(v, CFG_E_IRQ_RANGE, "%s: %s " ARCH_IRQ_NAME " %u is not %s (%u..%u)", path, prop,
		irq, r.what, r.first, r.last);
	return false;
}

static u32 val_dev_irq_count(const struct cfg_vm *vm)
{
	u32 n = 0;

	for (u32 d = 0; d < vm->ndevs; d++) {
		n += vm->devs[d].nirqs;
	}
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

	if (!val_irq_range(v, path, prop, irq, physical)) {
		return;
	}
	if (physical && irq == val_kept(v)->console_irq) {
		val_err(v, CFG_E_DEV_HYP,
			"%s: %s " ARCH_IRQ_NAME
			" %u is the interrupt of the hypervisor's console UART (%s), "
			"which it takes for console input",
			path, prop, irq, v->hw->console.path);
		return;
	}
	if (val_irq_find(vm, irq, use, where, sizeof(where))) {
		val_err(v, CFG_E_IRQ_VM, "%s: %s " ARCH_IRQ_NAME " %u is already used by %s", path,
			prop, irq, where);
		return;
	}
	for (u32 j = 0; physical && j < v->cfg->nvms; j++) {
		const struct cfg_vm *o = &v->cfg->vms[j];

		if (val_vm_holds(v, j) &&
		    val_irq_find(o, irq, val_dev_irq_count(o), where, sizeof(where))) {
			val_err(v, CFG_E_IRQ_VM,
				"%s: %s " ARCH_IRQ_NAME " %u is already given to VM '%s' (%s)",
				path, prop, irq, cfg_vm_label(o), where);
		}
	}
}

void val_vm_irqs(struct val_ctx *v)
{
	const struct cfg_vm *vm = &v->cfg->vms[v->vm];
	char path[CFG_PATH_MAX + CFG_NAME_MAX];
	u32 use = 0;

	for (u32 d = 0; d < vm->ndevs; d++) {
		for (u32 k = 0; k < vm->devs[d].nirqs; k++) {
			val_irq(v, vm->devs[d].path, "irqs", vm->devs[d].irqs[k], use++, true);
		}
	}
	for (u32 s = 0; s < vm->nshmem; s++) {
		if (!vm->shmem[s].irq) {
			continue;
		}
		(void)snprintf(path, sizeof(path), "%s/%s", vm->path, vm->shmem[s].name);
		val_irq(v, path, "irq", vm->shmem[s].irq, use++, false);
	}
}

/* guest-interrupt-files: the controller must have a file for a VM on each CPU. */
void val_vm_guest_files(struct val_ctx *v)
{
	const struct cfg_vm *vm = &v->cfg->vms[v->vm];
	const struct hw_irqchip *ic = &v->hw->irqchip;
	char why[192];

	if (!vm->guest_files || (ic->drv == NULL)) {
		return; /* no controller: reported for the board */
	}
	if (ic->drv->guest_files == NULL) {
		val_err(v, CFG_E_HW,
			"%s: guest-interrupt-files: the %s has no interrupt files for VMs "
			"(interrupts reach a VM through the hypervisor only)",
			vm->path, ic->drv->name);
	} else if (!ic->drv->guest_files(ic, why, sizeof(why))) {
		val_err(v, CFG_E_HW, "%s: guest-interrupt-files: %s", vm->path, why);
	} else {
		/* every CPU has one */
	}
}
