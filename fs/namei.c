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
#include "fs/fs.h"
#include "arch/x86_64/uaccess.h"

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
	struct file *f = fget(dfd);
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
	if (len == 2 && name[0] == '.' && name[1] == '.')
		return dir->i_parent ? dir->i_parent : dir;
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
	struct inode *dir = *path == '/' ? root_sb->s_root : nd->start;

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
			int err = follow_link(nd, dir, &inode);
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
