// SPDX-License-Identifier: Apache-2.0
/*
 * What a board has that the hypervisor does not support yet, said plainly
 * (hw_parse itself only records what it cannot use): a console UART with no
 * driver, an IOMMU that is not programmed (DMA of pass-through devices is then
 * not confined), GIC features not virtualized, CPUs that cannot be started.
 * (Whether the RAM the boot allocates is there is config_validate's: the
 * checker and the boot refuse such a VM alike.)
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "irqchip/irqchip.h"
#include "dt.h"
#include "uart/uart.h"

static void unsupported(struct check_run *run, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void unsupported(struct check_run *run, const char *fmt, ...)
{
	va_list ap;

	printf("not supported yet: ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	run->unsupported++;
}

/* The console must have a driver: without one the hypervisor powers off silently. */
static void check_console(struct check_run *run)
{
	const struct hw_uart *u = &run->hw.console;
	int node = u->node; /* hw_parse's /chosen/stdout-path */

	if (node < 0) {
		unsupported(run, "/chosen/stdout-path does not name a UART: the hypervisor has "
				 "no console and powers off at boot");
		return;
	}
	if (uart_match(run->hw_fdt, node))
		return;
	unsupported(run,
		    "console UART %s (compatible \"%s\") has no driver (there are PL011 and "
		    "16550): the hypervisor cannot print and powers off at boot",
		    u->path, u->compatible);
}

static void check_cpus(struct check_run *run)
{
	const struct hw *hw = &run->hw;
	u32 stuck = 0;

	for (u32 i = 1; i < hw->ncpus; i++)
		stuck += !hw->cpus[i].startable;
	if (stuck)
		unsupported(run,
			    "%u of the %u CPUs cannot be started (enable-method, see the "
			    "warnings above): partitions get only the others",
			    stuck, hw->ncpus);
}

static bool dev_matches(const struct cfg_dev *d, const struct dt_node *n)
{
	struct dt_regs regs;
	int count = dt_regs(n, &regs);

	for (int i = 0; i < count; i++) {
		u64 base;
		u64 size;

		if (dt_regs_get(&regs, i, true, &base, &size) == 0 && size &&
		    range_inside(d->pa, d->size, base, size))
			return true;
	}
	return false;
}

/* A pass-through device that is a DMA master behind an IOMMU (property iommus). */
static void check_dma(struct check_run *run, const struct cfg_dev *d)
{
	struct dt_node n;

	dt_root(run->hw_fdt, &n);
	while (dt_walk_next(&n)) {
		char path[CFG_PATH_MAX];

		if (!dt_prop(run->hw_fdt, DT_OFF(&n), "iommus", NULL) || !dev_matches(d, &n))
			continue;
		dt_node_path(&n, path, sizeof(path));
		cfg_sanitize(path);
		unsupported(run,
			    "%s: %s does DMA through an IOMMU (iommus), which the hypervisor does "
			    "not program: the device can reach all memory, not only its "
			    "partition's",
			    d->path, path);
		return;
	}
}

/* IOMMUs (#iommu-cells) and the GICv3 ITS: present on the board, unused. */
static void check_unused_hw(struct check_run *run)
{
	struct dt_node n;
	u32 iommus = 0;
	char first[CFG_PATH_MAX] = "";

	dt_root(run->hw_fdt, &n);
	while (dt_walk_next(&n)) {
		int node = DT_OFF(&n);

		if (!dt_is_enabled(run->hw_fdt, node))
			continue;
		if (dt_prop(run->hw_fdt, node, "#iommu-cells", NULL) && !iommus++) {
			dt_node_path(&n, first, sizeof(first));
			cfg_sanitize(first);
		}
		if (dt_is_compatible(run->hw_fdt, node, "arm,gic-v3-its")) {
			char path[CFG_PATH_MAX];

			dt_node_path(&n, path, sizeof(path));
			unsupported(run, "GICv3 ITS %s: guests get no MSIs", path);
		}
	}
	if (iommus)
		unsupported(run,
			    "%u IOMMU%s (%s%s) not used: DMA of pass-through devices is not "
			    "confined to their partition",
			    iommus, iommus == 1 ? "" : "s", first, iommus > 1 ? ", ..." : "");
}

void check_board_support(struct check_run *run)
{
	const struct config *cfg = &run->cfg;

	if (dt_check(run->hw_fdt, run->hw_size) < 0)
		return;
	check_console(run);
	check_cpus(run);
	check_unused_hw(run);
	for (u32 i = 0; i < cfg->nvms; i++) {
		for (u32 k = 0; !cfg->vms[i].refused && k < cfg->vms[i].ndevs; k++)
			check_dma(run, &cfg->vms[i].devs[k]);
	}
}

/* ---------------------------------------------------------- interrupts */

/*
 * The highest interrupt the hardware DTB's own devices use, through the
 * controller's decoder: those exist whatever the controller's real count.
 */
irqid_t check_gic_proven(const struct check_run *run)
{
	struct irqchip_irqs irqs;
	irqid_t top = 0;
	struct dt_node n;

	dt_root(run->hw_fdt, &n);
	while (run->hw.irqchip.drv && dt_walk_next(&n)) {
		irqchip_node_irqs(&run->hw.irqchip, &n, &irqs); /* those before a refusal count */
		for (u32 i = 0; i < irqs.n; i++)
			top = MAX(top, irqs.irq[i]);
	}
	return top;
}
