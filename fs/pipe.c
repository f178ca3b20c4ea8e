/*
 * pipe.c - pipes and FIFOs: a ring buffer (64 KiB unless F_SETPIPE_SZ
 * says otherwise) between a read end and a write end (Linux's
 * fs/pipe.c and fs/fifo.c).
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
 * A FIFO (mknod S_IFIFO) is the same pipe hung on a named inode
 * (i_private) from its first open to its last close; open blocks as
 * Linux's fifo_open does: a reader waits for a writer, a writer for a
 * reader, O_RDWR waits for neither, and O_WRONLY|O_NONBLOCK with no
 * reader is ENXIO.  fifo_mutex keeps the attach and detach of the pipe
 * and the counts whole against concurrent opens and closes.
 *
 * pipe2(O_DIRECT) makes a packet pipe: each write of up to PIPE_BUF
 * bytes (a longer one is cut in PIPE_BUF pieces) is one packet, a read
 * takes at most one packet and drops what of it did not fit.  Like
 * Linux, whose packets are its pipe_buffers, a pipe holds at most one
 * packet per page of its size.  The packets' boundaries are kept apart
 * from the bytes (pkt_pos, pkt_len), so stream writes may mix in.
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
#include "kernel/cred.h"
#include "kernel/mman.h"
#include "kernel/ioctls.h"
#include "fs/fs.h"
#include "fs/poll.h"
#include "arch/x86_64/uaccess.h"
#include "arch/x86_64/ring_copy.h"

#define PIPE_DEF_ORDER	4		/* 16 pages: 64 KiB, Linux's default */
#define PIPE_MAX_ORDER	(MAX_ORDER - 1)	/* the largest block we can get */
#define PIPE_BUF	4096
#define F_SETPIPE_SZ	1031
#define F_GETPIPE_SZ	1032

/* /proc/sys/fs/pipe-max-size: the most F_SETPIPE_SZ gives a user
 * without CAP_SYS_RESOURCE. */
int pipe_max_size = 1048576;

struct pipe_inode_info {
	struct mutex mutex;
	char *buf;			/* size bytes */
	unsigned int size, order;	/* a power-of-two number of pages */
	unsigned long head, tail;	/* written and read totals; used = head - tail */
	int readers, writers;		/* open ends */
	unsigned int r_counter, w_counter;	/* FIFO opens ever, by kind */
	unsigned int align;		/* where in its page the first byte
					 * written into the empty pipe went */
	wait_queue_head_t rd_wait;	/* readers waiting for data */
	wait_queue_head_t wr_wait;	/* writers waiting for room */
	/* O_DIRECT packets: a ring of size / PAGE_SIZE records, each the
	 * stream position of a packet's first byte and its length. */
	unsigned long *pkt_pos;
	unsigned int *pkt_len;
	unsigned int pkt_head, pkt_tail;	/* totals, as head and tail */
};

static unsigned int pipe_slots(const struct pipe_inode_info *pipe)
{
	return pipe->size / PAGE_SIZE;
}

static unsigned int pkts_queued(const struct pipe_inode_info *pipe)
{
	return READ_ONCE(pipe->pkt_head) - READ_ONCE(pipe->pkt_tail);
}

static unsigned long pipe_used(struct pipe_inode_info *pipe)
{
	return READ_ONCE(pipe->head) - READ_ONCE(pipe->tail);
}

static unsigned long ring_copy(struct pipe_inode_info *pipe, unsigned long pos,
			       void __user *ubuf, size_t n, bool to_user)
{
	return ring_copy_user(pipe->buf, pipe->size, pos, ubuf, n, to_user);
}

/* The buffers of a pipe of 2^order pages (NULL: no memory); the packet
 * records only for a packet pipe. */
static int pipe_alloc_buf(struct pipe_inode_info *pipe, unsigned int order,
			  bool packets)
{
	unsigned int slots = 1U << order;

	pipe->buf = (char *)__get_free_pages(GFP_KERNEL, order);
	if (!pipe->buf)
		return -ENOMEM;
	pipe->size = PAGE_SIZE << order;
	pipe->order = order;
	if (packets) {
		pipe->pkt_pos = kmalloc(slots * sizeof(*pipe->pkt_pos), GFP_KERNEL);
		pipe->pkt_len = kmalloc(slots * sizeof(*pipe->pkt_len), GFP_KERNEL);
		if (!pipe->pkt_pos || !pipe->pkt_len) {
			kfree(pipe->pkt_pos);
			kfree(pipe->pkt_len);
			free_pages((unsigned long)pipe->buf, order);
			return -ENOMEM;
		}
	}
	return 0;
}

