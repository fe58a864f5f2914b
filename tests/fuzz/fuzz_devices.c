// SPDX-License-Identifier: Apache-2.0
/*
 * libFuzzer target: what a hostile guest can make the hypervisor do at run
 * time. The hypervisor's own trap, PSCI, hypercall, vGIC (distributor,
 * redistributors, SGIs, list registers), virtual UART, doorbell and console
 * code runs on the host over a simulated machine (tests/fuzz/host/), on three
 * VMs built as the hypervisor builds them:
 *   VM 0 "attacker"  2 vCPUs (CPUs 0, 1): a device with two interrupts, a
 *                    virtual UART, channel 0 with a doorbell page
 *   VM 1 "peer"      1 vCPU (CPU 2): channel 0 (the attacker may ring it)
 *   VM 2 "victim"    1 vCPU (CPU 3): nothing shared with the attacker
 * The input's first byte picks the GIC version (bit 0), a few private
 * interrupts left pending at the start (bits 1..6, pending_ppis) and the
 * attacker's fault-policy (bit 7: "inject", else "stop"); then comes a
 * sequence of 24-byte operations:
 * the attacker's traps (data aborts on emulated or unmapped IPAs of every
 * width, alignment and syndrome; HVC and SMC calls, PSCI and Tessera; system
 * register traps; any other exception class), physical interrupts and
 * their lines dropping, the guests' virtual CPU interfaces acknowledging and
 * ending list registers, and CPUs taking the events posted to them.
 *
 * After every operation the promise "nothing outside the attacker's own state
 * changes" is checked (a broken one aborts with "broken promise"):
 *   - the victim VM, its interrupts and its CPU are byte for byte unchanged;
 *   - the peer changes only in its doorbell interrupt's pending state;
 *   - the physical GIC is only told about the attacker's own interrupts, and
 *     routes them only to the attacker's CPUs; no CPU but the attacker's and
 *     the peer's gets an IPI; the machine is never powered off;
 *   - the attacker's vGIC stays well formed: every interrupt keeps its INTID,
 *     ownership and hardware backing, priorities keep their low bits clear,
 *     targets name its vCPUs (an SPI's set of them too, delivery to the
 *     lowest), per-vCPU bookkeeping (GICR_WAKER, list registers in use, the
 *     count of pending deliverable interrupts) matches the interrupts, the
 *     lock-free latch of each SPI matches its state;
 *   - no wake-up is lost: a deliverable interrupt pending for a running vCPU
 *     is in a list register or its CPU will look, and so for an edge waiting
 *     behind a list register (or that register signals its EOI);
 *   - a hardware-backed level interrupt whose line dropped is not offered to
 *     the guest (pending in a list register) once the hypervisor ran on that
 *     CPU;
 *   - a refused access, or one to an unmapped IPA under fault-policy inject,
 *     gives the guest a synchronous external abort at EL1 and changes
 *     nothing but the warning's rate limit;
 *   - the hypervisor's view of every VM (memory, regions, channels, counter
 *     offset) is unchanged;
 *   - every byte on the console is printable text, a tab or a newline.
 * Environment: FUZZ_IGNORE=console skips the last promise (to look for the
 * others in code that still lets control characters through).
 * The promises are in fuzz_devices_promises.c. Built by tests/fuzz/run.sh (make fuzz).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arch/vcpu.h"
#include "arch/vm.h"
#include "console.h"
#include "cpu.h"
#include "dt.h"
#include "irqchip/gic.h"
#include "host/host.h"
#include "ipc.h"
#include "mem.h"
#include "psci.h"
#include "sysreg.h"
#include "tessera/hypercall.h"
#include "vgic.h"
#include "vm.h"
#include "vuart.h"

#include "fuzz_devices.h"
static struct config cfg;
static struct hw_uart con = {.node = 0};
static bool trace; /* FUZZ_TRACE: each operation on stderr */
const char *cur_op = "setup";

/* --------------------------------------------------------------- the world */

