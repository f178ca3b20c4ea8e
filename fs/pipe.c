/*
 * pipe.c - pipes: a 64 KiB ring buffer between a read end and a write end.
 *
 * Readers sleep on rd_wait until there is data or no writer is left
 * (end of file); writers sleep on wr_wait until there is room or no
 * reader is left (EPIPE and SIGPIPE).  A write of at most PIPE_BUF bytes
 * is atomic: it waits until it fits whole, so writes of several
 * processes never interleave inside one.  The wake-ups carry poll keys
 * (EPOLLIN, EPOLLOUT) for the poll and epoll code that will watch pipes.
 *
 * LOCKING: pipe->mutex (Linux's too) guards the ring and the
 * reader/writer counts.  It is a sleeping lock because the user copies
 * happen under it, and a copy can fault and sleep (the user-copy rule,
 * kernel/spinlock.h); holding it across the copy is what keeps a write
 * of at most PIPE_BUF bytes whole.  It is not held while waiting for
 * data or room.  poll and FIONREAD read head and tail without it.
 *
 * Context: process context.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/mm.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/wait.h"
#include "kernel/mutex.h"
#include "kernel/ioctls.h"
#include "fs/fs.h"
#include "fs/poll.h"
#include "arch/x86_64/uaccess.h"
#include "arch/x86_64/ring_copy.h"

#define PIPE_SIZE	(64 * 1024)
#define PIPE_ORDER	4		/* 16 pages */
#define PIPE_BUF	4096

struct pipe_inode_info {
	struct mutex mutex;
	char *buf;			/* PIPE_SIZE bytes */
	unsigned long head, tail;	/* written and read totals; used = head - tail */
	int readers, writers;		/* open ends */
	wait_queue_head_t rd_wait;	/* readers waiting for data */
	wait_queue_head_t wr_wait;	/* writers waiting for room */
};

static unsigned long pipe_used(struct pipe_inode_info *pipe)
{
	return READ_ONCE(pipe->head) - READ_ONCE(pipe->tail);
}

static unsigned long ring_copy(struct pipe_inode_info *pipe, unsigned long pos,
			       void __user *ubuf, size_t n, bool to_user)
{
	return ring_copy_user(pipe->buf, PIPE_SIZE, pos, ubuf, n, to_user);
}

static ssize_t pipe_read(struct file *f, char __user *ubuf, size_t n, loff_t *pos)
{
	struct pipe_inode_info *pipe = f->private_data;

	(void)pos;
	if (!n)
		return 0;
	for (;;) {
		mutex_lock(&pipe->mutex);
		size_t avail = pipe_used(pipe);
		if (avail) {
			size_t k = MIN(n, avail);
			unsigned long left = ring_copy(pipe, pipe->tail, ubuf, k, true);
			pipe->tail += k - left;
			mutex_unlock(&pipe->mutex);
			if (left == k)
				return -EFAULT;
			wake_up_interruptible_poll(&pipe->wr_wait, EPOLLOUT | EPOLLWRNORM);
			return k - left;
		}
		int writers = pipe->writers;
		mutex_unlock(&pipe->mutex);
		if (!writers)
			return 0;			/* end of file */
		if (f->f_flags & O_NONBLOCK)
			return -EAGAIN;
		if (wait_event_interruptible(pipe->rd_wait,
				pipe_used(pipe) || !READ_ONCE(pipe->writers)))
			return -ERESTARTSYS;
	}
}

/* Room for this part of a write: a small write needs all of it. */
static bool room_for(struct pipe_inode_info *pipe, size_t left)
{
	size_t room = PIPE_SIZE - pipe_used(pipe);

	return left <= PIPE_BUF ? room >= left : room > 0;
}

static ssize_t pipe_write(struct file *f, const char __user *ubuf, size_t n,
			  loff_t *pos)
{
	struct pipe_inode_info *pipe = f->private_data;
	size_t done = 0;

	(void)pos;
	while (done < n) {
		/* A reader draining as fast as we fill need not let us
		 * sleep, where a signal would be seen: look here too. */
		if (fatal_signal_pending(current))
			return done ? (ssize_t)done : -EINTR;
		mutex_lock(&pipe->mutex);
		if (!pipe->readers) {
			mutex_unlock(&pipe->mutex);
			send_sig(SIGPIPE, current);
			return done ? (ssize_t)done : -EPIPE;
		}
		/* A write up to PIPE_BUF stays whole: decide on the total. */
		if (room_for(pipe, n <= PIPE_BUF ? n : n - done)) {
			size_t k = MIN(n - done, PIPE_SIZE - pipe_used(pipe));
			unsigned long left = ring_copy(pipe, pipe->head,
						       (void __user *)(ubuf + done), k, false);
			pipe->head += k - left;
			done += k - left;
			mutex_unlock(&pipe->mutex);
			wake_up_interruptible_poll(&pipe->rd_wait, EPOLLIN | EPOLLRDNORM);
			if (left)
				return done ? (ssize_t)done : -EFAULT;
			continue;
		}
		mutex_unlock(&pipe->mutex);
		if (f->f_flags & O_NONBLOCK)
			return done ? (ssize_t)done : -EAGAIN;
		if (wait_event_interruptible(pipe->wr_wait,
				room_for(pipe, n <= PIPE_BUF ? n : n - done) ||
				!READ_ONCE(pipe->readers)))
			return done ? (ssize_t)done : -ERESTARTSYS;
	}
	return done;
}

