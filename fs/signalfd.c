/*
 * signalfd.c - signals as a file (Linux's fs/signalfd.c): read(2) on a
 * signalfd dequeues the caller's pending signals from a chosen set, one
 * struct signalfd_siginfo each, instead of running handlers; poll and
 * epoll say when one is there.  An event loop blocks those signals and
 * watches the signalfd with the rest of its descriptors.
 *
 * The file holds only the set (struct signalfd_ctx).  What it reads and
 * reports is the calling thread's: its own pending signals and its
 * process's shared ones.  Senders wake sighand->signalfd_wqh (kernel/
 * signal.c: signalfd_notify), which is where poll_wait hangs readers
 * and epoll's entries; when the sighand_struct is freed its queue sends
 * POLLFREE so that epoll lets go of it (signalfd_cleanup).
 *
 * LOCKING: the set and the pending sets under sighand->siglock.
 * Context: process context; signalfd_notify any (siglock held).
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/mm.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/syscalls.h"
#include "fs/fs.h"
#include "fs/poll.h"
#include "arch/x86_64/uaccess.h"

#define SFD_CLOEXEC	O_CLOEXEC
#define SFD_NONBLOCK	O_NONBLOCK

struct signalfd_ctx {
	sigset_t sigmask;		/* the signals this file reads */
};

/* What read(2) returns per signal: 128 bytes, Linux's layout. */
struct signalfd_siginfo {
	u32 ssi_signo;
	s32 ssi_errno;
	s32 ssi_code;
	u32 ssi_pid;
	u32 ssi_uid;
	s32 ssi_fd;
	u32 ssi_tid;
	u32 ssi_band;
	u32 ssi_overrun;
	u32 ssi_trapno;
	s32 ssi_status;
	s32 ssi_int;
	u64 ssi_ptr;
	u64 ssi_utime;
	u64 ssi_stime;
	u64 ssi_addr;
	u16 ssi_addr_lsb;
	u16 __pad2;
	s32 ssi_syscall;
	u64 ssi_call_addr;
	u32 ssi_arch;
	u8 __pad[28];
};
_Static_assert(sizeof(struct signalfd_siginfo) == 128, "signalfd_siginfo");

void signalfd_notify(struct task_struct *t, int sig)
{
	(void)sig;
	if (waitqueue_active(&t->sighand->signalfd_wqh))
		wake_up_poll(&t->sighand->signalfd_wqh, EPOLLIN);
}

void signalfd_cleanup(struct sighand_struct *sighand)
{
	if (waitqueue_active(&sighand->signalfd_wqh))
		wake_up_poll(&sighand->signalfd_wqh, EPOLLHUP | POLLFREE);
}

/*
 * The siginfo as signalfd shows it, field by field according to what
 * kind of signal it is (Linux's siginfo_layout): who sent it (kill,
 * tkill, sigqueue: pid, uid and for the last two the value), a child's
 * end (SIGCHLD: status and times), or a fault (the address).
 */
static void signalfd_copyinfo(struct signalfd_siginfo *new,
			      const struct kernel_siginfo *kinfo)
{
	int sig = kinfo->si_signo, code = kinfo->si_code;

	*new = (struct signalfd_siginfo){
		.ssi_signo = sig, .ssi_errno = kinfo->si_errno, .ssi_code = code,
	};
	bool by_signal = code > SI_USER && code < SI_KERNEL;
	if (by_signal && sig == SIGCHLD) {
		new->ssi_pid = kinfo->kill_chld.pid;
		new->ssi_uid = kinfo->kill_chld.uid;
		new->ssi_status = kinfo->kill_chld.status;
		new->ssi_utime = kinfo->kill_chld.utime;
		new->ssi_stime = kinfo->kill_chld.stime;
	} else if (by_signal && (sig == SIGSEGV || sig == SIGBUS ||
				 sig == SIGILL || sig == SIGFPE ||
				 sig == SIGTRAP)) {
		new->ssi_addr = (u64)kinfo->addr;
	} else {
		new->ssi_pid = kinfo->kill_chld.pid;
		new->ssi_uid = kinfo->kill_chld.uid;
		if (code < 0) {		/* sigqueue, tkill: the value */
			u64 value;
			memcpy(&value, &kinfo->kill_chld.status, sizeof(value));
			new->ssi_ptr = value;
			new->ssi_int = (s32)value;
		}
	}
}

/* One signal from ctx's set, waiting for one unless nonblock.  The
 * signal number, -EAGAIN, or -ERESTARTSYS. */
static int signalfd_dequeue(struct signalfd_ctx *ctx,
			    struct kernel_siginfo *info, bool nonblock)
{
	struct task_struct *t = current;
	struct sighand_struct *sighand = t->sighand;
	unsigned long flags;
	DECLARE_WAITQUEUE(wait, t);

