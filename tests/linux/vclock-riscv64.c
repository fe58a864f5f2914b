// SPDX-License-Identifier: Apache-2.0
/*
 * /bin/vclock of the riscv64 Linux test initramfs (tests/linux/vclock.S is the
 * arm64 one): prints the time CSR (rdtime, which Linux lets user mode read for
 * its vDSO: scounteren.TM) in nanoseconds, as a decimal line, and exits 0. The
 * rate is the DT's /cpus timebase-frequency (RISC-V privileged spec 3.1.11:
 * time counts at a constant platform rate; devicetree-bindings riscv/cpus.yaml),
 * read after the clock: as init's first command (tests/linux/init) it runs
 * before /sys is mounted, so then it mounts sysfs for the read and unmounts it.
 * Natively (OpenSBI, no hypervisor) time counts from reset; under Tessera from
 * its VM's htimedelta (the partition table's "counter" line). Under QEMU
 * -icount shift=0 one nanosecond is one instruction. Built static by
 * scripts/linux-guest-riscv64.sh with the cross compiler and Debian's
 * libc6-dev-riscv64-cross.
 */
#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/mount.h>

#define TIMEBASE "/sys/firmware/devicetree/base/cpus/timebase-frequency"

/* The timebase in Hz, 0 if it cannot be read. */
static uint64_t timebase(void)
{
	unsigned char be[4];
	bool mounted = false;
	FILE *dt = fopen(TIMEBASE, "rb");
	size_t n;

	if (dt == NULL && mount("sysfs", "/sys", "sysfs", 0, NULL) == 0) {
		mounted = true;
		dt = fopen(TIMEBASE, "rb");
	}
	if (dt == NULL) {
		perror(TIMEBASE);
		n = 0;
	} else {
		n = fread(be, 1, sizeof(be), dt);
		fclose(dt);
	}
	if (mounted) {
		umount("/sys");
	}
	if (n != sizeof(be)) {
		return 0;
	}
	return ((uint64_t)be[0] << 24) | ((uint64_t)be[1] << 16) | ((uint64_t)be[2] << 8) | be[3];
}

int main(void)
{
	uint64_t t, f;

	__asm__ volatile("rdtime %0" : "=r"(t));
	f = timebase();
	if (f == 0) {
		fprintf(stderr, "vclock: no timebase (%s)\n", TIMEBASE);
		return 1;
	}
	/* ns = t / f * 10^9 + t % f * 10^9 / f, without overflowing 64 bits */
	printf("%" PRIu64 "\n", t / f * 1000000000U + t % f * 1000000000U / f);
	return 0;
}
