// SPDX-License-Identifier: Apache-2.0
/*
 * The virtual APLIC (vplic.h): a VM's supervisor-level interrupt domain in
 * direct delivery mode (RISC-V AIA spec v1.0, section 4.5 for the register
 * map, 4.8 for the IDCs), at the physical domain's address, IDC n being vCPU
 * n's. Trap-and-emulate, on the virtual PLIC's state (vplic.c), which holds
 * pending and claimed sources and raises VSEIP: here only the registers, from
 * which each vCPU's set of deliverable sources is derived (derive()).
 *
 * Only the VM's sources exist for it: the others' sourcecfg, target and
 * enable bits read as zero and writes to them are ignored (section 4.5.2: a
 * source not delegated to a domain appears unimplemented), with a message
 * when the write would have activated, enabled or pended the source; not for
 * the writes that leave it as it reads (inactive, disabled, not pending; any
 * target), which a driver's initialisation makes on every source (Linux's
 * aplic_init_hw_irqs).
 * A VM with guest interrupt files (guest-interrupt-files) gets the domain in
 * MSI mode instead (domaincfg.DM reads 1; section 4.9): vCPU n's IMSIC, at
 * the IMSICs' address, page n, is its hart's guest file (mapped, not
 * emulated: the guest claims through its own vstopei, CSRs of that file),
 * and the registers only route. A pass-through source the guest enables is
 * set on the physical APLIC to the physical hart of the vCPU it targets,
 * guest index APLIC_VM_GUEST, the guest's identity: the device's MSI lands
 * in the vCPU's file with no exit (derive_msi); a virtual source (vuart,
 * doorbell) is written into that file by the hypervisor (vaplic_forward).
 * setipnum of a pass-through source is the physical one (4.9.2: a level
 * source still asserted after its handler is sent again so), and the
 * pending and input bits the guest reads of it are the physical ones.
 *
 * A claim (claimi, 4.8.1.5) releases the sources this IDC claimed before:
 * there is no completion in direct mode, a level-sensitive source's pending
 * bit follows its input (4.7), so a pass-through source stays masked on the
 * physical APLIC from its arrival to the guest's next claim, after it
 * cleared the device (a guest's handler claims until claimi reads 0).
 */
#include <string.h>

#include "arch/vm.h"
#include "irqchip/aplic.h"
#include "mmio.h"
#include "vm.h"
#include "vplic.h"

#define IPRIO_MASK   0xffU /* IPRIOLEN 8 (section 4.5.16) */
#define SM_MASK	     0x7U
#define DOMAINCFG_RO 0x80000000U /* bits 31:24 read 0x80 (section 4.5.1) */
#define IDC_END	     (APLIC_IDC + (CFG_MAX_VCPUS * APLIC_IDC_STEP))
#define EIID_MASK    0x7ffU	 /* MSI mode target: identity in bits 10:0 (4.5.16) */
#define MSI_TARGET   0xfffc07ffU /* and the hart index; guest index 0: no guest files here */
#define ROUTED_ON    0x800U	 /* routed[]: enabled (target bit 11 is reserved) */

/* The APLIC's priority 1 (highest) .. 255 as the vPLIC's 255 .. 1 (higher wins there). */
static u8 plic_prio(u32 target)
{
	u32 iprio = target & IPRIO_MASK;

	return (u8)(256U - ((iprio == 0U) ? 1U : iprio));
}

/* Direct mode: each vCPU's deliverable sources and threshold, from the registers (lock held). */
static void derive_direct(struct vplic *p, u32 nvcpus)
{
	struct vaplic *a = &p->aplic;
	bool on = (a->domaincfg & APLIC_DOMAINCFG_IE) != 0U;

	for (u32 c = 0; c < nvcpus; c++) {
		u32 t = a->ithreshold[c] & IPRIO_MASK;

		for (u32 w = 0; w < VPLIC_WORDS; w++) {
			p->ctx[c].enable[w] = 0U;
		}
		p->ctx[c].threshold = (t == 0U) ? 0U : (256U - t);
	}
	for (u32 s = 1; s < p->nsrc; s++) {
		u32 c = a->target[s] >> APLIC_TARGET_HART;
		u32 sm = a->sourcecfg[s] & SM_MASK;

		p->prio[s] = plic_prio(a->target[s]);
		if (on && (c < nvcpus) && (((a->idelivery >> c) & 1U) != 0U) &&
		    vplic_bit(a->ie, s) && (sm >= APLIC_SM_EDGE1)) {
			vplic_set_bit(p->ctx[c].enable, s, true);
		}
	}
}

