// SPDX-License-Identifier: Apache-2.0
/*
 * The guest DTB's channel nodes (hyp/guest_dtb_chan.c, binding
 * dts/bindings/tessera-channel.md) as vm_create writes them on the fake
 * architecture: one node per channel a VM maps, with its memory, doorbell page,
 * interrupt, read-only flag, name, id and members; none for a channel it does
 * not map; a stale node of the guest's own replaced.
 */
#include <libfdt.h>

#include "fake_test.h"

#define RAM_IPA	 0x80000000UL
#define DTB_IPA	 (RAM_IPA + MIB)
#define CHAN_IPA 0x90000000UL
#define DB_IPA	 0x11000000UL

static struct config cfg;
static char blob[4096];

/* A guest DTB with 2-cell addresses and a stale channel node the hypervisor must replace. */
static void make_blob(void)
{
	int node;

	CHECK(fdt_create_empty_tree(blob, sizeof(blob)) == 0, "empty tree");
	fdt_setprop_u32(blob, 0, "#address-cells", 2);
	fdt_setprop_u32(blob, 0, "#size-cells", 2);
	node = fdt_add_subnode(blob, 0, "tessera-channel@12340000");
	fdt_setprop_string(blob, node, "compatible", "tessera,channel");
	fdt_pack(blob);
}

/* Channel 0 (named "link") joins VMs 0 and 1, 1 read-only without doorbell page; channel 1 (no
 * name) VMs 1 and 2, 2 without irq. */
static void build(void)
{
	fake_config(&cfg, 3, RAM_IPA, 2 * MIB);
	make_blob();
	snprintf(cfg.shmem[0].name, sizeof(cfg.shmem[0].name), "link");
	cfg.nshmem = 2;
	for (u32 k = 0; k < 2; k++) {
		snprintf(cfg.shmem[k].path, sizeof(cfg.shmem[k].path), "/bao-partitions/channel@%u",
			 k);
		cfg.shmem[k].size = 64 * KIB;
	}
	for (u32 vm = 0; vm < 3; vm++) {
		struct cfg_vm *v = &cfg.vms[vm];

		v->dtb = (struct cfg_image){CFG_IMAGE_EMBEDDED, blob, 0, fdt_totalsize(blob),
					    DTB_IPA};
		for (u32 k = 0; k < 2; k++) {
			struct cfg_vm_shmem *s = &v->shmem[v->nshmem];

			if ((k == 0 && vm == 2) || (k == 1 && vm == 0))
				continue;
			snprintf(s->name, sizeof(s->name), "shmem@%u", k);
			s->channel = k;
			s->ipa = CHAN_IPA + k * MIB;
			s->read_only = vm == 1 && k == 0;
			s->irq = vm == 2 ? 0 : 40 + vm + k;
			s->has_doorbell = !(vm == 1 && k == 0);
			s->doorbell = DB_IPA + v->nshmem * PAGE_SIZE;
			v->nshmem++;
		}
	}
	CHECK(fake_build(&cfg) == 0, "built");
}

static int chan_node(u32 vm, u64 ipa)
{
	char path[48];

	snprintf(path, sizeof(path), "/tessera-channel@%lx", ipa);
	return fdt_path_offset(hyp_vms[vm].dtb, path);
}

/* The property as cells; its cell count in *n (-1: absent). */
static const fdt32_t *cells(u32 vm, int node, const char *prop, int *n)
{
	const fdt32_t *p = fdt_getprop(hyp_vms[vm].dtb, node, prop, n);

	*n = p ? *n / 4 : -1;
	return p;
}

static bool cells_are(u32 vm, int node, const char *prop, const u32 *want, int nwant)
{
	int n;
	const fdt32_t *p = cells(vm, node, prop, &n);

	for (int i = 0; p && i < n && i < nwant; i++)
		if (fdt32_to_cpu(p[i]) != want[i])
			return false;
	return p && n == nwant;
}

FAKE_TEST(guest_dtb_describes_each_channel_of_the_vm)
{
	int node;
	const void *dtb;

	build();
	dtb = hyp_vms[0].dtb;
	node = chan_node(0, CHAN_IPA);
	CHECK(node >= 0, "VM 0 has /tessera-channel@90000000");
	CHECK(!fdt_node_check_compatible(dtb, node, "tessera,channel"), "its compatible");
	CHECK(cells_are(0, node, "reg",
			(const u32[]){0, CHAN_IPA, 0, 64 * KIB, 0, DB_IPA, 0, PAGE_SIZE}, 8),
	      "reg: memory and doorbell page");
	CHECK(!memcmp(fdt_getprop(dtb, node, "reg-names", NULL), "shmem\0doorbell", 15),
	      "reg-names");
	CHECK(cells_are(0, node, "interrupts", (const u32[]){40}, 1),
	      "its irq (the fake's format)");
	CHECK(!fdt_getprop(dtb, node, "read-only", NULL), "writable");
	CHECK(cells_are(0, node, "tessera,channel-id", (const u32[]){0}, 1), "channel id");
	CHECK(!strcmp(fdt_getprop(dtb, node, "tessera,channel-name", NULL), "link"), "name");
	CHECK(cells_are(0, node, "tessera,member", (const u32[]){0}, 1), "VM 0 is member 0");
	CHECK(cells_are(0, node, "tessera,members", (const u32[]){0, 1}, 2), "members 0 1");
	CHECK(cells_are(0, node, "tessera,ringable", (const u32[]){0, 1}, 2), "ringable 0 1");
	CHECK(chan_node(0, CHAN_IPA + MIB) < 0, "VM 0 does not map channel 1: no node");
	CHECK(chan_node(0, 0x12340000) < 0, "the guest's own stale node is gone");
}

FAKE_TEST(guest_dtb_channel_read_only_no_doorbell_no_irq)
{
	int node;
	const void *dtb;

	build();
	dtb = hyp_vms[1].dtb;
	node = chan_node(1, CHAN_IPA);
	CHECK(node >= 0 && fdt_getprop(dtb, node, "read-only", NULL), "VM 1: read-only");
	CHECK(cells_are(1, node, "reg", (const u32[]){0, CHAN_IPA, 0, 64 * KIB}, 4),
	      "reg: memory only");
	CHECK(!memcmp(fdt_getprop(dtb, node, "reg-names", NULL), "shmem", 6), "reg-names");
	CHECK(cells_are(1, node, "tessera,member", (const u32[]){1}, 1), "member 1");
	node = chan_node(1, CHAN_IPA + MIB);
	CHECK(node >= 0 &&
		      !strcmp(fdt_getprop(dtb, node, "tessera,channel-name", NULL), "channel1"),
	      "an unnamed channel is called channel<id>");
	CHECK(cells_are(1, node, "tessera,members", (const u32[]){1, 2}, 2), "members 1 2");
	CHECK(cells_are(1, node, "tessera,ringable", (const u32[]){1}, 1), "VM 2 has no irq");
	node = chan_node(2, CHAN_IPA + MIB);
	CHECK(node >= 0 && !fdt_getprop(hyp_vms[2].dtb, node, "interrupts", NULL),
	      "VM 2: no irq, no interrupts");
	CHECK(fdt_getprop(hyp_vms[2].dtb, node, "interrupt-parent", NULL) == NULL,
	      "nor interrupt-parent");
}
