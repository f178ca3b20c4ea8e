/*
 * sched.h - tasks and the scheduler.
 *
 * A task is a kernel stack plus the registers saved when it last left the
 * CPU (struct thread_struct, arch/x86_64/switch_to.h).  Each CPU has a
 * run queue; the policy is preemptive round-robin: a task runs until it
 * sleeps, yields, exits or uses up its slice (RR_TIMESLICE ticks of CPU
 * time), then goes to the back of its CPU's queue.  A task woken from a
 * sleep with some of its slice left goes to the front instead, and soon
 * preempts the task running (wake-up preemption, kernel/sched.c), so an
 * interactive task does not wait behind the CPU hogs' slices.  When
 * nothing is runnable there, and no other CPU has a task waiting that
 * may run here, the CPU's idle task (pid 0: the boot thread on CPU 0,
 * "swapper/N" elsewhere) halts it.
 *
 * The state protocol is Linux's.  To sleep, a task sets its own state to
 * TASK_INTERRUPTIBLE or TASK_UNINTERRUPTIBLE, re-checks its condition and
 * calls schedule(); a waker sets the condition first and then calls
 * try_to_wake_up(), which puts the state back to TASK_RUNNING.  Whichever
 * order the two run in, the sleeper either sees the condition or is woken:
 * no wake-up is lost.
 *
 * Context: schedule() and everything that may call it (msleep,
 * schedule_timeout, wait_event...) only in process context with
 * preemption enabled.  try_to_wake_up() and wake_up_process() in any
 * context, including interrupt handlers.
 */
#ifndef KERNEL_SCHED_H
#define KERNEL_SCHED_H

#include "kernel/types.h"
#include "kernel/list.h"
#include "kernel/preempt.h"
#include "kernel/time.h"
#include "arch/x86_64/page.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/switch_to.h"
#include "kernel/wait.h"
#include "kernel/signal_types.h"
#include "kernel/signal.h"
#include "kernel/timer.h"
#include "kernel/hrtimer.h"

struct completion;
struct cred;
struct robust_list_head;

/* task->state: what the task is doing, as Linux names it. */
#define TASK_RUNNING		0x0000	/* on the CPU or on the run queue */
#define TASK_INTERRUPTIBLE	0x0001	/* asleep; a signal wakes it too */
#define TASK_UNINTERRUPTIBLE	0x0002	/* asleep; only its event wakes it */
#define TASK_DEAD		0x0080	/* exited; never runs again */
#define TASK_WAKEKILL		0x0100	/* ...but SIGKILL does */
#define TASK_NORMAL		(TASK_INTERRUPTIBLE | TASK_UNINTERRUPTIBLE)
#define TASK_KILLABLE		(TASK_WAKEKILL | TASK_UNINTERRUPTIBLE)

/* task->flags (Linux's PF_*) */
#define PF_EXITING		0x00000004	/* in do_exit: takes no signals */

/* task->exit_state */
#define EXIT_ZOMBIE		0x0010	/* exited, task_struct not yet freed */
#define EXIT_DEAD		0x0020	/* being reaped: nobody else may */

#define TASK_COMM_LEN		16
#define THREAD_SIZE_ORDER	2	/* kernel stacks are 16 KiB... */
#define THREAD_SIZE		(PAGE_SIZE << THREAD_SIZE_ORDER)
#define RR_TIMESLICE		(100 * HZ / 1000)	/* ...and slices 100 ms */

/* Nice values -20..19 as Linux's priorities 100..139 (MAX_RT_PRIO is
 * where the real-time ones end). */
#define MAX_NICE		19
#define MIN_NICE		-20
#define MAX_RT_PRIO		100
#define DEFAULT_PRIO		(MAX_RT_PRIO + 20)
#define NICE_TO_PRIO(nice)	((nice) + DEFAULT_PRIO)
#define PRIO_TO_NICE(prio)	((prio) - DEFAULT_PRIO)
#define task_nice(p)		PRIO_TO_NICE((p)->static_prio)

/* Round robin with nice: a slice of RR_TIMESLICE ticks at nice 0, twice
 * that at -20, one tick at 19 (Linux's CFS weighs the share instead). */
