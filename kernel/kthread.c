/*
 * kthread.c - see kthread.h.
 *
 * Each kernel thread has a struct kthread hanging off
 * task->worker_private: the stop request and the completion that
 * do_exit() signals.  It lives as long as the task_struct.
 */
#include "kernel/kernel.h"
#include "kernel/kthread.h"
#include "kernel/completion.h"
#include "kernel/mm.h"
#include "kernel/errno.h"

#define KTHREAD_SHOULD_STOP	0x1

struct kthread {
	unsigned long flags;		/* KTHREAD_SHOULD_STOP */
	struct completion exited;	/* completed by do_exit() */
};

static struct kthread *to_kthread(struct task_struct *p)
{
	return p->worker_private;
}

struct task_struct *kthread_create(int (*threadfn)(void *data), void *data,
				   const char *namefmt, ...)
{
	char name[TASK_COMM_LEN];
	va_list ap;

	va_start(ap, namefmt);
	vsnprintf(name, sizeof(name), namefmt, ap);
	va_end(ap);

	struct kthread *kthread = kzalloc(sizeof(*kthread), GFP_KERNEL);
	if (!kthread)
		return ERR_PTR(-ENOMEM);
	init_completion(&kthread->exited);
	struct task_struct *p = copy_process(threadfn, data, name);
	if (IS_ERR(p)) {
		kfree(kthread);
		return p;
	}
	p->worker_private = kthread;
	return p;
}

bool kthread_should_stop(void)
{
	struct kthread *kthread = to_kthread(current);

	return kthread && (READ_ONCE(kthread->flags) & KTHREAD_SHOULD_STOP);
}

int kthread_stop(struct task_struct *k)
{
	struct kthread *kthread = to_kthread(k);

	get_task_struct(k);
	WRITE_ONCE(kthread->flags, kthread->flags | KTHREAD_SHOULD_STOP);
	wake_up_process(k);
	wait_for_completion(&kthread->exited);
	int ret = k->exit_code;
	put_task_struct(k);
	return ret;
}

void kthread_exit_notify(struct task_struct *tsk)
{
	struct kthread *kthread = to_kthread(tsk);

	if (kthread)
		complete_all(&kthread->exited);
}

void free_kthread_struct(struct task_struct *p)
{
	kfree(p->worker_private);
	p->worker_private = NULL;
}
