/*
 * tty_jobctrl.c - sessions and controlling terminals (Linux's
 * drivers/tty/tty_jobctrl.c): which terminal a process has, which of
 * its process groups is in the foreground, and who is told when the
 * terminal or the session goes.
 *
 * A session is the set of processes that descend from one setsid();
 * its id is its leader's tgid (signal->session), inherited at fork.  A
 * session has at most one controlling terminal and a terminal at most
 * one session: the leader acquires one by opening a terminal without
 * O_NOCTTY while it has none (not /dev/console, as Linux), or with
 * TIOCSCTTY; the session's processes inherit it (signal->tty), and
 * /dev/tty opens it.  The terminal's foreground process group
 * (tcsetpgrp, which only the session may set) is the one its Ctrl-C
 * signals.  When the leader exits, the foreground group gets SIGHUP and
 * the terminal is free again; when a pty's master closes, its slave's
 * session loses it and the leader gets SIGHUP and SIGCONT.
 *
 * Not here: job-control stops (SIGTTOU and SIGTTIN for background
 * groups; this kernel has no stopped state) and the hangup of every
 * open file of a terminal whose session leader exits.
 *
 * LOCKING: tasklist_lock (irqsave) guards signal->session, signal->tty
 * and tty->session; tty->pgrp is written under tasklist_lock and
 * tty->lock (the receive side reads it under tty->lock alone).  A
 * reference taken with tty_kref_get is dropped with tty_kref_put after
 * every spinlock is released: a pty pair's last one frees it under
 * pty_mutex.  Context: process context.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/pid.h"
#include "kernel/cred.h"
#include "drivers/tty.h"
#include "kernel/ioctls.h"
#include "arch/x86_64/uaccess.h"

void tty_kref_get(struct tty_struct *tty)
{
	if (tty && tty->ops->get)
		tty->ops->get(tty);
}

void tty_kref_put(struct tty_struct *tty)
{
	if (tty && tty->ops->put)
		tty->ops->put(tty);
}

static bool session_leader(const struct task_struct *p)
{
	return p->signal->session == p->tgid;
}

static void set_tty_pgrp(struct tty_struct *tty, int pgrp)
{
	unsigned long flags;

	spin_lock_irqsave(&tty->lock, flags);
	tty->pgrp = pgrp;
	spin_unlock_irqrestore(&tty->lock, flags);
}

/* tty becomes current's controlling terminal, its group the foreground
 * (Linux's __proc_set_tty).  tasklist_lock held; current has none. */
static void __proc_set_tty(struct tty_struct *tty)
{
	tty->session = current->signal->session;
	set_tty_pgrp(tty, current->pgid);
	tty_kref_get(tty);
	current->signal->tty = tty;
}

void tty_open_proc_set_tty(struct file *f, struct tty_struct *tty)
{
	unsigned long flags;

	if (f->f_flags & O_NOCTTY)
		return;
	spin_lock_irqsave(&tasklist_lock, flags);
	if (session_leader(current) && !current->signal->tty && !tty->session)
		__proc_set_tty(tty);
	spin_unlock_irqrestore(&tasklist_lock, flags);
}

/* Every process of session sid that has tty loses it; the references
 * to put are counted in *refs.  tasklist_lock held. */
static void session_clear_tty_locked(int sid, struct tty_struct *tty, int *refs)
{
	struct task_struct *p;

	for_each_user_process(p) {
		if (thread_group_leader(p) && p->signal->session == sid &&
		    p->signal->tty == tty) {
			p->signal->tty = NULL;
			(*refs)++;
		}
	}
}

static void put_refs(struct tty_struct *tty, int refs)
{
	while (refs-- > 0)
		tty_kref_put(tty);
}

/* --- the ioctls --- */

/* TIOCSCTTY: the caller, a session leader without a terminal, takes
 * this one; one held by another session only with arg 1 and
 * CAP_SYS_ADMIN (it is taken from that session). */
static long tiocsctty(struct tty_struct *tty, struct file *f, unsigned long arg)
{
	unsigned long flags;
	long err = 0;
	int refs = 0;

	spin_lock_irqsave(&tasklist_lock, flags);
	if (session_leader(current) && tty->session == current->signal->session)
		goto out;			/* ours already */
	err = -EPERM;
	if (!session_leader(current) || current->signal->tty)
		goto out;
	if (tty->session) {
		if (arg != 1 || !capable(CAP_SYS_ADMIN))
			goto out;
		session_clear_tty_locked(tty->session, tty, &refs);
	}
	if (!(f->f_mode & FMODE_READ) && !capable(CAP_SYS_ADMIN))
		goto out;
	__proc_set_tty(tty);
	err = 0;
out:
	spin_unlock_irqrestore(&tasklist_lock, flags);
	put_refs(tty, refs);
	return err;
}

/* The foreground group of a terminal losing its session gets SIGHUP
 * (and SIGCONT unless the leader is exiting), and the session loses the
 * terminal (Linux's disassociate_ctty for a pty, used here for every
 * terminal).  Called by the leader; tasklist_lock taken here. */
