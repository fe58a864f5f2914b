// SPDX-License-Identifier: Apache-2.0
/*
 * The APLIC's register code (RISC-V AIA spec v1.0, chapter 4), one driver for
 * both delivery modes of the supervisor-level domain (aplic_dt.c found it):
 * every source active as level-high (set_edge changes it), routed to one hart
 * by its target register (section 4.5.16), enabled by setienum/clrienum
 * (4.5.9-4.5.12). Only where an interrupt comes out differs:
 *  - direct (section 4.8): the hart's IDC raises its supervisor external
 *    interrupt; claimi (4.8.1.5) gives and clears the top source;
 *  - MSI (section 4.9): the source is forwarded as identity = its number to
 *    the hart's supervisor interrupt file of its IMSIC (chapter 3), which the
 *    hart reads through siselect/sireg (3.8) and claims through stopei (3.9).
 * A source is masked while ack'd (the hypervisor or a VM holds it) and
 * unmasked by complete: a level-sensitive one still asserted then signals
 * again (direct mode: its pending bit follows the input, section 4.7; MSI
 * mode: it is set pending again by setipnum, as 4.9.2 asks of software).
 */
#include "arch/cpu.h"
#include "console.h"
#include "irqchip/aplic.h"
#include "mem.h"

#define NO_HART	       0xffffffffU
#define IMSIC_ID_SHIFT 16U /* stopei: bits 26:16 the identity (section 3.9) */
#define IMSIC_ID_MASK  0x7ffU

static volatile u8 *base;
static volatile u8 *files; /* MSI mode with guest files: the IMSICs' window (VMs' files) */
static paddr_t files_pa;
static bool file_ok[HW_MAX_CPUS]; /* the CPU's hart has guest file APLIC_VM_GUEST (hgeie) */
static u32 hart_shift;		  /* log2 of one hart's files' span in it */
static u32 mode;
static u32 nsrc;
static u32 ncpus;
static u64 hart[HW_MAX_CPUS];		  /* each CPU's hart id */
static u32 hart_index[HW_MAX_CPUS];	  /* and its IDC (direct) or IMSIC hart index (MSI) */
static u32 level[APLIC_MAX_SRCS / 32U];	  /* level-sensitive sources */
static u32 enabled[APLIC_MAX_SRCS / 32U]; /* enabled by set_enable (ack masks them for a while) */

static volatile u32 *reg(u32 off)
{
	return (volatile u32 *)(base + off);
}

static bool bit(const u32 *map, u32 n)
{
	return ((map[n / 32U] >> (n % 32U)) & 1U) != 0U;
}

static void set_bit(u32 *map, u32 n, bool on)
{
	if (on) {
		map[n / 32U] |= 1U << (n % 32U);
	} else {
		map[n / 32U] &= ~(1U << (n % 32U));
	}
}

static void imsic_write(u64 sel, u64 v)
{
	__asm__ volatile("csrw 0x150, %0\n\tcsrw 0x151, %1" ::"r"(sel), "r"(v) : "memory");
}

/* stopei (CSR 0x15c): read and claim the top identity in one csrrw. */
static u64 imsic_claim(void)
{
	u64 v;

	__asm__ volatile("csrrw %0, 0x15c, zero" : "=r"(v)::"memory");
	return v;
}

/* Where source src goes: its hart, and in MSI mode the identity (its number, section 4.9.1). */
static void write_target(irqid_t src, cpuid_t cpu)
{
	u32 t = hart_index[cpu] << APLIC_TARGET_HART;

	*reg(APLIC_TARGET + (4U * (src - 1U))) = t | ((mode == APLIC_MSI) ? src : 1U);
}

static void set_sourcecfg(irqid_t src, bool edge)
{
	u32 sm = APLIC_SM_LEVEL1;

	if (edge) {
		sm = APLIC_SM_EDGE1;
	}
	*reg(APLIC_SOURCECFG + (4U * (src - 1U))) = sm;
	set_bit(level, src, !edge);
}

static u32 find_hart_index(const struct hw_irqchip *ic, u64 id)
{
	for (u32 t = 0; t < ic->ntargets; t++) {
		if (ic->targets[t].cpu_id == id) {
			return ic->targets[t].target;
		}
	}
	return NO_HART;
}

