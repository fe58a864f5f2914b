// SPDX-License-Identifier: Apache-2.0
/* Boot helpers: DTB blobs, the banner and checksum, waiting for CPUs. */
#include <libfdt_env.h>
#include <fdt.h>

#include "arch/cpu.h"
#include "boot.h"
#include "console.h"
#include "cpu.h"
#include "dt.h"
#include "mem.h"

#define HW_FDT_MAX	(2U * MIB)   /* a board DTB */
#define PART_FDT_MAX	(512U * MIB) /* a partition DTB may embed guest images */
#define TESSERA_VERSION "0.1"

extern char _head[], _file_end[];

u32 boot_image_crc(void)
{
	return arch_crc32(_head, mem_span(_head, _file_end));
}

static u32 be32(const void *p)
{
	const u8 *b = p;

	return (u32)b[0] << 24 | (u32)b[1] << 16 | (u32)b[2] << 8 | b[3];
}

u64 boot_fdt_size(const void *fdt)
{
	return be32((const u8 *)fdt + 4); /* fdt_header.totalsize (DT spec 5.2) */
}

/* A header field (DT spec 5.2, struct fdt_header: big-endian u32s). */
#define FDT_FIELD(hdr, field) be32((const u8 *)(hdr) + offsetof(struct fdt_header, field))

/*
 * The bytes of a DTB its blocks use. A loader may leave free space after them
 * up to totalsize (QEMU virt's DTB says 1 MiB for some 8 KiB of content):
 * nothing reads it, so it is not mapped (on virt 254 pages fewer to map at
 * boot). Only for the usual layout (Devicetree Specification v0.4, 5.1: the
 * header, the memory reservation block, then the structure and strings
 * blocks; version 17, whose header gives size_dt_struct, 5.2): every read of
 * the checks and the parsers is bounded by the blocks' sizes, the
 * reservation block's by its terminating entry (fdt_rsv_ends_before).
 * Anything else: totalsize.
 */
static u64 fdt_used_size(const void *hdr, u64 total)
{
	u64 st = FDT_FIELD(hdr, off_dt_struct);
	u64 str = FDT_FIELD(hdr, off_dt_strings);
	u64 rsv = FDT_FIELD(hdr, off_mem_rsvmap);
	u64 used = MAX(st + FDT_FIELD(hdr, size_dt_struct), str + FDT_FIELD(hdr, size_dt_strings));

	if (FDT_FIELD(hdr, version) < 17U || used > total || rsv < sizeof(struct fdt_header) ||
	    rsv >= MIN(st, str)) {
		return total;
	}
	return used;
}

/* True if the memory reservation block's last entry (size 0, DT spec 5.3) lies below used. */
static bool fdt_rsv_ends_before(const void *fdt, u64 used)
{
	const u8 *b = fdt;

	for (u64 off = FDT_FIELD(fdt, off_mem_rsvmap);
	     off + sizeof(struct fdt_reserve_entry) <= used;
	     off += sizeof(struct fdt_reserve_entry)) {
		if (!be32(b + off + 8U) && !be32(b + off + 12U)) {
			return true;
		}
	}
	return false;
}

/*
 * Maps a DTB whose header says it fits in max bytes (DT spec 5.2: magic,
 * totalsize), the bytes its blocks use (fdt_used_size); NULL and *why if
 * not. The structure is checked by whoever parses it (hw_parse,
 * config_parse), which names what is wrong.
 */
static const void *map_fdt(paddr_t pa, u64 max, const char **why, u32 *value)
{
	const void *hdr = mem_map_blob(pa, sizeof(struct fdt_header));
	const void *fdt;
	u64 total;
	u64 used;

	*why = "cannot be mapped";
	*value = 0;
	if (!hdr) {
		return NULL;
	}
	*value = be32(hdr);
	*why = "bad magic (not 0xd00dfeed)";
	if (*value != DT_MAGIC) {
		return NULL;
	}
	total = boot_fdt_size(hdr);
	*value = (u32)total;
	*why = total < 40U ? "totalsize smaller than a header"
			   : "totalsize larger than the room it has";
	if (total < 40U || total > max) {
		return NULL;
	}
	used = fdt_used_size(hdr, total);
	mem_unmap_blob(hdr, sizeof(struct fdt_header));
	*why = "cannot be mapped";
	fdt = mem_map_blob(pa, used);
	if (fdt && used < total && !fdt_rsv_ends_before(fdt, used)) {
		mem_unmap_blob(fdt, used);
		fdt = mem_map_blob(pa, total);
	}
	return fdt;
}

const void *boot_map_fdt(paddr_t pa)
{
	const char *why;
	u32 value;

	return map_fdt(pa, HW_FDT_MAX, &why, &value);
}

