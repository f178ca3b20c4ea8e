/*
 * check.h - the reporting every test program shares: one line per check,
 * prefixed "FAIL: " when it failed, and a count for the exit status.
 * Output must be byte-identical on Linux and on our kernel, so checks
 * print facts that do not vary (no pids, addresses or times).
 */
#ifndef USER_TESTS_CHECK_H
#define USER_TESTS_CHECK_H

#include <stdarg.h>
#include <stdio.h>

static int failed;

static void __attribute__((format(printf, 2, 3), unused))
report(int ok, const char *fmt, ...)
{
	va_list ap;

	if (!ok) {
		failed++;
		fputs("FAIL: ", stdout);
	}
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	/* Flushed at once: a child forked later must not inherit (and
	 * print again) a buffered line. */
	fflush(stdout);
}

__attribute__((unused)) static const char *yesno(int b)
{
	return b ? "yes" : "no";
}

#endif
