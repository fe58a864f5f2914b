// SPDX-License-Identifier: Apache-2.0
/*
 * Fake architecture: memory and the hypervisor's address space (arch
 * contract hyp/include/arch/mmu.h) on the host.
 *
 * RAM is a host memory file (memfd) mapped at an offset (FAKE_DIRECT_VA):
 * the image (at FAKE_LOAD_PA: a text page, a rodata page, then data holding
 * the boot tables) and the heap (mem_heap_alloc here: pages of the real
 * allocator) are seen there, as if mapped once and for all; that is the one
 * simplification of the address space. Everything else the core maps (the
 * device and blob slot, each CPU's private slot with its windows) is a host
 * mapping of the same file that follows the page tables: at each TLB flush
 * the fake MMU walks the tables the flush is for and maps, remaps or takes
 * away (PROT_NONE) the host pages that changed. A translation the core
 * forgot to flush is therefore still the old one, and a page it unmapped
 * faults. Permissions: read and write follow the tables; execute is not
 * modelled (nothing runs from there). Device pages are plain host memory.
 */
#define _GNU_SOURCE /* memfd_create */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "arch/mmu.h"
#include "arch/pt.h"
#include "color.h"
#include "console.h"
#include "cpu.h"
#include "fake.h"
#include "mem.h"
#include "mem_internal.h"

void fake_cpu_set(cpuid_t cpu);

/* The image's bounds (hyp/mem.c reads them as the linker script's symbols on the machine). */
#define STR2(x)		  #x
#define STR(x)		  STR2(x)
#define FAKE_IMAGE_VA_LIT 0x407F00000000
_Static_assert(FAKE_IMAGE_VA_LIT == HYP_IMAGE_VA, "the image symbols below");
__asm__(".globl _head, _rodata_start, _data_start, _image_end\n"
	".set _head, " STR(
		FAKE_IMAGE_VA_LIT) "\n"
				   ".set _rodata_start, " STR(
					   FAKE_IMAGE_VA_LIT) " + 0x1000\n"
							      ".set _data_start, " STR(
								      FAKE_IMAGE_VA_LIT) " + "
											 "0x2000\n"
											 ".set "
											 "_image_"
											 "end,"
											 " " STR(FAKE_IMAGE_VA_LIT) " + 0x8000\n");
_Static_assert(FAKE_IMAGE_SIZE == 0x8000, "_image_end");
/* The fake image has no boot-only pages: empty ranges (hyp/mem.c, mem_unmap_boot). */
#define FAKE_NO_BOOT(part)                                                     \
	".globl __boot_" part "_start, __boot_" part "_end\n.set __boot_" part \
	"_start, " STR(FAKE_IMAGE_VA_LIT) " + 0x1000\n.set __boot_" part       \
					  "_end, " STR(FAKE_IMAGE_VA_LIT) " + 0x1000\n"
__asm__(FAKE_NO_BOOT("text") FAKE_NO_BOOT("rodata") FAKE_NO_BOOT("data"));

/* The boot tables, in the image's data pages (as boot.S builds them on AArch64). */
#define BOOT_ROOT     2 /* image pages */
#define BOOT_IMAGE_L2 3
#define BOOT_IMAGE_L3 4
#define BOOT_MAP_L2   5

static int ram_fd = -1;
struct hw fake_hw;

void *fake_pa_to_host(paddr_t pa)
{
	if (pa < FAKE_RAM_PA || pa - FAKE_RAM_PA >= FAKE_RAM_SIZE) {
		fprintf(stderr, "fake: PA 0x%lx is not RAM\n", pa);
		abort();
	}
	return (void *)(FAKE_DIRECT_VA + pa);
}

static bool is_direct(vaddr_t va)
{
	return va - (FAKE_DIRECT_VA + FAKE_RAM_PA) < FAKE_RAM_SIZE;
}

static void host_map(vaddr_t va, u64 size, int prot, int flags, int fd, u64 off)
{
	void *p = mmap((void *)va, size, prot, flags, fd, (off_t)off);

	if (p != (void *)va) {
		fprintf(stderr, "fake: cannot map host range 0x%lx (+0x%lx)\n", va, size);
		abort();
	}
}

/* ------------------------------------------------------------- fake MMU */

#define MAX_RUNS 1024