static void pipe_free(struct pipe_inode_info *pipe)
{
	free_pages((unsigned long)pipe->buf, pipe->order);
	kfree(pipe->pkt_pos);
	kfree(pipe->pkt_len);
	kfree(pipe);
}

/* The bytes from tail on that one read may take: up to the next
 * packet's start, or that packet (*packet set). */
static size_t readable_run(struct pipe_inode_info *pipe, bool *packet)
{
	size_t avail = pipe->head - pipe->tail;

	*packet = false;
	if (pipe->pkt_head == pipe->pkt_tail)
		return avail;
	unsigned int i = pipe->pkt_tail % pipe_slots(pipe);
	if (pipe->pkt_pos[i] == pipe->tail) {
		*packet = true;
		return pipe->pkt_len[i];
	}
	return pipe->pkt_pos[i] - pipe->tail;
}

static ssize_t pipe_read(struct file *f, char __user *ubuf, size_t n, loff_t *pos)
{
	struct pipe_inode_info *pipe = f->private_data;

	(void)pos;
	if (!n)
		return 0;
	for (;;) {
		mutex_lock(&pipe->mutex);
		bool packet;
		size_t avail = readable_run(pipe, &packet);
		if (avail) {
			size_t k = MIN(n, avail);
			unsigned long left = ring_copy(pipe, pipe->tail, ubuf, k, true);
			if (packet && left < k) {
				/* The rest of the packet is dropped. */
				pipe->tail += avail;
				pipe->pkt_tail++;
			} else {
				pipe->tail += k - left;
			}
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

/* Room for this part of a write: a small write needs all of it, and a
 * packet needs a record free too. */
static bool room_for(struct pipe_inode_info *pipe, size_t left, bool packet)
{
	size_t room = READ_ONCE(pipe->size) - pipe_used(pipe);

	if (packet && pkts_queued(pipe) >= pipe_slots(pipe))
		return false;
	return left <= PIPE_BUF ? room >= left : room > 0;
}

static ssize_t pipe_write(struct file *f, const char __user *ubuf, size_t n,
			  loff_t *pos)
{
	struct pipe_inode_info *pipe = f->private_data;
	bool packet = f->f_flags & O_DIRECT;
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
		/* A write up to PIPE_BUF stays whole: decide on the total.
		 * A packet is at most PIPE_BUF, and whole. */
		size_t want = packet ? MIN(n - done, (size_t)PIPE_BUF) :
			      n <= PIPE_BUF ? n : n - done;
		if (packet && !pipe->pkt_pos) {
			mutex_unlock(&pipe->mutex);
			return done ? (ssize_t)done : -EINVAL;
		}
		if (room_for(pipe, want, packet)) {
			size_t k = MIN(n - done, pipe->size - pipe_used(pipe));
			if (packet)
				k = want;
			unsigned long left = ring_copy(pipe, pipe->head,
						       (void __user *)(ubuf + done), k, false);
			if (packet && left) {
				mutex_unlock(&pipe->mutex);
				return done ? (ssize_t)done : -EFAULT;
			}
			/* Into an empty pipe Linux starts a fresh page. */
			if (!pipe_used(pipe))
				pipe->align = pipe->head % PAGE_SIZE;
			if (packet) {
				unsigned int i = pipe->pkt_head++ % pipe_slots(pipe);
				pipe->pkt_pos[i] = pipe->head;
				pipe->pkt_len[i] = k;
			}
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
				room_for(pipe, want, packet) ||
				!READ_ONCE(pipe->readers)))
			return done ? (ssize_t)done : -ERESTARTSYS;
	}
	return done;
}

/* FIFOs: attaching a pipe to its inode and detaching it. */
static DEFINE_MUTEX(fifo_mutex);

static bool is_fifo(const struct file *f)
{
	return f->f_inode && f->f_inode->i_sb;	/* named, not pipefs's */
}

static int pipe_release(struct file *f)
{
	struct pipe_inode_info *pipe = f->private_data;
	bool fifo = is_fifo(f);

	if (!pipe)
		return 0;		/* a FIFO open that failed */
	if (fifo)
		mutex_lock(&fifo_mutex);
	mutex_lock(&pipe->mutex);
	if (f->f_mode & FMODE_READ)
		pipe->readers--;
	if (f->f_mode & FMODE_WRITE)
		pipe->writers--;
	bool last = !pipe->readers && !pipe->writers;
	/* The other end learns of EOF (HUP) or EPIPE (ERR): every waiter,
	 * exclusive ones included (each must see the end, not just one),
	 * with no key, as Linux's pipe_release: each poller re-checks.
	 * Still under the mutex, as Linux: once it is dropped, the other
	 * end's release may find itself last and free the pipe (it may be
	 * the very task mutex_unlock wakes, and run at once). */
	if (!last) {
		wake_up_interruptible_all(&pipe->rd_wait);
		wake_up_interruptible_all(&pipe->wr_wait);
	}
	mutex_unlock(&pipe->mutex);
	if (fifo) {
		if (last) {
			vfs_lock();
			f->f_inode->i_private = NULL;
			vfs_unlock();
		}
		mutex_unlock(&fifo_mutex);
	}
	if (last)
		pipe_free(pipe);
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
		if (READ_ONCE(pipe->size) - used >= PIPE_BUF &&
		    (!(f->f_flags & O_DIRECT) || pkts_queued(pipe) < pipe_slots(pipe)))
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

static int fifo_open(struct inode *inode, struct file *f);

const struct file_operations pipe_fops = {
	.open = fifo_open,
	.llseek = no_llseek,
	.read = pipe_read,
	.write = pipe_write,
	.poll = pipe_poll,
	.unlocked_ioctl = pipe_ioctl,
	.release = pipe_release,
	.splice_write = iter_file_splice_write,
};

/* A new pipe of the default size; packets: records for O_DIRECT. */
static struct pipe_inode_info *alloc_pipe_info(bool packets)
{
	struct pipe_inode_info *pipe = kzalloc(sizeof(*pipe), GFP_KERNEL);

	if (!pipe)
		return NULL;
	if (pipe_alloc_buf(pipe, PIPE_DEF_ORDER, packets)) {
		kfree(pipe);
		return NULL;
	}
	mutex_init(&pipe->mutex);
	init_waitqueue_head(&pipe->rd_wait);
	init_waitqueue_head(&pipe->wr_wait);
	return pipe;
}

static int create_pipe_files(struct file **res, int flags)
{
	struct pipe_inode_info *pipe = alloc_pipe_info(flags & O_DIRECT);

	if (!pipe)
		return -ENFILE;
	pipe->readers = pipe->writers = 1;
	unsigned int f = flags & (O_NONBLOCK | O_DIRECT);
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

	if (flags & ~(O_CLOEXEC | O_NONBLOCK | O_DIRECT))
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

/* Wait until the other kind of end has been opened since *counter was
 * read (Linux's wait_for_partner); -ERESTARTSYS on a signal. */
static int wait_for_partner(unsigned int *counter, wait_queue_head_t *wq)
{
	unsigned int cur = READ_ONCE(*counter);

	if (wait_event_interruptible(*wq, READ_ONCE(*counter) != cur))
		return -ERESTARTSYS;
	return 0;
}

/*
 * f_op->open of a FIFO (Linux's fifo_open).  The first opener makes the
 * pipe; each open counts as a reader, a writer or both and wakes the
 * other side's waiters.  A pipe made by a FIFO has packet records, so
 * an O_DIRECT writer (fcntl cannot set it, open can) gets packets.
 */
static int fifo_open(struct inode *inode, struct file *f)
{
	struct pipe_inode_info *spare = NULL, *pipe;
	int err = 0;

	if (!inode->i_private && !(spare = alloc_pipe_info(true)))
		return -ENOMEM;
	mutex_lock(&fifo_mutex);
	vfs_lock();
	pipe = inode->i_private;
	if (!pipe) {
		inode->i_private = pipe = spare;
		spare = NULL;
	}
	vfs_unlock();
	if (!pipe) {
		/* The pipe went while we allocated (never spare here). */
		mutex_unlock(&fifo_mutex);
		return -ENOMEM;
	}
	f->private_data = pipe;
	mutex_lock(&pipe->mutex);
	switch (f->f_mode & (FMODE_READ | FMODE_WRITE)) {
	case FMODE_READ:
		pipe->r_counter++;
		pipe->readers++;
		break;
	case FMODE_WRITE:
		if ((f->f_flags & O_NONBLOCK) && !pipe->readers) {
			err = -ENXIO;
			break;
		}
		pipe->w_counter++;
		pipe->writers++;
		break;
	default:
		pipe->r_counter++;
		pipe->w_counter++;
		pipe->readers++;
		pipe->writers++;
	}
	bool last = !pipe->readers && !pipe->writers;
	mutex_unlock(&pipe->mutex);
	if (err && last) {
		vfs_lock();
		inode->i_private = NULL;
		vfs_unlock();
	}
	mutex_unlock(&fifo_mutex);
	if (spare)
		pipe_free(spare);
	if (err) {
		f->private_data = NULL;	/* counted nowhere: nothing to release */
		if (last)
			pipe_free(pipe);
		return err;
	}
	wake_up_interruptible_all(&pipe->rd_wait);
	wake_up_interruptible_all(&pipe->wr_wait);
	/* A reader waits for a writer, a writer for a reader. */
	if (f->f_mode == FMODE_READ && !(f->f_flags & O_NONBLOCK) &&
	    !READ_ONCE(pipe->writers))
		err = wait_for_partner(&pipe->w_counter, &pipe->rd_wait);
	else if (f->f_mode == FMODE_WRITE && !READ_ONCE(pipe->readers))
		err = wait_for_partner(&pipe->r_counter, &pipe->wr_wait);
	/* On an error the caller's fput() releases this end as any other. */
	return err;
}

/*
 * The pages Linux's pipe_buffers would fill (its occupancy, which
 * F_SETPIPE_SZ may not go below): a stream's bytes fill pages in turn,
 * so the pages their positions span; a packet takes a page of its own.
 */
static unsigned long pipe_occupancy(const struct pipe_inode_info *pipe)
{
	unsigned long head = pipe->head - pipe->align;
	unsigned long tail = pipe->tail - pipe->align;
	unsigned long span = (head + PAGE_SIZE - 1) / PAGE_SIZE - tail / PAGE_SIZE;

	return MAX(span, (unsigned long)pkts_queued(pipe));
}

/*
 * F_SETPIPE_SZ and F_GETPIPE_SZ (Linux's pipe_fcntl): the size rounds
 * up to a power of two of pages, at least one; above pipe_max_size only
 * for uid 0 (CAP_SYS_RESOURCE); never below the pages the contents
 * take (EBUSY).  The bytes move to the new ring in order.  Returns the new
 * size; EBADF for a file that is not a pipe.
 */
long pipe_fcntl(struct file *f, unsigned int cmd, unsigned int arg)
{
	if (f->f_op != &pipe_fops || !f->private_data)
		return -EBADF;
	struct pipe_inode_info *pipe = f->private_data;
	if (cmd == F_GETPIPE_SZ)
		return READ_ONCE(pipe->size);
	if (arg > (1U << 31))
		return -EINVAL;
	unsigned int order = 0;
	while ((PAGE_SIZE << order) < arg)
		order++;
	unsigned long size = PAGE_SIZE << order;
	mutex_lock(&pipe->mutex);
	long err = 0;
	if (size > pipe->size && size > (unsigned int)READ_ONCE(pipe_max_size) && !capable(CAP_SYS_RESOURCE))
		err = -EPERM;
	else if (order > PIPE_MAX_ORDER)
		err = -ENOMEM;		/* Linux's limit is memory too */
	else if (pipe_occupancy(pipe) > (size >> PAGE_SHIFT))
		err = -EBUSY;
	if (!err && size != pipe->size) {
		struct pipe_inode_info old = *pipe;
		err = pipe_alloc_buf(pipe, order, old.pkt_pos != NULL);
		if (!err) {
			/* The bytes keep their place in their page, so the
			 * pages they span (the occupancy) stay the same. */
			unsigned long used = old.head - old.tail;
			unsigned long start = (old.tail - old.align) % PAGE_SIZE;
			for (unsigned long i = 0; i < used; i++)
				pipe->buf[start + i] = old.buf[(old.tail + i) % old.size];
			for (unsigned int i = 0; old.pkt_pos && i < old.pkt_head - old.pkt_tail; i++) {
				unsigned int o = (old.pkt_tail + i) % (old.size / PAGE_SIZE);
				pipe->pkt_pos[i] = old.pkt_pos[o] - old.tail + start;
				pipe->pkt_len[i] = old.pkt_len[o];
			}
			pipe->tail = start;
			pipe->head = start + used;
			pipe->align = 0;
			pipe->pkt_head = old.pkt_head - old.pkt_tail;
			pipe->pkt_tail = 0;
			free_pages((unsigned long)old.buf, old.order);
			kfree(old.pkt_pos);
			kfree(old.pkt_len);
		} else {
			pipe->buf = old.buf;
			pipe->size = old.size;
			pipe->order = old.order;
			pipe->pkt_pos = old.pkt_pos;
			pipe->pkt_len = old.pkt_len;
		}
	}
	mutex_unlock(&pipe->mutex);
	if (err)
		return err;
	/* More room: writers may go on. */
	wake_up_interruptible_poll(&pipe->wr_wait, EPOLLOUT | EPOLLWRNORM);
	return size;
}

/* splice's view of a pipe end (fs/splice.c): the bytes it holds now,
 * and whether a writer is left. */
long pipe_readable(struct file *f)
{
	struct pipe_inode_info *pipe = f->private_data;

	return pipe_used(pipe);
}

bool pipe_has_writers(struct file *f)
{
	struct pipe_inode_info *pipe = f->private_data;

	return READ_ONCE(pipe->writers) > 0;
}

/*
 * tee (fs/splice.c): copy up to len of in's bytes into out, leaving them
 * in in.  Waits for in's first byte unless nonblock (EAGAIN), returns 0
 * if in is empty with no writer; what out has no room for is not
 * copied (a full out makes it wait, or EAGAIN).  Through a bounce page
 * in the caller's address space, a page at a time.
 */
long pipe_tee(struct file *in, struct file *out, size_t len, bool nonblock)
{
	struct pipe_inode_info *ip = in->private_data, *op = out->private_data;
	size_t done = 0;
	long err = 0;

	if (nonblock && !pipe_used(ip))
		return READ_ONCE(ip->writers) ? -EAGAIN : 0;
	if (wait_event_interruptible(ip->rd_wait, pipe_used(ip) || !READ_ONCE(ip->writers)))
		return -ERESTARTSYS;
	if (!pipe_used(ip))
		return 0;		/* no writer: nothing will come */
	/* Room in out for something, or EAGAIN. */
	if (nonblock && READ_ONCE(op->size) == pipe_used(op))
		return -EAGAIN;
	if (wait_event_interruptible(op->wr_wait, READ_ONCE(op->size) > pipe_used(op) ||
				     !READ_ONCE(op->readers)))
		return -ERESTARTSYS;
	unsigned long ub = vm_mmap(current->mm, 0, PAGE_SIZE, PROT_READ | PROT_WRITE,
				   MAP_PRIVATE | MAP_ANONYMOUS);
	if (IS_ERR_VALUE(ub))
		return -ENOMEM;
	char __user *ubuf = (char __user *)ub;
	while (done < len) {
		mutex_lock(&ip->mutex);
		size_t avail = ip->head - ip->tail;
		size_t k = avail > done ? MIN(MIN(avail - done, len - done), (size_t)PAGE_SIZE) : 0;
		/* Only what out can take now, so nothing is half-copied. */
		size_t room = READ_ONCE(op->size) - pipe_used(op);
		if (k > room)
			k = room;
		unsigned long left = k ? ring_copy(ip, ip->tail + done, ubuf, k, true) : 0;
		mutex_unlock(&ip->mutex);
		if (!k || left)
			break;
		loff_t pos = 0;
		ssize_t w = pipe_write(out, ubuf, k, &pos);
		if (w <= 0) {
			err = w;
			break;
		}
		done += w;
		if ((size_t)w < k)
			break;
	}
	vm_munmap(current->mm, ub, PAGE_SIZE);
	return done ? (long)done : err;
}
