/*
 * posix-timers_test.c - self-tests for the time system calls: every
 * clock id (and bad ones), resolution, the RTC-based wall clock, sleeps
 * that are never short, argument validation and EFAULT.
 */
#include "kernel/selftest.h"
#include "kernel/errno.h"
#include "kernel/timekeeping.h"
#include "kernel/syscalls.h"
#include "kernel/user_test.h"
#include "drivers/rtc.h"
#include "arch/x86_64/uaccess.h"

#define TS	((struct __kernel_timespec __user *)UT_BUF)
#define TS2	((struct __kernel_timespec __user *)(UT_BUF + 64))
#define BAD_TS	((struct __kernel_timespec __user *)UT_HOLE)
#define KERNEL_TS ((struct __kernel_timespec __user *)&init_task)

/* A pid's CPU clock id, as clock_getcpuclockid builds it (2: SCHED). */
#define CPU_CLOCK(pid, thread) \
	((int)(~(unsigned int)(pid) << 3) | ((thread) ? 4 : 0) | 2)

static struct __kernel_timespec read_ts(struct __kernel_timespec __user *uts)
{
	struct __kernel_timespec ts;

	if (copy_from_user(&ts, uts, sizeof(ts)))
		ts.tv_sec = ts.tv_nsec = -1;
	return ts;
}

static int write_ts(struct __kernel_timespec __user *uts, s64 sec, s64 nsec)
{
	struct __kernel_timespec ts = { sec, nsec };

	return copy_to_user(uts, &ts, sizeof(ts)) ? -1 : 0;
}

static s64 ts_ns(struct __kernel_timespec ts)
{
	return ts.tv_sec * (s64)NSEC_PER_SEC + ts.tv_nsec;
}

/* One clock_gettime, as nanoseconds (or -1). */
static s64 clock_ns(int id)
{
	if (sys_clock_gettime(id, TS))
		return -1;
	return ts_ns(read_ts(TS));
}

static int check_clock_ids(void)
{
	static const int good[] = { 0, 1, 2, 3, 4, 5, 6, 7, 11 };
	static const int bad[] = { 8, 9, 10, 12, 15, 16, 1000, -1, -5 };

	for (unsigned i = 0; i < ARRAY_SIZE(good); i++) {
		ST_ASSERT_EQ(sys_clock_gettime(good[i], TS), 0);
		struct __kernel_timespec ts = read_ts(TS);
		ST_ASSERT(ts.tv_sec >= 0);
		ST_ASSERT(ts.tv_nsec >= 0 && ts.tv_nsec < (s64)NSEC_PER_SEC);
	}
	for (unsigned i = 0; i < ARRAY_SIZE(bad); i++)
		ST_ASSERT_EQ(sys_clock_gettime(bad[i], TS), -EINVAL);
	/* Our own CPU clocks by pid 0, as clock_getcpuclockid encodes. */
	ST_ASSERT_EQ(sys_clock_gettime(CPU_CLOCK(0, false), TS), 0);	/* process */
	ST_ASSERT_EQ(sys_clock_gettime(CPU_CLOCK(0, true), TS), 0); /* thread */
	ST_ASSERT_EQ(sys_clock_gettime(CPU_CLOCK(9999, false), TS), -EINVAL);
	/* A bad clock wins over a bad pointer; then the pointer counts. */
	ST_ASSERT_EQ(sys_clock_gettime(10, BAD_TS), -EINVAL);
	ST_ASSERT_EQ(sys_clock_gettime(0, BAD_TS), -EFAULT);
	ST_ASSERT_EQ(sys_clock_gettime(1, KERNEL_TS), -EFAULT);
	ST_ASSERT_EQ(sys_clock_gettime(1, NULL), -EFAULT);
	return 0;
}

static int check_clock_order(void)
{
	for (int i = 0; i < 1000; i++) {
		s64 coarse = clock_ns(6), a = clock_ns(1), b = clock_ns(1);
		ST_ASSERT(a > 0 && b >= a);
		ST_ASSERT(coarse <= a && a - coarse <= (s64)TICK_NSEC * 2);
		s64 rc = clock_ns(5), r = clock_ns(0);
		ST_ASSERT(rc <= r && r - rc <= (s64)TICK_NSEC * 2);
	}
	return 0;
}

