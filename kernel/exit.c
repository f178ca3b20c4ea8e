/*
 * exit.c - the end of a task.
 *
 * do_exit() runs on the dying task's own stack, so it cannot free that
 * stack: it marks the task TASK_DEAD (and a zombie, for a parent's wait()
 * later) and schedules away for the last time.  The task that runs next
 * frees the stack and drops the dead task's reference to itself
 * (finish_task_switch in sched.c).
 *
 * A thread's end is the end of its process only if it is the last one
 * (signal->live), or if it ends them all (exit_group, a fatal signal:
 * do_group_exit).  Threads other than the leader are reaped as soon as
 * they die; the process is reaped as one, through its leader, once every
 * thread is gone, and wait4 reports it as one (pid = tgid, the group's
 * status and CPU time).
 *
 * LOCKING: tasklist_lock for the family (exit_state, parent, children,
 * thread list), siglock inside it for the signal state.
 * Context: process context of the exiting task.
 */
#include "kernel/kernel.h"
#include "kernel/sched.h"
#include "kernel/kthread.h"
#include "kernel/syscalls.h"
#include "kernel/completion.h"
#include "kernel/signal.h"
#include "kernel/pid.h"
#include "kernel/cred.h"
#include "kernel/params.h"
#include "kernel/mm.h"
#include "kernel/errno.h"
#include "kernel/timekeeping.h"
#include "kernel/futex.h"
#include "fs/fs.h"
#include "arch/x86_64/uaccess.h"
#include "arch/x86_64/reboot.h"
#include "arch/x86_64/cpu.h"
#include "drivers/tty.h"

/* --- the user half of exiting --- */

/*
 * The thread lets go of its memory (Linux's mm_release): the robust
 * futexes it held are marked OWNER_DIED, a pthread_join waiting on
 * clear_child_tid learns the thread is gone (0 written there, a futex
 * wake), and a vfork parent gets its memory back.  Also exec's, for the
 * old mm.
 */
void mm_release(struct task_struct *tsk, struct mm_struct *mm)
{
	exit_robust_list(tsk);
	if (tsk->clear_child_tid) {
		/* Nobody else could look: skip the write (Linux does). */
		if (READ_ONCE(mm->mm_users) > 1) {
			put_user(0, tsk->clear_child_tid);
			futex_wake_address((u32 __user *)tsk->clear_child_tid, 1);
		}
		tsk->clear_child_tid = NULL;
	}
	if (tsk->vfork_done) {
		complete(tsk->vfork_done);
		tsk->vfork_done = NULL;
	}
}

/* The address space goes first: after it, nothing here touches user
 * memory. */
static void exit_mm(struct task_struct *tsk)
{
	struct mm_struct *mm = tsk->mm;

	if (!mm)
		return;
	mm_release(tsk, mm);
	task_lock(tsk);
	tsk->mm = NULL;
	task_unlock(tsk);
	mmput(mm);
}

static void exit_files(struct task_struct *tsk)
{
	struct files_struct *files = tsk->files;

	task_lock(tsk);
	tsk->files = NULL;
	task_unlock(tsk);
	put_files_struct(files);
}

static void exit_fs(struct task_struct *tsk)
{
	struct fs_struct *fs = tsk->fs;

	task_lock(tsk);
	tsk->fs = NULL;
	task_unlock(tsk);
	exit_fs_struct(fs);
}

/* The process's status as wait4 reports it: the group's exit code if
 * it ended as a whole (exit_group, a fatal signal), else the leader's
 * own.  tasklist_lock or the zombie's reaper. */
static int task_exit_status(const struct task_struct *p)
{
	return signal_group_exit(p->signal) ? p->signal->group_exit_code :
					      (int)p->exit_code;
}

/* init, or the idle task once init is gone (tasklist_lock held). */
static struct task_struct *find_child_reaper(void)
{
	struct task_struct *init = find_task_by_pid(1);

	return init && !init->exit_state ? init : &init_task;
}

/* Who takes over an exiting thread's children: another thread of its
 * process that is not exiting (wait4 in any thread sees them all), else
 * init (Linux's find_new_reaper).  tasklist_lock held. */
static struct task_struct *find_new_reaper(struct task_struct *father)
{
	struct task_struct *t;

	for_each_thread(father, t)
		if (!(t->flags & PF_EXITING))
			return t;
	return find_child_reaper();
}