static void vm_config(struct cfg_vm *c, const char *name, u32 ncpus, cpuid_t cpu0, irqid_t dev_irq)
{
	snprintf(c->name, sizeof(c->name), "%s", name);
	snprintf(c->path, sizeof(c->path), "/bao-partitions/%s", name);
	c->ncpus = ncpus;
	for (u32 i = 0; i < ncpus; i++)
		c->cpus[i] = cpu0 + i;
	c->ndevs = 1;
	c->devs[0] = (struct cfg_dev){.pa = 0x9010000, .ipa = 0x9010000, .size = 0x1000};
	c->devs[0].irqs[c->devs[0].nirqs++] = dev_irq;
	c->vuart = (struct cfg_vuart){
		.present = true, .ipa = VUART_BASE, .size = 0x1000, .irq = VUART_IRQ};
}

static void shmem(struct cfg_vm *c, u32 chan, irqid_t irq, bool doorbell)
{
	c->shmem[c->nshmem++] = (struct cfg_vm_shmem){.channel = chan,
						      .ipa = CHAN_IPA,
						      .irq = irq,
						      .has_doorbell = doorbell,
						      .doorbell = DOORBELL_IPA};
}

static void make_config(enum cfg_fault_policy attacker_policy)
{
	memset(&cfg, 0, sizeof(cfg));
	cfg.nvms = NVMS;
	cfg.nshmem = 2;
	for (u32 i = 0; i < 2; i++)
		cfg.shmem[i] = (struct cfg_shmem){.size = 0x1000};
	vm_config(&cfg.vms[ATTACKER], "attacker", 2, 0, ATK_DEV_IRQ0);
	cfg.vms[ATTACKER].devs[0].irqs[cfg.vms[ATTACKER].devs[0].nirqs++] = ATK_DEV_IRQ1;
	cfg.vms[ATTACKER].fault_policy = attacker_policy;
	shmem(&cfg.vms[ATTACKER], 0, ATK_DB_IRQ, true);
	vm_config(&cfg.vms[PEER], "peer", 1, 2, PEER_DEV_IRQ);
	shmem(&cfg.vms[PEER], 0, PEER_DB_IRQ, true);
	vm_config(&cfg.vms[VICTIM], "victim", 1, 3, VIC_DEV_IRQ);
	shmem(&cfg.vms[VICTIM], 1, VIC_DB_IRQ, false);
}

/* The GIC driver of the interrupt-controller class, found as hw_parse finds it. */
static const struct irqchip_driver *gic_driver(void)
{
	struct dt_str compat[16];
	const struct irqchip_driver *drv[16];
	u32 n = irqchip_compat_table(compat, drv, 16);

	for (u32 i = 0; i < n; i++)
		if (!strcmp(compat[i].str, "arm,gic-v3"))
			return drv[i];
	abort();
}

static void make_hw(u32 version)
{
	memset(&hyp_hw, 0, sizeof(hyp_hw));
	hyp_hw.ncpus = HOST_NCPUS;
	for (u32 i = 0; i < HOST_NCPUS; i++)
		hyp_hw.cpus[i].arch_id = i;
	hyp_hw.irqchip.drv = gic_driver();
	hyp_hw.irqchip.variant = version;
	hyp_hw.irqchip.reg[GIC_DIST] = (struct mem_range){GICD_BASE, 0x10000};
	if (version == 3) { /* GIC_CPU is GIC_REDIST's slot */
		hyp_hw.irqchip.nregs = 2;
		hyp_hw.irqchip.reg[GIC_REDIST] = (struct mem_range){GICR_BASE, 0xf60000};
		return;
	}
	hyp_hw.irqchip.nregs = 4;
	hyp_hw.irqchip.reg[GIC_CPU] = (struct mem_range){0x08010000, 0x10000};
	hyp_hw.irqchip.reg[GIC_HYP] = (struct mem_range){0x08030000, 0x10000};
	hyp_hw.irqchip.reg[GIC_VCPU] = (struct mem_range){0x08040000, 0x10000};
}

