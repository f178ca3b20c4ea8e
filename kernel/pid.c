/*
 * pid.c - process identifiers and the calls that report them (Linux keeps
 * the calls in kernel/sys.c).  No threads: the thread id is the process id.  The user and group ids are in kernel/sys.c (set*id) and
 * kernel/cred.c.  Process context.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/sched.h"
#include "kernel/pid.h"
#include "kernel/cred.h"

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
	return current->pid;
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
	struct task_struct *p = pid ? find_task_by_pid(pid) : current;

	return p && p->signal ? p->pgid : -ESRCH;
}

long sys_getpgrp(void)
{
	return current->pgid;
}

long sys_setpgid(int pid, int pgid)
{
	struct task_struct *p = pid ? find_task_by_pid(pid) : current;

	if (pgid < 0)
		return -EINVAL;
	if (!p || !p->signal || (p != current && p->parent != current))
		return -ESRCH;
	p->pgid = pgid ? pgid : p->pid;
	return 0;
}

long sys_getsid(int pid)
{
	struct task_struct *p = pid ? find_task_by_pid(pid) : current;

	return p && p->signal ? 1 : -ESRCH;	/* one session: init's */
}

long sys_setsid(void)
{
	if (current->pgid == current->pid)
		return -EPERM;		/* already a group leader */
	current->pgid = current->pid;
	return current->pid;
}

long sys_set_tid_address(int __user *tidptr)
{
	current->clear_child_tid = tidptr;
	return current->pid;
}

long sys_umask(int mask)
{
	int old = current->umask;

	current->umask = mask & 0777;
	return old;
}
