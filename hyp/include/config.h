/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Partition configuration: parse the hardware DTB into struct hw, parse the
 * partition DTB (/bao-partitions, see dts/bindings/) into struct config, and
 * validate one against the other.
 *
 * Pure code: no MMIO, no globals, fixed-size arrays with the limits below.
 * Compiled into the hypervisor, the host unit tests and the offline checker.
 * Every problem is recorded in a struct cfg_report with the node path, the
 * property and the values in conflict; a VM with a problem is marked refused
 * and the others are still valid.
 */
#ifndef TESSERA_CONFIG_H
#define TESSERA_CONFIG_H

#include "types.h"
#include "arch/hw.h"

/* Limits (documented in dts/bindings/bao-partitions.md). */
#define CFG_MAX_VMS	 8U
#define CFG_MAX_VCPUS	 8U  /* per VM */
#define CFG_MAX_MEM	 4   /* memory regions per VM */
#define CFG_MAX_DEVS	 8   /* pass-through devices per VM */
#define CFG_MAX_DEV_IRQS 16U /* interrupts per device (Tegra186 EQOS has 10) */
#define CFG_MAX_SHMEM	 8U  /* shared-memory channels */
#define CFG_MAX_VM_SHMEM 4   /* channel mappings per VM */
#define CFG_MAX_COLORS	 64U
#define CFG_NAME_MAX	 32U
#define CFG_PATH_MAX	 128U
#define CFG_MAX_DIAGS	 64U  /* CFG_MAX_VMS + CFG_MAX_SHMEM of them kept for their first reason */
#define CFG_DIAG_MSG	 256  /* real boards have long node paths */
#define CFG_BOOTARGS_MAX 256U /* bootargs, the NUL included */
/*
 * Room the hypervisor may grow a guest DTB by when it fixes it up in place
 * (/chosen bootargs, initrd, ...): validation keeps [dtb.load_ipa,
 * dtb.load_ipa + dtb.size + CFG_DTB_SLACK) inside one memory region and clear
 * of the image and the initrd.
 */
#define CFG_DTB_SLACK	 0x2000U

#define CFG_HYP_NAME "tessera" /* the hypervisor's console prefix, [tessera] */

#define HW_MAX_CPUS	 16U
#define HW_MAX_RAM	 8
#define HW_MAX_RESERVED	 16U
#define HW_MAX_PROTECTED 8U
#define HW_MAX_OWNED	 16U /* register windows the hypervisor keeps (interrupt controller, console) */
#define HW_IRQCHIP_REGS	 4U  /* reg entries of the interrupt controller a driver uses */
#define HW_RNG_SEED_MAX	 64U /* bytes of /chosen/rng-seed kept (rng_seed.h) */

struct mem_range {
	u64 base;
	u64 size;
};

/* ---------------------------------------------------------------- hardware */

struct hw_cpu {
	int node;	/* offset of the cpu node in the hardware DTB */
	u64 arch_id;	/* reg of the cpu node: the arch's id of the CPU (arch_hw.h) */
	bool startable; /* the hypervisor can start it (its enable-method: arch_hw_parse) */
	char path[CFG_PATH_MAX];
	struct arch_hw_cpu arch;
};

struct irqchip_driver;

/*
 * The physical interrupt controller: the first enabled node of the hardware
 * DTB that a driver of drivers/irqchip/ matches by compatible.
 */
