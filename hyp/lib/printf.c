// SPDX-License-Identifier: Apache-2.0
/* Minimal vsnprintf: enough for diagnostics and the partition table. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* Where the output goes: a buffer (vsnprintf) or a writer (vwprintf). */
struct out {
	char *buf;
	size_t size;
	size_t len; /* everything formatted so far, stored or not */
	void (*write)(const char *s, size_t n, bool arg);
};

struct spec {
	bool left;
	char pad;
	int width;
	int prec;
	int lng;
};

/*
 * n bytes of s: to the writer, saying whether they came from a %s or %c
 * argument (text from outside, which the writer filters: console.c) or from
 * the format and numbers; or into the buffer as far as it has room.
 */
static void put_run(struct out *o, const char *s, size_t n, bool arg)
{
	size_t room = o->size > o->len + 1U ? o->size - o->len - 1U : 0U;
	size_t copy = n < room ? n : room; /* vsnprintf(NULL, 0, ...) counts only */

	if (o->write != NULL) {
		o->len += n;
		o->write(s, n, arg);
		return;
	}
	for (size_t i = 0; i < copy; i++) {
		o->buf[o->len + i] = s[i];
	}
	o->len += n;
}

static void put(struct out *o, char c)
{
	put_run(o, &c, 1, false);
}

/* count copies of the padding character c, a run at a time. */
static void put_fill(struct out *o, char c, int count)
{
	static const char zeros[] = "0000000000000000", spaces[] = "                ";
	const char *run = c == '0' ? zeros : spaces;

	for (; count > 0; count -= (int)sizeof(zeros) - 1) {
		put_run(o, run, count < (int)sizeof(zeros) - 1 ? (size_t)count : sizeof(zeros) - 1U,
			false);
	}
}

/* s (n bytes) padded to the width; arg: s came from a %s or %c argument. */
static void put_padded(struct out *o, const char *s, size_t n, const struct spec *sp, bool arg)
{
	int fill = sp->width > (int)n ? sp->width - (int)n : 0;

	if (!sp->left && sp->pad == '0' && (*s == '-') && n) {
		put_run(o, s++, 1, arg);
		n--;
	}
	if (!sp->left) {
		put_fill(o, sp->pad, fill);
	}
	if (n != 0U) {
		put_run(o, s, n, arg);
	}
	if (sp->left) {
		put_fill(o, ' ', fill);
	}
}

static void put_num(struct out *o, uint64_t v, bool neg, unsigned base, bool upper,
		    const struct spec *sp)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];
	size_t i = sizeof(tmp);

	do {
		tmp[--i] = digits[v % base];
		v /= base;
	} while (v != 0U);
	if (neg) {
		tmp[--i] = '-';
	}
	put_padded(o, tmp + i, sizeof(tmp) - i, sp, false);
}

static const char *parse_spec(const char *f, struct spec *sp, va_list *ap)
{
	*sp = (struct spec){.pad = ' ', .prec = -1};
	while (*f == '-' || *f == '0') {
		if (*f == '-') {
			sp->left = true;
		} else {
			sp->pad = '0';
		}
		f++;
	}
	if (*f == '*') {
		sp->width = va_arg(*ap, int);
		f++;
	}
	for (; *f >= '0' && *f <= '9'; f++) {
		sp->width = sp->width * 10 + (*f - '0');
	}
	if (*f == '.' && f[1] == '*') {
		sp->prec = va_arg(*ap, int);
		f += 2;
	} else if (*f == '.') {
		for (sp->prec = 0, f++; *f >= '0' && *f <= '9'; f++) {
			sp->prec = sp->prec * 10 + (*f - '0');
		}
	} else {
		/* no precision */
	}
	for (; *f == 'l' || *f == 'z'; f++) {
		sp->lng++;
	}
	return f;
}

static uint64_t arg_unsigned(va_list *ap, int lng)
{
	return lng ? va_arg(*ap, uint64_t) : va_arg(*ap, unsigned int);
}

static int64_t arg_signed(va_list *ap, int lng)
{
	return lng ? va_arg(*ap, int64_t) : va_arg(*ap, int);
}

static void format_one(struct out *o, char c, struct spec *sp, va_list *ap)
{
	const char *s;
	int64_t sv;
	char ch;

	switch (c) {
	case 'd':
	case 'i':
		sv = arg_signed(ap, sp->lng);
		put_num(o, sv < 0 ? -(uint64_t)sv : (uint64_t)sv, sv < 0, 10, false, sp);
		break;
	case 'u':
		put_num(o, arg_unsigned(ap, sp->lng), false, 10, false, sp);
		break;
	case 'x':
	case 'X':
		put_num(o, arg_unsigned(ap, sp->lng), false, 16, c == 'X', sp);
		break;
	case 'p':
		put(o, '0');
		put(o, 'x');
		put_num(o, (uintptr_t)va_arg(*ap, void *), false, 16, false, sp);
		break;
	case 's':
		s = va_arg(*ap, const char *);
		s = s ? s : "(null)";
		put_padded(o, s, sp->prec >= 0 ? strnlen(s, sp->prec) : strlen(s), sp, true);
		break;
	case 'c':
		ch = (char)va_arg(*ap, int);
		put_padded(o, &ch, 1, sp, true);
		break;
	default:
		put(o, '%');
		put(o, c);
		break;
	}
}

static void format(struct out *o, const char *fmt, va_list ap)
{
	struct spec sp;
	va_list aq;

	va_copy(aq, ap);
	while (*fmt != '\0') {
		const char *run = fmt;

		while (*fmt != '%') { /* up to the next conversion or the end */
			if (*fmt == '\0') {
				break;
			}
			fmt++;
		}
		if (fmt != run) {
			ptrdiff_t len = fmt - run; /* a value before a size (MISRA 10.8) */

			put_run(o, run, (size_t)len, false);
		}
		if (!*fmt) {
			break;
		}
		fmt = parse_spec(fmt + 1, &sp, &aq); /* at the conversion's letter */
		if (!*fmt) {
			break;
		}
		if (*fmt == '%') {
			put(o, '%');
		} else {
			format_one(o, *fmt, &sp, &aq);
		}
		fmt++;
	}
	va_end(aq);
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct out o = {buf, size, 0, NULL};

	format(&o, fmt, ap);
	if (size != 0U) {
		buf[o.len < size ? o.len : size - 1U] = '\0';
	}
	return (int)o.len;
}

int vwprintf(void (*write)(const char *s, size_t n, bool arg), const char *fmt, va_list ap)
{
	struct out o = {NULL, 0, 0, write};

	format(&o, fmt, ap);
	return (int)o.len;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
