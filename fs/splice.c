/*
 * splice.c - splice, tee and copy_file_range (Linux's fs/splice.c and
 * the copy_file_range part of fs/read_write.c).
 *
 * Linux moves pages: a splice hands a file's page cache pages to a pipe
 * or a pipe's pages to a file, without copying.  Here the drivers' read
 * and write take user pointers only, so each call moves its bytes a
 * page at a time through a bounce page mapped in the caller's address
 * space, as sendfile does (fs/read_write.c), with Linux's rules for
 * which descriptors and offsets each call takes and in which order it
 * checks them:
 *  - splice: one end at least a pipe (EINVAL otherwise), no offset for
 *    a pipe end (ESPIPE), not a pipe into itself (EINVAL), not into an
 *    O_APPEND file (EINVAL); a read from a pipe waits for its first
 *    bytes (EAGAIN with O_NONBLOCK or SPLICE_F_NONBLOCK) and then takes
 *    only what is there;
 *  - tee: both ends pipes, the input's bytes copied, not consumed;
 *  - copy_file_range: regular files only (EISDIR, EINVAL), EBADF for
 *    the wrong access modes or an O_APPEND output, EINVAL for flags and
 *    overlapping ranges in one file, EOVERFLOW, a copy cut at the end of
 *    the input.
 * Every loop stops at a fatal signal, and at any signal once something
 * moved.  Context: process context.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/mm.h"
#include "kernel/mman.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "fs/fs.h"
#include "arch/x86_64/uaccess.h"

#define SPLICE_F_NONBLOCK	0x02
#define SPLICE_F_ALL		0x0f	/* MOVE, NONBLOCK, MORE, GIFT */

static bool is_pipe_file(const struct file *f)
{
	return f->f_op == &pipe_fops && f->private_data;
}

/* Files whose offset means something (pread/pwrite would work). */
static bool has_offset(const struct file *f)
{
	return file_has_offset(f);
}

static char __user *bounce_map(void)
{
	unsigned long b = vm_mmap(current->mm, 0, PAGE_SIZE, PROT_READ | PROT_WRITE,
				  MAP_PRIVATE | MAP_ANONYMOUS);
	return IS_ERR_VALUE(b) ? NULL : (char __user *)b;
}

static void bounce_unmap(char __user *b)
{
	vm_munmap(current->mm, (unsigned long)b, PAGE_SIZE);
}

static bool stop_now(ssize_t done)
{
	return fatal_signal_pending(current) || (done && signal_pending(current));
}

/*
 * Move up to len bytes from in (at *ipos, or its own position for a
 * pipe) to out (at *opos).  From a pipe: the first read may wait (unless
 * nonblock), later ones take only what is there.
 */
static ssize_t splice_move(struct file *in, loff_t *ipos, struct file *out,
			   loff_t *opos, size_t len, bool nonblock)
{
	char __user *ubuf = bounce_map();
	ssize_t done = 0, err = 0;

	if (!ubuf)
		return -ENOMEM;
	while ((size_t)done < len && !stop_now(done)) {
		size_t chunk = MIN(len - done, PAGE_SIZE);
		ssize_t r;
		if (is_pipe_file(in)) {
			long avail = pipe_readable(in);
			if (done && avail <= 0)
				break;
			if (!avail && nonblock && pipe_has_writers(in)) {
				err = -EAGAIN;
				break;
			}
			r = in->f_op->read(in, ubuf, chunk, ipos);
		} else {
			r = in->f_op->splice_read ?
			    in->f_op->splice_read(in, ipos, ubuf, chunk) :
			    -EINVAL;
		}
		if (r <= 0) {
			err = r;
			break;
		}
		ssize_t w = out->f_op->splice_write(out, opos, ubuf, r);
		if (w < r) {
			/* A seekable input keeps what was not written. */
			if (!is_pipe_file(in) && has_offset(in))
				*ipos -= r - MAX(w, 0);
			done += MAX(w, 0);
			err = w < 0 ? w : 0;
			break;
		}
		done += w;
		if (is_pipe_file(out) && (size_t)r < chunk && !is_pipe_file(in))
			break;			/* the input had no more now */
		cond_resched();
	}
	bounce_unmap(ubuf);
	return done ? done : err;
}

/*
 * Both descriptors of a splice, tee or copy_file_range, each with a
 * reference (put back by fput_pair), or -EBADF with none held.
 */
static long fget_pair(int fd_in, int fd_out, struct file **in,
		      struct file **out)
{
	*in = fget(fd_in);
	*out = *in ? fget(fd_out) : NULL;
	if (*out)
		return 0;
	if (*in)
		fput(*in);
	return -EBADF;
}

static void fput_pair(struct file *in, struct file *out)
{
	fput(out);
	fput(in);
}

/* Either side's O_NONBLOCK, or the call's SPLICE_F_NONBLOCK. */
static bool splice_nonblock(const struct file *in, const struct file *out,
			    unsigned int flags)
{
	return (flags & SPLICE_F_NONBLOCK) ||
	       ((in->f_flags | out->f_flags) & O_NONBLOCK);
}

/* The new position goes to the caller's offset if it gave one (the
 * file's own stays), else to the file's. */
static int store_pos(struct file *f, loff_t __user *off, loff_t pos)
{
	if (off)
		return put_user(pos, off) ? -EFAULT : 0;
	f->f_pos = pos;
	return 0;
}

