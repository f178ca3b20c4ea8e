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
 * LOCKING: tasklist_lock (irqsave: the tick and the tty walk the list
 * to send signals) guards init_task.tasks (the list of all tasks),
 * last_pid, the task counts, and the family links of every task: parent,
 * children, sibling, and the thread groups (sched.h says the rest).
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
#include "drivers/tty.h"

static struct kmem_cache *task_struct_cachep;
DEFINE_SPINLOCK(tasklist_lock);
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
	spin_lock_init(&p->alloc_lock);
	p->group_leader = p;
	spin_lock_init(&p->pi_lock);
	/* Where the parent may run, except that the idle tasks' children
	 * (init, kernel threads) may run anywhere; it starts on the
	 * parent's CPU's queue, or wherever the first wake-up finds room. */
	p->cpus_mask = is_idle_task(current) ? ~0UL : current->cpus_mask;
	p->cpu = task_cpu(current);
	p->static_prio = DEFAULT_PRIO;	/* a user child takes the parent's */
	p->timer_slack_ns = p->default_timer_slack_ns = 50000;	/* 50 us */
	strlcpy(p->comm, name, sizeof(p->comm));
	INIT_LIST_HEAD(&p->run_list);
	INIT_LIST_HEAD(&p->children);
	INIT_LIST_HEAD(&p->sibling);
	INIT_LIST_HEAD(&p->thread_node);
	init_sigpending(&p->pending);
	copy_thread(p, fn, arg);
	/* Shared with the parent until one of them changes ids. */
	p->cred = get_cred(current->cred ? current->cred : &init_cred);
	p->start_time = ktime_get_ns();

	unsigned long flags;
	spin_lock_irqsave(&tasklist_lock, flags);
	p->pid = p->tgid = ++last_pid;
	list_add_tail(&p->tasks, &init_task.tasks);
	nr_threads++;
	total_forks++;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return p;
bad:
	kmem_cache_free(task_cache(), p);
	return ERR_PTR(-ENOMEM);
}

/*
 * The idle task of another CPU (Linux's fork_idle): like the boot
 * thread, pid 0 and on no list, so ps and the pid count never see it.
 * It starts life as the CPU itself starts, on this stack
 * (secondary_startup_64), not through ret_from_fork.  Boot.
 */
struct task_struct *fork_idle(int cpu)
{
	struct task_struct *p = kmem_cache_zalloc(task_cache(), GFP_KERNEL);
	if (!p)
		return ERR_PTR(-ENOMEM);
	struct page *stack = alloc_pages(GFP_KERNEL, THREAD_SIZE_ORDER);
	if (!stack) {
		kmem_cache_free(task_cache(), p);
		return ERR_PTR(-ENOMEM);
	}
	p->stack = page_address(stack);
	p->state = TASK_RUNNING;
	p->usage = 1;
	spin_lock_init(&p->alloc_lock);
	p->group_leader = p;
	p->static_prio = DEFAULT_PRIO;
	snprintf(p->comm, sizeof(p->comm), "swapper/%d", cpu);
	spin_lock_init(&p->pi_lock);
	p->cpu = cpu;
	p->cpus_mask = 1UL << cpu;
	INIT_LIST_HEAD(&p->run_list);
	INIT_LIST_HEAD(&p->children);
	INIT_LIST_HEAD(&p->sibling);
	INIT_LIST_HEAD(&p->thread_node);
	INIT_LIST_HEAD(&p->tasks);
	init_sigpending(&p->pending);
	p->cred = get_cred(&init_cred);
	p->thread.sp0 = (unsigned long)p->stack + THREAD_SIZE;
	p->start_time = ktime_get_ns();
	return p;
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
	unsigned long flags;
	spin_lock_irqsave(&tasklist_lock, flags);
	list_del_init(&p->tasks);
	nr_threads--;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	put_task_stack(p);
	free_kthread_struct(p);
	put_cred(p->cred);
	kmem_cache_free(task_cache(), p);
}


/* --- user processes: fork, vfork, clone, clone3 --- */

