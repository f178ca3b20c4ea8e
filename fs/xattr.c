/*
 * xattr.c - extended attributes: setxattr, getxattr, listxattr,
 * removexattr and their l* (the link itself) and f* (a descriptor)
 * variants (Linux's fs/xattr.c, with the simple_xattr store tmpfs
 * keeps in memory).
 *
 * An attribute is a name in a namespace ("user.", "trusted.",
 * "security.") and a value of up to 64 KiB.  The root ramfs stores all
 * three, as Linux's tmpfs does; /proc, pipes, sockets and the other
 * anonymous files have none (EOPNOTSUPP once the permission checks
 * pass).  The checks are Linux's xattr_permission: trusted.* needs uid
 * 0 (CAP_SYS_ADMIN; others read ENODATA and see none listed), user.*
 * exists only on regular files and directories (EPERM to write,
 * ENODATA to read elsewhere) and, in a sticky directory, only its owner
 * may write them; then the file's own read or write permission.
 *
 * LOCKING: an inode's attributes (i_xattrs) are under vfs_lock, like
 * the rest of a ramfs inode.  Names and values are copied from user
 * space into kernel buffers before vfs_lock is taken and out after it
 * is dropped, never under it.  Context: process context.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/mm.h"
#include "kernel/cred.h"
#include "fs/fs.h"
#include "fs/notify/fsnotify.h"
#include "arch/x86_64/uaccess.h"

#define XATTR_CREATE	0x1	/* set: fail with EEXIST if it exists */
#define XATTR_REPLACE	0x2	/* set: fail with ENODATA if it does not */
#define XATTR_NAME_MAX	255
#define XATTR_SIZE_MAX	65536
#define XATTR_LIST_MAX	65536

/* One attribute of a ramfs inode, on its i_xattrs (Linux's simple_xattr). */
struct simple_xattr {
	struct list_head list;
	size_t size;
	char *name;			/* points into value[], after the data */
	char value[];
};

static bool has_prefix(const char *name, const char *prefix)
{
	return !strncmp(name, prefix, strlen(prefix));
}

/* The namespaces a ramfs inode stores (tmpfs's handlers). */
static const char *const ramfs_prefixes[] = { "user.", "trusted.", "security." };

/* Linux's xattr_resolve_name: 0 if inode stores name, EOPNOTSUPP for a
 * namespace it has no handler for, EINVAL for a bare prefix. */
static int xattr_resolve_name(const struct inode *inode, const char *name)
{
	if (!inode || inode->i_sb != root_sb)
		return -EOPNOTSUPP;
	for (unsigned i = 0; i < ARRAY_SIZE(ramfs_prefixes); i++)
		if (has_prefix(name, ramfs_prefixes[i]))
			return name[strlen(ramfs_prefixes[i])] ? 0 : -EINVAL;
	return -EOPNOTSUPP;
}

/* Linux's xattr_permission; inode NULL is an anon_inode file (mode
 * 0600, no type). */
static int xattr_permission(struct inode *inode, const char *name, int mask)
{
	umode_t mode = inode ? inode->i_mode : 0600;

	if (has_prefix(name, "security.") || has_prefix(name, "system."))
		return 0;
	if (has_prefix(name, "trusted.")) {
		if (!capable(CAP_SYS_ADMIN))
			return mask & MAY_WRITE ? -EPERM : -ENODATA;
		return 0;
	}
	if (has_prefix(name, "user.")) {
		if (!S_ISREG(mode) && !S_ISDIR(mode))
			return mask & MAY_WRITE ? -EPERM : -ENODATA;
		if (S_ISDIR(mode) && (mode & S_ISVTX) && (mask & MAY_WRITE) &&
		    !inode_owner_or_capable(inode))
			return -EPERM;
	}
	return inode ? inode_permission(inode, mask) : 0;
}

static struct simple_xattr *xattr_find(struct inode *inode, const char *name)
{
	struct simple_xattr *x;

	list_for_each_entry(x, &inode->i_xattrs, list)
		if (!strcmp(x->name, name))
			return x;
	return NULL;
}

/* Set (value non-NULL) or remove (NULL) name (Linux's simple_xattr_set).
 * A new or replaced attribute goes last. */