static u64 *s2_table(void *ctx, paddr_t *pa)
{
	u64 *t = mem_alloc(PAGE_SIZE);

	*pa = mem_va_to_pa(t);
	return t;
}

static u64 *s2_va(void *ctx, paddr_t pa)
{
	return mem_pa_to_va(pa);
}

/* As vm_create (hyp/vm.c) builds a VM, but for its memory and images. */
static void build_vm(struct vm *vm, vmid_t id)
{
	const struct cfg_vm *c = &cfg.vms[id];

	vm->id = id;
	vm->cfg = c;
	vm->state = VM_IDLE;
	vm->s2.root = s2_table(NULL, &vm->s2.root_pa);
	vm->s2.start_level = 1; /* AArch64's: a 39-bit IPA (arch_hw.c) */
	vm->s2.stage = PT_STAGE2;
	vm->s2.ops = (struct pt_ops){.alloc_table = s2_table, .table_va = s2_va};
	vm->nvcpus = c->ncpus;
	for (u32 i = 0; i < c->ncpus; i++) {
		vm->vcpus[i] = (struct vcpu){.id = i, .pcpu = c->cpus[i], .vm = vm};
		cpu_shared[c->cpus[i]].vcpu = &vm->vcpus[i];
	}
	PROMISE(arch_vm_init(vm) == 0);
	PROMISE(vuart_init(&vm->vuart, vm, c->vuart.ipa, c->vuart.irq) == 0);
	PROMISE(ipc_vm_attach(vm) == 0);
}

/* Runs fn on CPU cpu; what ended it (a guest entered, the CPU idles, ...). */
static enum host_exit on_cpu(cpuid_t cpu, void (*fn)(void *), void *arg)
{
	volatile enum host_exit how;

	host_set_cpu(cpu);
	this_cpu()->id = cpu;
	this_cpu()->arch_id = cpu;
	this_cpu()->vcpu = cpu_shared[cpu].vcpu;
	how = (enum host_exit)setjmp(host_exit);
	if (how == HOST_RETURNED)
		fn(arg);
	PROMISE(how != HOST_SYSTEM_OFF); /* the victim still runs: never powered off */
	return how;
}

static void take_events(void *unused)
{
	/* A CPU whose vCPU is off waits in the idle loop; one running its guest takes the IPI. */
	if (!cpu_shared[this_cpu()->id].in_guest)
		cpu_idle();
	arch_trap_irq(&host_cpus[this_cpu()->id].regs, GIC_SGI_IPI);
}

static void start_world(u32 version, enum cfg_fault_policy attacker_policy)
{
	host_reset();
	host_set_gic_version(version);
	memset(hyp_vms, 0, sizeof(hyp_vms));
	memset(cpu_shared, 0, sizeof(cpu_shared));
	make_hw(version);
	make_config(attacker_policy);
	PROMISE(console_init(NULL, &con) == 0);
	ipc_init(&cfg);
	hyp_nvms = NVMS;
	for (vmid_t v = 0; v < NVMS; v++)
		build_vm(&hyp_vms[v], v);
	for (vmid_t v = 0; v < NVMS; v++)
		vm_start(&hyp_vms[v]);
	PROMISE(vcpu_power_on(&hyp_vms[ATTACKER], 1, 0x40000000, 0) == VCPU_POWER_OK);
	for (cpuid_t c = 0; c < HOST_NCPUS; c++)
		PROMISE(on_cpu(c, take_events, NULL) == HOST_ENTERED_GUEST);
}

/* ------------------------------------------------------------ operations */

struct op {
	u8 kind, cpu, sel, flags;
	u8 off[3], reg;
	u64 value, extra;
};

/*
 * A register of the GIC's maps (IHI 0069H 12.8, 12.9, 12.10; IHI 0048B 4.1.2):
 * a family (first offset, stride, count) and an index into it. The same
 * families serve the distributor and a redistributor's SGI_base frame.
 */
