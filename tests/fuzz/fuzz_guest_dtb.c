// SPDX-License-Identifier: Apache-2.0
/*
 * libFuzzer target: the guest DTB fix-ups. A partition DTB may embed a guest
 * DTB (the dtb node): the hypervisor copies it and edits it in place with
 * hyp/dt_write.c (libfdt read-write) before the VM starts, so it is untrusted
 * input too. This replays the edits of hyp/guest_dtb.c (fix_up: /memory,
 * /cpus, /psci, /chosen; the GIC and PL011 look-ups) on the input, within the
 * CFG_DTB_SLACK room. Promises: when the edits succeed, /cpus starts with
 * cpu@0, cpu@1 in that order, and the result is a blob the hypervisor's own
 * reader (dt_check) accepts. (The first finding: libfdt
 * edited blobs dt_check refuses; dtw_open now refuses them first.)
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "dt.h"
#include "dt_write.h"

static int fix_memory(void *fdt)
{
	u32 ac = dtw_addr_cells(fdt, 0);
	u32 sc = dtw_size_cells(fdt, 0);
	int ret = dtw_del_memory_nodes(fdt);
	int node = ret < 0 ? ret : dtw_subnode(fdt, 0, "memory@40000000");

	ret = node < 0 ? node : fdt_setprop_string(fdt, node, "device_type", "memory");
	return ret < 0 ? ret : dtw_set_reg(fdt, node, 0x40000000, 0x8000000, ac, sc);
}

static int fix_cpus(void *fdt)
{
	int cpus = dtw_cpu_nodes(fdt, 2);
	int ret = cpus;
	char name[16];

	for (u32 i = 0; i < 2 && ret >= 0; i++) {
		int node;

		snprintf(name, sizeof(name), "cpu@%x", i);
		node = fdt_subnode_offset(fdt, cpus, name);
		ret = node < 0 ? node : fdt_setprop_string(fdt, node, "enable-method", "psci");
	}
	return ret;
}

static int fix_chosen(void *fdt)
{
	static const char psci[] = "arm,psci-1.0\0arm,psci-0.2\0arm,psci";
	int node = fdt_node_offset_by_compatible(fdt, -1, "arm,psci-0.2");
	u64 start = 0x44000000;
	u64 end = 0x44100000;
	int ret;

	node = node >= 0 ? node : dtw_subnode(fdt, 0, "psci");
	ret = node < 0 ? node : fdt_setprop(fdt, node, "compatible", psci, sizeof(psci));
	ret = ret < 0 ? ret : fdt_setprop_string(fdt, node, "method", "hvc");
	node = ret < 0 ? ret : dtw_subnode(fdt, 0, "chosen");
	ret = node < 0 ? node : fdt_setprop_u64(fdt, node, "linux,initrd-start", start);
	ret = ret < 0 ? ret : fdt_setprop_u64(fdt, node, "linux,initrd-end", end);
	return ret < 0 ? ret : fdt_setprop_string(fdt, node, "bootargs", "console=ttyAMA0");
}

/* Promise: /cpus starts with cpu@0, cpu@1, in that order (guests number CPUs in DT order). */
static bool cpus_in_order(const void *fdt)
{
	int node = fdt_first_subnode(fdt, fdt_path_offset(fdt, "/cpus"));
	const char *first = node < 0 ? NULL : fdt_get_name(fdt, node, NULL);
	int next = node < 0 ? node : fdt_next_subnode(fdt, node);
	const char *second = next < 0 ? NULL : fdt_get_name(fdt, next, NULL);

	return first && second && !strcmp(first, "cpu@0") && !strcmp(second, "cpu@1");
}

/* The look-ups of check_gic and check_uarts. */
static void look_up(const void *fdt)
{
	char path[CFG_PATH_MAX];
	u64 addr;
	u64 size;
	int gic = fdt_node_offset_by_compatible(fdt, -1, "arm,gic-v3");

	for (int i = 0; gic >= 0 && i < 2; i++)
		dtw_reg(fdt, gic, i, &addr, &size);
	for (int n = fdt_node_offset_by_compatible(fdt, -1, "arm,pl011"); n >= 0;
	     n = fdt_node_offset_by_compatible(fdt, n, "arm,pl011")) {
		if (dt_is_enabled(fdt, n) && dtw_reg(fdt, n, 0, &addr, &size) == 0)
			dtw_path(fdt, n, path, sizeof(path));
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	u32 cap = (u32)size + CFG_DTB_SLACK;
	void *buf = NULL;
	int ret;

	if (size > (1U << 20) || posix_memalign(&buf, 8, cap))
		return 0;
	ret = dtw_open(data, (u32)size, buf, cap);
	ret = ret < 0 ? ret : fix_memory(buf);
	ret = ret < 0 ? ret : fix_cpus(buf);
	ret = ret < 0 ? ret : fix_chosen(buf);
	if (ret >= 0 && !cpus_in_order(buf)) {
		fprintf(stderr, "broken promise: /cpus does not start with cpu@0, cpu@1\n");
		abort();
	}
	if (ret >= 0)
		look_up(buf);
	ret = ret < 0 ? ret : dtw_finish(buf);
	if (ret >= 0 && dt_check(buf, cap) < 0) {
		fprintf(stderr, "broken promise: the fixed-up guest DTB fails dt_check\n");
		abort();
	}
	free(buf);
	return 0;
}