static int aplic_init(struct hw_irqchip *ic, const u64 *cpu_ids, u32 n)
{
	u32 want = 0U;

	if (ic->variant == APLIC_MSI) {
		want = APLIC_DOMAINCFG_DM;
	}

	base = mem_map_device(ic->reg[0].base, ic->reg[0].size);
	if (base == NULL) {
		return -1;
	}
	mode = ic->variant;
	nsrc = ic->nr_irqs;
	ncpus = MIN(n, HW_MAX_CPUS);
	for (u32 c = 0; c < ncpus; c++) {
		hart[c] = cpu_ids[c];
		hart_index[c] = find_hart_index(ic, cpu_ids[c]);
	}
	if ((mode == APLIC_MSI) && (ic->msi_guest_bits != 0U)) {
		hart_shift = ic->msi_guest_bits + APLIC_FILE_SHIFT;
		files = mem_map_device(ic->reg[1].base, ic->reg[1].size);
		if (files == NULL) {
			return -1;
		}
		files_pa = ic->reg[1].base;
	}
	*reg(APLIC_DOMAINCFG) = want; /* IE = 0 while the sources are set up */
	if ((*reg(APLIC_DOMAINCFG) & APLIC_DOMAINCFG_DM) != want) {
		log_err("%s: the domain does not take %s delivery (domaincfg.DM is read-only: "
			"section 4.5.1)",
			ic->path, (want != 0U) ? "MSI" : "direct");
		return -1;
	}
	for (irqid_t s = 1; s < nsrc; s++) {
		*reg(APLIC_CLRIENUM) = s;
		set_sourcecfg(s, false);
		if (hart_index[0] != NO_HART) {
			write_target(s, 0);
		}
	}
	if ((nsrc > 1U) && (*reg(APLIC_SOURCECFG) == 0U)) {
		log_warn("%s: source 1 stays inactive: the firmware did not delegate the sources "
			 "to this domain (section 4.5.2)",
			 ic->path);
	}
	*reg(APLIC_DOMAINCFG) = want | APLIC_DOMAINCFG_IE;
	return 0;
}

/*
 * With guest files (VMs' vCPUs get file APLIC_VM_GUEST): whether this hart
 * has it, as hgeie's writable bits say (privileged spec 8.2.7: bits
 * 1..GEILEN), whatever the DT's riscv,guest-index-bits claims. A VM on a hart
 * without it gets no file (vcpu.c): its accesses to the file's CSRs are then
 * illegal instructions, as on a hart without AIA.
 */
static void check_guest_file(cpuid_t cpu)
{
	u64 geie;

	__asm__ volatile("csrw 0x607, %1\n\tcsrr %0, 0x607\n\tcsrw 0x607, zero"
			 : "=r"(geie)
			 : "r"(~0UL)
			 : "memory");
	file_ok[cpu] = ((geie >> APLIC_VM_GUEST) & 1UL) != 0UL;
	if (!file_ok[cpu]) {
		log_err("CPU %u (hart 0x%lx): no guest interrupt file %u (hgeie 0x%lx: GEILEN %u), "
			"though the IMSIC's riscv,guest-index-bits says so: a VM with "
			"guest-interrupt-files there gets none (its accesses to one are illegal "
			"instructions)",
			cpu, hart[cpu], APLIC_VM_GUEST, geie, (u32)__builtin_popcountl(geie));
	}
}

/* On the CPU, once started: its IDC, or its supervisor interrupt file, takes every source. */
static int aplic_cpu_init(cpuid_t cpu)
{
	u32 idx = hart_index[cpu];

	if (idx == NO_HART) {
		log_err("CPU %u (hart 0x%lx) has no %s of the APLIC's domain", cpu, hart[cpu],
			(mode == APLIC_MSI) ? "IMSIC interrupt file (msi-parent)" : "IDC");
		return -1;
	}
	if (mode == APLIC_DIRECT) {
		volatile u32 *idc = reg(APLIC_IDC + (idx * APLIC_IDC_STEP));

		idc[APLIC_ITHRESHOLD / 4U] = 0U; /* no priority masked */
		idc[APLIC_IFORCE / 4U] = 0U;
		idc[APLIC_IDELIVERY / 4U] = 1U;
		return 0;
	}
	imsic_write(ISELECT_EITHRESHOLD, 0U);
	for (u32 w = 0; w < ((nsrc + 63U) / 64U); w++) {
		u64 ids = ~0UL;

		if (w == 0U) {
			ids &= ~1UL; /* identity 0 does not exist */
		}
		imsic_write(ISELECT_EIE0 + (2U * w), ids);
	}
	imsic_write(ISELECT_EIDELIVERY, 1U);
	if (files != NULL) {
		check_guest_file(cpu);
	}
	return 0;
}

static u32 my_index(void)
{
	u64 id = arch_cpu_current_id();

	for (u32 c = 0; c < ncpus; c++) {
		if (hart[c] == id) {
			return hart_index[c];
		}
	}
	return NO_HART;
}

