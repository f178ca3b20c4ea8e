/*
 * time.c - jiffies and the TSC clock.  See time.h.
 *
 * Converting cycles to nanoseconds uses a fixed-point factor instead of a
 * division on every read: ns = cycles * mult >> 32, with mult computed
 * once per rate as (10^9 << 32) / tsc_hz.  The product is taken in 128
 * bits so it cannot overflow however long the machine runs.  The rate
 * comes from arch/x86_64/tsc.c (measured against the PIT at boot, then
 * against the ACPI PM timer over a longer time); jiffies are advanced
 * from this clock by the tick (kernel/tick.c).
 *
 * The file ends with time(2) and gettimeofday(2), as Linux's
 * kernel/time/time.c.
 */
#include "kernel/kernel.h"
#include "kernel/time.h"
#include "kernel/seqlock.h"
#include "kernel/math64.h"
#include "kernel/sched.h"
#include "kernel/timekeeping.h"
#include "kernel/syscalls.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/uaccess.h"

volatile u64 jiffies;

/*
 * The TSC clock: ktime = base_ns + (tsc - cycle_last) * mult >> 32.
 * A new rate (the refined calibration) starts from the time it is set,
 * so the clock stays continuous and never steps back.
 *
 * LOCKING: tk.seq; written with interrupts off (clocksource_tsc_*),
 * read anywhere (see seqlock.h).
 */
static struct {
	seqcount_t seq;
	u64 cycle_last;		/* TSC value at base_ns */
	u64 base_ns;		/* ktime at cycle_last */
	u64 mult;		/* nanoseconds per cycle, << 32; 0: no clock */
	u64 tsc_hz;
} tk;

static u64 tsc_cycles_to_ns(u64 cycles, u64 mult)
{
	return mul_u64_u64_shr(cycles, mult, 32);
}

void clocksource_tsc_set_rate(u64 tsc_hz)
{
	unsigned long flags = local_irq_save();
	u64 now = rdtsc();

	write_seqcount_begin(&tk.seq);
	if (tk.mult)
		tk.base_ns += tsc_cycles_to_ns(now - tk.cycle_last, tk.mult);
	tk.cycle_last = now;
	tk.mult = mul_u64_u64_div_u64(NSEC_PER_SEC, 1ULL << 32, tsc_hz);
	tk.tsc_hz = tsc_hz;
	write_seqcount_end(&tk.seq);
	local_irq_restore(flags);
}

u64 tsc_khz(void)
{
	return READ_ONCE(tk.tsc_hz) / 1000;
}

u64 ktime_get_ns(void)
{
	unsigned seq;
	u64 ns;

	do {
		seq = read_seqcount_begin(&tk.seq);
		if (!tk.mult)
			return 0;
		ns = tk.base_ns + tsc_cycles_to_ns(rdtsc() - tk.cycle_last, tk.mult);
	} while (read_seqcount_retry(&tk.seq, seq));
	return ns;
}

void udelay(unsigned long usecs)
{
	u64 hz = READ_ONCE(tk.tsc_hz);

	if (!hz) {		/* before calibration: a rough guess */
		for (volatile unsigned long i = 0; i < usecs * 1000; i++)
			;
		return;
	}
	u64 end = rdtsc() + hz / 1000000 * usecs;
	while ((s64)(rdtsc() - end) < 0)
		cpu_relax();
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
