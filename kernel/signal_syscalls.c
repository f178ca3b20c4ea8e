/*
 * signal_syscalls.c - the system calls of signals: sending (kill,
 * tgkill, rt_sigqueueinfo), handlers and masks (rt_sigaction,
 * rt_sigprocmask, rt_sigsuspend), the temporary masks of ppoll, pselect6
 * and epoll_pwait, and rt_sigtimedwait.  What they stand on (queueing,
 * choosing a thread, dequeuing) is kernel/signal.c.
 *
 * LOCKING: see signal.h.  Everything that reads or changes a pending
 * set or a mask holds sighand->siglock with interrupts off; user copies
 * are made before taking it or after dropping it.
 * Context: process context only.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/mm.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/pid.h"
#include "kernel/syscalls.h"
#include "kernel/cred.h"
#include "kernel/resource.h"
#include "kernel/hrtimer.h"
#include "kernel/timekeeping.h"
#include "arch/x86_64/uaccess.h"

/* --- system calls: sending --- */

static struct kernel_siginfo user_info(int sig, int code)
{
	return (struct kernel_siginfo){
		.si_signo = sig, .si_code = code,
		.kill_chld = { .pid = current->tgid, .uid = current_uid() },
	};
}

/*
 * May the current task signal t?  Linux's kill_ok_by_cred: the sender's
 * real or effective uid must be the target's real or saved uid, unless
 * the sender has CAP_KILL (uid 0).  SIGCONT is allowed within a session;
 * there is one session here (getsid), so always.  sig 0 is checked too:
 * kill(pid, 0) is how a program asks whether it may.  A thread of our
 * own process may always be signalled.
 */
static int check_kill_permission(int sig, struct task_struct *t)
{
	const struct cred *cred = current_cred(), *tcred = t->cred;

	/* SIGCONT within a session, as Linux: a shell may continue its
	 * jobs whatever their credentials. */
	if (same_thread_group(t, current) || capable(CAP_KILL) ||
	    (sig == SIGCONT &&
	     READ_ONCE(t->signal->session) == current->signal->session))
		return 0;
	if (cred->euid == tcred->suid || cred->euid == tcred->uid ||
	    cred->uid == tcred->suid || cred->uid == tcred->uid)
		return 0;
	return -EPERM;
}

/* kill(2)'s signal to p's process; sig 0 only checks that it exists. */
static int kill_one(struct task_struct *p, int sig)
{
	struct kernel_siginfo info = user_info(sig, SI_USER);
	int err = check_kill_permission(sig, p);

	if (err)
		return err;
	return sig ? send_sig_info(sig, &info, p) : 0;
}

