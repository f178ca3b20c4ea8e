/*
 * pid.h - finding tasks by process id, and walking user processes.
 * Process context (the task list changes only there).
 */
#ifndef KERNEL_PID_H
#define KERNEL_PID_H

#include "kernel/sched.h"

/* The task with this pid (a thread id), or NULL; zombies included.
 * Call with tasklist_lock held: the result is valid until it is
 * dropped. */
struct task_struct *find_task_by_pid(int pid);

/* p's parent as getppid() names it: 0 for init and kernel threads,
 * whose parent is the idle task or no one. */
static inline int task_ppid_nr(const struct task_struct *p)
{
	return p->parent && p->parent != &init_task ? p->parent->tgid : 0;
}

/* Every user task (with a signal_struct): every thread of every
 * process, zombies included.  tasklist_lock held: with SMP, preemption
 * off keeps no other CPU from changing the list. */
#define for_each_user_process(p)					\
	list_for_each_entry(p, &init_task.tasks, tasks)			\
		if (!(p)->signal) {} else

#endif
