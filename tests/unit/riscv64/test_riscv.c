// SPDX-License-Identifier: Apache-2.0
/*
 * Host tests of RISC-V's pure code (ARCH=riscv64 tests/unit/run.sh): the Sv39/Sv39x4
 * page-table entries (arch/riscv64/pt_format.c), and hw_parse of RISC-V hardware DTBs
 * (arch/riscv64/arch_hw.c, the PLIC driver's DT glue): harts, their ISA strings and MMU
 * types, the G-stage mode they allow, the PLIC's contexts; the APLIC's DT glue
 * (drivers/irqchip/aplic_dt.c): its delivery mode, each hart's IDC or IMSIC file
 * index, the IMSIC's identities and guest files, the refusals, whether a VM can have
 * guest interrupt files.
 */
#include "arch/pt.h"
#include "irqchip/aplic.h"
#include "irqchip/irqchip.h"
#include "test_cfg.h"

/* Sv39 PTE bits (RISC-V privileged spec 4.3.1, 4.4.1). */
#define V (1UL << 0)
#define R (1UL << 1)
#define W (1UL << 2)
#define X (1UL << 3)
#define U (1UL << 4)
#define G (1UL << 5)
#define A (1UL << 6)
#define D (1UL << 7)

static struct hw hw;
static struct cfg_report rep;

static int parse(const char *name)
{
	size_t size;
	const void *fdt = test_dtb(name, &size);

	cfg_report_init(&rep);
	memset(&hw, 0, sizeof(hw));
	return hw_parse(fdt, size, &hw, &rep);
}

static bool has_warning(const char *a, const char *b)
{
	for (unsigned i = 0; i < rep.ndiags; i++)
		if (rep.diags[i].warning && strstr(rep.diags[i].msg, a) &&
		    strstr(rep.diags[i].msg, b))
			return true;
	for (unsigned i = 0; i < rep.ndiags; i++)
		printf("    [%d%s] %s\n", rep.diags[i].code, rep.diags[i].warning ? " w" : "",
		       rep.diags[i].msg);
	return false;
}

/* The extensions a VM gets, by name, as the guest DTB lists them: "i,m,a,...". */
static const char *guest_isa(u64 mask)
{
	static char buf[512];
	size_t n = 0;

	buf[0] = 0;
	for (unsigned i = 0; i < riscv_guest_isa_n; i++)
		if (mask & (1ULL << i))
			n += snprintf(buf + n, sizeof(buf) - n, "%s%s", n ? "," : "",
				      riscv_guest_isa[i]);
	return buf;
}

/* A G-stage leaf is a user page (18.5.1: every G-stage access is user-level); never global. */
static void stage2_leaf(void)
{
	u64 e = arch_pt_leaf(0x80200000, PT_RW, PT_LAST_LEVEL, PT_STAGE2);

	CHECK_EQ(e & 0x3ff, V | R | W | U | A | D);
	CHECK_EQ(e >> 10, 0x80200000UL >> 12);
	CHECK_EQ(arch_pt_addr(e), 0x80200000);
	CHECK_EQ(arch_pt_flags(e, PT_STAGE2), PT_RW);
	CHECK(arch_pt_valid(e));
	CHECK(!arch_pt_is_table(e, 1));
}

/* The hypervisor's own pages: global, not user; device memory never executable. */
static void stage1_leaf_and_device(void)
{
	u64 code = arch_pt_leaf(0x80201000, PT_R | PT_X, PT_LAST_LEVEL, PT_STAGE1_HYP);
	u64 dev = arch_pt_leaf(0x10000000, PT_RWX | PT_DEVICE, PT_LAST_LEVEL, PT_STAGE1_HYP);

	CHECK_EQ(code & 0x3ff, V | R | X | G | A | D);
	CHECK_EQ(arch_pt_flags(code, PT_STAGE1_HYP), PT_R | PT_X);
	CHECK_EQ(dev & (X | W | R), W | R);
	CHECK_EQ(arch_pt_flags(dev, PT_STAGE1_HYP), PT_RW | PT_DEVICE);
}