/* MSI mode: source s goes to its target vCPU's file now (lock held). */
static bool msi_on(const struct vplic *p, u32 nvcpus, u32 s)
{
	const struct vaplic *a = &p->aplic;

	return ((a->domaincfg & APLIC_DOMAINCFG_IE) != 0U) && vplic_bit(a->ie, s) &&
	       ((a->sourcecfg[s] & SM_MASK) >= APLIC_SM_EDGE1) &&
	       ((a->target[s] >> APLIC_TARGET_HART) < nvcpus) && ((a->target[s] & EIID_MASK) != 0U);
}

/* The physical CPU of the vCPU source s targets (vCPU 0's if none). */
static cpuid_t msi_cpu(const struct vm *vm, u32 s)
{
	u32 c = vm->arch.vplic.aplic.target[s] >> APLIC_TARGET_HART;

	return vm->vcpus[(c < vm->nvcpus) ? c : 0U].pcpu;
}

void vaplic_forward(struct vm *vm)
{
	struct vplic *p = &vm->arch.vplic;

	for (u32 w = 0; (w < VPLIC_WORDS) && ((w * 32U) < p->nsrc); w++) {
		u32 ready = p->pending[w] & p->owned[w] & ~p->hw[w];

		for (; ready != 0U; ready &= ready - 1U) {
			u32 s = (w * 32U) + (u32)__builtin_ctz(ready);

			if (msi_on(p, vm->nvcpus, s)) {
				vplic_set_bit(p->pending, s, false);
				aplic_vm_notify(msi_cpu(vm, s), p->aplic.target[s] & EIID_MASK);
			}
		}
	}
}

/*
 * MSI mode (lock held): each pass-through source where the registers send it,
 * on the physical APLIC (routed[]: what it was last given, to write only a
 * change); the virtual sources now deliverable, into their files.
 */
static void derive_msi(struct vm *vm)
{
	struct vplic *p = &vm->arch.vplic;

	for (u32 s = 1; s < p->nsrc; s++) {
		u32 want;
		bool on;

		if (!vplic_bit(p->hw, s)) {
			continue;
		}
		on = msi_on(p, vm->nvcpus, s);
		want = (p->aplic.target[s] & MSI_TARGET) | (on ? ROUTED_ON : 0U);
		if (p->aplic.routed[s] != want) {
			p->aplic.routed[s] = want;
			aplic_vm_route(s, msi_cpu(vm, s), p->aplic.target[s] & EIID_MASK, on);
		}
	}
	vaplic_forward(vm);
}

/* What the registers now ask, after a write (lock held). */
static void derive(struct vm *vm)
{
	struct vplic *p = &vm->arch.vplic;

	if (p->msi) {
		derive_msi(vm);
	} else {
		derive_direct(p, vm->nvcpus);
	}
}

static bool owned(const struct vplic *p, u32 src)
{
	return (src != 0U) && (src < p->nsrc) && vplic_bit(p->owned, src);
}

/* A source the VM does not own: refused with a message (rate-limited per vCPU). */
static bool mine(struct vcpu *vcpu, const struct vplic *p, u32 src, const char *reg)
{
	if (owned(p, src)) {
		return true;
	}
	if (src != 0U) {
		vcpu_warn(vcpu, "virtual APLIC: %s of source %u, which is not the VM's: ignored",
			  reg, src);
	}
	return false;
}

/* claimi: the sources this IDC claimed before are done; the top one now, claimed. */
static u32 claimi(struct vplic *p, u32 c)
{
	u32 src;

	for (u32 s = 1; s < p->nsrc; s++) {
		if (vplic_bit(p->claimed, s) && ((p->aplic.target[s] >> APLIC_TARGET_HART) == c)) {
			vplic_release(p, s);
		}
	}
	src = vplic_claim(p, c);
	return (src == 0U) ? 0U : ((src << APLIC_TOPI_ID) | (p->aplic.target[src] & IPRIO_MASK));
}

static u32 topi(const struct vplic *p, u32 c)
{
	u32 src = vplic_best(p, c);

	return (src == 0U) ? 0U : ((src << APLIC_TOPI_ID) | (p->aplic.target[src] & IPRIO_MASK));
}

static u32 read_idc(struct vplic *p, u32 c, u32 r)
{
	switch (r) {
	case APLIC_IDELIVERY:
		return (p->aplic.idelivery >> c) & 1U;
	case APLIC_ITHRESHOLD:
		return p->aplic.ithreshold[c];
	case APLIC_TOPI:
		return topi(p, c);
	case APLIC_CLAIMI:
		return claimi(p, c);
	default:
		return 0U; /* iforce: not emulated, reads 0 */
	}
}

