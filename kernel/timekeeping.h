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
#include "kernel/ktime.h"

/* The clock ids of the system call ABI (Linux's uapi/linux/time.h). */
typedef int clockid_t;
#define CLOCK_REALTIME			0
#define CLOCK_MONOTONIC			1
#define CLOCK_PROCESS_CPUTIME_ID	2
#define CLOCK_THREAD_CPUTIME_ID		3
#define CLOCK_MONOTONIC_RAW		4
#define CLOCK_REALTIME_COARSE		5
#define CLOCK_MONOTONIC_COARSE		6
#define CLOCK_BOOTTIME			7
#define CLOCK_REALTIME_ALARM		8
#define CLOCK_BOOTTIME_ALARM		9
#define CLOCK_TAI			11
#define MAX_CLOCKS			16

/* clock_nanosleep's flag: the time is absolute. */
#define TIMER_ABSTIME			0x01

/* One tick in nanoseconds: the resolution of the coarse clocks. */
#define TICK_NSEC	(NSEC_PER_SEC / HZ)

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

/*
 * CLOCK_REALTIME minus CLOCK_MONOTONIC: the wall time at ktime 0, in ns
 * since the epoch.  Set once at boot (timekeeping_init); the realtime
 * hrtimer base reads it to turn wall-clock expiry times into monotonic
 * ones, so whatever sets the wall clock one day must tell the hrtimer
 * bases to look again.
 */
extern ktime_t offs_real;

/* CLOCK_MONOTONIC and CLOCK_REALTIME as ktime_t. */
static inline ktime_t ktime_get(void)
{
	return (ktime_t)ktime_get_ns();
}

static inline ktime_t ktime_get_real(void)
{
	return ktime_get() + READ_ONCE(offs_real);
}

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

static inline ktime_t timespec64_to_ktime(struct timespec64 ts)
{
	return ktime_set(ts.tv_sec, ts.tv_nsec);
}

static inline struct timespec64 ktime_to_timespec64(ktime_t kt)
{
	return ns_to_timespec64(kt);
}

/* Copy a struct __kernel_timespec in or out; 0 or -EFAULT.  Process
 * context (kernel/timekeeping.c). */
int get_timespec64(struct timespec64 *ts, const struct __kernel_timespec *uts);
int put_timespec64(const struct timespec64 *ts, struct __kernel_timespec *uts);

#endif