static void __wake_up_parent(struct task_struct *parent)
{
	if (parent->signal)
		wake_up_interruptible(&parent->signal->wait_chldexit);
}

/*
 * Tell tsk's parent that the process tsk leads is gone: its exit signal
 * (SIGCHLD) with the status, and a wake-up for wait4.  Returns whether
 * the parent asked never to see zombies (SIGCHLD ignored, SA_NOCLDWAIT):
 * then nobody will wait and the caller reaps tsk itself.  tasklist_lock
 * held.
 */
static bool do_notify_parent(struct task_struct *tsk, int sig)
{
	struct task_struct *parent = tsk->parent;
	bool autoreap = false;

	if (!parent || !parent->sighand)
		return false;
	struct k_sigaction *ka = &parent->sighand->action[SIGCHLD - 1];
	if (sig == SIGCHLD &&
	    (ka->sa_handler == SIG_IGN || (ka->sa_flags & SA_NOCLDWAIT))) {
		autoreap = true;
		if (ka->sa_handler == SIG_IGN)
			sig = 0;
	}
	if (sig > 0) {
		int status = task_exit_status(tsk), killed = status & 0x7f;
		struct kernel_siginfo info = {
			.si_signo = sig,
			.si_code = killed ? CLD_KILLED : CLD_EXITED,
			.kill_chld = { .pid = tsk->tgid, .uid = tsk->cred->uid,
				       .status = killed ? killed :
						 (status >> 8) & 0xff },
		};
		send_sig_info(sig, &info, parent);
	}
	__wake_up_parent(parent);
	return autoreap;
}

/* Hand tsk's children to their new reaper, and send each of their
 * threads that asked for one (prctl PR_SET_PDEATHSIG) its signal: as in
 * Linux, it is the parent thread's exit that counts, not its process's.
 * tasklist_lock held. */
static void forget_original_parent(struct task_struct *father)
{
	if (list_empty(&father->children))
		return;
	struct task_struct *reaper = find_new_reaper(father), *c, *n, *t;

	list_for_each_entry_safe(c, n, &father->children, sibling) {
		for_each_thread(c, t) {
			if (!t->pdeath_signal || t->exit_state)
				continue;
			/* From the exiting parent, as kill(2) would say. */
			struct kernel_siginfo info = {
				.si_signo = t->pdeath_signal, .si_code = SI_USER,
				.kill_chld = { .pid = father->tgid,
					       .uid = father->cred->uid },
			};
			send_sig_info(t->pdeath_signal, &info, t);
		}
		list_del(&c->sibling);
		c->parent = reaper;
		/* Whatever signal the child was to send its parent at exit
		 * (clone's CSIGNAL), the reaper hears SIGCHLD: nobody may
		 * kill init that way (Linux's reparent_leader). */
		if (c->exit_signal != -1)
			c->exit_signal = SIGCHLD;
		list_add_tail(&c->sibling, &reaper->children);
	}
	__wake_up_parent(reaper);	/* zombies among them: reap them */
}

/*
 * The family's part of the end.  A thread other than the leader is
 * reaped at once; the leader stays a zombie, and its parent hears of
 * the process only when the last thread is gone (here if that is now,
 * else in release_task() of the last one).  Returns whether the caller
 * must reap tsk itself.  Interrupts off.
 */
static bool exit_notify(struct task_struct *tsk)
{
	unsigned long flags;
	bool autoreap;

	spin_lock_irqsave(&tasklist_lock, flags);
	forget_original_parent(tsk);
	tsk->exit_state = EXIT_ZOMBIE;
	if (!thread_group_leader(tsk))
		autoreap = true;
	else if (thread_group_empty(tsk))
		autoreap = do_notify_parent(tsk, tsk->exit_signal);
	else
		autoreap = false;	/* the last thread will tell */
	if (autoreap)
		tsk->exit_state = EXIT_DEAD;
	/* An exec in another thread waits for us to be gone (de_thread). */
	if (tsk->signal->group_exec_task)
		wake_up_process(tsk->signal->group_exec_task);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return autoreap;
}

/*
 * Whether a task other than current is dying or dead and still has its
 * stack.  The stack goes only when the task's CPU switches away from it
 * for the last time (finish_task_switch), which on another CPU may be a
 * moment after its parent has reaped it (as on Linux).  tasklist_lock:
 * the list changes on every CPU.
 */
