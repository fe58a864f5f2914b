// SPDX-License-Identifier: Apache-2.0
/*
 * Boot orchestration: the boot CPU reads the hardware DTB and the partition
 * DTB, validates, builds the VMs, starts the CPUs they need; every CPU then
 * enters its vCPU.
 */
#include "arch/cpu.h"
#include "arch/mmu.h"
#include "boot.h"
#include <stdio.h>
#include <string.h>

#include "console.h"
#include "cpu.h"
#include "dt.h"
#include "ipc.h"
#include "irqchip/irqchip.h"
#include "mem.h"
#include "vm.h"

/* Large and initialised by their users (create_vms, config_parse, cfg_report_init): not zeroed at boot. */
struct vm hyp_vms[CFG_MAX_VMS] __attribute__((section(".noinit.vms")));
u32 hyp_nvms;
static struct config cfg __attribute__((section(".noinit.config")));
static struct cfg_report report __attribute__((section(".noinit.report")));
static cpuid_t boot_cpu;
static bool cpu_started_late; /* started, but not online in time: it may run boot code later */

static void halt(const char *why)
{
	log_err("%s; the hypervisor stops here", why);
	arch_system_off(&hyp_hw);
}

static int cpu_index(u64 arch_id)
{
	for (u32 i = 0; i < hyp_hw.ncpus; i++) {
		if (hyp_hw.cpus[i].arch_id == arch_id) {
			return (int)i;
		}
	}
	return -1;
}

/* Memory no VM may get; the boot stops if it cannot record it (HW_MAX_PROTECTED). */
static void protect(paddr_t base, u64 size, enum hw_protect_kind kind, const char *name)
{
	if (!hw_protect(&hyp_hw, base, size, kind, name)) {
		halt("too many memory ranges to protect");
	}
}

static void print_report(void)
{
	for (u32 i = 0; i < report.ndiags; i++) {
		const struct cfg_diag *d = &report.diags[i];

		printk(LOG_PREFIX "%s: %s", d->warning ? "warning" : "error", d->msg);
		if (d->repeats != 0U) {
			printk(" (and %u more like it)", d->repeats);
		}
		printk(" [%s]\n", cfg_strerror(d->code));
	}
	if (report.dropped || report.dropped_warnings) {
		log_err("%u more errors and %u more warnings not shown", report.dropped,
			report.dropped_warnings);
	}
	cfg_report_init(&report);
}

/* Builds every valid VM; a VM that cannot be built is refused, the others go on. */
static void create_vms(void)
{
	for (u32 i = 0; i < cfg.nvms; i++) {
		struct cfg_vm *c = &cfg.vms[i];

		if (c->refused) {
			log_err("partition '%s' (%s) refused: it will not start", cfg_vm_label(c),
				c->path);
			continue;
		}
		(void)memset(&hyp_vms[hyp_nvms], 0, sizeof(hyp_vms[0]));
		if (vm_create(&hyp_vms[hyp_nvms], i, c, &cfg) != 0) {
			vm_release_memory(&hyp_vms[hyp_nvms]);
			c->refused = true;
			log_err("partition '%s' (%s) refused: it could not be built", c->name,
				c->path);
			for (u32 v = 0; v < c->ncpus; v++) {
				cpu_shared[c->cpus[v]].vcpu = NULL;
			}
			continue;
		}
		if (c->vuart.present) {
			console_add_input(i, c->name, &hyp_vms[hyp_nvms].vuart, c->cpus[0],
					  c->console_input);
		}
		hyp_nvms++;
	}
}

/* Starts every CPU some vCPU needs; a CPU that fails stops the VM it was for. */
static void start_cpus(void)
{
	for (u32 c = 0; c < hyp_hw.ncpus; c++) {
		struct vcpu *v = cpu_shared[c].vcpu;
		paddr_t root;
		int ret;

		if (c == boot_cpu || !v) {
			continue;
		}
		if (mem_cpu_root_create(c, &root) != 0) {
			log_err("CPU %u (" ARCH_CPU_ID_NAME " 0x%lx) did not start: no memory for "
				"its private area",
				c, hyp_hw.cpus[c].arch_id);
		} else {
			ret = arch_cpu_start(&hyp_hw, &hyp_hw.cpus[c], root);
			if (ret == 0 && boot_wait_online(c)) {
				continue;
			}
			cpu_started_late |= ret == 0;
			log_err("CPU %u (" ARCH_CPU_ID_NAME " 0x%lx, %s) did not start: error %d",
				c, hyp_hw.cpus[c].arch_id, arch_cpu_start_method(&hyp_hw.cpus[c]),
				ret);
		}
		cpu_shared[c].vcpu = NULL;
		vm_stop(v->vm, "stopped: one of its CPUs did not start");
	}
}

/* The interrupt controller's driver takes it, told every CPU's arch id. */
static int boot_irqchip_init(void)
{
	u64 ids[HW_MAX_CPUS];

	for (u32 i = 0; i < hyp_hw.ncpus; i++) {
		ids[i] = hyp_hw.cpus[i].arch_id;
	}
	return irqchip_init(&hyp_hw.irqchip, ids, hyp_hw.ncpus);
}

