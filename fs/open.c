/*
 * open.c - open, openat, creat, and the calls that change an inode's
 * attributes: truncate, ftruncate, chmod, fchmod, fchmodat, access,
 * faccessat (Linux's fs/open.c, with do_filp_open from fs/namei.c).
 *
 * Opening resolves the name (creating it for O_CREAT), checks what the
 * flags demand of the inode's type, and makes a struct file that holds a
 * reference to the inode and uses the inode's i_fop: ramfs files and
 * directories, or a driver's operations for a device node.
 *
 * Everyone is root here, so permission bits are stored and reported but
 * only the x bits are ever checked (exec, access(X_OK)), as for root.
 *
 * Context: process context; vfs_lock as described in vfs.h.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/mm.h"
#include "kernel/sched.h"
#include "fs/fs.h"
#include "arch/x86_64/uaccess.h"

#define AT_SYMLINK_NOFOLLOW	0x100
#define AT_EACCESS		0x200
#define AT_EMPTY_PATH		0x1000
#define X_OK			1
#define F_OK			0
#define R_OK			4
#define W_OK			2

static int path_openat(struct nameidata *nd, const char *path, int flags,
		       umode_t mode, struct inode **res, bool *created);

/* O_CREAT met an existing symlink: open its target the same way. */
static int open_follow(struct nameidata *nd, struct inode *link, int flags,
		       umode_t mode, struct inode **res, bool *created)
{
	if (flags & O_NOFOLLOW)
		return -ELOOP;
	if (++nd->total_link_count > MAXSYMLINKS)
		return -ELOOP;
	if (!*link->i_link)
		return -ENOENT;
	struct nameidata sub = {
		.start = nd->dir,
		.total_link_count = nd->total_link_count,
	};
	return path_openat(&sub, link->i_link, flags, mode, res, created);
}

/* The O_CREAT half: find or make the last component. */
static int open_create(struct nameidata *nd, const char *path, int flags,
		       umode_t mode, struct inode **res, bool *created)
{
	int err = path_parentat(nd, path);

	if (err)
		return err;
	if (!last_is_normal(nd) || nd->trailing_slash)
		return -EISDIR;
	struct inode *inode = lookup_one(nd->dir, nd->last, nd->last_len);
	if (inode) {
		if (flags & O_EXCL)
			return -EEXIST;
		if (S_ISLNK(inode->i_mode))
			return open_follow(nd, inode, flags, mode, res, created);
		*res = inode;
		return 0;
	}
	if (nd->dir->i_nlink == 0)
		return -ENOENT;
	*created = true;
	return nd->dir->i_op->create(nd->dir, nd->last, nd->last_len,
				     mode & ~current->umask & S_IALLUGO, res);
}

static int path_openat(struct nameidata *nd, const char *path, int flags,
		       umode_t mode, struct inode **res, bool *created)
{
	if (flags & O_CREAT)
		return open_create(nd, path, flags, mode, res, created);
	unsigned lookup = flags & O_NOFOLLOW ? 0 : LOOKUP_FOLLOW;
	if (flags & O_DIRECTORY)
		lookup |= LOOKUP_DIRECTORY;
	/* O_NOFOLLOW leaves a symlink for may_open to refuse (ELOOP). */
	return path_lookupat(nd, path, lookup, res);
}

/* What the flags ask of the inode found (Linux's may_open), then
 * O_TRUNC.  vfs_lock held. */
static int may_open(struct inode *inode, int flags, bool created)
{
	bool write = (flags & O_ACCMODE) != O_RDONLY || (flags & O_TRUNC);

	if (S_ISLNK(inode->i_mode))
		return -ELOOP;		/* O_NOFOLLOW met a symlink */
	if (S_ISDIR(inode->i_mode) && (write || (flags & O_CREAT)))
		return -EISDIR;
	if ((flags & O_DIRECTORY) && !S_ISDIR(inode->i_mode))
		return -ENOTDIR;
	if (S_ISCHR(inode->i_mode) && !inode->i_fop)
		return -ENXIO;
	if (!inode->i_fop)
		return -ENXIO;
	if ((flags & O_TRUNC) && S_ISREG(inode->i_mode) && !created)
		return inode->i_op->setsize(inode, 0);
	return 0;
}

/* Open name relative to start with flags; an ERR_PTR on failure.
 * Takes vfs_lock. */
static struct file *do_filp_open(struct inode *start_or_null, struct file *dirf,
				 const char *name, int flags, umode_t mode)
{
	struct inode *inode;
	bool created = false;

	if ((flags & (O_CREAT | O_DIRECTORY)) == (O_CREAT | O_DIRECTORY))
		return ERR_PTR(-EINVAL);
	vfs_lock();
	struct nameidata nd = {
		.start = start_or_null ? start_or_null : dfd_inode(dirf),
	};
	int err = path_openat(&nd, name, flags, mode, &inode, &created);
	if (!err)
		err = may_open(inode, flags, created);
	if (!err)
		ihold(inode);
	vfs_unlock();
	if (err)
		return ERR_PTR(err);
	struct file *f = alloc_file(inode->i_fop, NULL, flags, "file");
	if (IS_ERR(f)) {
		iput(inode);
		return f;
	}
	f->f_inode = inode;
	return f;
}

struct file *filp_open(const char *path, int flags, umode_t mode)
{
	return do_filp_open(NULL, NULL, path, flags, mode);
}