long sys_kill(int pid, int sig)
{
	unsigned long flags;
	int ret;

	if (sig < 0 || sig > _NSIG)
		return -EINVAL;
	spin_lock_irqsave(&tasklist_lock, flags);
	if (pid > 0) {
		/* Any thread's id names its process, as in Linux. */
		struct task_struct *p = find_task_by_pid(pid);
		ret = p && p->signal ? kill_one(p, sig) : -ESRCH;
		spin_unlock_irqrestore(&tasklist_lock, flags);
		return ret;
	}
	/*
	 * pid 0: our group; -1: everyone but init and us; < -1: group -pid.
	 * One signal per process: to its leader.  As Linux: a group
	 * succeeds if one member was signalled (else the last error); -1
	 * ignores the members it may not signal (EPERM).
	 */
	int sent = 0, ok = 0, err = -ESRCH, all_err = 0;
	struct task_struct *p;
	for_each_user_process(p) {
		if (!thread_group_leader(p))
			continue;
		bool target = pid == -1 ?
			(p->tgid != 1 && !same_thread_group(p, current)) :
			p->pgid == (pid == 0 ? current->pgid : -pid);
		if (!target)
			continue;
		int e = kill_one(p, sig);
		sent++;
		ok |= !e;
		err = e;
		if (e != -EPERM)
			all_err = e;
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	if (pid == -1)
		return sent ? all_err : -ESRCH;
	return ok ? 0 : err;
}

/* The terminal's signals (Ctrl-C): sig from the kernel to every process
 * in group pgrp.  Any context.  Returns 0, or -ESRCH if the group is
 * empty. */
int kill_pgrp(int pgrp, int sig)
{
	struct task_struct *p;
	unsigned long flags;
	int ret = -ESRCH;

	spin_lock_irqsave(&tasklist_lock, flags);
	for_each_user_process(p) {
		if (p->pgid == pgrp && thread_group_leader(p) &&
		    !p->exit_state) {
			send_sig(sig, p);
			ret = 0;
		}
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return ret;
}

/* Send sig with info to one thread (do_send_specific): tgid <= 0
 * means "of any process" (tkill). */
static long do_send_specific(int tgid, int pid, int sig,
			     const struct kernel_siginfo *info)
{
	unsigned long flags;
	long ret = -ESRCH;

	if (sig < 0 || sig > _NSIG)
		return -EINVAL;
	spin_lock_irqsave(&tasklist_lock, flags);
	struct task_struct *p = find_task_by_pid(pid);
	if (p && p->signal && !p->exit_state && (tgid <= 0 || p->tgid == tgid)) {
		ret = check_kill_permission(sig, p);
		if (!ret && sig)
			ret = send_sig_info_thread(sig, info, p);
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return ret;
}

static long do_tkill(int tgid, int pid, int sig)
{
	struct kernel_siginfo info = user_info(sig, SI_TKILL);

	return do_send_specific(tgid, pid, sig, &info);
}

/*
 * sigqueue(3): a signal with a value, the siginfo given by the caller.
 * Nobody may pretend to be the kernel or kill/tgkill (si_code >= 0 or
 * SI_TKILL) except to itself: EPERM, as Linux.
 */
static int copy_queue_info(struct kernel_siginfo *info, int sig,
			   const struct kernel_siginfo __user *uinfo, int self,
			   int pid)
{
	if (copy_from_user(info, uinfo, sizeof(*info)))
		return -EFAULT;
	info->si_signo = sig;
	if ((info->si_code >= 0 || info->si_code == SI_TKILL) && pid != self)
		return -EPERM;
	return 0;
}

long sys_rt_sigqueueinfo(int pid, int sig,
			 const struct kernel_siginfo __user *uinfo)
{
	struct kernel_siginfo info;
	unsigned long flags;
	int err = copy_queue_info(&info, sig, uinfo, current->tgid, pid);

	if (err)
		return err;
	if (sig < 0 || sig > _NSIG)
		return -EINVAL;
	if (pid <= 0)
		return -ESRCH;	/* kill_proc_info: one process only */
	spin_lock_irqsave(&tasklist_lock, flags);
	struct task_struct *p = find_task_by_pid(pid);
	if (!p || !p->signal)
		err = -ESRCH;
	else
		err = check_kill_permission(sig, p);
	if (!err && sig)
		err = send_sig_info(sig, &info, p);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return err;
}

long sys_rt_tgsigqueueinfo(int tgid, int pid, int sig,
			   const struct kernel_siginfo __user *uinfo)
{
	struct kernel_siginfo info;

	if (tgid <= 0 || pid <= 0)
		return -EINVAL;
	int err = copy_queue_info(&info, sig, uinfo, current->pid, pid);
	return err ? err : do_send_specific(tgid, pid, sig, &info);
}

long sys_tgkill(int tgid, int pid, int sig)
{
	if (tgid <= 0 || pid <= 0)
		return -EINVAL;
	return do_tkill(tgid, pid, sig);
}

long sys_tkill(int pid, int sig)
{
	return pid <= 0 ? -EINVAL : do_tkill(0, pid, sig);
}

/* --- system calls: handlers and masks --- */

long sys_rt_sigaction(int sig, const struct k_sigaction __user *act,
		      struct k_sigaction __user *oact, size_t sigsetsize)
{
	struct k_sigaction new, old;
	struct sighand_struct *sighand = current->sighand;
	unsigned long flags;

	if (sigsetsize != sizeof(sigset_t))
		return -EINVAL;
	if (sig < 1 || sig > _NSIG)
		return -EINVAL;
	if (act && copy_from_user(&new, act, sizeof(new)))
		return -EFAULT;
	if (act && (sig == SIGKILL || sig == SIGSTOP))
		return -EINVAL;
	spin_lock_irqsave(&sighand->siglock, flags);
	old = sighand->action[sig - 1];
	if (act) {
		new.sa_mask &= ~SIG_KERNEL_ONLY_MASK;
		sighand->action[sig - 1] = new;
		/* Ignoring a signal discards its pending instances in every
		 * thread (POSIX), blocked or not. */
		if (sig_handler_ignored(new.sa_handler, sig)) {
			struct task_struct *t;
			sigset_t m = sigmask(sig);
			if (current->signal->shared_pending.signal & m)
				flush_sigqueue_mask(&current->signal->shared_pending, m);
			for_each_thread(current, t)
				if (t->pending.signal & m) {
					flush_sigqueue_mask(&t->pending, m);
					recalc_sigpending(t);
				}
		}
	}
	spin_unlock_irqrestore(&sighand->siglock, flags);
	if (oact && copy_to_user(oact, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

#define SIG_BLOCK	0
#define SIG_UNBLOCK	1
#define SIG_SETMASK	2

long sys_rt_sigprocmask(int how, const sigset_t __user *nset,
			sigset_t __user *oset, size_t sigsetsize)
{
	sigset_t new, old = current->blocked;

	if (sigsetsize != sizeof(sigset_t))
		return -EINVAL;
	if (nset) {
		if (copy_from_user(&new, nset, sizeof(new)))
			return -EFAULT;
		switch (how) {
		case SIG_BLOCK: new = old | new; break;
		case SIG_UNBLOCK: new = old & ~new; break;
		case SIG_SETMASK: break;
		default: return -EINVAL;
		}
		set_current_blocked(new);
	}
	if (oset && copy_to_user(oset, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

/* The signals pending for this thread or its process that it blocks. */
long sys_rt_sigpending(sigset_t __user *uset, size_t sigsetsize)
{
	struct task_struct *t = current;
	unsigned long flags;

	if (sigsetsize > sizeof(sigset_t))
		return -EINVAL;
	spin_lock_irqsave(&t->sighand->siglock, flags);
	sigset_t set = (t->pending.signal | t->signal->shared_pending.signal) &
		       t->blocked;
	spin_unlock_irqrestore(&t->sighand->siglock, flags);
	return copy_to_user(uset, &set, sigsetsize) ? -EFAULT : 0;
}

/* Sleep until a signal is pending (sigsuspend, pause). */
static void sleep_until_signal(void)
{
	while (!signal_pending(current)) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (!signal_pending(current))
			schedule();
		__set_current_state(TASK_RUNNING);
	}
}

/* Sleep with a temporary mask until a handler has run: the real mask is
 * put back by the signal frame (saved_sigmask), after the handler. */
long sys_rt_sigsuspend(const sigset_t __user *uset, size_t sigsetsize)
{
	sigset_t set;

	if (sigsetsize != sizeof(sigset_t))
		return -EINVAL;
	if (copy_from_user(&set, uset, sizeof(set)))
		return -EFAULT;
	current->saved_sigmask = current->blocked;
	current->restore_sigmask = true;
	set_current_blocked(set);
	sleep_until_signal();
	return -ERESTARTNOHAND;
}

long sys_pause(void)
{
	sleep_until_signal();
	return -ERESTARTNOHAND;
}

/* --- the temporary masks of ppoll, pselect6 and epoll_pwait --- */

int set_user_sigmask(const sigset_t __user *umask, size_t sigsetsize)
{
	sigset_t kmask;

	if (!umask)
		return 0;
	if (sigsetsize != sizeof(sigset_t))
		return -EINVAL;
	if (copy_from_user(&kmask, umask, sizeof(kmask)))
		return -EFAULT;
	current->saved_sigmask = current->blocked;
	current->restore_sigmask = true;
	set_current_blocked(kmask);
	return 0;
}

void restore_saved_sigmask_unless(bool interrupted)
{
	if (interrupted || !current->restore_sigmask)
		return;
	current->restore_sigmask = false;
	set_current_blocked(current->saved_sigmask);
}

/* --- waiting for a signal without a handler: rt_sigtimedwait --- */

/*
 * Take one of the signals in which, waiting up to the timeout (NULL:
 * for ever; zero: just look).  While it waits the thread unblocks
 * them (its mask is kept in real_blocked), so that the ones it waits
 * for wake it and are chosen for it; other signals that arrive end the
 * wait with EINTR, as in Linux.  Returns the signal, -EAGAIN when the
 * time ran out, -EINTR.
 */
static long do_sigtimedwait(sigset_t which, struct kernel_siginfo *info,
			    const struct timespec64 *ts)
{
	struct task_struct *t = current;
	struct sighand_struct *sighand = t->sighand;
	ktime_t expires = KTIME_MAX;
	unsigned long flags;
	int ret = 0;

	if (ts) {
		if (!timespec64_valid(ts))
			return -EINVAL;
		expires = ktime_add_safe(ktime_get(),
					 ns_to_ktime(timespec64_to_ns(ts)));
	}
	which &= ~SIG_KERNEL_ONLY_MASK;
	spin_lock_irqsave(&sighand->siglock, flags);
	int sig = dequeue_signal(t, ~which, info);
	if (!sig && !(ts && timespec64_to_ns(ts) == 0)) {
		t->real_blocked = t->blocked;
		t->blocked &= ~which;
		recalc_sigpending(t);
		spin_unlock_irqrestore(&sighand->siglock, flags);
		for (;;) {
			set_current_state(TASK_INTERRUPTIBLE);
			if (signal_pending(t)) {
				__set_current_state(TASK_RUNNING);
				ret = -EINTR;
				break;
			}
			if (!schedule_hrtimeout_range(ts ? &expires : NULL,
						      current_timer_slack_ns(),
						      HRTIMER_MODE_ABS))
				break;	/* the time is up */
		}
		spin_lock_irqsave(&sighand->siglock, flags);
		t->blocked = t->real_blocked;
		t->real_blocked = 0;
		sig = dequeue_signal(t, ~which, info);
	}
	spin_unlock_irqrestore(&sighand->siglock, flags);
	if (sig)
		return sig;
	return ret ? -EINTR : -EAGAIN;
}

long sys_rt_sigtimedwait(const sigset_t __user *uthese,
			 struct kernel_siginfo __user *uinfo,
			 const struct __kernel_timespec __user *uts,
			 size_t sigsetsize)
{
	sigset_t these;
	struct timespec64 ts;
	struct kernel_siginfo info;

	if (sigsetsize != sizeof(sigset_t))
		return -EINVAL;
	if (copy_from_user(&these, uthese, sizeof(these)))
		return -EFAULT;
	if (uts && get_timespec64(&ts, uts))
		return -EFAULT;
	long ret = do_sigtimedwait(these, &info, uts ? &ts : NULL);
	if (ret > 0 && uinfo && copy_to_user(uinfo, &info, sizeof(info)))
		ret = -EFAULT;
	return ret;
}
