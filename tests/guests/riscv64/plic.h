/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The guest's PLIC (QEMU virt's address; the hypervisor's virtual PLIC in a
 * VM), RISC-V PLIC specification v1.0.0, chapter 3 for the register map.
 */
#ifndef TESSERA_GUEST_PLIC_H
#define TESSERA_GUEST_PLIC_H

#include <stdint.h>

#include "guest.h"

#define PLIC_BASE 0x0c000000UL

static inline volatile uint32_t *plic_reg(uint64_t off)
{
	return (volatile uint32_t *)(PLIC_BASE + off);
}

#ifdef GUEST_APLIC
/*
 * Built for an APLIC (guests.mk: build/riscv64/guests/aplic/): the same calls
 * on the virtual APLIC's supervisor domain in direct mode at QEMU virt's
 * address (RISC-V AIA spec v1.0, section 4.5 for the registers, 4.8 for IDC
 * 0, vCPU 0's). There is no completion: the next claim does it, so a handler
 * claims until it reads 0.
 */
#define APLIC_BASE	    0x0d000000UL
/* A register without side effects: sourcecfg[1] */
#define IRQCHIP_SOURCE1_REG (APLIC_BASE + 4)

static inline volatile uint32_t *aplic_reg(uint64_t off)
{
	return (volatile uint32_t *)(APLIC_BASE + off);
}

#ifdef GUEST_IMSIC
/*
 * Built for guest interrupt files too (guests.mk: build/riscv64/guests/imsic/):
 * the domain in MSI mode (section 4.9), each source its own identity in hart
 * 0's interrupt file, which the hart reaches through its siselect/sireg and
 * claims through stopei (chapter 3: in a VM these are its VS-level CSRs, its
 * hart's guest file). Hart n's file is page n of the IMSICs' window in a VM,
 * natively page n * 4 (QEMU virt,aia-guests=3: a supervisor file and 3 guest
 * files per hart).
 */
#define IMSIC_BASE 0x28000000UL

static inline volatile uint32_t *imsic_file(unsigned hart)
{
	return (volatile uint32_t *)(IMSIC_BASE + ((uint64_t)hart << (guest_native() ? 14 : 12)));
}

/* siselect (0x150) / sireg (0x151): set bits of an interrupt-file register (3.8). */
static inline void imsic_set(uint64_t sel, uint64_t bits)
{
	__asm__ volatile("csrw 0x150, %0\n\tcsrs 0x151, %1" ::"r"(sel), "r"(bits) : "memory");
}

/* Identity id enabled in this hart's file, the file delivering (eie, eidelivery: 3.8). */
static inline void imsic_enable(unsigned id)
{
	imsic_set(0x70, 1);				   /* eidelivery */
	imsic_set(0xc0 + 2 * (id / 64), 1UL << (id % 64)); /* eie: even registers on RV64 */
}

/* What plic_enable writes in target[src]: hart 0, guest 0, identity src (4.5.16). */
static inline uint32_t aplic_target(unsigned src)
{
	return src;
}

/* Source src level-high, as identity src to hart 0's file, enabled; the domain on. */
static inline void plic_enable(unsigned src)
{
	imsic_enable(src);
	*aplic_reg(4 * src) = 6; /* sourcecfg[src]: Level1 */
	*aplic_reg(0x3000 + 4 * src) = aplic_target(src);
	*aplic_reg(0x1edc) = src; /* setienum */
	*aplic_reg(0) = 0x104;	  /* domaincfg: IE, DM (MSI) */
}

/* stopei (0x15c): read and claim the top identity (3.9). */
static inline unsigned plic_claim(void)
{
	uint64_t v;

	__asm__ volatile("csrrw %0, 0x15c, zero" : "=r"(v)::"memory");
	return (unsigned)(v >> 16) & 0x7ff;
}

/* A level source still asserted is sent again by setipnum (section 4.9.2). */
static inline void plic_complete(unsigned src)
{
	if ((*aplic_reg(0x1d00 + src / 32 * 4) >> (src % 32)) & 1) /* in_clrip: its input */
		*aplic_reg(0x1cdc) = src;
}
#else
/* What plic_enable writes in target[src]: hart 0, priority 1 (4.5.16). */
static inline uint32_t aplic_target(unsigned src)
{
	(void)src;
	return 1;
}

/* Source src level-high, to hart 0 at priority 1, enabled; the domain and IDC 0 on. */
static inline void plic_enable(unsigned src)
{
	*aplic_reg(4 * src) = 6; /* sourcecfg[src]: Level1 */
	*aplic_reg(0x3000 + 4 * src) = aplic_target(src);
	*aplic_reg(0x1edc) = src;      /* setienum */
	*aplic_reg(0x4000 + 0x08) = 0; /* ithreshold */
	*aplic_reg(0x4000) = 1;	       /* idelivery */
	*aplic_reg(0) = 0x100;	       /* domaincfg.IE */
}

static inline unsigned plic_claim(void)
{
	return *aplic_reg(0x4000 + 0x1c) >> 16; /* claimi */
}

static inline void plic_complete(unsigned src)
{
	(void)src;
}
#endif
#else

/*
 * The boot hart's supervisor context: 0 in a VM (the virtual PLIC has the VM's
 * harts' S-mode contexts only), 1 natively on QEMU virt's PLIC, whose context 0
 * is hart 0's M-mode one.
 */
/* A register without side effects: source 1's priority */
#define IRQCHIP_SOURCE1_REG (PLIC_BASE + 4)

static inline uint64_t plic_ctx(void)
{
	return guest_native() ? 1 : 0;
}

/* Source src at priority 1, enabled in the boot hart's context, threshold 0. */
static inline void plic_enable(unsigned src)
{
	*plic_reg(4 * src) = 1;
	*plic_reg(0x2000 + 0x80 * plic_ctx() + src / 32 * 4) |= 1U << (src % 32);
	*plic_reg(0x200000 + 0x1000 * plic_ctx()) = 0;
}

static inline unsigned plic_claim(void)
{
	return *plic_reg(0x200004 + 0x1000 * plic_ctx());
}

static inline void plic_complete(unsigned src)
{
	*plic_reg(0x200004 + 0x1000 * plic_ctx()) = src;
}
#endif

#endif
