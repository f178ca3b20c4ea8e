/*
 * sync.c - sync, syncfs, fsync, fdatasync and sync_file_range (Linux's
 * fs/sync.c).
 *
 * Nothing here has a disk behind it: ramfs holds the only copy of its
 * data in memory, as tmpfs does, so there is never anything to write
 * back and every call that may succeed succeeds at once.  What is left
 * is which files may be synced at all, and that is Linux's answer:
 * fsync needs a file whose operations have ->fsync, which tmpfs's
 * regular files and directories have (noop_fsync) and pipes, sockets,
 * eventfds, /proc files and the character devices do not (EINVAL).
 *
 * Context: process context.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "fs/fs.h"

#define SYNC_FILE_RANGE_WAIT_BEFORE	1
#define SYNC_FILE_RANGE_WRITE		2
#define SYNC_FILE_RANGE_WAIT_AFTER	4
#define SYNC_FILE_RANGE_VALID		7

/* Whether f has an ->fsync in Linux's terms (f_inode is stable while
 * the file is open). */
static bool file_has_fsync(const struct file *f)
{
	const struct inode *inode = f->f_inode;

	return inode && inode->i_sb == root_sb &&
	       (S_ISREG(inode->i_mode) || S_ISDIR(inode->i_mode));
}

/* Linux's vfs_fsync_range, with nothing to write back. */
static long do_fsync(unsigned int fd)
{
	struct file *f = fget(fd);

	if (!f)
		return -EBADF;
	long err = file_has_fsync(f) ? 0 : -EINVAL;
	fput(f);
	return err;
}

long sys_fsync(unsigned int fd)
{
	return do_fsync(fd);
}

long sys_fdatasync(unsigned int fd)
{
	return do_fsync(fd);
}

long sys_sync(void)
{
	return 0;
}

/* Any open file names a filesystem, even a pipe's (pipefs). */
long sys_syncfs(int fd)
{
	struct file *f = fget(fd);

	if (!f)
		return -EBADF;
	fput(f);
	return 0;
}

/* The checks of Linux's sync_file_range, in its order. */
long sys_sync_file_range(int fd, loff_t offset, loff_t nbytes,
			 unsigned int flags)
{
	struct file *f = fget(fd);

	if (!f)
		return -EBADF;
	long err = 0;
	loff_t endbyte = (loff_t)((u64)offset + (u64)nbytes);
	umode_t mode = f->f_inode ? f->f_inode->i_mode : 0;
	if (flags & ~SYNC_FILE_RANGE_VALID)
		err = -EINVAL;
	else if (offset < 0 || endbyte < 0 || endbyte < offset)
		err = -EINVAL;
	else if (!S_ISREG(mode) && !S_ISDIR(mode) && !S_ISLNK(mode))
		err = -ESPIPE;
	fput(f);
	return err;
}
