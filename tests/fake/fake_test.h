/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Host tests of the run-time core on the fake architecture (arch/fake,
 * tests/fake/run.sh). A test is a function registered with FAKE_TEST; each
 * runs in a process of its own on a fresh fake machine (main.c), and fails
 * if a CHECK fails or the process dies (a sanitizer report, a fault of the
 * fake MMU).
 */
#ifndef TESTS_FAKE_TEST_H
#define TESTS_FAKE_TEST_H

#include <stdio.h>
#include <string.h>

#include "fake.h"
#include "vm.h"

struct fake_test {
	const char *name;
	void (*fn)(void);
};

#define FAKE_TEST(fn_name)                                                              \
	static void fn_name(void);                                                      \
	static const struct fake_test fn_name##_test = {#fn_name, fn_name};             \
	static const struct fake_test *const fn_name##_entry                            \
		__attribute__((used, section("fake_tests"), aligned(sizeof(void *)))) = \
			&fn_name##_test;                                                \
	static void fn_name(void)

extern int fake_checks_failed;

#define CHECK(cond, ...)                                                                  \
	do {                                                                              \
		if (!(cond)) {                                                            \
			printf("  check failed: %s:%d: %s: ", __FILE__, __LINE__, #cond); \
			printf(__VA_ARGS__);                                              \
			printf("\n");                                                     \
			__atomic_fetch_add(&fake_checks_failed, 1, __ATOMIC_RELAXED);     \
		}                                                                         \
	} while (0)

/* A configuration of n VMs, VM i on CPU i with one memory region of size at ipa; no images. */
void fake_config(struct config *cfg, u32 n, u64 ipa, u64 size);
/* vm_create of every VM of cfg (ipc_init first): 0, or -1 after a message. */
int fake_build(struct config *cfg);

#endif
