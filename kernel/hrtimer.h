/* hrtimer.h - precise sleeps (kernel/hrtimer.c).  Linux builds them on
 * high-resolution timers; here a sleep is tick-granular and re-checks a
 * precise clock on each wake-up, so it is never short. */
#ifndef KERNEL_HRTIMER_H
#define KERNEL_HRTIMER_H

#include "kernel/types.h"
#include "kernel/timekeeping.h"

/* A clock to sleep against: returns its time in nanoseconds. */
typedef s64 (*clock_get_ns_t)(void);

/*
 * Sleep until clock_get() reaches rqt (abs) or for rqt (relative), in
 * TASK_INTERRUPTIBLE.  Returns 0 when the time is up; when a signal ends
 * the sleep early, writes the time left to rmtp (relative sleeps, if
 * rmtp is not NULL) and returns -EINTR, or -EFAULT if rmtp is bad.
 * rqt must be valid (timespec64_valid).  Process context.
 */
long hrtimer_nanosleep(clock_get_ns_t clock_get, const struct timespec64 *rqt,
		       bool abs, struct __kernel_timespec *rmtp);

/* The monotonic clock as a clock_get_ns_t. */
s64 ktime_get_mono_ns(void);

#endif
