// SPDX-License-Identifier: Apache-2.0
/*
 * The host's stand-in for the machine (host.h, README.md): just enough of an
 * AArch64 CPU, a GIC and a UART for the hypervisor's run-time code and
 * arch/aarch64's trap, exception injection, PSCI and vGIC code, unchanged, to
 * run on the host under the sanitizers (the devices fuzzer). The core alone
 * runs on arch/fake (tests/fake) instead.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "arch/cpu.h"
#include "arch/mmu.h"
#include "arch/vcpu.h"
#include "console.h"
#include "cpu.h"
#include "host.h"
#include "irqchip/gic.h"
#include "mem.h"
#include "sysreg.h"
#include "uart/uart.h"
#include "vgic.h"
#include "vm.h"

jmp_buf host_exit;
struct host_cpu host_cpus[HOST_NCPUS];
void (*host_on_irqchip)(const char *op, u32 irq, u64 arg);
void (*host_on_console)(const char *s, size_t n);

/* What hyp/main.c defines on the machine. */
struct vm hyp_vms[CFG_MAX_VMS];
u32 hyp_nvms;

static cpuid_t current;
static u64 clock_ns;
static u32 gic_version = 3;
/* Interrupt lines as the physical GIC sees them: each CPU's PPIs, the SPIs. */
static bool ppi_line[HOST_NCPUS][VGIC_PRIV], spi_line[VGIC_MAX_INTID];

/* ------------------------------------------------------------ CPUs */

void host_init(void)
{
	void *p = mmap((void *)HYP_CPU_VA, HYP_CPU_PRIV_SIZE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);

	if (p != (void *)HYP_CPU_VA) {
		fprintf(stderr, "host: cannot map the private area at 0x%lx\n", HYP_CPU_VA);
		abort();
	}
}

static void **allocs;
static size_t nallocs, cap;

static void *host_alloc(size_t size)
{
	void *p = calloc(1, size ? size : 1);

	if (!p)
		abort();
	if (nallocs == cap) {
		cap = cap ? 2 * cap : 64;
		allocs = realloc(allocs, cap * sizeof(*allocs));
		if (!allocs)
			abort();
	}
	allocs[nallocs++] = p;
	return p;
}

void host_reset(void)
{
	for (size_t i = 0; i < nallocs; i++)
		free(allocs[i]);
	nallocs = 0;
	memset(host_cpus, 0, sizeof(host_cpus));
	memset((void *)HYP_CPU_VA, 0, PAGE_SIZE);
	current = 0;
	clock_ns = 0;
	memset(ppi_line, 0, sizeof(ppi_line));
	memset(spi_line, 0, sizeof(spi_line));
}

void host_set_cpu(cpuid_t cpu)
{
	if (cpu == current)
		return;
	memcpy(host_cpus[current].priv, (void *)HYP_CPU_VA, PAGE_SIZE);
	memcpy((void *)HYP_CPU_VA, host_cpus[cpu].priv, PAGE_SIZE);
	current = cpu;
}

cpuid_t host_current_cpu(void)
{
	return current;
}

/* ------------------------------------------------- system registers */

static const char *const sysreg_names[] = {
	"esr_el2",	  "far_el2",	"hpfar_el2", "elr_el2",	       "spsr_el2",
	"mpidr_el1",	  "cntpct_el0", "esr_el1",   "far_el1",	       "elr_el1",
	"spsr_el1",	  "vbar_el1",	"sctlr_el1", "S3_4_C12_C11_0", /* ICH_HCR */
	"S3_4_C12_C8_0",					       /* ICH_AP0R0 */
	"S3_4_C12_C9_0",					       /* ICH_AP1R0 */
	"S3_4_C12_C11_7",					       /* ICH_VMCR */
};
#define ICH_VTR	  "S3_4_C12_C11_1"
#define ICH_ELRSR "S3_4_C12_C11_5"

static u32 sysreg_index(const char *name)
{
	for (u32 i = 0; i < ARRAY_SIZE(sysreg_names); i++)
		if (!strcmp(sysreg_names[i], name))
			return i;
	fprintf(stderr, "host: system register %s is not simulated (tests/fuzz/host/host.c)\n",
		name);
	abort();
}

/* ICH_LR<n>_EL2 (IHI 0069H 12.4.6): State [63:62], HW 61, EOI 41; GICH_LR<n> (IHI 0048B 5.3.11). */
static u32 lr_state(u64 lr)
{
	return gic_version == 3 ? (u32)(lr >> 62) & 3 : (u32)(lr >> 28) & 3;
}

static u64 lr_with_state(u64 lr, u32 st)
{
	if (gic_version == 3)
		return (lr & ~(3UL << 62)) | ((u64)st << 62);
	return (lr & ~(3UL << 28)) | ((u64)st << 28);
}

static bool lr_hw(u64 lr)
{
	return gic_version == 3 ? (lr >> 61) & 1 : (lr >> 31) & 1;
}

static bool lr_eoi(u64 lr)
{
	return gic_version == 3 ? (lr >> 41) & 1 : (lr >> 19) & 1;
}