/* The boot CPU moves to its own tables (its private area appears at HYP_CPU_VA). */
static void boot_cpu_private(void)
{
	paddr_t root;

	if (mem_cpu_root_create(boot_cpu, &root) != 0) {
		halt("out of memory for the boot CPU's private area");
	}
	arch_mmu_switch_root(root);
	this_cpu()->id = boot_cpu;
	this_cpu()->arch_id = hyp_hw.cpus[boot_cpu].arch_id;
	this_cpu()->vcpu = cpu_shared[boot_cpu].vcpu;
	if (irqchip_cpu_init(boot_cpu) != 0) {
		halt("boot CPU interrupt controller setup failed");
	}
	cpu_shared[boot_cpu].online = true;
}

/* The CPUs that will leave the boot code: this one and every secondary that came online. */
static u32 boot_cpus_leaving(void)
{
	u32 n = 1;

	if (cpu_started_late) {
		log_warn("a CPU that did not come online in time may still run boot code: the "
			 "boot-only code and data stay mapped");
		return UINT32_MAX;
	}
	for (u32 c = 0; c < hyp_hw.ncpus; c++) {
		if (c != boot_cpu && __atomic_load_n(&cpu_shared[c].online, __ATOMIC_ACQUIRE)) {
			n++;
		}
	}
	return n;
}

void hyp_boot_secondary(void)
{
	int c;

	arch_cpu_init();
	c = cpu_index(arch_cpu_current_id());
	if (c < 0) {
		arch_cpu_off(&hyp_hw);
	}
	this_cpu()->id = (cpuid_t)c;
	this_cpu()->arch_id = hyp_hw.cpus[c].arch_id;
	this_cpu()->vcpu = cpu_shared[c].vcpu;
	if (irqchip_cpu_init((cpuid_t)c) != 0) {
		arch_cpu_off(&hyp_hw);
	}
	__atomic_store_n(&cpu_shared[c].online, true, __ATOMIC_RELEASE);
	cpu_boot_secondary_done();
}

void hyp_boot_primary(paddr_t dtb_pa, paddr_t load_pa)
{
	u32 crc = boot_image_crc();
	const void *hw_fdt, *part_fdt;
	paddr_t part_pa;
	u64 part_size, ns[BOOT_PHASES];
	u64 entry = arch_cpu_counter(); /* in ns once the hardware is known */
	int c, errs;

	arch_cpu_init();
	cfg_report_init(&report);
	mem_init(load_pa);
	hw_fdt = boot_map_fdt(dtb_pa);
	/* one pass checks the blob and finds the console; its report waits for the banner */
	errs = hw_fdt ? hw_parse(hw_fdt, boot_fdt_size(hw_fdt), &hyp_hw, &report) : 1;
	if (!hw_fdt || console_init(hw_fdt, &hyp_hw.console)) {
		arch_system_off(&hyp_hw); /* no usable DTB or console: nothing can be said */
	}
	boot_banner(crc, load_pa);
	if (errs || !hyp_hw.ncpus || !hyp_hw.nram) {
		print_report();
		halt("the hardware DTB lacks what the hypervisor needs");
	}
	print_report();
	ns[BOOT_ENTRY] = arch_counter_to_ns(entry);
	ns[BOOT_HW] = arch_cpu_counter_ns();
	c = cpu_index(arch_cpu_current_id());
	if (c < 0) {
		halt("the boot CPU is not in the hardware DTB's /cpus");
	}
	boot_cpu = (cpuid_t)c;
	protect(load_pa, mem_image_size(), HW_PROTECT_IMAGE, "hypervisor image");
	protect(dtb_pa, boot_fdt_size(hw_fdt), HW_PROTECT_BLOB, "hardware DTB");
	if (boot_irqchip_init() != 0) {
		halt("interrupt controller setup failed");
	}
	part_fdt = boot_partition_dtb(&hyp_hw, &part_pa, &part_size);
	if (!part_fdt) {
		halt("no usable partition DTB");
	}
	protect(part_pa, part_size, HW_PROTECT_BLOB, "partition DTB");
	(void)config_parse(part_fdt, boot_fdt_size(part_fdt), &cfg,
			   &report); /* errors: in report */
	if (!cfg.nvms) {
		print_report();
		halt("the partition DTB has no partition to start");
	}
	(void)config_validate(&cfg, &hyp_hw, hw_fdt, &report); /* errors: in report */
	print_report();
	ns[BOOT_CONFIG] = arch_cpu_counter_ns();
	mem_init_allocator(&hyp_hw);
	mem_color_init(cfg.ncolors);
	boot_exclude_preloaded(&cfg);
	boot_claim_fixed(&cfg);
	(void)mem_color_hypervisor(
		cfg.hyp_colors); /* before any heap page; on failure it stays put */
	ipc_init(&cfg);
	create_vms();
	ns[BOOT_VMS] = arch_cpu_counter_ns();
	boot_print_table(&cfg, hyp_vms, hyp_nvms);
	console_enable_input(hw_fdt);
	boot_cpu_private();
	start_cpus();
	mem_drop_identity();
	if (mem_color_check() != 0) {
		halt("the hypervisor's memory is not all in its colors");
	}
	ns[BOOT_CPUS] = arch_cpu_counter_ns();
	boot_print_timeline(ns);
	log_info("hypervisor memory: %lu KiB allocated at run time; image %lu KiB",
		 mem_hyp_footprint() / KIB, mem_image_size() / KIB);
	cpu_boot_expect(boot_cpus_leaving());
	arch_cpu_switch_stack(cpu_boot_primary_done);
}
