/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Internal helpers shared by the config_*.c files (not part of the config
 * interface): diagnostics with printf-style messages and value formatting.
 */
#ifndef TESSERA_CONFIG_INTERNAL_H
#define TESSERA_CONFIG_INTERNAL_H

#include "config.h"

#define PARTITIONS_PATH "/bao-partitions"

/* Fills hw->llc from the hardware DTB (colors 0 and a reason if unknown). */
void hw_parse_cache(const void *fdt, struct hw *hw);

/* printf helpers: "[0x1000..0x2000)" for a base and a size. */
#define ULL(v)		      ((unsigned long long)(v))
#define RANGE_FMT	      "[0x%llx..0x%llx)"
#define RANGE_ARG(base, size) ULL(base), ULL((u64)(base) + (u64)(size))

/* Appends a diagnostic; returns 1 for an error, 0 for a warning. */
int cfg_diag(struct cfg_report *rep, enum cfg_err code, int vm, bool warning, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

/* Name of a VM for messages: vm-name, or its node name if it has none. */
const char *cfg_vm_label(const struct cfg_vm *vm);

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
};

/* Appends an error; refuses the VM or channel being parsed or checked. */
void val_err(struct val_ctx *v, enum cfg_err code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* True if VM j is checked before the current VM and was accepted. */
bool val_vm_holds(const struct val_ctx *v, u32 j);
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
