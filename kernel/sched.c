/*
 * sched.c - the scheduler: run queues, schedule(), wake-ups, the tick,
 * preemption, migration and the idle tasks.  See sched.h for the policy.
 *
 * One run queue per CPU (struct rq), each with its own lock.  A task is
 * on at most one queue, its CPU's (task->cpu), and runs only there.
 *
 * LOCKING (Linux's, simplified):
 *   rq->lock (interrupts off) guards the queue, rq->curr, and the
 *     on_rq/on_cpu/cpu of the tasks on or running on it, and each task's
 *     state as __schedule() reads it.  __schedule() takes its CPU's lock,
 *     switches with it held and the task switched to drops it
 *     (finish_task_switch), so a task's on_cpu is cleared, after its
 *     stack is no longer in use, before anyone else can take that lock;
 *   p->pi_lock serializes p's wake-ups and affinity changes: it is taken
 *     first, then p's run queue's lock (task_rq_lock);
 *   two run queue locks at once (a CPU taking a task from another's
 *     queue) only with trylock for the second, so there is no order to
 *     get wrong.
 * Interrupts off on this CPU keep out this CPU's interrupt handlers, and
 * the lock word keeps out the other CPUs.
 *
 * Invariants: a running task is never on a queue; the idle task never
 * is, and runs only when its queue is empty.  A task that sets a
 * sleeping state and is then preempted stays runnable (__schedule's
 * preempt argument): it has not reached its own schedule() yet, and
 * dequeuing it there would lose the wake-up it is about to wait for.
 * A task woken in that same window, before its own schedule(), has not
 * slept either: that schedule() queues it as a woken task, at the front,
 * not at the tail as a yield (sched_woken_on_cpu).
 *
 * Balancing, simply: a woken task goes to an idle CPU it may use if
 * there is one (select_task_rq), and a CPU with nothing to run takes
 * the first task it may run from the busiest other queue (pull_task);
 * an idle CPU looks at every tick whether another has tasks waiting.
 *
 * Wake-up preemption.  Round robin alone makes a task that sleeps most
 * of the time (a shell, a server between requests, the fuzzer's
 * heartbeat) wait behind every CPU hog's slice each time it wakes: with
 * three hogs and 100 ms slices, 200-300 ms.  Linux lets a woken task
 * that is owed CPU time preempt the task running (wakeup_preempt, which
 * was check_preempt_wakeup); here, in round-robin terms:
 *   - a slice is a budget of CPU time (task_slice_ns), spent while the
 *     task runs; sleeping earns some of it back: the time slept over the
 *     number of tasks on that CPU, the share the sleeper would have had
 *     there (CFS's sleeper credit in place_entity, simplified);
 *   - a woken task with budget left goes to the front of the queue, after
 *     the woken tasks already waiting there (they run in the order they
 *     woke), and the task running gives way once it has had the CPU for
 *     sysctl_sched_wakeup_granularity: at once, or at the next tick (the
 *     granularity keeps two tasks that wake each other from switching at
 *     every wake-up);
 *   - the task that gave way goes back to the front too, right after the
 *     woken ones, with what is left of its slice: it loses no turn;
 *   - a task whose budget is spent goes to the tail with a new one, as a
 *     yield does; so does a new task (it has not slept; Linux's
 *     START_DEBIT) and a SCHED_BATCH or SCHED_IDLE one (Linux never lets
 *     those preempt at wake-up).
 * What a task runs ahead of the others is at most what it earned asleep,
 * 1/n of the time it slept, so the hogs still get their turns; a task
 * that runs more than it sleeps works its budget off and queues at the
 * tail like a hog.  Each step is O(1): the queue is still a list, and
 * rq->wake_tail marks where the woken tasks at its front end.
 */
#include "kernel/kernel.h"
#include "kernel/sched.h"
#include "kernel/cred.h"
#include "kernel/errno.h"
#include "kernel/chaintrace.h"
#include "arch/x86_64/irq.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/segment.h"
#include "arch/x86_64/uaccess.h"
#include "arch/x86_64/smp.h"
#include "kernel/timekeeping.h"
#include "fs/seq_file.h"

extern char init_stack[], init_stack_top[];

