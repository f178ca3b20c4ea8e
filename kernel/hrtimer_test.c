/*
 * hrtimer_test.c - self-tests for the hrtimer queue: expiry order, no
 * early expiry, cancel, re-arming (moved while queued, from its own
 * function, periodic), slack shared with a neighbour's interrupt, the
 * realtime base, hrtimer_forward's arithmetic and schedule_hrtimeout.
 *
 * The checks are about order and about "not before"; how late a timer
 * runs depends on the host, so no test bounds it (tools/sleep-bench
 * measures it).
 */
#include "kernel/selftest.h"
#include "kernel/errno.h"
#include "kernel/hrtimer.h"
#include "kernel/sched.h"
#include "kernel/timerqueue.h"
#include "kernel/wait.h"
#include "arch/x86_64/irq.h"
#include "arch/x86_64/cpu.h"

#define MS	((ktime_t)NSEC_PER_MSEC)

struct test_hrtimer {
	struct hrtimer timer;
	int id;
	int runs;			/* times its function ran */
	ktime_t ran_at;			/* its clock when it last ran */
	u64 irq;			/* timer interrupts counted by then */
	int try_cancel;			/* hrtimer_try_to_cancel on itself */
	ktime_t again;			/* > 0: hrtimer_start itself, +again */
	int periods;			/* > 0: RESTART this many more times */
};

static DECLARE_WAIT_QUEUE_HEAD(hrt_wq);
static int order[8], nr_order;

/* Interrupt context. */
static enum hrtimer_restart record(struct hrtimer *t)
{
	struct test_hrtimer *tt = container_of(t, struct test_hrtimer, timer);

	tt->runs++;
	tt->ran_at = hrtimer_cb_get_time(t);
	tt->irq = irq_count(LOCAL_TIMER_VECTOR);
	tt->try_cancel = hrtimer_try_to_cancel(t);
	if (nr_order < (int)ARRAY_SIZE(order))
		order[nr_order] = tt->id;
	nr_order++;
	wake_up(&hrt_wq);
	if (tt->again) {
		hrtimer_start(t, tt->again, HRTIMER_MODE_REL);
		tt->again = 0;
		return HRTIMER_NORESTART;	/* queued again all the same */
	}
	if (tt->periods > 0) {
		tt->periods--;
		hrtimer_forward_now(t, MS);
		return HRTIMER_RESTART;
	}
	return HRTIMER_NORESTART;
}

static void setup(struct test_hrtimer *tt, int id, clockid_t clock)
{
	memset(tt, 0, sizeof(*tt));
	hrtimer_init(&tt->timer, clock, HRTIMER_MODE_ABS);
	tt->timer.function = record;
	tt->id = id;
}

SELFTEST(hrtimer_order_and_cancel)
{
	struct test_hrtimer t[6];

	nr_order = 0;
	for (int i = 0; i < 6; i++)
		setup(&t[i], i, CLOCK_MONOTONIC);
	/* With interrupts off none can run until all are set, however
	 * long the host keeps us from running meanwhile. */
	unsigned long flags = local_irq_save();
	ktime_t now = ktime_get();
	/* Started out of order; 3 and 4 share an expiry and must run in
	 * the order they were started. */
	hrtimer_start(&t[2].timer, now + 6 * MS, HRTIMER_MODE_ABS);
	hrtimer_start(&t[0].timer, now + 2 * MS, HRTIMER_MODE_ABS);
	hrtimer_start(&t[1].timer, now + 4 * MS, HRTIMER_MODE_ABS);
	hrtimer_start(&t[3].timer, now + 8 * MS, HRTIMER_MODE_ABS);
	hrtimer_start(&t[4].timer, now + 8 * MS, HRTIMER_MODE_ABS);
	hrtimer_start(&t[5].timer, now + 1 * MS, HRTIMER_MODE_ABS);
	ST_ASSERT(hrtimer_is_queued(&t[1].timer) && hrtimer_active(&t[1].timer));
	/* Cancel the one the device waits for, and one in the middle. */
	ST_ASSERT_EQ(hrtimer_cancel(&t[5].timer), 1);
	ST_ASSERT_EQ(hrtimer_try_to_cancel(&t[1].timer), 1);
	ST_ASSERT_EQ(hrtimer_try_to_cancel(&t[1].timer), 0);
	ST_ASSERT(!hrtimer_active(&t[1].timer));
	/* Starting a queued timer moves it: 0 now runs after 2. */
	hrtimer_start(&t[0].timer, now + 7 * MS, HRTIMER_MODE_ABS);
	local_irq_restore(flags);

	long left = wait_event_timeout(hrt_wq, nr_order >= 4, 2 * HZ);
	msleep(20);		/* would a cancelled one run after all? */
	for (int i = 0; i < 6; i++)
		hrtimer_cancel(&t[i].timer);
	ST_ASSERT(left > 0);
	ST_ASSERT_EQ(nr_order, 4);
	ST_ASSERT_EQ(order[0], 2);
	ST_ASSERT_EQ(order[1], 0);
	ST_ASSERT_EQ(order[2], 3);
	ST_ASSERT_EQ(order[3], 4);
	ST_ASSERT(t[2].ran_at >= now + 6 * MS);		/* never early */
	ST_ASSERT(t[0].ran_at >= now + 7 * MS);
	ST_ASSERT(t[3].ran_at >= now + 8 * MS && t[4].ran_at >= t[3].ran_at);
	ST_ASSERT(t[1].runs == 0 && t[5].runs == 0);
	/* In its own function a timer is "running": cancel says -1. */
	ST_ASSERT_EQ(t[2].try_cancel, -1);
	for (int i = 0; i < 6; i++)
		ST_ASSERT(!hrtimer_active(&t[i].timer));
	return 0;
}