/* Every leaf is readable: R = W = X = 0 would make it a table (4.3.1). */
static void leaves_are_never_tables(void)
{
	u64 wo = arch_pt_leaf(0x40000000, PT_W, 1, PT_STAGE2);

	CHECK(wo & R);
	CHECK(!arch_pt_is_table(wo, 1));
	CHECK_EQ(arch_pt_leaf(0x40000000, PT_R, 1, PT_STAGE2) >> 10, 0x40000);
}

static void table_entries(void)
{
	u64 t = arch_pt_table(0x81234000);

	CHECK_EQ(t, ((0x81234000UL >> 12) << 10) | V);
	CHECK(arch_pt_is_table(t, 0));
	CHECK(arch_pt_is_table(t, 2));
	CHECK(!arch_pt_is_table(t, PT_LAST_LEVEL)); /* at the last level it would be a leaf */
	CHECK_EQ(arch_pt_addr(t), 0x81234000);
}

/* The PPN is the address shifted: moving an entry keeps every other bit (mem_color.c). */
static void set_addr_keeps_the_rest(void)
{
	u64 e = arch_pt_leaf(0x80200000, PT_R | PT_X, PT_LAST_LEVEL, PT_STAGE1_HYP);
	u64 moved = arch_pt_set_addr(e, 0xfe345000);

	CHECK_EQ(moved & 0x3ff, e & 0x3ff);
	CHECK_EQ(arch_pt_addr(moved), 0xfe345000);
	CHECK_EQ(arch_pt_set_addr(arch_pt_table(0x1000), 0x2000), arch_pt_table(0x2000));
}

/* Two harts (ids 0 and 2), Sv48 and Sstc: Sv48x4, 48 bits, a walk from level 0. */
static void virt_harts(void)
{
	CHECK_EQ(parse("hw-virt"), 0);
	CHECK_EQ(rep.ndiags, 0);
	CHECK_EQ(hw.ncpus, 2);
	CHECK_EQ(hw.cpus[0].arch_id, 0);
	CHECK_EQ(hw.cpus[1].arch_id, 2);
	CHECK(hw.cpus[1].startable && hw.cpus[1].arch.h_ext && hw.cpus[1].arch.sstc);
	CHECK_EQ(hw.cpus[1].arch.mmu_levels, 4);
	CHECK(hw.arch.sstc);
	CHECK_EQ(hw.arch.gstage, GSTAGE_SV48X4);
	CHECK_EQ(hw.ipa_bits, 48);
	CHECK_EQ(hw.s2_start_level, 0);
	CHECK_EQ(hw.arch.timebase, 10000000);
	CHECK_EQ(hw.nreserved, 1);
	CHECK_EQ(hw.reserved[0].base, 0x80000000);
}

/* The PLIC: its window, its sources (riscv,ndev + 1), each hart's supervisor context. */
static void virt_plic(void)
{
	CHECK_EQ(parse("hw-virt"), 0);
	CHECK_STR(hw.irqchip.drv->name, "PLIC");
	CHECK_EQ(hw.irqchip.reg[0].base, 0xc000000);
	CHECK_EQ(hw.irqchip.reg[0].size, 0x600000);
	CHECK_EQ(hw.irqchip.nr_irqs, 0x61);
	CHECK_EQ(hw.irqchip.ntargets, 2);
	CHECK_EQ(hw.irqchip.targets[0].cpu_id, 0);
	CHECK_EQ(hw.irqchip.targets[0].target, 1);
	CHECK_EQ(hw.irqchip.targets[1].cpu_id, 2);
	CHECK_EQ(hw.irqchip.targets[1].target, 3);
	CHECK_EQ(hw.console.base, 0x10000000);
}

/*
 * What a VM may use of the harts' riscv,isa strings: no H; I implies Zicsr, Zifencei
 * and Zicntr (old strings); in riscv,isa's order.
 */
static void virt_guest_isa(void)
{
	CHECK_EQ(parse("hw-virt"), 0);
	CHECK_STR(guest_isa(hw.cpus[0].arch.guest_isa),
		  "i,m,a,f,d,c,zicntr,zicsr,zifencei,zihintpause,sstc");
	CHECK_EQ(hw.arch.guest_isa, hw.cpus[0].arch.guest_isa);
}

