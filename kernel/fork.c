/*
 * fork.c - making tasks and freeing them.
 *
 * A task is two allocations: its task_struct (from a slab cache) and its
 * kernel stack (THREAD_SIZE from the page allocator).  They die at
 * different times.  The stack is freed by the task that runs next after
 * the owner's final schedule() (finish_task_switch), since no code can
 * free the stack it stands on.  The task_struct lives while anyone holds
 * a reference: the task holds one on itself until that same moment, and
 * whoever wants to look at a task after it may have exited (kthread_stop,
 * a parent's wait() later) takes one with get_task_struct().
 *
 * LOCKING: init_task.tasks (the list of all tasks) and next_pid are
 * changed with interrupts off.
 *
 * Context: process context, except __put_task_struct() and
 * put_task_stack(), which may run with interrupts off (from
 * finish_task_switch).
 */
#include "kernel/kernel.h"
#include "kernel/sched.h"
#include "kernel/mm.h"
#include "kernel/errno.h"
#include "kernel/kthread.h"

static struct kmem_cache *task_struct_cachep;
static int next_pid = 1;	/* 0 is the idle task */

static struct kmem_cache *task_cache(void)
{
	if (!task_struct_cachep)
		task_struct_cachep = kmem_cache_create("task_struct",
			sizeof(struct task_struct), 16, 0, NULL);
	return task_struct_cachep;
}

/*
 * A new task, not yet runnable (TASK_UNINTERRUPTIBLE, as Linux leaves a
 * fresh kthread): the first wake_up_process() lets it run fn(arg).
 * Returns an ERR_PTR on failure.
 */
struct task_struct *copy_process(int (*fn)(void *), void *arg,
				 const char *name)
{
	struct task_struct *p = kmem_cache_zalloc(task_cache(), GFP_KERNEL);
	if (!p)
		return ERR_PTR(-ENOMEM);
	struct page *stack = alloc_pages(GFP_KERNEL, THREAD_SIZE_ORDER);
	if (!stack)
		goto bad;
	p->stack = page_address(stack);
	p->state = TASK_UNINTERRUPTIBLE;
	p->usage = 1;
	p->time_slice = RR_TIMESLICE;
	strlcpy(p->comm, name, sizeof(p->comm));
	INIT_LIST_HEAD(&p->run_list);
	copy_thread(p, fn, arg);

	unsigned long flags = local_irq_save();
	p->pid = next_pid++;
	list_add_tail(&p->tasks, &init_task.tasks);
	local_irq_restore(flags);
	return p;
bad:
	kmem_cache_free(task_cache(), p);
	return ERR_PTR(-ENOMEM);
}

void put_task_stack(struct task_struct *p)
{
	if (!p->stack)
		return;
	__free_pages(virt_to_page(p->stack), THREAD_SIZE_ORDER);
	p->stack = NULL;
}

/* The last reference is gone: the task is off every list but tasks. */
void __put_task_struct(struct task_struct *p)
{
	BUG_ON(p == current || p->on_rq);
	unsigned long flags = local_irq_save();
	list_del_init(&p->tasks);
	local_irq_restore(flags);
	put_task_stack(p);
	free_kthread_struct(p);
	kmem_cache_free(task_cache(), p);
}
