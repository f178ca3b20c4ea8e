/* timeouts: every call that sleeps until a deadline, at short timeouts
 * (1 us to 2.5 ms): nanosleep, clock_nanosleep (relative and absolute,
 * MONOTONIC, BOOTTIME, REALTIME), poll, ppoll, select, pselect6,
 * epoll_wait, epoll_pwait and epoll_pwait2 each end on time, never
 * before the time asked (measured on the clock they sleep on), with 0
 * (timed out) as their result; absolute deadlines already past return
 * at once with 0.  ITIMER_REAL: getitimer's value and interval after
 * setitimer, the old value setitimer returns, alarm's rounding, a
 * periodic timer's signals on its grid, and Linux's rule that a
 * periodic timer whose SIGALRM is ignored or blocked is not re-armed
 * until the signal is taken.  Only yes/no and values that do not
 * depend on timing are printed; how late the sleeps end is measured by
 * tools/sleep-bench, not here. */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/select.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "check.h"
#include "catch.h"

#ifndef SYS_epoll_pwait2
#define SYS_epoll_pwait2 441
#endif

#define ROUNDS 8

static int rfd, epfd;		/* an empty pipe's read end, an epoll on it */

static long long now_on(clockid_t c)
{
	struct timespec ts;

	clock_gettime(c, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static struct timespec ts_of(long long ns)
{
	struct timespec ts = { ns / 1000000000LL, ns % 1000000000LL };
	return ts;
}

/* Each sleeps ns (ms for the millisecond calls) and returns the call's
 * result; *clock says which clock measures it. */
typedef int (*sleeper)(long long ns, clockid_t *clock);

static int s_nanosleep(long long ns, clockid_t *c)
{
	struct timespec ts = ts_of(ns);
	*c = CLOCK_MONOTONIC;
	return nanosleep(&ts, NULL);
}

static int s_clock_rel_boottime(long long ns, clockid_t *c)
{
	struct timespec ts = ts_of(ns);
	*c = CLOCK_BOOTTIME;
	return clock_nanosleep(CLOCK_BOOTTIME, 0, &ts, NULL);
}

static int abs_sleep(clockid_t clock, long long ns, clockid_t *c)
{
	struct timespec ts = ts_of(now_on(clock) + ns);
	*c = clock;
	return clock_nanosleep(clock, TIMER_ABSTIME, &ts, NULL);
}

static int s_clock_abs_monotonic(long long ns, clockid_t *c)
{
	return abs_sleep(CLOCK_MONOTONIC, ns, c);
}

static int s_clock_abs_realtime(long long ns, clockid_t *c)
{
	return abs_sleep(CLOCK_REALTIME, ns, c);
}

static int s_poll(long long ns, clockid_t *c)
{
	struct pollfd p = { .fd = rfd, .events = POLLIN };
	*c = CLOCK_MONOTONIC;
	return poll(&p, 1, (int)(ns / 1000000));
}

static int s_ppoll(long long ns, clockid_t *c)
{
	struct pollfd p = { .fd = rfd, .events = POLLIN };
	struct timespec ts = ts_of(ns);
	*c = CLOCK_MONOTONIC;
	return ppoll(&p, 1, &ts, NULL);
}

static int s_select(long long ns, clockid_t *c)
{
	fd_set r;
	struct timeval tv = { 0, ns / 1000 };
	FD_ZERO(&r);
	FD_SET(rfd, &r);
	*c = CLOCK_MONOTONIC;
	return select(rfd + 1, &r, NULL, NULL, &tv);
}

static int s_pselect(long long ns, clockid_t *c)
{
	fd_set r;
	struct timespec ts = ts_of(ns);
	FD_ZERO(&r);
	FD_SET(rfd, &r);
	*c = CLOCK_MONOTONIC;
	return pselect(rfd + 1, &r, NULL, NULL, &ts, NULL);
}

static int s_epoll_wait(long long ns, clockid_t *c)
{
	struct epoll_event ev;
	*c = CLOCK_MONOTONIC;
	return epoll_wait(epfd, &ev, 1, (int)(ns / 1000000));
}

static int s_epoll_pwait(long long ns, clockid_t *c)
{
	struct epoll_event ev;
	sigset_t none;
	sigemptyset(&none);
	*c = CLOCK_MONOTONIC;
	return epoll_pwait(epfd, &ev, 1, (int)(ns / 1000000), &none);
}

static int s_epoll_pwait2(long long ns, clockid_t *c)
{
	struct epoll_event ev;
	struct timespec ts = ts_of(ns);
	*c = CLOCK_MONOTONIC;
	return (int)syscall(SYS_epoll_pwait2, epfd, &ev, 1, &ts, NULL, 8);
}

static const struct {
	const char *name;
	sleeper fn;
	int ms_only;		/* takes milliseconds */
} calls[] = {
	{ "nanosleep", s_nanosleep, 0 },
	{ "clock_nanosleep(BOOTTIME)", s_clock_rel_boottime, 0 },
	{ "clock_nanosleep(MONOTONIC, TIMER_ABSTIME)", s_clock_abs_monotonic, 0 },
	{ "clock_nanosleep(REALTIME, TIMER_ABSTIME)", s_clock_abs_realtime, 0 },
	{ "poll", s_poll, 1 },
	{ "ppoll", s_ppoll, 0 },
	{ "select", s_select, 0 },
	{ "pselect6", s_pselect, 0 },
	{ "epoll_wait", s_epoll_wait, 1 },
	{ "epoll_pwait", s_epoll_pwait, 1 },
	{ "epoll_pwait2", s_epoll_pwait2, 0 },
};

static void never_early(void)
{
	static const long long fine[] = { 1000, 100000, 1000000, 2500000 };
	static const long long ms[] = { 1000000, 2000000 };

	for (unsigned i = 0; i < sizeof calls / sizeof calls[0]; i++) {
		const long long *t = calls[i].ms_only ? ms : fine;
		unsigned nt = calls[i].ms_only ? 2 : 4;
		for (unsigned k = 0; k < nt; k++) {
			int early = 0, bad = 0;
			for (int r = 0; r < ROUNDS; r++) {
				clockid_t c = CLOCK_MONOTONIC;
				long long t0 = now_on(CLOCK_REALTIME), m0 = now_on(CLOCK_MONOTONIC);
				int ret = calls[i].fn(t[k], &c);
				long long d = c == CLOCK_REALTIME ? now_on(c) - t0
								  : now_on(c) - m0;
				bad += ret != 0;
				early += d < t[k];
			}
			report(!early && !bad, "%s %lld us: %d of %d returned 0, none early: %s",
			       calls[i].name, t[k] / 1000, ROUNDS - bad, ROUNDS,
			       yesno(!early));
		}
	}
}

/* A deadline already past: no sleep, 0. */
static void past_deadlines(void)
{
	/* (Half the uptime ago: a kernel just booted has little of it.) */
	struct timespec past = ts_of(now_on(CLOCK_MONOTONIC) / 2);
	report(clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &past, NULL) == 0,
	       "clock_nanosleep(MONOTONIC) to a time past: 0");
	struct timespec epoch = { 0, 0 };
	report(clock_nanosleep(CLOCK_REALTIME, TIMER_ABSTIME, &epoch, NULL) == 0,
	       "clock_nanosleep(REALTIME) to 1970: 0");
}

static void set_it(long value_us, long interval_us, struct itimerval *old)
{
	struct itimerval it = { { interval_us / 1000000, interval_us % 1000000 },
				{ value_us / 1000000, value_us % 1000000 } };
	setitimer(ITIMER_REAL, &it, old);
}

static long long tv_us(const struct timeval *tv)
{
	return tv->tv_sec * 1000000LL + tv->tv_usec;
}

static void itimer_values(void)
{
	struct itimerval it, old;

	handle(SIGALRM, 0);
	set_it(1500000, 0, NULL);
	getitimer(ITIMER_REAL, &it);
	report(tv_us(&it.it_value) <= 1500000 && tv_us(&it.it_value) > 1000000,
	       "getitimer after 1.5 s: value in (1 s, 1.5 s]: %s, interval %ld.%06ld",
	       yesno(tv_us(&it.it_value) <= 1500000 && tv_us(&it.it_value) > 1000000),
	       (long)it.it_interval.tv_sec, (long)it.it_interval.tv_usec);
	set_it(250000, 100000, &old);
	report(tv_us(&old.it_value) <= 1500000 && tv_us(&old.it_value) > 1000000,
	       "setitimer's old value is the 1.5 s one: %s",
	       yesno(tv_us(&old.it_value) <= 1500000 && tv_us(&old.it_value) > 1000000));
	getitimer(ITIMER_REAL, &it);
	report(tv_us(&it.it_value) <= 250000, "interval %ld.%06ld, value <= 0.25 s: %s",
	       (long)it.it_interval.tv_sec, (long)it.it_interval.tv_usec,
	       yesno(tv_us(&it.it_value) <= 250000));
	set_it(0, 0, &old);
	getitimer(ITIMER_REAL, &it);
	report(tv_us(&it.it_value) == 0 && tv_us(&it.it_interval) == 0,
	       "disarmed: value %ld.%06ld interval %ld.%06ld; old interval %ld.%06ld",
	       (long)it.it_value.tv_sec, (long)it.it_value.tv_usec,
	       (long)it.it_interval.tv_sec, (long)it.it_interval.tv_usec,
	       (long)old.it_interval.tv_sec, (long)old.it_interval.tv_usec);
	/* A zero value disarms, whatever the interval says. */
	set_it(0, 100000, NULL);
	getitimer(ITIMER_REAL, &it);
	report(tv_us(&it.it_interval) == 0, "value 0 with an interval: interval %ld.%06ld",
	       (long)it.it_interval.tv_sec, (long)it.it_interval.tv_usec);

	/* The alarm system call returns the old alarm's seconds rounded to
	 * nearest, and 1 (not 0) for one under half a second away.  (musl's
	 * alarm() is setitimer and rounds up: the raw call is tested.) */
	static const long olds[] = { 400000, 1300000, 1600000, 5000000 };
	long a[5];
	for (int i = 0; i < 4; i++) {
		set_it(olds[i], 0, NULL);
		a[i] = syscall(SYS_alarm, 0);
	}
	a[4] = syscall(SYS_alarm, 0);
	report(1, "alarm(0) after 0.4 s, 1.3 s, 1.6 s, 5 s, none: %ld %ld %ld %ld %ld",
	       a[0], a[1], a[2], a[3], a[4]);
}

/* A periodic timer's k-th signal comes no sooner than value + (k-1)
 * periods after it was set. */
static void itimer_periodic(void)
{
	sigset_t alrm, old;

	handle(SIGALRM, 0);
	sigemptyset(&alrm);
	sigaddset(&alrm, SIGALRM);
	sigprocmask(SIG_BLOCK, &alrm, &old);
	long long t0 = now_on(CLOCK_MONOTONIC), early = 0;
	set_it(3000, 1000, NULL);
	for (int k = 1; k <= 10; k++) {
		sigsuspend(&old);
		early += now_on(CLOCK_MONOTONIC) - t0 < 3000000LL + (k - 1) * 1000000LL;
	}
	set_it(0, 0, NULL);
	sigprocmask(SIG_SETMASK, &old, NULL);
	report(got[SIGALRM] == 10 && !early,
	       "setitimer(3 ms, every 1 ms): 10 signals, none before its time: %s",
	       yesno(got[SIGALRM] == 10 && !early));
}

/* Linux re-arms a periodic ITIMER_REAL when its SIGALRM is taken, so an
 * ignored or blocked one stops after it fires once; unblocked and taken,
 * it runs again. */
/* Arm 10 ms, every 500 ms; 55 ms later, print what getitimer says. */
static void fire_once_and_look(const char *how)
{
	struct itimerval it;
	struct timespec wait = { 0, 55000000 };

	set_it(10000, 500000, NULL);
	nanosleep(&wait, NULL);
	getitimer(ITIMER_REAL, &it);
	report(1, "SIGALRM %s, 55 ms later: value %ld.%06ld interval %ld.%06ld",
	       how, (long)it.it_value.tv_sec, (long)it.it_value.tv_usec,
	       (long)it.it_interval.tv_sec, (long)it.it_interval.tv_usec);
}

static void itimer_not_rearmed(void)
{
	struct itimerval it;
	sigset_t alrm, old;

	signal(SIGALRM, SIG_IGN);
	fire_once_and_look("ignored");

	handle(SIGALRM, 0);
	sigemptyset(&alrm);
	sigaddset(&alrm, SIGALRM);
	sigprocmask(SIG_BLOCK, &alrm, &old);
	fire_once_and_look("blocked");
	sigprocmask(SIG_SETMASK, &old, NULL);	/* the pending one is taken */
	getitimer(ITIMER_REAL, &it);
	report(got[SIGALRM] == 1 && tv_us(&it.it_value) > 0,
	       "unblocked: handler ran once: %s, armed again: %s",
	       yesno(got[SIGALRM] == 1), yesno(tv_us(&it.it_value) > 0));
	set_it(0, 0, NULL);
}

int main(void)
{
	int p[2];
	struct epoll_event ev = { .events = EPOLLIN };

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (pipe(p) || (epfd = epoll_create1(0)) < 0 ||
	    epoll_ctl(epfd, EPOLL_CTL_ADD, p[0], &ev)) {
		perror("timeouts: setup");
		return 1;
	}
	rfd = p[0];
	never_early();
	past_deadlines();
	itimer_values();
	itimer_periodic();
	itimer_not_rearmed();
	if (failed)
		printf("timeouts: %d check(s) FAILED\n", failed);
	else
		printf("timeouts: all checks passed\n");
	return failed ? 1 : 0;
}
