/*
 * eventpoll_syscalls.c - the epoll system calls: argument checks in
 * Linux's order (the errno a program sees when several things are wrong
 * at once is part of the ABI), the nesting check, the signal mask of
 * epoll_pwait, and the fdinfo text.  The mechanism is fs/eventpoll.c.
 *
 * LOCKING: as fs/eventpoll.c.  epoll_ctl takes epmutex, then ep->mtx;
 * the loop check walks nested instances under epmutex, taking each one's
 * mtx on the way down.  Context: process context.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/syscalls.h"
#include "kernel/time.h"
#include "fs/fs.h"
#include "fs/poll.h"
#include "fs/eventpoll.h"
#include "fs/eventpoll_internal.h"
#include "kernel/timekeeping.h"
#include "arch/x86_64/uaccess.h"
#include "kernel/chaintrace.h"

/* The most events one call may ask for: INT_MAX bytes of them. */
#define EP_MAX_EVENTS (0x7fffffff / (int)sizeof(struct epoll_event))

/* EPOLLEXCLUSIVE may be combined only with these. */
#define EPOLLEXCLUSIVE_OK_BITS (EPOLLINOUT_BITS | EPOLLERR | EPOLLHUP | \
				EPOLLWAKEUP | EPOLLET | EPOLLEXCLUSIVE)

static inline int ep_op_has_event(int op)
{
	return op != EPOLL_CTL_DEL;
}

/* --- epoll_create --- */

static long do_epoll_create(int flags)
{
	struct eventpoll *ep;
	struct file *file;
	int fd;

	if (flags & ~EPOLL_CLOEXEC)
		return -EINVAL;
	ep = ep_alloc();
	if (!ep)
		return -ENOMEM;
	file = alloc_file(&eventpoll_fops, ep, O_RDWR, "anon_inode:[eventpoll]");
	if (IS_ERR(file)) {
		ep_free(ep);
		return PTR_ERR(file);
	}
	ep->file = file;
	fd = fd_install_new(file, flags & EPOLL_CLOEXEC);
	if (fd < 0)
		fput(file);	/* ->release frees ep */
	return fd;
}

long sys_epoll_create1(int flags)
{
	return do_epoll_create(flags);
}

/* size is a relic (a hint for a hash table long gone), but must be > 0. */
long sys_epoll_create(int size)
{
	if (size <= 0)
		return -EINVAL;
	return do_epoll_create(0);
}

/* --- the nesting check: epmutex held --- */

static u64 loop_check_gen;		/* one number per check pass */
static struct eventpoll *inserting_into; /* the ep being added to */

/*
 * How many epoll levels lie below ep (0 if it watches no epoll), or
 * EPOLL_MAX_NESTS + 1 if the walk meets inserting_into (a loop) or goes
 * too deep.  Memoised per pass through ep->gen, so a diamond of nested
 * epolls is walked once.  Takes each visited ep->mtx to read its tree.
 */
static int ep_loop_check_proc(struct eventpoll *ep, int depth)
{
	int result = 0;

	if (ep->gen == loop_check_gen)
		return ep->loop_check_depth;
	/* Under the epoll_ctl's own ep->mtx (subclass 0): each level down
	 * is the next subclass, as in ep_scan_ready_list. */
	mutex_lock_nested(&ep->mtx, depth + 1);
	ep->gen = loop_check_gen;
	for (struct rb_node *rbp = rb_first(&ep->rbr); rbp; rbp = rb_next(rbp)) {
		struct epitem *epi = rb_entry(rbp, struct epitem, rbn);
		if (!is_file_epoll(epi->ffd.file))
			continue;
		struct eventpoll *ep_tovisit = epi->ffd.file->private_data;
		if (ep_tovisit == inserting_into || depth > EPOLL_MAX_NESTS)
			result = EPOLL_MAX_NESTS + 1;
		else
			result = MAX(result,
				     ep_loop_check_proc(ep_tovisit, depth + 1) + 1);
		if (result > EPOLL_MAX_NESTS)
			break;
	}
	ep->loop_check_depth = MIN(result, EPOLL_MAX_NESTS + 1);
	mutex_unlock(&ep->mtx);
	return ep->loop_check_depth;
}

