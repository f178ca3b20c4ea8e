/*
 * time.h - the tick (jiffies) and the monotonic clock.
 *
 * The tick (kernel/tick.c) runs HZ times a second and keeps jiffies at
 * the number of whole ticks of the monotonic clock.  That clock comes
 * from the TSC, a 64-bit cycle counter whose rate is measured at boot
 * (arch/x86_64/tsc.c): ktime_get_ns() is nanoseconds since the first
 * measurement, and never goes backwards.
 */
#ifndef KERNEL_TIME_H
#define KERNEL_TIME_H

#include "kernel/types.h"

#define HZ		100
#define NSEC_PER_SEC	1000000000ULL
#define NSEC_PER_MSEC	1000000ULL
#define NSEC_PER_USEC	1000ULL

extern volatile u64 jiffies;

/* Nanoseconds since boot (0 until the clock is calibrated).  Any context. */
u64 ktime_get_ns(void);
/* Busy-wait; for short hardware delays only.  Any context. */
void udelay(unsigned long usecs);

/* Run the clock at tsc_hz cycles per second from now on: the first call
 * starts it at 0, later ones (a better measurement) keep it continuous.
 * Any context. */
void clocksource_tsc_set_rate(u64 tsc_hz);
/* The TSC rate the clock uses, in kHz (0 before calibration). */
u64 tsc_khz(void);

/* Compare jiffies values so that the answer stays right when the
 * counter wraps (it would take a while at 64 bits, but the idiom is
 * what Linux code uses everywhere). */
#define time_after(a, b)	((long)((b) - (a)) < 0)
#define time_before(a, b)	time_after(b, a)
#define time_after_eq(a, b)	((long)((a) - (b)) >= 0)
#define time_before_eq(a, b)	time_after_eq(b, a)

static inline u64 jiffies_to_msecs(u64 j)
{
	return j * 1000 / HZ;
}

static inline u64 msecs_to_jiffies(u64 ms)
{
	return (ms * HZ + 999) / 1000;
}

/* Boot, after the slab allocator: timer_create's cache
 * (kernel/posix-timers.c). */
void posix_timers_init(void);

#endif
