/* SPDX-License-Identifier: Apache-2.0 */
/*
 * tessera-check: the offline layout checker. It runs the hypervisor's own
 * parse and validate code (hyp/config_*.c, hyp/dt*.c) on the host against a
 * board's hardware DTB, then prints what the hypervisor would print at boot:
 * every problem, or the partition table; plus what this board has that the
 * hypervisor does not support yet.
 */
#ifndef TESSERA_CHECK_H
#define TESSERA_CHECK_H

#include "config.h"

/* Exit codes. */
#define CHECK_EXIT_OK	       0 /* every partition valid */
#define CHECK_EXIT_INVALID     1 /* problems found: a partition is refused or nothing boots */
#define CHECK_EXIT_USAGE       2 /* bad arguments or unreadable files */
#define CHECK_EXIT_UNSUPPORTED 3 /* --strict: the board needs what is not supported yet */

struct check_run {
	const void *hw_fdt;
	u64 hw_size;
	const void *part_fdt;
	u64 part_size;
	struct hw hw;
	struct config cfg;
	struct cfg_report rep;
	int hw_errs;
	u32 unsupported; /* board support notices printed */
};

/* check_table.c: the partition table of the VMs that are valid; the board. */
void check_print_table(const struct check_run *run);
void check_print_board(const struct check_run *run);
/* check_board.c: what the board has that the hypervisor does not support yet. */
void check_board_support(struct check_run *run);
/* The highest SPI the hardware DTB's own devices route to the GIC: it exists. 0 if none. */
irqid_t check_gic_proven(const struct check_run *run);

#endif