/* Host mappings of one slot: runs of pages contiguous in VA and PA with one protection. */
struct run {
	vaddr_t va;
	paddr_t pa;
	u64 size;
	int prot;
};
struct slot_map {
	u32 n;
	struct run run[MAX_RUNS];
};

static struct slot_map shared_map; /* the device and blob slot: under map_lock */
static pthread_mutex_t map_lock = PTHREAD_MUTEX_INITIALIZER;
static struct slot_map cpu_map[FAKE_NCPUS]; /* each CPU's private slot: that CPU's thread's */
static _Thread_local paddr_t cur_root;	    /* this CPU's root (TTBR) */

static int prot_of(u32 flags)
{
	return (flags & PT_R ? PROT_READ : 0) | (flags & PT_W ? PROT_WRITE : 0);
}

static void add_run(struct slot_map *m, vaddr_t va, paddr_t pa, u64 size, int prot)
{
	struct run *last = m->n ? &m->run[m->n - 1] : NULL;

	if (last && last->va + last->size == va && last->pa + last->size == pa &&
	    last->prot == prot) {
		last->size += size;
		return;
	}
	if (m->n == MAX_RUNS) {
		fprintf(stderr, "fake MMU: more than %d runs in a slot\n", MAX_RUNS);
		abort();
	}
	m->run[m->n++] = (struct run){va, pa, size, prot};
}

/* Tables live in RAM (image or heap): read them through the offset view. */
static void walk(const u64 *table, u32 level, vaddr_t va, struct slot_map *out)
{
	for (u32 i = 0; i < PT_ENTRIES; i++) {
		u64 e = table[i];
		vaddr_t v = va + ((u64)i << pt_level_shift(level));

		if (!arch_pt_valid(e))
			continue;
		if (arch_pt_is_table(e, level))
			walk(fake_pa_to_host(arch_pt_addr(e)), level + 1, v, out);
		else
			add_run(out, v, arch_pt_addr(e), 1UL << pt_level_shift(level),
				prot_of(arch_pt_flags(e, PT_STAGE1_HYP)));
	}
}

/* Slot `slot` of the root at root_pa, as host mappings of the space at `space`. */
static void walk_slot(paddr_t root_pa, u32 slot, vaddr_t space, struct slot_map *out)
{
	const u64 *root = fake_pa_to_host(root_pa);
	u64 e = root[slot];
	vaddr_t va = space + (u64)slot * HYP_SLOT_SIZE;

	out->n = 0;
	if (!arch_pt_valid(e))
		return;
	if (arch_pt_is_table(e, ARCH_HYP_START_LEVEL))
		walk(fake_pa_to_host(arch_pt_addr(e)), ARCH_HYP_START_LEVEL + 1, va, out);
	else
		add_run(out, va, arch_pt_addr(e), HYP_SLOT_SIZE,
			prot_of(arch_pt_flags(e, PT_STAGE1_HYP)));
}

static bool has_run(const struct slot_map *m, const struct run *r)
{
	for (u32 i = 0; i < m->n; i++)
		if (!memcmp(&m->run[i], r, sizeof(*r)))
			return true;
	return false;
}

