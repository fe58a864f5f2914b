// SPDX-License-Identifier: Apache-2.0
/*
 * The runner of the fake architecture's host tests: every FAKE_TEST in a
 * child process of its own, on a fresh fake machine; prints PASS/FAIL per
 * test and ends with "N passed, N failed". Usage: fake-tests [name...].
 */
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fake_test.h"
#include "ipc.h"

/* What hyp/main.c defines on the machine. */
struct vm hyp_vms[CFG_MAX_VMS];
u32 hyp_nvms;
int fake_checks_failed;

extern const struct fake_test *const __start_fake_tests[];
extern const struct fake_test *const __stop_fake_tests[];

void fake_config(struct config *cfg, u32 n, u64 ipa, u64 size)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->nvms = n;
	for (u32 i = 0; i < n; i++) {
		struct cfg_vm *v = &cfg->vms[i];

		snprintf(v->name, sizeof(v->name), "vm%u", i);
		snprintf(v->path, sizeof(v->path), "/bao-partitions/vm@%u", i);
		v->ncpus = 1;
		v->cpus[0] = i;
		v->nmem = 1;
		snprintf(v->mem[0].name, sizeof(v->mem[0].name), "memory@%lx", ipa);
		v->mem[0].ipa = ipa;
		v->mem[0].size = size;
		v->image.load_ipa = ipa;
	}
}

int fake_build(struct config *cfg)
{
	ipc_init(cfg);
	hyp_nvms = cfg->nvms;
	for (u32 i = 0; i < cfg->nvms; i++)
		if (vm_create(&hyp_vms[i], i, &cfg->vms[i], cfg))
			return -1;
	return 0;
}

static int run_one(const struct fake_test *t)
{
	pid_t pid;
	int status;

	fflush(stdout);
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		fake_machine_init();
		t->fn();
		fflush(stdout);
		_exit(fake_checks_failed ? 1 : 0);
	}
	if (waitpid(pid, &status, 0) != pid)
		return -1;
	if (WIFSIGNALED(status))
		printf("  %s died of signal %d\n", t->name, WTERMSIG(status));
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

static bool wanted(const char *name, int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		if (!strcmp(argv[i], name))
			return true;
	return argc < 2;
}

int main(int argc, char **argv)
{
	u32 passed = 0, failed = 0;

	setvbuf(stdout, NULL, _IOLBF, 0);
	for (const struct fake_test *const *t = __start_fake_tests; t < __stop_fake_tests; t++) {
		if (!wanted((*t)->name, argc, argv))
			continue;
		printf("== %s\n", (*t)->name);
		if (run_one(*t) == 0) {
			printf("PASS %s\n", (*t)->name);
			passed++;
		} else {
			printf("FAIL %s\n", (*t)->name);
			failed++;
		}
	}
	printf("%u passed, %u failed\n", passed, failed);
	return failed ? 1 : 0;
}
