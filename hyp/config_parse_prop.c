/* SPDX-License-Identifier: Apache-2.0 */
/*
 * config_parse_prop: the property grammar of the partition DTB binding
 * (dts/bindings/bao-partitions.md), for config_parse: numbers of the
 * layout's cell counts, reg, strings that end up on the console (names,
 * hw-path, bootargs: one NUL-terminated string of printable ASCII, so no
 * layout can forge or garble console lines), booleans, color lists, node
 * names and nesting.
 */
#include <stdio.h>
#include <string.h>

#include "config_internal.h"
#include "dt.h"

int parse_num(struct val_ctx *p, int node, const char *path, const char *prop, u32 ncells,
	      bool required, u64 *out)
{
	int len;
	const u32 *val = dt_prop(p->fdt, node, prop, &len);

	if (val && (u32)len == ncells * 4U) {
		*out = dt_read_cells(val, ncells);
		return 0;
	}
	if (!val && !required) {
		return 1;
	}
	if (!val) {
		val_err(p, CFG_E_MISSING, "%s: required property %s missing", path, prop);
	} else {
		val_err(p, CFG_E_CELLS, "%s: %s has %d bytes, expected %u cells (%u bytes)", path,
			prop, len, ncells, ncells * 4U);
	}
	return -1;
}

int parse_addr(struct val_ctx *p, int node, const char *path, const char *prop, bool required,
	       u64 *out)
{
	return parse_num(p, node, path, prop, p->ac, required, out);
}

int parse_size(struct val_ctx *p, int node, const char *path, const char *prop, bool required,
	       u64 *out)
{
	return parse_num(p, node, path, prop, p->sc, required, out);
}

int parse_reg(struct val_ctx *p, int node, const char *path, bool required, u64 *addr, u64 *size)
{
	int len;
	const u32 *cells = dt_prop(p->fdt, node, "reg", &len);

	if (!cells) {
		return parse_num(p, node, path, "reg", 1, required, addr);
	}
	if ((u32)len != (p->ac + p->sc) * 4U) {
		val_err(p, CFG_E_CELLS,
			"%s: reg has %d bytes, expected %u (#address-cells %u + #size-cells %u)",
			path, len, (p->ac + p->sc) * 4U, p->ac, p->sc);
		return -1;
	}
	*addr = dt_read_cells(cells, p->ac);
	*size = dt_read_cells(cells + p->ac, p->sc);
	return 0;
}

/* The first byte of s[0..n) a text of this kind may not have, or -1. */
static int parse_text_bad(const char *s, size_t n, enum parse_text kind)
{
	for (size_t i = 0; i < n; i++) {
		if (!cfg_is_print(s[i]) || (kind == TEXT_NAME && (s[i] == '[' || s[i] == ']'))) {
			return (int)i;
		}
	}
	return -1;
}

const char *parse_text(struct val_ctx *p, int node, const char *path, const char *prop,
		       bool required, enum parse_text kind)
{
	int len;
	const char *val = dt_prop(p->fdt, node, prop, &len);
	char shown[CFG_NAME_MAX * 2U];
	int bad;

	if (!val) {
		if (required) {
			val_err(p, CFG_E_MISSING, "%s: required property %s missing", path, prop);
		}
		return NULL;
	}
	if (!dt_prop_string(val, len) || strlen(val) + 1U != (size_t)len) {
		val_err(p, CFG_E_VALUE, "%s: %s (%d bytes) is not one NUL-terminated string", path,
			prop, len);
		return NULL;
	}
	bad = parse_text_bad(val, (size_t)len - 1U, kind);
	if (bad < 0) {
		return val;
	}
	cfg_escape(val, shown, sizeof(shown));
	val_err(p, CFG_E_VALUE, "%s: %s \"%s\" has byte 0x%02x at %d: %s", path, prop, shown,
		(u8)val[bad], bad,
		kind == TEXT_NAME
			? "a name is printable ASCII without '[' and ']' (it prefixes "
			  "console lines as [name])"
			: "only printable ASCII is allowed (it is printed on the console)");
	return NULL;
}

