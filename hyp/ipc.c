// SPDX-License-Identifier: Apache-2.0
/* Shared-memory channels and doorbells between VMs (see ipc.h and dts/bindings). */
#include <string.h>

#include "arch/mmu.h"
#include "arch/vm.h"
#include "color.h"
#include "console.h"
#include "ipc.h"
#include "mem.h"
#include "tessera/hypercall.h"
#include "vm.h"

/* Set at boot (ipc_init, ipc_vm_attach) before any guest runs; read-only after: no lock. */
struct ipc_chan {
	struct color_region region; /* the channel's pages (contiguous unless colored) */
	bool backed;
	u32 members;  /* bitmap of the VM indices that map the channel */
	u32 ringable; /* members with an irq */
	struct vm *vm[CFG_MAX_VMS];
	irqid_t irq[CFG_MAX_VMS];
};

static struct ipc_chan chans[CFG_MAX_SHMEM];
static const struct config *ipc_cfg;

static bool channel_wanted(const struct config *cfg, u32 k)
{
	for (u32 i = 0; i < cfg->nvms; i++) {
		for (u32 s = 0; !cfg->vms[i].refused && s < cfg->vms[i].nshmem; s++) {
			if (cfg->vms[i].shmem[s].channel == k) {
				return true;
			}
		}
	}
	return false;
}

/* Colored, fixed (claimed before any allocation) or allocated contiguous. */
static int alloc_channel(const struct cfg_shmem *c, struct ipc_chan *ch)
{
	struct palloc *pa = mem_palloc();
	paddr_t base = c->pa;
	char list[96];

	if (c->colors != 0U) {
		if (!color_alloc(mem_color_pool(), pa, c->size, c->colors, &ch->region)) {
			return 0;
		}
		cfg_colors_str(c->colors, list, sizeof(list));
		log_err("%s: no %lu KiB of free memory in colors %s for the channel", c->path,
			c->size / KIB, list);
		return -1;
	}
	if (c->has_pa && palloc_claim(pa, c->pa, c->size)) {
		log_err("%s: phys-addr [0x%lx..0x%lx) is not free memory", c->path, c->pa,
			c->pa + c->size);
		return -1;
	}
	if (!c->has_pa && palloc_alloc_block(pa, c->size, c->size >= BLOCK_2M, &base)) {
		log_err("%s: no %lu KiB of free memory for the channel (%lu KiB free)", c->path,
			c->size / KIB, palloc_free_bytes(pa) / KIB);
		return -1;
	}
	color_region_contig(&ch->region, base, c->size);
	return 0;
}

static int back_channel(const struct cfg_shmem *c, struct ipc_chan *ch)
{
	void *win;

	if (alloc_channel(c, ch) != 0) {
		return -1;
	}
	/* A channel starts zeroed: nothing of a previous user leaks through it. */
	win = mem_window_map_region(&ch->region, 0, c->size);
	if (!win) {
		log_err("%s: cannot map the channel to clear it", c->path);
		return -1;
	}
	(void)memset(win, 0, c->size);
	arch_dcache_clean(win, c->size);
	mem_window_unmap(c->size);
	ch->backed = true;
	return 0;
}

void ipc_init(struct config *cfg)
{
	ipc_cfg = cfg;
	for (int pass = 0; pass < 2; pass++) {
		for (u32 k = 0; k < cfg->nshmem; k++) {
			struct cfg_shmem *c = &cfg->shmem[k];

			if (c->refused || c->has_pa != (pass == 0) || !channel_wanted(cfg, k)) {
				continue;
			}
			if (back_channel(c, &chans[k]) != 0) {
				c->refused = true;
			}
		}
	}
}

bool ipc_channel_pa(u32 chan, paddr_t *pa)
{
	u64 run;

	return chan < CFG_MAX_SHMEM && chans[chan].backed &&
	       color_region_pa(&chans[chan].region, 0, pa, &run);
}

/*
 * A member powered off, stopped after a fault or being reset has no one to
 * take the ring: the ringer is told (TESSERA_E_OFF), as of the moment it rang.
 */
static bool member_running(const struct vm *vm)
{
	return __atomic_load_n(&vm->state, __ATOMIC_ACQUIRE) != VM_STOPPED;
}

