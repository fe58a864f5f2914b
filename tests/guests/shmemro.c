// SPDX-License-Identifier: Apache-2.0
/*
 * shmemro: who may use a channel. VM 0 (writer, read-write member) leaves a
 * message and rings VM 1 (reader, read-only member), which checks it, rings
 * back through its doorbell page and then tries to write: the hypervisor must
 * stop it. VM 2 (outsider) is no member: its doorbell hypercall is refused and
 * touching the channel's physical address stops it.
 */
#include "gic.h"
#include "guest.h"
#include "shmem.h"

#define CHAN_IPA     0x50000000UL
#define CHAN_PA	     0xb0000000UL /* the layout's fixed phys-addr */
#define DOORBELL_IPA 0x50010000UL
#define IRQ	     40
#define MESSAGE	     0x6d657373616765ULL
#define READY	     0x7265616479ULL

static volatile unsigned rung;

static volatile uint64_t *chan(unsigned word)
{
	return (volatile uint64_t *)CHAN_IPA + word;
}

static void handler(unsigned intid)
{
	if (intid == IRQ)
		rung++;
}

static void gic_setup(void)
{
	gic_init_dist();
	gic_handler = handler;
	gic_init_cpu(0);
	gic_enable(0, IRQ, 0x80);
}

static void wait_ring(unsigned n)
{
	wfi_until(&rung, n);
}

/*
 * A ring sent before the peer's GIC is set up would be lost, so: the writer
 * publishes the message and a ready flag, the reader (which cannot write)
 * rings once it can take interrupts, and only then does the writer ring it.
 */
static void writer(void)
{
	gic_setup();
	*chan(0) = MESSAGE;
	__asm__ volatile("dmb ish" ::: "memory");
	*chan(2) = READY;
	__asm__ volatile("dsb ish" ::: "memory");
	wait_ring(1);
	gprintf("writer: message written, ring reader -> %ld\n", (long)db_ring_hvc(0, 1));
	wait_ring(2);
	delay(2000000); /* the reader's write attempt happens meanwhile */
	if (*chan(0) != MESSAGE || *chan(1) != 0)
		gprintf("TEST FAIL: the read-only member changed the channel (0x%lx 0x%lx)\n",
			*chan(0), *chan(1));
	else
		gprintf("TEST PASS writer: channel unchanged by the read-only member\n");
	psci_system_off();
}

static void reader(void)
{
	gic_setup();
	while (*chan(2) != READY)
		__asm__ volatile("yield");
	db_ring_mmio(DOORBELL_IPA, 0);
	wait_ring(1);
	gprintf("reader: message %s, ring writer -> %d\n", *chan(0) == MESSAGE ? "ok" : "WRONG",
		db_ring_mmio(DOORBELL_IPA, 0));
	gprintf("reader: writing to the read-only channel: expect to be stopped\n");
	*chan(1) = 1;
	gprintf("TEST FAIL: a read-only member wrote to its channel\n");
}

static void outsider(void)
{
	gprintf("outsider: ring channel 0 -> %ld, ring channel 7 -> %ld\n", (long)db_ring_hvc(0, 0),
		(long)db_ring_hvc(7, 0));
	gprintf("outsider: reading the channel's PA 0x%lx: expect to be stopped\n", CHAN_PA);
	gprintf("TEST FAIL: outsider read 0x%lx\n", *(volatile uint64_t *)CHAN_PA);
}

int main(uint64_t dtb)
{
	switch (my_vm_id()) {
	case 0:
		writer();
		break;
	case 1:
		reader();
		break;
	default:
		outsider();
	}
	return 0;
}
