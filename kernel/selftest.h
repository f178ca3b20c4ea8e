/*
 * selftest.h - tests that run inside the kernel at boot.
 *
 *	SELFTEST(buddy_split_merge)
 *	{
 *		ST_ASSERT(nr_free_pages() > 0);
 *		return 0;
 *	}
 *
 * A test returns 0 on success; ST_ASSERT and ST_ASSERT_EQ print what
 * failed (file, line, the expression, the values) and return -1.  Tests
 * live in a linker section, so a file adds tests without editing a list.
 *
 * The "selftest" boot option runs every default test; "selftest=a,b" runs
 * just those, including ones marked SELFTEST_ON_REQUEST (tests that crash
 * the kernel on purpose).  Results are printed in KTAP, the format of
 * Linux's KUnit, which the host harness counts.
 */
#ifndef KERNEL_SELFTEST_H
#define KERNEL_SELFTEST_H

#include "kernel/kernel.h"

struct selftest {
	const char *name;
	int (*fn)(void);
	bool on_request;	/* only when named on the command line */
};

#define __SELFTEST(tname, req)						\
	static int selftest_##tname(void);				\
	static const struct selftest __selftest_##tname			\
	__attribute__((used, section(".selftests"), aligned(8))) =	\
		{ #tname, selftest_##tname, req };			\
	static int selftest_##tname(void)

#define SELFTEST(tname)			__SELFTEST(tname, false)
#define SELFTEST_ON_REQUEST(tname)	__SELFTEST(tname, true)

#define ST_ASSERT(cond)							\
	do {								\
		if (!(cond)) {						\
			pr_info("    # %s:%d: expected %s\n", __FILE__,	\
				__LINE__, #cond);			\
			return -1;					\
		}							\
	} while (0)

#define ST_ASSERT_EQ(a, b)						\
	do {								\
		long long __a = (long long)(a), __b = (long long)(b);	\
		if (__a != __b) {					\
			pr_info("    # %s:%d: expected %s == %s, "	\
				"got %lld and %lld\n", __FILE__,	\
				__LINE__, #a, #b, __a, __b);		\
			return -1;					\
		}							\
	} while (0)

/* Run the tests the command line asked for; returns how many failed.
 * Process context with interrupts on. */
int run_selftests(void);
/* Whether the command line asked for any test. */
bool selftests_requested(void);

#endif
