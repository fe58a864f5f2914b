// SPDX-License-Identifier: Apache-2.0
/* Minimal vsnprintf: enough for diagnostics and the partition table. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* Where the output goes: a buffer (vsnprintf) or a writer (vwprintf). */
struct out {
	char *buf;
	size_t size;
	size_t len; /* everything formatted so far, stored or not */
	void (*write)(const char *s, size_t n);
};

struct spec {
	bool left;
	char pad;
	int width;
	int prec;
	int lng;
};

/* n bytes of s: to the writer, or into the buffer as far as it has room. */
static void put_run(struct out *o, const char *s, size_t n)
{
	size_t room = o->size > o->len + 1 ? o->size - o->len - 1 : 0;
	char *d = o->buf + o->len;

	o->len += n;
	if (o->write) {
		o->write(s, n);
		return;
	}
	for (n = n < room ? n : room; n; n--)
		*d++ = *s++;
}

static void put(struct out *o, char c)
{
	put_run(o, &c, 1);
}

/*
 * n bytes of a %s argument. To the console (a writer) only printable ASCII
 * goes out, other bytes as '?': names, paths and strings from a layout, a
 * DTB or a guest can neither end a line nor drive the terminal.
 */
static void put_text(struct out *o, const char *s, size_t n)
{
	while (n && o->write) {
		size_t run = 0;

		while (run < n && s[run] >= 0x20 && s[run] <= 0x7e)
			run++;
		if (run)
			put_run(o, s, run);
		if (run < n)
			put_run(o, "?", 1);
		run += run < n;
		s += run;
		n -= run;
	}
	if (n)
		put_run(o, s, n);
}

static void put_padded(struct out *o, const char *s, size_t n, const struct spec *sp)
{
	int fill = sp->width > (int)n ? sp->width - (int)n : 0;

	if (!sp->left && sp->pad == '0' && (*s == '-') && n) {
		put(o, *s++);
		n--;
	}
	if (!sp->left)
		while (fill-- > 0)
			put(o, sp->pad);
	if (n)
		put_text(o, s, n);
	while (sp->left && fill-- > 0)
		put(o, ' ');
}

static void put_num(struct out *o, uint64_t v, bool neg, unsigned base, bool upper,
		    const struct spec *sp)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];
	int i = sizeof(tmp);

	do {
		tmp[--i] = digits[v % base];
		v /= base;
	} while (v);
	if (neg)
		tmp[--i] = '-';
	put_padded(o, tmp + i, sizeof(tmp) - i, sp);
}

static const char *parse_spec(const char *f, struct spec *sp, va_list *ap)
{
	*sp = (struct spec){.pad = ' ', .prec = -1};
	for (;; f++) {
		if (*f == '-')
			sp->left = true;
		else if (*f == '0')
			sp->pad = '0';
		else
			break;
	}
	if (*f == '*') {
		sp->width = va_arg(*ap, int);
		f++;
	}
	for (; *f >= '0' && *f <= '9'; f++)
		sp->width = sp->width * 10 + (*f - '0');
	if (*f == '.' && f[1] == '*') {
		sp->prec = va_arg(*ap, int);
		f += 2;
	} else if (*f == '.') {
		for (sp->prec = 0, f++; *f >= '0' && *f <= '9'; f++)
			sp->prec = sp->prec * 10 + (*f - '0');
	}
	for (; *f == 'l' || *f == 'z'; f++)
		sp->lng++;
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
		put_padded(o, s, sp->prec >= 0 ? strnlen(s, sp->prec) : strlen(s), sp);
		break;
	case 'c':
		ch = (char)va_arg(*ap, int);
		put_padded(o, &ch, 1, sp);
		break;
	default:
		put(o, '%');
		put(o, c);
	}
}

static void format(struct out *o, const char *fmt, va_list ap)
{
	struct spec sp;
	va_list aq;

	va_copy(aq, ap);
	for (; *fmt; fmt++) {
		const char *run = fmt;

		for (; *fmt != '%'; fmt++)
			if (!*fmt)
				break;
		if (fmt != run)
			put_run(o, run, (size_t)(fmt - run));
		if (!*fmt)
			break;
		fmt = parse_spec(fmt + 1, &sp, &aq);
		if (!*fmt)
			break;
		if (*fmt == '%')
			put(o, '%');
		else
			format_one(o, *fmt, &sp, &aq);
	}
	va_end(aq);
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct out o = {buf, size, 0, NULL};

	format(&o, fmt, ap);
	if (size)
		buf[o.len < size ? o.len : size - 1] = '\0';
	return (int)o.len;
}

int vwprintf(void (*write)(const char *s, size_t n), const char *fmt, va_list ap)
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