	spin_lock_irqsave(&sighand->siglock, flags);
	int ret = dequeue_signal(t, ~ctx->sigmask, info);
	if (ret || nonblock) {
		spin_unlock_irqrestore(&sighand->siglock, flags);
		return ret ? ret : -EAGAIN;
	}
	add_wait_queue(&sighand->signalfd_wqh, &wait);
	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		ret = dequeue_signal(t, ~ctx->sigmask, info);
		if (ret)
			break;
		if (signal_pending(t)) {
			ret = -ERESTARTSYS;
			break;
		}
		spin_unlock_irqrestore(&sighand->siglock, flags);
		schedule();
		spin_lock_irqsave(&sighand->siglock, flags);
	}
	spin_unlock_irqrestore(&sighand->siglock, flags);
	remove_wait_queue(&sighand->signalfd_wqh, &wait);
	__set_current_state(TASK_RUNNING);
	return ret;
}

/* As many whole records as fit (EINVAL if not even one); only the
 * first may wait. */
static ssize_t signalfd_read(struct file *f, char __user *buf, size_t count,
			     loff_t *pos)
{
	struct signalfd_ctx *ctx = f->private_data;
	struct signalfd_siginfo __user *out = (void __user *)buf;
	struct kernel_siginfo info;
	bool nonblock = f->f_flags & O_NONBLOCK;
	ssize_t total = 0;

	(void)pos;
	count /= sizeof(struct signalfd_siginfo);
	if (!count)
		return -EINVAL;
	do {
		int ret = signalfd_dequeue(ctx, &info, nonblock);
		if (ret <= 0)
			return total ? total : ret;
		struct signalfd_siginfo new;
		signalfd_copyinfo(&new, &info);
		if (copy_to_user(out, &new, sizeof(new)))
			return total ? total : -EFAULT;
		out++;
		total += sizeof(new);
		nonblock = true;
	} while (--count);
	return total;
}

static __poll_t signalfd_poll(struct file *f, poll_table *pt)
{
	struct signalfd_ctx *ctx = f->private_data;
	struct sighand_struct *sighand = current->sighand;
	unsigned long flags;

	poll_wait(f, &sighand->signalfd_wqh, pt);
	spin_lock_irqsave(&sighand->siglock, flags);
	bool ready = signal_pending_in(current, ~ctx->sigmask);
	spin_unlock_irqrestore(&sighand->siglock, flags);
	return ready ? EPOLLIN : 0;
}

static int signalfd_release(struct file *f)
{
	kfree(f->private_data);
	return 0;
}

static const struct file_operations signalfd_fops = {
	.llseek = noop_llseek,
	.read = signalfd_read,
	.poll = signalfd_poll,
	.release = signalfd_release,
};

/* Linux's order: the set's size, the copy, then the flags. */
long sys_signalfd4(int ufd, const sigset_t __user *user_mask, size_t sizemask,
		   int flags)
{
	sigset_t mask;

	if (sizemask != sizeof(sigset_t))
		return -EINVAL;
	if (copy_from_user(&mask, user_mask, sizeof(mask)))
		return -EFAULT;
	if (flags & ~(SFD_CLOEXEC | SFD_NONBLOCK))
		return -EINVAL;
	mask &= ~SIG_KERNEL_ONLY_MASK;	/* SIGKILL and SIGSTOP never */
	if (ufd != -1) {
		/* A new set for an existing signalfd. */
		struct file *f = fget(ufd);
		if (!f)
			return -EBADF;
		if (f->f_op != &signalfd_fops) {
			fput(f);
			return -EINVAL;
		}
		struct signalfd_ctx *ctx = f->private_data;
		struct sighand_struct *sighand = current->sighand;
		unsigned long irqflags;
		spin_lock_irqsave(&sighand->siglock, irqflags);
		ctx->sigmask = mask;
		spin_unlock_irqrestore(&sighand->siglock, irqflags);
		wake_up_poll(&sighand->signalfd_wqh, EPOLLIN);
		fput(f);
		return ufd;
	}
	struct signalfd_ctx *ctx = kzalloc(sizeof(*ctx), GFP_KERNEL);
	if (!ctx)
		return -ENOMEM;
	ctx->sigmask = mask;
	struct file *f = alloc_file(&signalfd_fops, ctx,
				    O_RDWR | (flags & SFD_NONBLOCK),
				    "anon_inode:[signalfd]");
	if (IS_ERR(f)) {
		kfree(ctx);
		return PTR_ERR(f);
	}
	int fd = fd_install_new(f, flags & SFD_CLOEXEC);
	if (fd < 0)
		fput(f);
	return fd;
}

long sys_signalfd(int ufd, const sigset_t __user *user_mask, size_t sizemask)
{
	return sys_signalfd4(ufd, user_mask, sizemask, 0);
}
