// SPDX-License-Identifier: Apache-2.0
/*
 * A deliberate violation for tests/boot_refs/run.sh: run-time code (this file is not in
 * BOOT_SRCS) that calls the boot-only partition parser. Linked only into
 * build/<arch>/boot-refs-violation.elf, never into hyp.bin.
 */
#include "config.h"

int boot_refs_violation(const void *fdt, struct config *cfg, struct cfg_report *rep);

int boot_refs_violation(const void *fdt, struct config *cfg, struct cfg_report *rep)
{
	return config_parse(fdt, 4096, cfg, rep);
}
