// SPDX-License-Identifier: Apache-2.0
/*
 * Channels and doorbells on the fake architecture (hyp/ipc.c, through
 * hyp/mmio.c and hyp/hypercall.c): who is a member, a doorbell reaches the
 * member it names and no one else, a non-member is refused.
 */
#include "fake_test.h"
#include "hypercall.h"
#include "ipc.h"
#include "mmio.h"

#define CHAN_IPA 0x90000000UL
#define DB_IPA	 0x11000000UL

static struct config cfg;

/* Channel k, mapped by the VMs of `members` (bitmap) with irq 40 + VM (VM 2: none on channel 1). */
static void channel(u32 k, u32 members)
{
	struct cfg_shmem *c = &cfg.shmem[k];

	snprintf(c->path, sizeof(c->path), "/bao-partitions/channel@%u", k);
	c->size = 64 * KIB;
	cfg.nshmem = MAX(cfg.nshmem, k + 1);
	for (u32 vm = 0; vm < cfg.nvms; vm++) {
		struct cfg_vm *v = &cfg.vms[vm];
		struct cfg_vm_shmem *s = &v->shmem[v->nshmem];

		if (!(members & (1U << vm)))
			continue;
		snprintf(s->name, sizeof(s->name), "shmem@%u", k);
		s->channel = k;
		s->ipa = CHAN_IPA + k * MIB;
		s->read_only = vm == 1 && k == 0;
		s->irq = vm == 2 && k == 1 ? 0 : 40 + vm;
		s->has_doorbell = true;
		s->doorbell = DB_IPA + v->nshmem * PAGE_SIZE;
		v->nshmem++;
	}
}

/* Three VMs: channel 0 joins VMs 0 and 1 (1 read-only), channel 1 VMs 1 and 2 (2 without irq). */
static void build(void)
{
	fake_config(&cfg, 3, 0x80000000, 2 * MIB);
	channel(0, 0x3);
	channel(1, 0x6);
	CHECK(fake_build(&cfg) == 0, "built");
}

static u32 pulses(u32 vm)
{
	u32 n = 0;

	for (u32 i = 0; i < FAKE_NR_VIRQS; i++)
		n += hyp_vms[vm].arch.pulses[i];
	return n;
}

FAKE_TEST(ipc_members_map_their_channels_only)
{
	paddr_t ch0, ch1, pa;
	u32 flags;
	u64 leaf;

	build();
	CHECK(ipc_channel_pa(0, &ch0) && ipc_channel_pa(1, &ch1) && ch0 != ch1, "both backed");
	CHECK(!ipc_channel_pa(2, &pa), "no channel 2");
	CHECK(pt_lookup(&hyp_vms[0].s2, CHAN_IPA, &pa, &flags, &leaf) && pa == ch0 &&
		      flags == PT_RW,
	      "VM 0 maps channel 0 read-write, not executable: 0x%x", flags);
	CHECK(pt_lookup(&hyp_vms[1].s2, CHAN_IPA, &pa, &flags, &leaf) && pa == ch0 && flags == PT_R,
	      "VM 1 (read-only member) without write: 0x%x", flags);
	CHECK(pt_lookup(&hyp_vms[1].s2, CHAN_IPA + MIB, &pa, &flags, &leaf) && pa == ch1,
	      "VM 1 maps channel 1");
	CHECK(!pt_lookup(&hyp_vms[2].s2, CHAN_IPA, &pa, &flags, &leaf),
	      "VM 2 maps nothing at channel 0's IPA");
	CHECK(pt_lookup(&hyp_vms[2].s2, CHAN_IPA + MIB, &pa, &flags, &leaf) && pa == ch1,
	      "VM 2 maps channel 1 (its first mapping is at +1 MiB)");
	for (u64 off = 0; off < 64 * KIB; off += PAGE_SIZE)
		CHECK(!(pt_lookup(&hyp_vms[2].s2, CHAN_IPA + off, &pa, &flags, &leaf) &&
			pa - ch0 < 64 * KIB),
		      "VM 2 reaches no page of channel 0");
}

FAKE_TEST(ipc_doorbell_rings_the_member_it_names_only)
{
	build();
	CHECK(ipc_ring(&hyp_vms[0], 0, 1) == TESSERA_OK, "VM 0 rings VM 1 on channel 0");
	CHECK(hyp_vms[1].arch.pulses[41] == 1, "VM 1's irq pulsed once: %u",
	      hyp_vms[1].arch.pulses[41]);
	CHECK(pulses(0) == 0 && pulses(1) == 1 && pulses(2) == 0, "no one else: %u %u %u",
	      pulses(0), pulses(1), pulses(2));
	CHECK(ipc_ring(&hyp_vms[0], 0, TESSERA_DB_ALL) == TESSERA_OK, "all others");
	CHECK(pulses(0) == 0 && pulses(1) == 2 && pulses(2) == 0, "VM 1 only, not the caller");
	CHECK(ipc_ring(&hyp_vms[1], 1, TESSERA_DB_ALL) == TESSERA_E_INVALID,
	      "channel 1's other member has no irq");
	CHECK(ipc_ring(&hyp_vms[2], 1, 1) == TESSERA_OK && hyp_vms[1].arch.pulses[41] == 3,
	      "VM 2 rings VM 1 on channel 1");
	CHECK(ipc_ring(&hyp_vms[0], 0, 2) == TESSERA_E_INVALID, "VM 2 is not channel 0's member");
	/* By its index a member may ring itself (a member with an irq, as the ABI says). */
	CHECK(ipc_ring(&hyp_vms[0], 0, 0) == TESSERA_OK && hyp_vms[0].arch.pulses[40] == 1,
	      "VM 0 rings itself by name: %u", hyp_vms[0].arch.pulses[40]);
	CHECK(pulses(2) == 0, "VM 2 never pulsed: %u", pulses(2));
}

