// SPDX-License-Identifier: Apache-2.0
/*
 * RISC-V's part of a guest's DTB (arch contract: hyp/include/arch/guest_dtb.h):
 * what Linux needs to boot on the VM (Linux Documentation/arch/riscv/boot.rst:
 * it starts in S-mode, here VS-mode, with satp off, a0 = hart id, a1 = the DTB;
 * vcpu.c). Each vCPU a hart node (hart id n: vcpu.c starts vCPU n with a0 = n;
 * started by SBI HSM, which needs no DT property) saying only what the VM may
 * use: the ISA extensions of riscv_guest_isa[] every hart has (no H), an
 * mmu-type no larger than the G-stage allows, its local interrupt controller
 * (riscv,cpu-intc) with a phandle; /cpus timebase-frequency from the hardware
 * (the guest's time CSR counts at the hart's rate); the interrupt controller
 * node describes the VM's: on a PLIC machine the virtual PLIC (vplic.c:
 * context n is vCPU n's supervisor external interrupt), on an AIA machine the
 * virtual APLIC, a direct-mode domain (vaplic.c: IDC n is vCPU n's), or for
 * a VM with guest interrupt files an MSI-mode one whose msi-parent is the
 * VM's IMSIC node, vCPU n's file page n (vplic.c); sources 1..nsrc-1.
 * /chosen's stdout-path the vuart by default.
 * Every 16550 is the VM's vuart or a device it owns.
 * Bindings: Linux Documentation/devicetree/bindings/riscv/cpus.yaml,
 * riscv/extensions.yaml, interrupt-controller/riscv,cpu-intc.yaml,
 * interrupt-controller/sifive,plic-1.0.0.yaml, riscv,aplic.yaml,
 * riscv,imsics.yaml, serial/8250.yaml.
 */
#include <stdio.h>
#include <string.h>

#include "arch/guest_dtb.h"
#include "console.h"
#include "cpu.h"
#include "csr.h"
#include "dt.h"
#include "dt_write.h"
#include "guest_dtb.h"
#include "vplic.h"

/* Room for every name of riscv_guest_isa[] with its separator, and "rv64". */
#define ISA_STR_MAX 256U

static int set_if_missing(void *fdt, int node, const char *prop, const char *value)
{
	if (fdt_getprop(fdt, node, prop, NULL) != NULL) {
		return 0;
	}
	return dtw_set_string(fdt, node, prop, value);
}

/*
 * Appends s, with its NUL when nul (a string list), at buf + *len, keeping
 * buf a string (ISA_STR_MAX bytes); false if it does not fit.
 */
static bool append(char *buf, u32 *len, const char *s, bool nul)
{
	size_t n = strlen(s) + (nul ? 1U : 0U);

	if ((size_t)*len + n + 1U > ISA_STR_MAX) {
		return false;
	}
	(void)memcpy(&buf[*len], s, n);
	*len += (u32)n;
	buf[*len] = '\0';
	return true;
}

/*
 * riscv,isa ("rv64imafdc_zicsr_..._sstc": single letters, then '_' and each
 * multi-letter name) and riscv,isa-base "rv64i" with riscv,isa-extensions
 * (cpus.yaml: the former is deprecated for the two latter; Linux 6.12 reads
 * the latter first) of the extensions the VM may use (hyp_hw.arch.guest_isa;
 * Ssaia only with its own interrupt files: aia).
 */
static int set_isa(void *fdt, int node, bool aia)
{
	char isa[ISA_STR_MAX], list[ISA_STR_MAX];
	u32 isa_len = 0U, list_len = 0U;
	bool ok;
	int ret;

	list[0] = '\0';
	ok = append(isa, &isa_len, "rv64", false);
	for (u32 i = 0; i < riscv_guest_isa_n && ok; i++) {
		const char *ext = riscv_guest_isa[i];

		if (((hyp_hw.arch.guest_isa & (1ULL << i)) != 0U) &&
		    (aia || (strcmp(ext, "ssaia") != 0))) {
			ok = (ext[1] == '\0' || append(isa, &isa_len, "_", false)) &&
			     append(isa, &isa_len, ext, false) &&
			     append(list, &list_len, ext, true);
		}
	}
	if (!ok) {
		return -FDT_ERR_NOSPACE;
	}
	ret = dtw_set_string(fdt, node, "riscv,isa", isa);
	ret = ret < 0 ? ret : dtw_set_string(fdt, node, "riscv,isa-base", "rv64i");
	return ret < 0 ? ret : fdt_setprop(fdt, node, "riscv,isa-extensions", list, (int)list_len);
}