static int simple_xattr_set(struct inode *inode, const char *name,
			    const void *value, size_t size, int flags)
{
	struct simple_xattr *old = xattr_find(inode, name), *new = NULL;

	if (old && (flags & XATTR_CREATE))
		return -EEXIST;
	if (!old && (flags & XATTR_REPLACE))
		return -ENODATA;
	if (value) {
		size_t nlen = strlen(name) + 1;
		new = kmalloc(sizeof(*new) + size + nlen, GFP_KERNEL);
		if (!new)
			return -ENOSPC;
		new->size = size;
		memcpy(new->value, value, size);
		new->name = new->value + size;
		memcpy(new->name, name, nlen);
		list_add_tail(&new->list, &inode->i_xattrs);
	}
	if (old) {
		list_del(&old->list);
		kfree(old);
	}
	inode_touch(inode, false);
	fsnotify_inode_event(inode, FS_ATTRIB);
	return 0;
}

void simple_xattrs_free(struct inode *inode)
{
	struct simple_xattr *x, *tmp;

	list_for_each_entry_safe(x, tmp, &inode->i_xattrs, list)
		kfree(x);
	INIT_LIST_HEAD(&inode->i_xattrs);
}

/* What one call carries between its user copies and vfs_lock. */
struct xattr_ctx {
	char name[XATTR_NAME_MAX + 1];
	void *kvalue;			/* kernel copy of the value */
	size_t size;
	int flags;			/* setxattr's XATTR_CREATE/REPLACE */
	enum { XATTR_GET, XATTR_SET, XATTR_REMOVE, XATTR_LIST } op;
};

/* Linux's import_xattr_name: ERANGE for "" and names over 255. */
static int import_xattr_name(char *kname, const char __user *uname)
{
	long n = strncpy_from_user(kname, uname, XATTR_NAME_MAX + 1);

	if (n == 0 || n == XATTR_NAME_MAX + 1)
		return -ERANGE;
	return n < 0 ? -EFAULT : 0;
}

/* The part under vfs_lock, for every call. */
static long xattr_locked(struct inode *inode, long arg)
{
	struct xattr_ctx *ctx = (struct xattr_ctx *)arg;

	if (ctx->op == XATTR_LIST) {
		if (!inode || inode->i_sb != root_sb)
			return 0;		/* none, as Linux's LSM-less default */
		size_t total = 0;
		struct simple_xattr *x;
		list_for_each_entry(x, &inode->i_xattrs, list) {
			if (has_prefix(x->name, "trusted.") && !capable(CAP_SYS_ADMIN))
				continue;
			size_t len = strlen(x->name) + 1;
			if (ctx->size) {
				if (total + len > ctx->size)
					return -ERANGE;
				memcpy((char *)ctx->kvalue + total, x->name, len);
			}
			total += len;
		}
		return total;
	}
	bool write = ctx->op != XATTR_GET;
	long err = xattr_permission(inode, ctx->name, write ? MAY_WRITE : MAY_READ);
	if (!err)
		err = xattr_resolve_name(inode, ctx->name);
	if (err)
		return err;
	if (ctx->op == XATTR_REMOVE)
		return simple_xattr_set(inode, ctx->name, NULL, 0, XATTR_REPLACE);
	if (write)
		return simple_xattr_set(inode, ctx->name,
					ctx->kvalue ? ctx->kvalue : "", ctx->size,
					ctx->flags);
	struct simple_xattr *x = xattr_find(inode, ctx->name);
	if (!x)
		return -ENODATA;
	if (ctx->size) {
		if (ctx->size < x->size)
			return -ERANGE;
		memcpy(ctx->kvalue, x->value, x->size);
	}
	return x->size;
}

/* Run the locked part on a path (follow: not an l* call) or on fd
 * (path NULL). */
static long xattr_on(const char __user *path, bool follow, int fd,
		     struct xattr_ctx *ctx)
{
	if (path)
		return with_path_inode(AT_FDCWD, path, follow ? LOOKUP_FOLLOW : 0,
				       false, xattr_locked, (long)ctx);
	struct file *f = fget(fd);
	if (!f)
		return -EBADF;
	vfs_lock();
	long err = xattr_locked(f->f_inode, (long)ctx);
	vfs_unlock();
	fput(f);
	return err;
}

