/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Internal helpers shared by the config_*.c files (not part of the config
 * interface): diagnostics with printf-style messages and value formatting.
 */
#ifndef TESSERA_CONFIG_INTERNAL_H
#define TESSERA_CONFIG_INTERNAL_H

#include "config.h"
#include "palloc.h"

struct dt_node;

#define PARTITIONS_PATH "/bao-partitions"

/* Fills hw->llc from the hardware DTB (colors 0 and a reason if unknown). */
void hw_parse_cache(const void *fdt, struct hw *hw);

/* printf helpers: "[0x1000..0x2000)" for a base and a size. */
#define ULL(v)		      ((unsigned long long)(v))
#define RANGE_FMT	      "[0x%llx..0x%llx)"
#define RANGE_ARG(base, size) ULL(base), ULL((u64)(base) + (u64)(size))

/* A run (hw_parse, config_parse, config_validate) starts: its repeats merge only among its own. */
void cfg_report_mark(struct cfg_report *rep);

/* Appends a diagnostic; returns 1 for an error, 0 for a warning. */
int cfg_diag(struct cfg_report *rep, enum cfg_err code, int vm, bool warning, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

/* Printable ASCII, 0x20..0x7e: what the console may show of a layout or a DTB. */
static inline bool cfg_is_print(char c)
{
	return (c >= ' ') && (c <= '~');
}
/* s for a message, quoted by the caller: printable bytes as they are, others as \xNN. */
void cfg_escape(const char *s, char *buf, size_t len);

/* ------------------------------------------------------- parse, validation */

/* State of one config_parse() or config_validate() run. */
struct val_ctx {
	struct config *cfg;
	struct cfg_report *rep;
	int vm;	  /* VM being parsed or checked (refused on error), or -1 */
	int chan; /* channel being parsed or checked (refused on error), or -1 */
	int errs;
	/* config_parse: the partition DTB and the cells of /bao-partitions */
	const void *fdt;
	u32 ac;	   /* #address-cells, for every address */
	u32 sc;	   /* #size-cells, for every size */
	bool deep; /* the blob has nodes nested deeper than the reader follows */
	/* config_validate */
	const struct hw *hw;
	const void *hw_fdt;		/* may be NULL: hardware DTB checks are skipped */
	u64 color_used[CFG_MAX_COLORS]; /* bytes of each color accepted VMs and channels take */
	u32 color_ahead;		/* VMs whose channels' colors are charged ahead of them */
	u32 no_claims;	 /* VMs refused in an earlier round: their claims count for none */
	u32 claims_used; /* VMs not checked yet whose claims counted in this round */
	/* config_validate_ram: the boot's allocation replayed */
	struct palloc ram;	   /* RAM still free */
	u8 ram_fixed[CFG_MAX_VMS]; /* per VM, the fixed regions it claimed in ram */
	u32 ram_ahead;		   /* VMs not checked yet with fixed memory claimed in ram */
	u32 ram_chan_ahead;	   /* VMs by which alone a channel's memory is taken in ram */
	/* what the hypervisor keeps: read from hw_fdt when a device first needs it */
	struct hw_kept kept;
	bool kept_read;
};

/* What the hypervisor keeps (config_hw_owned.c), read once per config_validate round. */
const struct hw_kept *val_kept(struct val_ctx *v);

/* --------------------------------------------- config_parse_prop.c: property grammar */

/* Reads a number of ncells cells. Returns 0 if read, 1 if absent, -1 on error. */
int parse_num(struct val_ctx *p, int node, const char *path, const char *prop, u32 ncells,
	      bool required, u64 *out);
/* An address (#address-cells) or a size (#size-cells) of /bao-partitions. */
int parse_addr(struct val_ctx *p, int node, const char *path, const char *prop, bool required,
	       u64 *out);
int parse_size(struct val_ctx *p, int node, const char *path, const char *prop, bool required,
	       u64 *out);
/* reg = <address size>: exactly one entry. Returns 0, 1 if absent, -1. */
int parse_reg(struct val_ctx *p, int node, const char *path, bool required, u64 *addr, u64 *size);

enum parse_text {
	TEXT_PRINTABLE, /* printable ASCII */
	TEXT_NAME,	/* printable ASCII without '[' and ']': it prefixes console lines */
};
/* A string property: one NUL-terminated string of that kind; NULL if absent or refused. */
const char *parse_text(struct val_ctx *p, int node, const char *path, const char *prop,
		       bool required, enum parse_text kind);
/* vm-name, channel-name: a TEXT_NAME of 1..CFG_NAME_MAX-1 characters into out. */
bool parse_name(struct val_ctx *p, int node, const char *path, const char *prop, char *out,
		bool required);
/* A boolean: present and empty. A value (identity = <0>) is refused, never read as false. */
bool parse_bool(struct val_ctx *p, int node, const char *path, const char *prop);
/* colors = <index ...> (or hypervisor-colors) into a bitmap; then: appended to messages. */
void parse_colors(struct val_ctx *p, int node, const char *path, const char *prop, u64 *colors,
		  const char *then);
/* The node's path for messages (never a raw control byte); its name checked (DT spec 2.2.1). */
void parse_node_path(struct val_ctx *p, const struct dt_node *n, char *path, int len);
/*
 * config_parse_root.c: /bao-partitions' own properties (-1: the layout cannot
 * be read on), and after the VMs, the verdict on a bad cache-colors (errors).
 */
int parse_root(struct val_ctx *p, int root);
int parse_colored(struct val_ctx *p);
/* Refuses a node (its VM or channel) with nodes nested deeper than the reader follows. */
void parse_too_deep(struct val_ctx *p, const struct dt_node *n, const char *path);
/* memory@, image, dtb, initrd, vuart, device@, shmem@ and channel@ have no child nodes. */
void parse_no_children(struct val_ctx *p, const struct dt_node *n, const char *path);

/* Appends an error; refuses the VM or channel being parsed or checked. */
void val_err(struct val_ctx *v, enum cfg_err code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* True if VM j is checked before the current VM and was accepted. */
bool val_vm_holds(const struct val_ctx *v, u32 j);
/*
 * True if what VM j asks for counts against the current VM or channel: j
 * holds it, or j is not checked yet and not known to be refused (a claim
 * ahead; the caller adds j to claims_used when it decides something).
 */
bool val_vm_claims(const struct val_ctx *v, u32 j);
/*
 * config_validate_cpu.c: the VM's CPUs (owner: VM index + 1 per CPU), and
 * whether another VM holds the ones its cpu-affinity names; its interrupts.
 */
void val_vm_cpus(struct val_ctx *v, const u8 *owner);
void val_vm_cpus_taken(struct val_ctx *v, const u8 *owner);
/* guest-interrupt-files: refused on a controller without files for VMs (its reason). */
void val_vm_guest_files(struct val_ctx *v);
void val_vm_irqs(struct val_ctx *v);
/*
 * irq is one a VM may have: physical, one the interrupt controller has and
 * lets VMs have (irqchip_assignable); virtual (a vuart's, a doorbell's), in
 * the arch's range (arch_cfg_virq_range). Reports it (CFG_E_IRQ_RANGE) if not.
 */
bool val_irq_range(struct val_ctx *v, const char *path, const char *prop, irqid_t irq,
		   bool physical);
/*
 * Finds irq among the first `limit` interrupt uses of vm (device irqs, then
 * shmem irqs; not the vuart's, which is virtual); its node path into where.
 */
bool val_irq_find(const struct cfg_vm *vm, irqid_t irq, u32 limit, char *where, size_t len);
/*
 * config_validate_ram.c: RAM as the boot allocates it: the free RAM, fixed
 * memory and channels (after val_channels), then each VM's memory (last in
 * its checks: a refused VM gives back what it had).
 */
void val_ram_init(struct val_ctx *v);
void val_vm_ram(struct val_ctx *v);
/* config_validate_chan.c: every channel (before the VMs), and a VM's mappings of them. */
void val_channels(struct val_ctx *v);
void val_vm_shmem(struct val_ctx *v);
/* True if vm maps channel k. */
bool val_vm_maps(const struct cfg_vm *vm, u32 k);
/*
 * True if channel k holds its PA, colors and memory against the current VM
 * or channel: it is not refused and a VM other than the current one that
 * maps it counts (val_vm_claims). *forward: those VMs, if none holds yet.
 */
bool val_chan_holds(struct val_ctx *v, u32 k, u32 *forward);
/* 4 KiB alignment and overflow of one guest mapping; false on error. */
bool val_mapping(struct val_ctx *v, const char *path, const char *prop, u64 ipa, u64 size);
/* PA range against RAM, reserved, protected and accepted memory of others. */
void val_pa_range(struct val_ctx *v, const char *path, const char *prop, u64 pa, u64 size);
void val_vm_memory(struct val_ctx *v);
/* config_validate_color.c: the number of colors, indices, colored memory per color. */
void val_colors_init(struct val_ctx *v);
bool val_colors(struct val_ctx *v, const char *path, u64 colors);
bool val_color_supply(struct val_ctx *v, const char *path, u64 colors, u64 size);
void val_color_charge(struct val_ctx *v, u64 colors, u64 size);
void val_vm_ipa_overlap(struct val_ctx *v);
void val_vm_devices(struct val_ctx *v);

#endif
