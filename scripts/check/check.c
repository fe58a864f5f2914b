// SPDX-License-Identifier: Apache-2.0
/*
 * tessera-check --hw board.dtb --partitions layout.dtb: checks a partition
 * layout against a board offline, with the same hw_parse, config_parse and
 * config_validate the hypervisor runs at boot. See README.md ("Check a layout
 * before deploying it") and scripts/check/check.h for the exit codes.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "irqchip/irqchip.h"

#define CHECK_MAX_FILE	  (1ULL << 30) /* a partition DTB may embed a kernel: up to 1 GiB */
#define CHECK_HYP_DEFAULT (2 * MIB)    /* hypervisor image size assumed without --hyp */
#define CHECK_HYP_OFFSET  (2 * MIB)    /* default load address: RAM base + 2 MiB (QEMU, booti) */

struct check_args {
	const char *hw;
	const char *part;
	const char *hyp; /* hyp.bin: its Image header gives the size */
	u64 hyp_at;
	bool has_hyp_at;
	u32 gic_irqs; /* --gic-irqs: what GICD_TYPER says; 0 = unknown */
	bool strict;
	bool quiet;
	u32 nreserve;
	struct mem_range
		reserve[HW_MAX_PROTECTED - 2]; /* besides the image and the partition DTB */
	const char *reserve_name[HW_MAX_PROTECTED - 2];
};

static void usage(void)
{
	fprintf(stderr,
		"usage: tessera-check --hw board.dtb --partitions layout.dtb [options]\n"
		"  --hyp hyp.bin           take the hypervisor image size from its Image header\n"
		"  --hyp-at ADDR           PA the loader puts hyp.bin at\n"
		"                          (default: RAM base + 2 MiB)\n"
		"  --reserve BASE,SIZE[,NAME]  memory the loader uses too (DTBs, pre-loaded\n"
		"                          blobs of U-Boot): no partition may get it (repeatable)\n"
		"  --gic-irqs N            the GIC has INTIDs 0..N-1 (GICD_TYPER: 32 x\n"
		"                          (ITLinesNumber + 1), at most 1020), which no DTB says\n"
		"  --strict                exit %d if the board needs what is not supported yet\n"
		"  --quiet                 no partition table, only problems and the summary\n"
		"exit: %d all partitions valid, %d problems, %d usage, %d unsupported (--strict)\n",
		CHECK_EXIT_UNSUPPORTED, CHECK_EXIT_OK, CHECK_EXIT_INVALID, CHECK_EXIT_USAGE,
		CHECK_EXIT_UNSUPPORTED);
	exit(CHECK_EXIT_USAGE);
}

/* A number with an optional K, M or G suffix; exits on garbage. */
static u64 parse_u64(const char *s, char **rest)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(s, &end, 0);
	if (errno || end == s) {
		fprintf(stderr, "tessera-check: '%s' is not a number\n", s);
		exit(CHECK_EXIT_USAGE);
	}
	if (*end == 'K' || *end == 'M' || *end == 'G')
		v <<= *end == 'K' ? 10 : *end == 'M' ? 20 : 30, end++;
	*rest = end;
	return v;
}

static void parse_reserve(struct check_args *a, const char *s)
{
	char *rest;
	u32 n = a->nreserve;

	if (n == ARRAY_SIZE(a->reserve)) {
		fprintf(stderr, "tessera-check: at most %zu --reserve\n", ARRAY_SIZE(a->reserve));
		exit(CHECK_EXIT_USAGE);
	}
	a->reserve[n].base = parse_u64(s, &rest);
	if (*rest != ',')
		usage();
	a->reserve[n].size = parse_u64(rest + 1, &rest);
	a->reserve_name[n] = *rest == ',' ? rest + 1 : "reserved by --reserve";
	if (*rest && *rest != ',')
		usage();
	a->nreserve++;
}

static void parse_args(int argc, char **argv, struct check_args *a)
{
	char *rest;

	for (int i = 1; i < argc; i++) {
		const char *opt = argv[i];
		const char *val = i + 1 < argc ? argv[i + 1] : NULL;

		if (!strcmp(opt, "--strict") || !strcmp(opt, "--quiet")) {
			*(opt[2] == 's' ? &a->strict : &a->quiet) = true;
			continue;
		}
		if (!val || opt[0] != '-')
			usage();
		i++;
		if (!strcmp(opt, "--hw"))
			a->hw = val;
		else if (!strcmp(opt, "--partitions"))
			a->part = val;
		else if (!strcmp(opt, "--hyp"))
			a->hyp = val;
		else if (!strcmp(opt, "--hyp-at"))
			a->hyp_at = parse_u64(val, &rest), a->has_hyp_at = true;
		else if (!strcmp(opt, "--reserve"))
			parse_reserve(a, val);
		else if (!strcmp(opt, "--gic-irqs"))
			a->gic_irqs = (u32)MIN(parse_u64(val, &rest), 0xffffffffULL);
		else
			usage();
	}
	if (!a->hw || !a->part)
		usage();
}

