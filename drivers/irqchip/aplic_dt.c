// SPDX-License-Identifier: Apache-2.0
/*
 * The APLIC driver's DT glue (pure: part of the configuration layer).
 * Bindings: Linux Documentation/devicetree/bindings/interrupt-controller/
 * riscv,aplic.yaml and riscv,imsics.yaml. The hypervisor takes the
 * supervisor-level interrupt domain (RISC-V AIA spec v1.0, section 4.2: the
 * root, machine-level domain is the firmware's, which delegates its sources
 * to this child). The domain has one reg window and riscv,num-sources
 * sources (1..n), and either
 *  - interrupts-extended: it delivers directly (section 4.8), IDC i to the
 *    hart of the i-th <&cpuN_intc 9> (9: the supervisor external interrupt,
 *    privileged spec 4.1.3), or
 *  - msi-parent: it forwards MSIs (section 4.9) to an IMSIC node (chapter 3:
 *    compatible "riscv,imsics"), whose reg holds every hart's interrupt files,
 *    whose interrupts-extended gives each hart its index (section 3.6), with
 *    riscv,num-ids identities per file (section 3.1) and 2^riscv,guest-index-
 *    bits - 1 guest files beside each supervisor one (riscv,guest-index-bits,
 *    default 0).
 * Specifiers are two cells: the source, its trigger type.
 */
#include <stdio.h>

#include "config_internal.h"
#include "dt.h"
#include "irqchip/aplic.h"

#define IRQ_S_EXT	     9U	 /* the supervisor external interrupt (privileged spec 4.1.3) */
#define IRQ_M_EXT	     11U /* the machine one: a domain or file of the firmware's */
#define IMSIC_MIN_IDS	     63U /* riscv,num-ids: 63..2047 (section 3.1) */
#define IMSIC_MAX_IDS	     2047U
#define IMSIC_MAX_GUEST_BITS 6U /* a guest index is 6 bits (sections 3.6, 4.5.16) */

static const char *const aplic_compatible[] = {"riscv,aplic", NULL};

/*
 * Each hart's index in interrupts-extended of node (off, path): the APLIC's
 * IDCs or the IMSIC's files, in order. All must be supervisor-level.
 */
static int hart_indexes(const void *fdt, int off, const char *path, struct hw_irqchip *ic,
			struct cfg_report *rep)
{
	u32 cells[2U * HW_MAX_CPUS];
	u32 n = ARRAY_SIZE(cells);

	if ((dt_u32_array(fdt, off, "interrupts-extended", cells, &n) < 0) || ((n % 2U) != 0U) ||
	    (n == 0U)) {
		return cfg_diag(rep, CFG_E_HW, -1, false,
				"%s: interrupts-extended missing, not <phandle irq> pairs or over "
				"%u harts",
				path, HW_MAX_CPUS);
	}
	for (u32 i = 0; i < (n / 2U); i++) {
		u64 hart;

		if (cells[(2U * i) + 1U] != IRQ_S_EXT) {
			return cfg_diag(rep, CFG_E_HW, -1, false,
					"%s: interrupts-extended entry %u is interrupt %u, not the "
					"supervisor external interrupt (%u): a machine-level %s is "
					"the firmware's",
					path, i, cells[(2U * i) + 1U], IRQ_S_EXT,
					ic->msi_ids != 0U ? "IMSIC" : "domain");
		}
		if (irqchip_intc_cpu(fdt, cells[2U * i], &hart) < 0) {
			return cfg_diag(rep, CFG_E_HW, -1, false,
					"%s: interrupts-extended entry %u: no CPU interrupt "
					"controller with that phandle",
					path, i);
		}
		ic->targets[ic->ntargets].cpu_id = hart;
		ic->targets[ic->ntargets].target = i;
		ic->ntargets++;
	}
	return 0;
}

