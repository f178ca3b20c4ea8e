/*
 * wait_test.c - self-tests for wait queues: ping-pong between two
 * threads, exclusive wake-ups, keys and custom wake functions, signals
 * and timeouts in the wait_event macros.
 */
#include "kernel/selftest.h"
#include "kernel/wait.h"
#include "kernel/timer.h"
#include "kernel/kthread.h"
#include "kernel/completion.h"
#include "kernel/errno.h"

/* --- ping-pong: two threads take turns N times --- */

#define PING_PONG_ROUNDS 1000

static DECLARE_WAIT_QUEUE_HEAD(pp_wq);
static volatile int pp_turn;		/* whose move: 0 or 1 */
static volatile int pp_moves[2];
static DECLARE_COMPLETION(pp_done);	/* one complete() per thread */

static int ping_pong_rounds(int me)
{
	for (int i = 0; i < PING_PONG_ROUNDS; i++) {
		if (wait_event_timeout(pp_wq, pp_turn == me, 5 * HZ) == 0)
			return -ETIMEDOUT;
		pp_moves[me]++;
		pp_turn = !me;
		wake_up(&pp_wq);
	}
	return 0;
}

static int ping_pong(void *arg)
{
	int ret = ping_pong_rounds((int)(uintptr_t)arg);

	complete(&pp_done);
	return ret;
}

SELFTEST(wait_ping_pong)
{
	pp_turn = 0;
	pp_moves[0] = pp_moves[1] = 0;
	reinit_completion(&pp_done);
	struct task_struct *a = kthread_create(ping_pong, (void *)0, "ping");
	struct task_struct *b = kthread_create(ping_pong, (void *)1, "pong");
	ST_ASSERT(!IS_ERR(a) && !IS_ERR(b));
	/* References first: the threads may be gone by kthread_stop(). */
	get_task_struct(a);
	get_task_struct(b);
	wake_up_process(a);
	wake_up_process(b);
	ST_ASSERT(wait_for_completion_timeout(&pp_done, 20 * HZ));
	ST_ASSERT(wait_for_completion_timeout(&pp_done, 20 * HZ));
	int ra = kthread_stop(a), rb = kthread_stop(b);
	put_task_struct(a);
	put_task_struct(b);
	ST_ASSERT_EQ(ra, 0);
	ST_ASSERT_EQ(rb, 0);
	ST_ASSERT_EQ(pp_moves[0], PING_PONG_ROUNDS);
	ST_ASSERT_EQ(pp_moves[1], PING_PONG_ROUNDS);
	return 0;
}

/* --- exclusive wake-ups: three exclusive waiters, two ordinary ones --- */

static DECLARE_WAIT_QUEUE_HEAD(ex_wq);
static int ex_ready, ex_woken_excl, ex_woken_shared;

static int ex_waiter(void *arg)
{
	bool exclusive = arg != NULL;
	DEFINE_WAIT(wait);

	if (exclusive)
		prepare_to_wait_exclusive(&ex_wq, &wait, TASK_UNINTERRUPTIBLE);
	else
		prepare_to_wait(&ex_wq, &wait, TASK_UNINTERRUPTIBLE);
	__atomic_add_fetch(&ex_ready, 1, __ATOMIC_SEQ_CST);
	/* Uninterruptible, and only a wake-up requeues us: this returns
	 * exactly when one of the test's wake-ups picked us. */
	schedule();
	finish_wait(&ex_wq, &wait);
	__atomic_add_fetch(exclusive ? &ex_woken_excl : &ex_woken_shared, 1,
			   __ATOMIC_SEQ_CST);
	return 0;
}

/* Let every woken waiter run and count itself. */
static void settle(void)
{
	msleep(30);
}

SELFTEST(wait_exclusive)
{
	struct task_struct *t[5];

	ex_ready = ex_woken_excl = ex_woken_shared = 0;
	for (int i = 0; i < 5; i++) {
		t[i] = kthread_run(ex_waiter, i < 3 ? (void *)1 : NULL,
				   "waiter%d", i);
		ST_ASSERT(!IS_ERR(t[i]));
		get_task_struct(t[i]);
	}
	for (int i = 0; i < 100 && READ_ONCE(ex_ready) < 5; i++)
		msleep(1);
	ST_ASSERT_EQ(ex_ready, 5);
	settle();
	ST_ASSERT_EQ(ex_woken_excl + ex_woken_shared, 0);

	wake_up(&ex_wq);	/* both ordinary ones, one exclusive */
	settle();
	ST_ASSERT_EQ(ex_woken_shared, 2);
	ST_ASSERT_EQ(ex_woken_excl, 1);

	wake_up(&ex_wq);	/* the next exclusive one only */
	settle();
	ST_ASSERT_EQ(ex_woken_shared, 2);
	ST_ASSERT_EQ(ex_woken_excl, 2);

	wake_up_all(&ex_wq);
	settle();
	ST_ASSERT_EQ(ex_woken_excl, 3);
	ST_ASSERT(!waitqueue_active(&ex_wq));
	for (int i = 0; i < 5; i++) {
		kthread_stop(t[i]);
		put_task_struct(t[i]);
	}
	return 0;
}

