// SPDX-License-Identifier: Apache-2.0
/*
 * tessera-chan-bench: the Linux side of the doorbell benchmark
 * (tests/bench/guests/linuxdb.c is the bare-metal side; run.py reads the
 * figures). On the tessera-chan driver's device (argv[1]), with the peer VM
 * argv[2], N = argv[3] samples each way:
 *   rings the peer once (ready); then N times: read() returns the peer's ring,
 *   stamp - the peer's stamp t_bm is a sample of bare-metal -> Linux userspace,
 *   ring back; then N times: stamp t_linux, ring the peer, wait for its answer.
 * Stamps: CNTVCT_EL0, which Linux lets userspace read (the vDSO's clock).
 * Prints "BENCHS linux_db_to_linux d..." (raw signed tick differences) and
 * "BENCH linuxdb_rounds N".
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "../../guests/linux/tessera-chan/tessera_chan.h"

struct shared {
	volatile int64_t t_bm, t_linux;
};

static int64_t cntvct(void)
{
	uint64_t v;

	__asm__ volatile("isb; mrs %0, cntvct_el0" : "=r"(v)::"memory");
	return (int64_t)v;
}

static int ring(int fd, uint32_t peer)
{
	return ioctl(fd, TESSERA_CHAN_RING, &peer);
}

static int wait1(int fd)
{
	uint64_t n;

	return read(fd, &n, sizeof(n)) == sizeof(n) && n == 1 ? 0 : -1;
}

int main(int argc, char **argv)
{
	int fd = argc == 4 ? open(argv[1], O_RDWR) : -1;
	uint32_t peer = argc == 4 ? (uint32_t)atoi(argv[2]) : 0;
	int n = argc == 4 ? atoi(argv[3]) : 0;
	struct shared *sh;
	int64_t *d = calloc((size_t)(n > 0 ? n : 1), sizeof(*d));

	if (fd < 0 || n <= 0 || !d) {
		fprintf(stderr, "usage: tessera-chan-bench DEVICE PEER N\n");
		return 2;
	}
	sh = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (sh == MAP_FAILED || ring(fd, peer))
		return perror("tessera-chan-bench"), 1;
	for (int i = 0; i < n; i++) {
		if (wait1(fd))
			return perror("wait"), 1;
		d[i] = cntvct() - sh->t_bm;
		if (ring(fd, peer))
			return perror("ring"), 1;
	}
	for (int i = 0; i < n; i++) {
		sh->t_linux = cntvct();
		if (ring(fd, peer) || wait1(fd))
			return perror("ring/wait"), 1;
	}
	for (int i = 0; i < n; i += 10) {
		printf("BENCHS linux_db_to_linux");
		for (int j = i; j < n && j < i + 10; j++)
			printf(" %lld", (long long)d[j]);
		printf("\n");
	}
	printf("BENCH linuxdb_rounds %d\n", n);
	return 0;
}