/*
 * A hart with riscv,isa-base and riscv,isa-extensions only: H from the list; nothing
 * implied; V, Svpbmt and Zicboz not for VMs. Every VM gets what every hart with H has.
 */
static void isa_extensions_list(void)
{
	CHECK_EQ(parse("hw-isa-ext"), 0);
	CHECK_EQ(rep.ndiags, 0);
	CHECK(hw.cpus[1].startable && hw.cpus[1].arch.h_ext && !hw.cpus[1].arch.sstc);
	CHECK(!hw.arch.sstc);
	CHECK_STR(guest_isa(hw.cpus[1].arch.guest_isa), "i,m,a,c,zicsr,zifencei,zba");
	CHECK_STR(guest_isa(hw.arch.guest_isa), "i,m,a,c,zicsr,zifencei");
}

/* One hart with Sv39 only: Sv39x4 for every VM. */
static void sv39_hart(void)
{
	CHECK_EQ(parse("hw-sv39"), 0);
	CHECK_EQ(hw.cpus[1].arch.mmu_levels, 3);
	CHECK_EQ(hw.arch.gstage, GSTAGE_SV39X4);
	CHECK_EQ(hw.ipa_bits, 39);
	CHECK_EQ(hw.s2_start_level, 1);
}

/*
 * A hart without H (its 'h' is inside "zihintpause") cannot run a VM, with a
 * warning; the other hart's Sv48 and Sstc still decide.
 */
static void hart_without_h(void)
{
	CHECK_EQ(parse("hw-no-h"), 0);
	CHECK(!hw.cpus[1].arch.h_ext);
	CHECK(!hw.cpus[1].startable);
	CHECK_EQ(hw.cpus[1].arch.mmu_levels, 0);
	CHECK(hw.cpus[0].startable);
	CHECK(has_warning("/cpus/cpu@2", "no hypervisor extension (H)"));
	CHECK_EQ(hw.arch.gstage, GSTAGE_SV48X4);
	CHECK(hw.arch.sstc);
	/* the hart without H does not narrow what VMs get */
	CHECK_EQ(hw.arch.guest_isa, hw.cpus[0].arch.guest_isa);
}

static bool has_error(const char *a, const char *b)
{
	for (unsigned i = 0; i < rep.ndiags; i++)
		if (!rep.diags[i].warning && strstr(rep.diags[i].msg, a) &&
		    strstr(rep.diags[i].msg, b))
			return true;
	for (unsigned i = 0; i < rep.ndiags; i++)
		printf("    [%d%s] %s\n", rep.diags[i].code, rep.diags[i].warning ? " w" : "",
		       rep.diags[i].msg);
	return false;
}

/* aia=aplic: the supervisor domain's window, its sources, IDC n for the n-th hart listed. */
static void aplic_direct(void)
{
	struct irq_range r;

	CHECK_EQ(parse("hw-aplic"), 0);
	CHECK_EQ(rep.ndiags, 0);
	CHECK_STR(hw.irqchip.drv->name, "APLIC");
	CHECK_EQ(hw.irqchip.variant, APLIC_DIRECT);
	CHECK_EQ(hw.irqchip.reg[0].base, 0xd000000);
	CHECK_EQ(hw.irqchip.reg[0].size, 0x8000);
	CHECK_EQ(hw.irqchip.nregs, 1);
	CHECK_EQ(hw.irqchip.nr_irqs, 0x61);
	CHECK_EQ(hw.irqchip.msi_ids, 0);
	CHECK_EQ(hw.irqchip.ntargets, 2);
	CHECK_EQ(hw.irqchip.targets[0].cpu_id, 0);
	CHECK_EQ(hw.irqchip.targets[0].target, 0);
	CHECK_EQ(hw.irqchip.targets[1].cpu_id, 2);
	CHECK_EQ(hw.irqchip.targets[1].target, 1);
	irqchip_assignable(&hw.irqchip, &r);
	CHECK_EQ(r.first, 1);
	CHECK_EQ(r.last, 0x60);
	size_t size;

	CHECK_EQ(hw_console_irq(test_dtb("hw-aplic", &size), &hw), 10);
}

