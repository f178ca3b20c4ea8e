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
 * Permissions are Linux's without ACLs: the mode bits for the owner,
 * the group or others (fs/namei.c's inode_permission), and what uid 0
 * may do beyond them (kernel/cred.h).  access() asks with the real ids.
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
	err = inode_permission(nd->dir, MAY_WRITE | MAY_EXEC);
	if (err)
		return err;
	*created = true;
	err = nd->dir->i_op->create(nd->dir, nd->last, nd->last_len,
				    mode & ~current_umask() & S_IALLUGO, res);
	if (!err)
		fsnotify_create(nd->dir, nd->last, nd->last_len);
	return err;
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

/* The MAY_* bits an open with flags asks for (Linux's build_open_flags:
 * O_TRUNC needs write permission too). */
static int open_acc_mode(int flags)
{
	int acc = 0;

	if ((flags & O_ACCMODE) != O_WRONLY)
		acc |= MAY_READ;
	if ((flags & O_ACCMODE) != O_RDONLY || (flags & O_TRUNC))
		acc |= MAY_WRITE;
	return acc;
}

/* Whether this open empties the file (O_TRUNC on a regular file it
 * did not create). */
static bool open_truncates(struct inode *inode, int flags, bool created)
{
	return (flags & O_TRUNC) && S_ISREG(inode->i_mode) && !created;
}

/* What the flags ask of the inode found (Linux's may_open), then
 * O_TRUNC.  A file this open created is not checked against its own
 * mode: creat("f", 0) may write what it made.  vfs_lock held. */
static int may_open(struct inode *inode, int flags, bool created)
{
	int acc = open_acc_mode(flags);

	if (S_ISLNK(inode->i_mode))
		return -ELOOP;		/* O_NOFOLLOW met a symlink */
	if (S_ISDIR(inode->i_mode) && ((acc & MAY_WRITE) || (flags & O_CREAT)))
		return -EISDIR;
	if ((flags & O_DIRECTORY) && !S_ISDIR(inode->i_mode))
		return -ENOTDIR;
	if (!created) {
		int err = inode_permission(inode, acc);
		if (err)
			return err;
	}
	if (S_ISCHR(inode->i_mode) && !inode->i_fop)
		return -ENXIO;
	if (!inode->i_fop)
		return -ENXIO;
	if (open_truncates(inode, flags, created))
		return inode->i_op->setsize(inode, 0);
	return 0;
}

/* An O_PATH file's operations: none (Linux's empty_fops); fget()
 * keeps every I/O call away from it anyway. */
static const struct file_operations path_fops;

/*
 * open(O_PATH): a descriptor that only names a place in the tree.  Only
 * O_CLOEXEC, O_DIRECTORY and O_NOFOLLOW count (O_NOFOLLOW opens a
 * symlink itself); the file's own permissions are not checked (only
 * search on the way), nothing is created or truncated, and a device's
 * or FIFO's open is never called (Linux's do_o_path).
 */
static struct file *open_path(struct inode *start_or_null, struct file *dirf,
			      const char *name, int flags)
{
	struct inode *inode;
	unsigned lookup = flags & O_NOFOLLOW ? 0 : LOOKUP_FOLLOW;

	if (flags & O_DIRECTORY)
		lookup |= LOOKUP_DIRECTORY;
	vfs_lock();
	struct nameidata nd = {
		.start = start_or_null ? start_or_null : dfd_inode(dirf),
	};
	int err = path_lookupat(&nd, name, lookup, &inode);
	if (!err)
		ihold(inode);
	vfs_unlock();
	if (err)
		return ERR_PTR(err);
	flags &= O_PATH | O_DIRECTORY | O_NOFOLLOW;
	struct file *f = alloc_file(&path_fops, NULL, flags, "file");
	if (IS_ERR(f)) {
		iput(inode);
		return f;
	}
	f->f_mode = FMODE_PATH;
	f->f_inode = inode;
	return f;
}

/* Open name relative to start with flags; an ERR_PTR on failure.
 * Takes vfs_lock. */
static struct file *do_filp_open(struct inode *start_or_null, struct file *dirf,
				 const char *name, int flags, umode_t mode)
{
	struct inode *inode;
	bool created = false;

	if (flags & O_PATH)
		return open_path(start_or_null, dirf, name, flags);
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
	if (f->f_op && f->f_op->open) {
		err = f->f_op->open(inode, f);
		if (err) {
			fput(f);
			return ERR_PTR(err);
		}
	}
	/* IN_OPEN, then O_TRUNC's IN_MODIFY (Linux truncates after the
	 * open is reported). */
	f->f_mode |= FMODE_OPENED;
	fsnotify_open(f);
	if (open_truncates(inode, flags, created))
		fsnotify_modify(f);
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
long with_path_inode(int dfd, const char __user *upath, unsigned lookup,
		     bool empty_ok, long (*fn)(struct inode *, long), long arg)
{
	char *name = getname(upath, empty_ok);
	if (IS_ERR(name))
		return PTR_ERR(name);
	struct inode *inode;
	long err;
	struct file *dirf = NULL;
	if (!*name) {
		dirf = fget_raw(dfd);
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

/* The inode behind fd and fn on it, under vfs_lock.  O_PATH
 * descriptors too: Linux 6.x lets fchmod and fchown through them.  A
 * file with no inode of ours (an eventfd, an epoll) stands for Linux's
 * anonymous inode, which takes no attribute change: EOPNOTSUPP. */
long with_fd_inode(unsigned int fd, long (*fn)(struct inode *, long),
		   long arg)
{
	struct file *f = fget_raw(fd);

	if (!f)
		return -EBADF;
	vfs_lock();
	long err = f->f_inode ? fn(f->f_inode, arg) : -EOPNOTSUPP;
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
	long err = memfd_resize_allowed(inode, length);	/* seals */
	if (!err)
		err = inode->i_op->setsize(inode, length);
	if (!err)
		fsnotify_inode_event(inode, FS_MODIFY);
	return err;
}

/* truncate by name needs write permission; ftruncate needs only a file
 * opened for writing. */
static long do_truncate_path(struct inode *inode, long length)
{
	if (S_ISDIR(inode->i_mode))
		return -EISDIR;
	if (!S_ISREG(inode->i_mode))
		return -EINVAL;
	long err = inode_permission(inode, MAY_WRITE);
	return err ? err : do_truncate(inode, length);
}

long sys_truncate(const char __user *path, long length)
{
	if (length < 0)
		return -EINVAL;
	return with_path_inode(AT_FDCWD, path, LOOKUP_FOLLOW, false,
			       do_truncate_path, length);
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

/* Only the owner or uid 0; set-group-id survives only for a member of
 * the file's group (Linux's setattr_prepare and setattr_copy). */
static long do_chmod(struct inode *inode, long mode)
{
	if (!inode_owner_or_capable(inode))
		return -EPERM;
	mode &= S_IALLUGO;
	if (!in_group_p(inode->i_gid) && !capable(CAP_FSETID))
		mode &= ~S_ISGID;
	inode->i_mode = (inode->i_mode & S_IFMT) | mode;
	inode_touch(inode, false);
	fsnotify_inode_event(inode, FS_ATTRIB);
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

/* R_OK, W_OK and X_OK are MAY_READ, MAY_WRITE and MAY_EXEC. */
static long do_access(struct inode *inode, long mode)
{
	return inode_permission(inode, mode);
}

/*
 * access() answers for the real ids: "could the user who ran me do
 * this?" (what a set-user-id program asks).  Linux runs the lookup with
 * a cred whose fsuid/fsgid are the real ones (override_creds); so do we.
 * AT_EACCESS asks with the effective ids instead.
 */
long sys_faccessat2(int dfd, const char __user *filename, int mode, int flags)
{
	if (mode & ~(R_OK | W_OK | X_OK))
		return -EINVAL;
	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EACCESS | AT_EMPTY_PATH))
		return -EINVAL;
	const struct cred *old = NULL;
	const struct cred *cred = current_cred();
	if (!(flags & AT_EACCESS) &&
	    (cred->fsuid != cred->uid || cred->fsgid != cred->gid)) {
		struct cred *real = prepare_creds();
		if (!real)
			return -ENOMEM;
		real->fsuid = real->uid;
		real->fsgid = real->gid;
		old = override_creds(real);
	}
	long err = with_path_inode(dfd, filename,
				   flags & AT_SYMLINK_NOFOLLOW ? 0 : LOOKUP_FOLLOW,
				   flags & AT_EMPTY_PATH, do_access, mode);
	if (old)
		revert_creds(old);
	return err;
}

long sys_faccessat(int dfd, const char __user *filename, int mode)
{
	return sys_faccessat2(dfd, filename, mode, 0);
}

long sys_access(const char __user *filename, int mode)
{
	return sys_faccessat2(AT_FDCWD, filename, mode, 0);
}

/*
 * chown: only uid 0 (CAP_CHOWN) may give a file away; the owner may
 * change its group to one it is in.  -1 leaves an id as it is.  A
 * change of a regular file's owner or group clears its set-user-id bit
 * and its set-group-id bit where that means "run as" (group x set), for
 * anyone, uid 0 included (Linux's chown_common).  The ids come packed
 * in one argument: uid in the high half.
 */
static long do_chown(struct inode *inode, long ids)
{
	uid_t uid = (u64)ids >> 32;
	gid_t gid = (u32)ids;
	bool owner = current_fsuid() == inode->i_uid;

	if (uid != INVALID_UID && !(owner && uid == inode->i_uid) &&
	    !capable(CAP_CHOWN))
		return -EPERM;
	if (gid != INVALID_UID &&
	    !(owner && (gid == inode->i_gid || in_group_p(gid))) &&
	    !capable(CAP_CHOWN))
		return -EPERM;
	if (uid != INVALID_UID)
		inode->i_uid = uid;
	if (gid != INVALID_UID)
		inode->i_gid = gid;
	if (!S_ISDIR(inode->i_mode)) {
		inode->i_mode &= ~S_ISUID;
		if (inode->i_mode & S_IXGRP)
			inode->i_mode &= ~S_ISGID;
	}
	inode_touch(inode, false);
	/* chown(-1, -1) changes nothing Linux reports. */
	if (uid != INVALID_UID || gid != INVALID_UID)
		fsnotify_inode_event(inode, FS_ATTRIB);
	return 0;
}

static long chown_ids(uid_t uid, gid_t gid)
{
	return (long)((u64)uid << 32 | gid);
}

long sys_fchownat(int dfd, const char __user *filename, uid_t user,
		  gid_t group, int flag)
{
	if (flag & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	return with_path_inode(dfd, filename,
			       flag & AT_SYMLINK_NOFOLLOW ? 0 : LOOKUP_FOLLOW,
			       flag & AT_EMPTY_PATH, do_chown,
			       chown_ids(user, group));
}

long sys_chown(const char __user *filename, uid_t user, gid_t group)
{
	return sys_fchownat(AT_FDCWD, filename, user, group, 0);
}

long sys_lchown(const char __user *filename, uid_t user, gid_t group)
{
	return sys_fchownat(AT_FDCWD, filename, user, group,
			    AT_SYMLINK_NOFOLLOW);
}

long sys_fchown(unsigned int fd, uid_t user, gid_t group)
{
	return with_fd_inode(fd, do_chown, chown_ids(user, group));
}

/*
 * fallocate (Linux's vfs_fallocate): the checks in Linux's order, so
 * each bad call gets the errno Linux gives; then the filesystem's
 * fallocate, which for ramfs allows what tmpfs allows (KEEP_SIZE and
 * PUNCH_HOLE; ZERO_RANGE, COLLAPSE_RANGE and INSERT_RANGE are
 * EOPNOTSUPP there).
 */
#define FALLOC_FL_WRITE_ZEROES	0x80
#define FALLOC_FL_MODE_MASK	(FALLOC_FL_PUNCH_HOLE | FALLOC_FL_COLLAPSE_RANGE | \
				 FALLOC_FL_ZERO_RANGE | FALLOC_FL_INSERT_RANGE | \
				 FALLOC_FL_UNSHARE_RANGE | FALLOC_FL_WRITE_ZEROES)
#define RAMFS_FALLOC_MODES	(FALLOC_FL_KEEP_SIZE | FALLOC_FL_PUNCH_HOLE)

static int vfs_fallocate(struct file *f, int mode, loff_t offset, loff_t len)
{
	struct inode *inode = f->f_inode;

	if (offset < 0 || len <= 0)
		return -EINVAL;
	if (mode & ~(FALLOC_FL_MODE_MASK | FALLOC_FL_KEEP_SIZE))
		return -EOPNOTSUPP;
	/* One mode at a time (Linux 6.x): the bits are not combinable. */
	switch (mode & FALLOC_FL_MODE_MASK) {
	case 0:				/* allocate */
	case FALLOC_FL_UNSHARE_RANGE:
	case FALLOC_FL_ZERO_RANGE:
	case FALLOC_FL_WRITE_ZEROES:
		break;
	case FALLOC_FL_PUNCH_HOLE:
		if (!(mode & FALLOC_FL_KEEP_SIZE))
			return -EOPNOTSUPP;
		break;
	case FALLOC_FL_COLLAPSE_RANGE:
	case FALLOC_FL_INSERT_RANGE:
		if (mode & FALLOC_FL_KEEP_SIZE)
			return -EOPNOTSUPP;
		break;
	default:
		return -EOPNOTSUPP;
	}
	if (!(f->f_mode & FMODE_WRITE))
		return -EBADF;
	umode_t imode = inode ? inode->i_mode : 0;
	if (S_ISFIFO(imode))
		return -ESPIPE;
	if (S_ISDIR(imode))
		return -EISDIR;
	if (!S_ISREG(imode))
		return -ENODEV;
	if ((loff_t)((u64)offset + (u64)len) < 0)
		return -EFBIG;		/* wrapped through zero */
	if (inode->i_sb != root_sb || (mode & ~RAMFS_FALLOC_MODES))
		return -EOPNOTSUPP;
	vfs_lock();
	int err = ramfs_fallocate(inode, mode, offset, len);
	vfs_unlock();
	if (!err)
		fsnotify_modify(f);
	return err;
}

long sys_fallocate(int fd, int mode, loff_t offset, loff_t len)
{
	struct file *f = fget(fd);

	if (!f)
		return -EBADF;
	long err = vfs_fallocate(f, mode, offset, len);
	fput(f);
	return err;
}
