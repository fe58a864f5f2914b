// SPDX-License-Identifier: Apache-2.0
/*
 * sweep: a hostile guest that reads and writes every byte offset of its
 * emulated GIC distributor (the register page, the start of GICD_IROUTER, the
 * ID registers) and, on GICv3, of its redistributor (RD_base and SGI_base
 * pages), with every width (1, 2, 4, 8 bytes) at every alignment. Its MMU
 * maps the devices as Normal non-cacheable memory, so misaligned accesses
 * reach the hypervisor as a guest OS could send them (Device memory would
 * fault them at stage 1 first).
 *
 * The rules it checks, from the GIC specification (IHI 0069H 12.1.3, IHI
 * 0048B 4.1.4): every register takes aligned word accesses; the priority,
 * GICv2 target and SGI pending registers aligned bytes as well; the 64-bit
 * GICD_IROUTER<n> and GICR registers aligned doublewords as well. Anything
 * else must end in a synchronous external abort (Tessera's answer to a
 * refused access) and change nothing; anything allowed must not abort.
 * First a probe of the defect of issue 15: a word written two bytes before
 * INTID 32's priority must be refused, and must not reach GICR_WAKER. After
 * the sweep its GIC must still work (timer interrupts, an SGI).
 */
#include "gic.h"
#include "guest.h"

#define GICR_SGI   0x10000UL
#define GICR_WAKER 0x0014

static volatile int aborted;
static volatile uint64_t abort_far;
static unsigned unexpected, refused, allowed;

/*
 * Only the external abort Tessera gives for a refused access (ESR_EL1 EC 0x25,
 * DFSC 0x10): resumed after the access.
 */
static bool on_abort(struct guest_frame *f, uint64_t esr, uint64_t far)
{
	if (ESR_EC(esr) != 0x25 || (esr & 0x3f) != 0x10)
		return false;
	aborted = 1;
	abort_far = far;
	f->elr += 4;
	return true;
}

/*
 * Stage 1 with 1 GiB blocks (Arm ARM D8.3): the first GiB (devices) Normal
 * non-cacheable, the second (RAM) Normal write-back; 32-bit VA, 4 KiB granule.
 */
static uint64_t l1[512] __attribute__((aligned(4096)));

static void mmu_on(void)
{
	uint64_t mair = (0x44UL << 8) | (0xffUL << 16); /* attr1: Normal NC, attr2: Normal WB */
	uint64_t tcr = 32 | (1UL << 8) | (1UL << 10) | (3UL << 12) |
		       (1UL << 23); /* T0SZ, WB, inner, EPD1 */
	uint64_t sctlr;

	l1[0] = 0x0UL | (1UL << 10) | (1UL << 2) | 1; /* AF, AttrIndx 1, block */
	l1[1] = 0x40000000UL | (1UL << 10) | (3UL << 8) | (2UL << 2) | 1; /* AF, inner shareable */
	__asm__ volatile("msr mair_el1, %0; msr tcr_el1, %1; msr ttbr0_el1, %2; isb" ::"r"(mair),
			 "r"(tcr), "r"((uint64_t)l1));
	__asm__ volatile("dsb sy; tlbi vmalle1; dsb sy; isb; mrs %0, sctlr_el1" : "=r"(sctlr));
	sctlr |= 1 | (1UL << 2) | (1UL << 12); /* M, C, I; A (alignment check) stays off */
	__asm__ volatile("msr sctlr_el1, %0; isb" ::"r"(sctlr));
}

/* One access of width bytes (a single load or store: the syndrome is valid); 1 if it aborted. */
static int poke(uint64_t a, unsigned width, int write, uint64_t v)
{
	aborted = 0;
	if (write && width == 1)
		__asm__ volatile("strb %w0, [%1]" ::"r"(v), "r"(a) : "memory");
	else if (write && width == 2)
		__asm__ volatile("strh %w0, [%1]" ::"r"(v), "r"(a) : "memory");
	else if (write && width == 4)
		__asm__ volatile("str %w0, [%1]" ::"r"(v), "r"(a) : "memory");
	else if (write)
		__asm__ volatile("str %0, [%1]" ::"r"(v), "r"(a) : "memory");
	else if (width == 1)
		__asm__ volatile("ldrb %w0, [%1]" : "=r"(v) : "r"(a) : "memory");
	else if (width == 2)
		__asm__ volatile("ldrh %w0, [%1]" : "=r"(v) : "r"(a) : "memory");
	else if (width == 4)
		__asm__ volatile("ldr %w0, [%1]" : "=r"(v) : "r"(a) : "memory");
	else
		__asm__ volatile("ldr %0, [%1]" : "=r"(v) : "r"(a) : "memory");
	if (aborted && abort_far != a) {
		gprintf("TEST FAIL: abort for 0x%lx names FAR 0x%lx\n", a, abort_far);
		unexpected++;
	}
	return aborted;
}

#define W(n) (1U << (n))

/* The widths a distributor offset takes (IHI 0069H 12.1.3, IHI 0048B 4.1.4). */
static unsigned dist_widths(unsigned off, int v3)
{
	unsigned w = W(4);

	if ((off >= 0x400 && off < 0xc00) || (off >= 0xf10 && off < 0xf30))
		w |= W(1); /* IPRIORITYR, ITARGETSR, CPENDSGIR, SPENDSGIR */
	if (v3 && off >= 0x6000 && off < 0x8000)
		w |= W(8); /* IROUTER */
	return w;
}

