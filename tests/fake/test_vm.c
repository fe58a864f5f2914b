// SPDX-License-Identifier: Apache-2.0
/*
 * Running VMs on the fake architecture (hyp/vcpu.c, hyp/cpu.c): vCPU power
 * on, the events and IPIs between CPUs, stops, faults, a reset that waits for
 * the VM's other CPU, and the bounded wait for one that never stops.
 */
#include <pthread.h>
#include <unistd.h>

#include "arch/cpu.h"
#include "arch/vcpu.h"
#include "console.h"
#include "fake_test.h"

#define VM_IPA 0x80000000UL

static struct config cfg;

/* nvms VMs; VM 0 has nvcpus vCPUs, on CPUs 0.., the others one each on the next CPUs. */
static void build(u32 nvms, u32 nvcpus, enum cfg_fault_policy policy)
{
	fake_config(&cfg, nvms, VM_IPA, 2 * MIB);
	cfg.vms[0].ncpus = nvcpus;
	for (u32 i = 0; i < nvcpus; i++)
		cfg.vms[0].cpus[i] = i;
	for (u32 vm = 1; vm < nvms; vm++)
		cfg.vms[vm].cpus[0] = nvcpus + vm - 1;
	cfg.vms[0].entry = VM_IPA + 0x80;
	cfg.vms[0].has_entry = true;
	cfg.vms[0].fault_policy = policy;
	CHECK(fake_build(&cfg) == 0, "built");
	fake_cpu_enter(0);
	for (u32 vm = 0; vm < nvms; vm++)
		vm_start(&hyp_vms[vm]);
	fake_console_take();
}

static void handle_events(void *unused)
{
	cpu_handle_events();
}

static void irq_entry(void *unused)
{
	fake_irq_entry();
}

FAKE_TEST(vcpu_power_on_starts_a_vcpu_on_its_cpu_once)
{
	struct vm *vm;
	u32 ipis;

	build(1, 2, CFG_FAULT_STOP);
	vm = &hyp_vms[0];
	CHECK(fake_call(handle_events, NULL) == FAKE_ENTERED_GUEST, "CPU 0 enters vCPU 0");
	CHECK(fake_regs(0)->pc == VM_IPA + 0x80 && fake_regs(0)->x[0] == 0, "at the entry");
	CHECK(vm->vcpus[0].state == VCPU_ON && vm->vcpus[1].state == VCPU_OFF, "0 on, 1 off");
	ipis = fake_ipis(1);
	CHECK(vcpu_power_on(vm, 1, VM_IPA + 0x1000, 42) == VCPU_POWER_OK, "power on vCPU 1");
	CHECK(fake_ipis(1) == ipis + 1, "CPU 1 interrupted once");
	CHECK(vcpu_power_on(vm, 1, VM_IPA, 0) == VCPU_POWER_ALREADY_ON, "already on (starting)");
	CHECK(vcpu_power_on(vm, 0, VM_IPA, 0) == VCPU_POWER_ALREADY_ON, "vCPU 0 is on");
	CHECK(vcpu_power_on(vm, 2, VM_IPA, 0) == VCPU_POWER_NO_VCPU, "no vCPU 2");
	CHECK(fake_ipis(1) == ipis + 1, "no second interrupt");
	CHECK(vm_vcpu_by_arch_id(vm, 1) == &vm->vcpus[1] && !vm_vcpu_by_arch_id(vm, 2), "by id");
	fake_cpu_enter(1); /* this thread is CPU 1 now: it takes its interrupt */
	CHECK(fake_call(irq_entry, NULL) == FAKE_ENTERED_GUEST, "CPU 1 enters vCPU 1");
	CHECK(fake_regs(1)->pc == VM_IPA + 0x1000 && fake_regs(1)->x[0] == 42,
	      "with the entry and argument of its power on: 0x%lx %lu", fake_regs(1)->pc,
	      fake_regs(1)->x[0]);
	CHECK(vm->vcpus[1].state == VCPU_ON, "vCPU 1 on");
}

static void fault(void *vcpu)
{
	vm_access_fault(vcpu, "data abort", 0x92000046, 0x7000000);
}

FAKE_TEST(vm_fault_stops_only_that_vm)
{
	const char *out;

	build(2, 1, CFG_FAULT_STOP);
	CHECK(fake_call(fault, &hyp_vms[0].vcpus[0]) == FAKE_IDLE, "the faulting CPU idles");
	out = fake_console_take();
	CHECK(strstr(out, "VM 0 'vm0' vCPU 0 (CPU 0): data abort at IPA/address 0x7000000, "
			  "syndrome 0x92000046") != NULL,
	      "the report: %s", out);
	CHECK(strstr(out, "VM 0 'vm0' stopped after a fault; the other VMs keep running") != NULL,
	      "the stop: %s", out);
	CHECK(hyp_vms[0].state == VM_STOPPED && hyp_vms[1].state == VM_RUNNING, "VM 1 runs on");
	CHECK(hyp_vms[0].vcpus[0].state == VCPU_OFF, "its vCPU off");
	CHECK(!strstr(out, "powering the system off"), "not the last VM");
}

