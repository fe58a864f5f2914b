// SPDX-License-Identifier: Apache-2.0
/* Freestanding string functions used by the hypervisor and libfdt. */
#include <stdint.h>
#include <string.h>

/*
 * Keep the compiler from turning these loops back into calls to themselves;
 * `used`: with -flto the calls the compiler itself emits (struct copies and
 * clears) are only seen after the link-time optimiser has run.
 */
#define NO_LIBCALL __attribute__((optimize("O2", "no-tree-loop-distribute-patterns"), used))

/* What one LDP/STP moves: 16 bytes 8-byte aligned, or 8 bytes 4-byte aligned. */
typedef unsigned __int128 __attribute__((aligned(8), may_alias)) copy16_t;
typedef uint64_t __attribute__((aligned(4), may_alias)) copy8_t;

/*
 * 64 bytes per iteration when source and destination share their alignment
 * (four LDPs, four STPs), 16 when both are only 4-byte aligned (two of each:
 * a DTB property, e.g. an embedded guest image, copied to a page); bytes
 * otherwise.
 */
NO_LIBCALL void *memcpy(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;
	const unsigned char *end;

	if (n >= 16U && (((uintptr_t)d ^ (uintptr_t)s) & 7U) == 0U) {
		for (; (uintptr_t)d & 7U; n--) {
			*d++ = *s++;
		}
		end = s + (n & ~(size_t)63);
		while (s != end) {
			copy16_t a = ((const copy16_t *)s)[0], b = ((const copy16_t *)s)[1];
			copy16_t c = ((const copy16_t *)s)[2], e = ((const copy16_t *)s)[3];

			((copy16_t *)d)[0] = a;
			((copy16_t *)d)[1] = b;
			((copy16_t *)d)[2] = c;
			((copy16_t *)d)[3] = e;
			s += 64;
			d += 64;
		}
		end = s + (n & 63U & ~(size_t)15);
		while (s != end) {
			*(copy16_t *)d = *(const copy16_t *)s;
			s += 16;
			d += 16;
		}
		n &= 15;
	} else if ((((uintptr_t)d | (uintptr_t)s) & 3U) == 0U) {
		end = s + (n & ~(size_t)15);
		while (s != end) {
			((copy8_t *)d)[0] = ((const copy8_t *)s)[0];
			((copy8_t *)d)[1] = ((const copy8_t *)s)[1];
			s += 16;
			d += 16;
		}
		n &= 15;
	} else {
		/* unaligned: the byte loop below copies it all */
	}
	while (n-- != 0U) {
		*d++ = *s++;
	}
	return dst;
}

NO_LIBCALL void *memmove(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	if (d <= s || d >= s + n) {
		return memcpy(dst, src, n);
	}
	while (n-- != 0U) {
		d[n] = s[n];
	}
	return dst;
}

/* 64 bytes per iteration once 16-byte aligned (four STPs), the byte pattern over 64 bits. */
NO_LIBCALL void *memset(void *dst, int c, size_t n)
{
	unsigned char *d = dst;
	unsigned char *end;
	copy16_t v = (unsigned char)c * 0x0101010101010101ULL;

	v |= v << 64;
	for (; n && ((uintptr_t)d & 15U); n--) {
		*d++ = (unsigned char)c;
	}
	end = d + (n & ~(size_t)63);
	while (d != end) {
		((copy16_t *)d)[0] = v;
		((copy16_t *)d)[1] = v;
		((copy16_t *)d)[2] = v;
		((copy16_t *)d)[3] = v;
		d += 64;
	}
	end = d + (n & 63U & ~(size_t)15);
	while (d != end) {
		*(copy16_t *)d = v;
		d += 16;
	}
	for (n &= 15; n; n--) {
		*d++ = (unsigned char)c;
	}
	return dst;
}

NO_LIBCALL int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;

	for (; n; n--, x++, y++) {
		if (*x != *y) {
			return *x - *y;
		}
	}
	return 0;
}

void *memchr(const void *s, int c, size_t n)
{
	const unsigned char *p = s;

	for (; n; n--, p++) {
		if (*p == (unsigned char)c) {
			return (void *)p;
		}
	}
	return NULL;
}

size_t strlen(const char *s)
{
	size_t n = 0;

	while (s[n] != '\0') {
		n++;
	}
	return n;
}

size_t strnlen(const char *s, size_t max)
{
	size_t n = 0;

	while (n < max && s[n]) {
		n++;
	}
	return n;
}

int strcmp(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++, b++;
	}
	return (unsigned char)*a - (unsigned char)*b;
}

int strncmp(const char *a, const char *b, size_t n)
{
	for (; n; n--, a++, b++) {
		if (*a != *b) {
			return (unsigned char)*a - (unsigned char)*b;
		}
		if (!*a) {
			break;
		}
	}
	return 0;
}

char *strchr(const char *s, int c)
{
	while (*s != (char)c) {
		if (!*s) {
			return NULL;
		}
		s++;
	}
	return (char *)s;
}

char *strrchr(const char *s, int c)
{
	const char *last = NULL;

	do {
		if (*s == (char)c) {
			last = s;
		}
	} while (*s++ != '\0');
	return (char *)last;
}