static bool dying_task_has_stack(void)
{
	struct task_struct *p;
	unsigned long flags;
	bool found = false;

	spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry(p, &init_task.tasks, tasks)
		if (p != current && READ_ONCE(p->stack) &&
		    ((p->flags & PF_EXITING) || READ_ONCE(p->exit_state))) {
			found = true;
			break;
		}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return found;
}

/* init is the last user process: in test mode its end is the verdict. */
static void __noreturn init_exited(long code)
{
	if (!test_mode)
		panic("Attempted to kill init! exitcode=0x%08lx", code);
	/* The free memory below must not count a stack that another CPU
	 * is about to free (tests compare it between runs): wait for the
	 * last switches, a second at most. */
	for (int ms = 0; ms < 1000 && dying_task_has_stack(); ms++)
		msleep(1);
	/* tools/run-prog reads this line to exit with the same status; the
	 * free memory lets tests check that a run leaked nothing. */
	if (code & 0x7f)
		pr_notice("init: killed by signal %ld (free pages %lu)\n",
			  code & 0x7f, nr_free_pages());
	else
		pr_notice("init: exited with status %ld (free pages %lu)\n",
			  (code >> 8) & 0xff, nr_free_pages());
	qemu_exit(QEMU_EXIT_SUCCESS);
}

void __noreturn do_exit(long code)
{
	struct task_struct *tsk = current;

	if (tsk == &init_task)
		panic("attempted to kill the idle task");
	tsk->exit_code = code;
	if (tsk->signal) {
		exit_signals(tsk);	/* no more signals: hand them on */
		struct signal_struct *sig = tsk->signal;
		bool group_dead = __atomic_sub_fetch(&sig->live, 1,
						     __ATOMIC_ACQ_REL) == 0;
		if (group_dead) {
			if (tsk->tgid == 1)
				init_exited(signal_group_exit(sig) ?
					    sig->group_exit_code :
					    tsk->group_leader->exit_code);
			exit_itimers(sig);
			tty_exit_session();
		}
		exit_mm(tsk);
		exit_files(tsk);
		exit_fs(tsk);
	}
	kthread_exit_notify(tsk);
	/* From here to the switch nothing may run in between: a dead task
	 * that got preempted would be put back on the run queue. */
	preempt_disable();
	local_irq_disable();
	if (tsk->signal) {
		if (exit_notify(tsk))
			release_task(tsk);
	} else {
		tsk->exit_state = EXIT_ZOMBIE;
	}
	do_task_dead();
}

/*
 * The whole group goes with code: the others get SIGKILL and exit with
 * the same code (get_signal), this thread exits now.  If the group is
 * already going, the code is the one that started it; if an exec in
 * another thread is ending us, the code does not matter (Linux's 0).
 */
void __noreturn do_group_exit(int code)
{
	struct task_struct *tsk = current;
	struct signal_struct *sig = tsk->signal;
	unsigned long flags;

	spin_lock_irqsave(&tsk->sighand->siglock, flags);
	if (signal_group_exit(sig)) {
		code = sig->group_exit_code;
	} else if (sig->group_exec_task) {
		code = 0;
	} else {
		sig->group_exit_code = code;
		sig->flags = SIGNAL_GROUP_EXIT;
		zap_other_threads(tsk);
	}
	spin_unlock_irqrestore(&tsk->sighand->siglock, flags);
	do_exit(code);
}

/* A task's kernel function returned (ret_from_fork): that is its exit,
 * unless it became a user process by exec'ing a program. */
void kthread_returned(long ret)
{
	if (!current->mm)
		do_exit(ret);
}

/* A reaped thread's CPU time goes to its process's totals, and it
 * leaves the thread group; the handlers go with the last user.
 * tasklist_lock held. */
static struct sighand_struct *__exit_signal(struct task_struct *p)
{
	struct signal_struct *sig = p->signal;
	struct sighand_struct *sighand = p->sighand;

	spin_lock(&sighand->siglock);
	sig->utime += p->utime;
	sig->stime += p->stime;
	sig->sum_sched_runtime += p->sum_exec_runtime;
	list_del_init(&p->thread_node);
	sig->nr_threads--;
	if (sig->curr_target == p)
		sig->curr_target = NULL;
	flush_sigqueue(&p->pending);
	p->sighand = NULL;
	spin_unlock(&sighand->siglock);
	return sighand;
}

