/*
 * dirops.c - the system calls that add and remove names: mkdir, rmdir,
 * unlink, rename, link, symlink, and readlink (Linux's fs/namei.c,
 * second half).
 *
 * Each call copies its path(s) in (getname), takes vfs_lock, finds the
 * parent directory with path_parentat(), checks what Linux checks in the
 * order it checks it (the errno a program sees depends on the order),
 * and then asks the directory's inode_operations to do the change.
 *
 * Context: process context; vfs_lock as described in vfs.h.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/mm.h"
#include "kernel/sched.h"
#include "kernel/cred.h"
#include "fs/fs.h"
#include "fs/notify/fsnotify.h"
#include "arch/x86_64/uaccess.h"

#define AT_SYMLINK_FOLLOW	0x400
#define AT_REMOVEDIR		0x200
#define AT_EMPTY_PATH		0x1000
#define RENAME_NOREPLACE	(1 << 0)

/* One path argument of a call, resolved to its parent directory. */
struct at_path {
	char *name;
	struct file *dirf;
	struct nameidata nd;
};

/* Copy the path in and pin dfd (no lock yet). */
static int at_get(struct at_path *p, int dfd, const char __user *upath)
{
	p->dirf = NULL;
	p->name = getname(upath, false);
	if (IS_ERR(p->name))
		return PTR_ERR(p->name);
	p->dirf = dfd_file(dfd, p->name);
	if (IS_ERR(p->dirf)) {
		int err = PTR_ERR(p->dirf);
		p->dirf = NULL;
		return err;
	}
	return 0;
}

/* linkat's old path with AT_EMPTY_PATH: "" is the file of dfd itself
 * (any kind, O_PATH too), or the cwd for AT_FDCWD.  As Linux 6.10's
 * LOOKUP_LINKAT_EMPTY: only for a file opened with the caller's own
 * credentials, or by a caller with CAP_DAC_READ_SEARCH; otherwise it is
 * ENOENT, as if the name were not there, so that a descriptor passed
 * to another user does not let them name the file. */
static int at_get_empty(struct at_path *p, int dfd, const char __user *upath)
{
	p->dirf = NULL;
	p->name = getname(upath, true);
	if (IS_ERR(p->name))
		return PTR_ERR(p->name);
	if (*p->name || dfd == AT_FDCWD) {
		p->dirf = *p->name ? dfd_file(dfd, p->name) : NULL;
		if (IS_ERR(p->dirf)) {
			int err = PTR_ERR(p->dirf);
			p->dirf = NULL;
			return err;
		}
		return 0;
	}
	p->dirf = fget_raw(dfd);
	if (!p->dirf)
		return -EBADF;
	if (p->dirf->f_cred != current_cred() && !capable(CAP_DAC_READ_SEARCH))
		return -ENOENT;
	return 0;
}

/* With vfs_lock held: find the parent directory. */
static int at_parent(struct at_path *p)
{
	p->nd = (struct nameidata){ .start = dfd_inode(p->dirf) };
	return path_parentat(&p->nd, p->name);
}

static void at_put(struct at_path *p)
{
	if (!IS_ERR_OR_NULL(p->dirf))
		fput(p->dirf);
	putname(p->name);
}

static struct inode *at_last(struct at_path *p)
{
	return lookup_one(p->nd.dir, p->nd.last, p->nd.last_len);
}

/* May a new name be made for the last component?  (Linux's
 * filename_create.)  A trailing slash is for directories only. */
static int may_create(struct nameidata *nd, bool is_dir)
{
	if (!last_is_normal(nd))
		return -EEXIST;
	if (lookup_one(nd->dir, nd->last, nd->last_len))
		return -EEXIST;
	if (nd->trailing_slash && !is_dir)
		return -ENOENT;
	if (nd->dir->i_nlink == 0)
		return -ENOENT;		/* the directory was removed */
	return inode_permission(nd->dir, MAY_WRITE | MAY_EXEC);
}

