/*
 * ktime.h - ktime_t, the kernel's time value: signed nanoseconds, as in
 * Linux's include/linux/ktime.h.  Monotonic time is nanoseconds since
 * the clock was calibrated at boot; a wall-clock ktime_t counts from the
 * Unix epoch.  Signed, so that "deadline - now" can be negative; 63 bits
 * of nanoseconds last 292 years, and KTIME_MAX stands for "never".
 *
 * Context: any.
 */
#ifndef KERNEL_KTIME_H
#define KERNEL_KTIME_H

#include "kernel/types.h"

typedef s64 ktime_t;

#define KTIME_MAX	((s64)(~0ULL >> 1))
#define KTIME_SEC_MAX	(KTIME_MAX / (s64)1000000000)

static inline ktime_t ktime_set(s64 secs, unsigned long nsecs)
{
	if (unlikely(secs >= KTIME_SEC_MAX))
		return KTIME_MAX;
	return secs * 1000000000LL + (s64)nsecs;
}

#define ktime_add(a, b)		((a) + (b))
#define ktime_sub(a, b)		((a) - (b))
#define ktime_add_ns(kt, ns)	((kt) + (s64)(ns))
#define ktime_to_ns(kt)		((s64)(kt))
#define ns_to_ktime(ns)		((ktime_t)(ns))

/* a + b, but KTIME_MAX instead of overflowing (a deadline far enough
 * away is "never"). */
static inline ktime_t ktime_add_safe(ktime_t a, ktime_t b)
{
	ktime_t res;

	if (__builtin_add_overflow(a, b, &res) || res < 0)
		return KTIME_MAX;
	return res;
}

static inline ktime_t ms_to_ktime(u64 ms)
{
	return (ktime_t)(ms * 1000000ULL);
}

static inline ktime_t us_to_ktime(u64 us)
{
	return (ktime_t)(us * 1000ULL);
}

static inline bool ktime_before(ktime_t a, ktime_t b)
{
	return a < b;
}

static inline bool ktime_after(ktime_t a, ktime_t b)
{
	return a > b;
}

#endif
