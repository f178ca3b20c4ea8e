/*
 * read_write.c - read, write, their vectored forms, and lseek.
 *
 * The system calls find the struct file behind the descriptor, check the
 * mode it was opened with, and hand over to f_op; every user buffer is
 * passed on as a __user pointer and touched only by the driver's
 * copy_to_user/copy_from_user, so a bad pointer is -EFAULT wherever it is
 * noticed.  Process context; the driver may sleep.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/mm.h"
#include "fs/fs.h"
#include "arch/x86_64/uaccess.h"

/* Linux caps one transfer at INT_MAX rounded down to a page. */
#define MAX_RW_COUNT	(0x7fffffffUL & PAGE_MASK)
#define UIO_MAXIOV	1024

struct iovec {
	void __user *iov_base;
	size_t iov_len;
};

static ssize_t vfs_read(struct file *f, char __user *buf, size_t count)
{
	if (!(f->f_mode & FMODE_READ) || !f->f_op->read)
		return -EBADF;
	if (!access_ok(buf, count))
		return -EFAULT;
	return f->f_op->read(f, buf, MIN(count, MAX_RW_COUNT), &f->f_pos);
}

static ssize_t vfs_write(struct file *f, const char __user *buf, size_t count)
{
	if (!(f->f_mode & FMODE_WRITE) || !f->f_op->write)
		return -EBADF;
	if (!access_ok(buf, count))
		return -EFAULT;
	return f->f_op->write(f, buf, MIN(count, MAX_RW_COUNT), &f->f_pos);
}

long sys_read(unsigned int fd, char __user *buf, size_t count)
{
	struct file *f = fget(fd);

	if (!f)
		return -EBADF;
	ssize_t r = vfs_read(f, buf, count);
	fput(f);
	return r;
}

long sys_write(unsigned int fd, const char __user *buf, size_t count)
{
	struct file *f = fget(fd);

	if (!f)
		return -EBADF;
	ssize_t r = vfs_write(f, buf, count);
	fput(f);
	return r;
}

/*
 * Vectored I/O: one transfer per iovec, stopping at the first short one
 * (as a pipe or a terminal would return a short count).  Bytes already
 * moved are reported even if a later segment fails.
 */
static long do_iov(unsigned int fd, const struct iovec __user *uvec,
		   unsigned long vlen, bool write)
{
	struct iovec iov[16];
	size_t total = 0;
	ssize_t done = 0;

	if (vlen > UIO_MAXIOV)
		return -EINVAL;
	struct file *f = fget(fd);
	if (!f)
		return -EBADF;
	for (unsigned long base = 0; base < vlen; base += ARRAY_SIZE(iov)) {
		unsigned long n = MIN(vlen - base, ARRAY_SIZE(iov));
		if (copy_from_user(iov, uvec + base, n * sizeof(iov[0]))) {
			done = done ? done : -EFAULT;
			goto out;
		}
		for (unsigned long i = 0; i < n; i++) {
			if ((ssize_t)iov[i].iov_len < 0 ||
			    (total += iov[i].iov_len) > MAX_RW_COUNT) {
				done = done ? done : -EINVAL;
				goto out;
			}
			if (!iov[i].iov_len)
				continue;
			ssize_t r = write ? vfs_write(f, iov[i].iov_base, iov[i].iov_len)
					  : vfs_read(f, iov[i].iov_base, iov[i].iov_len);
			if (r < 0) {
				done = done ? done : r;
				goto out;
			}
			done += r;
			if ((size_t)r < iov[i].iov_len)
				goto out;
		}
	}
out:
	fput(f);
	return done;
}

long sys_readv(unsigned int fd, const struct iovec __user *vec, unsigned long vlen)
{
	return do_iov(fd, vec, vlen, false);
}

long sys_writev(unsigned int fd, const struct iovec __user *vec, unsigned long vlen)
{
	return do_iov(fd, vec, vlen, true);
}

#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2

long sys_lseek(unsigned int fd, long offset, unsigned int whence)
{
	struct file *f = fget(fd);

	if (!f)
		return -EBADF;
	long r = whence > SEEK_END ? -EINVAL :
		 f->f_op->llseek ? f->f_op->llseek(f, offset, whence) : -ESPIPE;
	fput(f);
	return r;
}

/* For files with a size: the common llseek.  Process context. */
loff_t generic_file_llseek_size(struct file *f, loff_t offset, int whence,
				loff_t size)
{
	loff_t pos = whence == SEEK_SET ? offset :
		     whence == SEEK_CUR ? f->f_pos + offset : size + offset;
	if (pos < 0)
		return -EINVAL;
	f->f_pos = pos;
	return pos;
}
