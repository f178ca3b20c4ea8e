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
 * Until there is a filesystem, programs are read from the initramfs.
 *
 * Context: process context of the calling task.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/mm.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/binfmts.h"
#include "kernel/initramfs.h"
#include "kernel/completion.h"
#include "fs/fs.h"
#include "arch/x86_64/uaccess.h"
#include "arch/x86_64/mmu_context.h"

#define PATH_MAX	4096
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

/* The old program is gone from here on: commit to the new one. */
static void begin_new_exec(struct linux_binprm *bprm, const char *path)
{
	struct task_struct *t = current;
	struct mm_struct *old = t->mm;

	t->mm = bprm->mm;
	switch_mm(bprm->mm);
	if (old) {
		/* A vfork parent may have its memory back (mm_release). */
		if (t->vfork_done) {
			complete(t->vfork_done);
			t->vfork_done = NULL;
		}
		mmput(old);
	}
	t->clear_child_tid = NULL;
	do_close_on_exec(t->files);
	flush_signal_handlers(t->signal);
	const char *base = path;
	for (const char *p = path; *p; p++)
		if (*p == '/' && p[1])
			base = p + 1;
	strlcpy(t->comm, base, sizeof(t->comm));
	start_thread(task_pt_regs(t), bprm->entry, bprm->p);
}

/* Load path with the given kernel-space argument arrays. */
static long do_execve(const char *path, const char *const *argv,
		      const char *const *envp)
{
	struct cpio_entry e;

	if (initramfs_lookup(path, &e))
		return -ENOENT;
	if ((e.mode & 0170000) != 0100000 || !(e.mode & 0111))
		return -EACCES;		/* a directory, or not executable */
	struct linux_binprm bprm = {
		.buf = e.data, .size = e.size, .filename = path,
		.argv = argv, .envp = envp,
	};
	long err = load_elf_binary(&bprm);
	if (err)
		return err;
	begin_new_exec(&bprm, path);
	return 0;
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