static int check_clock_getres(void)
{
	for (int id = 0; id <= 7; id++) {
		ST_ASSERT_EQ(sys_clock_getres(id, TS), 0);
		struct __kernel_timespec ts = read_ts(TS);
		ST_ASSERT_EQ(ts.tv_sec, 0);
		ST_ASSERT_EQ(ts.tv_nsec, id == 5 || id == 6 ? 10000000 : 1);
	}
	ST_ASSERT_EQ(sys_clock_getres(0, NULL), 0);	/* NULL is allowed */
	ST_ASSERT_EQ(sys_clock_getres(8, NULL), -EINVAL);
	ST_ASSERT_EQ(sys_clock_getres(12, TS), -EINVAL);
	ST_ASSERT_EQ(sys_clock_getres(1, BAD_TS), -EFAULT);
	return 0;
}

SELFTEST(clock_gettime_ids)
{
	struct mm_struct *mm = user_test_begin();

	ST_ASSERT(mm);
	int r = check_clock_ids();
	if (!r)
		r = check_clock_order();
	if (!r)
		r = check_clock_getres();
	user_test_end(mm);
	return r;
}

SELFTEST(rtc_epoch)
{
	struct rtc_time epoch = { 0, 0, 0, 1, 1, 1970 };
	struct rtc_time leap = { 56, 34, 12, 29, 2, 2024 };
	struct rtc_time march = { 0, 0, 0, 1, 3, 2000 };
	struct rtc_time end = { 59, 59, 23, 31, 12, 2099 };
	struct rtc_time now;

	ST_ASSERT_EQ(rtc_tm_to_time64(&epoch), 0);
	ST_ASSERT_EQ(rtc_tm_to_time64(&leap), 1709210096);
	ST_ASSERT_EQ(rtc_tm_to_time64(&march), 951868800);
	ST_ASSERT_EQ(rtc_tm_to_time64(&end), 4102444799LL);
	ST_ASSERT_EQ(rtc_read_time(&now), 0);
	ST_ASSERT(now.tm_year >= 2024 && now.tm_year < 2100);
	ST_ASSERT(now.tm_mon >= 1 && now.tm_mon <= 12);
	ST_ASSERT(now.tm_mday >= 1 && now.tm_mday <= 31);
	ST_ASSERT(now.tm_hour < 24 && now.tm_min < 60 && now.tm_sec < 60);
	/* The wall clock (read at boot) agrees with the RTC now. */
	s64 diff = ktime_get_real_seconds() - rtc_tm_to_time64(&now);
	ST_ASSERT(diff >= -2 && diff <= 2);
	return 0;
}