struct hw_irqchip {
	const struct irqchip_driver *drv; /* NULL: none found */
	int node;			  /* offset of its node in the hardware DTB */
	u32 variant;			  /* the driver's: which of its models it found */
	u32 nregs;
	struct mem_range
		reg[HW_IRQCHIP_REGS]; /* reg entries the driver uses, its binding's order */
	/*
	 * Interrupts 0..nr_irqs-1 exist: the boot reads the controller (its
	 * driver's init) before validating. 0 = unknown (no binding gives it):
	 * validation then takes the driver's limit, and the checker warns.
	 */
	u32 nr_irqs;
	/*
	 * Where the controller's binding names its targets per CPU (the PLIC's
	 * contexts): CPU arch id -> the driver's target number, from its probe.
	 */
	u32 ntargets;
	/* MISRA misreading 5.7: an untagged structure declares no tag */
	struct {
		u64 cpu_id;
		u32 target;
	} targets[HW_MAX_CPUS];
	/*
	 * Message-signalled delivery (the APLIC in MSI mode, RISC-V AIA spec
	 * v1.0 chapter 3: its IMSICs' interrupt files in reg[1], targets giving
	 * each hart's index among them): identities 1..msi_ids of a file, and
	 * 2^msi_guest_bits - 1 guest files beside each hart's supervisor one.
	 * msi_ids 0: wired delivery.
	 */
	u32 msi_ids;
	u32 msi_guest_bits;
	char path[CFG_PATH_MAX];
};

struct hw_uart {
	int node; /* offset in the hardware DTB; negative if none */
	u64 base;
	u64 size;
	char compatible[48];
	char path[CFG_PATH_MAX];
};

/*
 * The last-level cache, found from the first CPU's next-level-cache chain
 * (Devicetree Specification v0.4, section 3.9: cache-size, cache-line-size or
 * cache-block-size, cache-sets, cache-level). A color is one page-sized slice
 * of a cache way: colors = size / ways / 4 KiB = sets * line / 4 KiB.
 */
struct hw_llc {
	u32 colors; /* 0 = geometry unknown */
	u32 level;
	u32 line;
	u32 ways;
	char path[CFG_PATH_MAX];
	char why[CFG_PATH_MAX + 48U]; /* when unknown: what is missing */
};

/* Memory the hypervisor and what its loader placed take: no VM may have it. */
enum hw_protect_kind {
	HW_PROTECT_IMAGE, /* the hypervisor's own image (hypervisor-colors recolors it) */
	HW_PROTECT_BLOB,  /* a DTB, or what --reserve names to the checker */
};

struct hw_protect {
	u64 base;
	u64 size;
	enum hw_protect_kind kind;
	char name[24]; /* in messages: "hypervisor image", "partition DTB" */
};

struct hw {
	u32 ncpus;
	struct hw_cpu cpus[HW_MAX_CPUS];
	u32 nram;
	struct mem_range ram[HW_MAX_RAM];
	u32 nreserved; /* /reserved-memory children and /memreserve/ entries */
	struct mem_range reserved[HW_MAX_RESERVED];
	struct hw_uart console; /* from /chosen/stdout-path; base 0 if none */
	/* /chosen/linux,initrd-start/-end: the partition DTB; size 0 if none */
	struct mem_range initrd;
	/*
	 * /chosen/rng-seed (DT spec v0.4, 3.6): the firmware's random bytes, the
	 * first HW_RNG_SEED_MAX of them, from which each VM's is derived
	 * (rng_seed.h); rng_seed_len 0 if there are none.
	 */
	u32 rng_seed_len;
	u8 rng_seed[HW_RNG_SEED_MAX];
	struct hw_irqchip irqchip;
	u32 ipa_bits;	    /* the guest-physical address size of the arch's stage-2 tables */
	u32 s2_start_level; /* the level their walk starts at (hyp/include/arch/pt.h numbering) */
	struct hw_llc llc;
	struct arch_hw arch; /* what the arch reads besides (arch_hw_parse) */
	/* Filled by the caller (hw_protect), not parsed: the hypervisor image, the DTBs... */
	u32 nprotect;
	struct hw_protect protect[HW_MAX_PROTECTED];
};

/* Records memory the hypervisor or its loader holds; false if there is no room (HW_MAX_PROTECTED). */
bool hw_protect(struct hw *hw, u64 base, u64 size, enum hw_protect_kind kind, const char *name);

/*
 * What of the hardware the hypervisor keeps for itself, no VM may get:
 * every reg entry of the interrupt controller's node and of the nodes below
 * it (its translation services, MSI frames) and of the console UART; the
 * console's interrupt.
 */