static void disassociate_ctty(bool on_exit)
{
	unsigned long flags;
	int refs = 0;

	spin_lock_irqsave(&tasklist_lock, flags);
	struct tty_struct *tty = current->signal->tty;
	if (tty) {
		int pgrp = tty->pgrp;
		struct task_struct *p;
		for_each_user_process(p) {
			if (thread_group_leader(p) && p->pgid == pgrp && pgrp &&
			    !p->exit_state) {
				send_sig(SIGHUP, p);
				if (!on_exit)
					send_sig(SIGCONT, p);
			}
		}
		tty->session = 0;
		set_tty_pgrp(tty, 0);
		session_clear_tty_locked(current->signal->session, tty, &refs);
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	put_refs(tty, refs);
}

/* TIOCNOTTY: give the controlling terminal up; a leader gives it up for
 * its whole session. */
static long tiocnotty(struct tty_struct *tty)
{
	unsigned long flags;

	if (READ_ONCE(current->signal->tty) != tty)
		return -ENOTTY;
	if (session_leader(current)) {
		disassociate_ctty(false);
		return 0;
	}
	spin_lock_irqsave(&tasklist_lock, flags);
	bool ours = current->signal->tty == tty;
	if (ours)
		current->signal->tty = NULL;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	if (ours)
		tty_kref_put(tty);
	return 0;
}

/* The session of the process group pgrp (of any process in it), or 0
 * if there is none.  tasklist_lock held. */
static int session_of_pgrp(int pgrp)
{
	struct task_struct *p;

	for_each_user_process(p)
		if (p->pgid == pgrp && !p->exit_state)
			return p->signal->session;
	return 0;
}

/* TIOCSPGRP: only the session the terminal controls sets its
 * foreground group, to one of its own groups. */
static long tiocspgrp(struct tty_struct *real_tty, int __user *p)
{
	unsigned long flags;
	int pgrp;
	long err;

	if (get_user(pgrp, p))
		return -EFAULT;
	spin_lock_irqsave(&tasklist_lock, flags);
	err = -ENOTTY;
	if (current->signal->tty != real_tty ||
	    real_tty->session != current->signal->session)
		goto out;
	err = -EINVAL;
	if (pgrp < 0)
		goto out;
	int sid = session_of_pgrp(pgrp);
	err = !sid ? -ESRCH : sid != current->signal->session ? -EPERM : 0;
	if (!err)
		set_tty_pgrp(real_tty, pgrp);
out:
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return err;
}

long tty_jobctrl_ioctl(struct tty_struct *tty, struct tty_struct *real_tty,
		       struct file *f, unsigned int cmd, unsigned long arg)
{
	int __user *p = (int __user *)arg;
	int v;

	switch (cmd) {
	case TIOCSCTTY:
		return tiocsctty(real_tty, f, arg);
	case TIOCNOTTY:
		return tiocnotty(real_tty);
	case TIOCSPGRP:
		return tiocspgrp(real_tty, p);
	case TIOCGPGRP:
	case TIOCGSID:
		/* From the master side anyone may look; from the terminal
		 * itself only its session. */
		if (tty == real_tty && READ_ONCE(current->signal->tty) != real_tty)
			return -ENOTTY;
		v = cmd == TIOCGPGRP ? READ_ONCE(real_tty->pgrp) :
				       READ_ONCE(real_tty->session);
		if (cmd == TIOCGSID && !v)
			return -ENOTTY;
		return put_user(v, p);
	}
	return -ENOIOCTLCMD;
}

/* --- the terminal or the session going --- */

void tty_signal_session_leader(struct tty_struct *tty)
{
	unsigned long flags;
	struct task_struct *p;
	int refs = 0;

	spin_lock_irqsave(&tasklist_lock, flags);
	int sid = tty->session;
	if (sid) {
		for_each_user_process(p) {
			if (thread_group_leader(p) && p->tgid == sid &&
			    p->signal->session == sid && !p->exit_state) {
				send_sig(SIGHUP, p);
				send_sig(SIGCONT, p);
			}
		}
		session_clear_tty_locked(sid, tty, &refs);
		tty->session = 0;
		set_tty_pgrp(tty, 0);
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	put_refs(tty, refs);
}

/* The last thread of a process is exiting: a session leader's terminal
 * hangs up its foreground group; every process drops its reference. */
void tty_exit_session(void)
{
	unsigned long flags;

	if (session_leader(current))
		disassociate_ctty(true);
	spin_lock_irqsave(&tasklist_lock, flags);
	struct tty_struct *tty = current->signal->tty;
	current->signal->tty = NULL;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	tty_kref_put(tty);
}

/* fork: the child is in the parent's session, with its terminal. */
void tty_fork_session(struct signal_struct *child)
{
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	child->session = current->signal->session;
	child->tty = current->signal->tty;
	tty_kref_get(child->tty);
	spin_unlock_irqrestore(&tasklist_lock, flags);
}

/* setsid (kernel/pid.c), tasklist_lock held: current leads a new
 * session with no terminal; the old one's reference is returned for
 * the caller to put once the lock is dropped. */
struct tty_struct *tty_new_session_locked(void)
{
	struct tty_struct *old = current->signal->tty;

	current->signal->session = current->tgid;
	current->signal->tty = NULL;
	return old;
}
