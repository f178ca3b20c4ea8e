/*
 * namei.c - from a path name to an inode (Linux's fs/namei.c, lookup
 * half; the operations that change directories are in fs/dirops.c).
 *
 * A path is walked one component at a time from the root ("/...") or from
 * a start directory (the cwd, or the directory of a *at() call's dirfd).
 * "." stays, ".." goes to the parent (and stays at the root), runs of
 * slashes count as one.  A symlink met on the way is followed by walking
 * its target from the directory that holds it; more than MAXSYMLINKS in
 * one lookup is -ELOOP, which also stops loops.  The last component is
 * followed only when asked (LOOKUP_FOLLOW) or when a trailing slash says
 * the name must be a directory.
 *
 * path_parentat() stops before the last component and reports it, which
 * is what every creating or removing call needs; path_lookupat() goes on
 * to the inode.
 *
 * Context: process context, vfs_lock held for everything that walks
 * (getname and dfd_file are called before taking it).
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/mm.h"
#include "kernel/sched.h"
#include "kernel/cred.h"
#include "fs/fs.h"
#include "arch/x86_64/uaccess.h"

/* --- permissions --- */

/* The class the caller is in picks one set of rwx bits. */
static int acl_permission_check(const struct inode *inode, int mask)
{
	unsigned int mode = inode->i_mode;

	if (current_fsuid() == inode->i_uid)
		mode >>= 6;
	else if (in_group_p(inode->i_gid))
		mode >>= 3;
	return (mask & ~mode & 7) ? -EACCES : 0;
}

/*
 * The bits first; then what uid 0 may do anyway: search any directory
 * and read any file (CAP_DAC_READ_SEARCH), read and write anything and
 * execute what has an x bit for someone (CAP_DAC_OVERRIDE).
 */
int inode_permission(struct inode *inode, int mask)
{
	mask &= MAY_READ | MAY_WRITE | MAY_EXEC;
	if (!acl_permission_check(inode, mask))
		return 0;
	if (S_ISDIR(inode->i_mode)) {
		if (!(mask & MAY_WRITE) && capable(CAP_DAC_READ_SEARCH))
			return 0;
		return capable(CAP_DAC_OVERRIDE) ? 0 : -EACCES;
	}
	if (mask == MAY_READ && capable(CAP_DAC_READ_SEARCH))
		return 0;
	if ((!(mask & MAY_EXEC) || (inode->i_mode & S_IXUGO)) &&
	    capable(CAP_DAC_OVERRIDE))
		return 0;
	return -EACCES;
}

bool inode_owner_or_capable(const struct inode *inode)
{
	return current_fsuid() == inode->i_uid || capable(CAP_FOWNER);
}

/* Linux's check_sticky: in a sticky directory a name may go only by
 * the hand of the file's owner, the directory's owner, or uid 0. */
static bool check_sticky(const struct inode *dir, const struct inode *inode)
{
	if (!(dir->i_mode & S_ISVTX))
		return false;
	if (inode->i_uid == current_fsuid() || dir->i_uid == current_fsuid())
		return false;
	return !capable(CAP_FOWNER);
}

int may_delete(struct inode *dir, struct inode *victim)
{
	int err = inode_permission(dir, MAY_WRITE | MAY_EXEC);

	if (err)
		return err;
	return check_sticky(dir, victim) ? -EPERM : 0;
}

void inode_init_owner(struct inode *inode, const struct inode *dir)
{
	umode_t mode = inode->i_mode;

	inode->i_uid = current_fsuid();
	if (dir && (dir->i_mode & S_ISGID)) {
		inode->i_gid = dir->i_gid;
		if (S_ISDIR(mode))
			mode |= S_ISGID;	/* directories pass it on */
		else if ((mode & (S_ISGID | S_IXGRP)) == (S_ISGID | S_IXGRP) &&
			 !in_group_p(inode->i_gid) && !capable(CAP_FSETID))
			mode &= ~S_ISGID;
	} else {
		inode->i_gid = current_fsgid();
	}
	inode->i_mode = mode;
}

