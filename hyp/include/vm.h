/* SPDX-License-Identifier: Apache-2.0 */
/* VMs and vCPUs: one vCPU per physical CPU, static memory, stage-2 isolation. */
#ifndef TESSERA_VM_H
#define TESSERA_VM_H

#include "color.h"
#include "config.h"
#include "cpu.h"
#include "ipc.h"
#include "arch_vm.h"
#include "mmio.h"
#include "pt.h"
#include "ratelimit.h"
#include "spinlock.h"
#include "vuart.h"

#define VCPU_LINE_MAX 128U

enum vcpu_state { VCPU_OFF, VCPU_ON_PENDING, VCPU_ON };
enum vm_state { VM_IDLE, VM_RUNNING, VM_STOPPED };

/*
 * Who writes what, across CPUs: what vm_create sets is read-only once the VM
 * runs (ids, pcpu, cfg, regions, s2's layout); state fields are written
 * under vm->lock with release stores and read under it, or anywhere with
 * acquire loads; what belongs to one vCPU's CPU alone says so. The vGIC
 * (arch.vgic) has its own lock, the virtual UART too (vuart.h).
 */
struct vcpu {
	u32 id; /* index within the VM; also its virtual arch id (vm_vcpu_by_arch_id) */
	cpuid_t pcpu;
	struct vm *vm;
	enum vcpu_state state; /* written under vm->lock, read anywhere: both atomic */
	u64 start_entry;       /* for VCPU_ON_PENDING: written and read under vm->lock */
	u64 start_arg;
	/* Hypercall console output, collected and printed a line at a time: its CPU's alone. */
	u32 line_len;
	char line[VCPU_LINE_MAX];
	struct ratelimit warn_limit; /* vcpu_warn's, used only by this vCPU's CPU */
};

struct vm {
	vmid_t id;
	const struct cfg_vm *cfg;
	enum vm_state state; /* written under lock once it runs, read anywhere: atomic */
	bool resetting;	     /* stop to restart of a reset: written atomically by the resetting
				CPU (under lock or stop_lock), read anywhere (acquire) */
	struct pt s2;
	u32 nvcpus;
	struct vcpu vcpus[CFG_MAX_VCPUS];
	paddr_t mem_pa[CFG_MAX_MEM]; /* first PA of each region */
	u32 nbacked;		     /* regions backed so far (vm_create) */
	struct color_region region[CFG_MAX_MEM];
	paddr_t image_pa; /* where the image lives in VM memory */
	void *dtb;	  /* the guest DTB as the boot fixed it up, for resets (or NULL) */
	u64 dtb_size;
	u64 rng_seed_off; /* its /chosen/rng-seed value's offset in it (0: none) */
	u64 boots;	  /* resets so far: the generation of its next rng-seed (rng_seed.h) */
	struct arch_vm arch;
	struct vuart vuart;
	struct ipc_doorbell doorbell[CFG_MAX_VM_SHMEM];
	struct spinlock lock;
	u32 nmmio;
	struct mmio_region mmio[VM_MAX_MMIO];
};

/* The VMs the boot built (main.c): hyp_nvms of them, set once before any runs. */
extern struct vm hyp_vms[CFG_MAX_VMS];
extern u32 hyp_nvms;

/* Builds the VM: memory, stage-2 tables, devices, images. Returns 0, or -1 with a message. */
int vm_create(struct vm *vm, vmid_t id, const struct cfg_vm *cfg, const struct config *all);
/* After vm_create failed: its RAM back to the allocator (the refused VM holds none). */
void vm_release_memory(struct vm *vm);
/* Reloads the image and the DTB (as the boot fixed it up) into VM memory: a reset. */
int vm_load_images(struct vm *vm);
/* The vCPU whose virtual arch id is id (a guest names it so), or NULL. */
struct vcpu *vm_vcpu_by_arch_id(struct vm *vm, u64 id);
/* Marks the VM running and starts vCPU 0 at its entry. */
void vm_start(struct vm *vm);
/* Stops every vCPU of the VM (asks the other CPUs) with a reason; the caller then idles. */
void vm_stop(struct vm *vm, const char *why);
/* Stops the VM, reloads it and starts vCPU 0 again; how: the guest's request, for the message. */
void vm_reset(struct vm *vm, const char *how);
/*
 * Contains a guest fault: prints VM, vCPU, the cause, the arch's syndrome
 * (ARCH_SYNDROME_NAME) and registers, stops the VM.
 */
void vm_fault(struct vcpu *vcpu, const char *what, u64 syndrome, u64 addr)
	__attribute__((noreturn));
/*
 * An access outside the VM's map (addr: the IPA). Under fault-policy "stop"
 * it is vm_fault; under "inject" it warns (rate-limited) and returns: the
 * caller then gives the guest the external abort.
 */
void vm_access_fault(struct vcpu *vcpu, const char *what, u64 syndrome, u64 addr);
/* A warning about what the guest did, prefixed with VM and vCPU; rate-limited per vCPU. */
void vcpu_warn(struct vcpu *vcpu, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Translates an IPA of the VM's memory to a PA. */
bool vm_ipa_to_pa(const struct vm *vm, u64 ipa, paddr_t *pa);
/* Maps [ipa, ipa + size) of one memory region of the VM at this CPU's window (mem.h). */
void *vm_window_map(const struct vm *vm, u64 ipa, u64 size);

/* The vCPU running on this physical CPU, or NULL. */
static inline struct vcpu *vcpu_current(void)
{
	return this_cpu()->vcpu;
}
/* What vcpu_power_on did; the arch maps it to its firmware interface's codes (arch/cpu.h). */
enum vcpu_power {
	VCPU_POWER_OK,	       /* the vCPU starts at entry, arg in its first argument register */
	VCPU_POWER_NO_VCPU,    /* no such vCPU, or the VM is not running */
	VCPU_POWER_ALREADY_ON, /* it is on, or starting */
};

/* Powers on the vCPU of the running VM whose arch id is target. */
enum vcpu_power vcpu_power_on(struct vm *vm, u64 target, u64 entry, u64 arg);
/*
 * This CPU starts its vCPU now: true if a start is pending and the VM runs,
 * with the entry and argument of that start (both read under the VM's lock).
 */
bool vcpu_claim_start(struct vcpu *v, u64 *entry, u64 *arg);
/* This vCPU is powered off (its own call); never returns. */
void vcpu_power_off(struct vcpu *vcpu) __attribute__((noreturn));
/* Hypercall console output: buffered per vCPU, printed whole lines at a time. */
void vcpu_console_write(struct vcpu *vcpu, const char *s, u32 n);
void vcpu_console_flush(struct vcpu *vcpu);

#endif