/* Whole file in an 8-byte aligned buffer (what dt_check requires). */
static void *load_file(const char *path, u64 *size)
{
	FILE *f = fopen(path, "rb");
	long len;
	void *buf;

	if (!f || fseek(f, 0, SEEK_END) || (len = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) ||
	    (u64)len > CHECK_MAX_FILE) {
		fprintf(stderr, "tessera-check: cannot read %s: %s\n", path,
			f ? "too large or not a file" : strerror(errno));
		exit(CHECK_EXIT_USAGE);
	}
	buf = malloc((size_t)len + 8);
	if (!buf || fread(buf, 1, (size_t)len, f) != (size_t)len) {
		fprintf(stderr, "tessera-check: cannot read %s\n", path);
		exit(CHECK_EXIT_USAGE);
	}
	fclose(f);
	*size = (u64)len;
	return buf;
}

/*
 * image_size of a Linux Image header: arm64's (Documentation/arm64/booting.rst,
 * magic "ARM\x64" at 56) or RISC-V's (Documentation/riscv/boot-image-header.rst,
 * magic2 "RSC\x05" at 56); both keep image_size at 16.
 */
static u64 hyp_image_size(const char *path)
{
	u64 size;
	const u8 *img = load_file(path, &size);
	u64 image_size = 0;

	if (size < 64 || (memcmp(img + 56, "ARM\x64", 4) && memcmp(img + 56, "RSC\x05", 4))) {
		fprintf(stderr, "tessera-check: %s has no arm64 or RISC-V Image header\n", path);
		exit(CHECK_EXIT_USAGE);
	}
	for (int i = 7; i >= 0; i--)
		image_size = image_size << 8 | img[16 + i];
	free((void *)img);
	return image_size ? ALIGN_UP(image_size, PAGE_SIZE) : ALIGN_UP(size, PAGE_SIZE);
}

/* What the boot code protects: the hypervisor image, plus what --reserve names. */
static void protect_ranges(struct check_run *run, const struct check_args *a)
{
	struct hw *hw = &run->hw;
	u64 size = a->hyp ? hyp_image_size(a->hyp) : CHECK_HYP_DEFAULT;
	u64 at = a->has_hyp_at ? a->hyp_at : hw->nram ? hw->ram[0].base + CHECK_HYP_OFFSET : 0;

	hw->nprotect = 0;
	hw_protect(hw, at, size, HW_PROTECT_IMAGE, "hypervisor image");
	if (hw->initrd.size) /* as the boot: the partition DTB, handed over as the initrd */
		hw_protect(hw, hw->initrd.base, hw->initrd.size, HW_PROTECT_BLOB, "partition DTB");
	for (u32 i = 0; i < a->nreserve; i++)
		hw_protect(hw, a->reserve[i].base, a->reserve[i].size, HW_PROTECT_BLOB,
			   a->reserve_name[i]);
	if (a->quiet)
		return;
	printf("hypervisor image assumed at PA [0x%llx..0x%llx)%s\n", (unsigned long long)(at),
	       (unsigned long long)(at + size),
	       a->hyp ? "" : " (2 MiB; --hyp hyp.bin and --hyp-at ADDR to be exact)");
	if (hw->initrd.size)
		printf("partition DTB at PA [0x%llx..0x%llx) (/chosen/linux,initrd-start/-end)\n",
		       (unsigned long long)hw->initrd.base,
		       (unsigned long long)(hw->initrd.base + hw->initrd.size));
	else
		printf("partition DTB and hardware DTB: where the loader puts them is not known "
		       "(--reserve BASE,SIZE each to check against them)\n");
}

static void print_report(struct cfg_report *rep)
{
	for (u32 i = 0; i < rep->ndiags; i++) {
		const struct cfg_diag *d = &rep->diags[i];

		printf("%s: %s", d->warning ? "warning" : "error", d->msg);
		if (d->repeats)
			printf(" (and %u more like it)", d->repeats);
		printf(" [%s]\n", cfg_strerror(d->code));
	}
	if (rep->dropped || rep->dropped_warnings)
		printf("error: %u more errors and %u more warnings not shown\n", rep->dropped,
		       rep->dropped_warnings);
	cfg_report_init(&rep[0]);
}

static void print_refused(const struct config *cfg)
{
	for (u32 i = 0; i < cfg->nvms; i++) {
		const struct cfg_vm *vm = &cfg->vms[i];

		if (vm->refused)
			printf("error: partition '%s' (%s) refused: it will not start\n",
			       cfg_vm_label(vm), vm->path);
	}
}

/*
 * For the summary: what else the errors refused besides partitions, so that
 * every error shows in it (the layout as a whole, channels, nodes, colors).
 */
static void print_refused_rest(const struct config *cfg)
{
	u32 channels = 0;

	for (u32 k = 0; k < cfg->nshmem; k++)
		channels += cfg->shmem[k].refused;
	if (cfg->refused)
		printf(" (the layout is refused)");
	if (cfg->nvms_ignored)
		printf(" (%u vm node%s past the limit)", cfg->nvms_ignored,
		       cfg->nvms_ignored == 1 ? "" : "s");
	if (channels)
		printf(", %u of %u channel%s refused", channels, cfg->nshmem,
		       cfg->nshmem == 1 ? "" : "s");
	if (cfg->nodes_ignored)
		printf(", %u node%s ignored", cfg->nodes_ignored,
		       cfg->nodes_ignored == 1 ? "" : "s");
	if (cfg->hyp_colors_refused)
		printf(", hypervisor-colors refused (it stays uncolored)");
}