/* clone() flags (Linux's values) */
#define CSIGNAL			0x000000ff
#define CLONE_NEWTIME		0x00000080	/* clone3 only: shares CSIGNAL's bits */
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
#define CLONE_NEWCGROUP		0x02000000
#define CLONE_NEWUTS		0x04000000
#define CLONE_NEWIPC		0x08000000
#define CLONE_NEWUSER		0x10000000
#define CLONE_NEWPID		0x20000000
#define CLONE_NEWNET		0x40000000
#define CLONE_IO		0x80000000
#define CLONE_CLEAR_SIGHAND	0x100000000ULL	/* clone3 only */
#define CLONE_INTO_CGROUP	0x200000000ULL	/* clone3 only */
/* Namespaces, pidfds and cgroups do not exist here: asking for one is
 * refused (EINVAL, said once), not half-done.  CLONE_SYSVSEM (there are
 * no SysV semaphores to share undo lists of), CLONE_IO, CLONE_PTRACE and
 * CLONE_UNTRACED (no ptrace) and CLONE_DETACHED change nothing. */
#define CLONE_UNSUPPORTED	(CLONE_NEWTIME | CLONE_PIDFD | CLONE_NEWNS | \
				 CLONE_NEWCGROUP | CLONE_NEWUTS | CLONE_NEWIPC | \
				 CLONE_NEWUSER | CLONE_NEWPID | CLONE_NEWNET | \
				 CLONE_INTO_CGROUP)

struct kernel_clone_args {
	u64 flags;			/* CLONE_*, without CSIGNAL */
	int exit_signal;		/* told to the parent at exit */
	unsigned long stack;		/* child's rsp, 0: the parent's */
	int __user *parent_tid;
	int __user *child_tid;
	unsigned long tls;
};

/* Linux's checks of copy_process(), in its order. */
static long clone_flags_check(u64 flags)
{
	if ((flags & (CLONE_NEWNS | CLONE_FS)) == (CLONE_NEWNS | CLONE_FS) ||
	    (flags & (CLONE_NEWUSER | CLONE_FS)) == (CLONE_NEWUSER | CLONE_FS))
		return -EINVAL;
	/* Threads share handlers, and handlers live in one address space. */
	if ((flags & CLONE_THREAD) && !(flags & CLONE_SIGHAND))
		return -EINVAL;
	if ((flags & CLONE_SIGHAND) && !(flags & CLONE_VM))
		return -EINVAL;
	/* init's siblings would have no one to reap them. */
	if ((flags & CLONE_PARENT) && current->tgid == 1)
		return -EINVAL;
	if ((flags & CLONE_THREAD) && (flags & (CLONE_NEWUSER | CLONE_NEWPID)))
		return -EINVAL;
	if ((flags & CLONE_PIDFD) && (flags & CLONE_DETACHED))
		return -EINVAL;
	if (flags & CLONE_UNSUPPORTED) {
		static bool told;
		if (!told) {
			told = true;
			pr_warn("clone: flags %#llx (namespaces, pidfds, cgroups) "
				"not supported: -EINVAL\n",
				(unsigned long long)(flags & CLONE_UNSUPPORTED));
		}
		return -EINVAL;
	}
	return 0;
}

static struct fs_struct *share_fs(struct fs_struct *fs)
{
	__atomic_add_fetch(&fs->users, 1, __ATOMIC_RELAXED);
	return fs;
}

/* The user half of a new task: each of address space, descriptors, cwd
 * and handlers shared (a reference) or copied, as the flags say; the
 * process (signal_struct) joined for a thread, new otherwise. */
