/*
 * sched.c - the scheduler: the run queue, schedule(), wake-ups, the tick,
 * preemption and the idle task.  See sched.h for the policy.
 *
 * LOCKING: the run queue and every task's state, on_rq and run_list are
 * changed only with interrupts off.  On one CPU that excludes everything
 * else that could touch them: interrupt handlers (which wake tasks) and
 * other tasks (which can only run after an interrupt or a schedule()).
 * Linux takes rq->lock with interrupts off for the same reason plus the
 * other CPUs.
 *
 * Invariants: current is never on the queue; the idle task never is
 * either, and runs only when the queue is empty.  A task that sets a
 * sleeping state and is then preempted stays runnable (__schedule's
 * preempt argument): it has not reached its own schedule() yet, and
 * dequeuing it there would lose the wake-up it is about to wait for.
 */
#include "kernel/kernel.h"
#include "kernel/sched.h"
#include "kernel/cred.h"
#include "kernel/chaintrace.h"
#include "arch/x86_64/irq.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/segment.h"
#include "arch/x86_64/uaccess.h"
#include "kernel/timekeeping.h"

extern char init_stack[], init_stack_top[];

/* One per CPU (Linux's struct rq).  Only CPU 0's is used until the
 * other CPUs schedule. */
struct rq {
	struct list_head queue;		/* runnable tasks, next to run first */
	unsigned int nr_running;	/* tasks on queue */
	struct task_struct *curr;	/* on this CPU now */
	struct task_struct *idle;	/* runs when queue is empty */
	u64 nr_switches;
};

static DEFINE_PER_CPU(struct rq, runqueues);
#define this_rq()	this_cpu_ptr(&runqueues)
#define cpu_rq(cpu)	per_cpu_ptr(&runqueues, (cpu))

DEFINE_PER_CPU(int, __preempt_count);

struct task_struct init_task = {
	.state = TASK_RUNNING,
	.pid = 0,
	.comm = "swapper",
	.stack = init_stack,
	.usage = 1,
	.run_list = LIST_HEAD_INIT(init_task.run_list),
	.tasks = LIST_HEAD_INIT(init_task.tasks),
	.children = LIST_HEAD_INIT(init_task.children),
	.cred = &init_cred,
	.thread_node = LIST_HEAD_INIT(init_task.thread_node),
	.group_leader = &init_task,
	.pending = { .list = LIST_HEAD_INIT(init_task.pending.list) },
	.alloc_lock = __SPIN_LOCK_UNLOCKED(init_task.alloc_lock),
	.time_slice = RR_TIMESLICE,
};

/* The boot thread is a task from the first instruction, so spinlocks
 * and need_resched() work before sched_init(). */
DEFINE_PER_CPU(struct task_struct *, current_task) = &init_task;

static void enqueue_task(struct rq *rq, struct task_struct *p)
{
	list_add_tail(&p->run_list, &rq->queue);
	p->on_rq = true;
	rq->nr_running++;
}

static void dequeue_task(struct rq *rq, struct task_struct *p)
{
	list_del_init(&p->run_list);
	p->on_rq = false;
	rq->nr_running--;
}

static struct task_struct *pick_next_task(struct rq *rq)
{
	if (list_empty(&rq->queue))
		return rq->idle;
	struct task_struct *next =
		list_first_entry(&rq->queue, struct task_struct, run_list);
	dequeue_task(rq, next);
	return next;
}

/* Ask current to give up the CPU at the next preemption point. */
static void resched_curr(void)
{
	WRITE_ONCE(current->need_resched, true);
}

/*
 * The second half of a switch, run by the task switched to (on its own
 * stack) before anything else it does.  A dead prev is off the CPU for
 * good only now, so this is where its stack can go: it cannot free the
 * stack it is running on.
 */
static void finish_task_switch(struct task_struct *prev)
{
	if (prev->state == TASK_DEAD) {
		put_task_stack(prev);
		put_task_struct(prev);	/* the task's reference to itself */
	}
	local_irq_enable();
}

/* Entered with preemption disabled; returns with interrupts on. */
static void __schedule(bool preempt)
{
	struct task_struct *prev = current, *next;
	struct rq *rq;

	local_irq_disable();
	rq = this_rq();
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
	if (prev != rq->idle &&
	    (prev->state == TASK_RUNNING || (preempt && prev->state != TASK_DEAD)))
		enqueue_task(rq, prev);
	next = pick_next_task(rq);
	if (next != prev) {
		/* The CPU clocks: each task's ns on the CPU. */
		u64 now = ktime_get_ns();
		prev->sum_exec_runtime += now - prev->exec_start;
		next->exec_start = now;
		rq->nr_switches++;
		++*switch_count;
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

	if (p == current)
		ns += ktime_get_ns() - p->exec_start;
	local_irq_restore(flags);
	return ns;
}

void yield(void)
{
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

int try_to_wake_up(struct task_struct *p, unsigned int state, int wake_flags)
{
	unsigned long flags = local_irq_save();
	struct rq *rq = this_rq();
	int success = 0;

	(void)wake_flags;	/* WF_SYNC is only a hint; round-robin ignores it */
	if (p->state & state) {
		trace_chain_wakeup(p);
		p->state = TASK_RUNNING;
		if (p != current && !p->on_rq)
			enqueue_task(rq, p);
		/* Round-robin: the woken task waits for its turn, except
		 * that the idle task always makes way at once. */
		if (current == rq->idle && p != current)
			resched_curr();
		success = 1;
	}
	local_irq_restore(flags);
	return success;
}

int wake_up_process(struct task_struct *p)
{
	return try_to_wake_up(p, TASK_NORMAL, 0);
}

void scheduler_tick(void)
{
	struct task_struct *curr = current;
	struct rq *rq = this_rq();

	if (curr == rq->idle) {
		if (rq->nr_running)
			resched_curr();
		return;
	}
	if (--curr->time_slice > 0)
		return;
	curr->time_slice = RR_TIMESLICE;
	if (rq->nr_running)	/* alone: keep running */
		resched_curr();
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

void sched_init(void)
{
	int cpu;

	for_each_possible_cpu(cpu)
		INIT_LIST_HEAD(&cpu_rq(cpu)->queue);
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
