/*
 * time.c - jiffies and the TSC clock.  See time.h.
 *
 * Converting cycles to nanoseconds uses a fixed-point factor instead of a
 * division on every read: ns = cycles * mult >> 32, with mult computed
 * once as (10^9 << 32) / tsc_hz.  The product is taken in 128 bits so it
 * cannot overflow however long the machine runs.
 */
#include "kernel/kernel.h"
#include "kernel/time.h"
#include "kernel/timer.h"
#include "kernel/sched.h"
#include "arch/x86_64/cpu.h"

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
 * wakes is on the run queue when the scheduler looks. */
void tick_handle_periodic(struct pt_regs *regs)
{
	(void)regs;
	jiffies++;
	run_local_timers();
	scheduler_tick();
}
