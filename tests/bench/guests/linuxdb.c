// SPDX-License-Identifier: Apache-2.0
/*
 * linuxdb: the bare-metal side of the doorbell benchmark with Linux userspace
 * (tests/bench/layouts/linux-doorbell.dts; Linux runs /bin/tessera-chan-bench,
 * tests/linux/dbbench.c, through the tessera-chan driver). Stamps are each VM's
 * virtual counter (CNTVCT_EL0, 16 ns a tick); run.py adds the difference of the
 * two VMs' counter offsets (the partition table's "counter" lines).
 *   ring 1          Linux is ready
 *   rings 2..N+1    to Linux: stamp t_bm, ring Linux; Linux stamps when read()
 *                   returns (its samples) and rings back
 *   rings N+2..     from Linux: it stamps t_linux and rings; this handler stamps
 *                   (its samples: BENCHS linux_db_to_bm) and rings back
 * Samples are raw counter differences (this VM's stamp - Linux's), signed.
 */
#include <stdio.h>

#include "bench.h"
#include "shmem.h"

#define SAMPLES	 1000
#define CHAN_IPA 0x50000000UL
#define IRQ	 40
#define LINUX_VM 0

struct shared {
	volatile int64_t t_bm, t_linux;
};

static struct shared *const sh = (struct shared *)CHAN_IPA;
static volatile unsigned rung;
static int64_t to_bm[SAMPLES];

static void handler(unsigned intid)
{
	int64_t now = (int64_t)read_cntvct();
	unsigned k;

	if (intid != IRQ)
		return;
	k = ++rung;
	if (k >= SAMPLES + 2 && k < 2 * SAMPLES + 2) {
		to_bm[k - SAMPLES - 2] = now - sh->t_linux;
		db_ring_hvc(0, LINUX_VM);
	}
}

static void wait_rung(unsigned n)
{
	while (rung < n)
		__asm__ volatile("wfi");
}

static void put_signed(const char *name, const int64_t *s, unsigned n)
{
	for (unsigned i = 0; i < n; i += 10) {
		char line[160];
		int len = snprintf(line, sizeof(line), "BENCHS %s", name);

		for (unsigned j = i; j < n && j < i + 10; j++)
			len += snprintf(line + len, sizeof(line) - (size_t)len, " %ld", (long)s[j]);
		gprintf("%s\n", line);
	}
}

int main(uint64_t dtb)
{
	gic_init_dist();
	gic_handler = handler;
	gic_init_cpu(0);
	gic_enable(0, IRQ, 0x80);
	wait_rung(1);
	for (unsigned i = 0; i < SAMPLES; i++) {
		sh->t_bm = (int64_t)read_cntvct();
		__asm__ volatile("dsb ish" ::: "memory");
		db_ring_hvc(0, LINUX_VM);
		wait_rung(i + 2);
	}
	wait_rung(2 * SAMPLES + 1);
	put_signed("linux_db_to_bm", to_bm, SAMPLES);
	psci_system_off();
}
