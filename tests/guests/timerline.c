// SPDX-License-Identifier: Apache-2.0
/*
 * timerline: the timers' interrupts follow their lines. The virtual timer's
 * INTID 27 and the physical timer's INTID 30 (the guest owns that timer too)
 * are level-sensitive and hardware-backed: pending only while the timer
 * asserts its output, i.e. ENABLE = 1, IMASK = 0 and ISTATUS = 1 (Arm ARM
 * D11.2.4). After ENABLE = 0 or IMASK = 1 the GIC must not show them pending
 * (GICD/GICR_ISPENDR) nor deliver them later, whether the hypervisor still
 * held them (the INTID disabled) or had them in a list register (PSTATE.I
 * masked).
 */
#include "gic.h"
#include "guest.h"

#define CTL_ENABLE  1UL
#define CTL_IMASK   2UL
#define CTL_ISTATUS 4UL
#define PTIMER_IRQ  30

struct timer {
	const char *name;
	unsigned intid;
	bool physical;
};

static volatile unsigned delivered;
static const struct timer *current;

static void ctl_write(const struct timer *t, uint64_t v)
{
	if (t->physical)
		__asm__ volatile("msr cntp_ctl_el0, %0; isb" ::"r"(v));
	else
		__asm__ volatile("msr cntv_ctl_el0, %0; isb" ::"r"(v));
}

static uint64_t ctl_read(const struct timer *t)
{
	uint64_t v;

	if (t->physical)
		__asm__ volatile("isb; mrs %0, cntp_ctl_el0" : "=r"(v));
	else
		__asm__ volatile("isb; mrs %0, cntv_ctl_el0" : "=r"(v));
	return v;
}

/* Arms t to fire after ticks counter ticks (0: at once). */
static void arm(const struct timer *t, uint64_t ticks)
{
	uint64_t now;

	if (t->physical) {
		__asm__ volatile("isb; mrs %0, cntpct_el0" : "=r"(now));
		__asm__ volatile("msr cntp_cval_el0, %0" ::"r"(now + ticks));
	} else {
		now = read_cntvct();
		__asm__ volatile("msr cntv_cval_el0, %0" ::"r"(now + ticks));
	}
	ctl_write(t, CTL_ENABLE);
}

static void handler(unsigned intid)
{
	if (current && intid == current->intid) {
		ctl_write(current, 0); /* what a tick handler does: the line drops */
		delivered++;
	}
}

/* The timer asserts its line, and the hypervisor has seen it (its physical IRQ came). */
static bool asserted(const struct timer *t)
{
	for (int i = 0; i < 1000 && !(ctl_read(t) & CTL_ISTATUS); i++)
		delay(100);
	delay(20000);
	return ctl_read(t) & CTL_ISTATUS;
}

static bool check(bool ok, const struct timer *t, const char *what)
{
	if (!ok)
		gprintf("TEST FAIL: %s (INTID %u): %s\n", t->name, t->intid, what);
	return ok;
}

/* No delivery for a while with IRQs unmasked. */
static bool quiet(unsigned before)
{
	__asm__ volatile("msr daifclr, #2; isb");
	delay(200000);
	return delivered == before;
}

/* The INTID disabled: the hypervisor records the timer's interrupt and holds it. */
static bool held_while_disabled(const struct timer *t)
{
	gic_disable(0, t->intid);
	arm(t, 0);
	if (!check(asserted(t), t, "the timer does not fire") ||
	    !check(gic_is_pending(0, t->intid), t, "not pending while the timer asserts it"))
		return false;
	ctl_write(t, CTL_ENABLE | CTL_IMASK);
	if (!check(!gic_is_pending(0, t->intid), t, "still pending after IMASK = 1"))
		return false;
	ctl_write(t, CTL_ENABLE);
	if (!check(asserted(t) && gic_is_pending(0, t->intid), t,
		   "not pending again after IMASK = 0"))
		return false;
	ctl_write(t, 0);
	if (!check(!gic_is_pending(0, t->intid), t, "still pending after ENABLE = 0"))
		return false;
	gic_enable(0, t->intid, 0x80);
	return check(quiet(delivered), t, "a stale interrupt delivered after ENABLE = 0");
}

/* Enabled, PSTATE.I masked: the interrupt waits in a list register when the line drops. */
static bool dropped_in_list_register(const struct timer *t)
{
	unsigned before = delivered;

	__asm__ volatile("msr daifset, #2; isb");
	arm(t, 0);
	if (!check(asserted(t), t, "the timer does not fire (IRQs masked)"))
		return false;
	ctl_write(t, 0);
	if (!check(!gic_is_pending(0, t->intid), t,
		   "still pending after ENABLE = 0 (in a list register)"))
		return false;
	return check(quiet(before), t, "a stale interrupt delivered from a list register");
}

/* Still delivered normally, once, when it fires with everything enabled. */
static bool delivered_once(const struct timer *t)
{
	unsigned before = delivered;

	arm(t, read_cntfrq() / 1000);
	for (int i = 0; i < 2000 && delivered == before; i++)
		delay(1000);
	delay(50000);
	return check(delivered == before + 1, t, "not delivered exactly once when it fires");
}

static bool run(const struct timer *t)
{
	current = t;
	gic_enable(0, t->intid, 0x80);
	if (!held_while_disabled(t) || !dropped_in_list_register(t) || !delivered_once(t))
		return false;
	gprintf("%s: pending only while asserted, nothing stale delivered\n", t->name);
	return true;
}

int main(uint64_t dtb)
{
	static const struct timer timers[] = {{"virtual timer", VTIMER_IRQ, false},
					      {"physical timer", PTIMER_IRQ, true}};

	gprintf("GICv%d\n", gic_init_dist());
	gic_handler = handler;
	gic_init_cpu(0);
	for (unsigned i = 0; i < 2; i++)
		if (!run(&timers[i]))
			return 0;
	gprintf("TEST PASS timerline\n");
	return 0;
}