/*
 * Forget a dead task: out of its thread group, off its parent's list,
 * and its reaper's reference (taken at clone) dropped; the task_struct
 * goes when the last reference does.  If p was the last thread of a
 * process whose leader is a zombie already, the leader's parent is told
 * now, and the leader is reaped too if the parent will not.
 * Interrupts off or process context.
 */
void release_task(struct task_struct *p)
{
	struct task_struct *leader;
	bool zap_leader;
	unsigned long flags;

repeat:
	zap_leader = false;
	spin_lock_irqsave(&tasklist_lock, flags);
	struct sighand_struct *sighand = __exit_signal(p);
	if (thread_group_leader(p))
		list_del_init(&p->sibling);
	leader = p->group_leader;
	if (leader != p && thread_group_empty(leader) &&
	    leader->exit_state == EXIT_ZOMBIE) {
		zap_leader = do_notify_parent(leader, leader->exit_signal);
		if (zap_leader)
			leader->exit_state = EXIT_DEAD;
	}
	struct signal_struct *sig = p->signal;
	if (sig->group_exec_task)
		wake_up_process(sig->group_exec_task);	/* de_thread */
	p->signal = NULL;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	proc_flush_pid(p->pid);
	__cleanup_sighand(sighand);
	put_signal_struct(sig);
	put_task_struct(p);
	if (zap_leader) {
		p = leader;
		goto repeat;
	}
}

long sys_exit(int code)
{
	do_exit((code & 0xff) << 8);
}

long sys_exit_group(int code)
{
	do_group_exit((code & 0xff) << 8);
}

void __thread_group_cputime(struct task_struct *p, u64 *utime, u64 *stime,
			    u64 *runtime)
{
	struct signal_struct *sig = p->signal;
	struct task_struct *t;

	lockdep_assert_held(&tasklist_lock);
	u64 ut = sig->utime, st = sig->stime, rt = sig->sum_sched_runtime;
	for_each_thread(p, t) {
		ut += t->utime;
		st += t->stime;
		rt += task_sched_runtime(t);
	}
	if (utime)
		*utime = ut;
	if (stime)
		*stime = st;
	if (runtime)
		*runtime = rt;
}

void thread_group_cputime(struct task_struct *p, u64 *utime, u64 *stime,
			  u64 *runtime)
{
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	__thread_group_cputime(p, utime, stime, runtime);
	spin_unlock_irqrestore(&tasklist_lock, flags);
}

/* --- wait4 --- */

#define WNOHANG		0x00000001
#define WUNTRACED	0x00000002
#define WCONTINUED	0x00000008
#define WEXITED		0x00000004	/* waitid's: zombies are what we have */
#define WSTOPPED	WUNTRACED
#define WNOWAIT		0x01000000	/* waitid: leave the zombie */
#define __WNOTHREAD	0x20000000
#define __WALL		0x40000000
#define __WCLONE	0x80000000
/* Ours, not Linux's: waitid's P_PGID, where pid -1 is process group 1
 * rather than "any child". */
#define __WPGID		0x10000000

/* Whether wait4(pid, options) is about child c (Linux's
 * eligible_child): by pid, process group or any, and of the right kind:
 * a "clone child" (exit signal other than SIGCHLD) only with __WCLONE,
 * both kinds with __WALL. */
static bool wait_matches(const struct task_struct *c, int pid, int options)
{
	if (!(options & __WALL) &&
	    ((c->exit_signal != SIGCHLD) ^ !!(options & __WCLONE)))
		return false;
	if (pid > 0)
		return c->tgid == pid;
	if (options & __WPGID)
		return c->pgid == -pid;
	if (pid == -1)
		return true;
	return c->pgid == (pid == 0 ? current->pgid : -pid);
}

/* What a waiter learns of a zombie, read while tasklist_lock holds it. */
struct wait_result {
	int pid;			/* its tgid */
	int status;			/* wait4's status word */
	uid_t uid;			/* its real uid (waitid's si_uid) */
	u64 utime, stime;		/* its and its reaped children's */
};