static int check_wall_clock(void)
{
	s64 r1 = clock_ns(0), m1 = clock_ns(1);

	ST_ASSERT(r1 / (s64)NSEC_PER_SEC >= 1704067200);	/* 2024-01-01 */
	ST_ASSERT(r1 / (s64)NSEC_PER_SEC < 4102444800LL);	/* 2100-01-01 */
	msleep(50);
	s64 r2 = clock_ns(0), m2 = clock_ns(1);
	s64 skew = (r2 - r1) - (m2 - m1);
	ST_ASSERT(r2 - r1 >= 50 * (s64)NSEC_PER_MSEC);
	ST_ASSERT(skew > -(s64)NSEC_PER_MSEC && skew < (s64)NSEC_PER_MSEC);

	/* gettimeofday: a timeval close to CLOCK_REALTIME, zeroed tz. */
	struct __kernel_old_timeval __user *tv = (void __user *)UT_BUF;
	struct timezone __user *tz = (void __user *)(UT_BUF + 64);
	struct __kernel_old_timeval ktv;
	struct timezone ktz = { -1, -1 };
	ST_ASSERT_EQ(copy_to_user(tz, &ktz, sizeof(ktz)), 0);
	ST_ASSERT_EQ(sys_gettimeofday(tv, tz), 0);
	ST_ASSERT_EQ(copy_from_user(&ktv, tv, sizeof(ktv)), 0);
	ST_ASSERT_EQ(copy_from_user(&ktz, tz, sizeof(ktz)), 0);
	ST_ASSERT(ktv.tv_usec >= 0 && ktv.tv_usec < 1000000);
	s64 diff = ktv.tv_sec - clock_ns(0) / (s64)NSEC_PER_SEC;
	ST_ASSERT(diff >= -1 && diff <= 0);
	ST_ASSERT(ktz.tz_minuteswest == 0 && ktz.tz_dsttime == 0);
	ST_ASSERT_EQ(sys_gettimeofday(NULL, NULL), 0);
	ST_ASSERT_EQ(sys_gettimeofday((void __user *)UT_HOLE, NULL), -EFAULT);
	ST_ASSERT_EQ(sys_gettimeofday(NULL, (void __user *)UT_HOLE), -EFAULT);

	/* time: returns the seconds, and stores them if asked. */
	s64 __user *tloc = (s64 __user *)UT_BUF;
	s64 t = sys_time(NULL), stored = 0;
	ST_ASSERT(t >= 1704067200 && t < 4102444800LL);
	long t2 = sys_time(tloc);
	ST_ASSERT(t2 >= t && t2 - t <= 1);
	ST_ASSERT_EQ(get_user(stored, tloc), 0);
	ST_ASSERT_EQ(stored, t2);
	ST_ASSERT_EQ(sys_time((s64 __user *)UT_HOLE), -EFAULT);
	return 0;
}

SELFTEST(realtime_clock)
{
	struct mm_struct *mm = user_test_begin();

	ST_ASSERT(mm);
	int r = check_wall_clock();
	user_test_end(mm);
	return r;
}

/* Sleep with sleep(), return the nanoseconds it took (or -1). */
static s64 timed(long (*sleep)(void), long *ret)
{
	u64 t0 = ktime_get_ns();

	*ret = sleep();
	return ktime_get_ns() - t0;
}

static long sleep_rel(void)
{
	return sys_nanosleep(TS, TS2);
}

static long sleep_clock_rt(void)
{
	return sys_clock_nanosleep(0, 0, TS, TS2);
}

static long sleep_abs(void)
{
	return sys_clock_nanosleep(1, 1, TS, TS2);
}

static long sleep_flags(void)
{
	return sys_clock_nanosleep(1, 0x10, TS, NULL);
}

/* 30 ms sleeps end no earlier than asked, and not at some other timer's
 * time.  The upper bound is loose: a busy host can stop the emulated CPU
 * for tens of milliseconds (tools/sleep-bench measures how late). */
static int check_sleep_bounds(void)
{
	const s64 ms30 = 30 * NSEC_PER_MSEC, slack = 700 * NSEC_PER_MSEC;
	long (*relative[])(void) = { sleep_rel, sleep_clock_rt, sleep_flags };
	long ret;

	for (unsigned i = 0; i < ARRAY_SIZE(relative); i++) {
		ST_ASSERT_EQ(write_ts(TS, 0, ms30), 0);
		ST_ASSERT_EQ(write_ts(TS2, 77, 77), 0);
		s64 ns = timed(relative[i], &ret);
		ST_ASSERT_EQ(ret, 0);
		ST_ASSERT(ns >= ms30 && ns < ms30 + slack);
		/* rem is written only when interrupted. */
		ST_ASSERT_EQ(read_ts(TS2).tv_sec, 77);
	}
	/* Absolute: until CLOCK_MONOTONIC reaches now + 30 ms. */
	s64 deadline = clock_ns(1) + ms30;
	ST_ASSERT_EQ(write_ts(TS, deadline / (s64)NSEC_PER_SEC,
			      deadline % (s64)NSEC_PER_SEC), 0);
	timed(sleep_abs, &ret);
	ST_ASSERT_EQ(ret, 0);
	s64 now = (s64)ktime_get_ns();
	ST_ASSERT(now >= deadline && now < deadline + slack);
	/* A deadline in the past returns at once. */
	ST_ASSERT_EQ(write_ts(TS, 0, 5), 0);
	ST_ASSERT(timed(sleep_abs, &ret) < (s64)NSEC_PER_MSEC * 500);
	ST_ASSERT_EQ(ret, 0);
	/* So does a zero relative sleep. */
	ST_ASSERT_EQ(write_ts(TS, 0, 0), 0);
	ST_ASSERT_EQ(sys_nanosleep(TS, NULL), 0);
	return 0;
}