/* MSI mode: the IMSIC that msi-parent names, its window in reg[1]. */
static int imsic_probe(const struct dt_node *node, struct hw_irqchip *ic, struct cfg_report *rep)
{
	const void *fdt = node->fdt;
	u32 phandle = 0U;
	u32 bits = 0U;
	int off;
	struct dt_node imsic;
	char path[CFG_PATH_MAX];

	(void)dt_u32(fdt, DT_OFF(node), "msi-parent", &phandle);
	off = dt_phandle_node(fdt, phandle);
	if ((off < 0) || (dt_locate(fdt, off, &imsic) < 0) ||
	    !dt_is_compatible(fdt, off, "riscv,imsics")) {
		return cfg_diag(rep, CFG_E_HW, -1, false,
				"%s: msi-parent is not a node compatible with \"riscv,imsics\"",
				ic->path);
	}
	(void)dt_path(fdt, off, path, (int)sizeof(path));
	if (dt_node_reg(&imsic, 0, true, &ic->reg[1].base, &ic->reg[1].size) < 0) {
		return cfg_diag(rep, CFG_E_HW, -1, false, "%s: reg missing or cannot be translated",
				path);
	}
	ic->nregs = 2U;
	if ((dt_u32(fdt, off, "riscv,num-ids", &ic->msi_ids) != 0) ||
	    (ic->msi_ids < IMSIC_MIN_IDS) || (ic->msi_ids > IMSIC_MAX_IDS)) {
		return cfg_diag(rep, CFG_E_HW, -1, false, "%s: riscv,num-ids missing or not %u..%u",
				path, IMSIC_MIN_IDS, IMSIC_MAX_IDS);
	}
	if ((dt_u32(fdt, off, "riscv,guest-index-bits", &bits) == 0) &&
	    (bits > IMSIC_MAX_GUEST_BITS)) {
		return cfg_diag(rep, CFG_E_HW, -1, false,
				"%s: riscv,guest-index-bits %u is over %u", path, bits,
				IMSIC_MAX_GUEST_BITS);
	}
	ic->msi_guest_bits = bits;
	if (ic->msi_ids < (ic->nr_irqs - 1U)) {
		return cfg_diag(rep, CFG_E_HW, -1, false,
				"%s: %u identities, fewer than the %u sources of %s: each source "
				"is its own identity",
				path, ic->msi_ids, ic->nr_irqs - 1U, ic->path);
	}
	return hart_indexes(fdt, off, path, ic, rep);
}

static int aplic_probe(const struct dt_node *node, struct hw_irqchip *ic, struct cfg_report *rep)
{
	const void *fdt = node->fdt;
	u32 n = 0U;
	int ret = dt_node_reg(node, 0, true, &ic->reg[0].base, &ic->reg[0].size);

	if (ret < 0) {
		return cfg_diag(rep, CFG_E_HW, -1, false,
				"%s: reg missing or cannot be translated (error %d)", ic->path,
				ret);
	}
	ic->nregs = 1U;
	if ((dt_u32(fdt, DT_OFF(node), "riscv,num-sources", &n) != 0) || (n == 0U) ||
	    (n >= APLIC_MAX_SRCS)) {
		return cfg_diag(rep, CFG_E_HW, -1, false,
				"%s: riscv,num-sources missing or not 1..%u", ic->path,
				APLIC_MAX_SRCS - 1U);
	}
	ic->nr_irqs = n + 1U;
	if (dt_prop(fdt, DT_OFF(node), "riscv,delegate", NULL) != NULL) {
		return cfg_diag(rep, CFG_E_HW, -1, false,
				"%s: a domain that delegates its sources (riscv,delegate) is the "
				"firmware's machine-level one; the hypervisor needs the "
				"supervisor-level domain",
				ic->path);
	}
	if (dt_prop(fdt, DT_OFF(node), "msi-parent", NULL) != NULL) {
		ic->variant = APLIC_MSI;
		return imsic_probe(node, ic, rep);
	}
	ic->variant = APLIC_DIRECT;
	return hart_indexes(fdt, DT_OFF(node), ic->path, ic, rep);
}

