/*
 * time.h - the tick (jiffies) and the monotonic clock.
 *
 * The local APIC timer interrupts HZ times a second; each interrupt adds
 * one to jiffies.  Finer time comes from the TSC, a 64-bit cycle counter
 * whose rate was measured against the PIT at boot: ktime_get_ns() is
 * nanoseconds since that measurement, and never goes backwards.
 */
#ifndef KERNEL_TIME_H
#define KERNEL_TIME_H

#include "kernel/types.h"

#define HZ		100
#define NSEC_PER_SEC	1000000000ULL
#define NSEC_PER_MSEC	1000000ULL
#define NSEC_PER_USEC	1000ULL

struct pt_regs;

extern volatile u64 jiffies;

/* Nanoseconds since boot (0 until the clock is calibrated).  Any context. */
u64 ktime_get_ns(void);
/* Busy-wait; for short hardware delays only.  Any context. */
void udelay(unsigned long usecs);

/* Called by the timer interrupt, HZ times a second.  Interrupt context. */
void tick_handle_periodic(struct pt_regs *regs);
/* Start the clock at tsc_hz cycles per second.  Boot context. */
void clocksource_tsc_init(u64 tsc_hz);

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

#endif
