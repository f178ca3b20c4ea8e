/*
 * signal.h - signals: their numbers, the pending and blocked sets, the
 * handlers a process installed, and how a thread group shares them
 * (Linux's include/linux/signal.h, sched/signal.h and the x86-64 user
 * ABI of asm/signal.h and asm/sigcontext.h).
 *
 * A signal is sent to one thread (tgkill, a fault: task->pending) or to
 * a whole process (kill, SIGALRM, SIGCHLD: signal->shared_pending).  Each
 * instance is a struct sigqueue carrying its siginfo; a standard signal
 * (below SIGRTMIN) is pending at most once, a real-time one queues every
 * instance.  complete_signal() then picks a thread that does not block
 * it and wakes that one.  The signal is delivered on that thread's next
 * return to user mode (exit_to_user_mode -> get_signal): the default
 * action runs in the kernel (terminate the whole group, or ignore), or a
 * frame is pushed on the user stack, or on the alternate signal stack
 * (sigaltstack), so the CPU "returns" into the handler, whose return
 * lands in rt_sigreturn, which restores what the frame saved.
 *
 * Threads share the handlers (struct sighand_struct, CLONE_SIGHAND) and
 * the process-wide state (struct signal_struct, CLONE_THREAD); each has
 * its own mask (task->blocked) and its own pending set.
 *
 * LOCKING: sighand->siglock, always irqsave (the tick and the tty send
 * signals), protects the handlers, every thread's pending set, blocked
 * mask, real_blocked and sigpending flag, the group's shared pending
 * set, signal->flags, group_exit_code, group_exec_task and curr_target.
 * The thread list (signal->thread_head) changes only with both
 * tasklist_lock and siglock held, so either one keeps it still for a
 * reader.  Order: tasklist_lock, then siglock, then wait-queue locks.
 * On one CPU "interrupts off" already excludes everyone; the locks are
 * what keeps a second CPU out once there is one.
 *
 * Simplifications: no job control (the stop signals are ignored), no
 * core dumps (the core signals just terminate, as with RLIMIT_CORE 0).
 */
#ifndef KERNEL_SIGNAL_H
#define KERNEL_SIGNAL_H

#include "kernel/types.h"
#include "kernel/list.h"
#include "kernel/spinlock.h"
/* Before wait.h, which ends by including sched.h: task_struct embeds
 * these types. */
#include "kernel/signal_types.h"
#include "kernel/wait.h"
#include "kernel/hrtimer.h"
#include "kernel/resource.h"

/* The handlers, shared by CLONE_SIGHAND (every thread of a process). */
struct sighand_struct {
	int count;			/* tasks using it (atomic) */
	spinlock_t siglock;		/* see LOCKING above */
	struct k_sigaction action[_NSIG];
	wait_queue_head_t signalfd_wqh;	/* signalfds polled by these tasks */
};

/* signal->flags */
#define SIGNAL_GROUP_EXIT	0x00000004	/* exit_group or a fatal signal */

/* The process: what its threads share (CLONE_THREAD). */
struct signal_struct {
	int sigcnt;			/* tasks pointing here, zombies too */
	int live;			/* threads that have not begun to exit */
	int nr_threads;			/* tasks on thread_head */
	struct list_head thread_head;	/* task->thread_node, leader first */
	wait_queue_head_t wait_chldexit; /* wait4() in any thread sleeps here */
	struct task_struct *curr_target; /* where the last shared signal went */
	struct sigpending shared_pending; /* kill(2)'s signals */
	int group_exit_code;		/* exit_group()'s or the fatal signal */
	unsigned int flags;		/* SIGNAL_* */
	/* execve in a thread: the thread waiting for the others to go
	 * (de_thread), woken as each does */
	struct task_struct *group_exec_task;
	struct hrtimer real_timer;	/* alarm/setitimer: SIGALRM */
	ktime_t it_real_incr;		/* its period, 0: once */
	struct list_head posix_timers;	/* timer_create's (siglock) */
	int next_posix_timer_id;	/* where the next id is looked for */
	/* Time of threads that are gone, for the process's totals; and of
	 * reaped children, theirs included (wait4, times). */
	u64 utime, stime, sum_sched_runtime;
	u64 cutime, cstime;
	int nr_queued;			/* sigqueues pending in the group */
	/* The session and its controlling terminal (drivers/tty_jobctrl.c;
	 * tasklist_lock): the session id is its leader's tgid, inherited at
	 * fork; tty holds a tty_kref_get. */
	int session;
	struct tty_struct *tty;
	struct rlimit rlim[RLIM_NLIMITS];	/* the process's limits
						 * (kernel/sys.c), as Linux's;
						 * copied at fork */
};

struct task_struct;
struct pt_regs;

/* Boot, after the slab allocator: the caches signals and futexes use,
 * made once so that they exist before the first signal is queued. */
void signals_init(void);
/* kernel/signal.c: the objects' life.  Process context. */
struct sighand_struct *sighand_alloc(void);
struct sighand_struct *sighand_dup(const struct sighand_struct *old);
void __cleanup_sighand(struct sighand_struct *sighand);
struct signal_struct *signal_alloc(void);
void put_signal_struct(struct signal_struct *sig);
/* exec: handlers go back to SIG_DFL (ignored signals stay ignored). */
void flush_signal_handlers(struct sighand_struct *sighand);
/* Drop every instance in a pending set, or those of mask (siglock
 * held). */
