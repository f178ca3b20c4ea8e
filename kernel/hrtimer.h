/*
 * hrtimer.h - high-resolution timers: call a function at a time given in
 * nanoseconds, on the one-shot clock event device (Linux's
 * include/linux/hrtimer.h and kernel/time/hrtimer.c, same names).
 *
 *	struct foo { struct hrtimer timer; ... };
 *
 *	hrtimer_init(&foo->timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL);
 *	foo->timer.function = foo_expired;
 *	hrtimer_start(&foo->timer, ms_to_ktime(5), HRTIMER_MODE_REL);
 *	...
 *	hrtimer_cancel(&foo->timer);	// before foo goes away
 *
 *	static enum hrtimer_restart foo_expired(struct hrtimer *t)
 *	{
 *		struct foo *foo = container_of(t, struct foo, timer);
 *		...				// interrupt context
 *		hrtimer_forward_now(t, ms_to_ktime(5));
 *		return HRTIMER_RESTART;		// or HRTIMER_NORESTART
 *	}
 *
 * A timer has two expiry times: the soft one, before which it never
 * runs, and the hard one (soft + slack), by which it runs.  The device
 * is programmed for the earliest hard expiry; when it fires, every
 * timer whose soft expiry has passed runs, so timers that tolerate a
 * little slack share interrupts.  hrtimer_start gives no slack.
 *
 * Clocks: CLOCK_MONOTONIC and CLOCK_BOOTTIME (the same here: no
 * suspend) run on the monotonic base; CLOCK_REALTIME and CLOCK_TAI on
 * the realtime base, whose expiry times are wall-clock times.  A
 * relative CLOCK_REALTIME timer is a monotonic one, as in Linux: an
 * interval does not stretch when the wall clock is set.
 *
 * Context: the function runs in interrupt context with interrupts off
 * (Linux's hard-interrupt expiry; there are no softirqs here), on the
 * CPU whose base the timer is queued on.  It must not sleep, and must
 * not hrtimer_cancel() its own timer (that would wait for itself).
 * hrtimer_init, _start, _try_to_cancel and _forward may be called from
 * any context; hrtimer_cancel from any context but the timer's own
 * function.
 *
 * LOCKING: each CPU has one struct hrtimer_cpu_base; its lock (taken
 * with interrupts off) protects its clock bases' queues, every queued
 * timer's node, state and base, and the device programming state
 * (expires_next, next_timer).  A timer is on at most one CPU's base;
 * timer->base says which, and lock_hrtimer_base() takes that lock and
 * re-checks, since a timer may move to another CPU's base when it is
 * started again there.  A timer's function runs without the lock (so
 * it may start timers, its own included); cpu_base->running names it
 * meanwhile, which is how hrtimer_cancel on another CPU knows to wait.
 * The device itself is programmed only by its own CPU.
 */
#ifndef KERNEL_HRTIMER_H
#define KERNEL_HRTIMER_H

#include "kernel/types.h"
#include "kernel/ktime.h"
#include "kernel/timerqueue.h"
#include "kernel/spinlock.h"
#include "kernel/timekeeping.h"

struct clock_event_device;
struct task_struct;
struct hrtimer_clock_base;

enum hrtimer_mode {
	HRTIMER_MODE_ABS = 0x0,		/* an absolute time of the timer's clock */
	HRTIMER_MODE_REL = 0x1,		/* that long from now */
};

enum hrtimer_restart {
	HRTIMER_NORESTART,		/* the timer is done */
	HRTIMER_RESTART,		/* queue it again (hrtimer_forward first) */
};

#define HRTIMER_STATE_INACTIVE	0x00
#define HRTIMER_STATE_ENQUEUED	0x01

struct hrtimer {
	struct timerqueue_node node;	/* node.expires: the hard expiry */
	ktime_t _softexpires;		/* never runs before this */
	enum hrtimer_restart (*function)(struct hrtimer *);
	struct hrtimer_clock_base *base; /* the CPU's base for its clock */
	u8 state;			/* HRTIMER_STATE_* */
};