int vfs_mkdir(struct inode *dir, const char *name, int len, umode_t mode)
{
	int err = dir->i_op->mkdir(dir, name, len, mode);

	if (!err)
		fsnotify_mkdir(dir, name, len);
	return err;
}

int vfs_mknod(struct inode *dir, const char *name, int len, umode_t mode,
	      dev_t rdev)
{
	int err = dir->i_op->mknod(dir, name, len, mode, rdev);

	if (!err)
		fsnotify_create(dir, name, len);
	return err;
}

int vfs_symlink(struct inode *dir, const char *name, int len,
		const char *target)
{
	int err = dir->i_op->symlink(dir, name, len, target);

	if (!err)
		fsnotify_create(dir, name, len);
	return err;
}

/* Linux's kern_path_create and vfs_mknod, for the kernel's own callers
 * (AF_UNIX's bind): make name, a kernel path from the cwd, an inode of
 * mode (type and permissions, umask already applied) and return it in
 * *res with a reference.  With res NULL, only say what making it would
 * answer (-EEXIST, -ENOENT ...) and make nothing. */
int kern_mknod(const char *name, umode_t mode, struct inode **res)
{
	vfs_lock();
	struct nameidata nd = { .start = current_pwd() };
	int err = path_parentat(&nd, name);
	if (!err)
		err = may_create(&nd, false);
	if (!err && res) {
		err = vfs_mknod(nd.dir, nd.last, nd.last_len, mode, 0);
		if (!err)
			*res = ihold(lookup_one(nd.dir, nd.last, nd.last_len));
	}
	vfs_unlock();
	return err;
}

long sys_mkdirat(int dfd, const char __user *pathname, unsigned int mode)
{
	struct at_path p;
	int err = at_get(&p, dfd, pathname);

	if (!err) {
		vfs_lock();
		err = at_parent(&p);
		if (!err)
			err = may_create(&p.nd, true);
		if (!err)
			err = vfs_mkdir(p.nd.dir, p.nd.last, p.nd.last_len,
					mode & 01777 & ~current_umask());
		vfs_unlock();
	}
	at_put(&p);
	return err;
}

/* The types mknod makes (Linux's may_mknod): 0 is a regular file; a
 * directory is mkdir's (EPERM); anything else EINVAL. */
static int may_mknod(umode_t mode)
{
	switch (mode & S_IFMT) {
	case 0:
	case S_IFREG:
	case S_IFCHR:
	case S_IFBLK:
	case S_IFIFO:
	case S_IFSOCK:
		return 0;
	case S_IFDIR:
		return -EPERM;
	default:
		return -EINVAL;
	}
}

/*
 * mknodat: FIFOs and sockets for anyone who may write the directory,
 * device nodes for uid 0 only (CAP_MKNOD, checked after the
 * directory's permission, as Linux's vfs_mknod).  dev is the encoding
 * of Linux's new_decode_dev.
 */
long sys_mknodat(int dfd, const char __user *filename, unsigned int mode,
		 unsigned int dev)
{
	int err = may_mknod(mode);
	if (err)
		return err;
	if (!(mode & S_IFMT))
		mode |= S_IFREG;
	dev_t rdev = MKDEV((dev & 0xfff00) >> 8, (dev & 0xff) | ((dev >> 12) & 0xfff00));
	struct at_path p;
	err = at_get(&p, dfd, filename);
	if (!err) {
		vfs_lock();
		err = at_parent(&p);
		if (!err)
			err = may_create(&p.nd, false);
		if (!err && (S_ISCHR(mode) || (mode & S_IFMT) == S_IFBLK) &&
		    !capable(CAP_MKNOD))
			err = -EPERM;
		if (!err)
			err = vfs_mknod(p.nd.dir, p.nd.last, p.nd.last_len,
					(mode & S_IFMT) |
					(mode & S_IALLUGO & ~current_umask()), rdev);
		vfs_unlock();
	}
	at_put(&p);
	return err;
}

