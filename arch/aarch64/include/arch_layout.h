/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Hypervisor virtual address space (EL2 stage 1, TTBR0_EL2, 4 KiB granule,
 * 39-bit VA: T0SZ = 25, lookup starts at level 1 — Arm ARM D8.2.2).
 * Each region owns whole 1 GiB level-1 slots so per-CPU roots can share the
 * level-2 tables of every region but the private one.
 */
#ifndef ARCH_AARCH64_LAYOUT_H
#define ARCH_AARCH64_LAYOUT_H

#ifdef __ASSEMBLY__
#define UL(x) x
#else
#define UL(x) x##UL
#endif

#define HYP_VA_BITS   39
#define HYP_HEAP_VA   UL(0x6000000000) /* slot 384: the hypervisor's heap (mem_color.c) */
#define HYP_IMAGE_VA  UL(0x7F00000000) /* slot 508: hyp.bin text, data, bss */
#define HYP_CPU_VA    UL(0x7F40000000) /* slot 509: this CPU's private area (different per CPU) */
#define HYP_MAP_VA    UL(0x7F80000000) /* slot 510: devices and blobs */
#define HYP_WINDOW_VA UL(0x7FC0000000) /* slot 511: temporary window onto VM memory */
#define HYP_SLOT_SIZE UL(0x40000000)

#define HYP_CPU_PRIV_SIZE UL(0x3000) /* per-CPU struct + stack, 3 pages */
#define HYP_CPU_STACK_TOP (HYP_CPU_VA + HYP_CPU_PRIV_SIZE)

#endif

/*
 * The interrupt hot path's per-CPU record (struct vgic_hot, vgic.h), in the
 * private area after struct cpu, and the offsets vectors.S reads it with
 * (checked against the C structures in vgic.c).
 */
#define HYP_VGIC_HOT_VA	    (HYP_CPU_VA + 0x80)
#define HOT_CPU		    0 /* struct vgic_cpu *: the running vCPU's, GICv3 only */
#define HOT_SPIS	    8 /* struct virq *: the VM's SPIs */
#define HOT_NSPIS	    16
#define HOT_VCPU_ID	    20
#define HOT_LOCK	    24 /* struct spinlock *: the VM's vGIC lock */
#define HOT_GICC	    32 /* GICv2: the physical CPU interface (VA); 0 on GICv3 */
#define HOT_GICH	    40 /* GICv2: the virtual interface control frame (VA) */
#define HOT_LR_MASK	    48 /* GICv2: the implemented list registers */
#define GICC_IAR	    0x0c
#define GICC_EOIR	    0x10
#define GICH_ELRSR0	    0x30
#define GICH_LR0	    0x100
#define GICH_LR_PENDING_EOI 0x10080000 /* GICH_LR: pending (bit 28), maintenance on EOI (bit 19) */
#define VIRQ_SHIFT	    3	       /* sizeof(struct virq) == 8 */
#define VIRQ_PRIO	    2
/* VIRQ_FLAGS: bitfields from bit 0 (AAPCS64 10.1.8): owned, enabled, pending, active, hw, in_lr */
#define VIRQ_FLAGS	    4
#define VIRQ_LR		    5
#define VIRQ_LR_VCPU	    7
#define VIRQ_HOT_MASK	    0x1e
#define VIRQ_HOT_WANT	    0x12 /* enabled, hw; not pending or active */
#define VIRQ_IN_LR_BIT	    5
#define VCPU_NPENDING	    260
#define VCPU_LR_USED	    264
#define ARCH_IRQ_NONE	    0xffffffff /* arch_irq_entry: no interrupt in hand */

#define SECONDARY_TABLE_ENTRIES 16 /* = HW_MAX_CPUS */
/* Guest register frame saved at the top of each CPU's stack on a trap (struct arch_regs). */
#define ARCH_REGS_SIZE		272
#define HYP_VCPU_REGS_VA	(HYP_CPU_STACK_TOP - ARCH_REGS_SIZE)