/* aia=aplic-imsic: MSI mode, the IMSIC's window kept as reg[1], each hart's file index. */
static void aplic_msi(void)
{
	struct hw_kept k;
	size_t size;
	bool imsic_kept = false;

	CHECK_EQ(parse("hw-imsic"), 0);
	CHECK_EQ(rep.ndiags, 0);
	CHECK_EQ(hw.irqchip.variant, APLIC_MSI);
	CHECK_EQ(hw.irqchip.nregs, 2);
	CHECK_EQ(hw.irqchip.reg[1].base, 0x28000000);
	CHECK_EQ(hw.irqchip.reg[1].size, 0x8000);
	CHECK_EQ(hw.irqchip.msi_ids, 255);
	CHECK_EQ(hw.irqchip.msi_guest_bits, 2);
	CHECK_EQ(hw.irqchip.ntargets, 2);
	CHECK_EQ(hw.irqchip.targets[1].cpu_id, 2);
	CHECK_EQ(hw.irqchip.targets[1].target, 1);
	hw_kept(test_dtb("hw-imsic", &size), &hw, &k);
	CHECK(k.fault == NULL);
	for (u32 i = 0; i < k.n; i++)
		imsic_kept |= k.win[i].base == 0x28000000 && k.win[i].size == 0x8000;
	CHECK(imsic_kept);
}

/* The machine-level domain, and an IMSIC too small for the sources: refused, naming the node. */
static void aplic_refused(void)
{
	CHECK(parse("hw-aplic-m") != 0);
	CHECK(has_error("/soc/plic@c000000", "not the supervisor external interrupt"));
	CHECK(parse("hw-imsic-few") != 0);
	CHECK(has_error("/soc/imsics@28000000", "63 identities, fewer than the 128 sources"));
}

/*
 * guest-interrupt-files: an IMSIC guest file per hart (hw-imsic: 3 of them), not on an APLIC
 * delivering directly, nor on IMSICs without guest files; each with its reason.
 */
static void aplic_guest_files(void)
{
	char why[192] = "";

	CHECK_EQ(parse("hw-imsic"), 0);
	CHECK(hw.irqchip.drv->guest_files(&hw.irqchip, why, sizeof(why)));
	CHECK_EQ(parse("hw-aplic"), 0);
	CHECK(!hw.irqchip.drv->guest_files(&hw.irqchip, why, sizeof(why)));
	CHECK(strstr(why, "delivers directly to the harts") != NULL);
	CHECK_EQ(parse("hw-imsic-no-guests"), 0);
	CHECK(!hw.irqchip.drv->guest_files(&hw.irqchip, why, sizeof(why)));
	CHECK(strstr(why, "no guest interrupt files (riscv,guest-index-bits 0") != NULL);
	CHECK_EQ(parse("hw-imsic"), 0);
	hw.irqchip.reg[1].size = 0x4000; /* hart index 1's files would lie past it */
	CHECK(!hw.irqchip.drv->guest_files(&hw.irqchip, why, sizeof(why)));
	CHECK(strstr(why, "does not hold 2 harts' 4 files") != NULL);
	CHECK_EQ(parse("hw-virt"), 0);
	CHECK(hw.irqchip.drv->guest_files == NULL); /* the PLIC has none */
}

int main(int argc, char **argv)
{
	test_init(argc, argv);
	RUN(stage2_leaf);
	RUN(stage1_leaf_and_device);
	RUN(leaves_are_never_tables);
	RUN(table_entries);
	RUN(set_addr_keeps_the_rest);
	RUN(virt_harts);
	RUN(virt_plic);
	RUN(virt_guest_isa);
	RUN(isa_extensions_list);
	RUN(sv39_hart);
	RUN(hart_without_h);
	RUN(aplic_direct);
	RUN(aplic_msi);
	RUN(aplic_refused);
	RUN(aplic_guest_files);
	return test_summary();
}