/* One per CPU (Linux's struct rq). */
struct rq {
	spinlock_t lock;		/* see LOCKING above */
	struct list_head queue;		/* runnable tasks, next to run first */
	struct task_struct *wake_tail;	/* the last of the woken tasks at the
					 * queue's front (sched_woken), or NULL */
	unsigned int nr_running;	/* tasks on queue */
	struct task_struct *curr;	/* on this CPU now */
	struct task_struct *idle;	/* runs when queue is empty */
	u64 nr_switches;
	int cpu;
	/* Linux's schedstats, /proc/schedstat's line for this CPU: written
	 * under lock (ttwu_* by this CPU, interrupts off), read racily. */
	unsigned int yld_count;		/* yield() calls */
	unsigned int sched_count;	/* __schedule() calls */
	unsigned int sched_goidle;	/* ... that picked the idle task */
	unsigned int ttwu_count;	/* wake-ups done by this CPU */
	unsigned int ttwu_local;	/* ... of a task queued on this CPU */
	u64 rq_cpu_time;		/* ns tasks ran here */
	u64 run_delay;			/* ns tasks waited on this queue */
	unsigned long pcount;		/* tasks given this CPU */
};

static DEFINE_PER_CPU(struct rq, runqueues);
#define this_rq()	this_cpu_ptr(&runqueues)
#define cpu_rq(cpu)	per_cpu_ptr(&runqueues, (cpu))
/* A task __schedule() found on a CPU it may no longer use: the task
 * switched to sends it elsewhere (finish_task_switch). */
static DEFINE_PER_CPU(struct task_struct *, push_task);

DEFINE_PER_CPU(int, __preempt_count);

struct task_struct init_task = {
	.state = TASK_RUNNING,
	.pid = 0,
	.comm = "swapper",
	.static_prio = DEFAULT_PRIO,
	.stack = init_stack,
	.usage = 1,
	.run_list = LIST_HEAD_INIT(init_task.run_list),
	.on_cpu = 1,
	.cpus_mask = ~0UL,
	.pi_lock = __SPIN_LOCK_UNLOCKED(init_task.pi_lock),
	.tasks = LIST_HEAD_INIT(init_task.tasks),
	.children = LIST_HEAD_INIT(init_task.children),
	.cred = &init_cred,
	.thread_node = LIST_HEAD_INIT(init_task.thread_node),
	.group_leader = &init_task,
	.pending = { .list = LIST_HEAD_INIT(init_task.pending.list) },
	.alloc_lock = __SPIN_LOCK_UNLOCKED(init_task.alloc_lock),
};

/* The boot thread is a task from the first instruction, so spinlocks
 * and need_resched() work before sched_init(). */
DEFINE_PER_CPU(struct task_struct *, current_task) = &init_task;

static bool cpu_allowed(const struct task_struct *p, int cpu)
{
	return (READ_ONCE(p->cpus_mask) >> cpu) & 1;
}

/* How long a task runs before a woken one may preempt it (Linux's
 * default, 1 ms; see "Wake-up preemption" above). */
#define sysctl_sched_wakeup_granularity	(1 * NSEC_PER_MSEC)

/* p's slice as a budget of CPU time. */
static u64 task_slice_ns(const struct task_struct *p)
{
	return (u64)task_timeslice(p) * TICK_NSEC;
}

/* What p has used of its slice; running says p is on its CPU now (its
 * stint since exec_start is not in sum_exec_runtime yet). */
static u64 slice_used(const struct task_struct *p, bool running, u64 now)
{
	u64 ran = p->sum_exec_runtime - p->slice_start;

	return running ? ran + (now - p->exec_start) : ran;
}

/* Where enqueue_task puts a task: the tail; the front, right after the
 * woken tasks (one that gave way to them); the last of the woken ones. */
enum enqueue_where { ENQUEUE_TAIL, ENQUEUE_FRONT, ENQUEUE_WOKEN };

/* rq->lock held.  The woken tasks are always the queue's first ones. */
static void enqueue_task(struct rq *rq, struct task_struct *p,
			 enum enqueue_where where)
{
	if (where == ENQUEUE_TAIL)
		list_add_tail(&p->run_list, &rq->queue);
	else
		list_add(&p->run_list, rq->wake_tail ? &rq->wake_tail->run_list
						      : &rq->queue);
	if (where == ENQUEUE_WOKEN) {
		p->sched_woken = true;
		rq->wake_tail = p;
	}
	p->on_rq = true;
	WRITE_ONCE(p->cpu, rq->cpu);
	rq->nr_running++;
	if (!p->sched_info.last_queued)		/* kept across a move */
		p->sched_info.last_queued = ktime_get_ns();
}