FAKE_TEST(ipc_non_member_and_bad_channel_refused)
{
	build();
	CHECK(ipc_ring(&hyp_vms[2], 0, 0) == TESSERA_E_DENIED, "VM 2 does not map channel 0");
	CHECK(ipc_ring(&hyp_vms[2], 0, TESSERA_DB_ALL) == TESSERA_E_DENIED, "not to all either");
	CHECK(ipc_ring(&hyp_vms[0], 1, 2) == TESSERA_E_DENIED, "VM 0 does not map channel 1");
	CHECK(ipc_ring(&hyp_vms[0], 2, 1) == TESSERA_E_INVALID, "no channel 2");
	CHECK(ipc_ring(&hyp_vms[0], ~0UL, 1) == TESSERA_E_INVALID, "no channel 2^64-1");
	CHECK(ipc_ring(&hyp_vms[0], 0, 99) == TESSERA_E_INVALID, "no VM 99");
	CHECK(pulses(0) + pulses(1) + pulses(2) == 0, "nothing pulsed");
}

static enum mmio_result db_access(u32 vm, u64 off, u32 width, bool write, u64 *value)
{
	struct mmio_access acc = {.ipa = DB_IPA + off, .width = width, .write = write};
	enum mmio_result r;

	acc.value = *value;
	r = vm_mmio_emulate(&hyp_vms[vm].vcpus[0], &acc);
	*value = acc.value;
	return r;
}

FAKE_TEST(ipc_doorbell_page_rings_and_reports)
{
	u64 v;

	build();
	fake_cpu_enter(0);
	v = 1;
	CHECK(db_access(0, TESSERA_DB_RING, 4, true, &v) == MMIO_DONE, "RING 1");
	CHECK(hyp_vms[1].arch.pulses[41] == 1, "VM 1 pulsed");
	CHECK(db_access(0, TESSERA_DB_STATUS, 4, false, &v) == MMIO_DONE && v == TESSERA_OK,
	      "STATUS OK: %lx", v);
	v = 2;
	db_access(0, TESSERA_DB_RING, 4, true, &v);
	CHECK(db_access(0, TESSERA_DB_STATUS, 4, false, &v) == MMIO_DONE &&
		      v == (u32)TESSERA_E_INVALID,
	      "STATUS INVALID for a non-member target: %lx", v);
	CHECK(db_access(0, TESSERA_DB_MEMBERS, 4, false, &v) == MMIO_DONE && v == 0x3,
	      "MEMBERS 0x3: %lx", v);
	CHECK(db_access(0, TESSERA_DB_SELF, 4, false, &v) == MMIO_DONE && v == 0, "SELF");
	CHECK(db_access(0, TESSERA_DB_CHANNEL, 4, false, &v) == MMIO_DONE && v == 0, "CHANNEL");
	v = 1;
	CHECK(db_access(0, TESSERA_DB_RING, 2, true, &v) == MMIO_REFUSED, "a 2-byte RING refused");
	CHECK(db_access(0, TESSERA_DB_RING + 1, 4, true, &v) == MMIO_REFUSED, "misaligned");
	CHECK(hyp_vms[1].arch.pulses[41] == 1, "neither rang: %u", hyp_vms[1].arch.pulses[41]);
	v = 0;
	CHECK(db_access(2, 0, 4, true, &v) == MMIO_DONE, "VM 2's doorbell page (channel 1)");
	CHECK(db_access(2, TESSERA_DB_STATUS, 4, false, &v) == MMIO_DONE &&
		      v == (u32)TESSERA_E_INVALID,
	      "VM 2 -> VM 0 on channel 1: VM 0 is no member: %lx", v);
	CHECK(pulses(0) == 0, "VM 0 not pulsed");
}

FAKE_TEST(ipc_ring_of_a_stopped_member_says_off)
{
	build();
	__atomic_store_n(&hyp_vms[1].state, VM_STOPPED, __ATOMIC_RELEASE);
	CHECK(ipc_ring(&hyp_vms[0], 0, 1) == TESSERA_E_OFF, "VM 1 is off");
	CHECK(ipc_ring(&hyp_vms[0], 0, TESSERA_DB_ALL) == TESSERA_E_OFF, "all others are off");
	CHECK(ipc_ring(&hyp_vms[2], 1, 1) == TESSERA_E_OFF, "on channel 1 too");
	CHECK(ipc_ring(&hyp_vms[1], 1, 2) == TESSERA_E_INVALID, "no irq comes before off");
	CHECK(pulses(1) == 0, "VM 1 never pulsed: %u", pulses(1));
	__atomic_store_n(&hyp_vms[1].state, VM_RUNNING, __ATOMIC_RELEASE);
	CHECK(ipc_ring(&hyp_vms[0], 0, 1) == TESSERA_OK && pulses(1) == 1, "running again");
}