SELFTEST(hrtimer_rearm)
{
	struct test_hrtimer periodic, again;
	ktime_t now = ktime_get();

	nr_order = 0;
	/* RESTART after hrtimer_forward: three more runs, 1 ms apart. */
	setup(&periodic, 1, CLOCK_MONOTONIC);
	periodic.periods = 3;
	hrtimer_start(&periodic.timer, now + MS, HRTIMER_MODE_ABS);
	/* hrtimer_start from its own function, then NORESTART: it stays
	 * queued, and runs once more. */
	setup(&again, 2, CLOCK_MONOTONIC);
	again.again = 2 * MS;
	hrtimer_start(&again.timer, now + MS, HRTIMER_MODE_ABS);

	long left = wait_event_timeout(hrt_wq, periodic.runs >= 4 && again.runs >= 2,
				       2 * HZ);
	msleep(10);
	hrtimer_cancel(&periodic.timer);
	hrtimer_cancel(&again.timer);
	ST_ASSERT(left > 0);
	ST_ASSERT_EQ(periodic.runs, 4);
	ST_ASSERT_EQ(again.runs, 2);
	/* The last periodic run is on the grid: start + 4 ms or later. */
	ST_ASSERT(periodic.ran_at >= now + 4 * MS);
	ST_ASSERT(again.ran_at >= now + 3 * MS);
	ST_ASSERT(!hrtimer_active(&periodic.timer) && !hrtimer_active(&again.timer));
	return 0;
}

/*
 * A timer with slack runs in the interrupt of a neighbour whose hard
 * expiry falls inside its range, instead of taking its own.  The walk
 * over a queue stops at the first timer (in hard-expiry order) not yet
 * due, so no other timer may sit between the two: both are placed
 * between two ticks (which fall on multiples of TICK_NSEC).
 */
SELFTEST(hrtimer_slack_shares_interrupt)
{
	struct test_hrtimer a, b;

	nr_order = 0;
	setup(&a, 1, CLOCK_MONOTONIC);
	setup(&b, 2, CLOCK_MONOTONIC);
	unsigned long flags = local_irq_save();
	ktime_t now = ktime_get();
	ktime_t tick = (now / (ktime_t)TICK_NSEC + 1) * (ktime_t)TICK_NSEC;
	hrtimer_start(&a.timer, tick + 3 * MS, HRTIMER_MODE_ABS);
	hrtimer_start_range_ns(&b.timer, tick + 2 * MS, 5 * MS, HRTIMER_MODE_ABS);
	local_irq_restore(flags);
	long left = wait_event_timeout(hrt_wq, nr_order >= 2, 2 * HZ);
	hrtimer_cancel(&a.timer);
	hrtimer_cancel(&b.timer);
	ST_ASSERT(left > 0);
	ST_ASSERT_EQ(order[0], 1);
	ST_ASSERT_EQ(order[1], 2);
	ST_ASSERT_EQ(a.irq, b.irq);			/* one interrupt */
	ST_ASSERT(a.ran_at >= tick + 3 * MS);
	ST_ASSERT(b.ran_at >= tick + 2 * MS);		/* not before its soft */
	return 0;
}

SELFTEST(hrtimer_realtime_base)
{
	struct test_hrtimer t;
	ktime_t when = ktime_get_real() + 2 * MS;

	nr_order = 0;
	setup(&t, 1, CLOCK_REALTIME);
	hrtimer_start(&t.timer, when, HRTIMER_MODE_ABS);
	ST_ASSERT(hrtimer_get_remaining(&t.timer) <= 2 * MS);
	long left = wait_event_timeout(hrt_wq, t.runs >= 1, 2 * HZ);
	hrtimer_cancel(&t.timer);
	ST_ASSERT(left > 0);
	ST_ASSERT(t.ran_at >= when);			/* a wall-clock time */
	ST_ASSERT(ktime_get_real() >= when);
	return 0;
}