static void dequeue_task(struct rq *rq, struct task_struct *p)
{
	if (p == rq->wake_tail)		/* the woken ones now end before it */
		rq->wake_tail = p->run_list.prev == &rq->queue ? NULL :
			list_entry(p->run_list.prev, struct task_struct, run_list);
	p->sched_woken = false;
	list_del_init(&p->run_list);
	p->on_rq = false;
	rq->nr_running--;
}

/* Queue p, just woken from a sleep: it earns back part of its slice,
 * and goes to the front if some is left (see "Wake-up preemption"). */
static void enqueue_woken(struct rq *rq, struct task_struct *p)
{
	if (!p->exec_start || p->policy == SCHED_BATCH || p->policy == SCHED_IDLE) {
		enqueue_task(rq, p, ENQUEUE_TAIL);	/* new, or never preempts */
		return;
	}
	unsigned int nr = rq->nr_running + 1 + (rq->curr != rq->idle);
	u64 credit = (ktime_get_ns() - p->sleep_start) / nr;
	u64 used = slice_used(p, false, 0);

	p->slice_start += credit < used ? credit : used;
	if (slice_used(p, false, 0) < task_slice_ns(p)) {
		enqueue_task(rq, p, ENQUEUE_WOKEN);
	} else {
		p->slice_start = p->sum_exec_runtime;	/* a new slice */
		enqueue_task(rq, p, ENQUEUE_TAIL);
	}
}

/* Queue prev, still runnable, as it leaves the CPU at now.  Asked to
 * give way (need_resched) with woken tasks waiting, it keeps its place,
 * right after them, with what is left of its slice; with its slice
 * spent it goes to the tail with a new one; otherwise (a yield, or
 * another reason to switch) to the tail as it is. */
static void put_prev_task(struct rq *rq, struct task_struct *prev, bool asked,
			  u64 now)
{
	bool front = asked && rq->wake_tail;

	if (slice_used(prev, true, now) >= task_slice_ns(prev)) {
		prev->slice_start = prev->sum_exec_runtime + (now - prev->exec_start);
		front = false;
	}
	enqueue_task(rq, prev, front ? ENQUEUE_FRONT : ENQUEUE_TAIL);
}

/* Make rq's CPU give up what it runs at its next chance (rq->lock
 * held): the flag, and an IPI if that CPU is not this one, since only
 * an interrupt's way out (or a schedule() of its own) looks at it. */
static void resched_curr(struct rq *rq)
{
	WRITE_ONCE(rq->curr->need_resched, true);
	if (rq->cpu != smp_processor_id())
		smp_send_reschedule(rq->cpu);
}

/* p was just queued on rq (rq->lock held): should rq's CPU switch?
 * At once if it idles; for a woken task at the front, once the task
 * running has had the CPU for the granularity (if not yet, the tick
 * looks again).  Linux's wakeup_preempt. */
static void wakeup_preempt(struct rq *rq, struct task_struct *p)
{
	struct task_struct *curr = rq->curr;

	if (curr == rq->idle)
		resched_curr(rq);
	else if (p->sched_woken && !READ_ONCE(curr->need_resched) &&
		 ktime_get_ns() - curr->exec_start >= sysctl_sched_wakeup_granularity)
		resched_curr(rq);
}

/* Lock the run queue p is on; p may move until we hold it, so look
 * again (Linux's task_rq_lock, with p->pi_lock already held). */
static struct rq *task_rq_lock(struct task_struct *p)
{
	for (;;) {
		struct rq *rq = cpu_rq(task_cpu(p));
		do_raw_spin_lock(&rq->lock);
		if (rq == cpu_rq(task_cpu(p)))
			return rq;
		do_raw_spin_unlock(&rq->lock);
	}
}

/*
 * A queue's first task that may run on this CPU, taken from the busiest
 * other queue (rq->lock held; the other's only if trylock gets it).
 * Tasks on another queue are not running there: its CPU holds its lock
 * across every switch, until the task switched from is off the CPU.
 */
