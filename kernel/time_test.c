/* time_test.c - the tick advances and the clock never goes back. */
#include "kernel/selftest.h"
#include "kernel/time.h"
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
	/* Sleep in hlt across ten ticks: each wake-up is the timer interrupt,
	 * so this also proves interrupts are delivered and acknowledged. */
	u64 irqs = irq_count(LOCAL_TIMER_VECTOR);
	u64 start = jiffies, t0 = ktime_get_ns();

	ST_ASSERT(!irqs_disabled());
	while (jiffies < start + 10)
		safe_halt();
	u64 ns = ktime_get_ns() - t0;
	ST_ASSERT(irq_count(LOCAL_TIMER_VECTOR) >= irqs + 10);
	/* Ten ticks are 100 ms at HZ=100.  The bounds are loose on purpose
	 * (an emulated CPU on a busy host is slow); they catch a clock or a
	 * timer off by a factor, e.g. a miscalibration or a wrong divider. */
	ST_ASSERT(ns > 100 * NSEC_PER_MSEC / 4);
	ST_ASSERT(ns < 100 * NSEC_PER_MSEC * 20);
	return 0;
}