static const struct family {
	u32 base, stride, count;
} gic_families[] = {
	{0x0000, 4, 32},   /* CTLR, TYPER, IIDR, ... (RD_base: CTLR, IIDR, TYPER, WAKER, ...) */
	{0x0080, 4, 32},   /* IGROUPR */
	{0x0100, 4, 32},   /* ISENABLER */
	{0x0180, 4, 32},   /* ICENABLER */
	{0x0200, 4, 32},   /* ISPENDR */
	{0x0280, 4, 32},   /* ICPENDR */
	{0x0300, 4, 32},   /* ISACTIVER */
	{0x0380, 4, 32},   /* ICACTIVER */
	{0x0400, 4, 256},  /* IPRIORITYR */
	{0x0800, 4, 256},  /* ITARGETSR */
	{0x0c00, 4, 64},   /* ICFGR */
	{0x0d00, 4, 64},   /* IGRPMODR, NSACR */
	{0x0f00, 4, 12},   /* SGIR, CPENDSGIR, SPENDSGIR */
	{0x6000, 8, 1024}, /* IROUTER */
	{0xffd0, 4, 12},   /* ID registers */
	{0x0000, 1, 4096}, /* anywhere in the first page */
};

/*
 * A register's offset, mostly exact, sometimes a few bytes off (an unaligned
 * access, or one that straddles two registers); half the time one of the
 * first nine of its family, around the banked INTIDs 0..31 and INTID 32.
 */
static u32 gic_offset(const struct op *o)
{
	const struct family *f = &gic_families[o->off[2] % ARRAY_SIZE(gic_families)];
	u32 index = (o->off[1] & 0x80) ? o->off[0] % MIN(9U, f->count)
				       : (o->off[0] | (u32)o->off[1] << 8) % f->count;
	u32 skew = (o->off[2] >> 4) & 7;

	return f->base + index * f->stride + ((o->off[2] & 0x80) ? skew : 0);
}

/* Where an access goes: a register of an emulated device, or any IPA (mostly nothing mapped). */
static u64 region_ipa(const struct op *o)
{
	u32 off = o->off[0] | (u32)(o->off[1] & 0xf) << 8;

	switch (o->sel % 5) {
	case 0:
		return GICD_BASE + gic_offset(o);
	case 1: /* frames of vCPUs 0, 1 and one past the VM's; RD_base or SGI_base */
		return GICR_BASE + ((o->sel >> 3) % 3) * GICR_FRAME +
		       ((o->sel >> 5) & 1) * GICR_SGI + gic_offset(o) % GICR_SGI;
	case 2:
		return VUART_BASE + off;
	case 3:
		return DOORBELL_IPA + (off & 0x1f);
	default:
		return o->extra & 0xffffffffffUL;
	}
}

/* A stage-2 data abort (ESR_EL2 ISS, Arm ARM D13.2.39) on the attacker's CPU. */
static void data_abort(const struct op *o, struct arch_regs *r)
{
	struct arch_regs before;
	u64 ipa = region_ipa(o);
	u32 srt = o->reg & 31;
	bool isv = (o->flags >> 3) & 7; /* 7 in 8 with a syndrome */
	u64 esr = ((u64)EC_DABT_LOW << 26) | (1UL << 25) | 0x07 /* translation fault, level 3 */;

	if (isv)
		esr |= ESR_ISV | ((u64)(o->flags & 3) << 22) | ((u64)srt << 16) |
		       ((o->flags & 0x40) ? ESR_SSE : 0) | ((o->flags & 0x80) ? ESR_SF : 0);
	if (o->flags & 4)
		esr |= ESR_WNR;
	if (srt != 31)
		r->x[srt] = o->value;
	host_sysreg_write("esr_el2", esr);
	host_sysreg_write("hpfar_el2", (ipa >> 12) << 4);
	host_sysreg_write("far_el2", 0xffff000000000000UL | ipa);
	host_sysreg_write("esr_el1", 0);
	host_sysreg_write("vbar_el1", 0xffff800010000000UL);
	r->spsr = SPSR_EL1H_MASKED & ~0x3c0UL; /* EL1h, interrupts unmasked */
	before = *r;
	promises_before_access();
	arch_trap_sync(r);
	promises_after_access(&before, r);
}

