// SPDX-License-Identifier: Apache-2.0
/*
 * The devices fuzzer's promises (see fuzz_devices.c): after every operation
 * of the attacker, nothing outside its own state changed, and its own state
 * is well formed.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arch/vcpu.h"
#include "arch/vm.h"
#include "console.h"
#include "cpu.h"
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

static bool check_console = true;

/* -------------------------------------------------------------- promises */

/* What the attacker's guest cannot change in the hypervisor's view of a VM. */
struct vm_fixed {
	vmid_t id;
	const struct cfg_vm *cfg;
	u32 nvcpus, nmmio;
	struct vcpu_fixed {
		u32 id;
		cpuid_t pcpu;
		struct vm *vm;
	} vcpus[CFG_MAX_VCPUS];
	struct pt s2;
	struct mmio_region mmio[VM_MAX_MMIO];
	struct ipc_doorbell_fixed {
		u32 chan;
	} doorbell[CFG_MAX_VM_SHMEM];
	u64 cntvoff;
	u32 version, nspis;
	struct virq *spis;
	u32 owned[VGIC_MAX_INTID / 32];
	struct vm *vuart_vm;
	u64 vuart_ipa;
	irqid_t vuart_irq;
};

static void fixed_of(const struct vm *vm, struct vm_fixed *f)
{
	const struct vgic *g = &vm->arch.vgic;

	memset(f, 0, sizeof(*f));
	f->id = vm->id;
	f->cfg = vm->cfg;
	f->nvcpus = vm->nvcpus;
	f->nmmio = vm->nmmio;
	for (u32 i = 0; i < CFG_MAX_VCPUS; i++)
		f->vcpus[i] =
			(struct vcpu_fixed){vm->vcpus[i].id, vm->vcpus[i].pcpu, vm->vcpus[i].vm};
	f->s2 = vm->s2;
	memcpy(f->mmio, vm->mmio, sizeof(f->mmio));
	for (u32 i = 0; i < CFG_MAX_VM_SHMEM; i++)
		f->doorbell[i].chan = vm->doorbell[i].chan;
	f->cntvoff = vm->arch.cntvoff;
	f->version = g->version;
	f->nspis = g->nspis;
	f->spis = g->spis;
	memcpy(f->owned, g->owned, sizeof(f->owned));
	f->vuart_vm = vm->vuart.vm;
	f->vuart_ipa = vm->vuart.ipa;
	f->vuart_irq = vm->vuart.irq;
}

/* A copy of a VM's state, to compare after the attacker's next operation. */
struct snapshot {
	struct vm vm;
	struct virq spis[VGIC_MAX_INTID];
	struct cpu_shared cpu[CFG_MAX_VCPUS];
	u64 lr[CFG_MAX_VCPUS][HOST_NLRS];
};

static struct vm_fixed fixed[NVMS];
static struct snapshot snap_peer, snap_victim;
static struct virq initial_priv[VGIC_PRIV];

static void snapshot(const struct vm *vm, struct snapshot *s)
{
	memset(s, 0, sizeof(*s));
	memcpy(&s->vm, vm, sizeof(*vm));
	memcpy(s->spis, vm->arch.vgic.spis, sizeof(struct virq) * vm->arch.vgic.nspis);
	for (u32 i = 0; i < vm->nvcpus; i++) {
		s->cpu[i] = cpu_shared[vm->vcpus[i].pcpu];
		memcpy(s->lr[i], host_cpus[vm->vcpus[i].pcpu].lr, sizeof(s->lr[i]));
	}
}

/*
 * The peer may only get its doorbell: its pending state and count, an event
 * on its CPU, and its vGIC lock taken and released meanwhile.
 */
static void forget_doorbell(struct snapshot *s)
{
	struct virq *db = &s->spis[PEER_DB_IRQ - VGIC_PRIV];

	s->vm.arch.vgic.lock = (struct spinlock){0, 0};
	s->vm.arch.vgic.latched[PEER_DB_IRQ / 32] &= ~(1U << (PEER_DB_IRQ % 32));
	db->pending = 0;
	db->relatch = 0;
	s->vm.arch.vgic.cpu[db->target].npending = 0;
	s->cpu[db->target].events &= ~CPU_EV_VGIC;
}

