// SPDX-License-Identifier: Apache-2.0
/* Hypercall dispatch on the fake architecture (hyp/hypercall.c): each generic number, and unknown ones. */
#include "fake_test.h"
#include "hypercall.h"

static struct config cfg;

static void call(u32 vm, u64 fid, u64 a0, u64 a1, u64 ret[4])
{
	u64 args[6] = {a0, a1, 0, 0, 0, 0};

	ret[0] = ret[1] = ret[2] = ret[3] = 0xdead;
	hypercall_handle(&hyp_vms[vm].vcpus[0], fid, args, ret);
}

static void build(void)
{
	fake_config(&cfg, 2, 0x80000000, 2 * MIB);
	CHECK(fake_build(&cfg) == 0, "built");
	fake_cpu_enter(0);
	fake_console_take();
}

FAKE_TEST(hypercall_identify)
{
	u64 ret[4];

	build();
	call(1, TESSERA_HC_IDENTIFY, 0, 0, ret);
	CHECK(ret[0] == TESSERA_MAGIC && ret[1] == TESSERA_ABI_VERSION, "magic, version");
	CHECK(ret[2] == 1 && ret[3] == 0, "VM 1, vCPU 0: %lu %lu", ret[2], ret[3]);
}

FAKE_TEST(hypercall_console_write_whole_lines_and_bad_counts)
{
	u64 ret[4];
	u64 hi = 'h' | 'i' << 8 | (u64)'!' << 16 | (u64)'\n' << 24;

	build();
	call(0, TESSERA_HC_CONSOLE_WRITE, 3, hi, ret);
	CHECK(ret[0] == TESSERA_OK, "OK");
	CHECK(!strcmp(fake_console_take(), ""), "no whole line yet");
	call(0, TESSERA_HC_CONSOLE_WRITE, 1, hi >> 24, ret);
	CHECK(!strcmp(fake_console_take(), "[vm0] hi!\n"), "one line with the VM's name");
	call(0, TESSERA_HC_CONSOLE_WRITE, 0, hi, ret);
	CHECK(ret[0] == (u64)TESSERA_E_INVALID, "0 bytes refused");
	call(0, TESSERA_HC_CONSOLE_WRITE, TESSERA_CONSOLE_CHUNK + 1, hi, ret);
	CHECK(ret[0] == (u64)TESSERA_E_INVALID, "41 bytes refused");
	call(0, TESSERA_HC_CONSOLE_WRITE, TESSERA_CONSOLE_CHUNK, 0x0a414141, ret);
	CHECK(ret[0] == TESSERA_OK, "40 bytes taken");
	CHECK(!strncmp(fake_console_take(), "[vm0] AAA\n", 10), "the first line of them");
}

FAKE_TEST(hypercall_doorbell_goes_to_ipc)
{
	u64 ret[4];

	build();
	call(0, TESSERA_HC_DOORBELL, 0, 1, ret);
	CHECK(ret[0] == (u64)TESSERA_E_INVALID, "no channel 0 in this layout: %ld", (long)ret[0]);
}

FAKE_TEST(hypercall_unknown_numbers_refused)
{
	u64 ret[4];

	build();
	for (u64 n = 3; n < 0x10000; n += 0x111) {
		call(0, TESSERA_HC(n), 1, 2, ret);
		CHECK(ret[0] == (u64)TESSERA_E_NOT_SUPPORTED, "call %lu: %ld", n, (long)ret[0]);
		CHECK(ret[1] == 0xdead && ret[2] == 0xdead, "call %lu: other results untouched", n);
	}
	CHECK(hypercall_is_ours(TESSERA_HC(0)) && hypercall_is_ours(TESSERA_HC(0xffff)), "ours");
	CHECK(!hypercall_is_ours(TESSERA_HC(0x10000)) && !hypercall_is_ours(0x84000000),
	      "not ours");
	CHECK(!strcmp(fake_console_take(), ""), "nothing printed");
}