static inline int task_timeslice_of_nice(int nice)
{
	int ticks = RR_TIMESLICE * (20 - nice) / 20;

	return ticks > 0 ? ticks : 1;
}
#define task_timeslice(p)	task_timeslice_of_nice(task_nice(p))

/* Scheduling policies (sched_setscheduler), Linux's numbers. */
#define SCHED_NORMAL		0
#define SCHED_FIFO		1
#define SCHED_RR		2
#define SCHED_BATCH		3
#define SCHED_IDLE		5
#define SCHED_RESET_ON_FORK	0x40000000

/*
 * A task is a thread.  A process is a thread group: the tasks sharing
 * one signal_struct (CLONE_THREAD), whose first task, the group leader,
 * gives the group its id (tgid, what getpid() says); every task has its
 * own pid (gettid()).  Threads share the mm, the descriptor table, the
 * fs_struct and the handlers by reference (CLONE_VM, CLONE_FILES,
 * CLONE_FS, CLONE_SIGHAND), each counted so that the last user frees it.
 *
 * LOCKING (what protects what; "any" means the owner reads it freely):
 *   tasklist_lock (kernel/fork.c, irqsave): the task list, pids,
 *     parent/children/sibling, thread_node, group_leader, tgid and
 *     exit_state;
 *   task->sighand->siglock (signal.h): pending, blocked, real_blocked,
 *     sigpending, and the signal_struct's signal state;
 *   task_lock(p) (alloc_lock): ->mm, ->files and ->fs of p for another
 *     task that wants to take a reference (get_task_mm);
 *   the owning task alone: its registers, saved_sigmask, the alternate
 *     stack, set/clear_child_tid and robust_list.
 */
struct task_struct {
	/* First, so switch_to.S finds thread.sp at a fixed offset. */
	struct thread_struct thread;	/* saved rsp; sp0 for the TSS */

	volatile long state;		/* TASK_* above */
	int exit_state;			/* EXIT_ZOMBIE once do_exit() ran */
	long exit_code;			/* do_exit()'s argument */
	int pid;			/* this thread's id: gettid() */
	int tgid;			/* its thread group's: getpid() */
	unsigned int flags;		/* PF_* */
	char comm[TASK_COMM_LEN];	/* name, for ps and oopses */
	void *stack;			/* lowest address of the kernel stack */
	int usage;			/* references; freed at zero */
	spinlock_t alloc_lock;		/* task_lock(): mm, files, fs */

	/* scheduling (kernel/sched.c's LOCKING: rq->lock and pi_lock) */
	struct list_head run_list;	/* on a run queue while runnable */
	bool on_rq;			/* queued (a running task never is) */
	int on_cpu;			/* running, or still switching out */
	int cpu;			/* whose run queue it is on, or was */
	cpumask_t cpus_mask;		/* where it may run (sched_setaffinity) */
	spinlock_t pi_lock;		/* serializes its wake-ups */
	u64 slice_start;		/* sum_exec_runtime when its slice began,
					 * moved on by what sleeping earned back */
	u64 sleep_start;		/* when it last left the CPU to sleep */
	bool sched_woken;		/* at the front of its queue by a
					 * wake-up, not run since (rq->wake_tail) */
	bool sched_woken_on_cpu;	/* woken while still on its CPU, before
					 * its schedule(): that schedule() keeps
					 * its turn (rq->lock) */
	volatile bool need_resched;	/* switch away at the next chance */
	/* Linux's sched_info, /proc/<pid>/schedstat (its run queue's lock) */
	struct {
		unsigned long pcount;	/* times it got a CPU */
		u64 run_delay;		/* ns spent runnable on a queue */
		u64 last_queued;	/* when it was queued, 0 if not */
	} sched_info;

	struct list_head tasks;		/* on init_task.tasks: every task */
	volatile bool sigpending;	/* a signal may be deliverable */
	void *worker_private;		/* kthreads: their struct kthread */