/* HVC or SMC: PSCI or Tessera calls mostly, arguments small or anything. */
static void call(const struct op *o, struct arch_regs *r, u32 ec)
{
	static const u64 bases[] = {0x84000000UL, 0xC4000000UL, TESSERA_HC_BASE};
	u32 pick = o->sel % 4;

	r->x[0] = pick < 3 ? bases[pick] + (o->flags & 0x1f) : (u32)o->value;
	for (u32 i = 1; i < 7; i++)
		r->x[i] = (o->reg >> (i - 1)) & 1 ? o->extra >> (8 * i) : (o->value >> (8 * i)) & 3;
	if ((o->reg & 0xc0) == 0xc0) /* PSCI CPU_ON's entry, anything */
		r->x[2] = o->extra;
	host_sysreg_write("esr_el2", ((u64)ec << 26) | (1UL << 25));
	arch_trap_sync(r);
}

/* A trapped system register access (EC 0x18): ICC_SGI1R_EL1 and friends mostly. */
static void sysreg_trap(const struct op *o, struct arch_regs *r)
{
	u32 rt = o->reg & 31;
	u64 iss = o->value & 0x1ffffff;

	if (o->sel & 1) /* Op0 3, Op2 5..7, Op1 0, CRn 12, Rt, CRm 11, write */
		iss = (3U << 20) | ((5U + o->flags % 3) << 17) | (12U << 10) | (rt << 5) |
		      (11U << 1);
	if (rt != 31)
		r->x[rt] = o->extra;
	host_sysreg_write("esr_el2", ((u64)EC_SYSREG << 26) | (1UL << 25) | iss);
	arch_trap_sync(r);
}

static void other_trap(const struct op *o, struct arch_regs *r)
{
	host_sysreg_write("esr_el2", ((u64)(o->sel & 0x3f) << 26) | (o->value & 0x3ffffff));
	host_sysreg_write("far_el2", o->extra);
	arch_trap_sync(r);
}

static const struct op *op_now;

static void guest_trap(void *unused)
{
	const struct op *o = op_now;
	struct arch_regs *r = &host_cpus[this_cpu()->id].regs;

	switch (o->kind % 10) {
	case 0:
	case 1:
	case 2:
		cur_op = "data abort";
		data_abort(o, r);
		break;
	case 3:
		cur_op = "hvc";
		call(o, r, EC_HVC64);
		break;
	case 4:
		cur_op = "smc";
		call(o, r, EC_SMC64);
		break;
	case 5:
		cur_op = "system register";
		sysreg_trap(o, r);
		break;
	default:
		cur_op = "other exception";
		other_trap(o, r);
	}
}

/*
 * A physical interrupt reaches this CPU while its guest runs: the timers'
 * (the physical one's when reg bit 6 is set), the attacker's device's, a
 * maintenance interrupt or an IPI. A level one's line (the timers', the
 * device's unless the guest made it edge) is asserted from then on, until
 * an operation with reg bit 7 drops it instead, as a guest that masks its
 * timer or serves its device makes it drop; the hypervisor must then not
 * offer the interrupt again once it looked (promises_after_hyp).
 */