/* memcmp that says where two copies differ (after what operation). */
static bool same(const void *a, const void *b, size_t n, const char *what)
{
	for (size_t i = 0; i < n; i++) {
		if (((const u8 *)a)[i] != ((const u8 *)b)[i]) {
			fprintf(stderr, "%s differs at byte %zu (0x%02x, was 0x%02x) after: %s\n",
				what, i, ((const u8 *)a)[i], ((const u8 *)b)[i], cur_op);
			return false;
		}
	}
	return true;
}

static void check_unchanged(const struct vm *vm, struct snapshot *before, bool peer)
{
	static struct snapshot now;

	snapshot(vm, &now);
	if (peer) {
		forget_doorbell(&now);
		forget_doorbell(before);
	}
	PROMISE(same(&now.vm, &before->vm, sizeof(now.vm), "struct vm"));
	PROMISE(same(now.spis, before->spis, sizeof(now.spis), "SPIs"));
	PROMISE(same(now.cpu, before->cpu, sizeof(now.cpu), "CPUs"));
	PROMISE(same(now.lr, before->lr, sizeof(now.lr), "list registers"));
}

static void check_fixed(const struct vm *vm)
{
	struct vm_fixed now;

	fixed_of(vm, &now);
	PROMISE(memcmp(&now, &fixed[vm->id], sizeof(now)) == 0);
}

static void check_virq(const struct vm *vm, const struct virq *irq, u32 intid)
{
	const struct virq *init = intid < VGIC_PRIV ? &initial_priv[intid] : NULL;
	bool owned = (vm->arch.vgic.owned[intid / 32] >> (intid % 32)) & 1;

	PROMISE(irq->intid == intid);
	PROMISE(irq->owned == (init ? init->owned : owned));
	PROMISE(!init || irq->hw == init->hw);
	PROMISE(init || irq->hw == (intid == ATK_DEV_IRQ0 || intid == ATK_DEV_IRQ1));
	PROMISE((irq->prio & 7) == 0);
	PROMISE(intid < VGIC_PRIV || irq->target < vm->nvcpus);
	/* an SPI's targets: the VM's vCPUs only; delivered to the lowest of them */
	PROMISE(intid < VGIC_PRIV || !(irq->targets >> vm->nvcpus));
	PROMISE(intid < VGIC_PRIV || !irq->targets ||
		irq->target == (u32)__builtin_ctz(irq->targets));
	PROMISE(!irq->in_lr || (irq->lr < HOST_NLRS && irq->lr_vcpu < vm->nvcpus));
	PROMISE(owned || (!irq->pending && !irq->enabled && !irq->in_lr));
}

/* The attacker's own vGIC: well formed, whatever it wrote. */
static void check_attacker(void)
{
	const struct vm *vm = &hyp_vms[ATTACKER];
	const struct vgic *g = &vm->arch.vgic;
	u32 pending[VGIC_MAX_VCPUS] = {0};

	for (u32 v = 0; v < VGIC_MAX_VCPUS; v++) {
		const struct vgic_cpu *c = &g->cpu[v];

		for (u32 i = 0; i < VGIC_PRIV; i++) {
			check_virq(vm, &c->priv[i], i);
			pending[v] += c->priv[i].pending && vgic_deliverable(&c->priv[i]);
		}
		PROMISE(c->waker == 0 || c->waker == 2);
		PROMISE(c->lr_used < (1U << HOST_NLRS));
		PROMISE(v < vm->nvcpus || (!c->lr_used && !pending[v]));
	}
	for (u32 i = 0; i < g->nspis; i++) {
		check_virq(vm, &g->spis[i], i + VGIC_PRIV);
		pending[g->spis[i].target] += g->spis[i].pending && vgic_deliverable(&g->spis[i]);
	}
	for (u32 v = 0; v < vm->nvcpus; v++)
		PROMISE(g->cpu[v].npending == pending[v]);
	for (u32 i = 0; i < g->nspis; i++) {
		const struct virq *irq = &g->spis[i];
		bool latched = (g->latched[irq->intid / 32] >> (irq->intid % 32)) & 1;

		PROMISE(irq->hw || latched == (irq->pending || irq->relatch));
		PROMISE(!irq->relatch || irq->in_lr);
	}
	PROMISE(vm->vuart.rx_head < VUART_FIFO && vm->vuart.rx_count <= VUART_FIFO);
}

