/*
 * timer.c - kernel timers, and the sleeps built on them
 * (schedule_timeout, msleep).  See timer.h for context and LOCKING.
 *
 * Pending timers are kept on one list sorted by expires, soonest first,
 * so the tick looks only at the head: O(1) per tick, O(n) to arm.
 * Linux's timer wheel makes arming O(1) instead; with a handful of
 * timers a sorted list is the same thing made plain.  Timers with equal
 * expires run in the order they were armed.
 */
#include "kernel/kernel.h"
#include "kernel/timer.h"
#include "kernel/time.h"
#include "kernel/sched.h"
#include "kernel/kernel_stat.h"
#include "arch/x86_64/cpu.h"

static LIST_HEAD(timer_pending_list);
static DEFINE_SPINLOCK(timer_lock);
/* The timer whose function runs now, NULL between (del_timer_sync). */
static struct timer_list *running_timer;

void timer_setup(struct timer_list *timer,
		 void (*function)(struct timer_list *), unsigned int flags)
{
	INIT_LIST_HEAD(&timer->entry);
	timer->function = function;
	timer->flags = flags;
	timer->expires = 0;
}

/* timer_lock held. */
static void enqueue_timer(struct timer_list *timer)
{
	struct timer_list *t;

	list_for_each_entry(t, &timer_pending_list, entry)
		if (time_before(timer->expires, t->expires))
			break;
	list_add_tail(&timer->entry, &t->entry);	/* before t */
}

int mod_timer(struct timer_list *timer, unsigned long expires)
{
	unsigned long flags;

	spin_lock_irqsave(&timer_lock, flags);
	int was_pending = timer_pending(timer);
	list_del_init(&timer->entry);
	timer->expires = expires;
	enqueue_timer(timer);
	spin_unlock_irqrestore(&timer_lock, flags);
	return was_pending;
}

void add_timer(struct timer_list *timer)
{
	BUG_ON(timer_pending(timer));
	mod_timer(timer, timer->expires);
}

int del_timer(struct timer_list *timer)
{
	unsigned long flags;

	spin_lock_irqsave(&timer_lock, flags);
	int was_pending = timer_pending(timer);
	list_del_init(&timer->entry);
	spin_unlock_irqrestore(&timer_lock, flags);
	return was_pending;
}

int del_timer_sync(struct timer_list *timer)
{
	int was_pending = del_timer(timer);

	while (READ_ONCE(running_timer) == timer)
		cpu_relax();
	return was_pending;
}

/* A timer is off the list before its function runs, so the function may
 * re-arm it with mod_timer(); the lock is dropped around the call for
 * the same reason.  On CPU 0 only (timer.h). */
void run_local_timers(void)
{
	unsigned long flags;

	if (smp_processor_id() != 0)
		return;
	spin_lock_irqsave(&timer_lock, flags);
	while (!list_empty(&timer_pending_list)) {
		struct timer_list *t = list_first_entry(&timer_pending_list,
							struct timer_list, entry);
		if (time_before(jiffies, t->expires))
			break;
		list_del_init(&t->entry);
		WRITE_ONCE(running_timer, t);
		spin_unlock_irqrestore(&timer_lock, flags);
		t->function(t);
		spin_lock_irqsave(&timer_lock, flags);
		WRITE_ONCE(running_timer, NULL);
	}
	spin_unlock_irqrestore(&timer_lock, flags);
}

void update_process_times(int user_tick)
{
	account_process_tick(current, user_tick);
	run_local_timers();
	scheduler_tick();
}

/* schedule_timeout's timer: wake the task when it fires. */
struct process_timer {
	struct timer_list timer;
	struct task_struct *task;
};

static void process_timeout(struct timer_list *t)
{
	struct process_timer *timeout = from_timer(timeout, t, timer);

	wake_up_process(timeout->task);
}

/*
 * Sleep in the state the caller set until woken or until timeout jiffies
 * have passed; returns the jiffies left, 0 if the time ran out.  The
 * caller sets the state first (as for schedule()), so a wake-up that
 * races with us is not lost.  The timer lives on our stack, so it must be
 * gone (del_timer) before we return.
 */
long schedule_timeout(long timeout)
{
	struct process_timer timer;

	might_sleep();
	if (timeout == MAX_SCHEDULE_TIMEOUT) {
		schedule();
		return timeout;
	}
	if (timeout < 0) {
		pr_err("schedule_timeout: wrong timeout value %ld\n", timeout);
		__set_current_state(TASK_RUNNING);
		return 0;
	}
	unsigned long expire = timeout + jiffies;
	timer.task = current;
	timer_setup(&timer.timer, process_timeout, 0);
	mod_timer(&timer.timer, expire);
	schedule();
	del_timer_sync(&timer.timer);
	timeout = expire - jiffies;
	return timeout < 0 ? 0 : timeout;
}

long schedule_timeout_interruptible(long timeout)
{
	__set_current_state(TASK_INTERRUPTIBLE);
	return schedule_timeout(timeout);
}

long schedule_timeout_uninterruptible(long timeout)
{
	__set_current_state(TASK_UNINTERRUPTIBLE);
	return schedule_timeout(timeout);
}

/* At least msecs milliseconds: the +1 covers the partial tick we are
 * already in. */
void msleep(unsigned int msecs)
{
	long timeout = msecs_to_jiffies(msecs) + 1;

	while (timeout)
		timeout = schedule_timeout_uninterruptible(timeout);
}
