/*
 * fadvise.c - posix_fadvise's system call, fadvise64 (Linux's
 * mm/fadvise.c).
 *
 * Advice tells the page cache how a file will be read.  ramfs has no
 * backing store, so, like Linux for tmpfs (a noop backing device), it
 * takes any valid advice and does nothing with it; only the checks
 * remain, in Linux's order: EBADF, ESPIPE for a pipe, EINVAL for a
 * negative length, then EINVAL for advice it does not know.
 *
 * Context: process context.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "fs/fs.h"

#define POSIX_FADV_NORMAL	0
#define POSIX_FADV_RANDOM	1
#define POSIX_FADV_SEQUENTIAL	2
#define POSIX_FADV_WILLNEED	3
#define POSIX_FADV_DONTNEED	4
#define POSIX_FADV_NOREUSE	5

long sys_fadvise64(int fd, loff_t offset, loff_t len, int advice)
{
	struct file *f = fget(fd);

	(void)offset;
	if (!f)
		return -EBADF;
	umode_t mode = f->f_inode ? f->f_inode->i_mode : 0;
	long err = 0;
	if (S_ISFIFO(mode))
		err = -ESPIPE;
	else if (len < 0)
		err = -EINVAL;
	else if (advice < POSIX_FADV_NORMAL || advice > POSIX_FADV_NOREUSE)
		err = -EINVAL;
	fput(f);
	return err;
}