static long do_setxattr(const char __user *path, bool follow, int fd,
			const char __user *name, const void __user *value,
			size_t size, int flags)
{
	struct xattr_ctx *ctx = kzalloc(sizeof(*ctx), GFP_KERNEL);
	long err;

	if (!ctx)
		return -ENOMEM;
	ctx->op = XATTR_SET;
	ctx->flags = flags;
	ctx->size = size;
	if (flags & ~(XATTR_CREATE | XATTR_REPLACE))
		err = -EINVAL;
	else
		err = import_xattr_name(ctx->name, name);
	if (!err && size) {
		if (size > XATTR_SIZE_MAX)
			err = -E2BIG;
		else if (!(ctx->kvalue = kmalloc(size, GFP_KERNEL)))
			err = -ENOMEM;
		else if (copy_from_user(ctx->kvalue, value, size))
			err = -EFAULT;
	}
	if (!err)
		err = xattr_on(path, follow, fd, ctx);
	kfree(ctx->kvalue);
	kfree(ctx);
	return err;
}

/* getxattr and listxattr: a kernel buffer of at most 64 KiB, copied
 * out after the lock; ERANGE with a full-size buffer is E2BIG. */
static long do_getxattr(const char __user *path, bool follow, int fd,
			const char __user *name, void __user *value,
			size_t size, bool list)
{
	struct xattr_ctx *ctx = kzalloc(sizeof(*ctx), GFP_KERNEL);
	long err = 0;

	if (!ctx)
		return -ENOMEM;
	ctx->op = list ? XATTR_LIST : XATTR_GET;
	if (!list)
		err = import_xattr_name(ctx->name, name);
	size_t max = list ? XATTR_LIST_MAX : XATTR_SIZE_MAX;
	ctx->size = MIN(size, max);
	if (!err && ctx->size && !(ctx->kvalue = kzalloc(ctx->size, GFP_KERNEL)))
		err = -ENOMEM;
	if (!err)
		err = xattr_on(path, follow, fd, ctx);
	if (err > 0 && ctx->size && copy_to_user(value, ctx->kvalue, err))
		err = -EFAULT;
	else if (err == -ERANGE && size >= max)
		err = -E2BIG;
	kfree(ctx->kvalue);
	kfree(ctx);
	return err;
}

static long do_removexattr(const char __user *path, bool follow, int fd,
			   const char __user *name)
{
	struct xattr_ctx *ctx = kzalloc(sizeof(*ctx), GFP_KERNEL);

	if (!ctx)
		return -ENOMEM;
	ctx->op = XATTR_REMOVE;
	long err = import_xattr_name(ctx->name, name);
	if (!err)
		err = xattr_on(path, follow, fd, ctx);
	kfree(ctx);
	return err;
}

long sys_setxattr(const char __user *path, const char __user *name,
		  const void __user *value, size_t size, int flags)
{
	return do_setxattr(path, true, -1, name, value, size, flags);
}

long sys_lsetxattr(const char __user *path, const char __user *name,
		   const void __user *value, size_t size, int flags)
{
	return do_setxattr(path, false, -1, name, value, size, flags);
}

long sys_fsetxattr(int fd, const char __user *name, const void __user *value,
		   size_t size, int flags)
{
	return do_setxattr(NULL, false, fd, name, value, size, flags);
}

long sys_getxattr(const char __user *path, const char __user *name,
		  void __user *value, size_t size)
{
	return do_getxattr(path, true, -1, name, value, size, false);
}

long sys_lgetxattr(const char __user *path, const char __user *name,
		   void __user *value, size_t size)
{
	return do_getxattr(path, false, -1, name, value, size, false);
}

long sys_fgetxattr(int fd, const char __user *name, void __user *value,
		   size_t size)
{
	return do_getxattr(NULL, false, fd, name, value, size, false);
}

long sys_listxattr(const char __user *path, char __user *list, size_t size)
{
	return do_getxattr(path, true, -1, NULL, list, size, true);
}

long sys_llistxattr(const char __user *path, char __user *list, size_t size)
{
	return do_getxattr(path, false, -1, NULL, list, size, true);
}

long sys_flistxattr(int fd, char __user *list, size_t size)
{
	return do_getxattr(NULL, false, fd, NULL, list, size, true);
}

long sys_removexattr(const char __user *path, const char __user *name)
{
	return do_removexattr(path, true, -1, name);
}

long sys_lremovexattr(const char __user *path, const char __user *name)
{
	return do_removexattr(path, false, -1, name);
}

long sys_fremovexattr(int fd, const char __user *name)
{
	return do_removexattr(NULL, false, fd, name);
}
