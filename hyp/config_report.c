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
	[CFG_E_MEM_FREE] = "not enough free RAM",
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
	if ((u32)code >= (u32)CFG_E__COUNT) {
		return "unknown error";
	}
	return cfg_err_names[code];
}

u32 cfg_report_errors(const struct cfg_report *rep)
{
	u32 n = rep->dropped;

	for (u32 i = 0; i < rep->ndiags; i++) {
		n += rep->diags[i].warning ? 0U : 1U + rep->diags[i].repeats;
	}
	return n;
}

/* Each diagnostic is written whole as it is added: only the counts are cleared. */
void cfg_report_init(struct cfg_report *rep)
{
	rep->ndiags = 0;
	rep->dropped = 0;
	rep->dropped_warnings = 0;
	rep->mark = 0;
}

void cfg_report_mark(struct cfg_report *rep)
{
	rep->mark = rep->ndiags;
}

void cfg_sanitize(char *s)
{
	for (size_t i = 0; s[i] != '\0'; i++) {
		if (!cfg_is_print(s[i])) {
			s[i] = '?';
		}
	}
}

void cfg_escape(const char *s, char *buf, size_t len)
{
	size_t used = 0;

	for (; *s && used + 5U < len; s++) {
		if (cfg_is_print(*s) && *s != '\\' && *s != '"') {
			buf[used++] = *s;
		} else {
			used += (size_t)snprintf(buf + used, len - used, "\\x%02x", (u8)*s);
		}
	}
	buf[used] = '\0';
}

/* Length of the node a message is about: up to its first ':' (its path), else all of it. */
static size_t cfg_subject(const char *msg)
{
	const char *colon = strchr(msg, ':');

	return colon ? char_span(msg, colon) + 1U : strlen(msg) + 1U;
}

/*
 * The kept problem d repeats, or NULL: of the same kind (message format,
 * class, severity) about the same node, in this run (hw_parse, config_parse
 * or config_validate) — the interrupts of one device out of range, the vm nodes
 * past the limit.
 */
static struct cfg_diag *cfg_like(struct cfg_report *rep, const struct cfg_diag *d)
{
	size_t len = cfg_subject(d->msg);

	for (u32 i = rep->mark; i < rep->ndiags; i++) {
		struct cfg_diag *o = &rep->diags[i];

		if (o->kind == d->kind && o->code == d->code && o->warning == d->warning &&
		    o->vm == d->vm && o->chan == d->chan && !strncmp(o->msg, d->msg, len)) {
			return o;
		}
	}
	return NULL;
}

/* True if d is the first error about its VM or its channel: it is kept whatever the room. */
static bool cfg_first_reason(const struct cfg_report *rep, const struct cfg_diag *d)
{
	bool vm = d->vm >= 0;
	bool chan = d->chan >= 0;

	for (u32 i = 0; !d->warning && i < rep->ndiags; i++) {
		const struct cfg_diag *o = &rep->diags[i];

		vm &= o->warning || o->vm != d->vm;
		chan &= o->warning || o->chan != d->chan;
	}
	return !d->warning && (vm || chan);
}

/*
 * Keeps d, counts it on the problem it repeats, or counts it dropped. The
 * last CFG_MAX_VMS + CFG_MAX_SHMEM slots are only for first reasons: every
 * refused VM and channel shows why.
 */
static void cfg_keep(struct cfg_report *rep, const struct cfg_diag *d)
{
	struct cfg_diag *like = cfg_like(rep, d);
	u32 room = CFG_MAX_DIAGS - (cfg_first_reason(rep, d) ? 0U : (CFG_MAX_VMS + CFG_MAX_SHMEM));

	if (like != NULL) {
		like->repeats++;
	} else if (rep->ndiags < room) {
		rep->diags[rep->ndiags++] = *d;
	} else {
		*(d->warning ? &rep->dropped_warnings : &rep->dropped) += 1;
	}
}

static int cfg_vdiag(struct cfg_report *rep, enum cfg_err code, int vm, int chan, bool warning,
		     const char *fmt, va_list ap)
{
	struct cfg_diag d = {.code = code, .vm = vm, .chan = chan, .warning = warning, .kind = fmt};

	(void)vsnprintf(d.msg, sizeof(d.msg), fmt, ap);
	cfg_sanitize(d.msg); /* names and paths from the blobs: never a raw control byte */
	cfg_keep(rep, &d);
	return !warning;
}

int cfg_diag(struct cfg_report *rep, enum cfg_err code, int vm, bool warning, const char *fmt, ...)
{
	va_list ap;
	int ret;

	va_start(ap, fmt);
	ret = cfg_vdiag(rep, code, vm, -1, warning, fmt, ap);
	va_end(ap);
	return ret;
}

void val_err(struct val_ctx *v, enum cfg_err code, const char *fmt, ...)
{
	va_list ap;

	if (v->vm >= 0) {
		v->cfg->vms[v->vm].refused = true;
	}
	if (v->chan >= 0) {
		v->cfg->shmem[v->chan].refused = true;
	}
	va_start(ap, fmt);
	v->errs += cfg_vdiag(v->rep, code, v->vm, v->chan, false, fmt, ap);
	va_end(ap);
}

const char *cfg_vm_label(const struct cfg_vm *vm)
{
	const char *slash;

	if (vm->name[0] != 0) {
		return vm->name;
	}
	slash = strrchr(vm->path, '/');
	return slash ? slash + 1 : vm->path;
}

static bool has_color(u64 colors, u32 c)
{
	return (colors & (1ULL << c)) != 0U;
}

void cfg_colors_str(u64 colors, char *buf, size_t len)
{
	size_t used = 0;
	u32 c = 0;

	buf[0] = '\0';

	while (c < CFG_MAX_COLORS && used < len) {
		u32 end = c;

		if (has_color(colors, c)) {
			while (end + 1U < CFG_MAX_COLORS && has_color(colors, end + 1U)) {
				end++;
			}
			used += (size_t)snprintf(buf + used, len - used,
						 end > c ? "%s%u-%u" : "%s%u", used ? "," : "", c,
						 end);
		}
		c = end + 1U; /* past the run of colors, or the color not in the set */
	}
}