/* Whether vCPU v's CPU will look at its interrupts again soon: told to, or it arranged to be. */
static bool will_look(const struct vm *vm, u32 v)
{
	const struct vcpu *vcpu = &vm->vcpus[v];

	return (cpu_shared[vcpu->pcpu].events & CPU_EV_VGIC) || vm->arch.vgic.cpu[v].underflow;
}

/*
 * No wake-up is lost: for every vCPU running its guest, a deliverable
 * interrupt pending for it is in a list register already, or its CPU will look; an
 * edge waiting behind a list register has that register signal its EOI, or
 * its CPU will look.
 */
static void check_liveness(const struct vm *vm)
{
	const struct vgic *g = &vm->arch.vgic;

	for (u32 v = 0; v < vm->nvcpus; v++) {
		const struct vcpu *vcpu = &vm->vcpus[v];

		if (!cpu_shared[vcpu->pcpu].in_guest || cpu_shared[vcpu->pcpu].vcpu != vcpu)
			continue;
		for (u32 i = 0; i < VGIC_PRIV + g->nspis; i++) {
			const struct virq *irq =
				i < VGIC_PRIV ? &g->cpu[v].priv[i] : &g->spis[i - VGIC_PRIV];

			if (i >= VGIC_PRIV && (irq->target != v || !irq->owned))
				continue;
			if (irq->pending && vgic_deliverable(irq) && !irq->in_lr)
				PROMISE(will_look(vm, v));
			if (irq->relatch && irq->in_lr && irq->lr_vcpu == v)
				PROMISE(irq->lr_eoi || will_look(vm, v));
		}
	}
}

void promises_check(void)
{
	PROMISE(hyp_nvms == NVMS);
	for (vmid_t v = 0; v < NVMS; v++)
		check_fixed(&hyp_vms[v]);
	check_unchanged(&hyp_vms[VICTIM], &snap_victim, false);
	check_unchanged(&hyp_vms[PEER], &snap_peer, true);
	check_attacker();
	check_liveness(&hyp_vms[ATTACKER]);
	check_liveness(&hyp_vms[PEER]);
}

void promises_peer_acted(void)
{
	snapshot(&hyp_vms[PEER], &snap_peer);
	snapshot(&hyp_vms[VICTIM], &snap_victim);
}

/* The physical GIC hears only of the attacker's interrupts, on the attacker's CPUs. */
static void on_irqchip(const char *op, u32 irq, u64 arg)
{
	bool own = irq == ATK_DEV_IRQ0 || irq == ATK_DEV_IRQ1;
	bool own_cpu = arg == 0 || arg == 1;

	if (!strcmp(cur_op, "setup") || host_current_cpu() > 1)
		return; /* building the VMs; the peer's own doings */
	if (!strcmp(op, "send-ipi")) {
		PROMISE(arg <= PEER + 1); /* CPUs 0 and 1 (attacker), 2 (peer's doorbell) */
		return;
	}
	if (!strcmp(op, "route")) {
		PROMISE(own && own_cpu);
		return;
	}
	if (!strcmp(op, "set-edge")) {
		PROMISE(own);
		return;
	}
	if (!strcmp(op, "is-pending") || !strcmp(op, "clear-active")) {
		/* its own SPIs, or the timers' PPIs of its CPUs (arg: whose) */
		PROMISE(own || ((irq == IRQ_VTIMER || irq == IRQ_PTIMER) && own_cpu));
		return;
	}
	/* enable, disable, deactivate, guest-deactivate: its own SPIs, or its CPU's PPIs */
	PROMISE(own || ((irq == IRQ_VTIMER || irq == IRQ_PTIMER || irq == IRQ_MAINTENANCE ||
			 irq == GIC_SGI_IPI) &&
			host_current_cpu() <= 1));
}

static void on_console(const char *s, size_t n)
{
	for (size_t i = 0; check_console && i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		PROMISE((c >= 0x20 && c < 0x7f) || c == '\n' || c == '\t');
	}
	if (getenv("FUZZ_VERBOSE"))
		fwrite(s, 1, n, stderr);
}

