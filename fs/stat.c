/*
 * stat.c - stat, fstat, lstat, newfstatat and statx (Linux's fs/stat.c).
 *
 * Every call fills one kernel struct kstat from the inode under vfs_lock
 * and then copies out the layout the caller asked for.  A file without an
 * inode (an epoll or eventfd file) looks like Linux's anonymous inode: no
 * type bits, mode 0600.
 *
 * Context: process context.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/mm.h"
#include "fs/fs.h"
#include "arch/x86_64/uaccess.h"

#define AT_SYMLINK_NOFOLLOW	0x100
#define AT_NO_AUTOMOUNT		0x800
#define AT_EMPTY_PATH		0x1000
#define AT_STATX_SYNC_TYPE	0x6000
#define STATX_BASIC_STATS	0x7ffU
#define RAMFS_DEV		MKDEV(0, 1)	/* st_dev of the root ramfs */
#define PROC_DEV		MKDEV(0, 2)	/* /proc (proc_namespace.c) */
#define ANON_DEV		MKDEV(0, 13)

struct kstat {
	u64 dev, ino, nlink, rdev, size, blocks;
	u32 mode, uid, gid;
	struct timespec64 atime, mtime, ctime;
};

/* x86-64's struct stat, as the system call returns it. */
struct stat {
	u64 st_dev, st_ino, st_nlink;
	u32 st_mode, st_uid, st_gid, __pad0;
	u64 st_rdev;
	s64 st_size, st_blksize, st_blocks;
	struct timespec64 st_atim, st_mtim, st_ctim;
	s64 __unused[3];
};

struct statx_timestamp {
	s64 tv_sec;
	u32 tv_nsec;
	s32 __reserved;
};

struct statx {
	u32 stx_mask, stx_blksize;
	u64 stx_attributes;
	u32 stx_nlink, stx_uid, stx_gid;
	u16 stx_mode, __spare0;
	u64 stx_ino, stx_size, stx_blocks, stx_attributes_mask;
	struct statx_timestamp stx_atime, stx_btime, stx_ctime, stx_mtime;
	u32 stx_rdev_major, stx_rdev_minor, stx_dev_major, stx_dev_minor;
	u64 __spare2[14];
};

/* Blocks of 512 bytes actually held: holes cost nothing. */
static u64 count_blocks(struct inode *inode)
{
	u64 pages = 0;

	for (unsigned long i = 0; i < inode->i_npages; i++)
		pages += inode->i_pages[i] != NULL;
	return pages * (PAGE_SIZE / 512);
}

/* vfs_lock held; inode may be NULL (anonymous). */
static void generic_fillattr(struct inode *inode, struct kstat *st)
{
	memset(st, 0, sizeof(*st));
	if (!inode) {
		st->mode = 0600;
		st->nlink = 1;
		st->dev = ANON_DEV;
		return;
	}
	st->dev = !inode->i_sb ? ANON_DEV : inode->i_sb == root_sb ? RAMFS_DEV :
		  PROC_DEV;
	st->ino = inode->i_ino;
	st->mode = inode->i_mode;
	st->uid = inode->i_uid;
	st->gid = inode->i_gid;
	st->nlink = inode->i_nlink;
	st->rdev = inode->i_rdev;
	st->size = inode->i_size;
	st->blocks = count_blocks(inode);
	st->atime = inode->i_atime;
	st->mtime = inode->i_mtime;
	st->ctime = inode->i_ctime;
}

static int cp_new_stat(const struct kstat *k, struct stat __user *ubuf)
{
	struct stat st = {
		.st_dev = k->dev, .st_ino = k->ino, .st_nlink = k->nlink,
		.st_mode = k->mode, .st_uid = k->uid, .st_gid = k->gid,
		.st_rdev = k->rdev, .st_size = k->size,
		.st_blksize = PAGE_SIZE, .st_blocks = k->blocks,
		.st_atim = k->atime, .st_mtim = k->mtime, .st_ctim = k->ctime,
	};
	return copy_to_user(ubuf, &st, sizeof(st)) ? -EFAULT : 0;
}

