/*
 * signal.c - sending signals, and the system calls that manage them.
 * Delivery (the frame on the user stack) is in arch/x86_64/signal.c.
 *
 * LOCKING: a task's pending set and its sigpending flag change with
 * interrupts off, because the timer interrupt (alarm) sends signals.
 * Context: send_sig_info() any; the system calls process context.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/mm.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/pid.h"
#include "kernel/cred.h"
#include "arch/x86_64/uaccess.h"

/* The first process's: the limits start as the kernel's defaults. */
struct signal_struct *signal_alloc(void)
{
	struct signal_struct *sig = kzalloc(sizeof(*sig), GFP_KERNEL);

	if (sig)
		memcpy(sig->rlim, task_rlimits(NULL), sizeof(sig->rlim));
	return sig;
}

struct signal_struct *signal_dup(const struct signal_struct *old)
{
	struct signal_struct *sig = signal_alloc();

	if (sig) {
		memcpy(sig->action, old->action, sizeof(sig->action));
		memcpy(sig->rlim, old->rlim, sizeof(sig->rlim));	/* fork */
		/* A child starts with nothing pending (POSIX fork). */
	}
	return sig;
}

void signal_free(struct signal_struct *sig)
{
	kfree(sig);
}

void flush_signal_handlers(struct signal_struct *sig)
{
	for (int i = 0; i < _NSIG; i++) {
		struct k_sigaction *ka = &sig->action[i];
		if (ka->sa_handler != SIG_IGN)
			ka->sa_handler = SIG_DFL;
		ka->sa_flags = 0;
		ka->sa_restorer = NULL;
		ka->sa_mask = 0;
	}
}

void recalc_sigpending(struct task_struct *p)
{
	p->sigpending = p->signal && (p->signal->pending & ~p->blocked);
}

static bool sig_ignored(struct task_struct *p, int sig)
{
	void __user *h = p->signal->action[sig - 1].sa_handler;

	if (p->blocked & sigmask(sig))
		return false;	/* may be unblocked, with another handler */
	if (h == SIG_IGN)
		return true;
	/* Signals whose default action is to ignore them. */
	return h == SIG_DFL && (sig == SIGCHLD || sig == SIGURG ||
				sig == SIGWINCH || sig == SIGCONT);
}

int send_sig_info(int sig, const struct kernel_siginfo *info,
		  struct task_struct *p)
{
	if (sig < 1 || sig > _NSIG)
		return -EINVAL;
	if (!p->signal || p->exit_state)
		return 0;		/* a zombie or a kernel thread: nothing to do */
	unsigned long flags = local_irq_save();
	if (!sig_ignored(p, sig)) {
		struct kernel_siginfo *si = &p->signal->info[sig - 1];
		if (info) {
			*si = *info;
		} else {
			memset(si, 0, sizeof(*si));
			si->si_code = SI_KERNEL;
		}
		si->si_signo = sig;
		p->signal->pending |= sigmask(sig);
		recalc_sigpending(p);
		/* SIGKILL must get through any sleep. */
		if (p->sigpending || sig == SIGKILL)
			try_to_wake_up(p, sig == SIGKILL ? TASK_NORMAL :
				       TASK_INTERRUPTIBLE, 0);
	}
	local_irq_restore(flags);
	return 0;
}

int send_sig(int sig, struct task_struct *p)
{
	return send_sig_info(sig, NULL, p);
}

void force_sig_fault(int sig, int code, unsigned long addr)
{
	struct task_struct *p = current;
	struct kernel_siginfo info = { .si_signo = sig, .si_code = code };

	info.addr = (void __user *)addr;
	/* Blocked or ignored, the fault would only repeat: take the
	 * default action instead, as Linux does. */
	if ((p->blocked & sigmask(sig)) ||
	    p->signal->action[sig - 1].sa_handler == SIG_IGN) {
		p->blocked &= ~sigmask(sig);
		p->signal->action[sig - 1].sa_handler = SIG_DFL;
	}
	send_sig_info(sig, &info, p);
}

/* --- system calls --- */

/*
 * May the current task signal t?  Linux's kill_ok_by_cred: the sender's
 * real or effective uid must be the target's real or saved uid, unless
 * the sender has CAP_KILL (uid 0).  SIGCONT is allowed within a session;
 * there is one session here (getsid), so always.  sig 0 is checked too:
 * kill(pid, 0) is how a program asks whether it may.
 */
static int check_kill_permission(int sig, struct task_struct *t)
{
	const struct cred *cred = current_cred(), *tcred = t->cred;

	if (t == current || sig == SIGCONT || capable(CAP_KILL))
		return 0;
	if (cred->euid == tcred->suid || cred->euid == tcred->uid ||
	    cred->uid == tcred->suid || cred->uid == tcred->uid)
		return 0;
	return -EPERM;
}

static int kill_one(struct task_struct *p, int sig)
{
	struct kernel_siginfo info = {
		.si_signo = sig, .si_code = SI_USER,
		.kill_chld = { .pid = current->pid, .uid = current_uid() },
	};
	int err = check_kill_permission(sig, p);

	if (err)
		return err;
	return sig ? send_sig_info(sig, &info, p) : 0;
}

