// SPDX-License-Identifier: Apache-2.0
/* Emulated MMIO regions of a VM: dispatch, and the width and alignment checks before it. */
#include <stdio.h>

#include "console.h"
#include "mmio.h"
#include "vm.h"

int vm_mmio_register(struct vm *vm, u64 base, u64 size, const struct mmio_device *ops, void *dev)
{
	if (vm->nmmio == VM_MAX_MMIO) {
		return -1;
	}
	vm->mmio[vm->nmmio++] = (struct mmio_region){base, size, ops, dev};
	return 0;
}

static const struct mmio_region *region_at(struct vm *vm, u64 ipa)
{
	for (u32 i = 0; i < vm->nmmio; i++) {
		if (ipa - vm->mmio[i].base < vm->mmio[i].size) {
			return &vm->mmio[i];
		}
	}
	return NULL;
}

/* "1- or 4-byte", "4-byte", "1-, 2- or 4-byte": the widths in a set. */
static void widths_str(u32 widths, char *buf, size_t size)
{
	size_t len = 0;
	u32 left = widths;

	buf[0] = '\0';
	for (u32 w = 1; w <= 8U && len < size; w *= 2) {
		if (!(widths & MMIO_W(w))) {
			continue;
		}
		left &= ~MMIO_W(w);
		len += (size_t)snprintf(buf + len, size - len, "%s%u-",
					len == 0U ? ""
					: left	  ? ", "
						  : " or ",
					w);
	}
	snprintf(buf + len, size > len ? size - len : 0U, "byte");
}

enum verdict { ALLOWED, BAD_WIDTH, MISALIGNED, PAST_END };

/*
 * The access must be one the register takes (the device's widths and
 * more_widths: what its specification allows), aligned to its size, and
 * inside the region.
 */
static enum verdict check(struct vcpu *vcpu, const struct mmio_region *r,
			  const struct mmio_access *acc)
{
	const struct mmio_device *ops = r->ops;
	u32 w = MMIO_W(acc->width);

	if (!(ops->widths & w) &&
	    !(ops->more_widths && (ops->more_widths(vcpu, r->dev, acc->offset) & w))) {
		return BAD_WIDTH;
	}
	if (!IS_ALIGNED(acc->offset, MAX(acc->width, ops->align))) {
		return MISALIGNED;
	}
	return acc->width > r->size - acc->offset ? PAST_END : ALLOWED;
}

/*
 * Says why an access is refused, rate-limited per vCPU as every message a
 * guest can cause (vcpu_warn, ratelimit.h): a guest sweeping a device must
 * not flood the console others print on. Out of line: the emulation of
 * allowed accesses does not pay for it.
 */
static __attribute__((noinline, cold)) void report(struct vcpu *vcpu, const struct mmio_access *acc,
						   const struct mmio_region *r, const char *why)
{
	char what[16];

	if (acc->width != 0U) {
		(void)snprintf(what, sizeof(what), "%u-byte %s", acc->width,
			       acc->write ? "write" : "read");
	} else {
		(void)snprintf(what, sizeof(what), "%s", acc->write ? "write" : "read");
	}
	vcpu_warn(vcpu, "%s at IPA 0x%lx (%s + 0x%lx) refused: %s; the guest gets a data abort",
		  what, acc->ipa, r->ops->name, acc->ipa - r->base, why);
}

static __attribute__((noinline, cold)) void refuse(struct vcpu *vcpu, const struct mmio_access *acc,
						   const struct mmio_region *r, enum verdict v)
{
	const struct mmio_device *ops = r->ops;
	u32 widths = ops->widths;
	char list[24], why[64];

	if (ops->more_widths != NULL) {
		widths |= ops->more_widths(vcpu, r->dev, acc->offset);
	}
	if (v == BAD_WIDTH) {
		widths_str(widths, list, sizeof(list));
		(void)snprintf(why, sizeof(why), "this register takes %s accesses only", list);
	} else if (v == MISALIGNED) {
		(void)snprintf(why, sizeof(why), "not aligned to %u bytes",
			       MAX(acc->width, ops->align));
	} else {
		(void)snprintf(why, sizeof(why), "it runs past the end of the device");
	}
	report(vcpu, acc, r, why);
}

enum mmio_result vm_mmio_emulate(struct vcpu *vcpu, struct mmio_access *acc)
{
	const struct mmio_region *r = region_at(vcpu->vm, acc->ipa);
	enum verdict v;

	if (!r) {
		return MMIO_UNMAPPED;
	}
	acc->offset = acc->ipa - r->base;
	v = check(vcpu, r, acc);
	if (v != ALLOWED) {
		refuse(vcpu, acc, r, v);
		return MMIO_REFUSED;
	}
	r->ops->access(vcpu, r->dev, acc);
	return MMIO_DONE;
}

__attribute__((cold)) enum mmio_result vm_mmio_no_syndrome(struct vcpu *vcpu, u64 ipa, bool write)
{
	const struct mmio_region *r = region_at(vcpu->vm, ipa);
	struct mmio_access acc = {.ipa = ipa, .width = 0, .write = write};

	if (!r) {
		return MMIO_UNMAPPED;
	}
	report(vcpu, &acc, r,
	       "the CPU gave no syndrome to emulate it by (a load/store pair, writeback or SIMD "
	       "access)");
	return MMIO_REFUSED;
}
