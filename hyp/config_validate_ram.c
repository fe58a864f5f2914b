/* SPDX-License-Identifier: Apache-2.0 */
/*
 * config_validate_ram: will the RAM the boot allocates be there? The boot
 * takes RAM minus reserved memory and what the hypervisor protects, claims
 * the fixed memory of the VMs and channels, allocates the channels, then
 * each VM's memory in VM order (hyp/main.c, ipc.c, vm.c). The same page
 * allocator (palloc) replays that here on the layout, so a VM whose memory
 * would not be found at boot is refused now, by the checker as by the boot,
 * with its memory@ node and reg. Not modelled: colored memory (checked per
 * color, config_validate_color.c) and the hypervisor's own page tables
 * (a few pages per VM); if those make the boot run short, vm.c refuses the
 * VM then, with the same message.
 *
 * Claims ahead: a VM's fixed memory is claimed before any VM's allocation,
 * as at boot; if that VM is refused in the end, a VM before it that missed
 * RAM because of it is checked again (config_validate).
 */
#include <stdio.h>

#include "config_internal.h"
#include "palloc.h"

/* Claims VM i's fixed memory; v->ram_fixed[i]: which regions it got. */
static void val_ram_claim_fixed(struct val_ctx *v, u32 i)
{
	const struct cfg_vm *vm = &v->cfg->vms[i];

	v->ram_fixed[i] = 0;
	for (u32 k = 0; !vm->colors && k < vm->nmem; k++) {
		if (vm->mem[k].has_pa &&
		    palloc_claim(&v->ram, vm->mem[k].pa, vm->mem[k].size) == 0) {
			v->ram_fixed[i] |= (u8)(1U << k);
		}
	}
}

/* A pre-loaded blob outside the VM's own fixed memory stays untouched until copied (boot.c). */
static void val_ram_preloaded(struct val_ctx *v, const struct cfg_vm *vm)
{
	/* MISRA misreading 9.3: every element of the array is initialised */
	const struct cfg_image *imgs[] = {&vm->image, &vm->initrd, &vm->dtb};

	for (u32 k = 0; k < ARRAY_SIZE(imgs); k++) {
		/* MISRA misreading 10.3: false is essentially Boolean */
		bool own = false;

		for (u32 m = 0; m < vm->nmem; m++) {
			own |= vm->mem[m].has_pa && range_inside(imgs[k]->pa, imgs[k]->size,
								 vm->mem[m].pa, vm->mem[m].size);
		}
		if (imgs[k]->kind == CFG_IMAGE_PRELOADED && !own) {
			palloc_exclude(&v->ram, imgs[k]->pa, imgs[k]->size);
		}
	}
}

/* A channel's memory, allocated before any VM's (ipc_init). */
static void val_ram_channel(struct val_ctx *v, u32 k)
{
	const struct cfg_shmem *ch = &v->cfg->shmem[k];
	u32 forward;
	paddr_t pa;

	if (ch->colors || !val_chan_holds(v, k, &forward)) {
		return;
	}
	if (ch->has_pa ? palloc_claim(&v->ram, ch->pa, ch->size) == 0
		       : palloc_alloc_block(&v->ram, ch->size, ch->size >= BLOCK_2M, &pa) == 0) {
		v->ram_chan_ahead |= forward; /* its memory counts for VMs not checked yet */
		return;
	}
	if (ch->has_pa) {
		return; /* its PA overlaps something else: reported by the channel's checks */
	}
	v->chan = (int)k;
	v->claims_used |= v->ram_ahead;
	val_err(v, CFG_E_MEM_FREE,
		"%s: size 0x%llx: no free RAM of that size left for the channel (%llu KiB free in "
		"all, after reserved memory, the hypervisor and fixed memory)",
		ch->path, ULL(ch->size), ULL(palloc_free_bytes(&v->ram) / KIB));
	v->chan = -1;
}

void val_ram_init(struct val_ctx *v)
{
	const struct hw *hw = v->hw;

	palloc_init(&v->ram);
	v->ram_ahead = 0;
	v->ram_chan_ahead = 0;
	for (u32 i = 0; i < hw->nram; i++) {
		(void)palloc_add(&v->ram, hw->ram[i].base, hw->ram[i].size);
	}
	for (u32 i = 0; i < hw->nreserved; i++) {
		palloc_exclude(&v->ram, hw->reserved[i].base, hw->reserved[i].size);
	}
	for (u32 i = 0; i < hw->nprotect && i < HW_MAX_PROTECTED; i++) {
		palloc_exclude(&v->ram, hw->protect[i].base, hw->protect[i].size);
	}
	for (u32 i = 0; i < v->cfg->nvms; i++) {
		v->ram_fixed[i] = 0;
		if (!val_vm_claims(v, i)) {
			continue;
		}
		val_ram_preloaded(v, &v->cfg->vms[i]);
		val_ram_claim_fixed(v, i);
		v->ram_ahead |= (u32)(v->ram_fixed[i] != 0U) << i;
	}
	for (u32 k = 0; k < v->cfg->nshmem; k++) {
		val_ram_channel(v, k);
	}
}

/* Gives back what the current VM holds in the replay: it is refused. */
static void val_ram_release(struct val_ctx *v, const paddr_t *got, u32 n)
{
	const struct cfg_vm *vm = &v->cfg->vms[v->vm];

	for (u32 k = 0; k < vm->nmem; k++) {
		if ((v->ram_fixed[v->vm] & (1U << k)) != 0U) {
			(void)palloc_free(&v->ram, vm->mem[k].pa, vm->mem[k].size);
		} else if (k < n && !vm->mem[k].has_pa) {
			(void)palloc_free(&v->ram, got[k], vm->mem[k].size);
		} else {
			/* not allocated in the replay */
		}
	}
	v->ram_fixed[v->vm] = 0;
}

/* The largest free range left, for the message. */
static u64 val_ram_largest(const struct palloc *ram)
{
	u64 largest = 0;

	for (u32 i = 0; i < ram->nfree; i++) {
		largest = MAX(largest, ram->free[i].size);
	}
	return largest;
}

void val_vm_ram(struct val_ctx *v)
{
	const struct cfg_vm *vm = &v->cfg->vms[v->vm];
	paddr_t got[CFG_MAX_MEM];
	u32 k = 0;

	v->ram_ahead &= ~(1U << (u32)v->vm); /* its own fixed memory is no claim ahead any more */
	for (; !vm->refused && !vm->colors && k < vm->nmem; k++) {
		const struct cfg_mem *m = &vm->mem[k];
		bool block = m->size >= BLOCK_2M && IS_ALIGNED(m->ipa, BLOCK_2M);

		if (m->has_pa || palloc_alloc_block(&v->ram, m->size, block, &got[k]) == 0) {
			continue;
		}
		/* the fixed memory of VMs after it, and channels held only by such VMs, counted */
		v->claims_used |= v->ram_ahead | v->ram_chan_ahead;
		val_err(v, CFG_E_MEM_FREE,
			"%s/%s: reg " RANGE_FMT
			" needs %llu KiB of RAM at boot, but the largest free "
			"range left is %llu KiB (%llu KiB in all, after reserved memory, the "
			"hypervisor, fixed memory, channels and the partitions before)",
			vm->path, m->name, RANGE_ARG(m->ipa, m->size), ULL(m->size / KIB),
			ULL(val_ram_largest(&v->ram) / KIB), ULL(palloc_free_bytes(&v->ram) / KIB));
		break;
	}
	if (vm->refused) {
		val_ram_release(v, got, k);
	}
}
