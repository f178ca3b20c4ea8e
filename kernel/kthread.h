/*
 * kthread.h - kernel threads: tasks that run one kernel function and
 * never see user mode.
 *
 *	struct task_struct *t = kthread_run(worker, &data, "worker");
 *	...
 *	int ret = kthread_stop(t);	// worker polls kthread_should_stop()
 *
 * Returning from the function is the thread's do_exit() with the return
 * value as exit code.  A thread stopped before it first ran exits with
 * -EINTR without running its function.
 *
 * Context: process context, except kthread_should_stop() (the thread
 * itself, any context).
 */
#ifndef KERNEL_KTHREAD_H
#define KERNEL_KTHREAD_H

#include "kernel/sched.h"

/* A new thread that will run threadfn(data) once woken; its name is
 * printf-formatted.  Returns an ERR_PTR on failure. */
struct task_struct *kthread_create(int (*threadfn)(void *data), void *data,
				   const char *namefmt, ...) __printf(3, 4);

/* kthread_create() and wake_up_process() in one. */
#define kthread_run(threadfn, data, namefmt, ...)			\
	({								\
		struct task_struct *__k = kthread_create(threadfn, data,\
					namefmt, ##__VA_ARGS__);	\
		if (!IS_ERR(__k))					\
			wake_up_process(__k);				\
		__k;							\
	})

/* Ask k to stop, wake it, wait for it to exit; returns its exit code.
 * As in Linux, k must still exist: either it only exits when told to,
 * or the caller took a reference (get_task_struct) while it surely
 * existed and drops it (put_task_struct) after this returns.  On return
 * k's stack has been freed. */
int kthread_stop(struct task_struct *k);
bool kthread_should_stop(void);

/* do_exit(): tell kthread_stop() the thread is gone. */
void kthread_exit_notify(struct task_struct *tsk);
/* Free what kthread_create() attached to p (from __put_task_struct). */
void free_kthread_struct(struct task_struct *p);

#endif
