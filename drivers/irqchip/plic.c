// SPDX-License-Identifier: Apache-2.0
/*
 * The PLIC's register code (RISC-V PLIC specification v1.0.0): the hypervisor
 * uses each hart's supervisor-mode context (plic_dt.c found them), every
 * source at priority 1 (0 never interrupts: chapter 4), thresholds 0. A source
 * is enabled in one context only, its route's; claim and complete are that
 * context's register (chapter 9: a completion goes to the context that
 * enables the source).
 */
#include "arch/cpu.h"
#include "console.h"
#include "irqchip/plic.h"
#include "mem.h"

#define NO_CONTEXT 0xffffffffU

static volatile u8 *base;
static u32 nsrc;
static u32 ncpus;
static u64 hart[HW_MAX_CPUS];		 /* each CPU's hart id */
static u32 context[HW_MAX_CPUS];	 /* and its supervisor context */
static u32 route[PLIC_MAX_SRCS];	 /* the CPU whose context a source is enabled in */
static u32 enabled[PLIC_MAX_SRCS / 32U]; /* which sources are enabled (in their route's context) */

static volatile u32 *reg(u64 off)
{
	return (volatile u32 *)(base + off);
}

static volatile u32 *enable_word(u32 ctx, irqid_t src)
{
	u64 word = (u64)src / 32U; /* of the context's enable bits */

	return reg(PLIC_ENABLE + ((u64)ctx * PLIC_ENABLE_STEP) + (word * 4U));
}

static volatile u32 *ctx_reg(u32 ctx, u32 r)
{
	return reg(PLIC_CONTEXT + (u64)ctx * PLIC_CTX_STEP + r);
}

static int plic_init(struct hw_irqchip *ic, const u64 *cpu_ids, u32 n)
{
	base = mem_map_device(ic->reg[0].base, ic->reg[0].size);
	if (!base) {
		return -1;
	}
	nsrc = ic->nr_irqs;
	ncpus = MIN(n, HW_MAX_CPUS);
	for (u32 c = 0; c < ncpus; c++) {
		hart[c] = cpu_ids[c];
		context[c] = NO_CONTEXT;
		for (u32 t = 0; t < ic->ntargets; t++) {
			if (ic->targets[t].cpu_id == cpu_ids[c]) {
				context[c] = ic->targets[t].target;
			}
		}
	}
	for (irqid_t s = 1; s < nsrc; s++) {
		*reg(PLIC_PRIORITY + 4U * s) = 1;
		route[s] = 0;
	}
	for (u32 c = 0; c < ncpus; c++) {
		for (irqid_t w = 0; context[c] != NO_CONTEXT && w < (nsrc + 31U) / 32U; w++) {
			*enable_word(context[c], w * 32U) = 0;
		}
	}
	return 0;
}

/* The calling hart's supervisor context, by its hart id (arch contract: arch_cpu_current_id). */
static void set_enable_in(u32 ctx, irqid_t src, bool on);

static u32 my_context(void)
{
	u64 id = arch_cpu_current_id();

	for (u32 c = 0; c < ncpus; c++) {
		if (hart[c] == id) {
			return context[c];
		}
	}
	return NO_CONTEXT;
}

/*
 * On the CPU, once started. The firmware may clear a hart's contexts when it
 * starts the hart (OpenSBI's PLIC warm init disables every source in both),
 * so the sources routed here before are enabled again now.
 */
static int plic_cpu_init(cpuid_t cpu)
{
	if (context[cpu] == NO_CONTEXT) {
		log_err("CPU %u has no supervisor context on the PLIC (interrupts-extended)", cpu);
		return -1;
	}
	*ctx_reg(context[cpu], PLIC_THRESHOLD) = 0;
	for (irqid_t s = 1; s < nsrc; s++) {
		if (route[s] == cpu && ((enabled[s / 32U] >> (s % 32U)) & 1U)) {
			set_enable_in(context[cpu], s, true);
		}
	}
	return 0;
}

/* The cookie is the claiming context and the source (complete writes that context's register). */
static bool plic_ack(irqid_t *irq, u32 *cookie)
{
	u32 ctx = my_context();
	u32 src = ctx == NO_CONTEXT ? 0 : *ctx_reg(ctx, PLIC_CLAIM);

	if (!src) {
		return false;
	}
	*irq = src;
	*cookie = ctx << 10 | src;
	return true;
}

static void plic_complete(u32 cookie)
{
	*ctx_reg(cookie >> 10, PLIC_CLAIM) = cookie & (PLIC_MAX_SRCS - 1U);
}

static void set_enable_in(u32 ctx, irqid_t src, bool on)
{
	volatile u32 *w = enable_word(ctx, src);

	if (on) {
		*w |= 1U << (src % 32U);
	} else {
		*w &= ~(1U << (src % 32U));
	}
}

static void plic_set_enable(irqid_t src, cpuid_t cpu, bool on)
{
	if (!src || src >= nsrc) {
		return;
	}
	if (on) {
		enabled[src / 32U] |= 1U << (src % 32U);
	} else {
		enabled[src / 32U] &= ~(1U << (src % 32U));
	}
	set_enable_in(context[route[src]], src, on);
}

/* The gateway decides edge or level by the source's wiring (chapter 5): nothing to set. */
static void plic_set_edge(irqid_t src, bool edge)
{
}

static void plic_set_route(irqid_t src, cpuid_t cpu)
{
	bool on;

	if (!src || src >= nsrc || context[cpu] == NO_CONTEXT) {
		return;
	}
	on = (enabled[src / 32U] >> (src % 32U)) & 1U;
	set_enable_in(context[route[src]], src, false);
	route[src] = cpu;
	set_enable_in(context[cpu], src, on);
}

static bool plic_is_pending(irqid_t src, cpuid_t cpu)
{
	return (*reg(0x1000U + src / 32U * 4U) >> (src % 32U)) & 1U;
}

/* A claimed source is released by completing it in its route's context. */
static void plic_clear_active(irqid_t src, cpuid_t cpu)
{
	if (src && src < nsrc) {
		*ctx_reg(context[route[src]], PLIC_CLAIM) = src;
	}
}

const struct irqchip_ops plic_ops = {
	.init = plic_init,
	.cpu_init = plic_cpu_init,
	.ack = plic_ack,
	.complete = plic_complete,
	.set_enable = plic_set_enable,
	.set_edge = plic_set_edge,
	.set_route = plic_set_route,
	.is_pending = plic_is_pending,
	.clear_active = plic_clear_active,
};