long ipc_ring(struct vm *vm, u64 chan, u64 target)
{
	struct ipc_chan *ch = chan < CFG_MAX_SHMEM ? &chans[chan] : NULL;
	u32 mask;

	if (!ch || !ch->backed) {
		return TESSERA_E_INVALID;
	}
	if (!(ch->members & (1U << vm->id))) {
		return TESSERA_E_DENIED;
	}
	if (target == TESSERA_DB_ALL) {
		mask = ch->ringable & ~(1U << vm->id);
	} else {
		mask = target < CFG_MAX_VMS ? ch->ringable & (1U << target) : 0U;
	}
	if (!mask) {
		return TESSERA_E_INVALID;
	}
	for (u32 t = 0; t < CFG_MAX_VMS; t++) {
		if ((mask & (1U << t)) && !member_running(ch->vm[t])) {
			mask &= ~(1U << t);
		}
	}
	if (!mask) {
		return TESSERA_E_OFF;
	}
	for (u32 t = 0; t < CFG_MAX_VMS; t++) {
		if ((mask & (1U << t)) != 0U) {
			arch_vm_pulse_irq(ch->vm[t], ch->irq[t]);
		}
	}
	return TESSERA_OK;
}

/* The member's doorbell page (registers in tessera/hypercall.h); other offsets RAZ/WI. */
static void doorbell_access(struct vcpu *vcpu, void *dev, struct mmio_access *acc)
{
	struct ipc_doorbell *db = dev;
	const struct ipc_chan *ch = &chans[db->chan];

	if (acc->write) {
		if (acc->offset == TESSERA_DB_RING) {
			__atomic_store_n(&db->status, (u32)ipc_ring(vcpu->vm, db->chan, acc->value),
					 __ATOMIC_RELAXED);
		}
		return;
	}
	switch (acc->offset) {
	case TESSERA_DB_STATUS:
		acc->value = __atomic_load_n(&db->status, __ATOMIC_RELAXED);
		break;
	case TESSERA_DB_SELF:
		acc->value = vcpu->vm->id;
		break;
	case TESSERA_DB_MEMBERS:
		acc->value = ch->ringable;
		break;
	case TESSERA_DB_CHANNEL:
		acc->value = db->chan;
		break;
	default:
		acc->value = 0;
		break;
	}
}

/* Its registers are 32 bits wide: word accesses only. */
static const struct mmio_device doorbell_device = {
	.name = "doorbell page",
	.align = 1,
	.widths = MMIO_W(4),
	.access = doorbell_access,
};

static int attach_one(struct vm *vm, u32 s)
{
	const struct cfg_vm_shmem *sh = &vm->cfg->shmem[s];
	const struct cfg_shmem *c = &ipc_cfg->shmem[sh->channel];
	struct ipc_chan *ch = &chans[sh->channel];

	if (!ch->backed) {
		log_err("%s/%s: channel %s has no memory", vm->cfg->path, sh->name, c->path);
		return -1;
	}
	/* Data only: never executable; read-only members get no write permission. */
	if (color_map(&vm->s2, sh->ipa, &ch->region, 0, c->size, sh->read_only ? PT_R : PT_RW)) {
		log_err("%s/%s: cannot map the channel at IPA 0x%lx", vm->cfg->path, sh->name,
			sh->ipa);
		return -1;
	}
	vm->doorbell[s] = (struct ipc_doorbell){.chan = sh->channel};
	if (sh->has_doorbell &&
	    vm_mmio_register(vm, sh->doorbell, PAGE_SIZE, &doorbell_device, &vm->doorbell[s])) {
		log_err("%s/%s: too many emulated regions for the doorbell page", vm->cfg->path,
			sh->name);
		return -1;
	}
	return 0;
}

int ipc_vm_attach(struct vm *vm)
{
	for (u32 s = 0; s < vm->cfg->nshmem; s++) {
		if (attach_one(vm, s) != 0) {
			return -1;
		}
	}
	/* Only a VM that is completely built becomes a member others can ring. */
	for (u32 s = 0; s < vm->cfg->nshmem; s++) {
		const struct cfg_vm_shmem *sh = &vm->cfg->shmem[s];
		struct ipc_chan *ch = &chans[sh->channel];

		ch->vm[vm->id] = vm;
		ch->irq[vm->id] = sh->irq;
		ch->members |= 1U << vm->id;
		if (sh->irq != 0U) {
			ch->ringable |= 1U << vm->id;
		}
	}
	return 0;
}