long sys_splice(int fd_in, loff_t __user *off_in, int fd_out,
		loff_t __user *off_out, size_t len, unsigned int flags)
{
	if (!len)
		return 0;
	if (flags & ~SPLICE_F_ALL)
		return -EINVAL;
	struct file *in, *out;
	loff_t ipos, opos;
	long err = fget_pair(fd_in, fd_out, &in, &out);
	if (err)
		return err;
	bool ipipe = is_pipe_file(in), opipe = is_pipe_file(out);
	err = -ESPIPE;
	if ((ipipe && off_in) || (opipe && off_out))
		goto out;
	err = -EFAULT;
	if (off_out && copy_from_user(&opos, off_out, sizeof(opos)))
		goto out;
	if (off_in && copy_from_user(&ipos, off_in, sizeof(ipos)))
		goto out;
	err = -EBADF;
	if (!(in->f_mode & FMODE_READ) || !(out->f_mode & FMODE_WRITE))
		goto out;
	err = -EINVAL;
	if (!ipipe && !opipe)
		goto out;
	if (ipipe && opipe && in->private_data == out->private_data)
		goto out;
	if (!opipe && (out->f_flags & O_APPEND))
		goto out;
	if ((off_in && !has_offset(in)) || (off_out && !has_offset(out)))
		goto out;
	if ((off_in && ipos < 0) || (off_out && opos < 0))
		goto out;
	if ((!ipipe && !in->f_op->splice_read) || !out->f_op->splice_write)
		goto out;
	if (!off_in)
		ipos = in->f_pos;
	if (!off_out)
		opos = out->f_pos;
	err = splice_move(in, &ipos, out, &opos, MIN(len, MAX_RW_COUNT),
			  splice_nonblock(in, out, flags));
	if (store_pos(in, off_in, ipos))
		err = -EFAULT;
	if (store_pos(out, off_out, opos))
		err = -EFAULT;
out:
	fput_pair(in, out);
	return err;
}

/* tee: copy what in's pipe holds into out's without consuming it. */
long sys_tee(int fdin, int fdout, size_t len, unsigned int flags)
{
	if (!len)
		return 0;
	if (flags & ~SPLICE_F_ALL)
		return -EINVAL;
	struct file *in, *out;
	long err = fget_pair(fdin, fdout, &in, &out);
	if (err)
		return err;
	err = -EBADF;
	if (!(in->f_mode & FMODE_READ) || !(out->f_mode & FMODE_WRITE))
		goto out;
	err = -EINVAL;
	if (!is_pipe_file(in) || !is_pipe_file(out) ||
	    in->private_data == out->private_data)
		goto out;
	err = pipe_tee(in, out, MIN(len, MAX_RW_COUNT),
		       splice_nonblock(in, out, flags));
out:
	fput_pair(in, out);
	return err;
}

/* Linux's generic_copy_file_checks, after its flags check; *count may
 * be cut to what the input has. */
static long copy_file_checks(struct file *in, loff_t pin, struct file *out,
			     loff_t pout, size_t *count)
{
	struct inode *ii = in->f_inode, *oi = out->f_inode;
	umode_t im = ii ? ii->i_mode : 0, om = oi ? oi->i_mode : 0;

	if (S_ISDIR(im) || S_ISDIR(om))
		return -EISDIR;
	if (!S_ISREG(im) || !S_ISREG(om))
		return -EINVAL;
	if (!(in->f_mode & FMODE_READ) || !(out->f_mode & FMODE_WRITE) ||
	    (out->f_flags & O_APPEND))
		return -EBADF;
	if (pin < 0 || pout < 0)
		return -EINVAL;
	if ((u64)pin + *count < (u64)pin || (u64)pout + *count < (u64)pout)
		return -EOVERFLOW;
	loff_t size = READ_ONCE(ii->i_size);
	*count = pin >= size ? 0 : MIN(*count, (size_t)(size - pin));
	if (ii == oi && pout + (loff_t)*count > pin && pout < pin + (loff_t)*count)
		return -EINVAL;
	return 0;
}

long sys_copy_file_range(int fd_in, loff_t __user *off_in, int fd_out,
			 loff_t __user *off_out, size_t len, unsigned int flags)
{
	struct file *in, *out;
	loff_t pin, pout;
	long err = fget_pair(fd_in, fd_out, &in, &out);

	if (err)
		return err;
	err = -EFAULT;
	if (off_in ? copy_from_user(&pin, off_in, sizeof(pin)) : (pin = in->f_pos, 0))
		goto out;
	if (off_out ? copy_from_user(&pout, off_out, sizeof(pout)) : (pout = out->f_pos, 0))
		goto out;
	err = -EINVAL;
	if (flags)
		goto out;
	size_t count = len;
	err = copy_file_checks(in, pin, out, pout, &count);
	if (err || !count)
		goto out;
	count = MIN(count, MAX_RW_COUNT);
	char __user *ubuf = bounce_map();
	err = -ENOMEM;
	if (!ubuf)
		goto out;
	ssize_t done = 0;
	err = 0;
	while ((size_t)done < count && !stop_now(done)) {
		loff_t rpos = pin + done, wpos = pout + done;
		ssize_t r = in->f_op->read(in, ubuf, MIN(count - done, PAGE_SIZE), &rpos);
		if (r <= 0) {
			err = r;
			break;
		}
		ssize_t w = out->f_op->write(out, ubuf, r, &wpos);
		if (w > 0)
			done += w;
		if (w < r) {
			err = w < 0 ? w : 0;
			break;
		}
		cond_resched();
	}
	bounce_unmap(ubuf);
	if (done) {
		err = done;
		pin += done;
		pout += done;
		if (store_pos(in, off_in, pin))
			err = -EFAULT;
		if (store_pos(out, off_out, pout))
			err = -EFAULT;
	}
out:
	fput_pair(in, out);
	return err;
}