static int check_sleep_errors(void)
{
	static const s64 bad[][2] = {
		{ 0, 1000000000 }, { 0, -1 }, { -1, 0 }, { 0, 1LL << 40 },
	};

	for (unsigned i = 0; i < ARRAY_SIZE(bad); i++) {
		ST_ASSERT_EQ(write_ts(TS, bad[i][0], bad[i][1]), 0);
		ST_ASSERT_EQ(sys_nanosleep(TS, NULL), -EINVAL);
		ST_ASSERT_EQ(sys_clock_nanosleep(0, 0, TS, NULL), -EINVAL);
		ST_ASSERT_EQ(sys_clock_nanosleep(1, 1, TS, NULL), -EINVAL);
	}
	ST_ASSERT_EQ(sys_nanosleep(BAD_TS, NULL), -EFAULT);
	ST_ASSERT_EQ(sys_nanosleep(KERNEL_TS, NULL), -EFAULT);
	ST_ASSERT_EQ(sys_clock_nanosleep(1, 0, BAD_TS, NULL), -EFAULT);
	/* Clocks that cannot be slept on, before the pointer is read. */
	static const int nosleep[] = { 3, 4, 5, 6, 8, 9 };
	for (unsigned i = 0; i < ARRAY_SIZE(nosleep); i++)
		ST_ASSERT_EQ(sys_clock_nanosleep(nosleep[i], 0, BAD_TS, NULL),
			     -EOPNOTSUPP);
	ST_ASSERT_EQ(sys_clock_nanosleep(10, 0, TS, NULL), -EINVAL);
	ST_ASSERT_EQ(sys_clock_nanosleep(-1, 0, TS, NULL), -EINVAL);
	ST_ASSERT_EQ(sys_clock_nanosleep(CPU_CLOCK(0, true), 0, TS, NULL), -EINVAL);
	return 0;
}

/* A pending signal ends the sleep at once: -EINTR and the time left. */
static int check_sleep_signal(void)
{
	long ret;

	current->sigpending = true;
	ST_ASSERT_EQ(write_ts(TS, 1, 0), 0);
	s64 ns = timed(sleep_rel, &ret);
	ST_ASSERT_EQ(ret, -EINTR);
	ST_ASSERT(ns < 500 * (s64)NSEC_PER_MSEC);	/* not the whole second */
	s64 rem = ts_ns(read_ts(TS2));
	ST_ASSERT(rem > (s64)NSEC_PER_SEC - ns - 50 * (s64)NSEC_PER_MSEC &&
		  rem <= (s64)NSEC_PER_SEC);
	/* A bad rem turns it into -EFAULT. */
	ST_ASSERT_EQ(sys_nanosleep(TS, BAD_TS), -EFAULT);
	/* Absolute sleeps never write rem. */
	ST_ASSERT_EQ(write_ts(TS2, 77, 77), 0);
	s64 deadline = clock_ns(1) + (s64)NSEC_PER_SEC;
	ST_ASSERT_EQ(write_ts(TS, deadline / (s64)NSEC_PER_SEC,
			      deadline % (s64)NSEC_PER_SEC), 0);
	ST_ASSERT_EQ(sys_clock_nanosleep(1, 1, TS, TS2), -EINTR);
	ST_ASSERT_EQ(read_ts(TS2).tv_sec, 77);
	return 0;
}

SELFTEST(nanosleep_syscalls)
{
	struct mm_struct *mm = user_test_begin();

	ST_ASSERT(mm);
	int r = check_sleep_bounds();
	if (!r)
		r = check_sleep_errors();
	if (!r)
		r = check_sleep_signal();
	current->sigpending = false;
	user_test_end(mm);
	return r;
}
