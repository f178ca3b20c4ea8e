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

struct task_struct *find_task_by_pid(int pid)
{
	struct task_struct *p;

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
	long ret = p && p->signal ? 1 : -ESRCH;	/* one session: init's */
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return ret;
}

long sys_setsid(void)
{
	unsigned long flags;
	long ret;

	spin_lock_irqsave(&tasklist_lock, flags);
	if (current->pgid == current->tgid) {
		ret = -EPERM;		/* already a group leader */
	} else {
		set_task_pgrp(current, current->tgid);
		ret = current->tgid;
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
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