static struct statx_timestamp stx_time(struct timespec64 t)
{
	return (struct statx_timestamp){ .tv_sec = t.tv_sec,
					 .tv_nsec = t.tv_nsec };
}

static int cp_statx(const struct kstat *k, struct statx __user *ubuf)
{
	struct statx sx = {
		.stx_mask = STATX_BASIC_STATS, .stx_blksize = PAGE_SIZE,
		.stx_nlink = k->nlink, .stx_mode = k->mode, .stx_ino = k->ino,
		.stx_uid = k->uid, .stx_gid = k->gid,
		.stx_size = k->size, .stx_blocks = k->blocks,
		.stx_atime = stx_time(k->atime), .stx_ctime = stx_time(k->ctime),
		.stx_mtime = stx_time(k->mtime),
		.stx_rdev_major = k->rdev >> 8, .stx_rdev_minor = k->rdev & 0xff,
		.stx_dev_major = k->dev >> 8, .stx_dev_minor = k->dev & 0xff,
	};
	return copy_to_user(ubuf, &sx, sizeof(sx)) ? -EFAULT : 0;
}

/* Fill *st for dfd/name with the *at() flags (Linux's vfs_statx). */
static int vfs_statx(int dfd, const char __user *filename, int flags,
		     struct kstat *st)
{
	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT | AT_EMPTY_PATH |
		      AT_STATX_SYNC_TYPE))
		return -EINVAL;
	char *name = getname(filename, flags & AT_EMPTY_PATH);
	if (IS_ERR(name))
		return PTR_ERR(name);
	struct file *dirf;
	int err = 0;
	if (!*name)
		dirf = dfd == AT_FDCWD ? NULL : fget_raw(dfd) ?: ERR_PTR(-EBADF);
	else
		dirf = dfd_file(dfd, name);
	if (IS_ERR(dirf)) {
		putname(name);
		return PTR_ERR(dirf);
	}
	vfs_lock();
	struct inode *inode = dfd_inode(dirf);
	if (*name)
		err = filename_lookup(inode, name, flags & AT_SYMLINK_NOFOLLOW ?
				      0 : LOOKUP_FOLLOW, &inode);
	if (!err)
		generic_fillattr(inode, st);
	vfs_unlock();
	if (dirf)
		fput(dirf);
	putname(name);
	return err;
}

long sys_newfstatat(int dfd, const char __user *filename,
		    struct stat __user *statbuf, int flag)
{
	struct kstat st;
	int err = vfs_statx(dfd, filename, flag, &st);

	return err ? err : cp_new_stat(&st, statbuf);
}

long sys_newstat(const char __user *filename, struct stat __user *statbuf)
{
	return sys_newfstatat(AT_FDCWD, filename, statbuf, 0);
}

long sys_newlstat(const char __user *filename, struct stat __user *statbuf)
{
	return sys_newfstatat(AT_FDCWD, filename, statbuf, AT_SYMLINK_NOFOLLOW);
}

long sys_newfstat(unsigned int fd, struct stat __user *statbuf)
{
	struct file *f = fget_raw(fd);
	struct kstat st;

	if (!f)
		return -EBADF;
	vfs_lock();
	generic_fillattr(f->f_inode, &st);
	vfs_unlock();
	fput(f);
	return cp_new_stat(&st, statbuf);
}

long sys_statx(int dfd, const char __user *filename, unsigned int flags,
	       unsigned int mask, struct statx __user *buffer)
{
	struct kstat st;

	(void)mask;	/* everything basic is cheap: always all of it */
	if ((flags & AT_STATX_SYNC_TYPE) == AT_STATX_SYNC_TYPE)
		return -EINVAL;
	int err = vfs_statx(dfd, filename, flags, &st);
	return err ? err : cp_statx(&st, buffer);
}
