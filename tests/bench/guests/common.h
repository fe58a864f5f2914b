/* SPDX-License-Identifier: Apache-2.0 */
/*
 * What every architecture's benchmark guests share: the tagged output lines
 * tests/bench/run.py parses (common.c, in every guest), and the compute
 * workloads (work.c, in the suite guests only: the boot guest stays small).
 *   BENCH <name> <value>           one figure
 *   BENCHS <name> <v> <v> ...      samples of a distribution (several lines)
 */
#ifndef TESSERA_BENCH_COMMON_H
#define TESSERA_BENCH_COMMON_H

#include <stdint.h>

/* Prints "BENCH name value". */
void bench_put(const char *name, int64_t value);
/* Prints "BENCHS name ..." lines holding n samples. */
void bench_put_samples(const char *name, const uint32_t *s, unsigned n);

/*
 * The workloads, timed by the caller around work_matmul and work_qsort only:
 * a 100x100 uint32 matrix product and a quicksort of 10 000 uint32, each on
 * fresh pseudo-random data (the _fill functions, not timed).
 */
void work_matmul_fill(void);
void work_matmul(void);
void work_qsort_fill(void);
void work_qsort(void);
/* After repetition r: prints TEST FAIL if the sort left a pair unsorted; a word for the checksum. */
uint64_t work_check(unsigned r);

#endif
