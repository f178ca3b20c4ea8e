/*
 * inode.c - procfs inodes and the files' text (Linux's fs/proc/inode.c,
 * with the one-shot seq_file of fs/seq_file.c's seq_read).
 *
 * Nothing here is stored: directories are listed and looked up from the
 * task list and the descriptor tables (generic.c, base.c, fd.c), and a
 * file's text is made at its first read into a kernel buffer (a
 * one-shot seq_file) that later reads serve by f_pos.
 *
 * Path lookup hands out inodes without references (vfs.h), so a procfs
 * inode must outlive the walk that found it.  An inode is made once per
 * (kind, pid, fd) and kept (i_nlink 1, as if it had a name) until its
 * task is reaped: proc_flush_pid then takes the names away, and each
 * inode goes when nothing uses it any more (an open file, a cwd, an
 * entry below it), as an unlinked file does.  Walks run under vfs_lock,
 * which the flush takes too, so none can be holding one.  Symlink
 * targets (self, fd/N) are recomputed at every lookup.
 *
 * Context: process context.  File contents are made without vfs_lock,
 * since epoll's fdinfo takes a mutex.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/mm.h"
#include "kernel/sched.h"
#include "kernel/pid.h"
#include "kernel/cred.h"
#include "kernel/sysctl.h"
#include "fs/fs.h"
#include "fs/proc/internal.h"
#include "kernel/chaintrace.h"
#include "kernel/profile.h"
#include "arch/x86_64/uaccess.h"

#define PROC_BUF_SIZE	16384	/* the first buffer a text is made in */
#define PROC_BUF_MAX	(4 << 20)	/* the longest text (10,000 sockets' lines) */
#define PROC_LINE_MAX	256	/* no line of ours is longer */

LIST_HEAD(proc_entries);		/* every procfs inode's entry, under vfs_lock */

static void proc_evict_inode(struct inode *inode);

struct super_block proc_sb = {
	.s_next_ino = 1, .s_type = "proc", .evict_inode = proc_evict_inode,
};
static const struct inode_operations proc_dir_inode_operations;
static const struct inode_operations proc_file_inode_operations;
static const struct file_operations proc_dir_operations;
static const struct file_operations proc_file_operations;

static struct proc_entry *proc_find(enum proc_kind kind, int pid, int fd)
{
	struct proc_entry *pe;

	list_for_each_entry(pe, &proc_entries, list)
		if (pe->kind == kind && pe->pid == pid && pe->fd == fd)
			return pe;
	return NULL;
}

/* A process's files belong to its effective ids, the rest to root
 * (Linux's task_dump_owner, for a dumpable task); set at every lookup,
 * since the ids may have changed since the inode was made. */
static struct inode *proc_set_owner(struct inode *inode, int pid)
{
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);	/* the task stays */
	struct task_struct *t = pid > 0 ? find_task_by_pid(pid) : NULL;
	inode->i_uid = t ? t->cred->euid : 0;
	inode->i_gid = t ? t->cred->egid : 0;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return inode;
}

/* The inode for (kind, pid, fd) under parent, made on first use. */
struct inode *proc_get_inode(struct inode *parent, enum proc_kind kind,
			     int pid, int fd)
{
	struct proc_entry *pe = proc_find(kind, pid, fd);

	if (pe)
		return proc_set_owner(pe->inode, pid);
	pe = kzalloc(sizeof(*pe), GFP_KERNEL);
	struct inode *inode = pe ? new_inode(&proc_sb, proc_mode(kind)) : NULL;
	if (!inode) {
		kfree(pe);
		return NULL;
	}
	*pe = (struct proc_entry){ .kind = kind, .pid = pid, .fd = fd,
				   .inode = inode };
	list_add_tail(&pe->list, &proc_entries);
	inode->i_nlink = 1;		/* kept until flushed, see the top */
	inode->i_private = pe;
	if (S_ISDIR(inode->i_mode)) {
		inode->i_op = &proc_dir_inode_operations;
		inode->i_fop = &proc_dir_operations;
		inode->i_nlink = 2;
		if (parent)
			inode->i_parent = ihold(parent);
	} else {
		inode->i_op = &proc_file_inode_operations;
		inode->i_fop = &proc_file_operations;
	}
	return proc_set_owner(inode, pid);
}