char *getname(const char __user *upath, bool empty_ok)
{
	char *name = kmalloc(PATH_MAX, GFP_KERNEL);

	if (!name)
		return ERR_PTR(-ENOMEM);
	long len = strncpy_from_user(name, upath, PATH_MAX);
	long err = len < 0 ? len : len == PATH_MAX ? -ENAMETOOLONG :
		   len == 0 && !empty_ok ? -ENOENT : 0;
	if (err) {
		kfree(name);
		return ERR_PTR(err);
	}
	return name;
}

void putname(char *name)
{
	if (!IS_ERR_OR_NULL(name))
		kfree(name);
}

struct file *dfd_file(int dfd, const char *path)
{
	if (path[0] == '/' || dfd == AT_FDCWD)
		return NULL;
	struct file *f = fget_raw(dfd);
	if (!f)
		return ERR_PTR(-EBADF);
	if (!f->f_inode || !S_ISDIR(f->f_inode->i_mode)) {
		fput(f);
		return ERR_PTR(-ENOTDIR);
	}
	return f;
}

struct inode *lookup_one(struct inode *dir, const char *name, int len)
{
	if (len == 1 && name[0] == '.')
		return dir;
	/* ".." stays at the root, a chroot's too. */
	if (len == 2 && name[0] == '.' && name[1] == '.')
		return dir->i_parent && dir != current_root() ?
		       dir->i_parent : dir;
	return dir->i_op->lookup(dir, name, len);
}

int follow_link(struct nameidata *nd, struct inode *dir, struct inode **inode)
{
	if (++nd->total_link_count > MAXSYMLINKS)
		return -ELOOP;
	const char *target = (*inode)->i_link;
	if (!*target)
		return -ENOENT;
	struct nameidata sub = {
		.start = dir,
		.total_link_count = nd->total_link_count,
	};
	int err = path_lookupat(&sub, target, LOOKUP_FOLLOW, inode);
	nd->total_link_count = sub.total_link_count;
	return err;
}

int path_parentat(struct nameidata *nd, const char *path)
{
	struct inode *dir = *path == '/' ? current_root() : nd->start;

	for (;;) {
		while (*path == '/')
			path++;
		const char *end = path;
		while (*end && *end != '/')
			end++;
		int len = end - path;
		if (len > NAME_MAX)
			return -ENAMETOOLONG;
		const char *next = end;
		while (*next == '/')
			next++;
		if (!S_ISDIR(dir->i_mode))
			return -ENOTDIR;
		/* Every directory walked through needs search (x). */
		int err = inode_permission(dir, MAY_EXEC);
		if (err)
			return err;
		if (!*next) {
			nd->dir = dir;
			nd->last = path;
			nd->last_len = len;
			nd->trailing_slash = *end == '/';
			return 0;
		}
		struct inode *inode = lookup_one(dir, path, len);
		if (!inode)
			return -ENOENT;
		if (S_ISLNK(inode->i_mode)) {
			err = follow_link(nd, dir, &inode);
			if (err)
				return err;
		}
		dir = inode;
		path = next;
	}
}

int path_lookupat(struct nameidata *nd, const char *path, unsigned flags,
		  struct inode **res)
{
	int err = path_parentat(nd, path);

	if (err)
		return err;
	struct inode *inode = nd->last_len ?
		lookup_one(nd->dir, nd->last, nd->last_len) : nd->dir;
	if (!inode)
		return -ENOENT;
	if (S_ISLNK(inode->i_mode) &&
	    ((flags & LOOKUP_FOLLOW) || nd->trailing_slash)) {
		err = follow_link(nd, nd->dir, &inode);
		if (err)
			return err;
	}
	if ((nd->trailing_slash || (flags & LOOKUP_DIRECTORY)) &&
	    !S_ISDIR(inode->i_mode))
		return -ENOTDIR;
	*res = inode;
	return 0;
}

int filename_lookup(struct inode *start, const char *path, unsigned flags,
		    struct inode **res)
{
	struct nameidata nd = { .start = start };

	return path_lookupat(&nd, path, flags, res);
}

/* Whether the last component is an ordinary name (not "/", ".", ".."). */
bool last_is_normal(const struct nameidata *nd)
{
	if (nd->last_len == 0)
		return false;
	if (nd->last[0] != '.')
		return true;
	return !(nd->last_len == 1 || (nd->last_len == 2 && nd->last[1] == '.'));
}