FAKE_TEST(vm_fault_inject_policy_warns_and_returns)
{
	const char *out;

	build(1, 1, CFG_FAULT_INJECT);
	CHECK(fake_call(fault, &hyp_vms[0].vcpus[0]) == FAKE_RETURNED, "back to the guest");
	out = fake_console_take();
	CHECK(strstr(out, "data abort at IPA 0x7000000, syndrome 0x92000046: external abort "
			  "injected (fault-policy inject)") != NULL,
	      "%s", out);
	CHECK(hyp_vms[0].state == VM_RUNNING, "still running");
}

static void stop_vm0(void *unused)
{
	vm_stop(&hyp_vms[0], "powered itself off");
}

FAKE_TEST(vm_stop_of_the_last_vm_powers_off)
{
	build(2, 1, CFG_FAULT_STOP);
	CHECK(fake_call(stop_vm0, NULL) == FAKE_RETURNED, "VM 0 stops, VM 1 runs");
	vm_stop(&hyp_vms[0], "again");
	CHECK(!strstr(fake_console_take(), "again"), "a second stop says nothing");
	fake_cpu_enter(1);
	CHECK(fake_call(handle_events, &hyp_vms[1]) == FAKE_ENTERED_GUEST, "VM 1 started");
	CHECK(fake_call(fault, &hyp_vms[1].vcpus[0]) == FAKE_SYSTEM_OFF,
	      "the last VM's stop powers off");
	CHECK(strstr(fake_console_take(), "every VM is off: powering the system off") != NULL,
	      "said so");
}

/* CPU 1 runs vCPU 1 of VM 0 until its stop interrupt comes, then idles. */
static void *cpu1_in_guest(void *arg)
{
	enum fake_exit *how = arg;
	u64 deadline;

	fake_cpu_enter(1);
	how[0] = fake_call(irq_entry, NULL); /* its start */
	deadline = arch_cpu_counter_ns() + 5000000000UL;
	while (fake_ipis(1) < 2 && arch_cpu_counter_ns() < deadline)
		;
	usleep(20000); /* time for the resetting CPU to go on, were it not waiting for this one */
	how[2] = (enum fake_exit)hyp_vms[0].arch.resets;
	how[1] = fake_call(irq_entry, NULL); /* the stop */
	return NULL;
}

static void reset_vm0(void *unused)
{
	vm_reset(&hyp_vms[0], "by the test");
}

FAKE_TEST(vm_reset_waits_for_the_vms_other_cpu)
{
	enum fake_exit how[3] = {FAKE_RETURNED, FAKE_RETURNED, 1}; /* [2]: resets seen by CPU 1 */
	pthread_t t;
	u64 start;

	build(1, 2, CFG_FAULT_STOP);
	CHECK(fake_call(handle_events, NULL) == FAKE_ENTERED_GUEST, "vCPU 0 runs");
	CHECK(vcpu_power_on(&hyp_vms[0], 1, VM_IPA, 0) == VCPU_POWER_OK, "vCPU 1 asked");
	pthread_create(&t, NULL, cpu1_in_guest, how);
	while (!__atomic_load_n(&cpu_shared[1].in_guest, __ATOMIC_ACQUIRE))
		;
	start = arch_cpu_counter_ns();
	CHECK(fake_call(reset_vm0, NULL) == FAKE_RETURNED, "the reset is done");
	pthread_join(t, NULL);
	CHECK(how[0] == FAKE_ENTERED_GUEST && how[1] == FAKE_IDLE, "CPU 1: in, then idle: %d %d",
	      how[0], how[1]);
	CHECK(how[2] == 0, "the reset waited for CPU 1 to leave the guest: %d resets before",
	      how[2]);
	CHECK(arch_cpu_counter_ns() - start < CPU_STOP_WAIT_NS, "not the bounded wait's end");
	CHECK(!cpu_shared[1].in_guest, "CPU 1 out of the guest");
	CHECK(hyp_vms[0].state == VM_RUNNING && hyp_vms[0].vcpus[0].state == VCPU_ON_PENDING &&
		      hyp_vms[0].vcpus[1].state == VCPU_OFF,
	      "restarted: vCPU 0 starting, vCPU 1 off");
	CHECK(hyp_vms[0].arch.resets == 1, "the arch's reset once");
}

FAKE_TEST(vm_reset_gives_up_on_a_cpu_that_never_stops)
{
	const char *out;
	u64 start;

	build(1, 2, CFG_FAULT_STOP);
	/* CPU 1 is in vCPU 1 and never takes its interrupt (stuck in the hypervisor). */
	__atomic_store_n(&cpu_shared[1].in_guest, true, __ATOMIC_RELEASE);
	start = arch_cpu_counter_ns();
	CHECK(fake_call(reset_vm0, NULL) == FAKE_SYSTEM_OFF, "abandoned; the only VM: off");
	CHECK(arch_cpu_counter_ns() - start >= CPU_STOP_WAIT_NS, "after the bounded wait");
	out = fake_console_take();
	CHECK(strstr(out, "VM 0 'vm0': CPU 1 still runs its vCPU 1000 ms after being told to "
			  "stop; the reset is abandoned and the VM stays off") != NULL,
	      "%s", out);
	CHECK(hyp_vms[0].state == VM_STOPPED && !hyp_vms[0].resetting, "off, not resetting");
	CHECK(hyp_vms[0].arch.resets == 0, "not reset");
}
