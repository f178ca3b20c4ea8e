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
 * LOCKING: init_task.tasks (the list of all tasks), last_pid and the
 * task counts are changed with interrupts off.
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
#include "kernel/completion.h"
#include "kernel/signal.h"
#include "kernel/cred.h"
#include "kernel/resource.h"
#include "fs/fs.h"
#include "arch/x86_64/uaccess.h"
#include "arch/x86_64/mmu_context.h"

static struct kmem_cache *task_struct_cachep;
int last_pid;			/* 0 is the idle task's */
int nr_threads;
unsigned long total_forks;

#define MIN_THREADS	20

int get_max_threads(void)
{
	static int max_threads;

	if (!max_threads)
		max_threads = MAX(totalram_pages() * PAGE_SIZE / (THREAD_SIZE * 8),
				  (unsigned long)MIN_THREADS);
	return max_threads;
}

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
	INIT_LIST_HEAD(&p->children);
	INIT_LIST_HEAD(&p->sibling);
	init_waitqueue_head(&p->wait_chldexit);
	copy_thread(p, fn, arg);
	/* Shared with the parent until one of them changes ids. */
	p->cred = get_cred(current->cred ? current->cred : &init_cred);
	p->start_time = ktime_get_ns();

	unsigned long flags = local_irq_save();
	p->pid = ++last_pid;
	list_add_tail(&p->tasks, &init_task.tasks);
	nr_threads++;
	total_forks++;
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
	nr_threads--;
	local_irq_restore(flags);
	put_task_stack(p);
	free_kthread_struct(p);
	put_cred(p->cred);
	kmem_cache_free(task_cache(), p);
}

/* --- user processes: fork, vfork, clone --- */

/* clone() flags (Linux's values) */
#define CSIGNAL			0x000000ff
#define CLONE_VM		0x00000100
#define CLONE_FS		0x00000200
#define CLONE_FILES		0x00000400
#define CLONE_SIGHAND		0x00000800
#define CLONE_PIDFD		0x00001000
#define CLONE_PTRACE		0x00002000
#define CLONE_VFORK		0x00004000
#define CLONE_PARENT		0x00008000
#define CLONE_THREAD		0x00010000
#define CLONE_NEWNS		0x00020000
#define CLONE_SYSVSEM		0x00040000
#define CLONE_SETTLS		0x00080000
#define CLONE_PARENT_SETTID	0x00100000
#define CLONE_CHILD_CLEARTID	0x00200000
#define CLONE_DETACHED		0x00400000
#define CLONE_UNTRACED		0x00800000
#define CLONE_CHILD_SETTID	0x01000000
/* What we can do: an address space shared or copied, a child that
 * reports to its parent, TLS and tid bookkeeping. */
#define CLONE_SUPPORTED	(CSIGNAL | CLONE_VM | CLONE_FS | CLONE_VFORK | \
			 CLONE_SETTLS | CLONE_PARENT_SETTID | \
			 CLONE_CHILD_CLEARTID | CLONE_CHILD_SETTID | \
			 CLONE_DETACHED | CLONE_UNTRACED)

struct kernel_clone_args {
	unsigned long flags;
	unsigned long stack;		/* child's rsp, 0: the parent's */
	int __user *parent_tid;
	int __user *child_tid;
	unsigned long tls;
};

/* The user half of a new process: address space, files, signals. */
static int copy_user_state(struct task_struct *p, unsigned long flags)
{
	struct task_struct *parent = current;

	if (flags & CLONE_VM) {
		mmget(parent->mm);
		p->mm = parent->mm;
	} else if (!(p->mm = dup_mm(parent->mm))) {
		return -ENOMEM;
	}
	p->files = dup_fd(parent->files);
	p->signal = signal_dup(parent->signal);
	if (flags & CLONE_FS) {
		p->fs = parent->fs;
		p->fs->users++;
	} else {
		p->fs = copy_fs_struct(parent->fs);
	}
	if (!p->files || !p->signal || !p->fs)
		return -ENOMEM;
	p->blocked = parent->blocked;
	p->umask = parent->umask;
	p->pgid = parent->pgid;
	p->exit_signal = flags & CSIGNAL;
	strlcpy(p->comm, parent->comm, sizeof(p->comm));
	return 0;
}

/* Undo copy_user_state() for a child that never ran. */
static void free_user_state(struct task_struct *p)
{
	if (p->mm)
		mmput(p->mm);
	if (p->files)
		put_files_struct(p->files);
	if (p->signal)
		signal_free(p->signal);
	exit_fs_struct(p->fs);
	p->fs = NULL;
	p->mm = NULL;
	p->files = NULL;
	p->signal = NULL;
}

/* The processes of user uid that exist, zombies included (Linux keeps a
 * count per user; the task list is short enough to count on a fork). */