long sys_mknod(const char __user *filename, unsigned int mode, unsigned int dev)
{
	return sys_mknodat(AT_FDCWD, filename, mode, dev);
}

long sys_mkdir(const char __user *pathname, unsigned int mode)
{
	return sys_mkdirat(AT_FDCWD, pathname, mode);
}

static int do_rmdir_locked(struct at_path *p)
{
	int err = at_parent(p);

	if (err)
		return err;
	if (p->nd.last_len == 0)
		return -EBUSY;				/* "/" */
	if (!last_is_normal(&p->nd))
		return p->nd.last_len == 1 ? -EINVAL : -ENOTEMPTY;
	struct inode *inode = at_last(p);
	if (!inode)
		return -ENOENT;
	err = may_delete(p->nd.dir, inode);
	if (err)
		return err;
	if (!S_ISDIR(inode->i_mode))
		return -ENOTDIR;
	/* The directory's own IN_DELETE_SELF comes as it is freed (often
	 * inside rmdir), then the parent's IN_DELETE, as Linux's order. */
	err = p->nd.dir->i_op->rmdir(p->nd.dir, p->nd.last, p->nd.last_len);
	if (!err)
		fsnotify_delete(p->nd.dir, true, p->nd.last, p->nd.last_len);
	return err;
}

static int do_unlink_locked(struct at_path *p)
{
	int err = at_parent(p);

	if (err)
		return err;
	if (!last_is_normal(&p->nd))
		return -EISDIR;
	struct inode *inode = at_last(p);
	if (!inode)
		return -ENOENT;
	if (p->nd.trailing_slash)
		return S_ISDIR(inode->i_mode) ? -EISDIR : -ENOTDIR;
	err = may_delete(p->nd.dir, inode);
	if (err)
		return err;
	if (S_ISDIR(inode->i_mode))
		return -EISDIR;
	/* Linux's vfs_unlink: IN_ATTRIB for the link count, the inode's
	 * IN_DELETE_SELF if this frees it, then the directory's IN_DELETE. */
	fsnotify_link_count(inode);
	err = p->nd.dir->i_op->unlink(p->nd.dir, p->nd.last, p->nd.last_len);
	if (!err)
		fsnotify_delete(p->nd.dir, false, p->nd.last, p->nd.last_len);
	return err;
}

long sys_unlinkat(int dfd, const char __user *pathname, int flag)
{
	struct at_path p;

	if (flag & ~AT_REMOVEDIR)
		return -EINVAL;
	int err = at_get(&p, dfd, pathname);
	if (!err) {
		vfs_lock();
		err = flag ? do_rmdir_locked(&p) : do_unlink_locked(&p);
		vfs_unlock();
	}
	at_put(&p);
	return err;
}

long sys_unlink(const char __user *pathname)
{
	return sys_unlinkat(AT_FDCWD, pathname, 0);
}

long sys_rmdir(const char __user *pathname)
{
	return sys_unlinkat(AT_FDCWD, pathname, AT_REMOVEDIR);
}

long sys_symlinkat(const char __user *oldname, int newdfd,
		   const char __user *newname)
{
	char *target = getname(oldname, false);
	struct at_path p = { 0 };

	if (IS_ERR(target))
		return PTR_ERR(target);
	int err = at_get(&p, newdfd, newname);
	if (!err) {
		vfs_lock();
		err = at_parent(&p);
		if (!err)
			err = may_create(&p.nd, false);
		if (!err)
			err = vfs_symlink(p.nd.dir, p.nd.last, p.nd.last_len,
					  target);
		vfs_unlock();
	}
	at_put(&p);
	putname(target);
	return err;
}

long sys_symlink(const char __user *oldname, const char __user *newname)
{
	return sys_symlinkat(oldname, AT_FDCWD, newname);
}