/*
 * A zombie child matching pid, claimed for this waiter (EXIT_DEAD, so
 * no other thread reaps it too; with WNOWAIT only looked at, and then
 * not safe to use once tasklist_lock is dropped: *res has what it
 * said), or NULL with *err -ECHILD if no child matches, 0 if some match
 * but none has finished.  A leader whose other threads still run is not
 * finished.  Every thread's children count (wait4 is the process's)
 * unless __WNOTHREAD.  Takes tasklist_lock.
 */

static struct task_struct *find_zombie(int pid, int options, long *err,
				       struct wait_result *res)
{
	struct task_struct *t, *c, *found = NULL;
	unsigned long flags;

	*err = -ECHILD;
	spin_lock_irqsave(&tasklist_lock, flags);
	for_each_thread(current, t) {
		if ((options & __WNOTHREAD) && t != current)
			continue;
		list_for_each_entry(c, &t->children, sibling) {
			if (!wait_matches(c, pid, options))
				continue;
			bool done = c->exit_state == EXIT_ZOMBIE &&
				    thread_group_empty(c);
			/* A finished child is no match for a waiter that
			 * asked only for stops (waitid without WEXITED). */
			if (done && !(options & WEXITED))
				continue;
			*err = 0;
			if (done) {
				if (res)
					*res = (struct wait_result){
						.pid = c->tgid,
						.status = task_exit_status(c),
						.uid = c->cred->uid,
						.utime = c->utime + c->signal->utime +
							 c->signal->cutime,
						.stime = c->stime + c->signal->stime +
							 c->signal->cstime,
					};
				if (options & WNOWAIT) {	/* waitid: look only */
					found = c;
					goto out;
				}
				c->exit_state = EXIT_DEAD;
				found = c;
				goto out;
			}
		}
	}
out:
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return found;
}

/*
 * Linux's do_wait: sleep on our wait_chldexit until find_zombie has an
 * answer (a zombie, or -ECHILD), or at once with WNOHANG.  A child's
 * exit wakes the queue (__wake_up_parent); prepare_to_wait comes before
 * the look, so an exit between the look and schedule() is not lost.
 */
static struct task_struct *do_wait(int pid, int options, long *err,
				   struct wait_result *res)
{
	struct task_struct *zombie;
	DEFINE_WAIT(wait);

	for (;;) {
		prepare_to_wait(&current->signal->wait_chldexit, &wait,
				TASK_INTERRUPTIBLE);
		zombie = find_zombie(pid, options, err, res);
		if (zombie || *err || (options & WNOHANG))
			break;
		if (signal_pending(current)) {
			*err = -ERESTARTSYS;
			break;
		}
		schedule();
	}
	finish_wait(&current->signal->wait_chldexit, &wait);
	return zombie;
}

/* The head of struct rusage (144 bytes on x86-64): the times we keep;
 * the counters after them (ru_maxrss ...) stay zero. */
struct rusage_times {
	struct __kernel_old_timeval ru_utime, ru_stime;
};

struct rusage;

static struct __kernel_old_timeval ticks_to_timeval(u64 ticks)
{
	return (struct __kernel_old_timeval){
		.tv_sec = ticks / HZ,
		.tv_usec = ticks % HZ * (1000000 / HZ),
	};
}

/*
 * The parent takes over what the zombie used, its reaped children's
 * share included (Linux's wait_task_zombie), and wait4 reports the same
 * sums.  An auto-reaped child is charged to no one, as in Linux.
 */
static void wait_collect_times(struct task_struct *zombie,
			       struct rusage_times *ru)
{
	struct signal_struct *psig = current->signal, *sig = zombie->signal;
	/* The leader's own and its dead threads' (all of them by now). */
	u64 utime = zombie->utime + sig->utime + sig->cutime;
	u64 stime = zombie->stime + sig->stime + sig->cstime;

	psig->cutime += utime;
	psig->cstime += stime;
	ru->ru_utime = ticks_to_timeval(utime);
	ru->ru_stime = ticks_to_timeval(stime);
}


/* struct rusage to user space: our times, zeros for the rest. */
static int put_rusage_times(struct rusage __user *ru,
			    const struct rusage_times *times)
{
	if (clear_user(ru, 144) || copy_to_user(ru, times, sizeof(*times)))
		return -EFAULT;
	return 0;
}