static unsigned long nr_processes_of(uid_t uid)
{
	struct task_struct *p;
	unsigned long n = 0;
	unsigned long flags = local_irq_save();

	list_for_each_entry(p, &init_task.tasks, tasks)
		n += p->signal && p->cred && p->cred->uid == uid;
	local_irq_restore(flags);
	return n;
}

/*
 * Whether one more process may be made: a fork flood ends in EAGAIN,
 * as Linux's copy_process says it, at RLIMIT_NPROC (the processes of
 * the caller's real user; root, and CAP_SYS_RESOURCE, are exempt) and,
 * for everyone, at threads-max.
 */
static int fork_limits(void)
{
	const struct cred *cred = current->cred;

	if (nr_processes_of(cred->uid) >= rlimit(RLIMIT_NPROC) &&
	    cred->uid != 0 && !capable(CAP_SYS_RESOURCE) &&
	    !capable(CAP_SYS_ADMIN))
		return -EAGAIN;
	if (READ_ONCE(nr_threads) >= get_max_threads())
		return -EAGAIN;
	return 0;
}

static long kernel_clone(struct kernel_clone_args *args)
{
	unsigned long flags = args->flags;
	struct completion vfork;

	if (flags & ~CLONE_SUPPORTED) {
		/* Threads (CLONE_THREAD, CLONE_SIGHAND) and namespaces do
		 * not exist here: refuse plainly, do not half-work. */
		static bool told;
		if (!told) {
			told = true;
			pr_warn("clone: flags %#lx not supported (no threads yet)\n",
				flags & ~CLONE_SUPPORTED);
		}
		return -EINVAL;
	}
	int limit = fork_limits();
	if (limit)
		return limit;
	struct task_struct *p = copy_process(NULL, NULL, current->comm);
	if (IS_ERR(p))
		return PTR_ERR(p);
	int err = copy_user_state(p, flags);
	if (err) {
		free_user_state(p);
		p->state = TASK_DEAD;
		put_task_struct(p);
		return err;
	}
	copy_thread_user(p, task_pt_regs(current), args->stack);
	if (flags & CLONE_SETTLS)
		p->thread.fsbase = args->tls;
	if (flags & CLONE_CHILD_CLEARTID)
		p->clear_child_tid = args->child_tid;
	if ((flags & CLONE_PARENT_SETTID) && put_user(p->pid, args->parent_tid))
		pr_debug("clone: bad parent_tid pointer ignored\n");
	if (flags & CLONE_VFORK) {
		init_completion(&vfork);
		p->vfork_done = &vfork;
	}

	/* The parent keeps a reference until it reaps the child (wait4). */
	get_task_struct(p);
	p->parent = current;
	list_add_tail(&p->sibling, &current->children);
	int pid = p->pid;
	if (flags & CLONE_CHILD_SETTID) {
		/* Written into the child's memory: with a copied mm the
		 * address is the same, the page is the child's. */
		struct mm_struct *mine = current->mm;
		if (p->mm != mine) {
			switch_mm(p->mm);
			put_user(pid, args->child_tid);
			switch_mm(mine);
		} else {
			put_user(pid, args->child_tid);
		}
	}
	wake_up_process(p);
	if (flags & CLONE_VFORK)
		wait_for_completion(&vfork);	/* until it execs or exits */
	return pid;
}

long sys_fork(void)
{
	struct kernel_clone_args args = { .flags = SIGCHLD };
	return kernel_clone(&args);
}

long sys_vfork(void)
{
	struct kernel_clone_args args = {
		.flags = CLONE_VFORK | CLONE_VM | SIGCHLD,
	};
	return kernel_clone(&args);
}

/* x86-64 argument order: flags, newsp, parent_tid, child_tid, tls. */
long sys_clone(unsigned long flags, unsigned long newsp,
	       int __user *parent_tid, int __user *child_tid, unsigned long tls)
{
	struct kernel_clone_args args = {
		.flags = flags, .stack = newsp, .parent_tid = parent_tid,
		.child_tid = child_tid, .tls = tls,
	};
	return kernel_clone(&args);
}

/*
 * The first user process: a task whose kernel function (kernel_init)
 * ends by exec'ing a program; ret_from_fork then takes it to user mode.
 * It starts with empty files and default signals; its parent is the idle
 * task, which never waits: init is reaped by nobody.
 */
struct task_struct *user_mode_thread(int (*fn)(void *), void *arg,
				     const char *name)
{
	struct task_struct *p = copy_process(fn, arg, name);

	if (IS_ERR(p))
		return p;
	p->files = files_alloc();
	p->signal = signal_alloc();
	p->fs = init_fs_struct();
	if (!p->files || !p->signal || !p->fs) {
		free_user_state(p);
		p->state = TASK_DEAD;
		put_task_struct(p);
		return ERR_PTR(-ENOMEM);
	}
	p->pgid = p->pid;
	p->umask = 022;
	p->exit_signal = SIGCHLD;
	p->parent = &init_task;
	return p;
}