static struct task_struct *pull_task(struct rq *rq)
{
	struct rq *busiest = NULL;
	unsigned int most = 0;
	int cpu;

	for_each_online_cpu(cpu) {
		struct rq *src = cpu_rq(cpu);
		unsigned int n = READ_ONCE(src->nr_running);
		if (src != rq && n > most) {
			most = n;
			busiest = src;
		}
	}
	if (!busiest || !do_raw_spin_trylock(&busiest->lock))
		return NULL;
	struct task_struct *p, *found = NULL;
	list_for_each_entry(p, &busiest->queue, run_list) {
		if (cpu_allowed(p, rq->cpu)) {
			found = p;
			break;
		}
	}
	if (found) {
		dequeue_task(busiest, found);
		WRITE_ONCE(found->cpu, rq->cpu);
	}
	do_raw_spin_unlock(&busiest->lock);
	return found;
}

static struct task_struct *pick_next_task(struct rq *rq)
{
	if (list_empty(&rq->queue)) {
		struct task_struct *p = num_online_cpus() > 1 ? pull_task(rq) : NULL;
		return p ? p : rq->idle;
	}
	struct task_struct *next =
		list_first_entry(&rq->queue, struct task_struct, run_list);
	dequeue_task(rq, next);
	return next;
}

/* The CPU for a task being woken (p->pi_lock held): its own if that is
 * idle, else an idle one it may use, else its own, else any it may use. */
static int select_task_rq(struct task_struct *p)
{
	int prev = task_cpu(p), cpu;

	if (cpu_allowed(p, prev) && cpu_online(prev) &&
	    READ_ONCE(cpu_rq(prev)->curr) == cpu_rq(prev)->idle &&
	    !READ_ONCE(cpu_rq(prev)->nr_running))
		return prev;
	for_each_online_cpu(cpu)
		if (cpu_allowed(p, cpu) &&
		    READ_ONCE(cpu_rq(cpu)->curr) == cpu_rq(cpu)->idle &&
		    !READ_ONCE(cpu_rq(cpu)->nr_running))
			return cpu;
	if (cpu_allowed(p, prev) && cpu_online(prev))
		return prev;
	for_each_online_cpu(cpu)
		if (cpu_allowed(p, cpu))
			return cpu;
	return 0;
}

/* Queue p, runnable and off every CPU and queue, where it may run, and
 * make that CPU switch if it should (wakeup_preempt): woken says p
 * comes from a sleep, else it is moving between CPUs and queues at the
 * tail.  p->pi_lock held, interrupts off. */
static void activate_task(struct task_struct *p, bool woken)
{
	struct rq *rq = cpu_rq(select_task_rq(p));

	do_raw_spin_lock(&rq->lock);
	if (woken)
		enqueue_woken(rq, p);
	else
		enqueue_task(rq, p, ENQUEUE_TAIL);
	wakeup_preempt(rq, p);
	do_raw_spin_unlock(&rq->lock);
}

/*
 * The second half of a switch, run by the task switched to (on its own
 * stack) before anything else it does.  A dead prev is off the CPU for
 * good only now, so this is where its stack can go: it cannot free the
 * stack it is running on.
 */
static void finish_task_switch(struct task_struct *prev)
{
	struct rq *rq = this_rq();
	struct task_struct *push = this_cpu_read(push_task);

	this_cpu_write(push_task, NULL);
	if (prev != current)	/* off the CPU: its stack is free now */
		smp_store_release(&prev->on_cpu, 0);
	do_raw_spin_unlock(&rq->lock);
	if (prev != current && prev->state == TASK_DEAD) {
		put_task_stack(prev);
		put_task_struct(prev);	/* the task's reference to itself */
	}
	if (push) {		/* it may not run here any more */
		do_raw_spin_lock(&push->pi_lock);
		activate_task(push, false);
		do_raw_spin_unlock(&push->pi_lock);
	}
	local_irq_enable();
}

/* next gets the CPU from prev at now (rq->lock held): the time next
 * waited on a queue, and the time prev ran (Linux's sched_info_switch).
 * next may be prev, queued again and picked at once. */
static void sched_info_arrive(struct rq *rq, struct task_struct *prev,
			      struct task_struct *next, u64 now)
{
	u64 queued = next->sched_info.last_queued;

