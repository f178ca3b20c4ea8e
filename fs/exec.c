/*
 * exec.c - execve: replace the calling process's program.
 *
 * The new program is loaded into a brand-new address space (binfmt_elf.c)
 * while the old one is still intact, so every error up to that point
 * returns to the old program as an ordinary failed system call.  Only
 * then comes the point of no return: the old address space is dropped,
 * close-on-exec descriptors are closed, caught signals go back to their
 * default action, and the registers are set so that the return to user
 * mode lands on the new program's entry point with its fresh stack.
 *
 * The program is found through the VFS like any open(): relative names
 * start at the cwd, symlinks are followed.  It must be a regular file
 * with an x bit; its bytes are copied into one kernel buffer for the ELF
 * loader.
 *
 * In a multi-threaded process the other threads end first (de_thread),
 * and the process keeps its pid whichever thread exec'd.
 *
 * Context: process context of the calling task.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/mm.h"
#include "kernel/sched.h"
#include "kernel/cred.h"
#include "kernel/signal.h"
#include "kernel/binfmts.h"
#include "kernel/completion.h"
#include "kernel/syscalls.h"
#include "fs/fs.h"
#include "arch/x86_64/uaccess.h"
#include "arch/x86_64/mmu_context.h"

#define MAX_ARG_STRLEN	(32 * PAGE_SIZE)	/* one argument, as Linux */
#define ARG_SPACE	(256 * 1024)		/* all of argv + envp */
#define MAX_ARG_PTRS	(ARG_SPACE / 8)

/* The argument strings of an exec, copied into the kernel. */
struct exec_args {
	char *space;		/* ARG_SPACE bytes holding the strings */
	size_t used;
	const char **argv, **envp;	/* NULL-terminated, into space */
};

/* Copy a user NULL-terminated array of strings.  -E2BIG past the space,
 * -EFAULT for a bad pointer. */
static long copy_strings(struct exec_args *a, const char __user *const __user *uv,
			 const char ***out)
{
	size_t n = 0;
	const char __user *s;

	/* Count first, so the pointer array can be sized exactly. */
	while (uv) {
		if (get_user(s, uv + n))
			return -EFAULT;
		if (!s)
			break;
		if (++n > MAX_ARG_PTRS)
			return -E2BIG;
	}
	const char **v = kcalloc(n + 1, sizeof(char *), GFP_KERNEL);
	if (!v)
		return -ENOMEM;
	*out = v;
	for (size_t i = 0; i < n; i++) {
		if (get_user(s, uv + i))
			return -EFAULT;
		size_t room = MIN(ARG_SPACE - a->used, MAX_ARG_STRLEN);
		long len = strncpy_from_user(a->space + a->used, s, room);
		if (len < 0)
			return len;
		if ((size_t)len == room)
			return -E2BIG;
		v[i] = a->space + a->used;
		a->used += len + 1;
	}
	return 0;
}

static void free_exec_args(struct exec_args *a)
{
	kfree(a->argv);
	kfree(a->envp);
	kfree(a->space);
}

/*
 * An exec in a multi-threaded process ends every other thread (Linux's
 * de_thread): they get SIGKILL and we wait until they are gone.  If we
 * are not the leader, we then take the leader's place: its pid (the
 * process keeps its pid), its parent and its start time, and the old
 * leader, a zombie by now, is reaped under our old tid.  -EAGAIN if the
 * group is being killed meanwhile (we die on the way out).
 */