/* *magic: the file a /proc/<pid>/fd/N link followed stands for, to be
 * fput after vfs_unlock (the link is to that file, whatever its name). */
static int do_link_locked(struct at_path *o, struct at_path *n, int flags,
			  struct file **magic)
{
	struct inode *old;
	int err = 0;
	if (!*o->name)		/* AT_EMPTY_PATH: the descriptor's file */
		old = o->dirf ? o->dirf->f_inode : current_pwd();
	else
		err = filename_lookup(dfd_inode(o->dirf), o->name, 0, &old);
	if (!err && *o->name && (flags & AT_SYMLINK_FOLLOW) && S_ISLNK(old->i_mode)) {
		*magic = proc_fd_link_file(old);
		if (*magic)
			old = (*magic)->f_inode;
		else
			err = filename_lookup(dfd_inode(o->dirf), o->name,
					      LOOKUP_FOLLOW, &old);
	}
	if (err)
		return err;
	err = at_parent(n);
	if (err)
		return err;
	/* A name in one file system for an inode of another (a /proc file,
	 * a pipe through /proc/self/fd) would outlive the inode there; an
	 * inode of none of ours (an eventfd's) has no file system at all.
	 * Linux's order: a name already there is EEXIST first. */
	if (!old || old->i_sb != n->nd.dir->i_sb)
		return last_is_normal(&n->nd) &&
		       !lookup_one(n->nd.dir, n->nd.last, n->nd.last_len) ?
		       -EXDEV : -EEXIST;
	err = may_create(&n->nd, false);
	if (err)
		return err;
	if (S_ISDIR(old->i_mode))
		return -EPERM;
	if (old->i_nlink == 0)
		return -ENOENT;
	err = n->nd.dir->i_op->link(old, n->nd.dir, n->nd.last, n->nd.last_len);
	if (!err)
		fsnotify_link(n->nd.dir, old, n->nd.last, n->nd.last_len);
	return err;
}

