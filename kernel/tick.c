/*
 * tick.c - the periodic tick on a one-shot clock event device.
 *
 * The local APIC timer runs one-shot: it fires once at the time the
 * hrtimer code last programmed.  The tick that the rest of the kernel
 * counts on (jiffies, timer_list, time slices, the load average, CPU
 * time accounting) is one more hrtimer, tick_sched_timer, that expires
 * every TICK_NSEC and re-arms itself, as Linux's tick-sched does once it
 * switches to high resolution.  So the tick and every precise timeout
 * share one device, and a 1 ms timeout no longer waits for the next of
 * 100 ticks a second.
 *
 * jiffies follow the clock rather than count interrupts: each tick adds
 * the number of whole TICK_NSEC periods since the last update
 * (tick_do_update_jiffies64), so a tick delivered late, or a run of
 * ticks lost while the host did not run us, leaves jiffies where
 * ktime_get() says they should be.  jiffies and the monotonic clock
 * cannot drift apart.
 *
 * Linux stops the tick on an idle CPU (NO_HZ idle) and programs the
 * device for the next timer instead; here the tick keeps running in
 * idle, 100 interrupts a second.
 *
 * Every CPU's tick advances jiffies, not one CPU's: a virtual CPU the
 * host does not run for a while (TCG on a loaded host) would otherwise
 * leave jiffies stale for everyone, and a sleep of N jiffies taken from
 * a stale count ends early (the realtime_clock self-test saw msleep(50)
 * return before 50 ms had passed at SMP=4).  Whichever tick
 * sees a whole period since the last update counts it.
 *
 * LOCKING: the tick device and tick_sched are per CPU and touched only
 * by their CPU with interrupts off.  jiffies and last_jiffies_update are
 * written under jiffies_lock, by any CPU's tick: the lock keeps a second
 * writer out, the lockless first look keeps most ticks from taking it.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/tick.h"
#include "kernel/clockchips.h"
#include "kernel/hrtimer.h"
#include "kernel/percpu.h"
#include "kernel/time.h"
#include "kernel/timer.h"
#include "kernel/timekeeping.h"
#include "kernel/kernel_stat.h"
#include "kernel/profile.h"
#include "arch/x86_64/irq.h"
#include "arch/x86_64/ptrace.h"

static DEFINE_PER_CPU(struct tick_device, tick_cpu_device);

struct tick_sched {
	struct hrtimer sched_timer;	/* the tick itself */
};
static DEFINE_PER_CPU(struct tick_sched, tick_cpu_sched);

static DEFINE_SPINLOCK(jiffies_lock);
/* ktime of the last whole tick counted in jiffies (a multiple of
 * TICK_NSEC). */
static ktime_t last_jiffies_update;

struct clock_event_device *tick_get_device(void)
{
	return this_cpu_ptr(&tick_cpu_device)->evtdev;
}

int tick_program_event(ktime_t expires, bool force)
{
	struct clock_event_device *dev = tick_get_device();

	if (!dev)
		return -ENODEV;
	return clockevents_program_event(dev, expires, force);
}

void tick_check_new_device(struct clock_event_device *dev)
{
	struct tick_device *td = this_cpu_ptr(&tick_cpu_device);

	BUG_ON(dev->cpu != smp_processor_id());
	BUG_ON(!(dev->features & CLOCK_EVT_FEAT_ONESHOT));
	unsigned long flags = local_irq_save();
	if (td->evtdev)
		clockevents_switch_state(td->evtdev, CLOCK_EVT_STATE_SHUTDOWN);
	td->evtdev = dev;
	dev->event_handler = hrtimer_interrupt;
	clockevents_switch_state(dev, CLOCK_EVT_STATE_ONESHOT);
	hrtimer_switch_to_hres();
	local_irq_restore(flags);
}

/* Advance jiffies to now: one per whole tick since the last update, so
 * late or lost tick interrupts are counted all the same.  Interrupts
 * off. */
static void tick_do_update_jiffies64(ktime_t now)
{
	/* Another CPU's tick has counted this period already. */
	if (now - READ_ONCE(last_jiffies_update) < (ktime_t)TICK_NSEC)
		return;
	spin_lock(&jiffies_lock);
	ktime_t delta = now - last_jiffies_update;
	if (delta >= (ktime_t)TICK_NSEC) {
		u64 ticks = (u64)delta / TICK_NSEC;
		WRITE_ONCE(last_jiffies_update,
			   last_jiffies_update + (ktime_t)(ticks * TICK_NSEC));
		WRITE_ONCE(jiffies, jiffies + ticks);
		calc_global_load();
	}
	spin_unlock(&jiffies_lock);
}

/*
 * The tick: keep time, then charge the tick to whoever it interrupted,
 * run the timer_list timers and let the scheduler count the time slice.
 * Interrupt context, interrupts off.
 */
static enum hrtimer_restart tick_sched_timer(struct hrtimer *timer)
{
	ktime_t now = ktime_get();
	struct pt_regs *regs = get_irq_regs();

	tick_do_update_jiffies64(now);
	update_process_times(regs && user_mode(regs));
	if (regs)
		profile_tick(regs);	/* profile=N: where the kernel was */
	printk_tick();		/* /dev/kmsg's readers, if new lines came */
	hrtimer_forward(timer, now, (ktime_t)TICK_NSEC);
	return HRTIMER_RESTART;
}

void tick_setup_sched_timer(void)
{
	struct tick_sched *ts = this_cpu_ptr(&tick_cpu_sched);

	hrtimer_init(&ts->sched_timer, CLOCK_MONOTONIC, HRTIMER_MODE_ABS);
	ts->sched_timer.function = tick_sched_timer;
	/* Ticks fall on multiples of TICK_NSEC of the monotonic clock,
	 * which is what jiffies count. */
	spin_lock(&jiffies_lock);
	ktime_t next = last_jiffies_update + (ktime_t)TICK_NSEC;
	spin_unlock(&jiffies_lock);
	hrtimer_start(&ts->sched_timer, next, HRTIMER_MODE_ABS);
}