long sys_kill(int pid, int sig)
{
	if (sig < 0 || sig > _NSIG)
		return -EINVAL;
	if (pid > 0) {
		struct task_struct *p = find_task_by_pid(pid);
		return p ? kill_one(p, sig) : -ESRCH;
	}
	/*
	 * pid 0: our group; -1: everyone but init and us; < -1: group -pid.
	 * As Linux: a group succeeds if one member was signalled (else the
	 * last error); -1 ignores the members it may not signal (EPERM).
	 */
	int sent = 0, ok = 0, err = -ESRCH, all_err = 0;
	struct task_struct *p;
	for_each_user_process(p) {
		bool target = pid == -1 ? (p->pid != 1 && p != current) :
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
	if (pid == -1)
		return sent ? all_err : -ESRCH;
	return ok ? 0 : err;
}

/* The terminal's signals (Ctrl-C): sig from the kernel to every process
 * in group pgrp.  Any context: the task list only changes with
 * interrupts off.  Returns 0, or -ESRCH if the group is empty. */
int kill_pgrp(int pgrp, int sig)
{
	struct task_struct *p;
	int ret = -ESRCH;

	for_each_user_process(p) {
		if (p->pgid == pgrp && !p->exit_state) {
			send_sig(sig, p);
			ret = 0;
		}
	}
	return ret;
}

long sys_tgkill(int tgid, int pid, int sig)
{
	if (tgid <= 0 || pid <= 0)
		return -EINVAL;
	if (tgid != pid)
		return -ESRCH;		/* no threads: a thread is its process */
	return sys_kill(pid, sig);
}

long sys_tkill(int pid, int sig)
{
	return pid <= 0 ? -EINVAL : sys_kill(pid, sig);
}

long sys_rt_sigaction(int sig, const struct k_sigaction __user *act,
		      struct k_sigaction __user *oact, size_t sigsetsize)
{
	struct k_sigaction new;

	if (sigsetsize != sizeof(sigset_t))
		return -EINVAL;
	if (sig < 1 || sig > _NSIG)
		return -EINVAL;
	if (act && copy_from_user(&new, act, sizeof(new)))
		return -EFAULT;
	if (act && (sig == SIGKILL || sig == SIGSTOP))
		return -EINVAL;
	struct k_sigaction *ka = &current->signal->action[sig - 1];
	if (oact && copy_to_user(oact, ka, sizeof(*ka)))
		return -EFAULT;
	if (act) {
		new.sa_mask &= ~SIG_KERNEL_ONLY_MASK;
		unsigned long flags = local_irq_save();
		*ka = new;
		/* Setting SIG_IGN discards a pending instance (POSIX). */
		if (sig_ignored(current, sig))
			current->signal->pending &= ~sigmask(sig);
		recalc_sigpending(current);
		local_irq_restore(flags);
	}
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
		new &= ~SIG_KERNEL_ONLY_MASK;
		switch (how) {
		case SIG_BLOCK: new = old | new; break;
		case SIG_UNBLOCK: new = old & ~new; break;
		case SIG_SETMASK: break;
		default: return -EINVAL;
		}
	}
	if (oset && copy_to_user(oset, &old, sizeof(old)))
		return -EFAULT;
	if (nset) {
		unsigned long flags = local_irq_save();
		current->blocked = new;
		recalc_sigpending(current);
		local_irq_restore(flags);
	}
	return 0;
}

long sys_rt_sigpending(sigset_t __user *uset, size_t sigsetsize)
{
	sigset_t set = current->signal->pending & current->blocked;

	if (sigsetsize > sizeof(sigset_t))
		return -EINVAL;
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
	unsigned long flags = local_irq_save();
	current->blocked = set & ~SIG_KERNEL_ONLY_MASK;
	recalc_sigpending(current);
	local_irq_restore(flags);
	sleep_until_signal();
	return -ERESTARTNOHAND;
}

long sys_pause(void)
{
	sleep_until_signal();
	return -ERESTARTNOHAND;
}

/* Alternate signal stacks are not supported.  Asking what the current
 * one is gets the truth (none: SS_DISABLE); setting one is refused with
 * ENOSYS, which programs that probe for the feature understand. */
long sys_sigaltstack(const void __user *uss, void __user *uoss)
{
	if (uoss) {
		struct { void __user *sp; int flags; int pad; size_t size; } st =
			{ NULL, 2, 0, 0 };
		if (copy_to_user(uoss, &st, sizeof(st)))
			return -EFAULT;
	}
	return uss ? -ENOSYS : 0;
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
	unsigned long flags = local_irq_save();
	current->saved_sigmask = current->blocked;
	current->restore_sigmask = true;
	current->blocked = kmask & ~SIG_KERNEL_ONLY_MASK;
	recalc_sigpending(current);
	local_irq_restore(flags);
	return 0;
}

void restore_saved_sigmask_unless(bool interrupted)
{
	if (interrupted || !current->restore_sigmask)
		return;
	unsigned long flags = local_irq_save();
	current->restore_sigmask = false;
	current->blocked = current->saved_sigmask;
	recalc_sigpending(current);
	local_irq_restore(flags);
}
