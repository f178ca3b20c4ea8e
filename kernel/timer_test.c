/*
 * timer_test.c - self-tests for kernel timers: order of expiry,
 * del_timer, re-arming.
 */
#include "kernel/selftest.h"
#include "kernel/timer.h"
#include "kernel/time.h"
#include "kernel/wait.h"

struct test_timer {
	struct timer_list timer;
	int id;
};

static DECLARE_WAIT_QUEUE_HEAD(fired_wq);
static int fired[8], nr_fired;

/* Interrupt context. */
static void record(struct timer_list *t)
{
	struct test_timer *tt = from_timer(tt, t, timer);

	if (nr_fired < (int)ARRAY_SIZE(fired))
		fired[nr_fired] = tt->id;
	nr_fired++;
	wake_up(&fired_wq);
}

SELFTEST(timer_order_and_del)
{
	struct test_timer t[5];
	u64 now = jiffies;

	nr_fired = 0;
	for (int i = 0; i < 5; i++) {
		timer_setup(&t[i].timer, record, 0);
		t[i].id = i;
	}
	/* Armed out of order; 3 and 4 share an expiry and must keep
	 * their arming order. */
	mod_timer(&t[2].timer, now + 6);
	mod_timer(&t[0].timer, now + 2);
	mod_timer(&t[1].timer, now + 4);
	mod_timer(&t[3].timer, now + 8);
	mod_timer(&t[4].timer, now + 8);
	ST_ASSERT(timer_pending(&t[1].timer));
	ST_ASSERT_EQ(del_timer(&t[1].timer), 1);
	ST_ASSERT(!timer_pending(&t[1].timer));
	ST_ASSERT_EQ(del_timer(&t[1].timer), 0);
	/* Re-arming a pending timer moves it. */
	ST_ASSERT_EQ(mod_timer(&t[0].timer, now + 7), 1);

	long left = wait_event_timeout(fired_wq, nr_fired >= 4, 2 * HZ);
	msleep(100);		/* would t[1] fire after all? */
	for (int i = 0; i < 5; i++)
		del_timer(&t[i].timer);
	ST_ASSERT(left > 0);
	ST_ASSERT_EQ(nr_fired, 4);
	ST_ASSERT_EQ(fired[0], 2);
	ST_ASSERT_EQ(fired[1], 0);
	ST_ASSERT_EQ(fired[2], 3);
	ST_ASSERT_EQ(fired[3], 4);
	ST_ASSERT(time_after_eq(jiffies, now + 8));
	for (int i = 0; i < 5; i++)
		ST_ASSERT(!timer_pending(&t[i].timer));
	return 0;
}