	/* User processes (kernel/fork.c, kernel/exit.c, fs/exec.c) */
	struct mm_struct *mm;		/* address space; NULL for kthreads */
	struct files_struct *files;	/* open files; NULL for kthreads */
	struct fs_struct *fs;		/* cwd and root; NULL for kthreads */
	struct signal_struct *signal;	/* the process (thread group) */
	struct sighand_struct *sighand;	/* its handlers */
	struct task_struct *group_leader; /* the thread whose pid is tgid */
	struct list_head thread_node;	/* on signal->thread_head */
	struct task_struct *parent;	/* who is told when we exit */
	struct list_head children;	/* our children, living or zombie */
	struct list_head sibling;	/* on parent->children (leaders) */
	int exit_signal;		/* sent to the parent at exit (SIGCHLD);
					 * -1 for a thread: reaped at once */
	int pgid;			/* process group, the same in all
					 * threads (setpgid sets them all) */
	int __user *set_child_tid;	/* CLONE_CHILD_SETTID */
	int __user *clear_child_tid;	/* set_tid_address(), CLEARTID */
	struct robust_list_head __user *robust_list; /* set_robust_list() */
	struct completion *vfork_done;	/* a vfork parent waits on it */
	const struct cred *cred;	/* who we act as (kernel/cred.h) */
	sigset_t blocked;		/* signals not delivered for now */
	sigset_t real_blocked;		/* the mask rt_sigtimedwait replaced */
	sigset_t saved_sigmask;		/* sigsuspend: restored after handler */
	bool restore_sigmask;
	struct sigpending pending;	/* signals sent to this thread alone */
	unsigned long sas_ss_sp;	/* the alternate signal stack... */
	size_t sas_ss_size;		/* ...its size (0: none) */
	unsigned int sas_ss_flags;	/* SS_AUTODISARM */
	int pagefault_disabled;		/* pagefault_disable() depth */

	/* The lock validator's (kernel/lockdep.c): the locks this task
	 * holds, innermost last, interrupt handlers' pushed on top. */
	int lockdep_depth;
	int lockdep_recursion;		/* inside the validator itself */
	struct held_lock held_locks[MAX_LOCK_DEPTH];

	/* Set by the task itself through prctl and the priority calls
	 * (kernel/sys.c, kernel/sched_syscalls.c); others read them. */
	int static_prio;		/* NICE_TO_PRIO(nice): 100..139 */
	unsigned int policy;		/* SCHED_OTHER, SCHED_FIFO ... */
	int rt_priority;		/* 1..99 for FIFO and RR, else 0 */
	bool sched_reset_on_fork;	/* children start SCHED_NORMAL */
	int pdeath_signal;		/* sent when the parent exits (0: none) */
	u64 timer_slack_ns;		/* PR_SET_TIMERSLACK */
	u64 default_timer_slack_ns;	/* what PR_SET_TIMERSLACK 0 restores */
	bool no_new_privs;		/* PR_SET_NO_NEW_PRIVS: never cleared */

	/* Accounting, for /proc and wait4 (kernel/cputime.c) */
	u64 utime, stime;		/* ticks charged in user, kernel mode */
	u64 sum_exec_runtime;		/* ns on the CPU (the CPU clocks) */
	u64 exec_start;			/* when it last got the CPU */
	unsigned long nvcsw, nivcsw;	/* switches away: to sleep, preempted */
	u64 start_time;			/* ktime_get_ns() at fork */
};

/* The task on this CPU, a per-CPU variable as Linux's (pcpu_hot's
 * current_task), read through GS in one instruction.  Whichever CPU a
 * task is on, current there is itself, so the value a task reads never
 * goes stale: the compiler may keep it (this_cpu_read_stable). */
DECLARE_PER_CPU(struct task_struct *, current_task);
static inline __attribute__((always_inline)) struct task_struct *get_current(void)
{
	return this_cpu_read_stable(current_task);
}
#define current get_current()
extern struct task_struct init_task;	/* the boot thread, later idle */

#define __set_current_state(s)	WRITE_ONCE(current->state, (s))
/* The full barrier keeps the condition check after the state change,
 * against a waker on another CPU that sets the condition and then reads
 * our state (try_to_wake_up): one of the two sees the other's store.
 * Without it x86 could let our load of the condition pass our store of
 * the state, and both sides would miss each other. */
