/* SPDX-License-Identifier: Apache-2.0 */
/*
 * config_report: the diagnostics list shared by hw_parse, config_parse and
 * config_validate. It only records messages; the boot code prints them.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "config_internal.h"

static const char *const cfg_err_names[CFG_E__COUNT] = {
	[CFG_OK] = "ok",
	[CFG_E_BLOB] = "invalid or truncated device tree blob",
	[CFG_E_NO_ROOT] = "no /bao-partitions node",
	[CFG_E_TOO_MANY] = "limit exceeded",
	[CFG_E_MISSING] = "required property missing",
	[CFG_E_CELLS] = "wrong number of cells",
	[CFG_E_VALUE] = "invalid value",
	[CFG_E_ALIGN] = "not page aligned",
	[CFG_E_OVERFLOW] = "address range overflows",
	[CFG_E_CPU_COUNT] = "not enough CPUs",
	[CFG_E_CPU_AFFINITY] = "CPU affinity conflict",
	[CFG_E_MEM_RAM] = "memory outside RAM",
	[CFG_E_MEM_RESERVED] = "memory overlaps reserved memory",
	[CFG_E_MEM_HYP] = "memory overlaps the hypervisor",
	[CFG_E_MEM_VM] = "memory overlaps another partition",
	[CFG_E_IPA_OVERLAP] = "guest address ranges overlap",
	[CFG_E_IMAGE] = "image problem",
	[CFG_E_DEV_NOT_HW] = "device not in the hardware device tree",
	[CFG_E_DEV_HYP] = "device belongs to the hypervisor",
	[CFG_E_DEV_VM] = "device already assigned",
	[CFG_E_IRQ_RANGE] = "interrupt out of range",
	[CFG_E_IRQ_VM] = "interrupt already assigned",
	[CFG_E_REF] = "unresolved reference",
	[CFG_E_SHMEM] = "shared-memory channel problem",
	[CFG_E_COLOR] = "cache color problem",
	[CFG_E_HW] = "hardware description problem",
};

const char *cfg_strerror(enum cfg_err code)
{
	if ((unsigned)code >= CFG_E__COUNT)
		return "unknown error";
	return cfg_err_names[code];
}

u32 cfg_report_errors(const struct cfg_report *rep)
{
	u32 n = rep->dropped;

	for (u32 i = 0; i < rep->ndiags; i++)
		n += !rep->diags[i].warning;
	return n;
}

/* Each diagnostic is written whole as it is added: only the counts are cleared. */
void cfg_report_init(struct cfg_report *rep)
{
	rep->ndiags = 0;
	rep->dropped = 0;
}

void cfg_sanitize(char *s)
{
	for (; *s; s++) {
		if (!cfg_is_print(*s))
			*s = '?';
	}
}

void cfg_escape(const char *s, char *buf, size_t len)
{
	size_t used = 0;

	for (; *s && used + 5 < len; s++) {
		if (cfg_is_print(*s) && *s != '\\' && *s != '"')
			buf[used++] = *s;
		else
			used += (size_t)snprintf(buf + used, len - used, "\\x%02x", (u8)*s);
	}
	buf[used] = '\0';
}

static int cfg_vdiag(struct cfg_report *rep, enum cfg_err code, int vm, bool warning,
		     const char *fmt, va_list ap)
{
	struct cfg_diag *d;

	if (rep->ndiags >= CFG_MAX_DIAGS) {
		rep->dropped += !warning;
		return !warning;
	}
	d = &rep->diags[rep->ndiags++];
	d->code = code;
	d->vm = vm;
	d->warning = warning;
	vsnprintf(d->msg, sizeof(d->msg), fmt, ap);
	cfg_sanitize(d->msg); /* names and paths from the blobs: never a raw control byte */
	return !warning;
}

int cfg_diag(struct cfg_report *rep, enum cfg_err code, int vm, bool warning, const char *fmt, ...)
{
	va_list ap;
	int ret;

	va_start(ap, fmt);
	ret = cfg_vdiag(rep, code, vm, warning, fmt, ap);
	va_end(ap);
	return ret;
}

void val_err(struct val_ctx *v, enum cfg_err code, const char *fmt, ...)
{
	va_list ap;

	if (v->vm >= 0)
		v->cfg->vms[v->vm].refused = true;
	if (v->chan >= 0)
		v->cfg->shmem[v->chan].refused = true;
	va_start(ap, fmt);
	v->errs += cfg_vdiag(v->rep, code, v->vm, false, fmt, ap);
	va_end(ap);
}

const char *cfg_vm_label(const struct cfg_vm *vm)
{
	const char *slash;

	if (vm->name[0])
		return vm->name;
	slash = strrchr(vm->path, '/');
	return slash ? slash + 1 : vm->path;
}

void cfg_colors_str(u64 colors, char *buf, size_t len)
{
	size_t used = 0;

	buf[0] = '\0';
	for (u32 c = 0; c < CFG_MAX_COLORS && used < len; c++) {
		u32 end = c;

		if (!(colors & (1ULL << c)))
			continue;
		while (end + 1 < CFG_MAX_COLORS && (colors & (1ULL << (end + 1))))
			end++;
		used += (size_t)snprintf(buf + used, len - used, end > c ? "%s%u-%u" : "%s%u",
					 used ? "," : "", c, end);
		c = end;
	}
}
