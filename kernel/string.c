/*
 * string.c - byte and string helpers.  Plain loops, except memset and
 * memcpy, the two the kernel moves its bulk through (page zeroing, the
 * network's buffers).  Any context.
 *
 * Those two use string instructions eight bytes at a time, then the
 * tail byte by byte (what Linux's memcpy did before CPUs had fast
 * "rep movsb").  Under QEMU's TCG, where this kernel usually runs, a
 * string instruction costs about the same per step whatever the step's
 * size -- the emulator goes round its loop once per element -- so
 * quadwords move eight times the bytes per step: a 64 MiB copy takes a
 * fraction of the 0.2 s that rep movsb took.
 */
#include "kernel/string.h"

void *memset(void *s, int c, size_t n)
{
	void *p = s;
	size_t q = n >> 3;
	unsigned long v = 0x0101010101010101UL * (unsigned char)c;

	__asm__ __volatile__("rep stosq\n\t"
			     "movq %[tail], %%rcx\n\t"
			     "rep stosb"
			     : "+D"(p), "+c"(q)
			     : "a"(v), [tail] "r"(n & 7)
			     : "memory");
	return s;
}

void *memcpy(void *dst, const void *src, size_t n)
{
	void *d = dst;
	size_t q = n >> 3;

	__asm__ __volatile__("rep movsq\n\t"
			     "movq %[tail], %%rcx\n\t"
			     "rep movsb"
			     : "+D"(d), "+S"(src), "+c"(q)
			     : [tail] "r"(n & 7)
			     : "memory");
	return dst;
}

void *memmove(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	if (d <= s || d >= s + n)
		return memcpy(dst, src, n);
	while (n--)		/* overlapping with dst after src: copy backwards */
		d[n] = s[n];
	return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;

	for (; n; n--, x++, y++)
		if (*x != *y)
			return *x - *y;
	return 0;
}

size_t strlen(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

size_t strnlen(const char *s, size_t max)
{
	size_t n = 0;

	while (n < max && s[n])
		n++;
	return n;
}

int strcmp(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return (unsigned char)*a - (unsigned char)*b;
}

int strncmp(const char *a, const char *b, size_t n)
{
	for (; n; n--, a++, b++) {
		if (*a != *b)
			return (unsigned char)*a - (unsigned char)*b;
		if (!*a)
			break;
	}
	return 0;
}

char *strchr(const char *s, int c)
{
	for (; *s; s++)
		if (*s == (char)c)
			return (char *)s;
	return c ? NULL : (char *)s;
}

char *strncpy(char *dst, const char *src, size_t n)
{
	size_t i = 0;

	for (; i < n && src[i]; i++)
		dst[i] = src[i];
	for (; i < n; i++)
		dst[i] = 0;
	return dst;
}

/* Copy with truncation, always NUL-terminated; returns strlen(src). */
size_t strlcpy(char *dst, const char *src, size_t size)
{
	size_t len = strlen(src);

	if (size) {
		size_t n = len < size - 1 ? len : size - 1;
		memcpy(dst, src, n);
		dst[n] = 0;
	}
	return len;
}

static int digit_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'Z')
		return c - 'A' + 10;
	return 99;
}

/* base 0 means: 0x... is hex, 0... octal, else decimal (as strtoul). */
unsigned long simple_strtoul(const char *s, const char **end, unsigned base)
{
	unsigned long v = 0;

	if (base == 0) {
		base = 10;
		if (s[0] == '0') {
			base = 8;
			if (s[1] == 'x' || s[1] == 'X') {
				base = 16;
				s += 2;
			}
		}
	} else if (base == 16 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		s += 2;
	}
	for (; digit_value(*s) < (int)base; s++)
		v = v * base + digit_value(*s);
	if (end)
		*end = s;
	return v;
}

int atoi(const char *s)
{
	int neg = 0;

	while (*s == ' ' || *s == '\t')
		s++;
	if (*s == '-' || *s == '+')
		neg = *s++ == '-';
	long v = (long)simple_strtoul(s, NULL, 10);
	return (int)(neg ? -v : v);
}
