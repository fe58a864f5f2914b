// SPDX-License-Identifier: Apache-2.0
/*
 * VM resets on the fake architecture (hyp/vm.c, hyp/vcpu.c, hyp/mem.c's
 * windows): two VMs reset at the same time from two CPUs, many times; after
 * each reset each VM's memory holds exactly its own images. Each VM has an
 * image kept in the partition (copied through its CPU's window) and a
 * pre-loaded initrd (copied from the loader's blob through its CPU's source
 * window), each with a pattern of its own; before each reset the VM's memory
 * is scribbled over, as a guest would.
 */
#include <pthread.h>
#include <stdlib.h>

#include "console.h"
#include "fake_test.h"

#define RESETS	    300
#define VM_IPA	    0x80000000UL
#define VM_SIZE	    (4 * MIB)
#define IMAGE_SIZE  (192 * KIB + 100) /* not a page multiple: the windows' rounding */
#define INITRD_IPA  (VM_IPA + 2 * MIB + 0x300)
#define INITRD_SIZE (256 * KIB)
#define SCRIBBLE    0xee

static struct config cfg;
static u8 images[2][IMAGE_SIZE];
static pthread_barrier_t step;

static u8 pattern(u32 vm, u32 what, u64 i)
{
	return (u8)(0x11 * (vm + 1) + 0x40 * what + i * 7 + (i >> 9));
}

/* Where a byte that is not VM vm's came from: the other VM's image or initrd, a scribble. */
static const char *whose(u32 vm, u32 what, u64 i, u8 b)
{
	if (b == SCRIBBLE)
		return "not written by the reset (still the guest's scribble)";
	if (b == pattern(1 - vm, what, i))
		return "the other VM's";
	return "unknown";
}

static u64 check_region(u32 vm, u32 what, u64 ipa, u64 size, u32 iter)
{
	const struct vm *v = &hyp_vms[vm];
	const u8 *p = fake_pa_to_host(v->mem_pa[0] + (ipa - VM_IPA));
	u64 bad = 0;

	for (u64 i = 0; i < size; i++) {
		if (p[i] == pattern(vm, what, i))
			continue;
		if (!bad)
			printf("  reset %u: VM %u's %s byte 0x%lx is 0x%02x, not 0x%02x: %s\n",
			       iter, vm, what ? "initrd" : "image", i, p[i], pattern(vm, what, i),
			       whose(vm, what, i, p[i]));
		bad++;
	}
	return bad;
}

static void print_errors(const char *log)
{
	for (const char *l = log; *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : "")
		if (!strncmp(l, LOG_PREFIX "error", strlen(LOG_PREFIX "error")))
			printf("  %.*s\n", (int)strcspn(l, "\n"), l);
}

/* Anything of this CPU's two windows still mapped, for the fake MMU (its host mappings). */
static bool window_mapped(void)
{
	paddr_t pa;
	int prot;

	for (u64 off = 0; off < INITRD_SIZE + PAGE_SIZE; off += PAGE_SIZE)
		if (fake_mmu_lookup(HYP_WINDOW_VA + off, &pa, &prot) ||
		    fake_mmu_lookup(HYP_SOURCE_WINDOW_VA + off, &pa, &prot))
			return true;
	return false;
}

static void do_reset(void *vm)
{
	vm_reset(vm, "by the test");
}

static void *cpu_thread(void *arg)
{
	u32 vm = (u32)(uintptr_t)arg;
	struct vm *v = &hyp_vms[vm];
	u64 bad = 0;

	fake_cpu_enter(vm);
	for (u32 iter = 0; iter < RESETS && !bad; iter++) {
		memset(fake_pa_to_host(v->mem_pa[0]), SCRIBBLE, VM_SIZE);
		pthread_barrier_wait(&step);
		CHECK(fake_call(do_reset, v) == FAKE_RETURNED, "vm_reset returned");
		bad += check_region(vm, 0, VM_IPA, IMAGE_SIZE, iter);
		bad += check_region(vm, 1, INITRD_IPA, INITRD_SIZE, iter);
		CHECK(__atomic_load_n(&v->state, __ATOMIC_ACQUIRE) == VM_RUNNING,
		      "VM %u running again", vm);
		CHECK(v->vcpus[0].state == VCPU_ON_PENDING, "vCPU 0 of VM %u to start", vm);
		CHECK(!window_mapped(), "reset %u: CPU %u's windows unmapped after the copies",
		      iter, vm);
		pthread_barrier_wait(&step);
	}
	CHECK(!bad, "VM %u: %lu bytes not its own after its resets", vm, bad);
	if (bad) { /* the hypervisor's errors; the other thread must not wait at the barrier */
		print_errors(fake_console_take());
		exit(1);
	}
	CHECK(v->arch.resets == RESETS, "VM %u: %u arch resets", vm, v->arch.resets);
	return NULL;
}

FAKE_TEST(concurrent_resets_keep_each_vm_its_own_images)
{
	pthread_t t[2];

	fake_config(&cfg, 2, VM_IPA, VM_SIZE);
	for (u32 vm = 0; vm < 2; vm++) {
		struct cfg_vm *c = &cfg.vms[vm];
		u8 *blob = fake_pa_to_host(FAKE_BLOB_PA + vm * 4 * MIB);

		for (u64 i = 0; i < IMAGE_SIZE; i++)
			images[vm][i] = pattern(vm, 0, i);
		for (u64 i = 0; i < INITRD_SIZE; i++)
			blob[i] = pattern(vm, 1, i);
		c->image =
			(struct cfg_image){CFG_IMAGE_EMBEDDED, images[vm], 0, IMAGE_SIZE, VM_IPA};
		c->initrd =
			(struct cfg_image){CFG_IMAGE_PRELOADED, NULL, FAKE_BLOB_PA + vm * 4 * MIB,
					   INITRD_SIZE, INITRD_IPA};
	}
	CHECK(fake_build(&cfg) == 0, "both VMs built");
	CHECK(hyp_vms[0].mem_pa[0] != hyp_vms[1].mem_pa[0], "two VMs, two memories");
	CHECK(check_region(0, 0, VM_IPA, IMAGE_SIZE, 0) == 0, "VM 0 loaded at boot");
	CHECK(check_region(1, 1, INITRD_IPA, INITRD_SIZE, 0) == 0, "VM 1 loaded at boot");
	for (u32 vm = 0; vm < 2; vm++)
		vm_start(&hyp_vms[vm]);
	pthread_barrier_init(&step, NULL, 2);
	for (u32 vm = 0; vm < 2; vm++)
		pthread_create(&t[vm], NULL, cpu_thread, (void *)(uintptr_t)vm);
	for (u32 vm = 0; vm < 2; vm++)
		pthread_join(t[vm], NULL);
	printf("  %u resets of each VM, at the same time\n", RESETS);
}
