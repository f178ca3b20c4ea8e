/*
 * read_write.c - read, write, their vectored and positioned forms
 * (pread64, pwrite64), lseek and sendfile.
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
#include "kernel/mman.h"
#include "kernel/sched.h"
#include "fs/fs.h"
#include "fs/uio.h"
#include "fs/notify/fsnotify.h"
#include "arch/x86_64/uaccess.h"

/* A file open for reading whose kind cannot be read (an epoll, a
 * signalfd's write side) is EINVAL, as Linux's FMODE_CAN_READ says; one
 * not open for it EBADF.  pos: &f->f_pos, or pread's own. */
static ssize_t vfs_read(struct file *f, char __user *buf, size_t count,
			loff_t *pos)
{
	if (!(f->f_mode & FMODE_READ))
		return -EBADF;
	if (!f->f_op->read)
		return -EINVAL;
	if (!access_ok(buf, count))
		return -EFAULT;
	ssize_t r = f->f_op->read(f, buf, MIN(count, MAX_RW_COUNT), pos);
	if (r > 0)
		fsnotify_access(f);
	return r;
}

static ssize_t vfs_write(struct file *f, const char __user *buf, size_t count,
			 loff_t *pos)
{
	if (!(f->f_mode & FMODE_WRITE))
		return -EBADF;
	if (!f->f_op->write)
		return -EINVAL;
	if (!access_ok(buf, count))
		return -EFAULT;
	ssize_t r = f->f_op->write(f, buf, MIN(count, MAX_RW_COUNT), pos);
	if (r > 0)
		fsnotify_modify(f);
	return r;
}

long sys_read(unsigned int fd, char __user *buf, size_t count)
{
	struct file *f = fget(fd);

	if (!f)
		return -EBADF;
	ssize_t r = vfs_read(f, buf, count, &f->f_pos);
	fput(f);
	return r;
}

long sys_write(unsigned int fd, const char __user *buf, size_t count)
{
	struct file *f = fget(fd);

	if (!f)
		return -EBADF;
	ssize_t r = vfs_write(f, buf, count, &f->f_pos);
	fput(f);
	return r;
}

ssize_t import_iovec(const struct iovec __user *uvec, unsigned long nr,
		     struct iovec *fast, struct iovec **iovp)
{
	struct iovec *iov = fast;
	size_t total = 0;

	if (nr > UIO_FASTIOV) {
		iov = kmalloc(nr * sizeof(*iov), GFP_KERNEL);
		if (!iov)
			return -ENOMEM;
	}
	*iovp = iov;
	if (nr && copy_from_user(iov, uvec, nr * sizeof(*iov)))
		return -EFAULT;
	/* As Linux's iovec_from_user: a negative length is an error, a
	 * total past MAX_RW_COUNT is cut there (the segment that crosses it
	 * is shortened, the ones after it emptied). */
	for (unsigned long i = 0; i < nr; i++) {
		if ((ssize_t)iov[i].iov_len < 0)
			return -EINVAL;
		if (iov[i].iov_len > MAX_RW_COUNT - total)
			iov[i].iov_len = MAX_RW_COUNT - total;
		total += iov[i].iov_len;
	}
	return (ssize_t)total;
}

/* One transfer per segment, stopping at the first short one (as a pipe
 * or a terminal would return a short count), and at a fatal signal.
 * Bytes already moved are reported even if a later segment fails. */
static ssize_t iov_loop(struct file *f, const struct iovec *iov,
			unsigned long nr, bool write, loff_t *pos)
{
	ssize_t done = 0;

	/* The modes first, as Linux's vfs_readv: a vector of empty
	 * segments on a file not open for it is still EBADF. */
	if (!(f->f_mode & (write ? FMODE_WRITE : FMODE_READ)))
		return -EBADF;
	if (!(write ? (void *)f->f_op->write : (void *)f->f_op->read))
		return -EINVAL;

	for (unsigned long i = 0; i < nr; i++) {
		if (!iov[i].iov_len)
			continue;
		if (fatal_signal_pending(current))
			return done ? done : -EINTR;
		ssize_t r = write ? vfs_write(f, iov[i].iov_base, iov[i].iov_len, pos)
				  : vfs_read(f, iov[i].iov_base, iov[i].iov_len, pos);
		if (r < 0)
			return done ? done : r;
		done += r;
		if ((size_t)r < iov[i].iov_len)
			break;
	}
	return done;
}

/*
 * Vectored I/O.  A file whose f_op has readv/writev gets the whole
 * vector in one call: a socket must receive or send one datagram across
 * all the segments, not one datagram per segment.  Other files get one
 * read or write per segment.
 */
