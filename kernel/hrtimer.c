/*
 * hrtimer.c - nanosleep(2) and the sleep behind clock_nanosleep(2).
 *
 * The sleep waits on the tick (schedule_timeout), so it wakes up to a
 * tick late, never early: the timeout is the time left rounded up to
 * whole ticks plus one for the partial tick we are in, and every
 * wake-up re-reads the precise clock and sleeps again if the deadline
 * has not passed (a spurious wake-up costs nothing).  Linux instead arms
 * a high-resolution timer for the exact deadline.
 *
 * Context: process context; the caller sleeps.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/hrtimer.h"
#include "kernel/sched.h"
#include "arch/x86_64/uaccess.h"

s64 ktime_get_mono_ns(void)
{
	return (s64)ktime_get_ns();
}

/* Ticks to wait so that at least ns nanoseconds pass. */
static long nsecs_to_sleep_jiffies(s64 ns)
{
	u64 j = (u64)ns / TICK_NSEC + 2;

	/* schedule_timeout adds jiffies: keep far from overflowing a long.
	 * The loop in do_nanosleep sleeps again if this is not enough. */
	return j > (u64)MAX_SCHEDULE_TIMEOUT / 2 ? MAX_SCHEDULE_TIMEOUT / 2 : (long)j;
}

/* Sleep until clock_get() >= expires; 0, or -EINTR on a signal. */
static long do_nanosleep(clock_get_ns_t clock_get, s64 expires)
{
	for (;;) {
		s64 left = expires - clock_get();
		if (left <= 0)
			return 0;
		set_current_state(TASK_INTERRUPTIBLE);
		/* After setting the state: a signal that arrives from here on
		 * wakes us out of schedule_timeout, so none is missed. */
		if (signal_pending(current)) {
			__set_current_state(TASK_RUNNING);
			return -EINTR;
		}
		schedule_timeout(nsecs_to_sleep_jiffies(left));
	}
}

long hrtimer_nanosleep(clock_get_ns_t clock_get, const struct timespec64 *rqt,
		       bool abs, struct __kernel_timespec __user *rmtp)
{
	s64 ns = timespec64_to_ns(rqt), expires = ns;

	if (!abs) {
		s64 now = clock_get();
		expires = ns > KTIME_MAX - now ? KTIME_MAX : now + ns;
	}
	if (!do_nanosleep(clock_get, expires))
		return 0;

	s64 left = expires - clock_get();
	if (left <= 0)
		return 0;	/* the time ran out anyway: a full sleep */
	if (!abs && rmtp) {
		struct timespec64 rem = ns_to_timespec64(left);
		if (put_timespec64(&rem, rmtp))
			return -EFAULT;
	}
	/*
	 * Linux returns -ERESTART_RESTARTBLOCK here, having stored the
	 * deadline in current->restart_block (fn = hrtimer_nanosleep_restart).
	 * On the way out, signal delivery turns it into -EINTR if a handler
	 * runs, or, if the signal was ignored or stopped and continued us,
	 * rewinds the call to restart_syscall(2), which resumes the sleep
	 * towards the same deadline.  That needs the signal code's restart
	 * logic; until it exists the sleep simply ends with -EINTR.
	 */
	return -EINTR;
}

long sys_nanosleep(struct __kernel_timespec __user *rqtp,
		   struct __kernel_timespec __user *rmtp)
{
	struct timespec64 t;

	if (get_timespec64(&t, rqtp))
		return -EFAULT;
	if (!timespec64_valid(&t))
		return -EINVAL;
	return hrtimer_nanosleep(ktime_get_mono_ns, &t, false, rmtp);
}