/* The inode is being freed (vfs_lock held): its entry goes with it. */
static void proc_evict_inode(struct inode *inode)
{
	struct proc_entry *pe = inode->i_private;

	list_del(&pe->list);
	kfree(pe);
}

/* Point a symlink inode at a new target (a kmalloc'd copy). */
struct inode *proc_set_link(struct inode *inode, const char *target)
{
	size_t len = strlen(target);
	char *copy = kmalloc(len + 1, GFP_KERNEL);

	if (!copy)
		return NULL;
	memcpy(copy, target, len + 1);
	kfree(inode->i_link);
	inode->i_link = copy;
	inode->i_size = len;
	return inode;
}

static size_t proc_seq_show(void (*show)(struct seq_file *), char *buf,
			    size_t size)
{
	struct seq_file m = { .buf = buf, .size = size };

	show(&m);
	return m.count;
}

static size_t proc_show(struct proc_entry *pe, char *buf, size_t size)
{
	const struct proc_file *pf = &proc_files[pe->kind];

	if (pe->kind == PROC_FDINFO)
		return proc_fdinfo_show(pe, buf, size);
	if (pf->task_show)
		return proc_pid_show(pe, buf, size);
	if (pf->seq_show)
		return proc_seq_show(pf->seq_show, buf, size);
	if (pf->sysctl) {
		struct seq_file m = { .buf = buf, .size = size };
		proc_dointvec_show(&m, pf->sysctl);
		return m.count;
	}
	return pf->show ? pf->show(buf, size) : 0;
}

/* The text, made at the first read and kept until the file is closed,
 * so that reading in pieces sees one consistent snapshot. */
struct proc_text {
	size_t len;
	char data[];
};

/*
 * Make the text in a buffer that holds it whole.  The show functions
 * stop at the last whole line that fits; text that ends within a line's
 * length of the buffer's end may have been cut, so it is made again in
 * a buffer twice as large, as Linux's seq_read does when a record does
 * not fit.  A text larger than PROC_BUF_MAX is cut there.
 */
static struct proc_text *proc_make_text(struct proc_entry *pe)
{
	for (size_t size = PROC_BUF_SIZE;; size *= 2) {
		size_t room = size - sizeof(struct proc_text);
		struct proc_text *text = kmalloc(size, GFP_KERNEL);
		if (!text)
			return NULL;
		text->len = MIN(proc_show(pe, text->data, room), room - 1);
		if (text->len + PROC_LINE_MAX < room || size >= PROC_BUF_MAX)
			return text;
		kfree(text);
	}
}

static ssize_t proc_read(struct file *f, char __user *buf, size_t len,
			 loff_t *pos)
{
	struct proc_text *text = f->private_data;

	if (!text) {
		text = proc_make_text(f->f_inode->i_private);
		if (!text)
			return -ENOMEM;
		f->private_data = text;
	}
	if (*pos < 0 || (size_t)*pos >= text->len)
		return 0;
	size_t n = MIN(len, text->len - (size_t)*pos);
	if (copy_to_user(buf, text->data + *pos, n))
		return -EFAULT;
	*pos += n;
	return n;
}

/*
 * Everyone is root here, and root may open these files for writing on
 * Linux too; the write itself fails as Linux's does: EINVAL from fdinfo,
 * EIO from a file with no write method (proc_reg_write).  The switch
 * trace_chain and the /proc/sys files (kernel/sysctl.c) take their value
 * whatever the position; any write to profile clears its counters
 * (readprofile -r).
 */
static ssize_t proc_write(struct file *f, const char __user *buf, size_t len,
			  loff_t *pos)
{
	struct proc_entry *pe = f->f_inode->i_private;

	(void)pos;
	if (pe->kind == PROC_TRACE_CHAIN)
		return chain_trace_write(buf, len);
	if (proc_files[pe->kind].sysctl)
		return proc_dointvec_minmax(proc_files[pe->kind].sysctl, buf, len);
	if (pe->kind == PROC_PROFILE) {		/* any write: start again */
		profile_reset();
		return len;
	}
	return pe->kind == PROC_FDINFO ? -EINVAL : -EIO;
}