/* ICH_ELRSR_EL2 (12.4.7): no interrupt, and no EOI maintenance still to signal. */
static u64 lr_empty(void)
{
	u64 e = 0;

	for (u32 i = 0; i < HOST_NLRS; i++) {
		u64 lr = host_cpus[current].lr[i];

		if (lr_state(lr) == 0 && (lr_hw(lr) || !lr_eoi(lr)))
			e |= 1UL << i;
	}
	return e;
}

u64 host_sysreg_read(const char *name)
{
	if (!strcmp(name, "cntpct_el0"))
		return arch_cpu_counter_ns() / 16;
	if (!strcmp(name, "mpidr_el1"))
		return current;
	if (!strcmp(name, ICH_VTR))
		return HOST_NLRS - 1;
	if (!strcmp(name, ICH_ELRSR))
		return lr_empty();
	return host_cpus[current].sysreg[sysreg_index(name)];
}

void host_sysreg_write(const char *name, u64 v)
{
	host_cpus[current].sysreg[sysreg_index(name)] = v;
}

u64 ich_lr_read(u32 n)
{
	if (n >= HOST_NLRS)
		abort();
	return host_cpus[current].lr[n];
}

void ich_lr_write(u32 n, u64 v)
{
	if (n >= HOST_NLRS)
		abort();
	host_cpus[current].lr[n] = v;
}

void host_set_gic_version(u32 version)
{
	gic_version = version;
}

void host_guest_ack(u32 n)
{
	u64 *lr = &host_cpus[current].lr[n % HOST_NLRS];

	if (lr_state(*lr) & 1) /* pending -> active (or pending and active -> active) */
		*lr = lr_with_state(*lr, 2);
}

void host_guest_eoi(u32 n)
{
	u64 *lr = &host_cpus[current].lr[n % HOST_NLRS];

	if (!(lr_state(*lr) & 2))
		return;
	*lr = lr_with_state(*lr, lr_state(*lr) & 1);
	if (lr_state(*lr))
		return;
	if (lr_hw(*lr) && host_on_irqchip) /* the guest's deactivation reaches the physical one */
		host_on_irqchip("guest-deactivate", (u32)(*lr >> 32) & 0x3ff, current);
	else if (lr_eoi(*lr))
		host_cpus[current].maintenance = true;
}

/*
 * GICv2's list registers, simulated like GICv3's (the real ones are MMIO in
 * arch/aarch64/vgicv2.c, which the host does not build): GICH_LR<n> format
 * (IHI 0048B 5.3.11), no HW bit (as vgicv2_lr_ops), EOI maintenance bit 19.
 */
static u64 v2_encode(const struct virq *irq, u32 src)
{
	u64 lr = (1UL << 28) | ((u64)(irq->prio >> 3) << 23) | irq->intid;

	if (irq->intid < 16 && !irq->hw)
		lr |= (u64)(src & 7) << 10;
	else if (irq->level || irq->hw)
		lr |= 1UL << 19;
	return lr;
}

static void v2_set_underflow(bool on)
{
}

static void v2_reset(void)
{
	memset(host_cpus[current].lr, 0, sizeof(host_cpus[current].lr));
}

const struct vgic_lr_ops vgicv2_lr_ops = {
	.read = ich_lr_read,
	.write = ich_lr_write,
	.empty = lr_empty,
	.encode = v2_encode,
	.state_shift = 28,
	.set_underflow = v2_set_underflow,
	.reset = v2_reset,
	.eoi_bit = 1UL << 19,
	.hw_bit = false,
};

int vgicv2_hw_init(void)
{
	return 0;
}

int vgicv2_map_cpu_interface(struct vm *vm)
{
	return 0;
}

void vgicv2_hot(struct vgic_hot *hot)
{
}

/* ------------------------------------------- the physical interrupt controller */

static void irqchip_call(const char *op, u32 irq, u64 arg)
{
	if (host_on_irqchip)
		host_on_irqchip(op, irq, arg);
}

void arch_ipi_send(cpuid_t target)
{
	irqchip_call("send-ipi", GIC_SGI_IPI, target);
}

bool arch_irq_is_ipi(irqid_t irq)
{
	return irq == GIC_SGI_IPI;
}

u32 gic_ack(void)
{
	return GIC_SPURIOUS;
}

bool irqchip_ack(irqid_t *irq, u32 *cookie)
{
	return false;
}

void gic_eoi(u32 raw)
{
}

void gic_deactivate(u32 raw)
{
	irqchip_call("deactivate", raw, current);
}

void irqchip_complete(u32 cookie)
{
	gic_deactivate(cookie);
}

void irqchip_set_enable(irqid_t irq, cpuid_t cpu, bool on)
{
	irqchip_call(on ? "enable" : "disable", irq, current);
}

void irqchip_set_edge(irqid_t irq, bool edge)
{
	irqchip_call("set-edge", irq, edge);
}

void irqchip_set_route(irqid_t spi, cpuid_t cpu)
{
	irqchip_call("route", spi, cpu);
}