/* How many epoll levels lie above ep: the epolls watching its file. */
static int ep_get_upwards_depth_proc(struct eventpoll *ep, int depth)
{
	int result = 0;
	struct epitem *epi;

	if (ep->gen == loop_check_gen)
		return ep->loop_check_depth;
	list_for_each_entry(epi, &ep->file->f_ep_links, fllink)
		result = MAX(result,
			     ep_get_upwards_depth_proc(epi->ep, depth + 1) + 1);
	ep->gen = loop_check_gen;
	ep->loop_check_depth = result;
	return result;
}

/* May "to" go inside ep?  Not if ep is reachable from to (a loop), and
 * not if the chain through the new link would be more than
 * EPOLL_MAX_NESTS links long, counting the levels above ep too (Linux
 * since 6.17; before, only the levels below to were counted). */
static int ep_loop_check(struct eventpoll *ep, struct eventpoll *to)
{
	int depth, upwards_depth;

	inserting_into = ep;
	loop_check_gen++;
	depth = ep_loop_check_proc(to, 0);
	if (depth > EPOLL_MAX_NESTS)
		return -1;
	loop_check_gen++;
	upwards_depth = ep_get_upwards_depth_proc(ep, 0);
	return depth + 1 + upwards_depth > EPOLL_MAX_NESTS ? -1 : 0;
}

/* --- epoll_ctl --- */

/* The op itself, with epmutex and ep->mtx held. */
static int ep_ctl_locked(struct eventpoll *ep, int op, struct file *tfile,
			 int fd, struct epoll_event *epds)
{
	struct epitem *epi = ep_find(ep, tfile, fd);

	switch (op) {
	case EPOLL_CTL_ADD:
		if (epi)
			return -EEXIST;
		epds->events |= EPOLLERR | EPOLLHUP;
		return ep_insert(ep, epds, tfile, fd);
	case EPOLL_CTL_DEL:
		return epi ? ep_remove(ep, epi) : -ENOENT;
	case EPOLL_CTL_MOD:
		if (!epi)
			return -ENOENT;
		/* An exclusive item cannot be changed, only deleted. */
		if (epi->event.events & EPOLLEXCLUSIVE)
			return -EINVAL;
		epds->events |= EPOLLERR | EPOLLHUP;
		return ep_modify(ep, epi, epds);
	}
	return -EINVAL;
}

/* What is wrong with the request before any lock is taken, in Linux's
 * order of checks; 0 if nothing. */
static int ep_ctl_check(struct file *file, struct file *tfile, int op,
			const struct epoll_event *epds)
{
	if (!file_can_poll(tfile))
		return -EPERM;		/* regular files: always "ready" */
	if (file == tfile || !is_file_epoll(file))
		return -EINVAL;
	if (ep_op_has_event(op) && (epds->events & EPOLLEXCLUSIVE)) {
		if (op == EPOLL_CTL_MOD)
			return -EINVAL;
		if (op == EPOLL_CTL_ADD && (is_file_epoll(tfile) ||
		    (epds->events & ~EPOLLEXCLUSIVE_OK_BITS)))
			return -EINVAL;
	}
	return 0;
}

static long do_epoll_ctl(int epfd, int op, int fd, struct epoll_event *epds)
{
	struct file *file, *tfile;
	struct eventpoll *ep;
	int error;

	file = fget(epfd);
	if (!file)
		return -EBADF;
	tfile = fget(fd);
	if (!tfile) {
		fput(file);
		return -EBADF;
	}
	error = ep_ctl_check(file, tfile, op, epds);
	if (error)
		goto out;
	ep = file->private_data;
	mutex_lock(&epmutex);
	if (op == EPOLL_CTL_ADD && is_file_epoll(tfile) &&
	    ep_loop_check(ep, tfile->private_data)) {
		error = -ELOOP;
	} else {
		mutex_lock(&ep->mtx);
		error = ep_ctl_locked(ep, op, tfile, fd, epds);
		mutex_unlock(&ep->mtx);
	}
	mutex_unlock(&epmutex);
out:
	fput(tfile);
	fput(file);
	return error;
}

long sys_epoll_ctl(int epfd, int op, int fd, struct epoll_event __user *event)
{
	struct epoll_event epds = { 0, 0 };

	if (ep_op_has_event(op) && copy_from_user(&epds, event, sizeof(epds)))
		return -EFAULT;
	return do_epoll_ctl(epfd, op, fd, &epds);
}

