/*
 * pid.h - finding tasks by process id, and walking user processes.
 * Process context (the task list changes only there).
 */
#ifndef KERNEL_PID_H
#define KERNEL_PID_H

#include "kernel/sched.h"

/* The task with this pid, or NULL (zombies included).  The result is
 * valid until the caller sleeps. */
struct task_struct *find_task_by_pid(int pid);

/* Every user process (tasks with a signal_struct), zombies included. */
#define for_each_user_process(p)					\
	list_for_each_entry(p, &init_task.tasks, tasks)			\
		if (!(p)->signal) {} else

#endif
