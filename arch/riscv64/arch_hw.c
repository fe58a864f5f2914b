// SPDX-License-Identifier: Apache-2.0
/*
 * RISC-V's part of the hardware model and of the configuration layer (arch
 * contract: hyp/include/arch/hw.h). Pure: hyp/config.mk compiles it into the
 * checker and the host tests too. Binding: Linux Documentation/devicetree/
 * bindings/riscv/cpus.yaml (riscv,isa, mmu-type, timebase-frequency, the
 * hart id in reg). A hart runs VMs if its ISA string has the H extension.
 */
#include <stdio.h>
#include <string.h>

#include "config_internal.h"
#include "dt.h"
#include "irqchip/irqchip.h"

/* No firmware node: harts start through SBI HSM, which every SBI v0.2+ firmware has. */
const char *const arch_hw_compatible[] = {NULL};

/*
 * Whether a riscv,isa string ("rv64imafdch_zicsr_..._sstc") has a
 * single-letter extension (before the first '_', after "rv64") or a
 * multi-letter one (a whole '_'-separated name).
 */
static bool isa_has(const char *isa, const char *ext)
{
	size_t n = strlen(ext);
	const char *p;

	if (n == 1U) {
		for (p = isa + 4; *p && *p != '_'; p++) {
			if (*p == ext[0]) {
				return true;
			}
		}
		return false;
	}
	for (p = strchr(isa, '_'); p; p = strchr(p + 1, '_')) {
		if (!strncmp(p + 1, ext, n) && (p[1U + n] == '_' || p[1U + n] == '\0')) {
			return true;
		}
	}
	return false;
}

/*
 * The extensions a VM may use when its harts have them, by the names of
 * riscv,isa-extensions (Linux Documentation/devicetree/bindings/riscv/
 * extensions.yaml), in riscv,isa's order (single letters, then Z, then S):
 * those that need nothing of the hypervisor (computation; the counters
 * hcounteren gives: cycle, time, instret; floating point: the F registers are
 * the guest's, vcpu.c sets sstatus.FS) and Sstc (henvcfg.STCE: vcpu.c). Not H
 * (no nested virtualization), V (sstatus.VS stays off), those that need an
 * henvcfg enable the hypervisor leaves off (Svpbmt, Zicbom, Zicboz, Svadu:
 * privileged spec 8.2.5), nor interrupt or counter hardware a VM does not get
 * (Sscofpmf, Zihpm) or the seed CSR (Zkr). Ssaia (the AIA's S-level CSRs:
 * siselect, sireg, stopei, stopi) only in the DTB of a VM that has guest
 * interrupt files (guest_dtb.c): its VS-level CSRs are then its file's.
 */
const char *const riscv_guest_isa[] = {
	"i",	  "m",	    "a",     "f",	 "d",	      "q",	     "c",
	"zicntr", "zicond", "zicsr", "zifencei", "zihintntl", "zihintpause", "zfa",
	"zfh",	  "zfhmin", "zca",   "zcb",	 "zcd",	      "zcf",	     "zba",
	"zbb",	  "zbc",    "zbkb",  "zbkc",	 "zbkx",      "zbs",	     "zknd",
	"zkne",	  "zknh",   "zksed", "zksh",	 "zkt",	      "ssaia",	     "sstc"};
const u32 riscv_guest_isa_n = (u32)ARRAY_SIZE(riscv_guest_isa);
/* bit n of a hart's guest_isa mask is riscv_guest_isa[n] */
_Static_assert(ARRAY_SIZE(riscv_guest_isa) <= RISCV_GUEST_ISA_MAX, "a u64 mask of extensions");

/*
 * Whether a hart has extension ext: in its riscv,isa-extensions when it has
 * that list (cpus.yaml prefers it), else in its riscv,isa string, where I
 * implies Zicsr, Zifencei and Zicntr (part of I before version 2.1 of the
 * unprivileged spec: Linux reads old strings so).
 */
static BOOT_ONLY bool hart_has(const void *fdt, int node, const char *isa, const char *ext)
{
	int len;
	const void *list = dt_prop(fdt, node, "riscv,isa-extensions", &len);
	struct dt_str want = {ext, strlen(ext)};

	if (list != NULL) {
		return dt_strlist_mask(list, len, &want, 1U) != 0U;
	}
	if (isa == NULL || strlen(isa) <= 4U || strncmp(isa, "rv64", 4) != 0) {
		return false;
	}
	if (strcmp(ext, "zicsr") == 0 || strcmp(ext, "zifencei") == 0 ||
	    strcmp(ext, "zicntr") == 0) {
		return isa_has(isa, ext) || isa_has(isa, "i");
	}
	return isa_has(isa, ext);
}

/* An RV64 hart: riscv,isa-base "rv64i" (with riscv,isa-extensions), else riscv,isa "rv64...". */
static BOOT_ONLY bool hart_rv64(const void *fdt, int node, const char *isa)
{
	const char *base = dt_string(fdt, node, "riscv,isa-base");

	if (base != NULL && dt_prop(fdt, node, "riscv,isa-extensions", NULL) != NULL) {
		return strcmp(base, "rv64i") == 0;
	}
	return isa != NULL && strlen(isa) > 4U && strncmp(isa, "rv64", 4) == 0;
}

/* Which of riscv_guest_isa[] a hart has. */
static BOOT_ONLY u64 hart_guest_isa(const void *fdt, int node, const char *isa)
{
	u64 mask = 0;

	for (u32 i = 0; i < riscv_guest_isa_n; i++) {
		if (hart_has(fdt, node, isa, riscv_guest_isa[i])) {
			mask |= 1ULL << i;
		}
	}
	return mask;
}