	next->sched_info.last_queued = 0;
	if (next == prev)
		return;
	if (queued && now > queued) {
		next->sched_info.run_delay += now - queued;
		rq->run_delay += now - queued;
	}
	next->sched_info.pcount++;
	rq->pcount++;
	if (prev != rq->idle)
		rq->rq_cpu_time += now - prev->exec_start;
}

/* Entered with preemption disabled; returns with interrupts on. */
static void __schedule(bool preempt)
{
	struct task_struct *prev = current, *next;
	struct rq *rq;

	local_irq_disable();
	rq = this_rq();
	do_raw_spin_lock(&rq->lock);
	u64 now = ktime_get_ns();
	bool asked = prev->need_resched;	/* not a yield: see put_prev_task */
	prev->need_resched = false;
	/* Leaving to sleep is voluntary; preemption and yield() are not
	 * (Linux's nvcsw and nivcsw, which /proc/<pid>/status shows). */
	unsigned long *switch_count = !preempt && prev->state != TASK_RUNNING ?
				      &prev->nvcsw : &prev->nivcsw;
	/* A task about to sleep interruptibly with a signal already pending
	 * stays runnable (as Linux's __schedule): the signal may have come
	 * after its last check, and nobody would wake it for that signal. */
	if (!preempt && signal_pending_state(prev->state, prev))
		prev->state = TASK_RUNNING;
	/* Woken before it got here (try_to_wake_up found it still on the
	 * CPU): it never slept, and goes on as the woken task it is, not
	 * behind every task on the queue as a yield would.  Linux's
	 * ttwu_runnable leaves such a task where it was; here that is the
	 * front.  A preemption keeps its own rule (put_prev_task). */
	bool woken = prev->sched_woken_on_cpu && !preempt;
	prev->sched_woken_on_cpu = false;
	if (prev != rq->idle &&
	    (prev->state == TASK_RUNNING || (preempt && prev->state != TASK_DEAD))) {
		if (!cpu_allowed(prev, rq->cpu))
			this_cpu_write(push_task, prev);
		else if (woken && slice_used(prev, true, now) < task_slice_ns(prev))
			enqueue_task(rq, prev, ENQUEUE_WOKEN);
		else
			put_prev_task(rq, prev, asked, now);
	} else {
		prev->sleep_start = now;
	}
	next = pick_next_task(rq);
	rq->sched_count++;
	if (next == rq->idle)
		rq->sched_goidle++;
	sched_info_arrive(rq, prev, next, now);
	if (next != prev) {
		/* The CPU clocks: each task's ns on the CPU. */
		prev->sum_exec_runtime += now - prev->exec_start;
		next->exec_start = now;
		rq->nr_switches++;
		++*switch_count;
		next->on_cpu = 1;
		rq->curr = next;
		this_cpu_write(current_task, next);
		prev = switch_to(prev, next);	/* now running as next */
	}
	finish_task_switch(prev);
}

void schedule(void)
{
	if (unlikely(preempt_count() || in_interrupt()))
		panic("scheduling while atomic: %s/%d, preempt_count %d",
		      current->comm, current->pid, preempt_count());
	do {
		preempt_disable();
		__schedule(false);
		preempt_enable_no_resched();
	} while (need_resched());
}

/* do_exit()'s last step, with preemption and interrupts off. */
void __noreturn do_task_dead(void)
{
	current->state = TASK_DEAD;
	__schedule(false);
	panic("dead task %s/%d ran again", current->comm, current->pid);
}

/* A new task's first C code (from ret_from_fork).  A thread made with
 * CLONE_CHILD_SETTID writes its tid into its own memory now, as Linux
 * does (a fault is ignored). */
__used void schedule_tail(struct task_struct *prev)
{
	finish_task_switch(prev);
	preempt_enable();
	if (current->set_child_tid)
		put_user(current->pid, current->set_child_tid);
}

u64 task_sched_runtime(struct task_struct *p)
{
	unsigned long flags = local_irq_save();
	u64 ns = p->sum_exec_runtime;

	if (READ_ONCE(p->on_cpu))
		ns += ktime_get_ns() - READ_ONCE(p->exec_start);
	local_irq_restore(flags);
	return ns;
}

void yield(void)
{
	unsigned long flags = local_irq_save();
	this_rq()->yld_count++;
	local_irq_restore(flags);
	current->sched_woken_on_cpu = false;	/* a yield is a yield */
	set_current_state(TASK_RUNNING);
	schedule();
}