/* The hart's riscv,cpu-intc child (riscv,cpu-intc.yaml), its phandle in *phandle. */
static int fix_intc(void *fdt, int cpu, u32 *phandle)
{
	int node = dtw_subnode(fdt, cpu, "interrupt-controller");
	int ret = node < 0 ? node : dtw_set_string(fdt, node, "compatible", "riscv,cpu-intc");

	ret = ret < 0 ? ret : fdt_setprop_u32(fdt, node, "#interrupt-cells", 1U);
	ret = ret < 0 ? ret : fdt_setprop_empty(fdt, node, "interrupt-controller");
	return ret < 0 ? ret : dtw_phandle(fdt, node, phandle);
}

/*
 * vCPU i's hart node (cpus.yaml). mmu-type: what the VM's guest-physical
 * addresses allow, Sv48 with an Sv48x4 G-stage, else Sv39 (arch_hw.c: the
 * hardware's harts all have at least that).
 */
static int fix_hart(void *fdt, int cpus, u32 i, bool aia, u32 *intc)
{
	const char *mmu = hyp_hw.arch.gstage == GSTAGE_SV48X4 ? "riscv,sv48" : "riscv,sv39";
	char name[16];
	int node, ret;

	(void)snprintf(name, sizeof(name), "cpu@%x", i);
	node = fdt_subnode_offset(fdt, cpus, name);
	ret = node < 0 ? node : set_if_missing(fdt, node, "compatible", "riscv");
	ret = ret < 0 ? ret : dtw_set_string(fdt, node, "status", "okay");
	ret = ret < 0 ? ret : dtw_set_string(fdt, node, "mmu-type", mmu);
	ret = ret < 0 ? ret : set_isa(fdt, node, aia);
	return ret < 0 ? ret : fix_intc(fdt, node, intc);
}

/* The guest DTB's node of the VM's interrupt controller, or a negative libfdt error. */
static int irqchip_node(const void *fdt)
{
	int node;

	if (vplic_is_aplic()) {
		return fdt_node_offset_by_compatible(fdt, -1, "riscv,aplic");
	}
	node = fdt_node_offset_by_compatible(fdt, -1, "sifive,plic-1.0.0");
	return node >= 0 ? node : fdt_node_offset_by_compatible(fdt, -1, "riscv,plic0");
}

/* The VM has guest interrupt files: an IMSIC of its own, the APLIC in MSI mode. */
static bool vm_files(const struct cfg_vm *c)
{
	return c->guest_files && vplic_is_aplic();
}

static int imsic_node(const void *fdt)
{
	return fdt_node_offset_by_compatible(fdt, -1, "riscv,imsics");
}

static int del_if_present(void *fdt, int node, const char *prop)
{
	int ret = fdt_delprop(fdt, node, prop);

	return ret == -FDT_ERR_NOTFOUND ? 0 : ret;
}

/*
 * guest-interrupt-files: the VM's IMSIC (riscv,imsics.yaml; AIA spec 3.6):
 * reg the VM's pages at the IMSICs' address (where the guest DTB must have
 * it), page n vCPU n's file (vplic.c
 * map_files), interrupts-extended vCPU n's supervisor external interrupt as
 * file n (ext), the hardware's riscv,num-ids; no guest files of its own and
 * not the hardware's index layout (riscv,guest-index-bits, hart-index-bits,
 * group-index-*: their defaults then describe one page per hart). Its
 * phandle in *phandle.
 */