long sys_linkat(int olddfd, const char __user *oldname, int newdfd,
		const char __user *newname, int flags)
{
	struct at_path o = { 0 }, n = { 0 };
	struct file *magic = NULL;

	if (flags & ~(AT_SYMLINK_FOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	int err = flags & AT_EMPTY_PATH ? at_get_empty(&o, olddfd, oldname) :
		  at_get(&o, olddfd, oldname);
	if (!err)
		err = at_get(&n, newdfd, newname);
	if (!err) {
		vfs_lock();
		err = do_link_locked(&o, &n, flags, &magic);
		vfs_unlock();
	}
	if (magic)
		fput(magic);
	at_put(&o);
	at_put(&n);
	return err;
}

long sys_link(const char __user *oldname, const char __user *newname)
{
	return sys_linkat(AT_FDCWD, oldname, AT_FDCWD, newname, 0);
}

/* Whether dir is inode or lies below it (a directory into itself). */
static bool is_subdir(struct inode *dir, struct inode *inode)
{
	for (; dir; dir = dir->i_parent)
		if (dir == inode)
			return true;
	return false;
}

static int do_rename_locked(struct at_path *o, struct at_path *n,
			    unsigned int flags)
{
	int err = at_parent(o);

	if (!err)
		err = at_parent(n);
	if (err)
		return err;
	/* One file system to another is a copy, not a rename (Linux
	 * compares the mounts; here each super block is one mount). */
	if (o->nd.dir->i_sb != n->nd.dir->i_sb)
		return -EXDEV;
	if (!last_is_normal(&o->nd))
		return -EBUSY;
	if (!last_is_normal(&n->nd))
		return flags & RENAME_NOREPLACE ? -EEXIST : -EBUSY;
	struct inode *old = at_last(o);
	if (!old)
		return -ENOENT;
	struct inode *victim = at_last(n);
	bool dir = S_ISDIR(old->i_mode);
	if (!dir && (o->nd.trailing_slash || n->nd.trailing_slash))
		return -ENOTDIR;
	if ((flags & RENAME_NOREPLACE) && victim)
		return -EEXIST;
	if (victim == old)
		return 0;
	if (dir && is_subdir(n->nd.dir, old))
		return -EINVAL;
	/* Linux's vfs_rename: remove the old name, then make (or replace)
	 * the new one; a directory moving elsewhere rewrites its "..". */
	err = may_delete(o->nd.dir, old);
	if (!err)
		err = victim ? may_delete(n->nd.dir, victim) :
		      inode_permission(n->nd.dir, MAY_WRITE | MAY_EXEC);
	if (err)
		return err;
	if (victim && dir && !S_ISDIR(victim->i_mode))
		return -ENOTDIR;
	if (victim && !dir && S_ISDIR(victim->i_mode))
		return -EISDIR;
	if (victim && S_ISDIR(victim->i_mode) && !list_empty(&victim->i_dentries))
		return -ENOTEMPTY;
	if (dir && n->nd.dir != o->nd.dir &&
	    (err = inode_permission(old, MAY_WRITE)))
		return err;
	if (n->nd.dir->i_nlink == 0)
		return -ENOENT;
	/* A replaced inode is kept until the move is reported: its
	 * IN_DELETE_SELF comes after (Linux drops its dentry later). */
	if (victim)
		ihold(victim);
	err = o->nd.dir->i_op->rename(o->nd.dir, o->nd.last, o->nd.last_len,
				      n->nd.dir, n->nd.last, n->nd.last_len);
	if (!err)
		fsnotify_move(o->nd.dir, o->nd.last, o->nd.last_len,
			      n->nd.dir, n->nd.last, n->nd.last_len, old, victim);
	if (victim)
		iput_locked(victim);
	return err;
}

long sys_renameat2(int olddfd, const char __user *oldname, int newdfd,
		   const char __user *newname, unsigned int flags)
{
	struct at_path o = { 0 }, n = { 0 };

	if (flags & ~RENAME_NOREPLACE)
		return -EINVAL;
	int err = at_get(&o, olddfd, oldname);
	if (!err)
		err = at_get(&n, newdfd, newname);
	if (!err) {
		vfs_lock();
		err = do_rename_locked(&o, &n, flags);
		vfs_unlock();
	}
	at_put(&o);
	at_put(&n);
	return err;
}

long sys_renameat(int olddfd, const char __user *oldname, int newdfd,
		  const char __user *newname)
{
	return sys_renameat2(olddfd, oldname, newdfd, newname, 0);
}

long sys_rename(const char __user *oldname, const char __user *newname)
{
	return sys_renameat2(AT_FDCWD, oldname, AT_FDCWD, newname, 0);
}

long sys_readlinkat(int dfd, const char __user *pathname, char __user *buf,
		    int bufsiz)
{
	struct at_path p;
	struct inode *inode;

	if (bufsiz <= 0)
		return -EINVAL;
	int err = at_get(&p, dfd, pathname);
	char *link = NULL;
	int len = 0;
	if (!err) {
		/* The target into a kernel buffer under vfs_lock, out to
		 * the user after it (the user-copy rule). */
		vfs_lock();
		err = filename_lookup(dfd_inode(p.dirf), p.name, 0, &inode);
		if (!err && !S_ISLNK(inode->i_mode))
			err = -EINVAL;
		if (!err) {
			len = MIN(bufsiz, (int)inode->i_size);
			link = kmalloc(len ? len : 1, GFP_KERNEL);
			if (link)
				memcpy(link, inode->i_link, len);
			else
				err = -ENOMEM;
		}
		vfs_unlock();
	}
	if (link) {
		err = copy_to_user(buf, link, len) ? -EFAULT : len;
		kfree(link);
	}
	at_put(&p);
	return err;
}

long sys_readlink(const char __user *path, char __user *buf, int bufsiz)
{
	return sys_readlinkat(AT_FDCWD, path, buf, bufsiz);
}
