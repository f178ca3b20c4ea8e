/*
 * selftest.c - the runner for SELFTEST()s (see selftest.h).
 */
#include "kernel/selftest.h"
#include "kernel/params.h"

extern const struct selftest __start_selftests[], __stop_selftests[];

static bool requested;		/* "selftest" was on the command line */
static char only[256];		/* the list after '=', or empty for all */

static int set_selftest(const char *val)
{
	requested = true;
	strlcpy(only, val ? val : "", sizeof(only));
	return 0;
}
__setup("selftest", set_selftest);

bool selftests_requested(void)
{
	return requested;
}

/* Whether name appears in the comma-separated list. */
static bool listed(const char *name)
{
	size_t len = strlen(name);

	for (const char *p = only; *p;) {
		const char *comma = strchr(p, ',');
		size_t n = comma ? (size_t)(comma - p) : strlen(p);
		if (n == len && !strncmp(p, name, n))
			return true;
		p += n + (comma ? 1 : 0);
	}
	return false;
}

static bool wanted(const struct selftest *t)
{
	return only[0] ? listed(t->name) : !t->on_request;
}

int run_selftests(void)
{
	int total = 0, failed = 0, n = 0;

	for (const struct selftest *t = __start_selftests; t < __stop_selftests; t++)
		total += wanted(t);
	pr_info("KTAP version 1\n");
	pr_info("1..%d\n", total);
	for (const struct selftest *t = __start_selftests; t < __stop_selftests; t++) {
		if (!wanted(t))
			continue;
		n++;
		pr_info("# running %s\n", t->name);
		int r = t->fn();
		pr_info("%sok %d %s\n", r ? "not " : "", n, t->name);
		failed += r != 0;
	}
	pr_info("# totals: pass:%d fail:%d\n", total - failed, failed);
	return failed;
}
