/* time_test.c - the tick advances, jiffies follow the clock, and the
 * clock never goes back. */
#include "kernel/selftest.h"
#include "kernel/timekeeping.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/irq.h"

SELFTEST(clock_monotonic)
{
	u64 prev = ktime_get_ns();

	ST_ASSERT(prev > 0);
	for (int i = 0; i < 100000; i++) {
		u64 now = ktime_get_ns();
		ST_ASSERT(now >= prev);
		prev = now;
	}
	return 0;
}

SELFTEST(timer_ticks)
{
	/* Sleep in hlt across ten ticks: each wake-up is an interrupt, and
	 * only the timer's advance jiffies, so this also proves they are
	 * delivered and acknowledged. */
	u64 irqs = irq_count(LOCAL_TIMER_VECTOR);
	u64 start = jiffies, t0 = ktime_get_ns();

	ST_ASSERT(!irqs_disabled());
	while (jiffies < start + 10)
		safe_halt();
	u64 ns = ktime_get_ns() - t0;
	ST_ASSERT(irq_count(LOCAL_TIMER_VECTOR) > irqs);
	/* jiffies count whole ticks of the clock (kernel/tick.c), however
	 * late the interrupts came: never ahead of it, and, just after a
	 * tick, not far behind.  A tick that counted interrupts would fall
	 * behind for good whenever the host kept us from running. */
	u64 j = jiffies, now = ktime_get_ns();
	ST_ASSERT(j * TICK_NSEC <= now);
	ST_ASSERT(now - j * TICK_NSEC < 20 * TICK_NSEC);
	/* Ten ticks are 100 ms at HZ=100.  The bounds are loose on purpose
	 * (an emulated CPU on a busy host is slow); they catch a clock or a
	 * timer off by a factor, e.g. a miscalibration or a wrong divider. */
	ST_ASSERT(ns > 100 * NSEC_PER_MSEC / 4);
	ST_ASSERT(ns < 100 * NSEC_PER_MSEC * 20);
	return 0;
}