/* A redistributor frame's (IHI 0069H 12.10, 12.11). */
static unsigned redist_widths(unsigned off)
{
	if (off >= GICR_SGI + 0x400 && off < GICR_SGI + 0x420)
		return W(4) | W(1); /* GICR_IPRIORITYR */
	switch (off) {
	case 0x08: /* TYPER */
	case 0x40: /* SETLPIR */
	case 0x48: /* CLRLPIR */
	case 0x70: /* PROPBASER */
	case 0x78: /* PENDBASER */
	case 0xa0: /* INVLPIR */
	case 0xb0: /* INVALLR */
		return W(4) | W(8);
	default:
		return W(4);
	}
}

/* Every width at every offset of [from, to): reads, then writes of 0. */
static void sweep(uint64_t base, unsigned from, unsigned to, unsigned (*widths)(unsigned, int),
		  int v3)
{
	for (unsigned off = from; off < to; off++) {
		for (unsigned w = 1; w <= 8; w *= 2) {
			int ok = (widths(off, v3) & W(w)) && off % w == 0;

			for (int write = 0; write < 2; write++) {
				if (poke(base + off, w, write, 0) == ok) {
					if (unexpected++ < 5)
						gprintf("TEST FAIL: %u-byte %s at +0x%x %s\n", w,
							write ? "write" : "read", off,
							ok ? "aborted" : "was not refused");
				}
				ok ? allowed++ : refused++;
			}
		}
	}
}

static unsigned redist_widths_v(unsigned off, int v3)
{
	return redist_widths(off);
}

/* The defect of issue 15: a word two bytes before INTID 32's priority, with a PPI pending. */
static void probe(int v3)
{
	uint64_t f = v3 ? GUEST_GICR + GICR_SGI : GUEST_GICD;
	unsigned before = unexpected;

	poke(f + 0x180, 4, 1, 1U << 20); /* ICENABLER0: PPI 20 disabled */
	poke(f + 0x200, 4, 1, 1U << 20); /* ISPENDR0: pending, and stays so */
	if (!poke(f + 0x41e, 4, 1, 0xffffffff) || !poke(f + 0x41c, 8, 1, ~0UL) ||
	    !poke(f + 0x418, 8, 1, ~0UL)) {
		gprintf("TEST FAIL: a priority write past INTID 31 was not refused\n");
		unexpected++;
	}
	if (v3 && *(volatile uint32_t *)(GUEST_GICR + GICR_WAKER) != 0) {
		gprintf("TEST FAIL: GICR_WAKER reads 0x%x: a priority write reached it\n",
			*(volatile uint32_t *)(GUEST_GICR + GICR_WAKER));
		unexpected++;
	}
	poke(f + 0x280, 4, 1, 1U << 20); /* ICPENDR0 */
	if (unexpected == before)
		gprintf("probe: priority writes across INTID 31/32 refused, GICR_WAKER "
			"untouched\n");
}

static volatile unsigned ticks, sgis;

static void handler(unsigned intid)
{
	if (intid == VTIMER_IRQ) {
		ticks++;
		__asm__ volatile("msr cntv_ctl_el0, xzr");
	} else if (intid == 5) {
		sgis++;
	}
}

/* After the sweep: a fresh GIC set-up must still deliver the timer and an SGI. */
static int still_works(void)
{
	uint64_t end;

	gic_init_dist();
	gic_handler = handler;
	gic_init_cpu(0);
	gic_enable(0, VTIMER_IRQ, 0x80);
	gic_enable(0, 5, 0x80);
	for (unsigned i = 0; i < 3; i++) {
		__asm__ volatile("msr cntv_tval_el0, %0; msr cntv_ctl_el0, %1; isb" ::"r"(
					 read_cntfrq() / 1000),
				 "r"(1UL));
		for (end = read_cntvct() + read_cntfrq(); ticks == i && read_cntvct() < end;)
			;
	}
	gic_send_sgi(0, 5);
	for (end = read_cntvct() + read_cntfrq(); !sgis && read_cntvct() < end;)
		;
	return ticks == 3 && sgis == 1;
}

/*
 * Refused accesses are reported rate-limited (5 a second per vCPU): six in a
 * row leave at least one unreported, and the next one after a quiet second
 * is reported with how many were not (the e2e case expects that line).
 */
static void rate_limited(void)
{
	uint64_t end;

	for (unsigned i = 0; i < 7; i++) {
		if (i == 6) /* a quiet second first */
			for (end = read_cntvct() + read_cntfrq() * 11 / 10; read_cntvct() < end;)
				;
		if (!poke(GUEST_GICD + 1 + (i == 6), 4, 0, 0)) {
			gprintf("TEST FAIL: a misaligned read was not refused\n");
			unexpected++;
		}
		refused++;
	}
}

int main(uint64_t dtb)
{
	int v3 = gic_init_dist() == 3;
	unsigned frames;

	guest_sync_handler = on_abort;
	mmu_on();
	probe(v3);
	sweep(GUEST_GICD, 0x0000, 0x1000, dist_widths, v3);
	sweep(GUEST_GICD, 0x6000, 0x6100, dist_widths, v3);
	sweep(GUEST_GICD, 0xffd0, 0x10000, dist_widths, v3);
	gprintf("distributor: %u accesses allowed, %u refused\n", allowed, refused);
	frames = allowed + refused;
	if (v3) {
		sweep(GUEST_GICR, 0x0000, 0x1000, redist_widths_v, v3);
		sweep(GUEST_GICR, GICR_SGI, GICR_SGI + 0x1000, redist_widths_v, v3);
		gprintf("redistributor: %u accesses\n", allowed + refused - frames);
	}
	if (!still_works()) {
		gprintf("TEST FAIL: after the sweep: %u timer interrupts, %u SGIs\n", ticks, sgis);
		unexpected++;
	}
	rate_limited();
	gprintf("sweep: %u accesses, %u refused as the spec says, %u unexpected\n",
		allowed + refused, refused, unexpected);
	if (!unexpected)
		gprintf("TEST PASS sweep\n");
	psci_system_off();
}
