/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The host's stand-in for the machine under the hypervisor's run-time code
 * (see README.md): simulated CPUs with their system and list registers, a
 * recording physical interrupt controller, memory from the host heap, and a
 * console UART that hands every byte to the harness. One simulated CPU runs
 * at a time; host_set_cpu() picks it.
 */
#ifndef HOST_HOST_H
#define HOST_HOST_H

#include <setjmp.h>

#include "arch_vcpu_regs.h"
#include "types.h"

#define HOST_NCPUS 4
#define HOST_NLRS  4 /* list registers per CPU (ICH_VTR_EL2.ListRegs + 1) */

/*
 * How a call into the hypervisor ended. The functions that never return on
 * the machine (entering a guest, idling, powering off) longjmp to host_exit
 * with one of these; a plain return is HOST_RETURNED.
 */
enum host_exit { HOST_RETURNED, HOST_ENTERED_GUEST, HOST_IDLE, HOST_SYSTEM_OFF };
extern jmp_buf host_exit;

struct host_cpu {
	struct arch_regs regs; /* the guest frame a trap saved (arch_vcpu_regs) */
	u64 lr[HOST_NLRS];     /* ICH_LR<n>_EL2, or GICH_LR<n> on GICv2 */
	u64 sysreg[32];	       /* by host_sysreg_read's name table */
	bool maintenance;      /* a maintenance interrupt is due (EOI of an LR with EOI set) */
	u8 priv[PAGE_SIZE];    /* its private area (HYP_CPU_VA) while another CPU runs */
};
extern struct host_cpu host_cpus[HOST_NCPUS];

/* Observers the harness sets: calls to the physical interrupt controller, console bytes. */
extern void (*host_on_irqchip)(const char *op, u32 irq, u64 arg);
extern void (*host_on_console)(const char *s, size_t n);

/* Once per process: maps the private area. */
void host_init(void);
/* Before each input: frees what the hypervisor allocated, clears every CPU and the clock. */
void host_reset(void);
/* From now on the hypervisor runs on CPU cpu (swaps the private area in). */
void host_set_cpu(cpuid_t cpu);
cpuid_t host_current_cpu(void);
/* The guest on the current CPU acknowledges / ends (EOI and deactivates) list register n. */
void host_guest_ack(u32 n);
void host_guest_eoi(u32 n);
/*
 * The line of a physical interrupt (irq of CPU cpu for a PPI): what
 * irqchip_is_pending reports for it. All low after host_reset.
 */
void host_set_line(irqid_t irq, cpuid_t cpu, bool level);
bool host_line(irqid_t irq, cpuid_t cpu);
/* Whether the hypervisor's list-register format is GICv2's (GICH_LR) or GICv3's. */
void host_set_gic_version(u32 version);

#endif
