/*
 * posix-timers.c - the POSIX clocks: clock_gettime(2), clock_getres(2)
 * and clock_nanosleep(2), dispatched through a table of clocks as in
 * Linux's kernel/time/posix-timers.c.
 *
 * Clock ids, as Linux numbers them:
 *   0 REALTIME, 11 TAI	wall time (TAI has a zero offset: nothing sets it)
 *   1 MONOTONIC, 7 BOOTTIME, 4 MONOTONIC_RAW
 *			ktime; no suspend and no NTP, so all three agree
 *   5 REALTIME_COARSE, 6 MONOTONIC_COARSE
 *			the same, at tick resolution
 *   2 PROCESS_CPUTIME_ID, 3 THREAD_CPUTIME_ID, negative ids (a pid's or
 *			thread's CPU clock, as clock_getcpuclockid makes)
 *			APPROXIMATED by the monotonic clock: tasks do not
 *			account their run time yet.  The process layer
 *			should add a sum_exec_runtime and use it here.
 *   8 REALTIME_ALARM, 9 BOOTTIME_ALARM
 *			exist in Linux but need an RTC that can wake the
 *			machine; without one Linux answers EINVAL to
 *			gettime/getres and EOPNOTSUPP to nanosleep: so do we.
 *   anything else	EINVAL
 *
 * Which clocks can be slept on is Linux's answer too (checked against a
 * 6.x kernel): REALTIME, MONOTONIC, BOOTTIME, TAI and the process CPU
 * clock; the raw, coarse and thread-CPU clocks give EOPNOTSUPP.  (The C
 * library turns THREAD_CPUTIME_ID into EINVAL before asking.)
 *
 * Context: process context (user copies; clock_nanosleep sleeps).
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/sched.h"
#include "kernel/hrtimer.h"
#include "kernel/syscalls.h"
#include "arch/x86_64/uaccess.h"


/* A negative clock id names a CPU clock: ~pid << 3 | perthread << 2 | type. */
#define CPUCLOCK_PID(id)	((int)~((id) >> 3))
#define CPUCLOCK_PERTHREAD(id)	(((id) & 4) != 0)
#define CPUCLOCK_WHICH(id)	((id) & 3)
#define CPUCLOCK_MAX		3	/* types: PROF 0, VIRT 1, SCHED 2 */

/* A clock to read: its time in nanoseconds. */
typedef s64 (*clock_get_ns_t)(void);

struct k_clock {
	bool valid;			/* the id names a clock */
	clock_get_ns_t clock_get;	/* NULL: the clock cannot be read */
	u64 resolution;			/* what clock_getres reports, ns */
	bool can_sleep;			/* clock_nanosleep may wait on it */
};

static s64 clock_mono(void)
{
	return ktime_get();
}

static s64 clock_real(void)
{
	return ktime_get_real_ns();
}

static s64 clock_real_coarse(void)
{
	return ktime_get_coarse_real_ns();
}

static s64 clock_mono_coarse(void)
{
	return (s64)ktime_get_coarse_ns();
}

/* See the file comment: an approximation until tasks count CPU time. */
static s64 clock_cputime(void)
{
	return ktime_get();
}

static const struct k_clock posix_clocks[MAX_CLOCKS] = {
	[CLOCK_REALTIME]	   = { true, clock_real, 1, true },
	[CLOCK_MONOTONIC]	   = { true, clock_mono, 1, true },
	[CLOCK_PROCESS_CPUTIME_ID] = { true, clock_cputime, 1, true },
	[CLOCK_THREAD_CPUTIME_ID]  = { true, clock_cputime, 1, false },
	[CLOCK_MONOTONIC_RAW]	   = { true, clock_mono, 1, false },
	[CLOCK_REALTIME_COARSE]	   = { true, clock_real_coarse, TICK_NSEC, false },
	[CLOCK_MONOTONIC_COARSE]   = { true, clock_mono_coarse, TICK_NSEC, false },
	[CLOCK_BOOTTIME]	   = { true, clock_mono, 1, true },
	[CLOCK_REALTIME_ALARM]	   = { true, NULL, 0, false },
	[CLOCK_BOOTTIME_ALARM]	   = { true, NULL, 0, false },
	[CLOCK_TAI]		   = { true, clock_real, 1, true },
};

static const struct k_clock cpu_clock_process = { true, clock_cputime, 1, true };
static const struct k_clock cpu_clock_thread = { true, clock_cputime, 1, false };

/* The CPU clock a negative id names, if it is ours: there is no pid
 * lookup here, and Linux answers EINVAL for a pid it cannot find. */
static const struct k_clock *cpu_clock(int id)
{
	int pid = CPUCLOCK_PID(id);

	if (CPUCLOCK_WHICH(id) >= CPUCLOCK_MAX)
		return NULL;
	if (pid != 0 && pid != current->pid)
		return NULL;
	return CPUCLOCK_PERTHREAD(id) ? &cpu_clock_thread : &cpu_clock_process;
}

/* The clock for an id, or NULL (-EINVAL) if there is no such clock. */
static const struct k_clock *clockid_to_kclock(int id)
{
	if (id < 0)
		return cpu_clock(id);
	if (id >= MAX_CLOCKS || !posix_clocks[id].valid)
		return NULL;
	return &posix_clocks[id];
}

long sys_clock_gettime(int which_clock, struct __kernel_timespec __user *tp)
{
	const struct k_clock *kc = clockid_to_kclock(which_clock);

	if (!kc || !kc->clock_get)
		return -EINVAL;
	struct timespec64 ts = ns_to_timespec64(kc->clock_get());
	return put_timespec64(&ts, tp);
}

/* A NULL tp is allowed: it just asks whether the clock exists. */
long sys_clock_getres(int which_clock, struct __kernel_timespec __user *tp)
{
	const struct k_clock *kc = clockid_to_kclock(which_clock);

	if (!kc || !kc->clock_get)
		return -EINVAL;
	struct timespec64 ts = ns_to_timespec64((s64)kc->resolution);
	if (tp && put_timespec64(&ts, tp))
		return -EFAULT;
	return 0;
}

/*
 * Flags other than TIMER_ABSTIME are ignored, not rejected: Linux looks
 * only at that bit (verified: flags 0x10 sleeps and returns 0).  The
 * remaining time is reported only for relative sleeps.
 */
long sys_clock_nanosleep(int which_clock, int flags,
			 struct __kernel_timespec __user *rqtp,
			 struct __kernel_timespec __user *rmtp)
{
	const struct k_clock *kc = clockid_to_kclock(which_clock);
	struct timespec64 t;

	if (!kc)
		return -EINVAL;
	if (!kc->can_sleep)
		return which_clock < 0 ? -EINVAL : -EOPNOTSUPP;
	if (get_timespec64(&t, rqtp))
		return -EFAULT;
	if (!timespec64_valid(&t))
		return -EINVAL;
	bool abs = flags & TIMER_ABSTIME;
	return hrtimer_nanosleep(timespec64_to_ktime(t),
				 abs ? HRTIMER_MODE_ABS : HRTIMER_MODE_REL,
				 which_clock, abs ? NULL : rmtp);
}