#define set_current_state(s)	smp_store_mb(current->state, (s))

static inline bool need_resched(void)
{
	return READ_ONCE(current->need_resched);
}

static inline bool signal_pending(struct task_struct *p)
{
	return READ_ONCE(p->sigpending);
}

/*
 * A SIGKILL is on its way (Linux's fatal_signal_pending): the group is
 * exiting or someone killed p, and it will never run in user mode
 * again, so whatever it is doing for user mode can stop.  Every loop
 * whose length a user controls checks it, and ends early with what it
 * has done so far (or -EINTR): nobody is left to see the result, and
 * the exit should not wait for gigabytes.  (complete_signal puts SIGKILL
 * in every thread's own pending set.)
 */
static inline bool fatal_signal_pending(struct task_struct *p)
{
	return signal_pending(p) && (p->pending.signal & sigmask(SIGKILL));
}

static inline int task_cpu(const struct task_struct *p)
{
	return READ_ONCE(p->cpu);
}

/* Change where p may run; the CPUs it may use must include an online
 * one (-EINVAL otherwise).  A task on a CPU it may no longer use moves
 * at its next schedule(). */
int set_cpus_allowed(struct task_struct *p, cpumask_t mask);

/* Whether p is a CPU's idle task: the boot thread (CPU 0's) or one
 * fork_idle made, all pid 0 (Linux's is_idle_task). */
static inline bool is_idle_task(const struct task_struct *p)
{
	return p->pid == 0;
}

static inline bool thread_group_leader(const struct task_struct *p)
{
	return p->group_leader == p;
}

/* Whether p and q are threads of one process. */
static inline bool same_thread_group(const struct task_struct *p,
				     const struct task_struct *q)
{
	return p->signal && p->signal == q->signal;
}

/* Every thread of p's group (tasklist_lock or p's siglock held). */
#define for_each_thread(p, t) \
	list_for_each_entry(t, &(p)->signal->thread_head, thread_node)

/* Whether p is the only thread left (or never had company).  A macro:
 * struct signal_struct may not be complete where this is read. */
#define thread_group_empty(p)	((p)->signal->nr_threads <= 1)

/* Kernel accesses to user memory fail instead of paging in (futexes
 * read a word under a spinlock this way, then retry without it). */
static inline void pagefault_disable(void)
{
	current->pagefault_disabled++;
	barrier();
}

static inline void pagefault_enable(void)
{
	barrier();
	current->pagefault_disabled--;
}

static inline void task_lock(struct task_struct *p)
{
	spin_lock(&p->alloc_lock);
}

static inline void task_unlock(struct task_struct *p)
{
	spin_unlock(&p->alloc_lock);
}

/* The letter ps shows for p's state (Linux's task_state_to_char). */
static inline char task_state_to_char(const struct task_struct *p)
{
	if (p->exit_state)
		return p->exit_state == EXIT_DEAD ? 'X' : 'Z';
	if (p->state == TASK_RUNNING)
		return 'R';
	if (p->state & TASK_INTERRUPTIBLE)
		return 'S';
	if (p->state & TASK_UNINTERRUPTIBLE)
		return 'D';
	return 'X';
}

/* Whether a sleep in state would be cut short by a pending signal. */
static inline bool signal_pending_state(long state, struct task_struct *p)
{
	if (!(state & (TASK_INTERRUPTIBLE | TASK_WAKEKILL)))
		return false;
	if (!signal_pending(p))
		return false;
	return (state & TASK_INTERRUPTIBLE) || fatal_signal_pending(p);
}

/* Make the boot thread a task (init_task, pid 0).  Boot, once. */
void sched_init(void);
/* The same for another CPU, on it, when it comes up. */
void sched_init_secondary(void);
/* The boot thread's last act: become the idle task.  Never returns. */
void __noreturn cpu_startup_entry(void);

void schedule(void);
/* Give the CPU to the next runnable task, staying runnable ourselves
 * (sched_yield()'s semantics: to the back of the queue). */