static int copy_user_state(struct task_struct *p, u64 flags)
{
	struct task_struct *parent = current;

	if (flags & CLONE_VM) {
		mmget(parent->mm);
		p->mm = parent->mm;
	} else if (!(p->mm = dup_mm(parent->mm))) {
		return -ENOMEM;
	}
	p->files = flags & CLONE_FILES ? get_files_struct(parent->files) :
					 dup_fd(parent->files);
	p->fs = flags & CLONE_FS ? share_fs(parent->fs) :
				   copy_fs_struct(parent->fs);
	if (flags & CLONE_SIGHAND) {
		__atomic_add_fetch(&parent->sighand->count, 1, __ATOMIC_RELAXED);
		p->sighand = parent->sighand;
	} else {
		p->sighand = sighand_dup(parent->sighand);
		if (p->sighand && (flags & CLONE_CLEAR_SIGHAND))
			flush_signal_handlers(p->sighand);
	}
	if (flags & CLONE_THREAD) {
		__atomic_add_fetch(&parent->signal->sigcnt, 1, __ATOMIC_RELAXED);
		p->signal = parent->signal;
	} else {
		p->signal = signal_alloc();
		if (p->signal) {	/* the limits are the process's */
			memcpy(p->signal->rlim, parent->signal->rlim,
			       sizeof(p->signal->rlim));
			tty_fork_session(p->signal);
		}
	}
	if (!p->files || !p->fs || !p->sighand || !p->signal)
		return -ENOMEM;
	p->blocked = parent->blocked;
	/* An alternate stack is per thread: a new thread in the same memory
	 * must not land its handlers on the parent's (vfork's child runs
	 * while the parent waits, so it may keep it). */
	if ((flags & (CLONE_VM | CLONE_VFORK)) == CLONE_VM)
		sas_ss_reset(p);
	else {
		p->sas_ss_sp = parent->sas_ss_sp;
		p->sas_ss_size = parent->sas_ss_size;
		p->sas_ss_flags = parent->sas_ss_flags;
	}
	p->static_prio = parent->static_prio;
	p->policy = parent->policy;
	p->rt_priority = parent->rt_priority;
	p->timer_slack_ns = parent->timer_slack_ns;
	p->default_timer_slack_ns = parent->timer_slack_ns;
	p->no_new_privs = parent->no_new_privs;
	if (parent->sched_reset_on_fork) {	/* Linux's sched_fork */
		p->policy = SCHED_NORMAL;
		p->rt_priority = 0;
		if (p->static_prio < DEFAULT_PRIO)
			p->static_prio = DEFAULT_PRIO;
	}
	p->pdeath_signal = 0;		/* not inherited (Linux) */
	p->pgid = parent->pgid;
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
	if (p->sighand)
		__cleanup_sighand(p->sighand);
	if (p->signal)
		put_signal_struct(p->signal);
	exit_fs_struct(p->fs);
	p->fs = NULL;
	p->mm = NULL;
	p->files = NULL;
	p->sighand = NULL;
	p->signal = NULL;
}

/* The processes of user uid that exist, zombies included (Linux keeps a
 * count per user; the task list is short enough to count on a fork). */