/* The top source, claimed and masked; the cookie is the source. */
static bool aplic_ack(irqid_t *irq, u32 *cookie)
{
	u32 src = 0U;

	if (mode == APLIC_MSI) {
		src = (u32)(imsic_claim() >> IMSIC_ID_SHIFT) & IMSIC_ID_MASK;
	} else {
		u32 idx = my_index();

		if (idx != NO_HART) {
			src = (*reg(APLIC_IDC + (idx * APLIC_IDC_STEP) + APLIC_CLAIMI) >>
			       APLIC_TOPI_ID) &
			      (APLIC_MAX_SRCS - 1U);
		}
	}
	if ((src == 0U) || (src >= nsrc)) {
		return false;
	}
	*reg(APLIC_CLRIENUM) = src;
	*irq = src;
	*cookie = src;
	return true;
}

static void aplic_complete(u32 src)
{
	if ((src == 0U) || (src >= nsrc) || !bit(enabled, src)) {
		return;
	}
	*reg(APLIC_SETIENUM) = src;
	if ((mode == APLIC_MSI) && bit(level, src) &&
	    (((*reg(APLIC_IN_CLRIP + ((src / 32U) * 4U)) >> (src % 32U)) & 1U) != 0U)) {
		*reg(APLIC_SETIPNUM) = src; /* still asserted: forwarded again */
	}
}

static void aplic_set_enable(irqid_t src, cpuid_t cpu, bool on)
{
	if ((src == 0U) || (src >= nsrc)) {
		return;
	}
	set_bit(enabled, src, on);
	*reg(on ? APLIC_SETIENUM : APLIC_CLRIENUM) = src;
}

static void aplic_set_edge(irqid_t src, bool edge)
{
	if ((src != 0U) && (src < nsrc)) {
		set_sourcecfg(src, edge);
	}
}

static void aplic_set_route(irqid_t src, cpuid_t cpu)
{
	if ((src != 0U) && (src < nsrc) && (cpu < ncpus) && (hart_index[cpu] != NO_HART)) {
		write_target(src, cpu);
	}
}

static bool aplic_is_pending(irqid_t src, cpuid_t cpu)
{
	return ((*reg(APLIC_SETIP + ((src / 32U) * 4U)) >> (src % 32U)) & 1U) != 0U;
}

static void aplic_clear_active(irqid_t src, cpuid_t cpu)
{
	aplic_complete(src);
}

/* Guest file APLIC_VM_GUEST of CPU cpu's hart: its offset in the IMSICs' window (3.2). */
static u64 vm_file(cpuid_t cpu)
{
	return ((u64)hart_index[cpu] << hart_shift) + ((u64)APLIC_VM_GUEST << APLIC_FILE_SHIFT);
}

bool aplic_vm_file_ok(cpuid_t cpu)
{
	return (cpu < ncpus) && file_ok[cpu];
}

paddr_t aplic_vm_file(cpuid_t cpu)
{
	return files_pa + vm_file(cpu);
}

/* MSI-mode target: hart index 31:18, guest index 17:12, identity 10:0 (section 4.5.16). */
void aplic_vm_route(irqid_t src, cpuid_t cpu, u32 eiid, bool on)
{
	if ((src == 0U) || (src >= nsrc) || (cpu >= ncpus) || (files == NULL)) {
		return;
	}
	*reg(APLIC_CLRIENUM) = src;
	*reg(APLIC_TARGET + (4U * (src - 1U))) = (hart_index[cpu] << APLIC_TARGET_HART) |
						 ((u32)APLIC_VM_GUEST << APLIC_TARGET_GUEST) |
						 (eiid & IMSIC_ID_MASK);
	if (on && (eiid != 0U)) {
		*reg(APLIC_SETIENUM) = src;
	}
}

void aplic_vm_notify(cpuid_t cpu, u32 eiid)
{
	if ((cpu < ncpus) && (files != NULL) && (eiid != 0U)) {
		*(volatile u32 *)(files + vm_file(cpu) + IMSIC_SETEIPNUM_LE) = eiid;
	}
}

void aplic_vm_setip(irqid_t src)
{
	if ((src != 0U) && (src < nsrc)) {
		*reg(APLIC_SETIPNUM) = src;
	}
}

u32 aplic_vm_bits(u32 group, u32 w)
{
	if ((w >= (APLIC_MAX_SRCS / 32U)) ||
	    ((group != APLIC_SETIP) && (group != APLIC_IN_CLRIP))) {
		return 0U;
	}
	return *reg(group + (4U * w));
}

const struct irqchip_ops aplic_ops = {
	.init = aplic_init,
	.cpu_init = aplic_cpu_init,
	.ack = aplic_ack,
	.complete = aplic_complete,
	.set_enable = aplic_set_enable,
	.set_edge = aplic_set_edge,
	.set_route = aplic_set_route,
	.is_pending = aplic_is_pending,
	.clear_active = aplic_clear_active,
};