long sys_wait4(int pid, int __user *stat_addr, int options,
	       struct rusage __user *ru)
{
	struct task_struct *zombie;
	long err;

	if (options & ~(WNOHANG | WUNTRACED | WCONTINUED | __WNOTHREAD |
			__WALL | __WCLONE))
		return -EINVAL;
	if (pid == (int)0x80000000)	/* INT_MIN */
		return -ESRCH;	/* -INT_MIN does not exist */
	zombie = do_wait(pid, options | WEXITED, &err, NULL);
	if (!zombie)
		return err;

	int status = task_exit_status(zombie), cpid = zombie->tgid;
	struct rusage_times times;
	wait_collect_times(zombie, &times);
	release_task(zombie);
	if (stat_addr && put_user(status, stat_addr))
		return -EFAULT;
	if (ru && put_rusage_times(ru, &times))
		return -EFAULT;
	return cpid;
}

/* --- waitid --- */

#define P_ALL		0
#define P_PID		1
#define P_PGID		2
#define P_PIDFD		3

#define CLD_EXITED	1
#define CLD_KILLED	2
#define CLD_DUMPED	3

/*
 * The fields of a SIGCHLD siginfo that waitid writes, at their x86-64
 * offsets; the rest of the caller's buffer is left alone, as in Linux.
 * No child ready (WNOHANG) writes zeros.
 */
static int waitid_put_info(struct siginfo __user *infop,
			   const struct wait_result *r)
{
	char __user *p = (char __user *)infop;
	int signo = 0, code = 0, status = 0;

	if (r) {
		int sig = r->status & 0x7f;

		signo = SIGCHLD;
		code = !sig ? CLD_EXITED :
		       (r->status & 0x80) ? CLD_DUMPED : CLD_KILLED;
		status = sig ? sig : (r->status >> 8) & 0xff;
	}
	if (put_user(signo, (int __user *)(p + 0)) ||
	    put_user(0, (int __user *)(p + 4)) ||
	    put_user(code, (int __user *)(p + 8)) ||
	    put_user(r ? r->pid : 0, (int __user *)(p + 16)) ||
	    put_user(r ? r->uid : 0, (u32 __user *)(p + 20)) ||
	    put_user(status, (int __user *)(p + 24)))
		return -EFAULT;
	return 0;
}

/*
 * waitid(2) (Linux's kernel_waitid): the child chosen by (which, upid),
 * WEXITED for zombies, WNOWAIT to look without reaping.  Stopped and
 * continued children do not exist here (no job-control stops), so
 * WSTOPPED and WCONTINUED are accepted and never match.  P_PIDFD needs
 * a pidfd, and there are none: EBADF, Linux's answer for any other fd.
 */
long sys_waitid(int which, int upid, struct siginfo __user *infop,
		int options, struct rusage __user *ru)
{
	struct task_struct *zombie;
	struct wait_result r;
	long err;
	int pid;

	if (options & ~(WNOHANG | WNOWAIT | WEXITED | WSTOPPED | WCONTINUED |
			__WNOTHREAD | __WCLONE | __WALL))
		return -EINVAL;
	if (!(options & (WEXITED | WSTOPPED | WCONTINUED)))
		return -EINVAL;
	switch (which) {
	case P_ALL:
		pid = -1;
		break;
	case P_PID:
		if (upid <= 0)
			return -EINVAL;
		pid = upid;
		break;
	case P_PGID:
		if (upid < 0)
			return -EINVAL;
		pid = upid ? -upid : -current->pgid;
		options |= __WPGID;
		break;
	case P_PIDFD:		/* no descriptor is a pidfd here */
		return upid < 0 ? -EINVAL : -EBADF;
	default:
		return -EINVAL;
	}
	zombie = do_wait(pid, options, &err, &r);
	if (err)
		return err;
	if (zombie && !(options & WNOWAIT)) {
		struct rusage_times times;

		wait_collect_times(zombie, &times);
		release_task(zombie);
	}
	if (ru) {
		struct rusage_times times = { 0 };

		if (zombie) {
			times.ru_utime = ticks_to_timeval(r.utime);
			times.ru_stime = ticks_to_timeval(r.stime);
		}
		if (put_rusage_times(ru, &times))
			return -EFAULT;
	}
	if (infop && waitid_put_info(infop, zombie ? &r : NULL))
		return -EFAULT;
	return 0;
}
