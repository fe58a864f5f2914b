/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Arch contract: the arch's part of the hardware model and of the
 * configuration layer. Pure code (arch/<arch>/arch_hw.c, in hyp/config.mk's
 * list: the checker and the host tests compile it too): it reads the
 * hardware DTB through the DT helpers (dt.h), reports through the
 * configuration layer's diagnostics, and touches nothing of the machine.
 *
 * The arch's arch_hw.h (arch/<arch>/include/) defines:
 *   struct arch_hw       what the arch reads of the board (struct hw.arch)
 *   struct arch_hw_cpu   what it reads of each CPU (struct hw_cpu.arch)
 *   ARCH_NAME            the architecture's name, in the banner
 *   ARCH_IPA_BITS        the guest-physical address size its stage-2 tables give
 *   ARCH_S2_ROOT_SIZE    the bytes of a stage-2 root table (aligned to its size)
 *   ARCH_CPU_ID_NAME     what messages call a CPU's arch id (struct hw_cpu.arch_id)
 *   ARCH_IRQ_NAME        what messages call an interrupt number
 *   ARCH_SYNDROME_NAME   what messages call a fault's syndrome (vm_fault)
 *   ARCH_VUART_NAME      the virtual UART model guests get (arch/vuart.h) and
 *   ARCH_VUART_SIZE      its register window, the size a vuart node's reg must have
 */
#ifndef ARCH_HW_CONTRACT_H
#define ARCH_HW_CONTRACT_H

#include "types.h"
#include "arch_hw.h"

struct hw;
struct hw_cpu;
struct cfg_vm;
struct cfg_report;
struct irq_range;

/*
 * Compatible strings of the node arch_hw_parse reads (the firmware interface's),
 * preferred first; NULL-terminated. hw_parse finds it in its one pass over
 * the blob: at most 8 strings.
 */
extern const char *const arch_hw_compatible[];

/*
 * One CPU node of /cpus: its arch part (cpu->arch), and whether it can be
 * started (cpu->startable). cpu->node, path and arch_id are read; warnings
 * (a CPU that cannot be started is not an error) go to rep.
 */
void arch_hw_parse_cpu(const void *fdt, struct hw_cpu *cpu, struct cfg_report *rep);

/*
 * Right after hw_parse has read the CPUs (each through arch_hw_parse_cpu):
 * hw->arch, hw->ipa_bits and hw->s2_start_level (the stage-2 tables' geometry, which may
 * depend on what the CPUs support); may find CPUs unstartable after all. node: the
 * enabled node whose compatible comes first in arch_hw_compatible, or
 * negative. Returns the errors it reported.
 */
int arch_hw_parse(const void *fdt, int node, struct hw *hw, struct cfg_report *rep);

/*
 * A CPU id as the arch compares them (from the hardware DTB, a layout's
 * cpu-affinity or a guest's call): the identifying bits only.
 */
u64 arch_cpu_id(u64 id);

/* A guest-physical window every VM has besides what its layout gives it. */
struct arch_vm_window {
	u64 base;
	u64 size;
	const char *what; /* for messages: "the emulated <part of the controller>" */
};

/*
 * The windows the arch takes in VM vm's address space (the interrupt
 * controller's, emulated or its own interrupt files): at most max into w;
 * returns how many.
 */
u32 arch_cfg_vm_windows(const struct hw *hw, const struct cfg_vm *vm, struct arch_vm_window *w,
			u32 max);

/* The virtual interrupt numbers a VM may give its vuart and channels. */
void arch_cfg_virq_range(const struct hw *hw, struct irq_range *r);

/* For the checker's board table: how a CPU starts, and the board's arch part, in a few words. */
const char *arch_hw_cpu_method(const struct hw_cpu *cpu);
void arch_hw_describe(const struct hw *hw, char *buf, size_t len);

#endif