SELFTEST(hrtimer_forward_arithmetic)
{
	struct hrtimer t;

	hrtimer_init(&t, CLOCK_MONOTONIC, HRTIMER_MODE_ABS);
	hrtimer_set_expires(&t, 100);
	ST_ASSERT_EQ(hrtimer_forward(&t, 99, 10), 0);	/* not due: unchanged */
	ST_ASSERT_EQ(hrtimer_get_expires(&t), 100);
	ST_ASSERT_EQ(hrtimer_forward(&t, 100, 10), 1);	/* due now: one */
	ST_ASSERT_EQ(hrtimer_get_expires(&t), 110);
	ST_ASSERT_EQ(hrtimer_forward(&t, 135, 10), 3);	/* 120, 130 missed */
	ST_ASSERT_EQ(hrtimer_get_expires(&t), 140);
	ST_ASSERT_EQ(hrtimer_forward(&t, 140, 10), 1);	/* exactly due */
	ST_ASSERT_EQ(hrtimer_get_expires(&t), 150);
	/* With slack, the hard expiry decides, and both move. */
	hrtimer_set_expires_range_ns(&t, 200, 5);
	ST_ASSERT_EQ(hrtimer_forward(&t, 204, 10), 0);
	ST_ASSERT_EQ(hrtimer_forward(&t, 205, 10), 1);
	ST_ASSERT_EQ(hrtimer_get_softexpires(&t), 210);
	ST_ASSERT_EQ(hrtimer_get_expires(&t), 215);
	ST_ASSERT_EQ(hrtimer_forward(&t, KTIME_MAX - 1, KTIME_MAX / 2), 2);
	ST_ASSERT_EQ(hrtimer_get_expires(&t), KTIME_MAX);	/* saturates */
	return 0;
}

SELFTEST(timerqueue_order)
{
	static const ktime_t keys[] = { 50, 10, 40, 10, 30, 20, 50, 0 };
	struct timerqueue_node n[ARRAY_SIZE(keys)];
	struct timerqueue_head head;

	timerqueue_init_head(&head);
	ST_ASSERT(!timerqueue_getnext(&head));
	for (unsigned i = 0; i < ARRAY_SIZE(keys); i++) {
		timerqueue_init(&n[i]);
		n[i].expires = keys[i];
		bool first = timerqueue_add(&head, &n[i]);
		ST_ASSERT_EQ(first, i == 0 || i == 1 || i == 7);
		ST_ASSERT(timerqueue_node_queued(&n[i]));
	}
	ST_ASSERT(timerqueue_del(&head, &n[2]));		/* 40: the middle */
	ST_ASSERT(!timerqueue_node_queued(&n[2]));
	/* Ascending; equal keys in the order added (10: n[1] then n[3]). */
	static const int want[] = { 7, 1, 3, 5, 4, 0, 6 };
	struct timerqueue_node *p = timerqueue_getnext(&head);
	for (unsigned i = 0; i < ARRAY_SIZE(want); i++) {
		ST_ASSERT(p == &n[want[i]]);
		p = timerqueue_iterate_next(p);
	}
	ST_ASSERT(!p);
	for (unsigned i = 0; i < ARRAY_SIZE(want); i++) {
		ST_ASSERT(timerqueue_getnext(&head) == &n[want[i]]);
		bool more = timerqueue_del(&head, &n[want[i]]);
		ST_ASSERT_EQ(more, i + 1 < ARRAY_SIZE(want));
	}
	ST_ASSERT(!timerqueue_getnext(&head));
	return 0;
}

/* An hrtimer that wakes a task early, as an event would. */
struct early_wake {
	struct hrtimer timer;
	struct task_struct *task;
};

static enum hrtimer_restart wake_early(struct hrtimer *t)
{
	wake_up_process(container_of(t, struct early_wake, timer)->task);
	return HRTIMER_NORESTART;
}

SELFTEST(schedule_hrtimeout_expiry_and_wakeup)
{
	ktime_t t0 = ktime_get(), expires = t0 + 2 * MS;

	/* Runs out: 0, and not before the deadline. */
	set_current_state(TASK_UNINTERRUPTIBLE);
	ST_ASSERT_EQ(schedule_hrtimeout(&expires, HRTIMER_MODE_ABS), 0);
	ST_ASSERT(ktime_get() >= expires);
	ST_ASSERT_EQ(current->state, TASK_RUNNING);

	/* Relative, with slack: still not before. */
	ktime_t rel = MS;
	t0 = ktime_get();
	set_current_state(TASK_UNINTERRUPTIBLE);
	ST_ASSERT_EQ(schedule_hrtimeout_range(&rel, 100000, HRTIMER_MODE_REL), 0);
	ST_ASSERT(ktime_get() >= t0 + MS);

	/* A zero timeout does not sleep. */
	ktime_t zero = 0;
	set_current_state(TASK_UNINTERRUPTIBLE);
	ST_ASSERT_EQ(schedule_hrtimeout(&zero, HRTIMER_MODE_REL), 0);
	ST_ASSERT_EQ(current->state, TASK_RUNNING);

	/* Woken before the deadline: -EINTR, and the timer is gone. */
	struct early_wake w = { .task = current };
	hrtimer_init(&w.timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL);
	w.timer.function = wake_early;
	expires = ktime_get() + 10 * NSEC_PER_SEC;
	set_current_state(TASK_UNINTERRUPTIBLE);
	hrtimer_start(&w.timer, 2 * MS, HRTIMER_MODE_REL);
	int ret = schedule_hrtimeout(&expires, HRTIMER_MODE_ABS);
	hrtimer_cancel(&w.timer);
	ST_ASSERT_EQ(ret, -EINTR);
	ST_ASSERT(ktime_get() < expires);
	return 0;
}