/* --- epoll_wait and friends --- */

/* to: NULL waits forever, 0 only looks, else the absolute end time. */
static long do_epoll_wait(int epfd, struct epoll_event __user *events,
			  int maxevents, ktime_t *to)
{
	struct file *file = fget(epfd);
	long error;

	if (!file)
		return -EBADF;
	if (maxevents <= 0 || maxevents > EP_MAX_EVENTS)
		error = -EINVAL;
	else if (!access_ok(events, (unsigned long)maxevents *
			    sizeof(struct epoll_event)))
		error = -EFAULT;
	else if (!is_file_epoll(file))
		error = -EINVAL;
	else
		error = ep_poll(file->private_data, events, maxevents, to);
	trace_chain_epoll_wait(file->private_data, error);
	fput(file);
	return error;
}

/* epoll_wait's milliseconds as the end time in *to; NULL for a
 * negative timeout (forever).  Linux's ep_timeout_to_timespec. */
static ktime_t *ep_timeout_to_ktime(ktime_t *to, int ms)
{
	if (ms < 0)
		return NULL;
	if (!ms) {
		*to = 0;
		return to;
	}
	*to = ktime_add_safe(ktime_get(), ms_to_ktime((u64)ms));
	return to;
}

long sys_epoll_wait(int epfd, struct epoll_event __user *events,
		    int maxevents, int timeout)
{
	ktime_t end_time;

	return do_epoll_wait(epfd, events, maxevents,
			     ep_timeout_to_ktime(&end_time, timeout));
}


static long do_epoll_pwait(int epfd, struct epoll_event __user *events,
			   int maxevents, ktime_t *to,
			   const sigset_t __user *sigmask, size_t sigsetsize)
{
	long error = set_user_sigmask(sigmask, sigsetsize);

	if (error)
		return error;
	error = do_epoll_wait(epfd, events, maxevents, to);
	restore_saved_sigmask_unless(error == -EINTR);
	return error;
}

long sys_epoll_pwait(int epfd, struct epoll_event __user *events,
		     int maxevents, int timeout,
		     const sigset_t __user *sigmask, size_t sigsetsize)
{
	ktime_t end_time;

	return do_epoll_pwait(epfd, events, maxevents,
			      ep_timeout_to_ktime(&end_time, timeout),
			      sigmask, sigsetsize);
}

long sys_epoll_pwait2(int epfd, struct epoll_event __user *events,
		      int maxevents,
		      const struct __kernel_timespec __user *timeout,
		      const sigset_t __user *sigmask, size_t sigsetsize)
{
	struct __kernel_timespec ts;
	ktime_t end_time, *to = NULL;	/* NULL: wait forever */

	if (timeout) {
		if (copy_from_user(&ts, timeout, sizeof(ts)))
			return -EFAULT;
		to = &end_time;
		if (poll_select_set_timeout(to, ts.tv_sec, ts.tv_nsec))
			return -EINVAL;
	}
	return do_epoll_pwait(epfd, events, maxevents, to, sigmask, sigsetsize);
}

/* --- /proc/<pid>/fdinfo/<epfd> (fs/proc/fd.c) --- */

int ep_show_fdinfo(struct file *f, char *buf, size_t size)
{
	struct eventpoll *ep = f->private_data;
	size_t len = 0;

	if (!is_file_epoll(f))
		return 0;
	mutex_lock(&ep->mtx);
	for (struct rb_node *rbp = rb_first(&ep->rbr); rbp; rbp = rb_next(rbp)) {
		struct epitem *epi = rb_entry(rbp, struct epitem, rbn);
		struct inode *inode = epi->ffd.file->f_inode;
		/* sdev: 0, there are no block devices to name. */
		len += snprintf(buf + MIN(len, size), len < size ? size - len : 0,
				"tfd: %8d events: %8x data: %16llx  pos:%lli ino:%lx sdev:%x\n",
				epi->ffd.fd, epi->event.events,
				(unsigned long long)epi->event.data,
				(long long)epi->ffd.file->f_pos,
				inode ? inode->i_ino : 0UL, 0U);
	}
	mutex_unlock(&ep->mtx);
	return (int)len;
}