void yield(void);
/* Called from do_interrupt() on the way out, interrupts off. */
void preempt_schedule_irq(void);
/*
 * A voluntary preemption point (Linux's cond_resched): switch away now
 * if the tick asked for it.  The kernel is preemptible anyway wherever
 * no lock is held, but long loops a user controls call it between
 * steps all the same: it is where such a loop may lose the CPU, which
 * matters wherever preemption is off for a step, and it says so to the
 * reader.  Returns whether it switched.  Process context.
 */
int cond_resched(void);
/* The tick's share of scheduling: end a slice used up, or a stint
 * that keeps a woken task waiting.  Irq. */
void scheduler_tick(void);
/* Tasks runnable now, the caller included; switches since boot. */
unsigned int nr_running(void);
u64 nr_context_switches(void);

/* Wake p if its state is in the mask state; returns whether it did. */
int try_to_wake_up(struct task_struct *p, unsigned int state, int wake_flags);
int wake_up_process(struct task_struct *p);

/* kernel/timer.c: sleep for at most timeout jiffies in the state set by
 * the caller; returns the jiffies left (0 if the time ran out). */
#define MAX_SCHEDULE_TIMEOUT	((long)(~0UL >> 1))
long schedule_timeout(long timeout);
long schedule_timeout_interruptible(long timeout);
long schedule_timeout_uninterruptible(long timeout);
void msleep(unsigned int msecs);

/* kernel/fork.c: tasks made since boot, tasks that exist (idle aside),
 * and the pid handed out last. */
extern unsigned long total_forks;
extern int nr_threads;
extern int last_pid;
/* The most tasks there may be (Linux's max_threads, threads-max): as
 * many as have kernel stacks filling an eighth of RAM, 20 at least. */
int get_max_threads(void);
/* See the LOCKING comment above task_struct. */
extern spinlock_t tasklist_lock;
struct task_struct *copy_process(int (*fn)(void *), void *arg,
				 const char *name);
static inline void get_task_struct(struct task_struct *p)
{
	__atomic_add_fetch(&p->usage, 1, __ATOMIC_RELAXED);
}
void __put_task_struct(struct task_struct *p);
static inline void put_task_struct(struct task_struct *p)
{
	if (__atomic_sub_fetch(&p->usage, 1, __ATOMIC_ACQ_REL) == 0)
		__put_task_struct(p);
}
void put_task_stack(struct task_struct *p);
/* The idle task of CPU cpu (pid 0, on no list).  Boot. */
struct task_struct *fork_idle(int cpu);

/* kernel/exit.c: forget a reaped zombie. */
void release_task(struct task_struct *p);
/* kernel/fork.c: the first user process (see kernel_init). */
struct task_struct *user_mode_thread(int (*fn)(void *), void *arg,
				     const char *name);
/* fs/exec.c: exec a program from the kernel (kernel strings). */
long kernel_execve(const char *path, const char *const *argv,
		   const char *const *envp);

/* kernel/exit.c: a thread lets go of mm (exit and exec): robust
 * futexes, clear_child_tid and its futex wake, the vfork parent. */
struct mm_struct;
void mm_release(struct task_struct *tsk, struct mm_struct *mm);
/* kernel/exit.c: end the current task.  Process context. */
void __noreturn do_exit(long code);
/* End the whole thread group with code (exit_group, fatal signals). */
void __noreturn do_group_exit(int code);
/* The CPU time of p's whole process: its live threads' and its dead
 * ones', in ticks (utime, stime) and in ns on the CPU. */
void thread_group_cputime(struct task_struct *p, u64 *utime, u64 *stime,
			  u64 *runtime);
/* The same with tasklist_lock held (/proc's files hold it). */
void __thread_group_cputime(struct task_struct *p, u64 *utime, u64 *stime,
			    u64 *runtime);
/* kernel/sched.c: p's ns on the CPU, the slice running now included. */
u64 task_sched_runtime(struct task_struct *p);
/* Leave the CPU for good (do_exit, preemption and interrupts off). */
void __noreturn do_task_dead(void);

#endif
