/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Fixture for the config tests: hardware DTB + partition DTB through
 * hw_parse, config_parse and config_validate, and report matchers.
 */
#ifndef TESSERA_TEST_CFG_H
#define TESSERA_TEST_CFG_H

#include "config.h"
#include "test.h"

struct fixture {
	struct hw hw;
	struct config cfg;
	struct cfg_report rep;
	const void *hw_fdt;
	int hw_errs;
	int parse_errs;
	int val_errs;
};

static struct fixture fx;

static inline void fx_dump(void)
{
	for (unsigned i = 0; i < fx.rep.ndiags; i++) {
		const struct cfg_diag *d = &fx.rep.diags[i];

		printf("    [%s%d vm %d] %s\n", d->warning ? "warning " : "", (int)d->code, d->vm,
		       d->msg);
	}
}

/* The protected ranges the boot code would add: its image and the partition DTB. */
static inline void fx_protect(struct hw *hw)
{
	hw->nprotect = 0;
	hw_protect(hw, 0x40000000, 0x200000, HW_PROTECT_IMAGE, "hypervisor image");
	hw_protect(hw, 0x7f000000, 0x100000, HW_PROTECT_BLOB, "partition DTB");
}

static inline struct fixture *fx_run(const char *hw_name, const char *layout)
{
	size_t hw_size;
	size_t size;
	const void *part;

	memset(&fx, 0, sizeof(fx));
	cfg_report_init(&fx.rep);
	fx.hw_fdt = test_dtb(hw_name, &hw_size);
	fx_protect(&fx.hw);
	fx.hw_errs = hw_parse(fx.hw_fdt, hw_size, &fx.hw, &fx.rep);
	part = test_dtb(layout, &size);
	fx.parse_errs = config_parse(part, size, &fx.cfg, &fx.rep);
	fx.val_errs = config_validate(&fx.cfg, &fx.hw, fx.hw_fdt, &fx.rep);
	return &fx;
}

/* A diagnostic with this code (and VM, unless vm == -2) whose message has every string. */
static inline const struct cfg_diag *fx_find(enum cfg_err code, int vm, const char *const *subs)
{
	for (unsigned i = 0; i < fx.rep.ndiags; i++) {
		const struct cfg_diag *d = &fx.rep.diags[i];
		bool all = d->code == code && (vm == -2 || d->vm == vm);

		for (int k = 0; all && subs[k]; k++)
			all = strstr(d->msg, subs[k]) != NULL;
		if (all)
			return d;
	}
	return NULL;
}

#define CHECK_DIAG(code, vm, ...)                                                              \
	do {                                                                                   \
		if (!fx_find(code, vm, (const char *const[]){__VA_ARGS__, NULL})) {            \
			test_fail(__FILE__, __LINE__,                                          \
				  "no diagnostic %s for vm %d with " #__VA_ARGS__ "; report:", \
				  #code, vm);                                                  \
			fx_dump();                                                             \
			return;                                                                \
		}                                                                              \
	} while (0)

#define CHECK_CLEAN()                                                                 \
	do {                                                                          \
		if (cfg_report_errors(&fx.rep) != 0) {                                \
			test_fail(__FILE__, __LINE__, "expected no errors; report:"); \
			fx_dump();                                                    \
			return;                                                       \
		}                                                                     \
	} while (0)

#endif