/* MSI mode: a pass-through source's pending and input bits are the physical APLIC's. */
static u32 hw_bits(const struct vplic *p, u32 group, u32 w)
{
	return p->msi ? (aplic_vm_bits(group, w) & p->hw[w]) : 0U;
}

/* Pending, enabled, rectified-input bits of a word, the VM's sources only. */
static u32 read_bits(const struct vplic *p, u32 off)
{
	u32 w = (off % 0x80U) / 4U;

	if (w >= VPLIC_WORDS) {
		return 0U;
	}
	if ((off >= APLIC_SETIP) && (off < APLIC_SETIPNUM)) {
		return (p->pending[w] & p->owned[w]) | hw_bits(p, APLIC_SETIP, w);
	}
	if ((off >= APLIC_IN_CLRIP) && (off < APLIC_CLRIPNUM)) {
		return (p->level[w] & p->owned[w]) | hw_bits(p, APLIC_IN_CLRIP, w);
	}
	if ((off >= APLIC_SETIE) && (off < APLIC_SETIENUM)) {
		return p->aplic.ie[w] & p->owned[w];
	}
	return 0U;
}

static u32 read_reg(struct vplic *p, u32 nvcpus, u32 off)
{
	u32 src = ((off - APLIC_SOURCECFG) / 4U) + 1U;

	if (off == APLIC_DOMAINCFG) {
		return DOMAINCFG_RO | p->aplic.domaincfg | (p->msi ? APLIC_DOMAINCFG_DM : 0U);
	}
	if (off < APLIC_SETIP) {
		return ((src < p->nsrc) && vplic_bit(p->owned, src)) ? p->aplic.sourcecfg[src] : 0U;
	}
	if (off < APLIC_SETIPNUM_LE) {
		return read_bits(p, off);
	}
	if ((off >= APLIC_TARGET) && (off < APLIC_IDC)) {
		src = ((off - APLIC_TARGET) / 4U) + 1U;
		return ((src < p->nsrc) && vplic_bit(p->owned, src)) ? p->aplic.target[src] : 0U;
	}
	if (!p->msi && (off >= APLIC_IDC) && (off < IDC_END) &&
	    (((off - APLIC_IDC) / APLIC_IDC_STEP) < nvcpus)) {
		return read_idc(p, (off - APLIC_IDC) / APLIC_IDC_STEP, off % APLIC_IDC_STEP);
	}
	return 0U;
}

/*
 * MSI mode: a write pends a level-sensitive source only while its line is up
 * (AIA spec 4.7; Linux's handler writes setipnum after each one, 4.9.2).
 */
static bool line_allows(const struct vplic *p, u32 src)
{
	return ((p->aplic.sourcecfg[src] & SM_MASK) < APLIC_SM_LEVEL1) || vplic_bit(p->level, src);
}

/* setipnum, clripnum, setienum, clrienum and their bitmap forms, on one source. */
static void write_one(struct vcpu *vcpu, struct vplic *p, u32 base, u32 src)
{
	bool sets = (base == APLIC_SETIE) || (base == APLIC_SETIP);

	if (sets ? !mine(vcpu, p, src, "a pending or enable bit") : !owned(p, src)) {
		return;
	}
	if (base == APLIC_SETIE) {
		vplic_set_bit(p->aplic.ie, src, true);
	} else if (base == APLIC_CLRIE) {
		vplic_set_bit(p->aplic.ie, src, false);
	} else if (!vplic_bit(p->hw, src)) { /* a device's pending bit is its own */
		vplic_set_bit(p->pending, src,
			      (base == APLIC_SETIP) && !vplic_bit(p->claimed, src) &&
				      (!p->msi || line_allows(p, src)));
	} else if (p->msi && (base == APLIC_SETIP)) {
		aplic_vm_setip(src); /* sent again if still asserted (4.9.2) */
	} else {
		/* a pass-through source's pending bit follows the device */
	}
}

static void write_bits(struct vcpu *vcpu, struct vplic *p, u32 off, u32 v)
{
	u32 base = off & ~0xffU;

	if ((off % 0x100U) == 0xdcU) { /* the ...num register of the group */
		write_one(vcpu, p, base, v);
		return;
	}
	for (u32 b = 0; b < 32U; b++) {
		if (((v >> b) & 1U) != 0U) {
			write_one(vcpu, p, base, (((off % 0x80U) / 4U) * 32U) + b);
		}
	}
}

