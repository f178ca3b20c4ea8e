/*
 * generic.c - looking names up in a procfs directory and listing one
 * (Linux's fs/proc/generic.c proc_lookup and proc_readdir, with
 * root.c's proc_root_lookup and proc_root_readdir folded in): a
 * directory's fixed names come from root.c's table, then the numbers
 * (pids, tids, descriptors) that base.c and fd.c look up and list.
 *
 * Context: process context.  Lookups and directory listings run under
 * vfs_lock (lookups are called with it; iterate takes it) and peek at a
 * task's descriptor table under its files->lock, without references.
 */
#include "kernel/kernel.h"
#include "kernel/sched.h"
#include "fs/fs.h"
#include "fs/proc/internal.h"
#include "kernel/profile.h"

#define DT_LNK		10

/* A kind's path below /proc (or /proc/<pid>): its directory's, then its
 * own fixed name.  Returns the length written. */
static int proc_kind_path(enum proc_kind kind, char *buf, size_t size)
{
	const struct proc_file *pf = &proc_files[kind];
	int len = 0;

	if (kind != PROC_ROOT && kind != PROC_PID)
		len = proc_kind_path(pf->dir, buf, size);
	if (pf->name && (size_t)len < size)
		len += snprintf(buf + len, size - len, "/%s", pf->name);
	return len;
}

/* The path of a procfs inode, from what it stands for. */
void proc_path_of(struct inode *inode, char *buf, size_t size)
{
	struct proc_entry *pe = inode->i_private;

	if (pe->kind >= PROC_TID) {
		const char *name = proc_files[pe->kind].name;
		snprintf(buf, size, "/proc/%d/task/%d%s%s", pe->pid, pe->fd,
			 name ? "/" : "", name ? name : "");
		return;
	}
	int len = snprintf(buf, size, "/proc");

	if (pe->pid >= 0 && (size_t)len < size)
		len += snprintf(buf + len, size - len, "/%d", pe->pid);
	if ((size_t)len < size)
		len += proc_kind_path(pe->kind, buf + len, size - len);
	if (pe->fd >= 0 && (size_t)len < size)
		snprintf(buf + len, size - len, "/%d", pe->fd);
}

/* Names that exist only with their feature on, as in Linux: /proc/profile
 * only when booted with profile=. */
static bool proc_name_hidden(enum proc_kind kind)
{
	return kind == PROC_PROFILE && !prof_on;
}

/* The next kind after prev (-1: the first) with a fixed name in
 * directory dir, or -1: a directory's fixed names, in table order. */
static int proc_next_name(enum proc_kind dir, int prev)
{
	for (int k = prev + 1; k < proc_nr_files; k++)
		if (proc_files[k].name && proc_files[k].dir == dir &&
		    !proc_name_hidden(k))
			return k;
	return -1;
}

/* A decimal name as a number, or -1 ("007" is not a number here either). */
static int proc_name_to_num(const char *name, int len)
{
	long v = 0;

	if (len == 0 || len > 9 || (name[0] == '0' && len > 1))
		return -1;
	for (int i = 0; i < len; i++) {
		if (name[i] < '0' || name[i] > '9')
			return -1;
		v = v * 10 + name[i] - '0';
	}
	return (int)v;
}

struct inode *proc_lookup(struct inode *dir, const char *name, int len)
{
	struct proc_entry *pe = dir->i_private;

	for (int k = proc_next_name(pe->kind, -1); k >= 0;
	     k = proc_next_name(pe->kind, k)) {
		const char *fixed = proc_files[k].name;
		if (strlen(fixed) != (size_t)len || memcmp(fixed, name, len))
			continue;
		if (k == PROC_PID_EXE)
			return proc_exe_lookup(dir, pe->pid);
		struct inode *inode = proc_get_inode(dir, k, pe->pid,
				pe->kind == PROC_TID ? pe->fd : -1);
		if (inode && k == PROC_SELF) {
			char pid[16];
			snprintf(pid, sizeof(pid), "%d", current->tgid);
			inode = proc_set_link(inode, pid);
		}
		return inode;
	}
	int num = proc_name_to_num(name, len);
	if (num < 0)
		return NULL;
	switch (pe->kind) {
	case PROC_ROOT:
		return proc_pid_lookup(dir, num);
	case PROC_PID_FD:
		return proc_fd_lookup(dir, pe->pid, num);
	case PROC_PID_FDINFO:
		return proc_fdinfo_lookup(dir, pe->pid, num);
	case PROC_PID_TASK:
		return proc_tid_lookup(dir, pe->pid, num);
	default:
		return NULL;
	}
}

/* --- listing directories: ".", "..", fixed names, then numbers --- */

bool emit_num(struct dir_context *ctx, int num, loff_t pos,
	      unsigned int d_type)
{
	char name[16];
	int len = snprintf(name, sizeof(name), "%d", num);

	if (pos < ctx->pos)
		return true;
	if (!ctx->actor(ctx, name, len, pos, 0, d_type))
		return false;
	ctx->pos = pos + 1;
	return true;
}

static bool emit_fixed(struct dir_context *ctx, struct inode *dir)
{
	struct proc_entry *pe = dir->i_private;
	int i = 0;

	if (ctx->pos == 0) {
		if (!ctx->actor(ctx, ".", 1, 0, dir->i_ino, DT_DIR))
			return false;
		ctx->pos = 1;
	}
	if (ctx->pos == 1) {
		struct inode *up = dir->i_parent ? dir->i_parent : dir;
		if (!ctx->actor(ctx, "..", 2, 1, up->i_ino, DT_DIR))
			return false;
		ctx->pos = 2;
	}
	/* The i-th fixed name is at position i + 2. */
	for (int k = proc_next_name(pe->kind, -1); k >= 0;
	     k = proc_next_name(pe->kind, k), i++) {
		if (i + 2 < ctx->pos)
			continue;
		umode_t mode = proc_mode(k);
		unsigned int type = S_ISDIR(mode) ? DT_DIR :
				    S_ISLNK(mode) ? DT_LNK : DT_REG;
		const char *name = proc_files[k].name;
		if (!ctx->actor(ctx, name, strlen(name), i + 2, 1, type))
			return false;
		ctx->pos = i + 3;
	}
	if (ctx->pos < 2 + i)
		ctx->pos = 2 + i;
	return true;
}

int proc_iterate(struct file *f, struct dir_context *ctx)
{
	struct proc_entry *pe = f->f_inode->i_private;

	vfs_lock();
	if (emit_fixed(ctx, f->f_inode)) {
		if (pe->kind == PROC_ROOT)
			proc_readpids(ctx);
		else if (pe->kind == PROC_PID_FD)
			proc_readfd(ctx, pe->pid, DT_LNK);
		else if (pe->kind == PROC_PID_FDINFO)
			proc_readfd(ctx, pe->pid, DT_REG);
		else if (pe->kind == PROC_PID_TASK)
			proc_readtids(ctx, pe->pid);
	}
	vfs_unlock();
	return 0;
}
