/*
 * sched_test.c - self-tests for the scheduler: preemption, exit and
 * reaping, schedule_timeout.
 *
 * Every wait here is bounded, so a broken scheduler fails a test instead
 * of hanging the run.
 */
#include "kernel/selftest.h"
#include "kernel/sched.h"
#include "kernel/kthread.h"
#include "kernel/completion.h"
#include "kernel/mm.h"
#include "kernel/errno.h"

/* Start a thread and keep a reference, so it can be reaped with
 * reap() whether or not it has already exited. */
static struct task_struct *start(int (*fn)(void *), void *arg,
				 const char *name)
{
	struct task_struct *p = kthread_create(fn, arg, "%s", name);

	if (IS_ERR(p))
		return NULL;
	get_task_struct(p);
	wake_up_process(p);
	return p;
}

/* kthread_stop() returns once the thread has said it is done; its CPU
 * frees the stack a moment later, at its last switch (on Linux too), so
 * with more than one CPU the thread may still be dying.  Wait for that
 * (a second at most), for checks of free memory and of the dead task. */
static void wait_stack_freed(struct task_struct *p)
{
	for (int ms = 0; ms < 1000 && READ_ONCE(p->stack); ms++)
		msleep(1);
}

static int reap(struct task_struct *p)
{
	int ret = kthread_stop(p);

	wait_stack_freed(p);
	put_task_struct(p);
	return ret;
}

/* --- preemption: two threads that never yield both make progress --- */

static volatile bool spin_stop;
static volatile unsigned long spin_counter[2];
static volatile unsigned long other_seen;	/* by thread 0, at its end */

/* Spin without sleeping or yielding until told to stop (or 3 s have
 * passed: without preemption nobody could tell us). */
static int spinner(void *arg)
{
	int me = (int)(uintptr_t)arg;
	u64 end = jiffies + 3 * HZ;

	while (!spin_stop && time_before(jiffies, end))
		spin_counter[me]++;
	if (me == 0)
		other_seen = spin_counter[1];
	return 0;
}

SELFTEST(sched_preemption)
{
	spin_stop = false;
	spin_counter[0] = spin_counter[1] = 0;
	other_seen = 0;

	struct task_struct *a = start(spinner, (void *)0, "spin0");
	struct task_struct *b = start(spinner, (void *)1, "spin1");
	ST_ASSERT(a && b);
	msleep(300);		/* only preemption can wake us up in time */
	spin_stop = true;
	reap(a);
	reap(b);
	pr_info("    # spinners: %lu and %lu loops, 0 saw %lu of 1's\n",
		spin_counter[0], spin_counter[1], other_seen);
	/* spin1 ran while spin0 was still spinning. */
	ST_ASSERT(other_seen > 0);
	ST_ASSERT(spin_counter[0] > 0);
	return 0;
}

/* --- exit: the thread's stack and task_struct go back --- */

static DECLARE_COMPLETION(ran);

/* Says it ran, so the test can kthread_stop() it knowing it will not
 * be stopped before its function even starts. */
static int exit_with_42(void *unused)
{
	(void)unused;
	complete(&ran);
	return 42;
}

static int wait_for_stop(void *unused)
{
	(void)unused;
	while (!kthread_should_stop())
		msleep(1);
	return 7;
}

