/*
 * timekeeping.h - the clocks user space can read: monotonic (ktime, from
 * the TSC), wall time (the RTC read at boot plus monotonic), and their
 * tick-granular "coarse" versions; and the time structures of the system
 * call ABI (Linux's include/linux/time64.h and uapi/linux/time_types.h).
 *
 * Context: any, unless a function says otherwise.
 */
#ifndef KERNEL_TIMEKEEPING_H
#define KERNEL_TIMEKEEPING_H

#include "kernel/types.h"
#include "kernel/time.h"

/* One tick in nanoseconds: the resolution of the coarse clocks. */
#define TICK_NSEC	(NSEC_PER_SEC / HZ)
/* The largest time in nanoseconds; later deadlines are clamped to it. */
#define KTIME_MAX	((s64)(~0ULL >> 1))

/* The kernel's own seconds + nanoseconds. */
struct timespec64 {
	s64 tv_sec;
	long tv_nsec;			/* 0 .. NSEC_PER_SEC - 1 */
};

/* What user space passes: struct timespec of x86-64 (64-bit fields). */
struct __kernel_timespec {
	s64 tv_sec;
	s64 tv_nsec;
};

/* struct timeval of gettimeofday(2) on x86-64. */
struct __kernel_old_timeval {
	long tv_sec;
	long tv_usec;
};

/* struct timezone of gettimeofday(2): obsolete, always zeros here. */
struct timezone {
	int tz_minuteswest;
	int tz_dsttime;
};

/* Monotonic, but only advancing once a tick (<= ktime_get_ns()). */
u64 ktime_get_coarse_ns(void);
/* Nanoseconds since the Unix epoch (UTC). */
s64 ktime_get_real_ns(void);
s64 ktime_get_coarse_real_ns(void);
s64 ktime_get_real_seconds(void);

/* Read the RTC and fix the wall time.  Boot, after the TSC clock is
 * calibrated (it may busy-wait for the RTC's update cycle). */
void timekeeping_init(void);

static inline struct timespec64 ns_to_timespec64(s64 ns)
{
	struct timespec64 ts = { ns / (s64)NSEC_PER_SEC, ns % (s64)NSEC_PER_SEC };

	if (ts.tv_nsec < 0) {
		ts.tv_sec--;
		ts.tv_nsec += NSEC_PER_SEC;
	}
	return ts;
}

/* Whether ts is a valid non-negative time (Linux's timespec64_valid). */
static inline bool timespec64_valid(const struct timespec64 *ts)
{
	return ts->tv_sec >= 0 && ts->tv_nsec >= 0 &&
	       (u64)ts->tv_nsec < NSEC_PER_SEC;
}

/* ts in nanoseconds, clamped to KTIME_MAX; ts must be valid. */
static inline s64 timespec64_to_ns(const struct timespec64 *ts)
{
	if (ts->tv_sec >= KTIME_MAX / (s64)NSEC_PER_SEC)
		return KTIME_MAX;
	return ts->tv_sec * (s64)NSEC_PER_SEC + ts->tv_nsec;
}

/* Copy a struct __kernel_timespec in or out; 0 or -EFAULT.  Process
 * context (kernel/timekeeping.c). */
int get_timespec64(struct timespec64 *ts, const struct __kernel_timespec *uts);
int put_timespec64(const struct timespec64 *ts, struct __kernel_timespec *uts);

#endif