/* Called when preempt_count() drops to zero. */
void preempt_schedule(void)
{
	if (likely(!need_resched()) || preempt_count() || in_interrupt() ||
	    irqs_disabled())
		return;
	do {
		preempt_disable();
		__schedule(true);
		preempt_enable_no_resched();
	} while (need_resched());
}

int cond_resched(void)
{
	if (!need_resched() || preempt_count() || in_interrupt() ||
	    irqs_disabled())
		return 0;
	preempt_schedule();
	return 1;
}

/* do_interrupt() checked that the interrupted context was preemptible.
 * Interrupts are off on entry and must be off again on return: we go
 * back to the interrupt return path. */
void preempt_schedule_irq(void)
{
	do {
		preempt_disable();
		__schedule(true);
		local_irq_disable();
		preempt_enable_no_resched();
	} while (need_resched());
}

/*
 * Wake p if its state is in state.  Under p->pi_lock (one waker at a
 * time) and then its run queue's lock:
 *   - on a queue already, or still on a CPU (it has not reached its
 *     __schedule(), which takes that lock and will see TASK_RUNNING):
 *     the state is all there is to change, and, for the one still on
 *     its CPU, a note that it was woken, so that its __schedule() keeps
 *     its turn (sched_woken_on_cpu);
 *   - otherwise it is off every CPU (on_cpu is cleared before that lock
 *     is dropped, finish_task_switch) and goes on a queue, perhaps
 *     another CPU's, which gets a reschedule IPI if it idles.
 * The waker set the sleeper's condition before calling this; the locks'
 * atomic operations are full barriers, so the sleeper's set_current_state
 * and our read of its state cannot both miss (sched.h).  Any context.
 */
int try_to_wake_up(struct task_struct *p, unsigned int state, int wake_flags)
{
	unsigned long flags = local_irq_save();
	int success = 0;

	(void)wake_flags;	/* WF_SYNC is only a hint; we ignore it */
	do_raw_spin_lock(&p->pi_lock);
	if (!(READ_ONCE(p->state) & state))
		goto out;
	trace_chain_wakeup(p);
	struct rq *rq = task_rq_lock(p);
	WRITE_ONCE(p->state, TASK_RUNNING);
	bool queued = p->on_rq || READ_ONCE(p->on_cpu);
	if (!p->on_rq && p->on_cpu)
		p->sched_woken_on_cpu = true;	/* see __schedule() */
	do_raw_spin_unlock(&rq->lock);
	if (!queued)
		activate_task(p, true);
	success = 1;
	this_rq()->ttwu_count++;
	if (task_cpu(p) == smp_processor_id())
		this_rq()->ttwu_local++;
out:
	do_raw_spin_unlock(&p->pi_lock);
	local_irq_restore(flags);
	return success;
}

int wake_up_process(struct task_struct *p)
{
	return try_to_wake_up(p, TASK_NORMAL, 0);
}

/* Whether another CPU has tasks waiting that an idle CPU could take. */
static bool others_waiting(void)
{
	int cpu;

	for_each_online_cpu(cpu)
		if (cpu != smp_processor_id() && READ_ONCE(cpu_rq(cpu)->nr_running))
			return true;
	return false;
}

void scheduler_tick(void)
{
	struct task_struct *curr = current;
	struct rq *rq = this_rq();

	do_raw_spin_lock(&rq->lock);
	if (curr == rq->idle) {
		if (rq->nr_running || others_waiting())
			resched_curr(rq);
	} else {
		u64 now = ktime_get_ns();
		bool spent = slice_used(curr, true, now) >= task_slice_ns(curr);

		if (!rq->nr_running) {		/* alone: keep running */
			if (spent)
				curr->slice_start = curr->sum_exec_runtime +
						    (now - curr->exec_start);
		} else if (spent || (rq->wake_tail &&
			   now - curr->exec_start >= sysctl_sched_wakeup_granularity)) {
			resched_curr(rq);
		}
	}
	do_raw_spin_unlock(&rq->lock);
}