struct hw_owned {
	u64 base;
	u64 size;
	int node;  /* its node in the hardware DTB (what it is: hw_owned_what) */
	u32 index; /* its entry in the node's reg */
};

struct hw_kept {
	u32 n;
	struct hw_owned win[HW_MAX_OWNED];
	irqid_t console_irq; /* the console UART's interrupt; 0 if none */
	const char *fault;   /* NULL, or why the windows are not all known (then fault_node) */
	int fault_node;
};

/* Fills *k from the hardware DTB fdt (NULL: what hw says: the controller's and console's regs). */
void hw_kept(const void *fdt, const struct hw *hw, struct hw_kept *k);
/* The console UART's interrupt, decoded by the interrupt controller's driver, or 0. */
irqid_t hw_console_irq(const void *fdt, const struct hw *hw);
/* What window o is ("console UART", the driver's name for a part of the controller), for a message. */
const char *hw_owned_what(const struct hw *hw, const void *fdt, const struct hw_owned *o);

/* ----------------------------------------------------------------- config */

struct cfg_mem {
	char name[CFG_NAME_MAX]; /* node name, e.g. "memory@40000000" */
	u64 ipa;
	u64 size;
	u64 pa;	     /* valid when has_pa */
	bool has_pa; /* phys-addr given, or identity (pa = ipa) */
	bool identity;
};

enum cfg_image_kind { CFG_IMAGE_NONE, CFG_IMAGE_EMBEDDED, CFG_IMAGE_PRELOADED };

struct cfg_image {
	enum cfg_image_kind kind;
	const void *data; /* EMBEDDED: points into the partition DTB blob */
	u64 pa;		  /* PRELOADED: where the loader put it */
	u64 size;
	u64 load_ipa; /* where the VM sees it */
};

struct cfg_dev {
	char path[CFG_PATH_MAX];    /* node in the partition DTB */
	char hw_path[CFG_PATH_MAX]; /* optional: node in the hardware DTB */
	u64 pa;
	u64 ipa; /* defaults to pa (identity) */
	u64 size;
	u32 nirqs;
	irqid_t irqs[CFG_MAX_DEV_IRQS]; /* the interrupt controller's numbers */
	/*
	 * What the partition DTB gave; config_validate fills pa/size and irqs
	 * from hw_path when absent, and ipa = pa when !has_ipa.
	 */
	bool has_reg;
	bool has_ipa;
	bool has_irqs;
	/* the hardware reg is smaller than the pages mapped (set by config_validate) */
	bool sub_page;
};

/* A virtual UART the hypervisor emulates (not a device of the hardware; the arch's model). */
struct cfg_vuart {
	bool present; /* the vm has a vuart node */
	u64 ipa;      /* page aligned */
	u64 size;     /* ARCH_VUART_SIZE once validated */
	irqid_t irq; /* a virtual interrupt of the VM (arch_cfg_virq_range); 0 = none (polled only) */
};

struct cfg_vm_shmem {
	char name[CFG_NAME_MAX]; /* node name, e.g. "shmem@0" */
	u32 channel;		 /* index into config.shmem */
	u64 ipa;
	bool read_only;
	irqid_t irq; /* virtual interrupt that signals this member; 0 = none */
	bool has_doorbell;
	u64 doorbell; /* IPA of this member's doorbell register page */
};

/* What an access outside the VM's stage-2 map does (fault-policy). */
enum cfg_fault_policy {
	CFG_FAULT_STOP,	  /* the VM is stopped with a message (the default) */
	CFG_FAULT_INJECT, /* the guest takes a synchronous external abort, as on hardware */
};

