// SPDX-License-Identifier: Apache-2.0
/*
 * The interrupt-controller class, DT glue (pure: part of the configuration
 * layer): which driver a node needs, and the one decoder of interrupt
 * specifiers, which the validation of pass-through devices, the console's
 * interrupt and the checker all use.
 */
#include <stdio.h>
#include <string.h>

#include "dt.h"
#include "irqchip/irqchip.h"

/* Every driver linked in (IRQCHIP_DRIVER), in no particular order. */
extern const struct irqchip_driver *const __start_irqchip_drivers[];
extern const struct irqchip_driver *const __stop_irqchip_drivers[];

/* The drivers, by name: what is listed from them does not change from one link to the next. */
static u32 drivers_by_name(const struct irqchip_driver **out, u32 max)
{
	u32 n = 0;

	for (const struct irqchip_driver *const *d = __start_irqchip_drivers;
	     d < __stop_irqchip_drivers; d++) {
		u32 i = n;

		if (n == max) {
			break;
		}
		for (; i > 0U && strcmp(out[i - 1U]->name, (*d)->name) > 0; i--) {
			out[i] = out[i - 1U];
		}
		out[i] = *d;
		n++;
	}
	return n;
}

u32 irqchip_compat_table(struct dt_str *compat, const struct irqchip_driver **drv, u32 max)
{
	const struct irqchip_driver *sorted[8];
	u32 ndrv = drivers_by_name(sorted, ARRAY_SIZE(sorted));
	u32 n = 0;

	for (u32 i = 0; i < ndrv; i++) {
		for (const char *const *c = sorted[i]->compatible; *c && n < max; c++, n++) {
			compat[n] = (struct dt_str){*c, strlen(*c)};
			drv[n] = sorted[i];
		}
	}
	return n;
}

void irqchip_compatibles(char *buf, size_t len)
{
	const struct irqchip_driver *drv[8];
	u32 ndrv = drivers_by_name(drv, ARRAY_SIZE(drv));
	u32 total = 0;
	u32 k = 0;
	size_t used = 0;

	for (u32 i = 0; i < ndrv; i++) {
		for (const char *const *c = drv[i]->compatible; *c; c++) {
			total++;
		}
	}
	buf[0] = '\0';
	for (u32 i = 0; i < ndrv; i++) {
		for (const char *const *c = drv[i]->compatible; *c && used < len; c++, k++) {
			int ret = snprintf(buf + used, len - used, "%s\"%s\"",
					   k == 0U	     ? ""
					   : k + 1U == total ? " or "
							     : ", ",
					   *c);

			used += ret > 0 ? (size_t)ret : 0U;
		}
	}
}

static bool has_irq(const struct irqchip_irqs *out, irqid_t irq)
{
	for (u32 i = 0; i < out->n; i++) {
		if (out->irq[i] == irq) {
			return true;
		}
	}
	return false;
}

/* The cells of one specifier, "0 5 4", for a message. */
static void cells_str(const u32 *cells, u32 n, char *buf, size_t len)
{
	size_t used = 0;

	buf[0] = '\0';
	for (u32 i = 0; i < n && used < len; i++) {
		int ret = snprintf(buf + used, len - used, "%s%u", i ? " " : "", cells[i]);

		used += ret > 0 ? (size_t)ret : 0U;
	}
}

/* Most cells an interrupts property is read with: every device's, with room. */
#define MAX_IRQ_CELLS (CFG_MAX_DEV_IRQS * 5U)

/*
 * Why the decoding stopped at specifier out->spec: too many interrupts, a
 * specifier that goes to another controller (parent: the phandle it names),
 * or one cut short, with too few cells or whose parent cannot be found.
 */
static void stopped(const void *fdt, u32 own, u32 parent, bool too_many, struct irqchip_irqs *out)
{
	if (too_many) {
		out->status = IRQS_TOO_MANY;
	} else if (own && parent == own) {
		out->status = IRQS_MALFORMED;
	} else {
		out->parent = dt_phandle_node(fdt, parent);
		out->status = out->parent < 0 ? IRQS_MALFORMED : IRQS_OTHER_PARENT;
	}
}

bool irqchip_node_irqs(const struct hw_irqchip *ic, const struct dt_node *n,
		       struct irqchip_irqs *out)
{
	const void *fdt = n->fdt;
	bool ext = dt_prop(fdt, DT_OFF(n), "interrupts-extended", NULL);
	u32 own = (ic->drv != NULL) ? dt_phandle(fdt, ic->node) : 0U;
	u32 parent = ext ? 0U : dt_irq_parent_phandle(n);
	u32 icells = 3;
	u32 cells[MAX_IRQ_CELLS];
	u32 count = ARRAY_SIZE(cells);
	int ret = dt_u32_array(fdt, DT_OFF(n), ext ? "interrupts-extended" : "interrupts", cells,
			       &count);

	out->status = IRQS_OK;
	out->n = 0;
	out->spec = 0;
	if (ret == DT_E_NOTFOUND) {
		return true;
	}
	if (own != 0U) {
		(void)dt_u32(fdt, ic->node, "#interrupt-cells", &icells);
	}
	for (u32 i = 0; ret == 0 && i < count; i += icells, out->spec++) {
		irqid_t irq;

		if (ext) {
			parent = cells[i++];
		}
		if (!own || parent != own || icells < ic->drv->min_cells || i + icells > count ||
		    out->n == CFG_MAX_DEV_IRQS) {
			break;
		}
		out->code = ic->drv->xlate(ic, &cells[i], &irq, out->why, sizeof(out->why));
		if (out->code != CFG_OK) {
			out->status = IRQS_REFUSED;
			cells_str(&cells[i], icells, out->cells, sizeof(out->cells));
			return false;
		}
		/* an interrupt listed twice (ZynqMP GEM: queue and wake-up) is routed once */
		if (!has_irq(out, irq)) {
			out->irq[out->n++] = irq;
		}
	}
	if (ret == 0 && (count == 0U || out->spec * (icells + (ext ? 1U : 0U)) == count)) {
		return true;
	}
	stopped(fdt, own, parent, ret == DT_E_RANGE || out->n == CFG_MAX_DEV_IRQS, out);
	return false;
}

void irqchip_assignable(const struct hw_irqchip *ic, struct irq_range *r)
{
	if (ic->drv != NULL) {
		ic->drv->assignable(ic, r);
		return;
	}
	*r = (struct irq_range){1, 0, "an interrupt of an interrupt controller it has"};
}

int irqchip_intc_cpu(const void *fdt, u32 phandle, u64 *cpu_id)
{
	int intc = dt_phandle_node(fdt, phandle);
	struct dt_node n;

	if ((intc < 0) || (dt_locate(fdt, intc, &n) < 0) || (n.depth < 1)) {
		return -1;
	}
	return dt_u64(fdt, n.off[n.depth - 1], "reg", cpu_id);
}
