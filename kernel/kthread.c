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
	int (*threadfn)(void *data);	/* what the thread runs... */
	void *data;			/* ...and its argument */
};

static struct kthread *to_kthread(struct task_struct *p)
{
	return p->worker_private;
}

/* Every kernel thread starts here (from ret_from_fork).  One stopped
 * before it ever ran does not run its function at all. */
static int kthread(void *_self)
{
	struct kthread *self = _self;

	if (READ_ONCE(self->flags) & KTHREAD_SHOULD_STOP)
		do_exit(-EINTR);
	do_exit(self->threadfn(self->data));
}

struct task_struct *kthread_create(int (*threadfn)(void *data), void *data,
				   const char *namefmt, ...)
{
	char name[TASK_COMM_LEN];
	va_list ap;

	va_start(ap, namefmt);
	vsnprintf(name, sizeof(name), namefmt, ap);
	va_end(ap);

	struct kthread *self = kzalloc(sizeof(*self), GFP_KERNEL);
	if (!self)
		return ERR_PTR(-ENOMEM);
	init_completion(&self->exited);
	self->threadfn = threadfn;
	self->data = data;
	/* Not runnable until woken, so worker_private is set in time. */
	struct task_struct *p = copy_process(kthread, self, name);
	if (IS_ERR(p)) {
		kfree(self);
		return p;
	}
	p->worker_private = self;
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