static void map_run(const struct run *r)
{
	int flags = MAP_FIXED | MAP_SHARED;

	if (r->pa >= FAKE_RAM_PA && r->pa - FAKE_RAM_PA < FAKE_RAM_SIZE) {
		host_map(r->va, r->size, r->prot, flags, ram_fd, r->pa - FAKE_RAM_PA);
		return;
	}
	/* A device: plain memory (the fake's devices are not behind these mappings). */
	host_map(r->va, r->size, r->prot, MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
}

/* The TLB's part: the host mappings become what the tables say now. */
static void sync_slot(struct slot_map *now, const struct slot_map *next)
{
	for (u32 i = 0; i < now->n; i++)
		if (!has_run(next, &now->run[i]))
			host_map(now->run[i].va, now->run[i].size, PROT_NONE,
				 MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	for (u32 i = 0; i < next->n; i++)
		if (!has_run(now, &next->run[i]))
			map_run(&next->run[i]);
	*now = *next;
}

static void sync_private(void)
{
	static _Thread_local struct slot_map next;
	cpuid_t cpu = fake_cpu_current();

	walk_slot(cur_root, FAKE_CPU_SLOT, fake_cpu_va_of(cpu) - FAKE_CPU_SLOT * HYP_SLOT_SIZE,
		  &next);
	sync_slot(&cpu_map[cpu], &next);
}

static void sync_shared(void)
{
	static struct slot_map next; /* under map_lock */

	pthread_mutex_lock(&map_lock);
	walk_slot(cur_root, pt_index(HYP_MAP_VA, ARCH_HYP_START_LEVEL), FAKE_VA_BASE, &next);
	sync_slot(&shared_map, &next);
	pthread_mutex_unlock(&map_lock);
}

static bool lookup_in(const struct slot_map *m, vaddr_t va, paddr_t *pa, int *prot)
{
	for (u32 i = 0; i < m->n; i++) {
		if (va - m->run[i].va < m->run[i].size) {
			*pa = m->run[i].pa + (va - m->run[i].va);
			*prot = m->run[i].prot;
			return true;
		}
	}
	return false;
}

/* Another CPU's private slot: only while its thread is not flushing (the tests' order). */
bool fake_mmu_lookup(vaddr_t va, paddr_t *pa, int *prot)
{
	bool found;

	for (cpuid_t c = 0; c < FAKE_NCPUS; c++)
		if (va - fake_cpu_va_of(c) < HYP_SLOT_SIZE)
			return lookup_in(&cpu_map[c], va, pa, prot);
	pthread_mutex_lock(&map_lock);
	found = lookup_in(&shared_map, va, pa, prot);
	pthread_mutex_unlock(&map_lock);
	return found;
}

/* ------------------------------------------------------ the arch contract */

/* The root boot_tables built in the image. */
u64 *arch_mmu_boot_root(void)
{
	return (u64 *)(HYP_IMAGE_VA + BOOT_ROOT * PAGE_SIZE);
}

/* This CPU's TTBR: its private slot's host mappings become what that root says. */
void arch_mmu_switch_root(paddr_t root_pa)
{
	cur_root = root_pa;
	sync_private();
}

paddr_t arch_mmu_root(void)
{
	return cur_root;
}

/* Every CPU: the shared slot is one set of tables, so one host mapping; and this CPU's own. */
void arch_tlb_flush_hyp(void)
{
	sync_shared();
	sync_private();
}

void arch_tlb_flush_hyp_local(void)
{
	sync_private();
}

/* Stage 2 is not walked by the fake (no guest runs): nothing cached to forget. */
void arch_tlb_flush_vm(vmid_t vmid)
{
}

/* Host memory is coherent: but what is cleaned must be mapped (a bad range faults here). */
void arch_dcache_clean(const void *va, u64 size)
{
	volatile const u8 *p = va;

	for (u64 off = 0; off < size; off += PAGE_SIZE)
		(void)p[off];
	if (size)
		(void)p[size - 1];
}

void arch_icache_invalidate(void)
{
}

/* The address translation instruction: the offset view, or this CPU's tables. */
paddr_t arch_va_to_pa(const void *va)
{
	paddr_t pa;
	int prot;

	if (is_direct((vaddr_t)va))
		return (vaddr_t)va - FAKE_DIRECT_VA;
	if (fake_mmu_lookup((vaddr_t)va, &pa, &prot))
		return pa;
	fprintf(stderr, "fake: arch_va_to_pa of unmapped VA %p\n", va);
	abort();
}

void arch_mmu_relocate(void *dst, const void *src, u64 size, u64 keep, u64 keep_end,
		       paddr_t root_pa)
{
	abort(); /* hypervisor-colors moves the image: not modelled (mem_color.c is not built) */
}

/* ---------------------------------------------- the heap (mem_internal.h) */

/*
 * In place of mem_color.c's heap (which maps chunks in the heap slot): pages
 * of the real allocator, seen at their offset VA. Taken under mem.c's
 * mem_lock; mem_heap_va reads the count without it (release, acquire).
 */
#define HEAP_RUNS 512
static struct {
	paddr_t pa;
	u64 size;
} heap_run[HEAP_RUNS];
static u32 heap_n;
static struct color_pool color_pool;

void *mem_heap_alloc(u64 size)
{
	paddr_t pa;
	u32 n = heap_n;

	if (n == HEAP_RUNS || palloc_alloc(mem_palloc(), size, PAGE_SIZE, &pa))
		return NULL;
	heap_run[n].pa = pa;
	heap_run[n].size = size;
	__atomic_store_n(&heap_n, n + 1, __ATOMIC_RELEASE);
	return fake_pa_to_host(pa);
}

bool mem_heap_va(paddr_t pa, vaddr_t *va)
{
	u32 n = __atomic_load_n(&heap_n, __ATOMIC_ACQUIRE);

	for (u32 i = 0; i < n; i++) {
		if (pa - heap_run[i].pa < heap_run[i].size) {
			*va = (vaddr_t)fake_pa_to_host(pa);
			return true;
		}
	}
	return false;
}

struct color_pool *mem_color_pool(void)
{
	return &color_pool;
}

void mem_color_init(u32 ncolors)
{
	color_pool_init(&color_pool, ncolors);
}

u64 mem_hyp_colors(void)
{
	return 0;
}

/* ------------------------------------------------------------- the boot */

static u64 *image_page(u32 n)
{
	return (u64 *)(HYP_IMAGE_VA + n * PAGE_SIZE);
}

/* What boot.S does on AArch64: the image mapped page by page (RWX until mem_init), the map slot's table. */
static void boot_tables(void)
{
	u64 *root = image_page(BOOT_ROOT), *l2 = image_page(BOOT_IMAGE_L2);
	u64 *l3 = image_page(BOOT_IMAGE_L3);

	root[pt_index(HYP_IMAGE_VA, 1)] = arch_pt_table(FAKE_LOAD_PA + BOOT_IMAGE_L2 * PAGE_SIZE);
	root[pt_index(HYP_MAP_VA, 1)] = arch_pt_table(FAKE_LOAD_PA + BOOT_MAP_L2 * PAGE_SIZE);
	l2[pt_index(HYP_IMAGE_VA, 2)] = arch_pt_table(FAKE_LOAD_PA + BOOT_IMAGE_L3 * PAGE_SIZE);
	for (u64 i = 0; i < FAKE_IMAGE_SIZE / PAGE_SIZE; i++)
		l3[pt_index(HYP_IMAGE_VA, 3) + i] =
			arch_pt_leaf(FAKE_LOAD_PA + i * PAGE_SIZE, PT_RWX, 3, PT_STAGE1_HYP);
}

static paddr_t cpu_root_pa[FAKE_NCPUS];

void fake_machine_init(void)
{
	ram_fd = memfd_create("fake-ram", 0);
	if (ram_fd < 0 || ftruncate(ram_fd, FAKE_RAM_SIZE))
		abort();
	host_map(FAKE_DIRECT_VA + FAKE_RAM_PA, FAKE_RAM_SIZE, PROT_READ | PROT_WRITE,
		 MAP_SHARED | MAP_FIXED_NOREPLACE, ram_fd, 0);
	host_map(HYP_MAP_VA, HYP_SLOT_SIZE, PROT_NONE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED_NOREPLACE, -1, 0);
	for (cpuid_t c = 0; c < FAKE_NCPUS; c++)
		host_map(fake_cpu_va_of(c), HYP_SLOT_SIZE, PROT_NONE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED_NOREPLACE, -1, 0);
	boot_tables();
	fake_cpu_set(0);
	cur_root = FAKE_LOAD_PA + BOOT_ROOT * PAGE_SIZE;
	fake_hw.ncpus = FAKE_NCPUS;
	fake_hw.nram = 1;
	fake_hw.ram[0] = (struct mem_range){FAKE_RAM_PA, FAKE_RAM_SIZE};
	fake_hw.nprotect = 2;
	fake_hw.protect[0] = (struct hw_protect){.base = FAKE_LOAD_PA, .size = FAKE_IMAGE_SIZE};
	fake_hw.protect[1] = (struct hw_protect){.base = FAKE_BLOB_PA, .size = FAKE_BLOB_SIZE};
	mem_init(FAKE_LOAD_PA);
	mem_init_allocator(&fake_hw);
	for (cpuid_t c = 0; c < FAKE_NCPUS; c++)
		if (mem_cpu_root_create(c, &cpu_root_pa[c]))
			abort();
	fake_cpu_enter(0);
	fake_hw.console = (struct hw_uart){.node = 0, .base = FAKE_UART_PA, .size = 0x1000};
	if (console_init(NULL, &fake_hw.console))
		abort();
}

void fake_cpu_enter(cpuid_t cpu)
{
	fake_cpu_set(cpu);
	arch_mmu_switch_root(cpu_root_pa[cpu]);
	this_cpu()->id = cpu;
	this_cpu()->arch_id = cpu;
	this_cpu()->vcpu = cpu_shared[cpu].vcpu;
}
