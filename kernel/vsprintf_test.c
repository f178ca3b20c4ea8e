/* vsprintf_test.c - the formats the kernel's messages rely on. */
#include "kernel/selftest.h"

static int check(const char *expect, const char *fmt, ...)
{
	char buf[64];
	va_list ap;

	va_start(ap, fmt);
	int n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (strcmp(buf, expect) || n != (int)strlen(expect)) {
		pr_info("    # format \"%s\": got \"%s\" (%d), expected \"%s\"\n",
			fmt, buf, n, expect);
		return -1;
	}
	return 0;
}

SELFTEST(vsprintf_formats)
{
	int bad = 0;

	bad |= check("42 -42 +7 ' 7'", "%d %i %+d '% d'", 42, -42, 7, 7);
	bad |= check("00042|42   |   42", "%05d|%-5d|%5d", 42, 42, 42);
	bad |= check("ff FF 0xff 0x00ff 377", "%x %X %#x %#06x %o", 255, 255, 255, 255, 255);
	bad |= check("18446744073709551615", "%lu", ~0UL);
	bad |= check("-9223372036854775808", "%lld", (long long)(-9223372036854775807LL - 1));
	bad |= check("ab|  abc|abc  |(null)", "%.2s|%5s|%-5s|%s", "abc", "abc", "abc", (char *)NULL);
	bad |= check("x%y", "%c%%%c", 'x', 'y');
	bad |= check("0x1000", "%p", (void *)0x1000);
	bad |= check("4096 4096", "%zu %zx", (size_t)4096, (size_t)0x4096);
	ST_ASSERT(!bad);

	/* Truncation: the return value is the length that would have been. */
	char small[4];
	ST_ASSERT_EQ(snprintf(small, sizeof(small), "%s", "hello"), 5);
	ST_ASSERT(!strcmp(small, "hel"));
	return 0;
}