/* <source type>: any source 1..n can go to a VM. */
static enum cfg_err aplic_xlate(const struct hw_irqchip *ic, const u32 *spec, irqid_t *irq,
				char *why, size_t len)
{
	if (spec[0] != 0U) {
		*irq = spec[0];
		return CFG_OK;
	}
	(void)snprintf(why, len, "is source 0, which does not exist");
	return CFG_E_VALUE;
}

static void aplic_assignable(const struct hw_irqchip *ic, struct irq_range *r)
{
	r->first = 1U;
	r->last = ((ic->nr_irqs != 0U) ? ic->nr_irqs : APLIC_MAX_SRCS) - 1U;
	r->what = "a source of the APLIC";
}

static const char *aplic_window_name(const struct hw_irqchip *ic, const void *fdt, int node,
				     u32 index)
{
	return ((ic->variant == APLIC_MSI) && (index == 1U)) ? "IMSIC interrupt files"
							     : "APLIC domain window";
}

/*
 * A VM's vCPU gets guest interrupt file 1 of its hart's IMSIC (section 3.2:
 * files 1..2^guest-index-bits - 1 beside the supervisor one, each a 4 KiB
 * page, a hart's files contiguous: riscv,imsics.yaml), which the APLIC's
 * MSIs reach with guest index 1 in their target (section 4.5.16).
 */
static bool aplic_guest_files(const struct hw_irqchip *ic, char *why, size_t len)
{
	u64 need = (u64)ic->ntargets << (ic->msi_guest_bits + APLIC_FILE_SHIFT);

	if (ic->variant != APLIC_MSI) {
		(void)snprintf(why, len,
			       "the APLIC %s delivers directly to the harts (no msi-parent, no "
			       "IMSIC): only an MSI can go to a VM's interrupt file",
			       ic->path);
	} else if (ic->msi_guest_bits == 0U) {
		(void)snprintf(why, len,
			       "the IMSICs of %s have no guest interrupt files "
			       "(riscv,guest-index-bits 0: AIA section 3.2)",
			       ic->path);
	} else if (ic->reg[1].size < need) {
		(void)snprintf(why, len,
			       "the IMSICs' reg (0x%llx bytes) does not hold %u harts' %u files of "
			       "4 KiB each",
			       ULL(ic->reg[1].size), ic->ntargets, 1U << ic->msi_guest_bits);
	} else {
		return true;
	}
	return false;
}

static void aplic_describe(const struct hw_irqchip *ic, char *buf, size_t len)
{
	if (ic->variant == APLIC_MSI) {
		(void)snprintf(buf, len,
			       "APLIC %s: 0x%llx, %u sources, MSIs into IMSICs at 0x%llx (%u "
			       "harts, %u identities, %u guest files each)",
			       ic->path, ULL(ic->reg[0].base), ic->nr_irqs - 1U,
			       ULL(ic->reg[1].base), ic->ntargets, ic->msi_ids,
			       (1U << ic->msi_guest_bits) - 1U);
	} else {
		(void)snprintf(buf, len,
			       "APLIC %s: 0x%llx, %u sources, direct delivery to %u harts",
			       ic->path, ULL(ic->reg[0].base),
			       (ic->nr_irqs != 0U) ? (ic->nr_irqs - 1U) : 0U, ic->ntargets);
	}
}

IRQCHIP_DRIVER(aplic_driver) = {
	.name = "APLIC",
	.compatible = aplic_compatible,
	.min_cells = 2,
	.probe = aplic_probe,
	.xlate = aplic_xlate,
	.assignable = aplic_assignable,
	.window_name = aplic_window_name,
	.guest_files = aplic_guest_files,
	.describe = aplic_describe,
	.ops = IRQCHIP_OPS(aplic_ops),
};