static int de_thread(struct task_struct *tsk)
{
	struct signal_struct *sig = tsk->signal;
	struct sighand_struct *sighand = tsk->sighand;
	unsigned long flags;

	if (thread_group_empty(tsk))
		return 0;
	spin_lock_irqsave(&sighand->siglock, flags);
	if (signal_group_exit(sig) || sig->group_exec_task) {
		spin_unlock_irqrestore(&sighand->siglock, flags);
		return -EAGAIN;
	}
	sig->group_exec_task = tsk;
	zap_other_threads(tsk);
	spin_unlock_irqrestore(&sighand->siglock, flags);

	/* Woken by each thread as it is released, and by the leader as it
	 * becomes a zombie (kernel/exit.c). */
	int alone = thread_group_leader(tsk) ? 1 : 2;
	for (;;) {
		set_current_state(TASK_KILLABLE);
		spin_lock_irqsave(&tasklist_lock, flags);
		bool done = sig->nr_threads <= alone &&
			    (alone == 1 || tsk->group_leader->exit_state);
		spin_unlock_irqrestore(&tasklist_lock, flags);
		if (done || fatal_signal_pending(tsk))
			break;
		schedule();
	}
	__set_current_state(TASK_RUNNING);
	if (fatal_signal_pending(tsk)) {
		spin_lock_irqsave(&sighand->siglock, flags);
		sig->group_exec_task = NULL;
		spin_unlock_irqrestore(&sighand->siglock, flags);
		return -EAGAIN;
	}

	struct task_struct *leader = tsk->group_leader;
	if (leader != tsk) {
		spin_lock_irqsave(&tasklist_lock, flags);
		int tid = tsk->pid;
		tsk->pid = leader->pid;		/* == tgid */
		leader->pid = tid;
		tsk->start_time = leader->start_time;
		tsk->parent = leader->parent;
		tsk->exit_signal = SIGCHLD;
		leader->exit_signal = -1;
		list_add(&tsk->sibling, &leader->sibling);
		list_del_init(&leader->sibling);
		list_del(&tsk->thread_node);
		list_add(&tsk->thread_node, &sig->thread_head);
		tsk->group_leader = tsk;
		leader->group_leader = tsk;
		leader->exit_state = EXIT_DEAD;
		spin_unlock_irqrestore(&tasklist_lock, flags);
		release_task(leader);
	}
	spin_lock_irqsave(&sighand->siglock, flags);
	sig->group_exec_task = NULL;
	spin_unlock_irqrestore(&sighand->siglock, flags);
	return 0;
}

/* Handlers shared with another process (CLONE_SIGHAND without
 * CLONE_THREAD) become our own before exec resets them. */
static int unshare_sighand(struct task_struct *tsk)
{
	struct sighand_struct *old = tsk->sighand;
	unsigned long flags;

	if (READ_ONCE(old->count) == 1)
		return 0;
	struct sighand_struct *new = sighand_dup(old);
	if (!new)
		return -ENOMEM;
	spin_lock_irqsave(&tasklist_lock, flags);
	spin_lock(&old->siglock);
	tsk->sighand = new;
	spin_unlock(&old->siglock);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	__cleanup_sighand(old);
	return 0;
}

/* A descriptor table shared with another process (CLONE_FILES) is
 * copied, so close-on-exec closes only ours. */
static int unshare_files(struct task_struct *tsk)
{
	struct files_struct *old = tsk->files;

	if (READ_ONCE(old->count) == 1)
		return 0;
	struct files_struct *new = dup_fd(old);
	if (!new)
		return -ENOMEM;
	task_lock(tsk);
	tsk->files = new;
	task_unlock(tsk);
	put_files_struct(old);
	return 0;
}

/* The old program is gone from here on: commit to the new one.  Only
 * the other threads' end can still fail it (-EAGAIN: we are being
 * killed), or memory for unsharing. */
static int begin_new_exec(struct linux_binprm *bprm, const char *path)
{
	struct task_struct *t = current;
	struct mm_struct *old = t->mm;

	int err = de_thread(t);
	if (!err)
		err = unshare_sighand(t);
	if (!err)
		err = unshare_files(t);
	if (err)
		return err;
	/* Robust futexes, clear_child_tid and a vfork parent are about the
	 * old memory, which is still loaded. */
	if (old)
		mm_release(t, old);
	task_lock(t);
	t->mm = bprm->mm;
	task_unlock(t);
	switch_mm(bprm->mm);
	bprm->mm = NULL;
	if (old)
		mmput(old);
	do_close_on_exec(t->files);
	flush_signal_handlers(t->sighand);
	exit_posix_timers(t->signal);	/* timer_create's go; alarm stays */
	const char *base = path;
	for (const char *p = path; *p; p++)
		if (*p == '/' && p[1])
			base = p + 1;
	task_lock(t);
	strlcpy(t->comm, base, sizeof(t->comm));
	task_unlock(t);
	start_thread(task_pt_regs(t), bprm->entry, bprm->p);
	return 0;
}

/*
 * Find the program, check that it may be run, and read its head (the
 * first BINPRM_BUF_SIZE bytes) into buf; the loader reads the rest from
 * the file as it maps the segments.  *exe gets a reference to the file.
 */
