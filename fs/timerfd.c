/*
 * timerfd.c - a timer behind a file descriptor (Linux's fs/timerfd.c):
 * timerfd_settime arms an hrtimer, its expiry counts a tick and wakes
 * the file's wait queue, and read() returns the ticks since the last
 * read as a u64.  poll, select and epoll see EPOLLIN while ticks is not
 * zero, through the same ->poll hook as every other file.
 *
 * A periodic timer is not re-armed from interrupt context for every
 * period: its function counts one expiry and stops; the next read (or
 * gettime) forwards it over the periods that passed meanwhile, adds
 * them to ticks and starts it again (Linux does the same).
 *
 * Clocks: CLOCK_REALTIME, CLOCK_MONOTONIC and CLOCK_BOOTTIME.  The
 * alarm clocks need an RTC that wakes the machine: EINVAL, as our
 * clock_gettime says for them.  TFD_TIMER_CANCEL_ON_SET is accepted;
 * nothing sets the wall clock here, so it never cancels.
 *
 * LOCKING: ctx->wqh.lock (interrupts off: the timer function takes it
 * in interrupt context) guards ticks, expired and tintv.  The hrtimer
 * has its own locking; it is cancelled with the lock dropped whenever
 * its function might be running on another CPU.
 * Context: process context, but timerfd_tmrproc (interrupt context).
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/mm.h"
#include "kernel/sched.h"
#include "kernel/wait.h"
#include "kernel/hrtimer.h"
#include "kernel/timekeeping.h"
#include "kernel/syscalls.h"
#include "fs/fs.h"
#include "fs/poll.h"
#include "arch/x86_64/uaccess.h"

#define TFD_TIMER_ABSTIME	(1 << 0)
#define TFD_TIMER_CANCEL_ON_SET	(1 << 1)
#define TFD_CLOEXEC		O_CLOEXEC
#define TFD_NONBLOCK		O_NONBLOCK

#define CLOCK_REALTIME		0
#define CLOCK_MONOTONIC		1
#define CLOCK_BOOTTIME		7

struct timerfd_ctx {
	struct hrtimer t;		/* armed by settime */
	ktime_t tintv;			/* the period, 0: one shot */
	wait_queue_head_t wqh;		/* readers and pollers */
	u64 ticks;			/* expiries not read yet */
	int clockid;
	bool expired;			/* t fired and is not queued again */
};

/* Interrupt context: one expiry. */
static enum hrtimer_restart timerfd_tmrproc(struct hrtimer *htmr)
{
	struct timerfd_ctx *ctx = container_of(htmr, struct timerfd_ctx, t);
	unsigned long flags;

	spin_lock_irqsave(&ctx->wqh.lock, flags);
	ctx->expired = true;
	ctx->ticks++;
	wake_up_locked_poll(&ctx->wqh, EPOLLIN);
	spin_unlock_irqrestore(&ctx->wqh.lock, flags);
	return HRTIMER_NORESTART;
}

/* A periodic timer that fired: count the periods since and queue it
 * again.  Returns the extra ticks.  wqh.lock held. */
static u64 timerfd_restart(struct timerfd_ctx *ctx)
{
	if (!ctx->expired || !ctx->tintv)
		return 0;
	u64 n = hrtimer_forward_now(&ctx->t, ctx->tintv);
	hrtimer_start_expires(&ctx->t, HRTIMER_MODE_ABS);
	ctx->expired = false;
	return n ? n - 1 : 0;
}

static ssize_t timerfd_read(struct file *f, char __user *buf, size_t n,
			    loff_t *pos)
{
	struct timerfd_ctx *ctx = f->private_data;
	unsigned long flags;
	u64 ticks;

	(void)pos;
	if (n < sizeof(u64))
		return -EINVAL;
	for (;;) {
		spin_lock_irqsave(&ctx->wqh.lock, flags);
		if (ctx->ticks) {
			ticks = ctx->ticks + timerfd_restart(ctx);
			ctx->ticks = 0;
			spin_unlock_irqrestore(&ctx->wqh.lock, flags);
			break;
		}
		spin_unlock_irqrestore(&ctx->wqh.lock, flags);
		if (f->f_flags & O_NONBLOCK)
			return -EAGAIN;
		if (wait_event_interruptible(ctx->wqh, READ_ONCE(ctx->ticks)))
			return -ERESTARTSYS;
	}
	return put_user(ticks, (u64 __user *)buf) ? -EFAULT : (ssize_t)sizeof(ticks);
}

static __poll_t timerfd_poll(struct file *f, poll_table *pt)
{
	struct timerfd_ctx *ctx = f->private_data;

	poll_wait(f, &ctx->wqh, pt);
	return READ_ONCE(ctx->ticks) ? EPOLLIN : 0;
}

static int timerfd_release(struct file *f)
{
	struct timerfd_ctx *ctx = f->private_data;

	hrtimer_cancel(&ctx->t);
	kfree(ctx);
	return 0;
}

static const struct file_operations timerfd_fops = {
	.llseek = noop_llseek,
	.read = timerfd_read,
	.poll = timerfd_poll,
	.release = timerfd_release,
};