static int fix_imsic(void *fdt, const fdt32_t *ext, u32 len, u32 ncpus, u32 *phandle)
{
	static const char *const layout[] = {"riscv,guest-index-bits", "riscv,hart-index-bits",
					     "riscv,group-index-bits", "riscv,group-index-shift"};
	u64 base = 0, size;
	int node = imsic_node(fdt);
	int parent = node < 0 ? node : fdt_parent_offset(fdt, node);
	int ret = parent;

	if ((ret >= 0) && (dtw_reg(fdt, node, 0, &base, &size) == 0) &&
	    (base == hyp_hw.irqchip.reg[1].base)) { /* elsewhere: arch_guest_dtb_check refuses */
		ret = dtw_set_reg(fdt, node, base, (u64)ncpus << PAGE_SHIFT,
				  dtw_addr_cells(fdt, parent), dtw_size_cells(fdt, parent));
	}
	ret = ret < 0 ? ret : fdt_setprop(fdt, node, "interrupts-extended", ext, (int)len);
	ret = ret < 0 ? ret : fdt_setprop_u32(fdt, node, "riscv,num-ids", hyp_hw.irqchip.msi_ids);
	ret = ret < 0 ? ret : fdt_setprop_empty(fdt, node, "interrupt-controller");
	ret = ret < 0 ? ret : fdt_setprop_empty(fdt, node, "msi-controller");
	ret = ret < 0 ? ret : fdt_setprop_u32(fdt, node, "#interrupt-cells", 0U);
	for (u32 i = 0; (i < ARRAY_SIZE(layout)) && (ret >= 0); i++) {
		ret = del_if_present(fdt, node, layout[i]);
	}
	return ret < 0 ? ret : dtw_phandle(fdt, node, phandle);
}

/*
 * The VM's interrupt controller, as vplic.c and vaplic.c emulate it: the
 * PLIC's context n (sifive,plic-1.0.0.yaml) or the APLIC's IDC n
 * (riscv,aplic.yaml), in interrupts-extended order, is vCPU n's supervisor
 * external interrupt (9: privileged spec 4.1.3); its sources, riscv,ndev or
 * riscv,num-sources; #interrupt-cells, unless given, 1 for the PLIC, 2 (the
 * source and its flags) for the APLIC. The VM's APLIC delivers directly (no
 * msi-parent), or with guest interrupt files as MSIs to the VM's IMSIC (its
 * msi-parent, no interrupts-extended: riscv,aplic.yaml). Without the nodes
 * nothing is added: arch_guest_dtb_check refuses the DTB.
 */
static int fix_irqchip(void *fdt, const u32 *intc, const struct cfg_vm *c)
{
	fdt32_t ext[2U * CFG_MAX_VCPUS];
	u32 nsrc = MIN(hyp_hw.irqchip.nr_irqs, (u32)VPLIC_SRCS), len, imsic = 0U;
	bool aplic = vplic_is_aplic();
	int node = irqchip_node(fdt), ret = 0;

	if ((node < 0) || (vm_files(c) && (imsic_node(fdt) < 0))) {
		return ((node < 0) && (node != -FDT_ERR_NOTFOUND)) ? node : 0;
	}
	for (u32 i = 0; i < c->ncpus; i++) {
		ext[2U * i] = cpu_to_fdt32(intc[i]);
		ext[(2U * i) + 1U] = cpu_to_fdt32(IRQ_S_EXT);
	}
	len = c->ncpus * (u32)sizeof(ext[0]) * 2U;
	if (vm_files(c)) { /* the IMSIC's edits move the APLIC node: found again */
		ret = fix_imsic(fdt, ext, len, c->ncpus, &imsic);
		node = ret < 0 ? ret : irqchip_node(fdt);
		ret = node < 0 ? node : fdt_setprop_u32(fdt, node, "msi-parent", imsic);
		ret = ret < 0 ? ret : del_if_present(fdt, node, "interrupts-extended");
	} else {
		ret = fdt_setprop(fdt, node, "interrupts-extended", ext, (int)len);
	}
	ret = ret < 0 ? ret
		      : fdt_setprop_u32(fdt, node, aplic ? "riscv,num-sources" : "riscv,ndev",
					nsrc - 1U);
	ret = ret < 0 ? ret : fdt_setprop_empty(fdt, node, "interrupt-controller");
	if (ret >= 0 && fdt_getprop(fdt, node, "#interrupt-cells", NULL) == NULL) {
		ret = fdt_setprop_u32(fdt, node, "#interrupt-cells", aplic ? 2U : 1U);
	}
	if (ret >= 0 && aplic && !vm_files(c)) {
		ret = del_if_present(fdt, node, "msi-parent");
	}
	return ret;
}

