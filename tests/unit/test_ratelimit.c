/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Host tests of the rate limiter behind guest-caused warnings (hyp/ratelimit.c):
 * a burst per window, the dropped ones counted and said with the next one.
 */
#include "ratelimit.h"
#include "test.h"

#define SEC RATELIMIT_WINDOW_NS

/* How many of n messages sent at now pass. */
static u32 burst(struct ratelimit *rl, u64 now, u32 n, u32 *last_suppressed)
{
	u32 passed = 0;

	for (u32 i = 0; i < n; i++) {
		u32 s = 0xdead;

		if (ratelimit_allow(rl, now, &s)) {
			passed++;
			*last_suppressed = s;
		}
	}
	return passed;
}

static void test_burst_then_silence(void)
{
	struct ratelimit rl = {0};
	u32 s = 0;

	CHECK_EQ(burst(&rl, 100, 3, &s), 3);
	CHECK_EQ(s, 0);
	CHECK_EQ(burst(&rl, 100 + SEC / 2, 100, &s), RATELIMIT_BURST - 3);
	CHECK_EQ(rl.suppressed, 100 - (RATELIMIT_BURST - 3));
}

/* A new window opens a second after the first message of the last one; the count comes with it. */
static void test_new_window_reports_dropped(void)
{
	struct ratelimit rl = {0};
	u32 s = 0;

	CHECK_EQ(burst(&rl, 5 * SEC, 50, &s), RATELIMIT_BURST);
	CHECK_EQ(burst(&rl, 6 * SEC - 1, 10, &s), 0); /* still the same window */
	CHECK_EQ(burst(&rl, 6 * SEC, 1, &s), 1);
	CHECK_EQ(s, 50 - RATELIMIT_BURST + 10);
	CHECK_EQ(burst(&rl, 6 * SEC, 1, &s), 1);
	CHECK_EQ(s, 0);
}

/* The first message is never dropped, whatever the clock reads (0 included). */
static void test_first_message_passes(void)
{
	struct ratelimit rl = {0};
	u32 s = 7;

	CHECK(ratelimit_allow(&rl, 0, &s));
	CHECK_EQ(s, 0);
	rl = (struct ratelimit){0};
	CHECK(ratelimit_allow(&rl, ~0ULL, &s));
}

/* The dropped count saturates instead of wrapping back to a small number. */
static void test_suppressed_saturates(void)
{
	struct ratelimit rl = {
		.window_start = 0, .printed = RATELIMIT_BURST, .suppressed = UINT32_MAX - 1};
	u32 s = 0;

	CHECK(!ratelimit_allow(&rl, 1, &s));
	CHECK(!ratelimit_allow(&rl, 2, &s));
	CHECK_EQ(rl.suppressed, UINT32_MAX);
	CHECK(ratelimit_allow(&rl, SEC, &s));
	CHECK_EQ(s, UINT32_MAX);
}

int main(int argc, char **argv)
{
	test_init(argc, argv);
	RUN(test_burst_then_silence);
	RUN(test_new_window_reports_dropped);
	RUN(test_first_message_passes);
	RUN(test_suppressed_saturates);
	return test_summary();
}