/* The highest INTID a VM that starts uses (devices, channel doorbells, vuart), or 0. */
static irqid_t highest_intid(const struct config *cfg)
{
	irqid_t top = 0;

	for (u32 i = 0; i < cfg->nvms; i++) {
		const struct cfg_vm *vm = &cfg->vms[i];

		for (u32 d = 0; !vm->refused && d < vm->ndevs; d++)
			for (u32 k = 0; k < vm->devs[d].nirqs; k++)
				top = MAX(top, vm->devs[d].irqs[k]);
		for (u32 s = 0; !vm->refused && s < vm->nshmem; s++)
			top = MAX(top, vm->shmem[s].irq);
		top = MAX(top, vm->refused ? 0 : vm->vuart.irq);
	}
	return top;
}

/*
 * No DTB says how many INTIDs a GIC has; the boot reads GICD_TYPER before it
 * validates, the checker cannot. The SPIs the hardware DTB's own devices use
 * exist; above them the checker assumes the architecture's limit and says so,
 * unless --gic-irqs gave the count.
 */
static void check_gic_assumed(const struct check_run *run)
{
	irqid_t top = highest_intid(&run->cfg);
	irqid_t proven = check_gic_proven(run);

	struct irq_range limit;

	if (run->hw.irqchip.nr_irqs || top <= proven)
		return;
	irqchip_assignable(&run->hw.irqchip, &limit); /* nr_irqs 0: the architecture's limit */
	printf("warning: %s: no DTB says how many interrupts the GIC has (the hypervisor reads "
	       "GICD_TYPER at boot): INTID %u of the layout is above the highest the hardware "
	       "DTB's devices use (%u), so up to %u is assumed (the architecture's limit); it is "
	       "refused at boot if the GIC has fewer: --gic-irqs N checks against the real count "
	       "(QEMU virt: 256 on GICv3, 288 on GICv2)\n",
	       run->hw.irqchip.path, top, proven, limit.last);
}

/* --gic-irqs, at most the architecture's limit (what the boot reads never exceeds it). */
static u32 gic_irqs(const struct hw *hw, u32 given)
{
	struct hw_irqchip unknown = hw->irqchip;
	struct irq_range limit;

	unknown.nr_irqs = 0;
	irqchip_assignable(&unknown, &limit);
	return MIN(given, limit.last + 1);
}

/* hw_parse, then (if the hardware can be used at all) config_parse and validate. */
static u32 check(struct check_run *run, const struct check_args *a)
{
	u32 errs;

	cfg_report_init(&run->rep);
	run->hw_errs = hw_parse(run->hw_fdt, run->hw_size, &run->hw, &run->rep);
	errs = cfg_report_errors(&run->rep);
	if (run->hw_errs)
		printf("error: the hardware DTB lacks what the hypervisor needs: it stops at "
		       "boot\n");
	print_report(&run->rep);
	if (!a->quiet && !run->hw_errs)
		check_print_board(run);
	protect_ranges(run, a);
	if (!run->hw.irqchip
		     .nr_irqs) /* a GIC: the boot reads GICD_TYPER first (a PLIC's DT says) */
		run->hw.irqchip.nr_irqs = gic_irqs(&run->hw, a->gic_irqs);
	config_parse(run->part_fdt, run->part_size, &run->cfg, &run->rep);
	if (run->hw.ncpus && run->hw.nram)
		config_validate(&run->cfg, &run->hw, run->hw_fdt, &run->rep);
	errs += cfg_report_errors(&run->rep);
	print_report(&run->rep);
	if (!run->hw_errs)
		check_gic_assumed(run);
	for (u32 i = 0; run->hw_errs && i < run->cfg.nvms; i++)
		run->cfg.vms[i].refused = true; /* the hypervisor stops before any VM */
	print_refused(&run->cfg);
	return errs;
}

int main(int argc, char **argv)
{
	static struct check_run run;
	struct check_args args = {0};
	u32 errs;
	u32 ok;

	parse_args(argc, argv, &args);
	run.hw_fdt = load_file(args.hw, &run.hw_size);
	run.part_fdt = load_file(args.part, &run.part_size);
	errs = check(&run, &args);
	ok = config_vms_ok(&run.cfg);
	if (!args.quiet && ok)
		check_print_table(&run);
	check_board_support(&run);
	printf("%s on %s: %u of %u partitions valid", args.part, args.hw, ok,
	       run.cfg.nvms + run.cfg.nvms_ignored);
	print_refused_rest(&run.cfg);
	printf(", %u error%s, %u not supported yet\n", errs, errs == 1 ? "" : "s", run.unsupported);
	if (errs || !ok)
		return CHECK_EXIT_INVALID;
	return args.strict && run.unsupported ? CHECK_EXIT_UNSUPPORTED : CHECK_EXIT_OK;
}