long sys_timerfd_create(int clockid, int flags)
{
	if (flags & ~(TFD_CLOEXEC | TFD_NONBLOCK))
		return -EINVAL;
	if (clockid != CLOCK_REALTIME && clockid != CLOCK_MONOTONIC &&
	    clockid != CLOCK_BOOTTIME)
		return -EINVAL;
	struct timerfd_ctx *ctx = kzalloc(sizeof(*ctx), GFP_KERNEL);
	if (!ctx)
		return -ENOMEM;
	init_waitqueue_head(&ctx->wqh);
	ctx->clockid = clockid;
	hrtimer_init(&ctx->t, clockid, HRTIMER_MODE_ABS);
	ctx->t.function = timerfd_tmrproc;
	struct file *f = alloc_file(&timerfd_fops, ctx,
				    O_RDWR | (flags & TFD_NONBLOCK),
				    "anon_inode:[timerfd]");
	if (IS_ERR(f)) {
		kfree(ctx);
		return PTR_ERR(f);
	}
	int fd = fd_install_new(f, flags & TFD_CLOEXEC);
	if (fd < 0)
		fput(f);
	return fd;
}

struct __kernel_itimerspec {
	struct __kernel_timespec it_interval;
	struct __kernel_timespec it_value;
};

static struct __kernel_timespec ns_to_kts(s64 ns)
{
	struct timespec64 ts = ns_to_timespec64(ns);

	return (struct __kernel_timespec){ ts.tv_sec, ts.tv_nsec };
}

/* The time left (0 once a one-shot timer fired or when disarmed) and
 * the period.  wqh.lock held, and the timer not queued unless restart. */
static struct __kernel_itimerspec timerfd_get(struct timerfd_ctx *ctx)
{
	ktime_t left = hrtimer_get_remaining(&ctx->t);

	return (struct __kernel_itimerspec){
		.it_interval = ns_to_kts(ctx->tintv),
		.it_value = ns_to_kts(left > 0 ? left : 0),
	};
}

/* The timerfd fd names, with a reference; an ERR_PTR otherwise. */
static struct file *timerfd_fget(int fd)
{
	struct file *f = fget(fd);

	if (!f)
		return ERR_PTR(-EBADF);
	if (f->f_op != &timerfd_fops) {
		fput(f);
		return ERR_PTR(-EINVAL);
	}
	return f;
}

static bool itimerspec_valid(const struct __kernel_itimerspec *its)
{
	const struct __kernel_timespec *a = &its->it_value, *b = &its->it_interval;

	return a->tv_sec >= 0 && a->tv_nsec >= 0 && a->tv_nsec < (s64)NSEC_PER_SEC &&
	       b->tv_sec >= 0 && b->tv_nsec >= 0 && b->tv_nsec < (s64)NSEC_PER_SEC;
}

static s64 kts_to_ns(const struct __kernel_timespec *ts)
{
	struct timespec64 t = { ts->tv_sec, ts->tv_nsec };

	return timespec64_to_ns(&t);
}

long sys_timerfd_settime(int ufd, int flags,
			 const struct __kernel_itimerspec __user *utmr,
			 struct __kernel_itimerspec __user *otmr)
{
	struct __kernel_itimerspec new, old;
	unsigned long irqflags;

	if (copy_from_user(&new, utmr, sizeof(new)))
		return -EFAULT;
	if ((flags & ~(TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET)) ||
	    !itimerspec_valid(&new))
		return -EINVAL;
	struct file *f = timerfd_fget(ufd);
	if (IS_ERR(f))
		return PTR_ERR(f);
	struct timerfd_ctx *ctx = f->private_data;

	/* Stop the timer, waiting out a function running elsewhere. */
	for (;;) {
		spin_lock_irqsave(&ctx->wqh.lock, irqflags);
		if (hrtimer_try_to_cancel(&ctx->t) >= 0)
			break;
		spin_unlock_irqrestore(&ctx->wqh.lock, irqflags);
		cpu_relax();
	}
	/* The old setting: a periodic timer that fired is moved to its
	 * next period first (not queued: it is being replaced). */
	if (ctx->expired && ctx->tintv)
		hrtimer_forward_now(&ctx->t, ctx->tintv);
	old = timerfd_get(ctx);
	ctx->ticks = 0;
	ctx->expired = false;
	ctx->tintv = kts_to_ns(&new.it_interval);
	s64 value = kts_to_ns(&new.it_value);
	enum hrtimer_mode mode = flags & TFD_TIMER_ABSTIME ?
				 HRTIMER_MODE_ABS : HRTIMER_MODE_REL;
	hrtimer_init(&ctx->t, ctx->clockid, mode);	/* expires 0 */
	ctx->t.function = timerfd_tmrproc;
	if (value)
		hrtimer_start(&ctx->t, value, mode);
	spin_unlock_irqrestore(&ctx->wqh.lock, irqflags);
	fput(f);
	if (otmr && copy_to_user(otmr, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

long sys_timerfd_gettime(int ufd, struct __kernel_itimerspec __user *otmr)
{
	struct __kernel_itimerspec cur;
	unsigned long flags;

	struct file *f = timerfd_fget(ufd);
	if (IS_ERR(f))
		return PTR_ERR(f);
	struct timerfd_ctx *ctx = f->private_data;
	spin_lock_irqsave(&ctx->wqh.lock, flags);
	ctx->ticks += timerfd_restart(ctx);	/* count missed periods */
	cur = timerfd_get(ctx);
	spin_unlock_irqrestore(&ctx->wqh.lock, flags);
	fput(f);
	return copy_to_user(otmr, &cur, sizeof(cur)) ? -EFAULT : 0;
}
