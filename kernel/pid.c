/*
 * pid.c - process and thread identifiers and the calls that report them
 * (Linux keeps the calls in kernel/sys.c).  Every task has its own pid
 * (the thread id); a process is known by its leader's, the tgid.  The
 * user and group ids are in kernel/sys.c (set*id) and kernel/cred.c.
 *
 * LOCKING: tasklist_lock for looking tasks up and for the process group
 * every thread of a process carries.  Process context.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/sched.h"
#include "kernel/pid.h"
#include "kernel/cred.h"
#include "fs/fs.h"
#include "drivers/tty.h"

struct task_struct *find_task_by_pid(int pid)
{
	struct task_struct *p;

	lockdep_assert_held(&tasklist_lock);
	list_for_each_entry(p, &init_task.tasks, tasks)
		if (p->pid == pid)
			return p;
	return NULL;
}

long sys_getpid(void)
{
	return current->tgid;
}

long sys_gettid(void)
{
	return current->pid;
}

long sys_getppid(void)
{
	return task_ppid_nr(current);
}

long sys_getuid(void) { return current_cred()->uid; }
long sys_geteuid(void) { return current_cred()->euid; }
long sys_getgid(void) { return current_cred()->gid; }
long sys_getegid(void) { return current_cred()->egid; }

long sys_getpgid(int pid)
{
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	struct task_struct *p = pid ? find_task_by_pid(pid) : current;
	long ret = p && p->signal ? p->pgid : -ESRCH;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return ret;
}

long sys_getpgrp(void)
{
	return current->pgid;
}

/* Move p's whole process to group pgid (tasklist_lock held). */
static void set_task_pgrp(struct task_struct *p, int pgid)
{
	struct task_struct *t;

	for_each_thread(p, t)
		t->pgid = pgid;
}

/* Whether some process is in group pgrp of session sid.  tasklist_lock
 * held. */
static bool pgrp_in_session(int pgrp, int sid)
{
	struct task_struct *p;

	for_each_user_process(p)
		if (p->pgid == pgrp && p->signal->session == sid && !p->exit_state)
			return true;
	return false;
}

/*
 * Linux's order of checks: the target is us or a child (ESRCH), a child
 * in our session (EPERM); a session leader cannot move (EPERM), and the
 * group joined must be the target's own or one of our session's (EPERM).
 */
long sys_setpgid(int pid, int pgid)
{
	unsigned long flags;
	long ret = 0;

	if (pgid < 0)
		return -EINVAL;
	spin_lock_irqsave(&tasklist_lock, flags);
	struct task_struct *p = pid ? find_task_by_pid(pid) : current;
	if (p)
		p = p->group_leader;
	if (!p || !p->signal ||
	    (!same_thread_group(p, current) &&
	     !(p->parent && same_thread_group(p->parent, current))))
		ret = -ESRCH;
	else if (p->signal->session != current->signal->session)
		ret = -EPERM;
	else if (p->signal->session == p->tgid)
		ret = -EPERM;
	else if (pgid && pgid != p->tgid &&
		 !pgrp_in_session(pgid, current->signal->session))
		ret = -EPERM;
	else
		set_task_pgrp(p, pgid ? pgid : p->tgid);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return ret;
}

long sys_getsid(int pid)
{
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	struct task_struct *p = pid ? find_task_by_pid(pid) : current;
	long ret = p && p->signal ? p->signal->session : -ESRCH;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return ret;
}

/* A new session and group, led by the caller, with no controlling
 * terminal; EPERM for a group leader, or if a group already has our
 * number. */
long sys_setsid(void)
{
	struct tty_struct *old = NULL;
	unsigned long flags;
	struct task_struct *p;
	long ret = current->tgid;

	spin_lock_irqsave(&tasklist_lock, flags);
	for_each_user_process(p)
		if (p->pgid == current->tgid && !p->exit_state)
			ret = -EPERM;
	if (ret > 0) {
		set_task_pgrp(current, current->tgid);
		old = tty_new_session_locked();
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	tty_kref_put(old);
	return ret;
}

long sys_set_tid_address(int __user *tidptr)
{
	current->clear_child_tid = tidptr;
	return current->pid;
}

long sys_umask(int mask)
{
	/* The fs_struct's: threads sharing it (CLONE_FS) share the mask.
	 * One word, so an exchange keeps racing sharers consistent. */
	return __atomic_exchange_n(&current->fs->umask, mask & 0777,
				   __ATOMIC_RELAXED);
}
