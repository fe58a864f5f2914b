// SPDX-License-Identifier: Apache-2.0
/*
 * vcpu_insns: a QEMU TCG plugin (API version 1, QEMU 7.2) counting the
 * instructions each vCPU executes, EL1 and EL2 alike, and logging that count
 * whenever a guest executes a marker instruction, HINT #0x70..#0x7f (a NOP
 * everywhere else: Arm ARM C6.2.96, unallocated hints behave as NOP).
 *
 * Why: under -icount the virtual time, and so PMCCNTR_EL0, is shared by all
 * CPUs, which QEMU runs in turn; with a busy neighbour on another CPU a
 * guest's cycle counter also counts the neighbour. This count is the
 * instructions of one CPU alone, which is what a run with truly parallel
 * CPUs takes.
 *
 *   qemu-system-aarch64 ... -plugin build/bench/vcpu_insns.so,arg=out=FILE
 * FILE gets one line per marker executed: "<vcpu> <marker 0..15> <count>".
 *
 * How: every instruction adds 1 to one counter (inline, cheap); at the start
 * of each translation block the count since the last switch is credited to
 * the vCPU that ran before, since with icount the vCPUs run one at a time.
 *
 * The plugin API is declared here (no qemu-plugin.h in Debian's packages):
 * the subset of QEMU 7.2's include/qemu/qemu-plugin.h this file uses.
 */
#include <inttypes.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#define EXPORT __attribute__((visibility("default")))

typedef uint64_t qemu_plugin_id_t;
typedef struct qemu_info_t qemu_info_t;
struct qemu_plugin_tb;
struct qemu_plugin_insn;
enum qemu_plugin_cb_flags { QEMU_PLUGIN_CB_NO_REGS };
enum qemu_plugin_op { QEMU_PLUGIN_INLINE_ADD_U64 };
typedef void (*qemu_plugin_vcpu_tb_trans_cb_t)(qemu_plugin_id_t id, struct qemu_plugin_tb *tb);
typedef void (*qemu_plugin_vcpu_udata_cb_t)(unsigned int vcpu_index, void *userdata);
typedef void (*qemu_plugin_udata_cb_t)(qemu_plugin_id_t id, void *userdata);

void qemu_plugin_register_vcpu_tb_trans_cb(qemu_plugin_id_t id, qemu_plugin_vcpu_tb_trans_cb_t cb);
void qemu_plugin_register_vcpu_tb_exec_cb(struct qemu_plugin_tb *tb, qemu_plugin_vcpu_udata_cb_t cb,
					  enum qemu_plugin_cb_flags flags, void *userdata);
void qemu_plugin_register_vcpu_insn_exec_cb(struct qemu_plugin_insn *insn,
					    qemu_plugin_vcpu_udata_cb_t cb,
					    enum qemu_plugin_cb_flags flags, void *userdata);
void qemu_plugin_register_vcpu_insn_exec_inline(struct qemu_plugin_insn *insn,
						enum qemu_plugin_op op, void *ptr, uint64_t imm);
void qemu_plugin_register_atexit_cb(qemu_plugin_id_t id, qemu_plugin_udata_cb_t cb, void *userdata);
size_t qemu_plugin_tb_n_insns(const struct qemu_plugin_tb *tb);
struct qemu_plugin_insn *qemu_plugin_tb_get_insn(const struct qemu_plugin_tb *tb, size_t idx);
const void *qemu_plugin_insn_data(const struct qemu_plugin_insn *insn);
size_t qemu_plugin_insn_size(const struct qemu_plugin_insn *insn);

EXPORT int qemu_plugin_version = 1;

#define MAX_VCPUS   64
#define HINT_MASK   0xfffff01fU /* HINT #imm: 1101 0101 0000 0011 0010 CRm:op2 11111 */
#define HINT_BITS   0xd503201fU
#define MARKER_BASE 0x70

static uint64_t executed;	     /* every vCPU's instructions, in execution order */
static uint64_t credited[MAX_VCPUS]; /* each vCPU's share up to its last switch */
static uint64_t switched_at;	     /* executed when `running` last changed */
static int running = -1;
static FILE *out;

static void switch_to(unsigned int vcpu)
{
	if (running >= 0)
		credited[running] += executed - switched_at;
	switched_at = executed;
	running = (int)vcpu;
}

static void tb_exec(unsigned int vcpu, void *udata)
{
	if ((int)vcpu != running && vcpu < MAX_VCPUS)
		switch_to(vcpu);
}

static void marker(unsigned int vcpu, void *udata)
{
	if (vcpu >= MAX_VCPUS)
		return;
	if ((int)vcpu != running)
		switch_to(vcpu);
	fprintf(out, "%u %u %" PRIu64 "\n", vcpu, (unsigned)(uintptr_t)udata,
		credited[vcpu] + executed - switched_at);
}

static void tb_trans(qemu_plugin_id_t id, struct qemu_plugin_tb *tb)
{
	size_t n = qemu_plugin_tb_n_insns(tb);

	qemu_plugin_register_vcpu_tb_exec_cb(tb, tb_exec, QEMU_PLUGIN_CB_NO_REGS, NULL);
	for (size_t i = 0; i < n; i++) {
		struct qemu_plugin_insn *insn = qemu_plugin_tb_get_insn(tb, i);
		uint32_t word = 0;

		qemu_plugin_register_vcpu_insn_exec_inline(insn, QEMU_PLUGIN_INLINE_ADD_U64,
							   &executed, 1);
		if (qemu_plugin_insn_size(insn) != 4)
			continue;
		memcpy(&word, qemu_plugin_insn_data(insn), 4);
		if ((word & HINT_MASK) == HINT_BITS && ((word >> 5) & 0x7f) >= MARKER_BASE)
			qemu_plugin_register_vcpu_insn_exec_cb(
				insn, marker, QEMU_PLUGIN_CB_NO_REGS,
				(void *)(uintptr_t)(((word >> 5) & 0x7f) - MARKER_BASE));
	}
}

static void at_exit(qemu_plugin_id_t id, void *udata)
{
	fflush(out);
}

EXPORT int qemu_plugin_install(qemu_plugin_id_t id, const qemu_info_t *info, int argc, char **argv)
{
	out = stderr;
	for (int i = 0; i < argc; i++)
		if (strncmp(argv[i], "out=", 4) == 0 && !(out = fopen(argv[i] + 4, "w")))
			return -1;
	setvbuf(out, NULL, _IOLBF, 1 << 12); /* QEMU may be stopped by SIGKILL */
	qemu_plugin_register_vcpu_tb_trans_cb(id, tb_trans);
	qemu_plugin_register_atexit_cb(id, at_exit, NULL);
	return 0;
}