/* genmsi (4.5.15): an MSI of the identity in bits 10:0 to the vCPU of the hart index. */
static void genmsi(struct vm *vm, u32 v)
{
	u32 c = v >> APLIC_TARGET_HART;

	if (c < vm->nvcpus) {
		aplic_vm_notify(vm->vcpus[c].pcpu, v & EIID_MASK);
	}
}

static void write_reg(struct vcpu *vcpu, struct vplic *p, u32 nvcpus, u32 off, u32 v)
{
	u32 src = ((off - APLIC_SOURCECFG) / 4U) + 1U;

	if (off == APLIC_DOMAINCFG) {
		p->aplic.domaincfg = v & APLIC_DOMAINCFG_IE; /* DM 0 (direct), BE 0: read-only */
	} else if (off < APLIC_SETIP) {
		u32 sm = v & SM_MASK;

		if ((v == 0U) ? owned(p, src) : mine(vcpu, p, src, "sourcecfg")) {
			/* D (delegation): no child domain */
			p->aplic.sourcecfg[src] =
				(((v & APLIC_SOURCECFG_D) != 0U) || (sm == 2U) || (sm == 3U)) ? 0U
											      : sm;
		}
	} else if ((off < APLIC_SETIPNUM_LE) &&
		   ((off % 0x100U) < 0x80U || (off % 0x100U) == 0xdcU)) {
		write_bits(vcpu, p, off, v);
	} else if (off == APLIC_SETIPNUM_LE) {
		write_one(vcpu, p, APLIC_SETIP, v);
	} else if ((off >= APLIC_TARGET) && (off < APLIC_IDC)) {
		src = ((off - APLIC_TARGET) / 4U) + 1U;
		if (owned(p, src)) {
			/* direct mode: bits 17:8 are 0 */
			p->aplic.target[src] = v & (p->msi ? MSI_TARGET : ~(0x3ffU << 8));
		}
	} else if (p->msi && (off == APLIC_GENMSI)) {
		genmsi(vcpu->vm, v);
	} else if (!p->msi && (off >= APLIC_IDC) && (off < IDC_END) &&
		   (((off - APLIC_IDC) / APLIC_IDC_STEP) < nvcpus)) {
		u32 c = (off - APLIC_IDC) / APLIC_IDC_STEP;

		if ((off % APLIC_IDC_STEP) == APLIC_IDELIVERY) {
			vplic_set_bit(&p->aplic.idelivery, c, (v & 1U) != 0U);
		} else if ((off % APLIC_IDC_STEP) == APLIC_ITHRESHOLD) {
			p->aplic.ithreshold[c] = v & IPRIO_MASK;
		} else {
			/* iforce, topi, claimi: not written */
		}
	} else {
		/* genmsi in direct mode; the MSI address registers: the root domain's */
	}
}

static void vaplic_access(struct vcpu *vcpu, void *dev, struct mmio_access *acc)
{
	struct vplic *p = &vcpu->vm->arch.vplic;
	u32 n = vcpu->vm->nvcpus;

	spin_lock(&p->lock);
	if (acc->write) {
		write_reg(vcpu, p, n, (u32)acc->offset, (u32)acc->value);
		derive(vcpu->vm);
	} else {
		acc->value = read_reg(p, n, (u32)acc->offset);
	}
	spin_unlock(&p->lock);
	if (acc->write) {
		vplic_kick_others(vcpu->vm);
	}
}

/* Every APLIC register is 32 bits wide, naturally aligned (section 4.5). */
const struct mmio_device vaplic_device = {
	.name = "virtual APLIC",
	.align = 4,
	.widths = MMIO_W(4),
	.access = vaplic_access,
};

/*
 * Reset (section 4.5): IE 0, every source inactive, disabled, to hart 0 (at
 * priority 1; MSI mode: identity 0, none). The pass-through sources of a VM
 * with guest files are then set disabled on the physical APLIC (routed[]
 * says nothing was written).
 */
void vaplic_reset(struct vm *vm)
{
	struct vplic *p = &vm->arch.vplic;

	spin_lock(&p->lock);
	(void)memset(&p->aplic, 0, sizeof(p->aplic));
	for (u32 s = 0; s < VPLIC_SRCS; s++) {
		p->aplic.target[s] = p->msi ? 0U : 1U;
		p->aplic.routed[s] = ~0U;
	}
	derive(vm);
	spin_unlock(&p->lock);
}