bool parse_name(struct val_ctx *p, int node, const char *path, const char *prop, char *out,
		bool required)
{
	const char *name = parse_text(p, node, path, prop, required, TEXT_NAME);

	if (!name) {
		return false;
	}
	if (name[0] == '\0' || strlen(name) >= CFG_NAME_MAX) {
		val_err(p, CFG_E_VALUE, "%s: %s \"%.*s%s\" must be 1..%u characters", path, prop,
			CFG_NAME_MAX, name, strlen(name) > CFG_NAME_MAX ? "..." : "",
			CFG_NAME_MAX - 1U);
		return false;
	}
	(void)snprintf(out, CFG_NAME_MAX, "%s", name);
	return true;
}

bool parse_bool(struct val_ctx *p, int node, const char *path, const char *prop)
{
	int len;

	if (!dt_prop(p->fdt, node, prop, &len)) {
		return false;
	}
	if (len == 0) {
		return true;
	}
	val_err(p, CFG_E_VALUE,
		"%s: %s has a %d-byte value, but it is a boolean: present means true (write "
		"\"%s;\"), absent false",
		path, prop, len, prop);
	return false;
}

void parse_colors(struct val_ctx *p, int node, const char *path, const char *prop, u64 *colors,
		  const char *then)
{
	u32 idx[CFG_MAX_COLORS];
	u32 n = ARRAY_SIZE(idx);
	int ret = dt_u32_array(p->fdt, node, prop, idx, &n);

	if (ret == DT_E_NOTFOUND) {
		return;
	}
	if (ret == DT_E_RANGE) {
		val_err(p, CFG_E_TOO_MANY, "%s: %s has more than %u entries%s", path, prop,
			CFG_MAX_COLORS, then);
	} else if (ret < 0 || n == 0U) {
		val_err(p, CFG_E_CELLS, "%s: %s must be a non-empty list of 1-cell indices%s", path,
			prop, then);
	} else {
		/* a list: its indices are checked by the caller */
	}
	for (u32 i = 0; ret == 0 && i < n; i++) {
		if (idx[i] >= CFG_MAX_COLORS) {
			val_err(p, CFG_E_COLOR, "%s: %s entry %u is %u, must be 0..%u%s", path,
				prop, i, idx[i], CFG_MAX_COLORS - 1U, then);
		} else {
			*colors |= 1ULL << idx[i];
		}
	}
}

/* Node names (Devicetree Specification v0.4, 2.2.1): letters, digits, ",._+-", '@' for the unit. */
static bool parse_name_char(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       strchr(",._+-@", c);
}

void parse_node_path(struct val_ctx *p, const struct dt_node *n, char *path, int len)
{
	const char *name = dt_node_name(n);
	char shown[CFG_NAME_MAX * 2U];
	size_t i = 0;

	(void)dt_node_path(n, path, len);
	cfg_sanitize(path); /* the path is only shown: never a raw control byte */
	while (name[i] && parse_name_char(name[i])) {
		i++;
	}
	if (!name[i]) {
		return;
	}
	cfg_escape(name, shown, sizeof(shown));
	val_err(p, CFG_E_VALUE,
		"%s: node name \"%s\" has byte 0x%02x: node names use letters, digits, ',._+-' and "
		"'@' (Devicetree Specification 2.2.1)",
		path, shown, (u8)name[i]);
}

void parse_too_deep(struct val_ctx *p, const struct dt_node *n, const char *path)
{
	struct dt_node parent;
	char where[CFG_PATH_MAX];

	if (!p->deep || dt_deep_below(n, &parent) < 0) {
		return;
	}
	if (dt_node_path(&parent, where, sizeof(where)) < 0) {
		parent.depth = n->depth + 1; /* too long to show: the branch's first node */
		(void)snprintf(where, sizeof(where), "%s/%s/...", path, dt_node_name(&parent));
	}
	cfg_sanitize(where);
	val_err(p, CFG_E_TOO_MANY,
		"%s: nodes nested deeper than %u levels (below %s): the device tree reader "
		"follows at most %u",
		path, DT_MAX_DEPTH, where, DT_MAX_DEPTH);
}

void parse_no_children(struct val_ctx *p, const struct dt_node *n, const char *path)
{
	struct dt_node c;

	if (dt_child_first(n, &c)) {
		val_err(p, CFG_E_VALUE, "%s: unknown node %s (a %s node has no child nodes)", path,
			dt_node_name(&c), dt_node_name(n));
	}
}
