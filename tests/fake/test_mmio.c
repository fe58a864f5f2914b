// SPDX-License-Identifier: Apache-2.0
/*
 * Emulated MMIO on the fake architecture (hyp/mmio.c): an access outside a
 * device's registers, of a width a register does not take or misaligned is
 * refused before the device sees it; what is allowed reaches it with its
 * offset.
 */
#include "console.h"
#include "fake_test.h"
#include "mmio.h"

#define DEV_IPA	 0x12000000UL
#define DEV_SIZE 0x1a /* not a multiple of 4: the last word runs past the end */

static struct config cfg;
static u32 calls;
static struct mmio_access last;

/* Word registers; the byte at 0x10 also takes byte accesses. */
static u32 more(struct vcpu *vcpu, void *dev, u64 offset)
{
	return offset == 0x10 ? MMIO_W(1) : 0;
}

static void access(struct vcpu *vcpu, void *dev, struct mmio_access *acc)
{
	calls++;
	last = *acc;
	if (!acc->write)
		acc->value = 0x1000 + acc->offset;
}

static const struct mmio_device test_dev = {
	.name = "test device",
	.align = 4,
	.widths = MMIO_W(4),
	.more_widths = more,
	.access = access,
};

static enum mmio_result emulate(u64 ipa, u32 width, bool write, u64 *value)
{
	struct mmio_access acc = {.ipa = ipa, .width = width, .write = write, .value = *value};
	enum mmio_result r = vm_mmio_emulate(&hyp_vms[0].vcpus[0], &acc);

	*value = acc.value;
	return r;
}

static void build(void)
{
	fake_config(&cfg, 1, 0x80000000, 2 * MIB);
	CHECK(fake_build(&cfg) == 0, "built");
	fake_cpu_enter(0);
	CHECK(vm_mmio_register(&hyp_vms[0], DEV_IPA, DEV_SIZE, &test_dev, NULL) == 0, "registered");
	fake_console_take();
}

FAKE_TEST(mmio_allowed_accesses_reach_the_device)
{
	u64 v = 0;

	build();
	CHECK(emulate(DEV_IPA + 8, 4, false, &v) == MMIO_DONE && v == 0x1008, "read 0x%lx", v);
	v = 0xabcd;
	CHECK(emulate(DEV_IPA + 0x10, 1, true, &v) == MMIO_DONE, "byte write where allowed");
	CHECK(calls == 2 && last.offset == 0x10 && last.width == 1 && last.write &&
		      last.value == 0xabcd,
	      "the device saw it: %u calls, offset 0x%lx", calls, last.offset);
	CHECK(emulate(DEV_IPA + 0x14, 4, false, &v) == MMIO_DONE, "the last whole word");
}

FAKE_TEST(mmio_refuses_before_the_device_is_touched)
{
	u64 v = 0x55;

	build();
	CHECK(emulate(DEV_IPA - 4, 4, false, &v) == MMIO_UNMAPPED, "below the device");
	CHECK(emulate(DEV_IPA + 0x1000, 4, false, &v) == MMIO_UNMAPPED, "above it");
	CHECK(emulate(DEV_IPA + 0x18, 4, true, &v) == MMIO_REFUSED, "past its end");
	CHECK(emulate(DEV_IPA + 8, 2, true, &v) == MMIO_REFUSED, "a halfword");
	CHECK(emulate(DEV_IPA + 8, 8, false, &v) == MMIO_REFUSED, "a doubleword");
	CHECK(emulate(DEV_IPA + 8, 1, true, &v) == MMIO_REFUSED, "a byte where only words go");
	CHECK(emulate(DEV_IPA + 2, 4, true, &v) == MMIO_REFUSED, "a misaligned word");
	CHECK(emulate(DEV_IPA + 0x11, 1, true, &v) == MMIO_REFUSED, "a byte next to the byte one");
	CHECK(v == 0x55, "a refused read returns nothing: 0x%lx", v);
	CHECK(vm_mmio_no_syndrome(&hyp_vms[0].vcpus[0], DEV_IPA, true) == MMIO_REFUSED,
	      "no syndrome: refused");
	CHECK(vm_mmio_no_syndrome(&hyp_vms[0].vcpus[0], DEV_IPA - 4, true) == MMIO_UNMAPPED,
	      "no syndrome outside: unmapped");
	CHECK(calls == 0, "the device saw none of them: %u", calls);
}

FAKE_TEST(mmio_refusals_say_why)
{
	u64 v = 0;
	const char *log;

	build();
	emulate(DEV_IPA + 8, 2, true, &v);
	log = fake_console_take();
	CHECK(strstr(log, "2-byte write at IPA 0x12000008 (test device + 0x8) refused: this "
			  "register takes 4-byte accesses only") != NULL,
	      "width: %s", log);
	emulate(DEV_IPA + 2, 4, false, &v);
	log = fake_console_take();
	CHECK(strstr(log, "not aligned to 4 bytes") != NULL, "alignment: %s", log);
	emulate(DEV_IPA + 0x18, 4, false, &v);
	log = fake_console_take();
	CHECK(strstr(log, "it runs past the end of the device") != NULL, "end: %s", log);
	emulate(DEV_IPA + 0x10, 2, false, &v);
	log = fake_console_take();
	CHECK(strstr(log, "takes 1- or 4-byte accesses only") != NULL, "widths: %s", log);
	CHECK(strstr(log, LOG_PREFIX "warning: VM 0 'vm0' vCPU 0: ") != NULL, "whose: %s", log);
}

FAKE_TEST(mmio_region_table_is_bounded)
{
	u32 n, added = 0;

	build();
	n = hyp_vms[0].nmmio;
	while (vm_mmio_register(&hyp_vms[0], 0x20000000 + added * PAGE_SIZE, PAGE_SIZE, &test_dev,
				NULL) == 0)
		added++;
	CHECK(n + added == VM_MAX_MMIO, "%u + %u regions", n, added);
	CHECK(hyp_vms[0].nmmio == VM_MAX_MMIO, "no more than the table holds");
}
