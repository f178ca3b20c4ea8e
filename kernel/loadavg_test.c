/*
 * loadavg_test.c - self-tests for the load average's arithmetic.
 */
#include "kernel/selftest.h"
#include "kernel/kernel_stat.h"

/* One task busy for a minute (12 samples) brings the 1-minute average
 * to 1 - 1/e = 0.63, the 15-minute one only to 0.06; idle again, each
 * decays back toward 0. */
SELFTEST(loadavg_calc_load)
{
	unsigned long one = 0, fifteen = 0;

	for (int i = 0; i < 12; i++) {
		one = calc_load(one, 1884, FIXED_1);
		fifteen = calc_load(fifteen, 2037, FIXED_1);
	}
	ST_ASSERT_EQ(LOAD_INT(one), 0);
	ST_ASSERT(LOAD_FRAC(one) >= 62 && LOAD_FRAC(one) <= 64);
	ST_ASSERT(LOAD_FRAC(fifteen) >= 5 && LOAD_FRAC(fifteen) <= 7);
	for (int i = 0; i < 1000; i++)
		one = calc_load(one, 1884, FIXED_1);
	ST_ASSERT_EQ(one, FIXED_1);	/* a steady load is reached */
	for (int i = 0; i < 12; i++)
		one = calc_load(one, 1884, 0);
	ST_ASSERT(LOAD_FRAC(one) >= 36 && LOAD_FRAC(one) <= 38);
	return 0;
}
