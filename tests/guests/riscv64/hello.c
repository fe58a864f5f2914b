// SPDX-License-Identifier: Apache-2.0
/*
 * hello (RISC-V): identifies itself through Tessera's hypercall, probes the
 * SBI the hypervisor gives it, prints through SBI DBCN too, shuts its VM down
 * with SBI SRST.
 */
#include "guest.h"

static const uint64_t probed[] = {SBI_EXT_TIME, SBI_EXT_IPI,  SBI_EXT_HSM,
				  SBI_EXT_SRST, SBI_EXT_DBCN, TESSERA_SBI_EXT};

int main(uint64_t hart, uint64_t dtb)
{
	struct hc_ret id = hypercall(TESSERA_HC_IDENTIFY, 0, 0, 0, 0, 0, 0);
	static const char dbcn[] = "written through SBI DBCN\n";
	struct sbiret r;

	if ((uint64_t)id.r0 != TESSERA_MAGIC) {
		gprintf("TEST FAIL: identify returned 0x%lx\n", (uint64_t)id.r0);
		return 1;
	}
	gprintf("hello from VM %lu vCPU %lu (ABI %lu), hart %lu, dtb 0x%lx\n", id.r2, id.r3, id.r1,
		hart, dtb);
	r = sbi_call(SBI_EXT_BASE, 0, 0, 0, 0);
	gprintf("SBI spec version 0x%lx, implementation 0x%lx\n", r.value,
		sbi_call(SBI_EXT_BASE, 1, 0, 0, 0).value);
	for (unsigned i = 0; i < sizeof(probed) / sizeof(probed[0]); i++)
		if (sbi_call(SBI_EXT_BASE, 3, probed[i], 0, 0).value != 1)
			gprintf("TEST FAIL: extension 0x%lx not probed\n", probed[i]);
	if (sbi_call(SBI_EXT_BASE, 3, 0x4E41434C /* NACL */, 0, 0).value != 0)
		gprintf("TEST FAIL: an extension the hypervisor does not give is probed\n");
	r = sbi_call(SBI_EXT_DBCN, 0, sizeof(dbcn) - 1, (uint64_t)dbcn, 0);
	if (r.error || r.value != sizeof(dbcn) - 1)
		gprintf("TEST FAIL: DBCN write returned %ld, %ld\n", r.error, r.value);
	r = sbi_call(0x735049 + 1, 0, 0, 0, 0);
	gprintf("unknown extension: error %ld\n", r.error);
	gprintf("time at entry %lu, now %lu\n", guest_entry_time, rdtime());
	gprintf("TEST PASS hello\n");
	return 0;
}