/* /chosen stdout-path, unless the guest DTB has one: the 16550 node of the VM's vuart. */
static int fix_stdout(void *fdt, const struct cfg_vm *c)
{
	char path[CFG_PATH_MAX];
	int chosen = dtw_subnode(fdt, 0, "chosen");

	if (chosen < 0 || !c->vuart.present ||
	    fdt_getprop(fdt, chosen, "stdout-path", NULL) != NULL) {
		return chosen < 0 ? chosen : 0;
	}
	for (int n = fdt_node_offset_by_compatible(fdt, -1, "ns16550a"); n >= 0;
	     n = fdt_node_offset_by_compatible(fdt, n, "ns16550a")) {
		u64 addr, size;

		if (dtw_reg(fdt, n, 0, &addr, &size) == 0 && addr == c->vuart.ipa &&
		    fdt_get_path(fdt, n, path, (int)sizeof(path)) == 0) {
			return dtw_set_string(fdt, chosen, "stdout-path", path);
		}
	}
	return 0;
}

int arch_guest_dtb_fixup(void *fdt, int cpus, const struct cfg_vm *c)
{
	u32 intc[CFG_MAX_VCPUS];
	int ret = fdt_setprop_u32(fdt, cpus, "timebase-frequency", (u32)hyp_hw.arch.timebase);

	/* /cpus' offset stays: the edits are below it */
	for (u32 i = 0; i < c->ncpus && ret >= 0; i++) {
		ret = fix_hart(fdt, cpus, i, vm_files(c), &intc[i]);
	}
	ret = ret < 0 ? ret : fix_irqchip(fdt, intc, c);
	return ret < 0 ? ret : fix_stdout(fdt, c);
}

/*
 * The specifier of the PLIC's and the APLIC's bindings (Linux Documentation/
 * devicetree/bindings/interrupt-controller/sifive,plic-1.0.0.yaml,
 * riscv,aplic.yaml): the source, and with #interrupt-cells = <2> its flags
 * (1 = rising edge, what a doorbell is).
 */
int arch_guest_dtb_irq(void *fdt, irqid_t irq, u32 *parent, u32 cells[4], u32 *n)
{
	int node = irqchip_node(fdt), len, ret;
	const fdt32_t *ic = node < 0 ? NULL : fdt_getprop(fdt, node, "#interrupt-cells", &len);
	u32 ncells = ic && len == 4 ? fdt32_to_cpu(*ic) : 0U;

	if (node < 0) {
		return node;
	}
	if (ncells != 1U && ncells != 2U) {
		return -FDT_ERR_BADNCELLS;
	}
	ret = dtw_phandle(fdt, node, parent);
	if (ret < 0) {
		return ret;
	}
	cells[0] = irq;
	cells[1] = 1;
	*n = ncells;
	return 0;
}

/* The guest's PLIC or APLIC node must be where the VM's virtual one is. */
static int check_irqchip(const void *fdt, const struct cfg_vm *c)
{
	const struct hw_irqchip *ic = &hyp_hw.irqchip;
	const char *name = vplic_is_aplic() ? "APLIC" : "PLIC";
	int node = irqchip_node(fdt);

	if (node < 0) {
		log_err("%s: guest DTB has no %s node (%s; the VM has a virtual %s at IPA 0x%lx) "
			"[%s]",
			c->path, name, vplic_is_aplic() ? "riscv,aplic" : "sifive,plic-1.0.0", name,
			ic->reg[0].base, cfg_strerror(CFG_E_IMAGE));
		return -1;
	}
	return guest_dtb_check_reg(fdt, node, 0, ic->reg[0].base, name, c);
}

/* A VM with guest interrupt files: the guest's IMSIC node where its files are. */
static int check_imsic(const void *fdt, const struct cfg_vm *c)
{
	int node;

	if (!vm_files(c)) {
		return 0;
	}
	node = imsic_node(fdt);
	if (node < 0) {
		log_err("%s: guest DTB has no IMSIC node (riscv,imsics; the VM has "
			"guest-interrupt-files: its vCPUs' interrupt files are at IPA 0x%lx) [%s]",
			c->path, hyp_hw.irqchip.reg[1].base, cfg_strerror(CFG_E_IMAGE));
		return -1;
	}
	return guest_dtb_check_reg(fdt, node, 0, hyp_hw.irqchip.reg[1].base, "IMSIC", c);
}

int arch_guest_dtb_check(const void *fdt, const struct cfg_vm *c)
{
	return check_irqchip(fdt, c) || check_imsic(fdt, c) ||
			       guest_dtb_check_uarts(fdt, c, "ns16550a")
		       ? -1
		       : 0;
}