/*
 * The ids the program will run with (Linux's bprm_fill_uid and
 * cap_bprm_creds_from_file): a set-user-id file runs as its owner, a
 * set-group-id one (with group x) as its group; either way the saved
 * and fs ids become the effective ones.
 */
static void bprm_fill_uid(struct cred *new, const struct inode *inode)
{
	if (inode->i_mode & S_ISUID)
		new->euid = inode->i_uid;
	if ((inode->i_mode & (S_ISGID | S_IXGRP)) == (S_ISGID | S_IXGRP))
		new->egid = inode->i_gid;
	new->suid = new->fsuid = new->euid;
	new->sgid = new->fsgid = new->egid;
}

static long read_program(const char *path, char *buf, size_t *head,
			 size_t *size, struct cred *new, struct inode **exe)
{
	struct inode *inode;

	vfs_lock();
	long err = filename_lookup(current_pwd(), path, LOOKUP_FOLLOW, &inode);
	/* Execute permission, and a regular file (Linux's do_open_execat);
	 * reading it is not needed. */
	if (!err && S_ISDIR(inode->i_mode))
		err = -EACCES;
	if (!err)
		err = inode_permission(inode, MAY_EXEC);
	if (!err && !S_ISREG(inode->i_mode))
		err = -EACCES;
	if (!err)
		bprm_fill_uid(new, inode);
	if (!err) {
		*size = inode->i_size;
		*head = MIN(*size, (size_t)BINPRM_BUF_SIZE);
		if (ramfs_read_kernel(inode, buf, *head, 0) != (ssize_t)*head)
			err = -EIO;
	}
	if (!err)
		*exe = ihold(inode);
	vfs_unlock();
	return err;
}

int kernel_read_program(const struct linux_binprm *bprm, void *buf,
			size_t len, u64 pos)
{
	vfs_lock();
	ssize_t n = ramfs_read_kernel(bprm->inode, buf, len, pos);
	vfs_unlock();
	return n == (ssize_t)len ? 0 : -EIO;
}

/* Load path with the given kernel-space argument arrays. */
static long do_execve(const char *path, const char *const *argv,
		      const char *const *envp)
{
	size_t size = 0, head = 0;
	char *data = kmalloc(BINPRM_BUF_SIZE, GFP_KERNEL);
	struct cred *new = data ? prepare_creds() : NULL;
	if (!new) {
		kfree(data);
		return -ENOMEM;
	}
	struct inode *exe = NULL;
	long err = read_program(path, data, &head, &size, new, &exe);

	if (!err) {
		struct linux_binprm bprm = {
			.inode = exe, .buf = data, .buf_len = head,
			.size = size, .filename = path,
			.argv = argv, .envp = envp, .cred = new,
		};
		err = load_elf_binary(&bprm);
		if (!err) {
			bprm.mm->exe_file = exe;
			exe = NULL;
			err = begin_new_exec(&bprm, path);
			if (!err) {
				commit_creds(new);
				new = NULL;
			}
		}
		if (err && bprm.mm)
			mmput(bprm.mm);
	}
	if (exe)
		iput(exe);
	if (new)
		abort_creds(new);
	kfree(data);
	return err;
}

long sys_execve(const char __user *filename,
		const char __user *const __user *argv,
		const char __user *const __user *envp)
{
	struct exec_args a = { 0 };
	char *path = kmalloc(PATH_MAX, GFP_KERNEL);
	long err = -ENOMEM;

	a.space = kmalloc(ARG_SPACE, GFP_KERNEL);
	if (!path || !a.space)
		goto out;
	err = strncpy_from_user(path, filename, PATH_MAX);
	if (err < 0)
		goto out;
	err = err == PATH_MAX ? -ENAMETOOLONG : err == 0 ? -ENOENT : 0;
	if (!err)
		err = copy_strings(&a, argv, &a.argv);
	if (!err)
		err = copy_strings(&a, envp, &a.envp);
	if (!err)
		err = do_execve(path, a.argv, a.envp);
out:
	free_exec_args(&a);
	kfree(path);
	return err;
}

long kernel_execve(const char *path, const char *const *argv,
		   const char *const *envp)
{
	return do_execve(path, argv, envp);
}
