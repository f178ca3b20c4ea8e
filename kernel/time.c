/*
 * time.c - jiffies and the TSC clock.  See time.h.
 *
 * Converting cycles to nanoseconds uses a fixed-point factor instead of a
 * division on every read: ns = cycles * mult >> 32, with mult computed
 * once as (10^9 << 32) / tsc_hz.  The product is taken in 128 bits so it
 * cannot overflow however long the machine runs.
 *
 * The file ends with time(2) and gettimeofday(2), as Linux's
 * kernel/time/time.c.
 */
#include "kernel/kernel.h"
#include "kernel/time.h"
#include "kernel/timer.h"
#include "kernel/sched.h"
#include "kernel/timekeeping.h"
#include "kernel/kernel_stat.h"
#include "kernel/syscalls.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/ptrace.h"
#include "arch/x86_64/uaccess.h"

volatile u64 jiffies;

static u64 tsc_base;		/* TSC value at ktime 0 */
static u64 tsc_mult;		/* nanoseconds per cycle, << 32 */
static u64 tsc_rate;

void clocksource_tsc_init(u64 tsc_hz)
{
	tsc_rate = tsc_hz;
	tsc_mult = (u64)(((unsigned __int128)NSEC_PER_SEC << 32) / tsc_hz);
	tsc_base = rdtsc();
}

u64 ktime_get_ns(void)
{
	if (!tsc_mult)
		return 0;
	u64 cycles = rdtsc() - tsc_base;
	return (u64)(((unsigned __int128)cycles * tsc_mult) >> 32);
}

void udelay(unsigned long usecs)
{
	if (!tsc_rate) {		/* before calibration: a rough guess */
		for (volatile unsigned long i = 0; i < usecs * 1000; i++)
			;
		return;
	}
	u64 end = rdtsc() + tsc_rate / 1000000 * usecs;
	while ((s64)(rdtsc() - end) < 0)
		cpu_relax();
}

/* Interrupt context, interrupts off: timers first, so a task a timer
 * wakes is on the run queue when the scheduler looks.  regs is what the
 * tick interrupted: its mode says whose time the tick was. */
void tick_handle_periodic(struct pt_regs *regs)
{
	jiffies++;
	calc_global_load();
	account_process_tick(current, user_mode(regs));
	run_local_timers();
	scheduler_tick();
}

/*
 * time(2) and gettimeofday(2): the wall clock in seconds and in
 * microseconds (see kernel/timekeeping.c).  Process context.
 *
 * time() returns the seconds even when it also stores them; a bad tloc
 * is -EFAULT, which cannot be confused with a time (not before 2106).
 */
long sys_time(s64 __user *tloc)
{
	s64 t = ktime_get_real_seconds();

	if (tloc && put_user(t, tloc))
		return -EFAULT;
	return t;
}

/* The timezone is obsolete; nothing sets it, so it reads as zeros (UTC),
 * like Linux's sys_tz before anyone calls settimeofday. */
long sys_gettimeofday(struct __kernel_old_timeval __user *tv,
		      struct timezone __user *tz)
{
	if (tv) {
		struct timespec64 ts = ns_to_timespec64(ktime_get_real_ns());
		struct __kernel_old_timeval ktv = { ts.tv_sec,
						    ts.tv_nsec / NSEC_PER_USEC };
		if (copy_to_user(tv, &ktv, sizeof(ktv)))
			return -EFAULT;
	}
	if (tz) {
		struct timezone ktz = { 0, 0 };
		if (copy_to_user(tz, &ktz, sizeof(ktz)))
			return -EFAULT;
	}
	return 0;
}