SELFTEST(sched_exit_reaped)
{
	/* A first thread warms up the slab caches, whose pages stay. */
	reinit_completion(&ran);
	struct task_struct *p = start(exit_with_42, NULL, "warmup");
	ST_ASSERT(p);
	wait_for_completion(&ran);
	ST_ASSERT_EQ(reap(p), 42);

	unsigned long free_before = nr_free_pages();
	/* Looked at before it is woken: on another CPU it could run, end
	 * and give its stack back before we look. */
	p = kthread_create(exit_with_42, NULL, "exit42");
	ST_ASSERT(!IS_ERR(p));
	get_task_struct(p);
	ST_ASSERT(nr_free_pages() < free_before);	/* it has a stack */
	wake_up_process(p);
	ST_ASSERT(wait_for_completion_timeout(&ran, HZ));
	ST_ASSERT_EQ(kthread_stop(p), 42);
	wait_stack_freed(p);
	ST_ASSERT_EQ(p->state, TASK_DEAD);
	ST_ASSERT_EQ(p->exit_state, EXIT_ZOMBIE);
	ST_ASSERT(p->stack == NULL);
	ST_ASSERT_EQ(nr_free_pages(), free_before);
	put_task_struct(p);

	/* The usual shape: the thread runs until kthread_stop(). */
	p = start(wait_for_stop, NULL, "stopme");
	ST_ASSERT(p);
	msleep(20);
	ST_ASSERT_EQ(reap(p), 7);
	ST_ASSERT_EQ(nr_free_pages(), free_before);

	/* Stopped before it ever ran: the function is never called. */
	p = kthread_create(exit_with_42, NULL, "never");
	ST_ASSERT(!IS_ERR(p));
	get_task_struct(p);
	ST_ASSERT_EQ(reap(p), -EINTR);
	ST_ASSERT_EQ(nr_free_pages(), free_before);
	return 0;
}

/* --- schedule_timeout --- */

SELFTEST(sched_schedule_timeout)
{
	u64 start_j = jiffies;
	long left = schedule_timeout_uninterruptible(10);
	u64 slept = jiffies - start_j;

	pr_info("    # asked for 10 jiffies, slept %lu\n", (unsigned long)slept);
	ST_ASSERT_EQ(left, 0);
	ST_ASSERT(slept >= 10);
	ST_ASSERT(slept < 60);

	start_j = jiffies;
	msleep(50);
	slept = jiffies - start_j;
	ST_ASSERT(slept >= msecs_to_jiffies(50));
	ST_ASSERT(slept < msecs_to_jiffies(50) + 50);

	/* Woken early, it reports what is left. */
	set_current_state(TASK_INTERRUPTIBLE);
	wake_up_process(current);
	left = schedule_timeout(100);
	ST_ASSERT(left > 90);
	ST_ASSERT_EQ(current->state, TASK_RUNNING);
	return 0;
}

/* --- a task woken before it reached schedule() keeps its turn --- */

static volatile bool queued_ran;

static int note_ran(void *unused)
{
	(void)unused;
	queued_ran = true;
	return 0;
}

/*
 * The window every sleeper has: it set its state, and a waker (another
 * CPU, an interrupt) finds it still on its CPU and sets it running
 * before it calls schedule().  It never slept, so it must go on as
 * the woken task it is (Linux's ttwu_runnable), not behind every task
 * on its queue as a yield would: knetd, woken by the e1000 interrupt
 * in that window, waited behind an httpd's whole slice.  We make the
 * window ourselves, with a new thread queued behind us on this CPU; a
 * new task queues at the tail, so it runs before us only if we lost
 * our place.  A tick in between may preempt us (slice spent), hence
 * three tries; the bug loses the turn every time.
 */
SELFTEST(sched_woken_on_cpu_keeps_turn)
{
	cpumask_t saved = READ_ONCE(current->cpus_mask);
	int kept = 0;

	for (int i = 0; i < 3 && !kept; i++) {
		int cpu = task_cpu(current);
		ST_ASSERT_EQ(set_cpus_allowed(current, 1UL << cpu), 0);
		queued_ran = false;
		struct task_struct *p = kthread_create(note_ran, NULL, "queued");
		ST_ASSERT(!IS_ERR(p));
		get_task_struct(p);
		ST_ASSERT_EQ(set_cpus_allowed(p, 1UL << task_cpu(current)), 0);
		wake_up_process(p);
		set_current_state(TASK_INTERRUPTIBLE);
		wake_up_process(current);	/* the waker wins the race */
		schedule();
		kept += !queued_ran;
		reap(p);
	}
	set_cpus_allowed(current, saved);
	ST_ASSERT(kept);
	return 0;
}
