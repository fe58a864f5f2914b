/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The RISC-V APLIC, with or without IMSICs (RISC-V Advanced Interrupt
 * Architecture v1.0, chapters 3 and 4): what its DT glue and register code
 * share, and the register map of one interrupt domain's control region
 * (section 4.5, table 4.1), which the virtual APLIC (arch/riscv64/vaplic.c)
 * emulates too.
 */
#ifndef DRIVERS_IRQCHIP_APLIC_H
#define DRIVERS_IRQCHIP_APLIC_H

#include "irqchip/irqchip.h"

#define APLIC_MAX_SRCS 1024U /* sources 1..1023 (section 4.3) */

/*
 * IMSIC interrupt files (chapter 3): 4 KiB each, a hart's supervisor file
 * then its guest files 1..2^riscv,guest-index-bits - 1 (section 3.2); the
 * file a VM's vCPU gets (guest-interrupt-files) is its hart's guest file 1.
 */
#define APLIC_FILE_SHIFT    12U
#define APLIC_VM_GUEST	    1U
#define IMSIC_SETEIPNUM_LE  0x000U /* a file's page: write an identity to pend it (3.5) */
/* Interrupt-file registers through siselect/vsiselect (section 3.8, table 3.2). */
#define ISELECT_EIDELIVERY  0x70U
#define ISELECT_EITHRESHOLD 0x72U
#define ISELECT_EIP0	    0x80U /* RV64: the even-numbered ones, 64 identities each */
#define ISELECT_EIE0	    0xc0U

/* hw_irqchip.variant: how the domain delivers (domaincfg.DM, section 4.5.1). */
#define APLIC_DIRECT 1U /* to each hart's interrupt delivery control (IDC, section 4.8) */
#define APLIC_MSI    2U /* as MSIs into the harts' IMSICs (section 4.9) */

#define APLIC_DOMAINCFG	   0x0000U
#define APLIC_DOMAINCFG_IE 0x100U  /* bit 8: interrupts enabled */
#define APLIC_DOMAINCFG_DM 0x4U	   /* bit 2: delivery mode, 1 = MSI */
#define APLIC_SOURCECFG	   0x0004U /* sourcecfg[s] at 0x0004 + 4 * (s - 1) (4.5.2) */
#define APLIC_SOURCECFG_D  0x400U  /* bit 10: delegated to a child domain */
#define APLIC_SM_INACTIVE  0U	   /* source modes (table 4.2) */
#define APLIC_SM_DETACHED  1U
#define APLIC_SM_EDGE1	   4U
#define APLIC_SM_EDGE0	   5U
#define APLIC_SM_LEVEL1	   6U
#define APLIC_SM_LEVEL0	   7U
#define APLIC_SETIP	   0x1c00U /* pending bits, 32 sources a word (4.5.5) */
#define APLIC_SETIPNUM	   0x1cdcU
#define APLIC_IN_CLRIP	   0x1d00U /* reads: rectified inputs; writes: clear pending (4.5.7) */
#define APLIC_CLRIPNUM	   0x1ddcU
#define APLIC_SETIE	   0x1e00U /* enable bits (4.5.9) */
#define APLIC_SETIENUM	   0x1edcU
#define APLIC_CLRIE	   0x1f00U
#define APLIC_CLRIENUM	   0x1fdcU
#define APLIC_SETIPNUM_LE  0x2000U
#define APLIC_SETIPNUM_BE  0x2004U
#define APLIC_GENMSI	   0x3000U
#define APLIC_TARGET	   0x3004U /* target[s] at 0x3004 + 4 * (s - 1) (4.5.16) */
#define APLIC_TARGET_HART  18U	   /* bits 31:18: hart index */
#define APLIC_TARGET_GUEST 12U	   /* MSI mode: bits 17:12 guest index, 10:0 identity */
#define APLIC_IDC	   0x4000U /* IDC i at 0x4000 + 32 * i (4.8.1) */
#define APLIC_IDC_STEP	   32U
#define APLIC_IDELIVERY	   0x00U
#define APLIC_IFORCE	   0x04U
#define APLIC_ITHRESHOLD   0x08U
#define APLIC_TOPI	   0x18U
#define APLIC_CLAIMI	   0x1cU
#define APLIC_TOPI_ID	   16U /* topi/claimi: bits 25:16 the source, 7:0 its priority */

extern const struct irqchip_ops aplic_ops;

/*
 * MSI mode, for a VM with guest interrupt files (guest-interrupt-files: the
 * virtual APLIC, arch/riscv64/vaplic.c). Its pass-through sources go as MSIs
 * into the file of the hart of the vCPU the guest targets, which raises that
 * vCPU's VSEIP with no hypervisor on the way (hstatus.VGEIN, privileged spec
 * 8.2.1; AIA spec chapter 5): the hypervisor only routes them.
 */
/* Whether CPU cpu's hart has that guest file (hgeie, checked when it started). */
bool aplic_vm_file_ok(cpuid_t cpu);
/* The physical address of CPU cpu's guest file the VM running there gets (4 KiB). */
paddr_t aplic_vm_file(cpuid_t cpu);
/* Source src as identity eiid into CPU cpu's VM file, enabled (on) or not (4.5.16, 4.5.9). */
void aplic_vm_route(irqid_t src, cpuid_t cpu, u32 eiid, bool on);
/* Identity eiid pending in CPU cpu's VM file: a virtual source's MSI (section 3.5). */
void aplic_vm_notify(cpuid_t cpu, u32 eiid);
/* setipnum: pends src again, if level-sensitive only while its input is high (4.7, 4.9.2). */
void aplic_vm_setip(irqid_t src);
/* Word w of the pending bits (APLIC_SETIP) or the rectified inputs (APLIC_IN_CLRIP). */
u32 aplic_vm_bits(u32 group, u32 w);

#endif