static unsigned long nr_processes_of(uid_t uid)
{
	struct task_struct *p;
	unsigned long n = 0, flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry(p, &init_task.tasks, tasks)
		n += p->signal && p->cred && p->cred->uid == uid;
	spin_unlock_irqrestore(&tasklist_lock, flags);
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

/* A child that failed before it ever ran goes away. */
static void abandon_child(struct task_struct *p)
{
	free_user_state(p);
	p->state = TASK_DEAD;
	put_task_struct(p);
}

/*
 * Make p part of the family: a thread joins current's group, a process
 * becomes a child (of current, or of current's parent for CLONE_PARENT)
 * with a group of its own.  Refused if current's group is exiting, so no
 * thread is born into a dying process (-ERESTARTNOINTR: the caller dies
 * on its way out anyway, as in Linux).
 */
static long attach_child(struct task_struct *p, u64 flags, int exit_signal)
{
	struct task_struct *me = current;
	unsigned long irqflags;

	spin_lock_irqsave(&tasklist_lock, irqflags);
	spin_lock(&me->sighand->siglock);
	if (signal_group_exit(me->signal) || fatal_signal_pending(me)) {
		spin_unlock(&me->sighand->siglock);
		spin_unlock_irqrestore(&tasklist_lock, irqflags);
		return -ERESTARTNOINTR;
	}
	/* Whoever reaps p drops this reference (release_task): the parent
	 * in wait4, or p itself for a thread or an auto-reaped child. */
	get_task_struct(p);
	if (flags & (CLONE_PARENT | CLONE_THREAD)) {
		p->parent = me->parent;
		p->exit_signal = flags & CLONE_THREAD ? -1 :
				 me->group_leader->exit_signal;
	} else {
		p->parent = me;
		p->exit_signal = exit_signal;
	}
	if (flags & CLONE_THREAD) {
		p->tgid = me->tgid;
		p->group_leader = me->group_leader;
		p->signal->nr_threads++;
		p->signal->live++;
	} else {
		p->signal->nr_threads = 1;
		list_add_tail(&p->sibling, &p->parent->children);
	}
	list_add_tail(&p->thread_node, &p->signal->thread_head);
	spin_unlock(&me->sighand->siglock);
	spin_unlock_irqrestore(&tasklist_lock, irqflags);
	return 0;
}

static long kernel_clone(struct kernel_clone_args *args)
{
	u64 flags = args->flags;
	struct completion vfork;
	long err = clone_flags_check(flags);

	if (err)
		return err;
	err = fork_limits();
	if (err)
		return err;
	struct task_struct *p = copy_process(NULL, NULL, current->comm);
	if (IS_ERR(p))
		return PTR_ERR(p);
	err = copy_user_state(p, flags);
	if (err) {
		abandon_child(p);
		return err;
	}
	copy_thread_user(p, task_pt_regs(current), args->stack);
	if (flags & CLONE_SETTLS)
		p->thread.fsbase = args->tls;
	/* The child writes its own tid there, first thing (schedule_tail):
	 * the address is in its memory, which for a fork is a copy. */
	if (flags & CLONE_CHILD_SETTID)
		p->set_child_tid = args->child_tid;
	if (flags & CLONE_CHILD_CLEARTID)
		p->clear_child_tid = args->child_tid;
	if (flags & CLONE_VFORK) {
		init_completion(&vfork);
		p->vfork_done = &vfork;
	}
	err = attach_child(p, flags, args->exit_signal);
	if (err) {
		abandon_child(p);
		return err;
	}
	int pid = p->pid;
	/* In our memory, before the child runs (a fault is ignored, as in
	 * Linux). */
	if ((flags & CLONE_PARENT_SETTID) && put_user(pid, args->parent_tid))
		pr_debug("clone: bad parent_tid pointer ignored\n");
	wake_up_process(p);
	if (flags & CLONE_VFORK)
		wait_for_completion(&vfork);	/* until it execs or exits */
	return pid;
}

long sys_fork(void)
{
	struct kernel_clone_args args = { .exit_signal = SIGCHLD };
	return kernel_clone(&args);
}

long sys_vfork(void)
{
	struct kernel_clone_args args = {
		.flags = CLONE_VFORK | CLONE_VM, .exit_signal = SIGCHLD,
	};
	return kernel_clone(&args);
}

/* x86-64 argument order: flags, newsp, parent_tid, child_tid, tls.  The
 * low byte of flags is the exit signal. */
long sys_clone(unsigned long flags, unsigned long newsp,
	       int __user *parent_tid, int __user *child_tid, unsigned long tls)
{
	struct kernel_clone_args args = {
		.flags = (u32)flags & ~CSIGNAL, .exit_signal = flags & CSIGNAL,
		.stack = newsp, .parent_tid = parent_tid,
		.child_tid = child_tid, .tls = tls,
	};

	/* CLONE_PIDFD would write the pidfd where parent_tid points. */
	if ((flags & CLONE_PIDFD) && (flags & CLONE_PARENT_SETTID))
		return -EINVAL;
	return kernel_clone(&args);
}

/* clone3's argument (struct clone_args, every field 64 bits). */
struct clone_args {
	u64 flags, pidfd, child_tid, parent_tid, exit_signal;
	u64 stack, stack_size, tls, set_tid, set_tid_size, cgroup;
};
#define CLONE_ARGS_SIZE_VER0	64	/* up to tls */

/*
 * clone3(2): the same, with a structure that may grow.  A caller built
 * against a newer kernel may pass a longer one, which is fine as long as
 * the fields we do not know are zero (E2BIG otherwise), as Linux's
 * copy_struct_from_user says.
 */
long sys_clone3(struct clone_args __user *uargs, size_t size)
{
	struct clone_args a = { 0 };

	if (size > PAGE_SIZE)
		return -E2BIG;
	if (size < CLONE_ARGS_SIZE_VER0)
		return -EINVAL;
	if (copy_from_user(&a, uargs, MIN(size, sizeof(a))))
		return -EFAULT;
	for (size_t off = sizeof(a); off < size; off++) {
		u8 b;
		if (get_user(b, (u8 __user *)uargs + off))
			return -EFAULT;
		if (b)
			return -E2BIG;
	}
	if ((a.exit_signal & ~(u64)CSIGNAL) || a.exit_signal > _NSIG)
		return -EINVAL;
	if (a.set_tid_size > 32 || (!a.set_tid && a.set_tid_size) ||
	    (a.set_tid && !a.set_tid_size))
		return -EINVAL;
	if ((a.flags >> 32) & ~((CLONE_CLEAR_SIGHAND | CLONE_INTO_CGROUP) >> 32))
		return -EINVAL;
	if ((a.flags & (CLONE_SIGHAND | CLONE_CLEAR_SIGHAND)) ==
	    (CLONE_SIGHAND | CLONE_CLEAR_SIGHAND))
		return -EINVAL;
	if ((a.flags & (CLONE_THREAD | CLONE_PARENT)) && a.exit_signal)
		return -EINVAL;
	if (a.flags & (CSIGNAL & ~CLONE_NEWTIME))
		return -EINVAL;
	/* The stack is given as its lowest address and size. */
	if (a.stack ? !a.stack_size || a.stack + a.stack_size < a.stack ||
		      a.stack + a.stack_size > TASK_SIZE
		    : a.stack_size)
		return -EINVAL;
	if (a.set_tid_size) {
		/* Choosing one's pid is for checkpoint/restore tools. */
		static bool told;
		if (!told)
			pr_warn("clone3: set_tid is not supported: -EINVAL\n");
		told = true;
		return -EINVAL;
	}
	struct kernel_clone_args args = {
		.flags = a.flags, .exit_signal = a.exit_signal,
		.stack = a.stack ? a.stack + a.stack_size : 0,
		.parent_tid = (int __user *)a.parent_tid,
		.child_tid = (int __user *)a.child_tid, .tls = a.tls,
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
	p->sighand = sighand_alloc();
	p->signal = signal_alloc();
	p->fs = init_fs_struct();
	if (!p->files || !p->sighand || !p->signal || !p->fs) {
		abandon_child(p);
		return ERR_PTR(-ENOMEM);
	}
	p->pgid = p->pid;
	p->signal->session = p->pid;	/* init leads the first session */
	p->exit_signal = SIGCHLD;
	p->parent = &init_task;
	sas_ss_reset(p);
	p->signal->nr_threads = 1;
	list_add_tail(&p->thread_node, &p->signal->thread_head);
	return p;
}

/* --- unshare --- */

#define UNSHARE_KNOWN	(CLONE_THREAD | CLONE_FS | CLONE_NEWNS | CLONE_SIGHAND | \
			 CLONE_VM | CLONE_FILES | CLONE_SYSVSEM | \
			 CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWNET | \
			 CLONE_NEWUSER | CLONE_NEWPID | CLONE_NEWCGROUP | \
			 CLONE_NEWTIME)
#define UNSHARE_NS	(CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC | \
			 CLONE_NEWNET | CLONE_NEWUSER | CLONE_NEWPID | \
			 CLONE_NEWCGROUP | CLONE_NEWTIME)