/*
 * A refused access, or one outside the VM's map under fault-policy inject
 * (the guest got a data abort: ESR_EL1 written), changed nothing of the VM
 * but the vCPU's warning rate limit and console line (vcpu_warn prints it
 * first): checked before state is touched. (Unless interrupts were in
 * flight: the return to the guest may load them.)
 */
static struct snapshot snap_attacker;
static bool quiet;

void promises_before_access(void)
{
	const struct vgic_cpu *c = &hyp_vms[ATTACKER].arch.vgic.cpu[this_cpu()->vcpu->id];

	quiet = !c->npending && !c->lr_used && !c->underflow;
	snapshot(&hyp_vms[ATTACKER], &snap_attacker);
}

/* The synchronous external abort, taken at EL1h (inject.c, Arm ARM D1.10). */
static void check_abort_taken(const struct arch_regs *before, const struct arch_regs *r)
{
	u64 esr = host_sysreg_read("esr_el1");

	PROMISE((esr >> 26) == 0x25 && (esr & 0x3f) == 0x10); /* EL1: synchronous external abort */
	PROMISE(!!(esr & ESR_WNR) == !!(host_sysreg_read("esr_el2") & ESR_WNR));
	PROMISE(host_sysreg_read("elr_el1") == before->elr);
	PROMISE(host_sysreg_read("spsr_el1") == before->spsr);
	PROMISE(host_sysreg_read("far_el1") == host_sysreg_read("far_el2"));
	PROMISE(r->elr == host_sysreg_read("vbar_el1") + 0x200);
	PROMISE((r->spsr & 0x3cf) == 0x3c5); /* EL1h, D, A, I, F masked */
}

void promises_after_access(const struct arch_regs *before, const struct arch_regs *r)
{
	struct vm *vm = &hyp_vms[ATTACKER];

	if (!host_sysreg_read("esr_el1") || !quiet)
		return;
	check_abort_taken(before, r);
	for (u32 i = 0; i < vm->nvcpus; i++) {
		struct vcpu *now = &vm->vcpus[i], *then = &snap_attacker.vm.vcpus[i];

		then->warn_limit = now->warn_limit;
		then->line_len = now->line_len;
		memcpy(then->line, now->line, sizeof(then->line));
	}
	check_unchanged(vm, &snap_attacker, false);
}

/*
 * The hypervisor ran on cpu and the CPU is back in its guest: no list
 * register there offers (pending, not yet taken) a hardware-backed level
 * interrupt whose line is low: it was read back and dropped (vgic.c).
 * before: the list registers as the guest left them, when the hypervisor ran
 * only to inject a physical interrupt at once (inject_fast, the assembly hot
 * path): that path writes one list register and reads back no other, so the
 * promise is then about what it wrote. An entry it did not touch is as the
 * guest had it, stale line or not, as if the interrupt had not come: the guest
 * could take it just the same before its next exit (a dropped line is retired
 * at the next full pass, sync_lrs). NULL: a full pass, every list register.
 */
void promises_after_hyp(cpuid_t cpu, const u64 *before)
{
	struct vcpu *vcpu = cpu_shared[cpu].vcpu;
	u32 shift = vcpu->vm->arch.vgic.version == 3 ? 62 : 28;

	if (!cpu_shared[cpu].in_guest)
		return;
	for (u32 i = 0; i < HOST_NLRS; i++) {
		u64 lr = host_cpus[cpu].lr[i];

		if (before && lr == before[i])
			continue;
		struct virq *irq = vgic_irq(vcpu->vm, vcpu, (u32)(lr & 0x3ff));

		if (((lr >> shift) & 3) != 1 || !irq || !irq->in_lr || irq->lr != i)
			continue;
		PROMISE(!irq->hw || irq->edge || host_line(irq->intid, cpu));
	}
}

void promises_init(void)
{
	const char *ignore = getenv("FUZZ_IGNORE");

	check_console = !(ignore && strstr(ignore, "console"));
	host_on_irqchip = on_irqchip;
	host_on_console = on_console;
}

void promises_start(void)
{
	memcpy(initial_priv, hyp_vms[ATTACKER].arch.vgic.cpu[0].priv, sizeof(initial_priv));
	for (vmid_t v = 0; v < NVMS; v++)
		fixed_of(&hyp_vms[v], &fixed[v]);
	promises_peer_acted();
}