void flush_sigqueue(struct sigpending *pending);
void flush_sigqueue_mask(struct sigpending *pending, sigset_t mask);
/* Signal instances queued system-wide (/proc's SigQ). */
int sigqueue_count(void);
/* Whether sig's default action ends the process. */
bool sig_kernel_terminates(int sig);
/* Whether handler does nothing for sig (SIG_IGN, or SIG_DFL of a
 * signal whose default is to ignore it). */
bool sig_handler_ignored(void __user *handler, int sig);

/* Send sig to p's process (any thread that does not block it takes
 * it), with the given info (NULL: from the kernel).  Any context.
 * Returns 0 or -errno. */
int send_sig_info(int sig, const struct kernel_siginfo *info,
		  struct task_struct *p);
int send_sig(int sig, struct task_struct *p);
/* Send sig to the thread p alone (tgkill, faults).  Any context. */
int send_sig_info_thread(int sig, const struct kernel_siginfo *info,
			 struct task_struct *p);
/* A POSIX timer's signal (posix_timer_fn), to p's process or (!group)
 * to p alone: marked so that taking it re-arms the timer, and queued
 * past RLIMIT_SIGPENDING (Linux preallocates it).  Any context. */
int send_timer_signal(int sig, const struct kernel_siginfo *info,
		      struct task_struct *p, bool group);
/* exit_group, and a fatal signal's default action: every other thread
 * gets SIGKILL.  siglock held.  Returns how many were told. */
int zap_other_threads(struct task_struct *p);
/* Whether p's group is on its way out (exit_group or a fatal signal). */
static inline bool signal_group_exit(const struct signal_struct *sig)
{
	return sig->flags & SIGNAL_GROUP_EXIT;
}
/* sig to every process of group pgrp (the tty's Ctrl-C).  Any context. */
int kill_pgrp(int pgrp, int sig);
/* A fault: the signal cannot be blocked or ignored (it would only fault
 * again), so it is unblocked and its handler reset if ignored. */
void force_sig_fault(int sig, int code, unsigned long addr);
/* A handler frame for sig could not be written: SIGSEGV (and if sig was
 * SIGSEGV, with its default action). */
void force_sigsegv(int sig);
/* Re-evaluate p->sigpending from its and the group's pending sets and
 * its mask.  siglock held. */
void recalc_sigpending(struct task_struct *p);
/* current's mask becomes newset, handing shared signals it now blocks
 * to a thread that does not.  Takes siglock. */
void set_current_blocked(sigset_t newset);
/* Take one pending signal not in mask off p's own pending set, then the
 * group's (synchronous faults first, then the lowest number); 0 if none.
 * siglock held. */
int dequeue_signal(struct task_struct *p, sigset_t mask,
		   struct kernel_siginfo *info);
/* Whether a signal not in mask is pending for current (signalfd's poll
 * and read).  siglock held. */
bool signal_pending_in(struct task_struct *p, sigset_t mask);
/* do_exit: stop taking signals, and hand the group's pending ones on. */
void exit_signals(struct task_struct *tsk);

/*
 * The sigsuspend protocol of ppoll, pselect6 and epoll_pwait.
 * set_user_sigmask installs the caller's mask (NULL: none) for the
 * call, keeping the real one in saved_sigmask: 0, -EINVAL for a wrong
 * sigsetsize, -EFAULT.  restore_saved_sigmask_unless(interrupted) puts
 * the real mask back at the end, unless a signal interrupted the call:
 * then its handler must run under the temporary mask, and do_signal
 * restores the real one once the frame (which saves it) is built.
 */
int set_user_sigmask(const sigset_t __user *umask, size_t sigsetsize);
void restore_saved_sigmask_unless(bool interrupted);

/* On the way back to user mode: deliver pending signals, or restart an
 * interrupted system call.  Process context, interrupts on. */
void do_signal(struct pt_regs *regs);

/* What get_signal() hands the architecture: a signal to run a handler
 * for, its siginfo and (a copy of) its action. */
struct ksignal {
	struct k_sigaction ka;
	struct kernel_siginfo info;
	int sig;
};
/* Dequeue signals for current until one has a handler to run (then
 * true, ksig filled); ignored ones vanish, fatal ones end the whole
 * thread group here and never return. */
bool get_signal(struct ksignal *ksig);
/* After a handler frame was set up: block sa_mask (and the signal
 * itself unless SA_NODEFER), reset the handler for SA_RESETHAND. */
void signal_setup_done(struct ksignal *ksig);

/* The alternate signal stack of current (sigaltstack).  Whether sp is
 * in it (__on_sig_stack: the range alone; on_sig_stack: and it is the
 * stack we run on, which an armed SS_AUTODISARM stack never is). */
bool __on_sig_stack(unsigned long sp);
bool on_sig_stack(unsigned long sp);
/* SS_ONSTACK if sp is on it, SS_DISABLE if there is none, else 0. */
int sas_ss_flags(unsigned long sp);
/* The uc_stack a signal frame saves, and rt_sigreturn's restore. */
struct user_stack_t {
	void __user *ss_sp;
	int ss_flags;
	int __pad;
	size_t ss_size;
};
void save_altstack(struct user_stack_t *uss, unsigned long sp);
void restore_altstack(const struct user_stack_t *uss, unsigned long sp);
/* A new thread starts with no alternate stack; exec too. */
void sas_ss_reset(struct task_struct *p);

/* The internal "restart me" results of interrupted system calls. */
#define ERESTARTNOINTR		513
#define ERESTARTNOHAND		514
#define ERESTART_RESTARTBLOCK	516

#endif
