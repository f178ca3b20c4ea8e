/*
 * eventfd.c - a 64-bit counter behind a file descriptor: write adds to
 * it, read takes it (or, with EFD_SEMAPHORE, takes one), and poll says
 * whether it is non-zero.  Event loops use it as a wake-up channel: one
 * write makes an epoll_wait elsewhere return.
 *
 * LOCKING: ctx->wqh.lock also guards count (as in Linux), taken with
 * interrupts off since a wake-up may come from any context.
 * Context: process context.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/mm.h"
#include "kernel/sched.h"
#include "kernel/wait.h"
#include "fs/fs.h"
#include "fs/poll.h"
#include "arch/x86_64/uaccess.h"

#define EFD_SEMAPHORE	1
#define EFD_CLOEXEC	O_CLOEXEC
#define EFD_NONBLOCK	O_NONBLOCK
#define EFD_MAX		(~0ULL - 1)	/* the largest value it may hold */

struct eventfd_ctx {
	wait_queue_head_t wqh;	/* readers and writers both wait here */
	u64 count;
	unsigned int flags;	/* EFD_SEMAPHORE */
};

static ssize_t eventfd_read(struct file *f, char __user *buf, size_t n,
			    loff_t *pos)
{
	struct eventfd_ctx *ctx = f->private_data;
	unsigned long flags;
	u64 v;

	(void)pos;
	if (n < sizeof(u64))
		return -EINVAL;
	for (;;) {
		spin_lock_irqsave(&ctx->wqh.lock, flags);
		if (ctx->count) {
			v = ctx->flags & EFD_SEMAPHORE ? 1 : ctx->count;
			ctx->count -= v;
			spin_unlock_irqrestore(&ctx->wqh.lock, flags);
			break;
		}
		spin_unlock_irqrestore(&ctx->wqh.lock, flags);
		if (f->f_flags & O_NONBLOCK)
			return -EAGAIN;
		if (wait_event_interruptible(ctx->wqh, READ_ONCE(ctx->count)))
			return -ERESTARTSYS;
	}
	/* LAB(eventfd): begin */
	wake_up_poll(&ctx->wqh, EPOLLOUT);
	/* LAB(eventfd): end; the starting point has instead:
	wake_up(&ctx->wqh);
	 */
	return put_user(v, (u64 __user *)buf) ? -EFAULT : (ssize_t)sizeof(v);
}

static ssize_t eventfd_write(struct file *f, const char __user *buf, size_t n,
			     loff_t *pos)
{
	struct eventfd_ctx *ctx = f->private_data;
	unsigned long flags;
	u64 v;

	(void)pos;
	if (n < sizeof(u64))
		return -EINVAL;
	if (get_user(v, (const u64 __user *)buf))
		return -EFAULT;
	if (v == ~0ULL)
		return -EINVAL;
	for (;;) {
		spin_lock_irqsave(&ctx->wqh.lock, flags);
		if (EFD_MAX - ctx->count >= v) {
			ctx->count += v;
			spin_unlock_irqrestore(&ctx->wqh.lock, flags);
			break;
		}
		spin_unlock_irqrestore(&ctx->wqh.lock, flags);
		if (f->f_flags & O_NONBLOCK)
			return -EAGAIN;
		if (wait_event_interruptible(ctx->wqh,
				EFD_MAX - READ_ONCE(ctx->count) >= v))
			return -ERESTARTSYS;
	}
	/* LAB(eventfd): begin */
	if (v)
		wake_up_poll(&ctx->wqh, EPOLLIN);
	/* LAB(eventfd): end; the starting point has instead:
	if (v)
		wake_up(&ctx->wqh);
	 */
	return sizeof(v);
}

static __poll_t eventfd_poll(struct file *f, poll_table *pt)
{
	struct eventfd_ctx *ctx = f->private_data;
	__poll_t mask = 0;

	/* LAB(eventfd): begin */
	poll_wait(f, &ctx->wqh, pt);
	u64 count = READ_ONCE(ctx->count);
	if (count)
		mask |= EPOLLIN;
	if (count == ~0ULL)
		mask |= EPOLLERR;	/* only reachable through overflow */
	if (count < EFD_MAX)
		mask |= EPOLLOUT;
	/* LAB(eventfd): end; the starting point has instead:
	(void)f; (void)pt; (void)ctx;
	 */
	return mask;
}

static int eventfd_release(struct file *f)
{
	kfree(f->private_data);
	return 0;
}

static const struct file_operations eventfd_fops = {
	.llseek = noop_llseek,
	.read = eventfd_read,
	.write = eventfd_write,
	.poll = eventfd_poll,
	.release = eventfd_release,
};

int eventfd_show_fdinfo(struct file *f, char *buf, size_t size)
{
	struct eventfd_ctx *ctx = f->private_data;
	unsigned long flags;

	if (f->f_op != &eventfd_fops)
		return 0;
	spin_lock_irqsave(&ctx->wqh.lock, flags);
	u64 count = ctx->count;
	spin_unlock_irqrestore(&ctx->wqh.lock, flags);
	return snprintf(buf, size, "eventfd-count: %16llx\n",
			(unsigned long long)count);
}

long sys_eventfd2(unsigned int initval, int flags)
{
	if (flags & ~(EFD_SEMAPHORE | EFD_CLOEXEC | EFD_NONBLOCK))
		return -EINVAL;
	struct eventfd_ctx *ctx = kzalloc(sizeof(*ctx), GFP_KERNEL);
	if (!ctx)
		return -ENOMEM;
	init_waitqueue_head(&ctx->wqh);
	ctx->count = initval;
	ctx->flags = flags & EFD_SEMAPHORE;
	struct file *f = alloc_file(&eventfd_fops, ctx,
				    O_RDWR | (flags & EFD_NONBLOCK),
				    "anon_inode:[eventfd]");
	if (IS_ERR(f)) {
		kfree(ctx);
		return PTR_ERR(f);
	}
	int fd = fd_install_new(f, flags & EFD_CLOEXEC);
	if (fd < 0)
		fput(f);
	return fd;
}

long sys_eventfd(unsigned int initval)
{
	return sys_eventfd2(initval, 0);
}