static int pipe_release(struct file *f)
{
	struct pipe_inode_info *pipe = f->private_data;

	mutex_lock(&pipe->mutex);
	if (f->f_mode & FMODE_READ)
		pipe->readers--;
	if (f->f_mode & FMODE_WRITE)
		pipe->writers--;
	bool last = !pipe->readers && !pipe->writers;
	mutex_unlock(&pipe->mutex);
	if (last) {
		free_pages((unsigned long)pipe->buf, PIPE_ORDER);
		kfree(pipe);
		return 0;
	}
	/* The other end learns of EOF (HUP) or EPIPE (ERR): every waiter,
	 * exclusive ones included (each must see the end, not just one),
	 * with no key, as Linux's pipe_release: each poller re-checks. */
	wake_up_interruptible_all(&pipe->rd_wait);
	wake_up_interruptible_all(&pipe->wr_wait);
	return 0;
}

/*
 * Readiness as Linux reports it: the read end is readable with data and
 * hung up (EPOLLHUP) once no writer is left; the write end is writable
 * while a PIPE_BUF write would not block, and in error (EPOLLERR) once no
 * reader is left.
 */
static __poll_t pipe_poll(struct file *f, poll_table *pt)
{
	struct pipe_inode_info *pipe = f->private_data;
	__poll_t mask = 0;

	if (f->f_mode & FMODE_READ)
		poll_wait(f, &pipe->rd_wait, pt);
	if (f->f_mode & FMODE_WRITE)
		poll_wait(f, &pipe->wr_wait, pt);
	unsigned long used = pipe_used(pipe);
	if (f->f_mode & FMODE_READ) {
		if (used)
			mask |= EPOLLIN | EPOLLRDNORM;
		if (!READ_ONCE(pipe->writers))
			mask |= EPOLLHUP;
	}
	if (f->f_mode & FMODE_WRITE) {
		if (PIPE_SIZE - used >= PIPE_BUF)
			mask |= EPOLLOUT | EPOLLWRNORM;
		if (!READ_ONCE(pipe->readers))
			mask |= EPOLLERR;
	}
	return mask;
}

static long pipe_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	struct pipe_inode_info *pipe = f->private_data;

	if (cmd != FIONREAD)
		return -ENOTTY;
	return put_user((int)pipe_used(pipe), (int __user *)arg);
}

static const struct file_operations pipe_fops = {
	.llseek = no_llseek,
	.read = pipe_read,
	.write = pipe_write,
	.poll = pipe_poll,
	.unlocked_ioctl = pipe_ioctl,
	.release = pipe_release,
	.splice_write = iter_file_splice_write,
};

static int create_pipe_files(struct file **res, int flags)
{
	struct pipe_inode_info *pipe = kzalloc(sizeof(*pipe), GFP_KERNEL);

	if (!pipe)
		return -ENFILE;
	pipe->buf = (char *)__get_free_pages(GFP_KERNEL, PIPE_ORDER);
	if (!pipe->buf) {
		kfree(pipe);
		return -ENFILE;
	}
	mutex_init(&pipe->mutex);
	init_waitqueue_head(&pipe->rd_wait);
	init_waitqueue_head(&pipe->wr_wait);
	pipe->readers = pipe->writers = 1;
	unsigned int f = flags & O_NONBLOCK;
	res[0] = alloc_file(&pipe_fops, pipe, O_RDONLY | f, "pipe");
	res[1] = alloc_file(&pipe_fops, pipe, O_WRONLY | f, "pipe");
	if (IS_ERR(res[0]) || IS_ERR(res[1])) {
		/* Not reachable in practice; keep the unwinding simple. */
		panic("pipe: out of file structures");
	}
	/* One anonymous inode for both ends, so fstat says S_IFIFO and
	 * both report the same st_ino (Linux's pipefs inode). */
	struct inode *inode = new_anon_inode(S_IFIFO | 0600);
	if (!inode)
		panic("pipe: out of inodes");
	res[0]->f_inode = inode;
	res[1]->f_inode = ihold(inode);
	return 0;
}

long sys_pipe2(int __user *fildes, int flags)
{
	struct file *files[2];
	int fd[2];

	if (flags & ~(O_CLOEXEC | O_NONBLOCK))
		return -EINVAL;
	int err = create_pipe_files(files, flags);
	if (err)
		return err;
	fd[0] = fd_install_new(files[0], flags & O_CLOEXEC);
	if (fd[0] < 0) {
		fput(files[0]);
		fput(files[1]);
		return fd[0];
	}
	fd[1] = fd_install_new(files[1], flags & O_CLOEXEC);
	if (fd[1] < 0) {
		close_fd(fd[0]);
		fput(files[1]);
		return fd[1];
	}
	if (copy_to_user(fildes, fd, sizeof(fd))) {
		close_fd(fd[0]);
		close_fd(fd[1]);
		return -EFAULT;
	}
	return 0;
}

long sys_pipe(int __user *fildes)
{
	return sys_pipe2(fildes, 0);
}