/* --- custom funcs: the key arrives; a 0 return is not a wake-up --- */

struct key_probe {
	wait_queue_entry_t wait;
	int ret;		/* what func returns */
	int calls;
	void *key;
	unsigned mode;
};

static int probe_func(struct wait_queue_entry *wq_entry, unsigned mode,
		      int flags, void *key)
{
	struct key_probe *p = container_of(wq_entry, struct key_probe, wait);

	(void)flags;
	p->calls++;
	p->key = key;
	p->mode = mode;
	return p->ret;
}

SELFTEST(wait_func_key)
{
	DECLARE_WAIT_QUEUE_HEAD_ONSTACK(wq);
	struct key_probe probe[4] = {
		{ .ret = 1 },	/* ordinary */
		{ .ret = 0 },	/* exclusive, declines */
		{ .ret = 1 },	/* exclusive, takes the wake-up */
		{ .ret = 1 },	/* exclusive, must not be reached */
	};

	for (int i = 0; i < 4; i++) {
		init_waitqueue_func_entry(&probe[i].wait, probe_func);
		if (i == 0)
			add_wait_queue(&wq, &probe[i].wait);
		else
			add_wait_queue_exclusive(&wq, &probe[i].wait);
	}
	wake_up_poll(&wq, 0x41);	/* EPOLLIN | EPOLLRDNORM */
	ST_ASSERT_EQ(probe[0].calls, 1);
	ST_ASSERT_EQ(probe[1].calls, 1);
	ST_ASSERT_EQ(probe[2].calls, 1);
	ST_ASSERT_EQ(probe[3].calls, 0);
	ST_ASSERT_EQ(key_to_poll(probe[0].key), 0x41);
	ST_ASSERT_EQ(key_to_poll(probe[2].key), 0x41);
	ST_ASSERT_EQ(probe[2].mode, TASK_NORMAL);

	/* nr_exclusive = 2 through the lower level: the decliner still
	 * does not count, so both takers are reached. */
	unsigned long flags;
	spin_lock_irqsave(&wq.lock, flags);
	int left = __wake_up_common(&wq, TASK_INTERRUPTIBLE, 2, 0, NULL);
	spin_unlock_irqrestore(&wq.lock, flags);
	ST_ASSERT_EQ(left, 0);
	ST_ASSERT_EQ(probe[3].calls, 1);
	ST_ASSERT_EQ(probe[3].mode, TASK_INTERRUPTIBLE);
	ST_ASSERT(probe[3].key == NULL);

	wake_up_all(&wq);
	for (int i = 0; i < 4; i++)
		ST_ASSERT_EQ(probe[i].calls, i == 0 ? 3 : i == 3 ? 2 : 3);
	for (int i = 0; i < 4; i++)
		remove_wait_queue(&wq, &probe[i].wait);
	ST_ASSERT(!waitqueue_active(&wq));
	return 0;
}

/* --- the wait_event macros' return values --- */

struct rescue {
	struct timer_list timer;
	wait_queue_head_t *wq;
	volatile int *cond;
};

/* If a sleep that should have ended at once does not, end it anyway,
 * so the test fails instead of hanging.  Interrupt context. */
static void rescue_fn(struct timer_list *t)
{
	struct rescue *r = from_timer(r, t, timer);

	*r->cond = 1;
	wake_up(r->wq);
}

SELFTEST(wait_event_returns)
{
	DECLARE_WAIT_QUEUE_HEAD_ONSTACK(wq);
	volatile int never = 0;
	struct rescue rescue = { .wq = &wq, .cond = &never };

	ST_ASSERT_EQ(wait_event_interruptible(wq, 1), 0);
	ST_ASSERT_EQ(wait_event_timeout(wq, 1, 10), 10);
	ST_ASSERT_EQ(wait_event_timeout(wq, 1, 0), 1);
	ST_ASSERT_EQ(wait_event_timeout(wq, never, 3), 0);

	/* A pending signal ends interruptible sleeps, and only those. */
	timer_setup(&rescue.timer, rescue_fn, 0);
	mod_timer(&rescue.timer, jiffies + HZ);
	current->sigpending = true;
	int r = wait_event_interruptible(wq, never);
	del_timer(&rescue.timer);
	long t = wait_event_interruptible_timeout(wq, never, 50);
	long u = wait_event_timeout(wq, never, 3);
	current->sigpending = false;
	ST_ASSERT_EQ(r, -ERESTARTSYS);
	ST_ASSERT_EQ(t, -ERESTARTSYS);
	ST_ASSERT_EQ(u, 0);
	ST_ASSERT(!waitqueue_active(&wq));
	ST_ASSERT_EQ(current->state, TASK_RUNNING);
	return 0;
}
