/*
 * timekeeping.c - wall time and the coarse clocks, on top of ktime (the
 * TSC clock of kernel/time.c).
 *
 * The wall time is read from the CMOS RTC once, at boot, and remembered
 * as the wall time at ktime 0 (offs_real); from then on
 *	CLOCK_REALTIME = offs_real + ktime_get_ns()
 * so the two clocks advance together and realtime inherits the TSC's
 * resolution.  Linux does the same at boot (read_persistent_clock64),
 * then lets NTP and settimeofday() adjust an offset; nothing adjusts it
 * here yet (no settimeofday, no NTP), so the offset stays fixed.
 *
 * The coarse clocks are the fine ones rounded down to a tick, which is
 * what Linux's coarse clocks are (the time at the last tick) without
 * needing the tick handler to record anything.
 *
 * Context: any, except timekeeping_init() (boot) and the user copies
 * (process context).
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/timekeeping.h"
#include "drivers/rtc.h"
#include "arch/x86_64/uaccess.h"

/* Wall time at ktime 0, in ns since the epoch.  Written once at boot,
 * before any realtime hrtimer is queued. */
ktime_t offs_real;

void timekeeping_init(void)
{
	struct rtc_time tm;

	if (rtc_read_time(&tm)) {
		pr_warn("timekeeping: no RTC; the wall clock starts at 1970\n");
		return;
	}
	s64 secs = rtc_tm_to_time64(&tm);
	offs_real = secs * (s64)NSEC_PER_SEC - (s64)ktime_get_ns();
	pr_info("rtc: %04d-%02d-%02d %02d:%02d:%02d UTC (%lld)\n", tm.tm_year,
		tm.tm_mon, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
		(long long)secs);
}

u64 ktime_get_coarse_ns(void)
{
	u64 ns = ktime_get_ns();

	return ns - ns % TICK_NSEC;
}

s64 ktime_get_real_ns(void)
{
	return ktime_get_real();
}

s64 ktime_get_coarse_real_ns(void)
{
	return READ_ONCE(offs_real) + (s64)ktime_get_coarse_ns();
}

s64 ktime_get_real_seconds(void)
{
	return ns_to_timespec64(ktime_get_real_ns()).tv_sec;
}

int get_timespec64(struct timespec64 *ts, const struct __kernel_timespec *uts)
{
	struct __kernel_timespec kts;

	if (copy_from_user(&kts, uts, sizeof(kts)))
		return -EFAULT;
	ts->tv_sec = kts.tv_sec;
	/* The field is 64 bits, but Linux validates it as a long, which on
	 * x86-64 is the same thing: no truncation to worry about. */
	ts->tv_nsec = kts.tv_nsec;
	return 0;
}

int put_timespec64(const struct timespec64 *ts, struct __kernel_timespec *uts)
{
	struct __kernel_timespec kts = { ts->tv_sec, ts->tv_nsec };

	return copy_to_user(uts, &kts, sizeof(kts)) ? -EFAULT : 0;
}
