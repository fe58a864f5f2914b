/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Host tests of shared-memory channel members: doorbell pages (parsed,
 * aligned, inside the guest address space without overlaps) and channel
 * interrupts, which are virtual: unique inside their VM only.
 */
#include "test_cfg.h"

static void test_members(void)
{
	const struct cfg_vm *ctl, *ro;

	fx_run("hw-virt-gicv3", "ipc-channels");
	ctl = &fx.cfg.vms[1];
	ro = &fx.cfg.vms[2];
	CHECK(!fx.cfg.vms[0].refused && !ctl->refused && !ro->refused);
	CHECK_EQ(ctl->nshmem, 2);
	CHECK(ctl->shmem[0].has_doorbell && !ctl->shmem[1].has_doorbell);
	CHECK_EQ(ctl->shmem[0].doorbell, 0x10010000);
	CHECK_EQ(ctl->shmem[0].irq, 34); /* the RTC's number in VM 'linux': virtual here */
	CHECK(ro->shmem[0].read_only && !ctl->shmem[0].read_only);
	CHECK_EQ(ro->shmem[0].irq, 40);
	CHECK_EQ(ro->shmem[0].doorbell, 0x20010000);
	CHECK_EQ(fx.cfg.shmem[1].pa, 0x60000000);
}

static void test_bad_member(void)
{
	fx_run("hw-virt-gicv3", "ipc-channels");
	CHECK(fx.cfg.vms[3].refused);
	CHECK_DIAG(CFG_E_ALIGN, 3, "/bao-partitions/vm@3/shmem@0: doorbell 0x10010800",
		   "not 4 KiB aligned");
	CHECK_DIAG(CFG_E_IPA_OVERLAP, 3, "/bao-partitions/vm@3/shmem@1: doorbell [0x800000..",
		   "/bao-partitions/vm@3/memory@0");
	CHECK_DIAG(CFG_E_IRQ_VM, 3, "/bao-partitions/vm@3/shmem@0: irq INTID 39",
		   "/bao-partitions/vm@3/device@9030000");
	/* (five vCPUs in all on four CPUs: 'bad' also finds none free) */
	CHECK_DIAG(CFG_E_CPU_COUNT, 3, "/bao-partitions/vm@3: cpu-count 1");
	CHECK_EQ(cfg_report_errors(&fx.rep), 4);
}

int main(int argc, char **argv)
{
	test_init(argc, argv);
	RUN(test_members);
	RUN(test_bad_member);
	return test_summary();
}