static long do_iov(unsigned int fd, const struct iovec __user *uvec,
		   unsigned long vlen, bool write)
{
	struct iovec fast[UIO_FASTIOV], *iov;

	if (vlen > UIO_MAXIOV)
		return -EINVAL;
	struct file *f = fget(fd);
	if (!f)
		return -EBADF;
	ssize_t r = import_iovec(uvec, vlen, fast, &iov);
	ssize_t (*vec)(struct file *, const struct iovec *, unsigned long, size_t) =
		write ? f->f_op->writev : f->f_op->readv;
	unsigned int need = write ? FMODE_WRITE : FMODE_READ;
	if (r >= 0 && vec) {
		r = (f->f_mode & need) ? vec(f, iov, vlen, (size_t)r) : -EBADF;
		if (r > 0)
			(write ? fsnotify_modify : fsnotify_access)(f);
	} else if (r >= 0)
		r = iov_loop(f, iov, vlen, write, &f->f_pos);
	if (iov != fast)
		kfree(iov);
	fput(f);
	return r;
}

long sys_readv(unsigned int fd, const struct iovec __user *vec, unsigned long vlen)
{
	return do_iov(fd, vec, vlen, false);
}

long sys_writev(unsigned int fd, const struct iovec __user *vec, unsigned long vlen)
{
	return do_iov(fd, vec, vlen, true);
}

long sys_lseek(unsigned int fd, long offset, unsigned int whence)
{
	struct file *f = fget(fd);

	if (!f)
		return -EBADF;
	long r = whence > SEEK_MAX ? -EINVAL :
		 f->f_op->llseek ? f->f_op->llseek(f, offset, whence) : -ESPIPE;
	fput(f);
	return r;
}

/* Files with an offset that means something (not pipes and terminals)
 * may be read and written at a given position (Linux's FMODE_PREAD). */
static bool can_pread(struct file *f)
{
	return file_has_offset(f);
}

static ssize_t do_pread(unsigned int fd, char __user *buf, size_t count,
			loff_t pos, bool write)
{
	if (pos < 0)
		return -EINVAL;
	struct file *f = fget(fd);
	if (!f)
		return -EBADF;
	ssize_t r = -ESPIPE;
	if (can_pread(f)) {
		unsigned int need = write ? FMODE_WRITE : FMODE_READ;
		ssize_t (*op)(struct file *, char __user *, size_t, loff_t *) =
			write ? (void *)f->f_op->write : (void *)f->f_op->read;
		r = !(f->f_mode & need) ? -EBADF : !op ? -EINVAL :
		    !access_ok(buf, count) ? -EFAULT :
		    op(f, buf, MIN(count, MAX_RW_COUNT), &pos);
		if (r > 0)
			(write ? fsnotify_modify : fsnotify_access)(f);
	}
	fput(f);
	return r;
}

long sys_pread64(unsigned int fd, char __user *buf, size_t count, loff_t pos)
{
	return do_pread(fd, buf, count, pos, false);
}

long sys_pwrite64(unsigned int fd, const char __user *buf, size_t count,
		  loff_t pos)
{
	return do_pread(fd, (char __user *)buf, count, pos, true);
}

/* preadv and pwritev: readv and writev at pos, one segment after the
 * other, the file's own offset left alone.  Linux's order: a negative
 * pos, the descriptor, a file without an offset (ESPIPE), then the
 * vector.  On x86-64 pos is all in pos_l (pos_h is for 32-bit). */
static long do_piov(unsigned int fd, const struct iovec __user *uvec,
		    unsigned long vlen, loff_t pos, bool write)
{
	struct iovec fast[UIO_FASTIOV], *iov = fast;

	if (pos < 0)
		return -EINVAL;
	struct file *f = fget(fd);
	if (!f)
		return -EBADF;
	ssize_t r = -ESPIPE;
	if (can_pread(f)) {
		r = vlen > UIO_MAXIOV ? -EINVAL : import_iovec(uvec, vlen, fast, &iov);
		if (r >= 0)
			r = iov_loop(f, iov, vlen, write, &pos);
		if (iov != fast)
			kfree(iov);
	}
	fput(f);
	return r;
}

long sys_preadv(unsigned long fd, const struct iovec __user *vec,
		unsigned long vlen, unsigned long pos_l, unsigned long pos_h)
{
	(void)pos_h;
	return do_piov(fd, vec, vlen, (loff_t)pos_l, false);
}

long sys_pwritev(unsigned long fd, const struct iovec __user *vec,
		 unsigned long vlen, unsigned long pos_l, unsigned long pos_h)
{
	(void)pos_h;
	return do_piov(fd, vec, vlen, (loff_t)pos_l, true);
}

ssize_t copy_splice_read(struct file *in, loff_t *pos, char __user *buf,
			 size_t len)
{
	return in->f_op->read(in, buf, len, pos);
}

ssize_t iter_file_splice_write(struct file *out, loff_t *pos,
			       const char __user *buf, size_t len)
{
	return out->f_op->write(out, buf, len, pos);
}