/* The timers of one clock on one CPU. */
struct hrtimer_clock_base {
	struct hrtimer_cpu_base *cpu_base;
	unsigned int index;		/* HRTIMER_BASE_* */
	struct timerqueue_head active;	/* queued timers, by hard expiry */
	ktime_t (*get_time)(void);	/* this clock's time now */
	const ktime_t *offset;		/* this clock minus monotonic */
};

enum hrtimer_base_type {
	HRTIMER_BASE_MONOTONIC,
	HRTIMER_BASE_REALTIME,
	HRTIMER_MAX_CLOCK_BASES,
};

/* One per CPU: its timers, and what its clock event device is set to. */
struct hrtimer_cpu_base {
	spinlock_t lock;		/* see LOCKING above */
	unsigned int cpu;
	bool in_hrtirq;			/* hrtimer_interrupt is running */
	struct hrtimer *running;	/* whose function runs now, or NULL */
	struct hrtimer *next_timer;	/* the first to expire */
	ktime_t expires_next;		/* device programmed for (monotonic) */
	unsigned int nr_events;		/* device interrupts handled */
	unsigned int nr_retries;	/* ... that had to look twice */
	unsigned int nr_hangs;		/* ... that gave up (too slow) */
	struct hrtimer_clock_base clock_base[HRTIMER_MAX_CLOCK_BASES];
};

/* A task waiting for a timer: hrtimer_wakeup() wakes it and clears
 * task, so task == NULL afterwards means "the time ran out". */
struct hrtimer_sleeper {
	struct hrtimer timer;
	struct task_struct *task;
};

/* Set up timer for clock_id and mode (the mode it will be started with).
 * The caller sets timer->function. */
void hrtimer_init(struct hrtimer *timer, clockid_t clock_id,
		  enum hrtimer_mode mode);
/* (Re)start timer to expire between tim and tim + range_ns; a queued
 * timer is moved. */
void hrtimer_start_range_ns(struct hrtimer *timer, ktime_t tim,
			    u64 range_ns, enum hrtimer_mode mode);
/* Stop timer if queued: 1 if it was, 0 if not, -1 if its function is
 * running right now (on another CPU, or this is that function). */
int hrtimer_try_to_cancel(struct hrtimer *timer);
/* Stop timer and wait for its function if it is running: afterwards
 * the timer is idle and its memory may go.  1 if it was queued. */
int hrtimer_cancel(struct hrtimer *timer);
/* Move the expiry forward by whole intervals until it is after now;
 * returns how many intervals (0 if it was already after now).  Only
 * while the timer is not queued (from its function, typically). */
u64 hrtimer_forward(struct hrtimer *timer, ktime_t now, ktime_t interval);
/* Queued, or its function running. */
bool hrtimer_active(const struct hrtimer *timer);
/* Time left until the hard expiry, by the timer's clock (may be < 0). */
ktime_t hrtimer_get_remaining(const struct hrtimer *timer);

static inline void hrtimer_start(struct hrtimer *timer, ktime_t tim,
				 enum hrtimer_mode mode)
{
	hrtimer_start_range_ns(timer, tim, 0, mode);
}

static inline void hrtimer_set_expires_range_ns(struct hrtimer *timer,
						ktime_t time, u64 delta)
{
	timer->_softexpires = time;
	timer->node.expires = ktime_add_safe(time, (s64)delta);
}

static inline void hrtimer_set_expires(struct hrtimer *timer, ktime_t time)
{
	hrtimer_set_expires_range_ns(timer, time, 0);
}

static inline ktime_t hrtimer_get_expires(const struct hrtimer *timer)
{
	return timer->node.expires;
}

static inline ktime_t hrtimer_get_softexpires(const struct hrtimer *timer)
{
	return timer->_softexpires;
}

/* Start with the expiry already set (hrtimer_set_expires*); mode says
 * whether it is relative to now. */