struct cfg_vm {
	char name[CFG_NAME_MAX];
	char path[CFG_PATH_MAX];
	u32 ncpus;
	bool has_affinity;
	u64 affinity[CFG_MAX_VCPUS]; /* CPUs requested by arch id (struct hw_cpu), one per vCPU */
	cpuid_t cpus[CFG_MAX_VCPUS]; /* hw->cpus index per vCPU (set by config_validate) */
	u64 colors;		     /* bitmap; 0 = not colored */
	u64 entry;		     /* IPA; config_parse sets image.load_ipa if absent */
	bool has_entry;
	u32 nmem;
	struct cfg_mem mem[CFG_MAX_MEM];
	struct cfg_image image;
	struct cfg_image dtb;		 /* optional guest DTB; x0 = dtb.load_ipa */
	struct cfg_image initrd;	 /* optional; kind CFG_IMAGE_NONE if absent */
	char bootargs[CFG_BOOTARGS_MAX]; /* "" if absent */
	struct cfg_vuart vuart;
	bool console_input; /* gets console input first (at most one VM) */
	/*
	 * guest-interrupt-files: each vCPU gets an interrupt file of its CPU's
	 * own (RISC-V AIA: an IMSIC guest file), into which its pass-through
	 * devices' MSIs go with no hypervisor on the way; the controller's
	 * driver says whether the hardware can (irqchip_driver.guest_files).
	 */
	bool guest_files;
	enum cfg_fault_policy fault_policy;
	u32 ndevs;
	struct cfg_dev devs[CFG_MAX_DEVS];
	u32 nshmem;
	struct cfg_vm_shmem shmem[CFG_MAX_VM_SHMEM];
	bool refused; /* a problem was found: this VM does not start */
};

struct cfg_shmem {
	char name[CFG_NAME_MAX];
	char path[CFG_PATH_MAX];
	u32 phandle;
	u64 size;
	u64 pa;
	bool has_pa;
	u64 colors;
	bool refused; /* a problem was found: VMs that map it are refused */
};

struct config {
	u32 nvms;
	struct cfg_vm vms[CFG_MAX_VMS];
	u32 nshmem;
	struct cfg_shmem shmem[CFG_MAX_SHMEM];
	u32 nvms_ignored;	 /* vm nodes past CFG_MAX_VMS: reported, not parsed */
	u32 nodes_ignored;	 /* other children of /bao-partitions refused: unknown, too many */
	bool refused;		 /* /bao-partitions itself is wrong: no VM starts */
	u32 ncolors_override;	 /* cache-colors override; 0 = from hardware */
	u32 bad_cache_colors;	 /* cache-colors that is not a power of 2 (~0U for 0); 0 = none */
	u32 ncolors;		 /* set by config_validate: override, else the LLC's; 0 = unknown */
	u64 hyp_colors;		 /* hypervisor-colors: the hypervisor's own; 0 = not colored */
	bool hyp_colors_refused; /* hypervisor-colors had a problem: the hypervisor stays uncolored */
};

/* ------------------------------------------------------------- diagnostics */

enum cfg_err {
	CFG_OK = 0,
	CFG_E_BLOB,	    /* DTB header/structure invalid or truncated */
	CFG_E_NO_ROOT,	    /* no /bao-partitions node */
	CFG_E_TOO_MANY,	    /* a fixed limit exceeded */
	CFG_E_MISSING,	    /* a required property is missing */
	CFG_E_CELLS,	    /* property length wrong for its #address/#size-cells */
	CFG_E_VALUE,	    /* a value out of its allowed set */
	CFG_E_ALIGN,	    /* address or size not page aligned */
	CFG_E_OVERFLOW,	    /* address + size wraps or exceeds the IPA/PA space */
	CFG_E_CPU_COUNT,    /* more vCPUs than exist / than are free */
	CFG_E_CPU_AFFINITY, /* affinity names a CPU that does not exist or is taken */
	CFG_E_MEM_RAM,	    /* memory outside RAM */
	CFG_E_MEM_RESERVED, /* memory overlaps /reserved-memory */
	CFG_E_MEM_HYP,	    /* memory overlaps the hypervisor or its blobs */
	CFG_E_MEM_VM,	    /* memory overlaps another VM's memory */
	CFG_E_MEM_FREE,	    /* not enough free RAM left to allocate memory at boot */
	CFG_E_IPA_OVERLAP,  /* two mappings overlap in the VM's IPA space */
	CFG_E_IMAGE,	    /* image missing, does not fit, entry outside */
	CFG_E_DEV_NOT_HW,   /* device not found in the hardware DTB */
	CFG_E_DEV_HYP,	    /* device is the hypervisor's (console, interrupt controller) */
	CFG_E_DEV_VM,	    /* device already given to another VM */
	CFG_E_IRQ_RANGE,    /* interrupt not one the controller has and lets a VM have */
	CFG_E_IRQ_VM,	    /* interrupt given to two VMs */
	CFG_E_REF,	    /* a reference (phandle, hw-path) does not resolve */
	CFG_E_SHMEM,	    /* shared-memory channel problem */
	CFG_E_COLOR,	    /* cache colors out of range */
	CFG_E_HW,	    /* hardware DTB lacks something required */
	CFG_E__COUNT
};