int set_cpus_allowed(struct task_struct *p, cpumask_t mask)
{
	unsigned long flags = local_irq_save();

	mask &= nr_cpu_ids >= 64 ? ~0UL : (1UL << nr_cpu_ids) - 1;
	if (!(mask & READ_ONCE(cpu_online_mask))) {
		local_irq_restore(flags);
		return -EINVAL;
	}
	do_raw_spin_lock(&p->pi_lock);
	struct rq *rq = task_rq_lock(p);
	WRITE_ONCE(p->cpus_mask, mask);
	bool move = p->on_rq && !cpu_allowed(p, rq->cpu);
	if (move)
		dequeue_task(rq, p);
	else if (p->on_cpu && !cpu_allowed(p, rq->cpu))
		resched_curr(rq);	/* running there: __schedule pushes it */
	do_raw_spin_unlock(&rq->lock);
	if (move)
		activate_task(p, false);
	do_raw_spin_unlock(&p->pi_lock);
	local_irq_restore(flags);
	return 0;
}

/* Each queue holds the runnable tasks but the one on its CPU. */
unsigned int nr_running(void)
{
	unsigned int n = 0;
	int cpu;

	for_each_online_cpu(cpu) {
		struct rq *rq = cpu_rq(cpu);
		n += READ_ONCE(rq->nr_running) +
		     (READ_ONCE(rq->curr) != rq->idle);
	}
	return n;
}

u64 nr_context_switches(void)
{
	u64 n = 0;
	int cpu;

	for_each_online_cpu(cpu)
		n += READ_ONCE(cpu_rq(cpu)->nr_switches);
	return n;
}

/* /proc/schedstat, Linux's version 15 without the domain lines (there
 * are no scheduling domains here): per CPU, yld_count, a legacy 0,
 * sched_count, sched_goidle, ttwu_count, ttwu_local, rq_cpu_time,
 * run_delay and pcount.  Times in ns. */
void show_schedstat(struct seq_file *m)
{
	int cpu;

	seq_printf(m, "version 15\ntimestamp %lu\n", (unsigned long)jiffies);
	for_each_online_cpu(cpu) {
		struct rq *rq = cpu_rq(cpu);
		seq_printf(m, "cpu%d %u 0 %u %u %u %u %lu %lu %lu\n", cpu,
			   READ_ONCE(rq->yld_count), READ_ONCE(rq->sched_count),
			   READ_ONCE(rq->sched_goidle), READ_ONCE(rq->ttwu_count),
			   READ_ONCE(rq->ttwu_local),
			   (unsigned long)READ_ONCE(rq->rq_cpu_time),
			   (unsigned long)READ_ONCE(rq->run_delay),
			   READ_ONCE(rq->pcount));
	}
}

/* /proc/<pid>/schedstat: ns on the CPU, ns waiting on a queue, times
 * run (Linux's three numbers). */
void proc_pid_schedstat(struct seq_file *m, struct task_struct *p)
{
	seq_printf(m, "%lu %lu %lu\n", (unsigned long)task_sched_runtime(p),
		   (unsigned long)READ_ONCE(p->sched_info.run_delay),
		   READ_ONCE(p->sched_info.pcount));
}

void sched_init(void)
{
	int cpu;

	for_each_possible_cpu(cpu) {
		struct rq *rq = cpu_rq(cpu);
		spin_lock_init(&rq->lock);
		INIT_LIST_HEAD(&rq->queue);
		rq->cpu = cpu;
	}
	init_task.thread.sp0 = (unsigned long)init_stack_top;
	this_cpu_write(cpu_tss_rw.sp0, init_task.thread.sp0);
	this_rq()->idle = this_rq()->curr = &init_task;
}

/* An application processor's run queue: its idle task (current, made
 * by fork_idle) is all it has.  On that CPU, interrupts off. */
void sched_init_secondary(void)
{
	struct rq *rq = this_rq();

	rq->idle = rq->curr = current;
	current->on_cpu = 1;
	current->cpu = smp_processor_id();
	current->cpus_mask = 1UL << current->cpu;	/* idle stays home */
	current->exec_start = ktime_get_ns();
}

/*
 * The idle loop.  need_resched is checked with interrupts off and
 * "sti; hlt" closes the window: a wake-up interrupt either came before
 * the check or ends the hlt, and its return path preempts us.
 */
void __noreturn cpu_startup_entry(void)
{
	for (;;) {
		local_irq_disable();
		if (need_resched()) {
			local_irq_enable();
			schedule();
		} else {
			safe_halt();
		}
	}
}