BOOT_ONLY void arch_hw_parse_cpu(const void *fdt, struct hw_cpu *cpu, struct cfg_report *rep)
{
	const char *isa = dt_string(fdt, cpu->node, "riscv,isa");
	const char *mmu = dt_string(fdt, cpu->node, "mmu-type");

	/* MISRA misreading 10.6: conditionals of constants are not composite */
	cpu->arch.mmu_levels = mmu == NULL			? 0U
			       : strcmp(mmu, "riscv,sv57") == 0 ? 5U
			       : strcmp(mmu, "riscv,sv48") == 0 ? 4U
			       : strcmp(mmu, "riscv,sv39") == 0 ? 3U
								: 0U;
	cpu->arch.h_ext = hart_rv64(fdt, cpu->node, isa) && hart_has(fdt, cpu->node, isa, "h");
	cpu->arch.sstc = cpu->arch.h_ext && hart_has(fdt, cpu->node, isa, "sstc");
	cpu->arch.guest_isa = hart_guest_isa(fdt, cpu->node, isa);
	cpu->startable = cpu->arch.h_ext;
	if (!cpu->arch.h_ext) {
		bool list = dt_prop(fdt, cpu->node, "riscv,isa-extensions", NULL) != NULL;

		(void)cfg_diag(rep, CFG_E_HW, -1, true,
			       "%s: %s%s%s has no hypervisor extension (H): no VM can run on it",
			       cpu->path, list ? "riscv,isa-extensions" : "riscv,isa \"",
			       list ? "" : (isa != NULL ? isa : ""), list ? "" : "\"");
	}
}

/* The timebase, and whether every hart has Sstc (the guest's vstimecmp). */
BOOT_ONLY int arch_hw_parse(const void *fdt, int node, struct hw *hw, struct cfg_report *rep)
{
	struct dt_node cpus;
	u32 tb = 0;

	bool sv48 = hw->ncpus > 0U;

	hw->arch.sstc = hw->ncpus > 0U;
	hw->arch.guest_isa = ~0ULL;
	for (u32 i = 0; i < hw->ncpus; i++) {
		hw->arch.sstc &= hw->cpus[i].arch.sstc || !hw->cpus[i].arch.h_ext;
		if (hw->cpus[i].arch.h_ext) {
			hw->arch.guest_isa &= hw->cpus[i].arch.guest_isa;
		}
		sv48 &= hw->cpus[i].arch.mmu_levels >= 4U || !hw->cpus[i].arch.h_ext;
	}
	/*
	 * hgatp takes Sv48x4 where satp takes Sv48 (privileged spec 8.2.10): a
	 * four-level walk from level 0, 48 bits of guest-physical address; else
	 * Sv39x4, three levels from level 1, 39 bits.
	 */
	hw->arch.gstage = sv48 ? GSTAGE_SV48X4 : GSTAGE_SV39X4;
	/* MISRA misreading 10.6: conditionals of constants are not composite */
	hw->ipa_bits = sv48 ? ARCH_IPA_BITS : 39U;
	/* MISRA misreading 10.6: conditionals of constants are not composite */
	hw->s2_start_level = sv48 ? 0U : 1U;
	/* In /cpus, or in each cpu node (cpus.yaml allows both): the first CPU's then. */
	if (dt_lookup(fdt, "/cpus", &cpus) < 0 ||
	    dt_u32(fdt, DT_OFF(&cpus), "timebase-frequency", &tb)) {
		if (hw->ncpus != 0U) {
			(void)dt_u32(fdt, hw->cpus[0].node, "timebase-frequency", &tb);
		}
	}
	if (!tb) {
		return cfg_diag(rep, CFG_E_HW, -1, false,
				"/cpus: no timebase-frequency: the hypervisor cannot tell time");
	}
	hw->arch.timebase = tb;
	return 0;
}

/* The hart id is the whole of reg (cpus.yaml). */
u64 arch_cpu_id(u64 id)
{
	return id;
}

/*
 * The virtual PLIC sits at the physical PLIC's address in every VM (vplic.c),
 * the virtual APLIC at the supervisor domain's (vaplic.c).
 */
u32 arch_cfg_vm_windows(const struct hw *hw, const struct cfg_vm *vm, struct arch_vm_window *w,
			u32 max)
{
	const struct hw_irqchip *ic = &hw->irqchip;
	const char *what = "the emulated PLIC";
	u32 n = 0;

	if (!ic->drv || max < 2U) {
		return 0;
	}
	if (strcmp(ic->drv->name, "APLIC") == 0) {
		what = "the emulated APLIC";
	}
	w[n++] = (struct arch_vm_window){ic->reg[0].base, ic->reg[0].size, what};
	if (vm->guest_files && (ic->nregs > 1U)) { /* vCPU k's interrupt file: page k (vaplic.c) */
		w[n++] = (struct arch_vm_window){ic->reg[1].base, (u64)vm->ncpus << PAGE_SHIFT,
						 "the VM's IMSIC interrupt files"};
	}
	return n;
}

/* A VM's virtual sources are the PLIC's numbers, as its pass-through ones. */
BOOT_ONLY void arch_cfg_virq_range(const struct hw *hw, struct irq_range *r)
{
	irqchip_assignable(&hw->irqchip, r);
}

const char *arch_hw_cpu_method(const struct hw_cpu *cpu)
{
	return cpu->arch.h_ext ? "sbi-hsm" : "none (no H)";
}

void arch_hw_describe(const struct hw *hw, char *buf, size_t len)
{
	(void)snprintf(buf, len, "timebase %llu Hz, %s, G-stage %s", ULL(hw->arch.timebase),
		       hw->arch.sstc ? "Sstc" : "no Sstc (timer emulated)",
		       hw->arch.gstage == GSTAGE_SV48X4 ? "Sv48x4" : "Sv39x4");
}