long sys_openat(int dfd, const char __user *filename, int flags, unsigned int mode)
{
	char *name = getname(filename, false);

	if (IS_ERR(name))
		return PTR_ERR(name);
	struct file *dirf = dfd_file(dfd, name);
	struct file *f = IS_ERR(dirf) ? dirf :
			 do_filp_open(NULL, dirf, name, flags, mode);
	if (!IS_ERR_OR_NULL(dirf))
		fput(dirf);
	putname(name);
	if (IS_ERR(f))
		return PTR_ERR(f);
	int fd = fd_install_new(f, flags & O_CLOEXEC);
	if (fd < 0)
		fput(f);
	return fd;
}

long sys_open(const char __user *filename, int flags, unsigned int mode)
{
	return sys_openat(AT_FDCWD, filename, flags, mode);
}

long sys_creat(const char __user *pathname, unsigned int mode)
{
	return sys_open(pathname, O_CREAT | O_WRONLY | O_TRUNC, mode);
}

/*
 * Resolve a *at() path argument to an inode and run fn on it under
 * vfs_lock.  AT_EMPTY_PATH with "" means dfd itself (any kind of file).
 */
static long with_path_inode(int dfd, const char __user *upath, unsigned lookup,
			    bool empty_ok, long (*fn)(struct inode *, long),
			    long arg)
{
	char *name = getname(upath, empty_ok);
	if (IS_ERR(name))
		return PTR_ERR(name);
	struct inode *inode;
	long err;
	struct file *dirf = NULL;
	if (!*name) {
		dirf = fget(dfd);
		err = dfd == AT_FDCWD ? 0 : dirf ? 0 : -EBADF;
	} else {
		dirf = dfd_file(dfd, name);
		err = IS_ERR(dirf) ? PTR_ERR(dirf) : 0;
	}
	if (!err) {
		vfs_lock();
		if (!*name)
			inode = dirf ? dirf->f_inode : current_pwd();
		else
			err = filename_lookup(dfd_inode(dirf), name, lookup, &inode);
		if (!err)
			err = inode ? fn(inode, arg) : -EBADF;
		vfs_unlock();
	}
	if (!IS_ERR_OR_NULL(dirf))
		fput(dirf);
	putname(name);
	return err;
}

/* The inode behind fd and fn on it, under vfs_lock. */
static long with_fd_inode(unsigned int fd, long (*fn)(struct inode *, long),
			  long arg)
{
	struct file *f = fget(fd);

	if (!f)
		return -EBADF;
	vfs_lock();
	long err = f->f_inode ? fn(f->f_inode, arg) : -EINVAL;
	vfs_unlock();
	fput(f);
	return err;
}

static long do_truncate(struct inode *inode, long length)
{
	if (S_ISDIR(inode->i_mode))
		return -EISDIR;
	if (!S_ISREG(inode->i_mode))
		return -EINVAL;
	return inode->i_op->setsize(inode, length);
}

long sys_truncate(const char __user *path, long length)
{
	if (length < 0)
		return -EINVAL;
	return with_path_inode(AT_FDCWD, path, LOOKUP_FOLLOW, false,
			       do_truncate, length);
}

long sys_ftruncate(unsigned int fd, unsigned long length)
{
	if ((long)length < 0)
		return -EINVAL;
	struct file *f = fget(fd);
	if (!f)
		return -EBADF;
	long err;
	if (!(f->f_mode & FMODE_WRITE) || !f->f_inode ||
	    !S_ISREG(f->f_inode->i_mode)) {
		err = -EINVAL;
	} else {
		vfs_lock();
		err = do_truncate(f->f_inode, length);
		vfs_unlock();
	}
	fput(f);
	return err;
}

static long do_chmod(struct inode *inode, long mode)
{
	inode->i_mode = (inode->i_mode & S_IFMT) | (mode & S_IALLUGO);
	inode_touch(inode, false);
	return 0;
}

long sys_fchmodat(int dfd, const char __user *filename, unsigned int mode)
{
	return with_path_inode(dfd, filename, LOOKUP_FOLLOW, false, do_chmod,
			       mode);
}

long sys_chmod(const char __user *filename, unsigned int mode)
{
	return sys_fchmodat(AT_FDCWD, filename, mode);
}

long sys_fchmod(unsigned int fd, unsigned int mode)
{
	return with_fd_inode(fd, do_chmod, mode);
}

/* Root may read and write anything; executing needs an x bit somewhere
 * unless it is a directory (Linux's generic_permission for root). */
static long do_access(struct inode *inode, long mode)
{
	if ((mode & X_OK) && !S_ISDIR(inode->i_mode) && !(inode->i_mode & 0111))
		return -EACCES;
	return 0;
}

long sys_faccessat2(int dfd, const char __user *filename, int mode, int flags)
{
	if (mode & ~(R_OK | W_OK | X_OK))
		return -EINVAL;
	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EACCESS | AT_EMPTY_PATH))
		return -EINVAL;
	return with_path_inode(dfd, filename,
			       flags & AT_SYMLINK_NOFOLLOW ? 0 : LOOKUP_FOLLOW,
			       flags & AT_EMPTY_PATH, do_access, mode);
}

long sys_faccessat(int dfd, const char __user *filename, int mode)
{
	return sys_faccessat2(dfd, filename, mode, 0);
}

long sys_access(const char __user *filename, int mode)
{
	return sys_faccessat2(AT_FDCWD, filename, mode, 0);
}