/*
 * Move up to count bytes from in at *pos to out through a bounce page.
 * The drivers' read and write take user pointers only, so the bounce page
 * is a private anonymous page mapped in the caller's own address space
 * for the duration of the call (Linux moves pages through a pipe with
 * splice instead).  A page at a time, so that the loop can stop: at a
 * fatal signal, and with what it moved at any signal, as /dev/zero's
 * read does; it yields between pages.  Returns the bytes moved or
 * -errno if none were.
 */
static ssize_t sendfile_copy(struct file *in, struct file *out, loff_t *pos,
			     size_t count)
{
	struct mm_struct *mm = current->mm;
	unsigned long bounce = vm_mmap(mm, 0, PAGE_SIZE, PROT_READ | PROT_WRITE,
				       MAP_PRIVATE | MAP_ANONYMOUS);
	if (IS_ERR_VALUE(bounce))
		return -ENOMEM;
	char __user *ubuf = (char __user *)bounce;
	ssize_t done = 0, err = 0;
	while ((size_t)done < count) {
		if (fatal_signal_pending(current) ||
		    (done && signal_pending(current)))
			break;
		ssize_t r = in->f_op->splice_read(in, pos, ubuf,
						  MIN(count - done, PAGE_SIZE));
		if (r <= 0) {
			err = r;
			break;
		}
		loff_t opos = out->f_pos;
		ssize_t w = out->f_op->splice_write(out, &opos, ubuf, r);
		if (w > 0)
			out->f_pos = opos;
		if (w < r) {
			*pos -= r - MAX(w, 0);	/* unsent bytes stay unread */
			err = w < 0 ? w : 0;
			done += MAX(w, 0);
			break;
		}
		done += w;
		cond_resched();
	}
	vm_munmap(mm, bounce, PAGE_SIZE);
	if (done) {
		fsnotify_access(in);
		fsnotify_modify(out);
	}
	return done ? done : err;
}

static bool is_pipe(const struct file *f)
{
	return f->f_inode && (f->f_inode->i_mode & S_IFMT) == S_IFIFO;
}

/*
 * Which pairs sendfile takes are Linux's (do_sendfile and fs/splice.c):
 * the input must have splice_read and the output splice_write; into a
 * pipe anything with splice_read goes (a socket, a terminal), but
 * between two other files the input must also be seekable, so that
 * nothing is lost when the output takes less than was read.  An eventfd
 * has neither method: EINVAL, before a byte moves.
 */
static long sendfile_check(struct file *in, struct file *out)
{
	if (!in->f_op->splice_read || !out->f_op->splice_write)
		return -EINVAL;
	if (is_pipe(out))
		return 0;
	if (out->f_flags & O_APPEND)
		return -EINVAL;
	return can_pread(in) ? 0 : -EINVAL;
}

long sys_sendfile64(int out_fd, int in_fd, loff_t __user *offset, size_t count)
{
	struct file *in = fget(in_fd), *out = NULL;
	loff_t pos;
	long r = -EBADF;

	if (!in || !(in->f_mode & FMODE_READ))
		goto out;
	if (offset) {
		r = -ESPIPE;
		if (!can_pread(in))
			goto out;
		r = -EFAULT;
		if (copy_from_user(&pos, offset, sizeof(pos)))
			goto out;
		r = -EINVAL;
		if (pos < 0)
			goto out;
	} else {
		pos = in->f_pos;
	}
	r = -EBADF;
	out = fget(out_fd);
	if (!out || !(out->f_mode & FMODE_WRITE))
		goto out;
	r = sendfile_check(in, out);
	if (r)
		goto out;
	r = count ? sendfile_copy(in, out, &pos, MIN(count, MAX_RW_COUNT)) : 0;
	if (offset) {
		if (put_user(pos, offset))
			r = -EFAULT;
	} else {
		in->f_pos = pos;
	}
out:
	if (out)
		fput(out);
	if (in)
		fput(in);
	return r;
}

/* For files with a size: the common llseek (Linux's, for a file system
 * without holes, ramfs's: all of the file is data).  Process context. */
loff_t generic_file_llseek_size(struct file *f, loff_t offset, int whence,
				loff_t size)
{
	loff_t pos;

	switch (whence) {
	case SEEK_SET:
		pos = offset;
		break;
	case SEEK_CUR:
		pos = f->f_pos + offset;
		break;
	case SEEK_END:
		pos = size + offset;
		break;
	case SEEK_DATA:		/* the data at offset itself... */
	case SEEK_HOLE:		/* ...and the one hole, at the end */
		if (offset < 0 || offset >= size)
			return -ENXIO;
		pos = whence == SEEK_DATA ? offset : size;
		break;
	default:
		return -EINVAL;
	}
	if (pos < 0)
		return -EINVAL;
	f->f_pos = pos;
	return pos;
}