static bool *line_of(irqid_t irq, cpuid_t cpu)
{
	if (irq >= VGIC_MAX_INTID || cpu >= HOST_NCPUS)
		abort();
	return irq < VGIC_PRIV ? &ppi_line[cpu][irq] : &spi_line[irq];
}

void host_set_line(irqid_t irq, cpuid_t cpu, bool level)
{
	*line_of(irq, cpu) = level;
}

bool host_line(irqid_t irq, cpuid_t cpu)
{
	return *line_of(irq, cpu);
}

/* A level interrupt's pending state is its line (the harness raises and drops it). */
bool irqchip_is_pending(irqid_t irq, cpuid_t cpu)
{
	irqchip_call("is-pending", irq, cpu);
	return host_line(irq, cpu);
}

void irqchip_clear_active(irqid_t irq, cpuid_t cpu)
{
	irqchip_call("clear-active", irq, cpu);
}

/* A set/way clean and invalidate changes no state the host simulates. */
void host_dc_cisw(u64 setway)
{
}

/* ----------------------------------------------------------- memory */

void *mem_alloc(u64 size)
{
	return host_alloc(size);
}

paddr_t mem_va_to_pa(const void *va)
{
	return (paddr_t)va;
}

void *mem_pa_to_va(paddr_t pa)
{
	return (void *)pa;
}

void *mem_map_device(paddr_t pa, u64 size)
{
	return host_alloc(size);
}

static struct palloc ram;
static struct color_pool pool;

struct palloc *mem_palloc(void)
{
	if (!ram.nfree) {
		palloc_init(&ram);
		palloc_add(&ram, 0x40000000, 1UL << 30);
	}
	return &ram;
}

struct color_pool *mem_color_pool(void)
{
	return &pool;
}

void *mem_window_map_region(const struct color_region *r, u64 offset, u64 size)
{
	return host_alloc(size);
}

void mem_window_unmap(u64 size)
{
}

/* The boot's way out (cpu.c: cpu_boot_*_done) is not fuzzed: neither is reached. */
void mem_unmap_boot(void)
{
	abort();
}

void arch_cpu_off(const struct hw *hw)
{
	abort();
}

void arch_dcache_clean(const void *va, u64 size)
{
}

void arch_icache_invalidate(void)
{
}

void arch_tlb_flush_vm(vmid_t vmid)
{
}

/* Images are not reloaded on the host: a reset's copy is the one part left out. */
int vm_load_images(struct vm *vm)
{
	return 0;
}

/* ------------------------------------------------------- running vCPUs */

struct arch_regs *arch_vcpu_regs(void)
{
	return &host_cpus[current].regs;
}

void arch_vcpu_reset(struct vcpu *vcpu, u64 entry, u64 arg)
{
	struct arch_regs *r = arch_vcpu_regs();

	memset(r, 0, sizeof(*r));
	r->x[0] = arg;
	r->elr = entry;
	r->spsr = SPSR_EL1H_MASKED;
	vgic_vcpu_reset(vcpu);
}

void arch_vcpu_resume(void)
{
	longjmp(host_exit, HOST_ENTERED_GUEST);
}

void arch_vcpu_quiesce(void)
{
	vgic_hot_set(NULL);
	irqchip_set_enable(IRQ_VTIMER, current, false);
	irqchip_set_enable(IRQ_PTIMER, current, false);
}

void arch_regs_print(const struct arch_regs *r)
{
	printk("  x0 %016lx  x1 %016lx  x2 %016lx\n", r->x[0], r->x[1], r->x[2]);
}

void arch_vcpu_dump(const struct vcpu *vcpu)
{
	arch_regs_print(arch_vcpu_regs());
}

void arch_cpu_wait(void)
{
	longjmp(host_exit, HOST_IDLE);
}

void arch_cpu_wake_all(void)
{
}

void arch_system_off(const struct hw *hw)
{
	longjmp(host_exit, HOST_SYSTEM_OFF);
}

/*
 * A microsecond passes per read. While this CPU watches the clock (a bounded
 * wait for the others), the other simulated CPUs do what real ones would in
 * that time: one running a guest takes the stop it was sent.
 */
u64 arch_cpu_counter_ns(void)
{
	for (cpuid_t c = 0; c < HOST_NCPUS; c++) {
		struct cpu_shared *s = &cpu_shared[c];

		if (c != current && s->in_guest && (s->events & CPU_EV_VCPU_STOP)) {
			s->events &= ~CPU_EV_VCPU_STOP;
			s->in_guest = false;
		}
	}
	clock_ns += 1000;
	return clock_ns;
}

/* ---------------------------------------------------------- console */

static void uart_init(volatile void *base, const void *fdt, int node)
{
}

static void uart_write(volatile void *base, const char *s, size_t n)
{
	if (host_on_console)
		host_on_console(s, n);
}

static const struct uart_driver host_uart = {.init = uart_init, .write = uart_write};

const struct uart_driver *uart_match(const void *fdt, int node)
{
	return &host_uart;
}