static int proc_release(struct file *f)
{
	kfree(f->private_data);
	return 0;
}

/* As Linux's /proc: a text made when it is read (a seq_file) has no end
 * to seek from, nor data or holes to find (seq_lseek: SEEK_SET and
 * SEEK_CUR only); directories, cmdline and the /proc/sys files use the
 * generic llseek on their size, 0 (SEEK_END is the offset itself,
 * SEEK_DATA and SEEK_HOLE ENXIO). */
static loff_t proc_llseek(struct file *f, loff_t offset, int whence)
{
	struct proc_entry *pe = f->f_inode->i_private;

	if (S_ISDIR(f->f_inode->i_mode) || pe->kind == PROC_PID_CMDLINE ||
	    pe->kind == PROC_TID_CMDLINE || proc_files[pe->kind].sysctl)
		return generic_file_llseek_size(f, offset, whence, 0);
	if (whence != SEEK_SET && whence != SEEK_CUR)
		return -EINVAL;
	return generic_file_llseek_size(f, offset, whence, 1LL << 62);
}

static const struct file_operations proc_file_operations = {
	.llseek = proc_llseek,
	.read = proc_read,
	.write = proc_write,
	.release = proc_release,
	.splice_read = copy_splice_read,
};

static const struct file_operations proc_dir_operations = {
	.llseek = proc_llseek,
	.iterate_shared = proc_iterate,
};

/* Nothing in /proc can be made, removed or resized by name: Linux says
 * EACCES for a new file and ENOENT for a new directory or node (root's
 * mkdir in /proc); the removals are refused the same way here. */
static int proc_create(struct inode *dir, const char *name, int len,
		       umode_t mode, struct inode **res)
{
	(void)dir; (void)name; (void)len; (void)mode;
	*res = NULL;
	return -EACCES;
}

static int proc_mkdir(struct inode *dir, const char *name, int len,
		      umode_t mode)
{
	(void)dir; (void)name; (void)len; (void)mode;
	return -ENOENT;
}

static int proc_mknod(struct inode *dir, const char *name, int len,
		      umode_t mode, dev_t rdev)
{
	(void)rdev;
	return proc_mkdir(dir, name, len, mode);
}

static int proc_symlink(struct inode *dir, const char *name, int len,
			const char *target)
{
	(void)target;
	return proc_mkdir(dir, name, len, 0);
}

static int proc_link(struct inode *old, struct inode *dir, const char *name,
		     int len)
{
	(void)old;
	return proc_mkdir(dir, name, len, 0);
}

static int proc_unlink(struct inode *dir, const char *name, int len)
{
	return proc_mkdir(dir, name, len, 0);
}

static int proc_rename(struct inode *odir, const char *oname, int olen,
		       struct inode *ndir, const char *nname, int nlen)
{
	(void)odir; (void)oname; (void)olen; (void)nlen;
	return proc_mkdir(ndir, nname, 0, 0);
}

/* Only a switch may be opened with O_TRUNC ("echo 1 > ..."), as
 * Linux's /proc/sys files may; nothing is cut. */
static int proc_setsize(struct inode *inode, loff_t size)
{
	struct proc_entry *pe = inode->i_private;

	(void)size;
	return pe->kind == PROC_TRACE_CHAIN || proc_files[pe->kind].sysctl ? 0 : -EACCES;
}

static const struct inode_operations proc_dir_inode_operations = {
	.lookup = proc_lookup,
	.create = proc_create,
	.mkdir = proc_mkdir,
	.mknod = proc_mknod,
	.symlink = proc_symlink,
	.link = proc_link,
	.unlink = proc_unlink,
	.rmdir = proc_unlink,
	.rename = proc_rename,
};

static const struct inode_operations proc_file_inode_operations = {
	.setsize = proc_setsize,
};
