/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The interrupt-controller class: every driver of a physical interrupt
 * controller is one struct irqchip_driver, matched by the compatible of a
 * node of the hardware DTB. A driver is two files: its DT glue (pure, part
 * of the configuration layer: the hypervisor, the checker and the host tests
 * compile it) and its register code (the hypervisor alone). It registers
 * itself with IRQCHIP_DRIVER; arch/<arch>/arch.mk says which drivers an
 * architecture builds. Drivers get what they need at init (the probed
 * description, each CPU's arch id) and reach no core global.
 *
 * Interrupt numbers are the controller's own (the GIC's INTIDs); a CPU is
 * its index in the hardware model (cpuid_t) and, where the controller needs
 * it, its arch id (struct hw_cpu).
 */
#ifndef DRIVERS_IRQCHIP_H
#define DRIVERS_IRQCHIP_H

#include "config.h"

struct dt_node;
struct dt_str;

/* The numbers of one kind of interrupt a VM may be given, for checks and messages. */
struct irq_range {
	irqid_t first;
	irqid_t last;	  /* inclusive */
	const char *what; /* "an SPI of the GIC": "INTID 20 is not <what> (<first>..<last>)" */
};

/* Run-time operations: what the hypervisor does with the controller once it boots. */
struct irqchip_ops {
	/*
	 * Boot CPU, once, before any other operation: maps the controller from
	 * the probed description, sets every interrupt it can give a VM
	 * disabled, and writes the real number of interrupts into ic->nr_irqs.
	 * cpu_ids: every CPU's arch id, by cpuid_t (ncpus of them; the driver
	 * keeps what it needs). Returns 0, or -1 with a message.
	 */
	int (*init)(struct hw_irqchip *ic, const u64 *cpu_ids, u32 ncpus);
	/* On each CPU, before it takes interrupts: its own part of the controller. 0 or -1. */
	int (*cpu_init)(cpuid_t cpu);
	/* Takes the highest-priority pending interrupt: true, its number and a cookie for complete. */
	bool (*ack)(irqid_t *irq, u32 *cookie);
	/* Done with an interrupt ack returned (the controller may signal it again). */
	void (*complete)(u32 cookie);
	/*
	 * cpu: whose interrupt, for one private to each CPU (the GIC's SGIs and
	 * PPIs); ignored for a shared one. A controller that banks private
	 * interrupts in one frame (GICv2) reaches only the caller's: cpu must
	 * then be the calling CPU.
	 */
	void (*set_enable)(irqid_t irq, cpuid_t cpu, bool on);
	/* Shared interrupts: edge-triggered (true) or level-sensitive. */
	void (*set_edge)(irqid_t irq, bool edge);
	/* Shared interrupts: delivered to CPU cpu only. */
	void (*set_route)(irqid_t irq, cpuid_t cpu);
	/* Pending (a level-sensitive interrupt: its line, active or not); cpu as set_enable's. */
	bool (*is_pending)(irqid_t irq, cpuid_t cpu);
	/* Deactivates irq wherever it was taken; cpu as set_enable's. */
	void (*clear_active)(irqid_t irq, cpuid_t cpu);
};

struct irqchip_driver {
	const char *name;	       /* the controller's name in messages: "the GIC /intc" */
	const char *const *compatible; /* NULL-terminated, in the order messages list them */
	u32 min_cells;		       /* the #interrupt-cells its specifiers need at least */
	/*
	 * DT glue (pure, part of the configuration layer). probe: fills ic
	 * (variant, regs; nr_irqs when the DT gives it) from its node (node,
	 * path and drv are the caller's); returns the errors it reported
	 * (cfg_diag: node, property, what is wrong), 0 if the driver can run it.
	 */
	int (*probe)(const struct dt_node *node, struct hw_irqchip *ic, struct cfg_report *rep);
	/*
	 * One interrupt specifier (cells: the node's #interrupt-cells, at least
	 * min_cells) to the number of an interrupt a VM may be given: CFG_OK,
	 * or the class of the problem and why, which follows the specifier in a
	 * message ("is a PPI (INTID 27): only SPIs can be passed through").
	 */
	enum cfg_err (*xlate)(const struct hw_irqchip *ic, const u32 *cells, irqid_t *irq,
			      char *why, size_t len);
	/* The physical interrupts a VM may be given (nr_irqs 0: the architecture's limit). */
	void (*assignable)(const struct hw_irqchip *ic, struct irq_range *r);
	/*
	 * What a register window the hypervisor keeps is, for a message: entry
	 * index of the reg of node, which is the controller's or one below it
	 * (fdt NULL: only what ic says).
	 */
	const char *(*window_name)(const struct hw_irqchip *ic, const void *fdt, int node,
				   u32 index);
	/*
	 * Whether each CPU has an interrupt file of its own that the vCPU it
	 * runs can be given (guest-interrupt-files): true, or false and why
	 * not, which follows "guest-interrupt-files: " in a message. NULL: the
	 * controller has none.
	 */
	bool (*guest_files)(const struct hw_irqchip *ic, char *why, size_t len);
	/* One line for the checker's board table: "GICv3 /intc: distributor 0x8000000, ..." */
	void (*describe)(const struct hw_irqchip *ic, char *buf, size_t len);
	const struct irqchip_ops *ops; /* IRQCHIP_OPS(...): NULL in host builds */
};

