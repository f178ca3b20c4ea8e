/*
 * fd.c - /proc/<pid>/fd and /proc/<pid>/fdinfo (Linux's fs/proc/fd.c):
 * one symlink and one text file per open descriptor, named by the
 * descriptor's number.
 *
 * Context: process context.  Lookups and listings run under vfs_lock
 * (generic.c); fdinfo's text is made without vfs_lock, since epoll's
 * part takes a mutex.
 *
 * LOCKING: each peek at a task's descriptor table is made under three
 * locks (proc_lock_files): tasklist_lock finds the task and keeps it,
 * task_lock(t) keeps its files_struct (exit_files lets go of it under
 * that lock), files->lock the slots.  No references are taken, and no
 * other CPU can free any of them meanwhile.
 */
#include "kernel/kernel.h"
#include "kernel/mm.h"
#include "kernel/sched.h"
#include "kernel/pid.h"
#include "fs/fs.h"
#include "fs/eventpoll.h"
#include "fs/proc/internal.h"
#include "net/sock.h"

/* The descriptor table of the task with this pid, locked as LOCKING
 * says, or NULL (no such task, or it has none). */
static struct files_struct *proc_lock_files(int pid, struct task_struct **tp,
					    unsigned long *flags)
{
	spin_lock_irqsave(&tasklist_lock, *flags);
	struct task_struct *t = find_task_by_pid(pid);
	if (t) {
		task_lock(t);
		if (t->files) {
			spin_lock(&t->files->lock);
			*tp = t;
			return t->files;
		}
		task_unlock(t);
	}
	spin_unlock_irqrestore(&tasklist_lock, *flags);
	return NULL;
}

static void proc_unlock_files(struct files_struct *files, struct task_struct *t,
			      unsigned long flags)
{
	spin_unlock(&files->lock);
	task_unlock(t);
	spin_unlock_irqrestore(&tasklist_lock, flags);
}

/* The file at fd in task's table, no reference: valid while
 * files->lock is held. */
static struct file *task_fd_file(struct files_struct *files, int fd)
{
	if (fd < 0 || (unsigned)fd >= files->max_fds)
		return NULL;
	return files->fd[fd];
}

struct file *proc_fd_link_file(struct inode *inode)
{
	struct proc_entry *pe = inode->i_private;
	struct file *f = NULL;

	if (inode->i_sb != &proc_sb || !pe || pe->kind != PROC_FD_LINK)
		return NULL;
	struct task_struct *t = find_task_by_pid(pe->pid);
	if (!t || !t->files)
		return NULL;
	spin_lock(&t->files->lock);
	f = task_fd_file(t->files, pe->fd);
	if (f)
		get_file(f);
	spin_unlock(&t->files->lock);
	return f;
}

/*
 * What readlink of /proc/<pid>/fd/N says (Linux's proc_fd_link / d_path):
 * "pipe:[ino]" and "socket:[ino]" for the anonymous inodes, the file's
 * own name for anon_inode files, the path of a named ramfs file where
 * one can be found.
 */
static void proc_fd_name(struct file *f, char *buf, size_t size)
{
	struct inode *inode = f->f_inode;
	umode_t type = inode ? inode->i_mode & S_IFMT : 0;

	if (inode && !inode->i_sb && type == S_IFIFO)
		snprintf(buf, size, "pipe:[%lu]", inode->i_ino);
	else if (inode && !inode->i_sb && type == S_IFSOCK)
		snprintf(buf, size, "socket:[%lu]", inode->i_ino);
	else if (inode && inode->i_sb == root_sb &&
		 ramfs_path_of(inode, buf, size) == 0)
		return;
	else if (inode && inode->i_sb == &proc_sb)
		proc_path_of(inode, buf, size);
	else
		snprintf(buf, size, "%s", f->f_name);
}

/* /proc/<pid>/fd/N: a symlink naming the file, or NULL if no such fd. */
struct inode *proc_fd_lookup(struct inode *dir, int pid, int fd)
{
	char *buf = kmalloc(PATH_MAX, GFP_KERNEL);
	struct inode *inode = NULL;
	struct task_struct *t;
	unsigned long flags;

	struct files_struct *files = buf ? proc_lock_files(pid, &t, &flags) : NULL;
	if (!files) {
		kfree(buf);
		return NULL;
	}
	struct file *f = task_fd_file(files, fd);
	if (f)
		proc_fd_name(f, buf, PATH_MAX);
	proc_unlock_files(files, t, flags);
	if (f)
		inode = proc_get_inode(dir, PROC_FD_LINK, pid, fd);
	if (inode)
		inode = proc_set_link(inode, buf);
	kfree(buf);
	return inode;
}

/* /proc/<pid>/fdinfo/N: exists while the descriptor does. */
struct inode *proc_fdinfo_lookup(struct inode *dir, int pid, int fd)
{
	struct task_struct *t;
	unsigned long flags;
	struct files_struct *files = proc_lock_files(pid, &t, &flags);

	if (!files)
		return NULL;
	bool open = task_fd_file(files, fd) != NULL;
	proc_unlock_files(files, t, flags);
	return open ? proc_get_inode(dir, PROC_FDINFO, pid, fd) : NULL;
}

/* Linux's proc_readfd: one entry per open descriptor, at position fd+2.
 * The entries go to getdents' kernel buffer (fs/readdir.c), so no user
 * memory is touched under files->lock. */
void proc_readfd(struct dir_context *ctx, int pid, unsigned int type)
{
	struct task_struct *t;
	unsigned long flags;
	struct files_struct *files = proc_lock_files(pid, &t, &flags);

	if (!files)
		return;
	for (unsigned int fd = 0; fd < files->max_fds; fd++)
		if (files->fd[fd] && !emit_num(ctx, fd, fd + 2, type))
			break;
	proc_unlock_files(files, t, flags);
}

/* The file at pid's fd with a reference, or NULL. */
static struct file *proc_fget(int pid, int fd, bool *cloexec)
{
	struct task_struct *t;
	unsigned long flags;
	struct files_struct *files = proc_lock_files(pid, &t, &flags);
	struct file *f = NULL;

	if (!files)
		return NULL;
	f = task_fd_file(files, fd);
	if (f) {
		get_file(f);
		*cloexec = files->close_on_exec[fd / 64] & (1UL << (fd % 64));
	}
	proc_unlock_files(files, t, flags);
	return f;
}

/* Linux's proc_fdinfo: the common lines, then the file's own. */
size_t proc_fdinfo_show(struct proc_entry *pe, char *buf, size_t size)
{
	bool cloexec = false;
	struct file *f = proc_fget(pe->pid, pe->fd, &cloexec);

	if (!f)
		return 0;
	size_t len = snprintf(buf, size,
			      "pos:\t%lld\nflags:\t0%o\nmnt_id:\t%d\nino:\t%lu\n",
			      (long long)f->f_pos,
			      f->f_flags | (cloexec ? O_CLOEXEC : 0),
			      f->f_inode && f->f_inode->i_sb ? 1 : 0,
			      f->f_inode ? f->f_inode->i_ino : 0UL);
	if (len < size)
		len += ep_show_fdinfo(f, buf + len, size - len);
	if (len < size)
		len += eventfd_show_fdinfo(f, buf + len, size - len);
	if (len < size)
		len += sock_show_fdinfo(f, buf + len, size - len);
	fput(f);
	return MIN(len, size - 1);
}