static void physical_irq(void *unused)
{
	static const u32 raw[] = {IRQ_VTIMER, ATK_DEV_IRQ0, ATK_DEV_IRQ1, IRQ_MAINTENANCE,
				  GIC_SGI_IPI};
	u32 irq = raw[op_now->sel % 5];
	bool line = irq != IRQ_MAINTENANCE && irq != GIC_SGI_IPI;

	if (irq == IRQ_VTIMER && (op_now->reg & 0x40))
		irq = IRQ_PTIMER;
	if (this_cpu()->id > 1 && line)
		return; /* the attacker's device interrupts go to the attacker's CPUs */
	if (op_now->reg & 0x80) {
		cur_op = "line drops";
		if (line)
			host_set_line(irq, this_cpu()->id, false);
		return;
	}
	cur_op = "physical interrupt";
	if (line)
		host_set_line(irq, this_cpu()->id, true);
	if (arch_irq_entry(irq) != ARCH_IRQ_NONE)
		arch_trap_irq(&host_cpus[this_cpu()->id].regs, irq);
}

static void run_op(const struct op *o)
{
	cpuid_t cpu = o->cpu % 3; /* the attacker's CPUs 0, 1; the peer's 2 */
	u32 kind = o->kind % 10;

	op_now = o;
	if (kind <= 6 && cpu == 2)
		cpu = o->cpu & 1;
	if (kind <= 7 && !cpu_shared[cpu].in_guest)
		return; /* only a CPU in its guest traps or takes interrupts for it */
	if (kind <= 6) {
		on_cpu(cpu, guest_trap, NULL);
		promises_after_hyp(cpu, NULL);
	} else if (kind == 7) {
		u64 before[HOST_NLRS];

		memcpy(before, host_cpus[cpu].lr, sizeof(before));
		on_cpu(cpu, physical_irq, NULL);
		if (!(o->reg & 0x80))
			promises_after_hyp(cpu, before); /* what the interrupt's path wrote */
	} else if (kind == 8) {
		cur_op = "list register";
		host_set_cpu(cpu);
		if (o->sel & 1)
			host_guest_eoi(o->flags);
		else
			host_guest_ack(o->flags);
	} else {
		cur_op = "events";
		on_cpu(cpu, take_events, NULL);
		promises_after_hyp(cpu, NULL);
	}
	if (trace)
		fprintf(stderr,
			"op %u on CPU %u: %s, sel %u flags 0x%x ipa ..0x%x reg %u value 0x%lx; "
			"x%u now 0x%lx\n",
			kind, cpu, cur_op, o->sel, o->flags, (u32)(region_ipa(o) & 0xfffff), o->reg,
			o->value, o->reg & 31, host_cpus[cpu].regs.x[o->reg & 31]);
	promises_check();
	if (cpu == 2) /* the peer's own doings */
		promises_peer_acted();
	cur_op = "between operations";
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	host_init();
	promises_init();
	trace = getenv("FUZZ_TRACE") != NULL;
	return 0;
}

/*
 * The attacker's own set-up before the operations: the PPIs 16.. in bits 1..6
 * of the input's first byte are made pending (disabled, they stay so) on each
 * of its vCPUs, as a GICD/GICR_ISPENDR0 write would.
 */
static void pending_ppis(u32 version, u8 bits)
{
	for (u32 cpu = 0; bits && cpu < 2; cpu++) {
		struct op o = {.kind = 0,
			       .cpu = (u8)cpu,
			       .flags = 0x0e,
			       .off = {0, 0, 4},
			       .reg = 1,
			       .value = (u64)bits << 16};

		/* the redistributor frame of this vCPU, its SGI_base (see region_ipa) */
		while (version == 3 && (o.sel % 5 != 1 || (o.sel >> 3) % 3 != cpu || !(o.sel & 32)))
			o.sel++;
		run_op(&o);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	u32 version = size && (data[0] & 1) ? 2 : 3;
	bool inject = size && (data[0] & 0x80);

	cur_op = "setup";
	start_world(version, inject ? CFG_FAULT_INJECT : CFG_FAULT_STOP);
	promises_start();
	cur_op = "between operations";
	if (size)
		pending_ppis(version, (data[0] >> 1) & 0x3f);
	for (size_t at = 1; at + OP_SIZE <= size; at += OP_SIZE) {
		struct op o;

		memcpy(&o, data + at, sizeof(o));
		run_op(&o);
	}
	return 0;
}