/*
 * One problem. Problems of one kind (one call site, so one message format)
 * about the same VM, channel or the layout as a whole are kept as one: the
 * first, and how many more there were (repeats).
 */
struct cfg_diag {
	enum cfg_err code;
	int vm;	  /* VM index, or -1 */
	int chan; /* channel index, or -1 (vm and chan -1: a global problem) */
	bool warning;
	u32 repeats;	  /* more problems like this one, not kept */
	const char *kind; /* the message format: what makes two problems alike */
	char msg[CFG_DIAG_MSG];
};

/*
 * The problems found, in the order found. The first error of each VM and of
 * each channel is always kept (the reason it is refused); other problems fill
 * the rest, and what does not fit is counted.
 */
struct cfg_report {
	u32 ndiags;
	u32 dropped;	      /* errors that did not fit */
	u32 dropped_warnings; /* warnings that did not fit */
	u32 mark;	      /* problems below are earlier runs': never merged into */
	struct cfg_diag diags[CFG_MAX_DIAGS];
};

/* Replaces every byte of s that is not printable ASCII (0x20..0x7e) by '?': for output. */
void cfg_sanitize(char *s);

/* Empties a report; call once before hw_parse/config_parse/config_validate. */
void cfg_report_init(struct cfg_report *rep);
const char *cfg_strerror(enum cfg_err code);
/* Number of errors (not warnings) in the report. */
u32 cfg_report_errors(const struct cfg_report *rep);

/*
 * Parse the hardware DTB (checking it in the same pass). Returns the number of
 * errors added to rep. cpus[] entries past ncpus are not cleared.
 */
int hw_parse(const void *fdt, u64 max_size, struct hw *hw, struct cfg_report *rep);
/* "0-3,8,10-11": a color bitmap for messages. */
void cfg_colors_str(u64 colors, char *buf, size_t len);

/*
 * Parse /bao-partitions. Embedded image pointers point into fdt, which must stay
 * alive. Returns the number of errors; VMs with errors are marked refused.
 * Each VM and channel is cleared as it is added: entries past nvms / nshmem
 * are not touched.
 */
int config_parse(const void *fdt, u64 max_size, struct config *cfg, struct cfg_report *rep);

/*
 * Check every VM against the hardware and the other VMs, resolve device
 * hw-paths against hw_fdt, and assign physical CPUs (vm.cpus). Marks refused
 * VMs (a refused VM's resources are not held against later VMs).
 * Returns the number of errors found.
 *
 * Fills in, for VMs not refused: vm.cpus[0..ncpus); for hw-path devices
 * pa/size (and ipa when !has_ipa) and irqs when the layout left them out.
 * VMs already refused by config_parse are not checked again. hw_fdt may be
 * NULL (offline check without a hardware DTB): hw-paths then do not resolve
 * and the "device exists in the hardware" check is skipped. CPU 0 of hw is
 * taken as startable whatever its enable-method (it is the boot CPU).
 */
int config_validate(struct config *cfg, const struct hw *hw, const void *hw_fdt,
		    struct cfg_report *rep);

/* Name of a VM for messages: vm-name, or its node name if it has none (or it was refused). */
const char *cfg_vm_label(const struct cfg_vm *vm);

/* Number of VMs not refused. */
u32 config_vms_ok(const struct config *cfg);

#endif
