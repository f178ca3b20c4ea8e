/* time: clocks and sleeping. clock_gettime on the REALTIME/MONOTONIC
 * families, monotonicity, nanosleep/clock_nanosleep lower bounds,
 * gettimeofday vs CLOCK_REALTIME, sched_yield and sched_getaffinity.
 * Only relations between times are printed, never the times. */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "check.h"



static long long ns(const struct timespec *t)
{
	return t->tv_sec * 1000000000LL + t->tv_nsec;
}

static long long now(clockid_t c)
{
	struct timespec t;
	if (clock_gettime(c, &t) != 0)
		return -1;
	return ns(&t);
}

static const struct { clockid_t id; const char *name; } clocks[] = {
	{CLOCK_REALTIME, "CLOCK_REALTIME"},
	{CLOCK_MONOTONIC, "CLOCK_MONOTONIC"},
	{CLOCK_REALTIME_COARSE, "CLOCK_REALTIME_COARSE"},
	{CLOCK_MONOTONIC_COARSE, "CLOCK_MONOTONIC_COARSE"},
};

/* Each clock works, has a sane tv_nsec (MONOTONIC may legitimately be
 * under 1 s on a freshly booted small kernel, so tv_sec >= 0 only) and a positive resolution. */
static void clocks_work(void)
{
	for (unsigned i = 0; i < sizeof clocks / sizeof clocks[0]; i++) {
		struct timespec t, res;
		int ok = clock_gettime(clocks[i].id, &t) == 0 && t.tv_nsec >= 0 &&
			 t.tv_nsec < 1000000000 && t.tv_sec >= 0;
		ok = ok && clock_getres(clocks[i].id, &res) == 0 && ns(&res) > 0;
		report(ok, "%s: gettime/getres ok: %s", clocks[i].name, yesno(ok));
	}
	/* REALTIME counts from 1970; anything before 2020 means an unset
	 * clock (our kernel must read the RTC). */
	report(now(CLOCK_REALTIME) / 1000000000LL > 1577836800LL,
	       "CLOCK_REALTIME after 2020-01-01: %s",
	       yesno(now(CLOCK_REALTIME) / 1000000000LL > 1577836800LL));
}

/* Monotonic clocks must never go backwards, even across CPUs. */
static void monotonic(clockid_t c, const char *name)
{
	long long prev = now(c), backwards = 0;
	for (int i = 0; i < 10000; i++) {
		long long t = now(c);
		if (t < prev)
			backwards++;
		prev = t;
	}
	report(backwards == 0, "%s: 10000 reads, never backwards: %s", name,
	       yesno(backwards == 0));
}

static void sleeps(void)
{
	long long t0 = now(CLOCK_MONOTONIC);
	struct timespec req = {0, 50000000};
	int r = nanosleep(&req, NULL);
	long long d = now(CLOCK_MONOTONIC) - t0;
	report(r == 0 && d >= 50000000LL && d < 5000000000LL,
	       "nanosleep(50 ms): returned %d, slept >= 50 ms and < 5 s: %s", r,
	       yesno(d >= 50000000LL && d < 5000000000LL));

	/* Absolute deadline: must not return before it. */
	struct timespec dl;
	clock_gettime(CLOCK_MONOTONIC, &dl);
	long long target = ns(&dl) + 20000000LL;
	dl.tv_sec = target / 1000000000LL;
	dl.tv_nsec = target % 1000000000LL;
	r = clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &dl, NULL);
	d = now(CLOCK_MONOTONIC) - target;
	report(r == 0 && d >= 0 && d < 5000000000LL,
	       "clock_nanosleep(TIMER_ABSTIME, +20 ms): returned %d, not early: %s", r,
	       yesno(d >= 0));

	/* A zero sleep returns immediately with success. */
	struct timespec zero = {0, 0};
	report(nanosleep(&zero, NULL) == 0, "nanosleep(0): 0");
}

/* gettimeofday and CLOCK_REALTIME read the same clock. */
static void tod(void)
{
	struct timeval tv;
	long long a = now(CLOCK_REALTIME);
	int r = gettimeofday(&tv, NULL);
	long long b = now(CLOCK_REALTIME);
	long long t = tv.tv_sec * 1000000000LL + tv.tv_usec * 1000LL;
	int ok = r == 0 && tv.tv_usec >= 0 && tv.tv_usec < 1000000 &&
		 t >= a - 1000000000LL && t <= b + 1000000000LL;
	report(ok, "gettimeofday within 1 s of CLOCK_REALTIME: %s", yesno(ok));
	time_t tt = time(NULL);
	ok = tt >= a / 1000000000LL - 1 && tt <= now(CLOCK_REALTIME) / 1000000000LL + 1;
	report(ok, "time() within 1 s of CLOCK_REALTIME: %s", yesno(ok));
}

static void sched(void)
{
	report(sched_yield() == 0, "sched_yield: 0");
	cpu_set_t set;
	CPU_ZERO(&set);
	int r = sched_getaffinity(0, sizeof set, &set);
	report(r == 0 && CPU_COUNT(&set) >= 1, "sched_getaffinity: returned %d, mask non-empty: %s",
	       r, yesno(CPU_COUNT(&set) >= 1));
	/* Assumes the test is not confined to a cpuset without CPU 0. */
	report(CPU_ISSET(0, &set), "sched_getaffinity: CPU 0 in mask: %s",
	       yesno(CPU_ISSET(0, &set)));
}

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	clocks_work();
	monotonic(CLOCK_MONOTONIC, "CLOCK_MONOTONIC");
	monotonic(CLOCK_MONOTONIC_COARSE, "CLOCK_MONOTONIC_COARSE");
	sleeps();
	tod();
	sched();
	if (failed)
		printf("time: %d check(s) FAILED\n", failed);
	else
		printf("time: all checks passed\n");
	return failed ? 1 : 0;
}
