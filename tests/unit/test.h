/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Minimal host test harness. A test is a `static void name(void)`; RUN(name)
 * runs it and prints "PASS name" or "FAIL name" plus the failed check. The
 * program ends with test_summary(), which prints "N passed, N failed" and
 * returns the exit status. Test DTBs are read from the directory in argv[1].
 */
#ifndef TESSERA_TEST_H
#define TESSERA_TEST_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TEST_MAX_BLOBS 64

struct test_blob {
	char name[64];
	void *data;
	size_t size;
};

struct test_state {
	int passed;
	int failed;
	bool case_failed;
	const char *dtb_dir;
	int nblobs;
	struct test_blob blobs[TEST_MAX_BLOBS];
};

static struct test_state test_state;

static inline void test_fail(const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static inline void test_fail(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	test_state.case_failed = true;
	printf("    %s:%d: check failed: ", file, line);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
}

#define CHECK(cond)                                                 \
	do {                                                        \
		if (!(cond)) {                                      \
			test_fail(__FILE__, __LINE__, "%s", #cond); \
			return;                                     \
		}                                                   \
	} while (0)

#define CHECK_EQ(a, b)                                                                           \
	do {                                                                                     \
		unsigned long long a_ = (unsigned long long)(a);                                 \
		unsigned long long b_ = (unsigned long long)(b);                                 \
		if (a_ != b_) {                                                                  \
			test_fail(__FILE__, __LINE__, "%s == %s (0x%llx != 0x%llx)", #a, #b, a_, \
				  b_);                                                           \
			return;                                                                  \
		}                                                                                \
	} while (0)

#define CHECK_STR(a, b)                                                                    \
	do {                                                                               \
		const char *a_ = (a);                                                      \
		const char *b_ = (b);                                                      \
		if (!a_ || strcmp(a_, b_)) {                                               \
			test_fail(__FILE__, __LINE__, "%s == \"%s\" (got \"%s\")", #a, b_, \
				  a_ ? a_ : "(null)");                                     \
			return;                                                            \
		}                                                                          \
	} while (0)

#define RUN(fn) test_run(#fn, fn)

static inline void test_run(const char *name, void (*fn)(void))
{
	test_state.case_failed = false;
	fn();
	if (test_state.case_failed)
		test_state.failed++;
	else
		test_state.passed++;
	printf("%s %s\n", test_state.case_failed ? "FAIL" : "PASS", name);
	fflush(stdout);
}

static inline void test_init(int argc, char **argv)
{
	test_state.dtb_dir = argc > 1 ? argv[1] : "build/host/dtb";
}

/* Contents of <dtb_dir>/<name>.dtb, loaded once; aborts the program if missing. */
static inline const void *test_dtb(const char *name, size_t *size)
{
	char path[512];
	struct test_blob *b;
	FILE *f;
	long len;

	for (int i = 0; i < test_state.nblobs; i++) {
		if (!strcmp(test_state.blobs[i].name, name)) {
			*size = test_state.blobs[i].size;
			return test_state.blobs[i].data;
		}
	}
	snprintf(path, sizeof(path), "%s/%s.dtb", test_state.dtb_dir, name);
	f = fopen(path, "rb");
	if (!f || test_state.nblobs == TEST_MAX_BLOBS || fseek(f, 0, SEEK_END) ||
	    (len = ftell(f)) <= 0 || fseek(f, 0, SEEK_SET)) {
		printf("cannot load %s\n", path);
		exit(2);
	}
	b = &test_state.blobs[test_state.nblobs++];
	snprintf(b->name, sizeof(b->name), "%s", name);
	b->size = (size_t)len;
	b->data = malloc(b->size);
	if (!b->data || fread(b->data, 1, b->size, f) != b->size)
		exit(2);
	fclose(f);
	*size = b->size;
	return b->data;
}

static inline int test_summary(void)
{
	for (int i = 0; i < test_state.nblobs; i++)
		free(test_state.blobs[i].data);
	printf("%d passed, %d failed\n", test_state.passed, test_state.failed);
	return test_state.failed ? 1 : 0;
}

#endif