/*
 * unshare(2): stop sharing the descriptor table (CLONE_FILES) or the
 * working directory, root and umask (CLONE_FS) with the tasks we were
 * cloned with.  Linux's check_unshare_flags: CLONE_THREAD, CLONE_SIGHAND
 * and CLONE_VM can only be "unshared" when nothing shares them (EINVAL
 * otherwise), and each implies the next.  There are no namespaces: a
 * request for one is EPERM without CAP_SYS_ADMIN, as on Linux, and
 * EINVAL with it (this kernel cannot make one).
 */
long sys_unshare(unsigned long flags)
{
	struct task_struct *tsk = current;

	if (flags & ~UNSHARE_KNOWN)
		return -EINVAL;
	if (flags & CLONE_NEWUSER)
		flags |= CLONE_THREAD | CLONE_FS;
	if (flags & CLONE_VM)
		flags |= CLONE_SIGHAND;
	if (flags & CLONE_SIGHAND)
		flags |= CLONE_THREAD;
	if (flags & CLONE_NEWNS)
		flags |= CLONE_FS;
	if ((flags & CLONE_THREAD) && !thread_group_empty(tsk))
		return -EINVAL;
	if ((flags & CLONE_SIGHAND) &&
	    __atomic_load_n(&tsk->sighand->count, __ATOMIC_RELAXED) > 1)
		return -EINVAL;
	if ((flags & CLONE_VM) &&
	    __atomic_load_n(&tsk->mm->mm_users, __ATOMIC_RELAXED) > 1)
		return -EINVAL;
	if (flags & UNSHARE_NS)
		return capable(CAP_SYS_ADMIN) ? -EINVAL : -EPERM;

	struct fs_struct *new_fs = NULL, *old_fs = NULL;
	struct files_struct *new_fd = NULL, *old_fd = NULL;
	if ((flags & CLONE_FS) &&
	    __atomic_load_n(&tsk->fs->users, __ATOMIC_RELAXED) > 1 &&
	    !(new_fs = copy_fs_struct(tsk->fs)))
		return -ENOMEM;
	if ((flags & CLONE_FILES) &&
	    __atomic_load_n(&tsk->files->count, __ATOMIC_RELAXED) > 1 &&
	    !(new_fd = dup_fd(tsk->files))) {
		exit_fs_struct(new_fs);
		return -ENOMEM;
	}
	task_lock(tsk);
	if (new_fs) {
		old_fs = tsk->fs;
		tsk->fs = new_fs;
	}
	if (new_fd) {
		old_fd = tsk->files;
		tsk->files = new_fd;
	}
	task_unlock(tsk);
	if (old_fs)
		exit_fs_struct(old_fs);
	if (old_fd)
		put_files_struct(old_fd);
	return 0;
}
