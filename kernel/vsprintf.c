/*
 * vsprintf.c - formatted output into a buffer.
 *
 * The usual conversions (d i u x X o c s p %) with flags (- 0 + space #),
 * width, precision and the length modifiers hh h l ll z t.  As in Linux,
 * "%pS" prints a kernel text address as symbol+offset/size and "%ps" as the
 * bare symbol (see kallsyms.c): that is what makes backtraces readable.
 * Any context; no allocation, no locks.
 */
#include "kernel/kernel.h"
#include "kernel/kallsyms.h"

struct outbuf {
	char *buf;
	size_t size;	/* capacity including the final NUL */
	size_t len;	/* characters produced so far, even past size */
};

static void put(struct outbuf *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

static void put_str(struct outbuf *o, const char *s, int width, int prec,
		    bool left)
{
	int len = (int)strnlen(s, prec < 0 ? (size_t)-1 : (size_t)prec);

	for (; !left && len < width; width--)
		put(o, ' ');
	for (int i = 0; i < len; i++)
		put(o, s[i]);
	for (; left && len < width; width--)
		put(o, ' ');
}

struct numspec {
	unsigned base;
	bool upper, left, zero, plus, space, alt;
	int width, prec;
};

static void put_num(struct outbuf *o, unsigned long long v, bool negative,
		    const struct numspec *sp)
{
	const char *digits = sp->upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];
	int n = 0;

	do {
		tmp[n++] = digits[v % sp->base];
		v /= sp->base;
	} while (v);

	char sign = negative ? '-' : sp->plus ? '+' : sp->space ? ' ' : 0;
	const char *prefix = "";
	if (sp->alt && sp->base == 16)
		prefix = sp->upper ? "0X" : "0x";
	else if (sp->alt && sp->base == 8 && tmp[n - 1] != '0')
		prefix = "0";

	int zeros = sp->prec > n ? sp->prec - n : 0;
	int body = n + zeros + (sign ? 1 : 0) + (int)strlen(prefix);
	int pad = sp->width > body ? sp->width - body : 0;
	bool zero_pad = sp->zero && !sp->left && sp->prec < 0;

	if (zero_pad) {
		zeros += pad;
		pad = 0;
	}
	for (; !sp->left && pad; pad--)
		put(o, ' ');
	if (sign)
		put(o, sign);
	for (const char *p = prefix; *p; p++)
		put(o, *p);
	for (; zeros; zeros--)
		put(o, '0');
	while (n)
		put(o, tmp[--n]);
	for (; pad; pad--)
		put(o, ' ');
}

/* %pS / %ps: symbolic kernel address. */
static void put_symbol(struct outbuf *o, unsigned long addr, bool offset)
{
	char sym[128];

	sprint_symbol(sym, sizeof(sym), addr, offset);
	put_str(o, sym, 0, -1, false);
}

static int parse_int(const char **fmt)
{
	int v = 0;

	while (**fmt >= '0' && **fmt <= '9')
		v = v * 10 + (*(*fmt)++ - '0');
	return v;
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct outbuf o = { buf, size, 0 };

	for (; *fmt; fmt++) {
		if (*fmt != '%') {
			put(&o, *fmt);
			continue;
		}
		struct numspec sp = { .base = 10, .prec = -1 };
		for (;; fmt++) {		/* flags */
			char c = fmt[1];
			if (c == '-') sp.left = true;
			else if (c == '0') sp.zero = true;
			else if (c == '+') sp.plus = true;
			else if (c == ' ') sp.space = true;
			else if (c == '#') sp.alt = true;
			else break;
		}
		fmt++;
		if (*fmt == '*') {
			sp.width = va_arg(ap, int);
			if (sp.width < 0) {
				sp.left = true;
				sp.width = -sp.width;
			}
			fmt++;
		} else {
			sp.width = parse_int(&fmt);
		}
		if (*fmt == '.') {
			fmt++;
			if (*fmt == '*') {
				sp.prec = va_arg(ap, int);
				fmt++;
			} else {
				sp.prec = parse_int(&fmt);
			}
		}
		int lng = 0;			/* 0 int, 1 long, 2 long long */
		while (*fmt == 'l' || *fmt == 'h' || *fmt == 'z' || *fmt == 't') {
			if (*fmt == 'l' || *fmt == 'z' || *fmt == 't')
				lng++;
			fmt++;
		}

		unsigned long long u;
		switch (*fmt) {
		case 'd':
		case 'i': {
			long long v = lng >= 2 ? va_arg(ap, long long)
				    : lng == 1 ? va_arg(ap, long)
				    : va_arg(ap, int);
			u = v < 0 ? -(unsigned long long)v : (unsigned long long)v;
			put_num(&o, u, v < 0, &sp);
			break;
		}
		case 'u':
		case 'x':
		case 'X':
		case 'o':
			sp.base = *fmt == 'o' ? 8 : *fmt == 'u' ? 10 : 16;
			sp.upper = *fmt == 'X';
			u = lng >= 2 ? va_arg(ap, unsigned long long)
			  : lng == 1 ? va_arg(ap, unsigned long)
			  : va_arg(ap, unsigned int);
			put_num(&o, u, false, &sp);
			break;
		case 'c':
			put(&o, (char)va_arg(ap, int));
			break;
		case 's': {
			const char *s = va_arg(ap, const char *);
			put_str(&o, s ? s : "(null)", sp.width, sp.prec, sp.left);
			break;
		}
		case 'p': {
			unsigned long p = (unsigned long)va_arg(ap, void *);
			if (fmt[1] == 'S' || fmt[1] == 's') {
				put_symbol(&o, p, fmt[1] == 'S');
				fmt++;
				break;
			}
			sp.base = 16;
			sp.alt = true;
			put_num(&o, p, false, &sp);
			break;
		}
		case '%':
			put(&o, '%');
			break;
		case '\0':
			fmt--;		/* a lone '%' at the end: stop there */
			break;
		default:		/* unknown: print it as written */
			put(&o, '%');
			put(&o, *fmt);
		}
	}
	if (size)
		buf[o.len < size ? o.len : size - 1] = 0;
	return (int)o.len;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	int n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