static inline void hrtimer_start_expires(struct hrtimer *timer,
					 enum hrtimer_mode mode)
{
	ktime_t soft = hrtimer_get_softexpires(timer);
	u64 delta = (u64)(hrtimer_get_expires(timer) - soft);

	hrtimer_start_range_ns(timer, soft, delta, mode);
}

static inline ktime_t hrtimer_cb_get_time(const struct hrtimer *timer)
{
	return timer->base->get_time();
}

static inline u64 hrtimer_forward_now(struct hrtimer *timer, ktime_t interval)
{
	return hrtimer_forward(timer, hrtimer_cb_get_time(timer), interval);
}

static inline bool hrtimer_is_queued(const struct hrtimer *timer)
{
	return READ_ONCE(timer->state) & HRTIMER_STATE_ENQUEUED;
}

/* The clock event device's handler: run what is due, program the next.
 * Interrupt context, on the device's CPU. */
void hrtimer_interrupt(struct clock_event_device *dev);
/* Boot: set up every CPU's bases.  Before anything starts a timer. */
void hrtimers_init(void);
/* This CPU's clock event device is ready (kernel/tick.c): program it for
 * what is queued and start the tick on it.  Interrupts off. */
void hrtimer_switch_to_hres(void);

/* --- sleeping until a time --- */

void hrtimer_init_sleeper(struct hrtimer_sleeper *sl, clockid_t clock_id,
			  enum hrtimer_mode mode);
void hrtimer_sleeper_start_expires(struct hrtimer_sleeper *sl,
				   enum hrtimer_mode mode);

/*
 * Sleep, in the state the caller set (TASK_INTERRUPTIBLE or
 * TASK_UNINTERRUPTIBLE, as for schedule()), until woken or until
 * *expires (never before it, at most delta ns after it): the one way
 * every "wait until a deadline" in the kernel sleeps.  expires NULL:
 * no timeout; *expires == 0 (with HRTIMER_MODE_ABS or _REL): do not
 * sleep.  Returns 0 when the time ran out, -EINTR when woken before
 * (by a wake-up or a signal; the caller looks which).  Process context.
 */
int schedule_hrtimeout_range_clock(ktime_t *expires, u64 delta,
				   enum hrtimer_mode mode, clockid_t clock_id);
int schedule_hrtimeout_range(ktime_t *expires, u64 delta,
			     enum hrtimer_mode mode);
int schedule_hrtimeout(ktime_t *expires, enum hrtimer_mode mode);

/*
 * The slack of a task's timeouts (Linux's timer_slack_ns): how much
 * later than asked its nanosleep may end, and the least its poll,
 * select and epoll_wait get (they also get 0.1% of the timeout, up to
 * 100 ms: select_estimate_accuracy).  Linux's default is 50 us, so that
 * a CPU in a deep idle state wakes once for timeouts that are close.
 * Here the tick never stops (no NO_HZ idle), so the CPU wakes every
 * TICK_NSEC anyway: a long timeout's 0.1% rides on a tick's interrupt
 * once it covers a tick, and delaying a short timeout by 50 us saves
 * nothing but the rare interrupt that lands in the same 50 us.  So the
 * default is 0: a 1 ms timeout ends as soon as the interrupt is taken.
 */
#define TIMER_SLACK_NS_DEFAULT	0ULL
/* The slack for the current task's sleeps. */
u64 current_timer_slack_ns(void);

/*
 * Sleep until rqtp (an absolute time of clock_id, or that long from
 * now) in TASK_INTERRUPTIBLE: nanosleep and clock_nanosleep.  0 when
 * the time is up; when a signal ends the sleep early, writes the time
 * left to rmtp (relative sleeps, rmtp not NULL) and returns -EINTR, or
 * -EFAULT if rmtp is bad.  Process context.
 */
long hrtimer_nanosleep(ktime_t rqtp, enum hrtimer_mode mode, clockid_t clock_id,
		       struct __kernel_timespec *rmtp);

#endif