void boot_banner(u32 crc, paddr_t load_pa)
{
	printk("\n" LOG_PREFIX "Tessera " TESSERA_VERSION
	       " static partitioning hypervisor (" ARCH_NAME ")\n" LOG_PREFIX
	       "hyp.bin crc32 0x%08x, %lu bytes, loaded at PA 0x%lx\n",
	       crc, mem_span(_head, _file_end), load_pa);
}

const void *boot_partition_dtb(const struct hw *hw, paddr_t *pa, u64 *size)
{
	u64 start = hw->initrd.base, end = start + hw->initrd.size;
	const void *fdt;
	const char *why;
	u32 value;

	if (!hw->initrd.size) {
		log_err("no partition DTB: /chosen/linux,initrd-start/-end are missing (QEMU: "
			"-initrd layout.dtb; U-Boot: load it, set both with fdt set /chosen, then "
			"booti - see scripts/boot.cmd)");
		return NULL;
	}
	fdt = map_fdt(start, MIN(end - start, PART_FDT_MAX), &why, &value); /* inside the initrd */
	if (!fdt) {
		log_err("the initrd at PA [0x%lx..0x%lx) is not a DTB: %s (0x%x) [%s]", start, end,
			why, value, cfg_strerror(CFG_E_BLOB));
		return NULL;
	}
	*pa = start;
	*size = boot_fdt_size(fdt);
	log_info("partition DTB at PA 0x%lx, %lu bytes", start, *size);
	return fdt;
}

/* True if a pre-loaded image already sits inside one of its VM's fixed memory regions. */
static bool in_own_memory(const struct cfg_vm *vm, const struct cfg_image *img)
{
	for (u32 i = 0; i < vm->nmem; i++) {
		if (vm->mem[i].has_pa &&
		    range_inside(img->pa, img->size, vm->mem[i].pa, vm->mem[i].size)) {
			return true;
		}
	}
	return false;
}

void boot_exclude_preloaded(const struct config *cfg)
{
	for (u32 i = 0; i < cfg->nvms; i++) {
		const struct cfg_vm *vm = &cfg->vms[i];
		/* MISRA misreading 9.3: every element of the array is initialised */
		const struct cfg_image *imgs[] = {&vm->image, &vm->initrd, &vm->dtb};

		if (vm->refused) {
			continue;
		}
		for (u32 k = 0; k < ARRAY_SIZE(imgs); k++) {
			if (imgs[k]->kind == CFG_IMAGE_PRELOADED && !in_own_memory(vm, imgs[k])) {
				palloc_exclude(mem_palloc(), imgs[k]->pa, imgs[k]->size);
			}
		}
	}
}

/* Claims every fixed-PA region of the valid VMs before anything is allocated dynamically. */
/* A VM refused while claiming holds nothing: the regions it got go back. */
static void unclaim(const struct cfg_vm *vm, u32 n)
{
	for (u32 k = 0; k < n; k++) {
		if (vm->mem[k].has_pa) {
			(void)palloc_free(mem_palloc(), vm->mem[k].pa, vm->mem[k].size);
		}
	}
}

void boot_claim_fixed(struct config *cfg)
{
	for (u32 i = 0; i < cfg->nvms; i++) {
		struct cfg_vm *vm = &cfg->vms[i];

		for (u32 k = 0; !vm->refused && k < vm->nmem; k++) {
			const struct cfg_mem *m = &vm->mem[k];

			if (!m->has_pa || !palloc_claim(mem_palloc(), m->pa, m->size)) {
				continue;
			}
			log_err("%s/%s: phys-addr [0x%lx..0x%lx) is not free RAM at boot [%s]",
				vm->path, m->name, m->pa, m->pa + m->size,
				cfg_strerror(CFG_E_MEM_FREE));
			vm->refused = true;
			unclaim(vm, k);
		}
	}
}

void boot_print_timeline(const u64 ns[BOOT_PHASES])
{
	log_info("boot timeline (ns since reset): entry %lu, hardware %lu, partitions %lu, "
		 "VMs built %lu, CPUs started %lu",
		 ns[BOOT_ENTRY], ns[BOOT_HW], ns[BOOT_CONFIG], ns[BOOT_VMS], ns[BOOT_CPUS]);
}

/* A CPU started by arch_cpu_start is up within milliseconds; a second is plenty. */
#define CPU_START_WAIT_NS (1000UL * 1000UL * 1000UL)
/* Between two looks (arch_cpu_wait_until): the CPU's start costs more than this. */
#define CPU_START_POLL_NS (10UL * 1000UL)

bool boot_wait_online(cpuid_t cpu)
{
	u64 deadline = arch_cpu_counter_ns() + CPU_START_WAIT_NS;

	while (!__atomic_load_n(&cpu_shared[cpu].online, __ATOMIC_ACQUIRE)) {
		u64 now = arch_cpu_counter_ns();

		if (now > deadline) {
			return false;
		}
		arch_cpu_wait_until(now + CPU_START_POLL_NS);
	}
	return true;
}