/*
 * A driver's run-time operations, or NULL where its register code is not
 * built: the host tools (checker, unit tests, fuzzers: hosted C) compile the
 * DT glue alone; the hypervisor is freestanding.
 */
#if __STDC_HOSTED__
#define IRQCHIP_OPS(ops) NULL
#else
#define IRQCHIP_OPS(ops) (&(ops))
#endif

/*
 * Registers a driver: IRQCHIP_DRIVER(gic_driver) = { ... };. Its entry goes
 * to the section irqchip_drivers, which the linker collects from every driver
 * linked in (and names __start_/__stop_irqchip_drivers): no list of drivers
 * to keep anywhere but arch.mk. Nothing depends on the entries' order, which
 * the linker does not promise (irqchip_compat_table sorts them by name).
 */
/* MISRA deviation 20.7: name is the identifier the macro declares */
#define IRQCHIP_DRIVER(name)                                                                 \
	static const struct irqchip_driver name;                                             \
	static const struct irqchip_driver *const name##_entry                               \
		__attribute__((used, section("irqchip_drivers"), aligned(sizeof(void *)))) = \
			&name;                                                               \
	static const struct irqchip_driver name

/* ------------------------------------------------- DT glue (irqchip_dt.c, pure) */

/*
 * Every compatible a driver matches, with its driver, for matching many nodes
 * at once (dt_strlist_mask): drivers by name, each one's compatibles in its
 * own order (most preferred first). At most max; returns how many.
 */
u32 irqchip_compat_table(struct dt_str *compat, const struct irqchip_driver **drv, u32 max);
/*
 * "\"arm,gic-v3\", \"arm,gic-400\" or ...": every compatible a driver
 * matches, for a message (drivers by name, each one's in its own order).
 */
void irqchip_compatibles(char *buf, size_t len);

/* What a node's interrupts decode to (irqchip_node_irqs). */
enum irqchip_irqs_status {
	IRQS_OK,
	IRQS_TOO_MANY,	   /* more than CFG_MAX_DEV_IRQS */
	IRQS_MALFORMED,	   /* a specifier cut short or too few cells, or its parent not found */
	IRQS_OTHER_PARENT, /* a specifier goes to another controller (parent) */
	IRQS_REFUSED,	   /* the driver refuses a specifier (code, why) */
};

struct irqchip_irqs {
	enum irqchip_irqs_status status;
	u32 n; /* interrupts decoded, each once */
	irqid_t irq[CFG_MAX_DEV_IRQS];
	u32 spec;	   /* the specifier the decoding stopped at */
	int parent;	   /* IRQS_OTHER_PARENT: that controller's node */
	enum cfg_err code; /* IRQS_REFUSED: the driver's class and reason, */
	char why[96];	   /* and the specifier as "0 5 4" */
	char cells[48];
};

/*
 * The one decoder of interrupt specifiers: a node's interrupts (with the
 * interrupt-parent they inherit: DT spec 2.4) or interrupts-extended, each
 * through the matched controller's xlate after checking that it goes to that
 * controller. Returns true if they all decoded (out->status IRQS_OK).
 */
bool irqchip_node_irqs(const struct hw_irqchip *ic, const struct dt_node *n,
		       struct irqchip_irqs *out);
/* The physical interrupts a VM may be given (a range that holds none if no controller). */
void irqchip_assignable(const struct hw_irqchip *ic, struct irq_range *r);

/*
 * The arch id (reg) of the CPU whose own interrupt controller, a child of its
 * cpu node (RISC-V's riscv,cpu-intc), has this phandle: what the PLIC's,
 * APLIC's and IMSIC's interrupts-extended name. 0, or -1 if there is none.
 */
int irqchip_intc_cpu(const void *fdt, u32 phandle, u64 *cpu_id);

/* ------------------------------------------------- run time (irqchip.c) */

/*
 * Boot CPU, once: the matched driver takes the controller (its init);
 * cpu_ids: every CPU's arch id, by cpuid_t (copied). 0, or -1 with a message.
 */
int irqchip_init(struct hw_irqchip *ic, const u64 *cpu_ids, u32 ncpus);
/* The struct irqchip_ops operations of the matched driver, the arch ids filled in. */
int irqchip_cpu_init(cpuid_t cpu);
bool irqchip_ack(irqid_t *irq, u32 *cookie);
void irqchip_complete(u32 cookie);
void irqchip_set_enable(irqid_t irq, cpuid_t cpu, bool on);
void irqchip_set_edge(irqid_t irq, bool edge);
void irqchip_set_route(irqid_t irq, cpuid_t cpu);
bool irqchip_is_pending(irqid_t irq, cpuid_t cpu);
void irqchip_clear_active(irqid_t irq, cpuid_t cpu);

#endif
