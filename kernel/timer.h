/*
 * timer.h - kernel timers: call a function once jiffies reaches a given
 * value, as Linux's struct timer_list.
 *
 *	struct foo { struct timer_list timer; ... };
 *	timer_setup(&foo->timer, foo_timeout, 0);
 *	mod_timer(&foo->timer, jiffies + HZ);	// in about a second
 *
 *	static void foo_timeout(struct timer_list *t)
 *	{
 *		struct foo *foo = from_timer(foo, t, timer);
 *		...
 *	}
 *
 * Context: the function runs from the timer tick (kernel/tick.c), in
 * interrupt context with interrupts off: it must not sleep.  (Linux runs
 * it from the timer softirq; there are no softirqs here.)  timer_setup,
 * mod_timer and del_timer may be called from any context.
 *
 * LOCKING: the list of pending timers is timer_lock's (a spinlock,
 * irqsave: the tick takes it), whichever CPU arms or disarms a timer.
 * One list, run by one CPU's tick (CPU 0's; jiffies are advanced by
 * every CPU's, kernel/tick.c; Linux has a wheel per CPU), so no two
 * functions ever run at once.
 * del_timer() only takes the timer off the list: its function may be
 * running on CPU 0 at that moment.  del_timer_sync() also waits for
 * that to end, so a timer on the caller's stack or about to be freed is
 * disarmed with it; never from the timer's own function, nor with
 * interrupts off on CPU 0.
 */
#ifndef KERNEL_TIMER_H
#define KERNEL_TIMER_H

#include "kernel/types.h"
#include "kernel/list.h"

struct timer_list {
	struct list_head entry;		/* on the pending list, by expires */
	unsigned long expires;		/* run at this jiffies value */
	void (*function)(struct timer_list *);
	u32 flags;			/* accepted for Linux's API; unused */
};

#define from_timer(var, callback_timer, timer_fieldname) \
	container_of(callback_timer, __typeof__(*var), timer_fieldname)

void timer_setup(struct timer_list *timer,
		 void (*function)(struct timer_list *), unsigned int flags);

static inline bool timer_pending(const struct timer_list *timer)
{
	return !list_empty(&timer->entry);
}

/* (Re)arm timer for expires; returns whether it was pending before. */
int mod_timer(struct timer_list *timer, unsigned long expires);
/* Arm timer->expires as set by the caller; it must not be pending. */
void add_timer(struct timer_list *timer);
/* Disarm; returns whether it was pending (so the function will not run). */
int del_timer(struct timer_list *timer);
/* The same, and the function is not running either once it returns. */
int del_timer_sync(struct timer_list *timer);

/* From the tick: run every timer whose time has come.  Interrupt
 * context. */
void run_local_timers(void);
/* The tick's work for the CPU it runs on: charge the tick to the task it
 * interrupted (user_tick: in user mode), run the timers, count down the
 * time slice.  Interrupt context (kernel/tick.c). */
void update_process_times(int user_tick);

#endif
