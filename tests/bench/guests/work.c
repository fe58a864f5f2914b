// SPDX-License-Identifier: Apache-2.0
/* The compute workloads (common.h), linked into the suite guests only. */
#include "common.h"
#include "guest.h"

#define N      100
#define SORT_N 10000

static uint32_t ma[N][N], mb[N][N], mc[N][N], arr[SORT_N];
static uint32_t rnd_state = 12345;

static uint32_t rnd(void)
{
	rnd_state = rnd_state * 1664525U + 1013904223U;
	return rnd_state;
}

void work_matmul_fill(void)
{
	for (unsigned i = 0; i < N; i++)
		for (unsigned j = 0; j < N; j++) {
			ma[i][j] = rnd();
			mb[i][j] = rnd();
		}
}

void work_matmul(void)
{
	for (unsigned i = 0; i < N; i++)
		for (unsigned j = 0; j < N; j++) {
			uint32_t s = 0;

			for (unsigned k = 0; k < N; k++)
				s += ma[i][k] * mb[k][j];
			mc[i][j] = s;
		}
}

static void quicksort(uint32_t *a, int lo, int hi)
{
	while (lo < hi) {
		uint32_t pivot = a[lo + (hi - lo) / 2];
		int i = lo, j = hi;

		while (i <= j) {
			while (a[i] < pivot)
				i++;
			while (a[j] > pivot)
				j--;
			if (i <= j) {
				uint32_t t = a[i];

				a[i++] = a[j];
				a[j--] = t;
			}
		}
		if (j - lo < hi - i) { /* recurse into the smaller part: bounded stack */
			quicksort(a, lo, j);
			lo = i;
		} else {
			quicksort(a, i, hi);
			hi = j;
		}
	}
}

void work_qsort_fill(void)
{
	for (unsigned i = 0; i < SORT_N; i++)
		arr[i] = rnd();
}

void work_qsort(void)
{
	quicksort(arr, 0, SORT_N - 1);
}

uint64_t work_check(unsigned r)
{
	for (unsigned i = 1; i < SORT_N; i++)
		if (arr[i - 1] > arr[i])
			gprintf("TEST FAIL: quicksort left an unsorted pair at %u\n", i);
	return mc[r % N][(r * 7) % N] + arr[r * 97];
}
