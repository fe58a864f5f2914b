/* SPDX-License-Identifier: Apache-2.0 */
/* Boot helpers: blobs, the banner, the partition table. */
#ifndef TESSERA_BOOT_H
#define TESSERA_BOOT_H

#include "config.h"
#include "vm.h"

/* CRC-32 (IEEE 802.3) of the loaded hyp.bin, computed before any data is written. */
u32 boot_image_crc(void);
/* Maps a DTB given its PA; NULL if its header is bad (hw_parse checks the rest). */
const void *boot_map_fdt(paddr_t pa);
u64 boot_fdt_size(const void *fdt);
void boot_banner(u32 crc, paddr_t load_pa);
/*
 * Maps the partition DTB (hw->initrd: /chosen/linux,initrd-start/-end) if its
 * header fits there; config_parse checks the rest.
 */
const void *boot_partition_dtb(const struct hw *hw, paddr_t *pa, u64 *size);
/* Claims the fixed-PA memory of every valid VM; a VM whose memory is taken is refused. */
void boot_claim_fixed(struct config *cfg);
/* Takes pre-loaded guest images out of the allocator so nothing overwrites them. */
void boot_exclude_preloaded(const struct config *cfg);
void boot_print_table(const struct config *cfg, const struct vm *vms, u32 nvms);
/* Boot phases timed for the boot benchmark (counter time since reset). */
enum boot_phase { BOOT_ENTRY, BOOT_HW, BOOT_CONFIG, BOOT_VMS, BOOT_CPUS, BOOT_PHASES };
/* Prints the boot timeline: when each phase ended, in ns since reset. */
void boot_print_timeline(const u64 ns[BOOT_PHASES]);
/* Waits (bounded) for a started CPU to report online. */
bool boot_wait_online(cpuid_t cpu);
/* The boot CPU's C entry, from the arch's boot.S (MMU on, its boot stack): boots the VMs. */
void hyp_boot_primary(paddr_t dtb_pa, paddr_t load_pa);
/* A secondary CPU's C entry, from boot.S once arch_cpu_start started it. */
void hyp_boot_secondary(void);

#endif
