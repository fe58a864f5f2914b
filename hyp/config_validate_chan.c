/* SPDX-License-Identifier: Apache-2.0 */
/*
 * config_validate_chan: shared-memory channels. A channel is checked before
 * the VMs (the boot allocates channels first): its size, its fixed PA or its
 * colors, and that at least two VMs map it. A channel with a problem is
 * refused and holds nothing, and so is a channel no VM that may start maps:
 * its PA, colors and memory count against others only while one of its
 * members does (val_chan_holds).
 */
#include <stdio.h>

#include "config_internal.h"

/* The VMs that map channel k (a bitmap of VM indices). */
static u32 val_chan_members(const struct config *cfg, u32 k)
{
	u32 members = 0;

	for (u32 j = 0; j < cfg->nvms; j++) {
		members |= (u32)val_vm_maps(&cfg->vms[j], k) << j;
	}
	return members;
}

bool val_chan_holds(struct val_ctx *v, u32 k, u32 *forward)
{
	u32 members = val_chan_members(v->cfg, k);

	*forward = 0;
	if (v->cfg->shmem[k].refused) {
		return false;
	}
	for (u32 j = 0; j < v->cfg->nvms; j++) {
		if (!(members & (1U << j)) || j == (u32)v->vm || !val_vm_claims(v, j)) {
			continue;
		}
		if (val_vm_holds(v, j)) {
			*forward = 0; /* a member that starts: the channel holds for sure */
			return true;
		}
		*forward |= 1U << j;
	}
	return *forward != 0;
}

/* Size, fixed PA, colors: what the channel is, before anything holds against it. */
static bool val_channel_self(struct val_ctx *v, const struct cfg_shmem *ch)
{
	bool colored = val_colors(v, ch->path, ch->colors) &&
		       val_color_supply(v, ch->path, ch->colors, ch->size);

	if (ch->size == 0U || !IS_ALIGNED(ch->size, PAGE_SIZE)) {
		val_err(v, ch->size ? CFG_E_ALIGN : CFG_E_VALUE,
			"%s: size 0x%llx must be a non-zero multiple of 4 KiB", ch->path,
			ULL(ch->size));
		return false;
	}
	if (!ch->has_pa) {
		return colored;
	}
	if (ch->colors != 0U) {
		val_err(v, CFG_E_COLOR, "%s: phys-addr 0x%llx and colors 0x%llx are exclusive",
			ch->path, ULL(ch->pa), ULL(ch->colors));
	}
	if (!IS_ALIGNED(ch->pa, PAGE_SIZE)) {
		val_err(v, CFG_E_ALIGN, "%s: phys-addr 0x%llx is not 4 KiB aligned", ch->path,
			ULL(ch->pa));
	} else {
		val_pa_range(v, ch->path, "phys-addr", ch->pa, ch->size);
	}
	return !ch->refused;
}

/*
 * Each channel needs two VMs that may start (not refused by config_parse);
 * otherwise it is refused, and so is its one member.
 */
static void val_channel_members(struct val_ctx *v, u32 k)
{
	const struct config *cfg = v->cfg;
	u32 members = val_chan_members(cfg, k);
	u32 count = 0;
	u32 last = 0;

	for (u32 j = 0; j < cfg->nvms; j++) {
		if ((members & (1U << j)) && !cfg->vms[j].refused) {
			count++;
			last = j;
		}
	}
	if (count >= 2U) {
		return;
	}
	v->vm = count ? (int)last : -1;
	val_err(v, CFG_E_SHMEM, "%s: channel is mapped by %u partition%s, needs at least 2%s%s",
		cfg->shmem[k].path, count, count == 1U ? "" : "s", count ? ": " : "",
		count ? cfg->vms[last].path : "");
	v->vm = -1;
}

bool val_vm_maps(const struct cfg_vm *vm, u32 k)
{
	for (u32 s = 0; s < vm->nshmem; s++) {
		if (vm->shmem[s].channel == k) {
			return true;
		}
	}
	return false;
}

void val_channels(struct val_ctx *v)
{
	for (u32 k = 0; k < v->cfg->nshmem; k++) {
		struct cfg_shmem *ch = &v->cfg->shmem[k];
		bool ok = !ch->refused; /* refused by config_parse: reported, not checked */
		u32 forward;

		v->chan = (int)k;
		ok = ok && val_channel_self(v, ch);
		val_channel_members(v, k);
		/* its colors count against the VMs' only while a member may start */
		if (ok && !ch->refused && val_chan_holds(v, k, &forward) && ch->colors) {
			val_color_charge(v, ch->colors, ch->size);
			v->color_ahead |= forward;
		}
		v->chan = -1;
	}
}

void val_vm_shmem(struct val_ctx *v)
{
	const struct cfg_vm *vm = &v->cfg->vms[v->vm];
	char path[CFG_PATH_MAX + CFG_NAME_MAX];

	for (u32 s = 0; s < vm->nshmem; s++) {
		const struct cfg_vm_shmem *sh = &vm->shmem[s];
		const struct cfg_shmem *ch = &v->cfg->shmem[sh->channel];

		(void)snprintf(path, sizeof(path), "%s/%s", vm->path, sh->name);
		for (u32 r = 0; r < s; r++) {
			if (vm->shmem[r].channel == sh->channel) {
				val_err(v, CFG_E_SHMEM, "%s: channel %s is already mapped by %s/%s",
					path, ch->path, vm->path, vm->shmem[r].name);
			}
		}
		if (ch->refused) {
			val_err(v, CFG_E_SHMEM, "%s: channel %s has errors (reported above)", path,
				ch->path);
		} else {
			(void)val_mapping(v, path, "ipa", sh->ipa, ch->size);
		}
		if (sh->has_doorbell) {
			(void)val_mapping(v, path, "doorbell", sh->doorbell, PAGE_SIZE);
		}
	}
}
