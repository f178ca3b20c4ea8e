/*
 * select.c - poll(2), ppoll(2), select(2) and pselect6(2): wait until one
 * of several files is ready, built on the f_op->poll hook (fs/poll.h).
 *
 * One pass asks every file "ready now?" through vfs_poll() with a poll
 * table whose queue function, __pollwait, hangs a poll_table_entry on
 * each wait queue the file names.  The entry's wake function, pollwake,
 * marks the poll_wqueues triggered and wakes the polling task, but only
 * if the wake-up's key (the EPOLL* bits that happened) meets the events
 * asked for on that file.  If nothing was ready the task sleeps
 * (poll_schedule_timeout) and scans again; later passes register nothing
 * more, since the entries from the first pass stay until the end
 * (poll_freewait).  epoll (fs/eventpoll.c) uses the same hook with
 * another queue function, and keeps its entries between calls.
 *
 * Timeouts are absolute deadlines of the monotonic clock (ktime_t
 * "end_time"), computed once when the call starts: NULL waits forever,
 * 0 does not wait at all.  The sleep is schedule_hrtimeout_range's, on
 * a high-resolution timer, with the slack select_estimate_accuracy
 * allows; a wake-up that brings nothing sleeps again towards the same
 * deadline.  select, pselect6 and ppoll write the time left back (the C
 * libraries hide it for the last two by passing a copy); poll has
 * nothing to write to.
 *
 * LOCKING: pollwake runs under the woken queue's lock with interrupts
 * off (kernel/wait.h); it only sets triggered and wakes the task.  The
 * rest is process context of the polling task, with no lock held.
 */
#include "kernel/timekeeping.h"
#include "kernel/hrtimer.h"
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/mm.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/time.h"
#include "kernel/syscalls.h"
#include "fs/fs.h"
#include "fs/poll.h"
#include "arch/x86_64/uaccess.h"

/* Entries beyond the inline ones come in page-sized blocks. */
struct poll_table_page {
	struct poll_table_page *next;
	unsigned int nr;		/* entries used */
	struct poll_table_entry entries[];
};
#define POLL_TABLE_PAGE_ENTRIES \
	((PAGE_SIZE - sizeof(struct poll_table_page)) / sizeof(struct poll_table_entry))

static void __pollwait(struct file *filp, wait_queue_head_t *wait_address,
		       poll_table *p);

void poll_initwait(struct poll_wqueues *pwq)
{
	init_poll_funcptr(&pwq->pt, __pollwait);
	pwq->table = NULL;
	pwq->polling_task = current;
	pwq->triggered = 0;
	pwq->error = 0;
	pwq->inline_index = 0;
}

static void free_poll_entry(struct poll_table_entry *entry)
{
	remove_wait_queue(entry->wait_address, &entry->wait);
	fput(entry->filp);
}

/* Unhook every entry and drop the file references they held. */
void poll_freewait(struct poll_wqueues *pwq)
{
	struct poll_table_page *p = pwq->table;

	for (int i = 0; i < pwq->inline_index; i++)
		free_poll_entry(&pwq->inline_entries[i]);
	while (p) {
		struct poll_table_page *next = p->next;
		for (unsigned int i = 0; i < p->nr; i++)
			free_poll_entry(&p->entries[i]);
		free_page((unsigned long)p);
		p = next;
	}
}

static struct poll_table_entry *poll_get_entry(struct poll_wqueues *pwq)
{
	struct poll_table_page *p = pwq->table;

	if (pwq->inline_index < N_INLINE_POLL_ENTRIES)
		return &pwq->inline_entries[pwq->inline_index++];
	if (!p || p->nr == POLL_TABLE_PAGE_ENTRIES) {
		p = (struct poll_table_page *)__get_free_page(GFP_KERNEL);
		if (!p) {
			pwq->error = -ENOMEM;
			return NULL;
		}
		p->nr = 0;
		p->next = pwq->table;
		pwq->table = p;
	}
	return &p->entries[p->nr++];
}

/*
 * The wake function: ignore wake-ups for events this file was not asked
 * about (a reader's poll need not wake for room to write), else note the
 * wake-up and wake the task.  Queue lock held, interrupts off.
 */
static int pollwake(wait_queue_entry_t *wait, unsigned mode, int sync, void *key)
{
	struct poll_table_entry *entry =
		container_of(wait, struct poll_table_entry, wait);
	struct poll_wqueues *pwq = wait->private;

	/* LAB(poll): begin */
	if (key && !(key_to_poll(key) & entry->key))
		return 0;
	/* Set before the wake-up, so the task either sees it before it
	 * sleeps or is woken after. */
	smp_store_mb(pwq->triggered, 1);
	/* LAB(poll): end; the starting point has instead:
	(void)entry; (void)key;
	 */
	return try_to_wake_up(pwq->polling_task, mode, sync);
}

/* poll_wait()'s work for poll and select: hang an entry on the queue. */
static void __pollwait(struct file *filp, wait_queue_head_t *wait_address,
		       poll_table *p)
{
	/* LAB(poll): begin */
	struct poll_wqueues *pwq = container_of(p, struct poll_wqueues, pt);
	struct poll_table_entry *entry = poll_get_entry(pwq);

	if (!entry)
		return;
	entry->filp = get_file(filp);
	entry->wait_address = wait_address;
	entry->key = p->_key;
	init_waitqueue_func_entry(&entry->wait, pollwake);
	entry->wait.private = pwq;
	add_wait_queue(wait_address, &entry->wait);
	/* LAB(poll): end; the starting point has instead:
	(void)filp; (void)wait_address; (void)p;
	(void)poll_get_entry; (void)pollwake;	// not called yet: no warning
	 */
}

#define MAX_SLACK	(100 * NSEC_PER_MSEC)

u64 select_estimate_accuracy(const ktime_t *end_time)
{
	ktime_t left = *end_time - ktime_get();
	u64 slack = left <= 0 ? 0 : MIN((u64)left / 1000, MAX_SLACK);

	return MAX(slack, current_timer_slack_ns());
}

/*
 * Sleep until a wake-up that matters, a signal or the deadline.  Returns
 * 0 when the deadline passed.  A wake-up that came during the scan
 * (triggered) means "scan again" without sleeping.  A signal pending
 * already makes schedule() return at once (kernel/sched.c).
 */
static int poll_schedule_timeout(struct poll_wqueues *pwq, ktime_t *expires,
				 u64 slack)
{
	int rc = -EINTR;

	set_current_state(TASK_INTERRUPTIBLE);
	if (!READ_ONCE(pwq->triggered))
		rc = schedule_hrtimeout_range(expires, slack, HRTIMER_MODE_ABS);
	__set_current_state(TASK_RUNNING);
	WRITE_ONCE(pwq->triggered, 0);
	return rc;
}

/*
 * The deadline sec/nsec from now into *to; -EINVAL for a negative or
 * malformed time.  A zero time gives 0: poll once and return.  One
 * beyond what ktime_t holds (292 years) is KTIME_MAX: never.
 */
int poll_select_set_timeout(ktime_t *to, s64 sec, long nsec)
{
	if (sec < 0 || nsec < 0 || (u64)nsec >= NSEC_PER_SEC)
		return -EINVAL;
	if (!sec && !nsec) {
		*to = 0;
		return 0;
	}
	*to = ktime_add_safe(ktime_get(), ktime_set(sec, nsec));
	return 0;
}

/* The time left before end_time, as sec/nsec (0 once it has passed). */
static void poll_time_left(ktime_t end_time, long *sec, long *nsec)
{
	ktime_t left = end_time - ktime_get();
	struct timespec64 ts = ns_to_timespec64(left > 0 ? left : 0);

	*sec = ts.tv_sec;
	*nsec = ts.tv_nsec;
}


/* ---------------------------------------------------------------- */
/* poll */

struct pollfd {
	int fd;
	short events;
	short revents;
};

/* One descriptor's revents; registers through pwq while pt is live. */
static __poll_t do_pollfd(struct pollfd *pfd, poll_table *pt)
{
	int fd = pfd->fd;

	if (fd < 0)
		return 0;
	struct file *f = fget(fd);
	if (!f)
		return EPOLLNVAL;
	/* Errors and hang-ups are reported whether asked for or not. */
	__poll_t filter = (u16)pfd->events | EPOLLERR | EPOLLHUP;
	pt->_key = filter;
	__poll_t mask = vfs_poll(f, pt) & filter;
	fput(f);
	return mask;
}

static int do_poll(struct pollfd *fds, unsigned int nfds, ktime_t *end_time)
{
	struct poll_wqueues table;
	poll_table *pt = &table.pt;
	bool timed_out = false;
	u64 slack = 0;
	int count;

	poll_initwait(&table);
	if (end_time && !*end_time) {
		pt->_qproc = NULL;		/* zero timeout: just look */
		timed_out = true;
	}
	for (;;) {
		count = 0;
		for (unsigned int i = 0; i < nfds; i++) {
			__poll_t mask = do_pollfd(&fds[i], pt);
			fds[i].revents = mask;
			if (mask) {
				count++;
				pt->_qproc = NULL;	/* answer known: stop queueing */
			}
			cond_resched();		/* nfds is the user's */
		}
		pt->_qproc = NULL;		/* registered once is enough */
		if (!count) {
			count = table.error;
			if (signal_pending(current))
				count = -ERESTARTNOHAND;
		}
		if (count || timed_out)
			break;
		if (end_time && !slack)
			slack = select_estimate_accuracy(end_time);
		if (!poll_schedule_timeout(&table, end_time, slack))
			timed_out = true;	/* one last scan, then out */
	}
	poll_freewait(&table);
	return count;
}

#define POLL_STACK_FDS	32

static int do_sys_poll(struct pollfd __user *ufds, unsigned int nfds,
		       ktime_t *end_time)
{
	struct pollfd stack_fds[POLL_STACK_FDS], *fds = stack_fds;
	size_t size = (size_t)nfds * sizeof(struct pollfd);

	if (nfds > nofile_limit())
		return -EINVAL;
	if (nfds > POLL_STACK_FDS) {
		fds = kmalloc(size, GFP_KERNEL);
		if (!fds)
			return -ENOMEM;
	}
	int ret = -EFAULT;
	if (copy_from_user(fds, ufds, size))
		goto out;
	ret = do_poll(fds, nfds, end_time);
	if (ret < 0)
		goto out;
	/* Only revents goes back, as Linux writes it. */
	for (unsigned int i = 0; i < nfds; i++) {
		if (put_user(fds[i].revents, &ufds[i].revents)) {
			ret = -EFAULT;
			break;
		}
	}
out:
	if (fds != stack_fds)
		kfree(fds);
	return ret;
}

/* Linux turns a poll with a timeout into a restart_block that resumes
 * with the time left; without restart_syscall we restart it whole,
 * which is the same for the -1 (forever) case. */
long sys_poll(struct pollfd __user *ufds, unsigned int nfds, int timeout_msecs)
{
	ktime_t end_time, *to = NULL;

	if (timeout_msecs >= 0) {
		to = &end_time;
		poll_select_set_timeout(to, timeout_msecs / 1000,
					NSEC_PER_MSEC * (timeout_msecs % 1000));
	}
	return do_sys_poll(ufds, nfds, to);
}

/* Write the time left to a timespec or timeval, for ppoll, pselect6 and
 * select; restore the sigmask.  A failed write does not change ret. */
static long poll_select_finish(ktime_t *end_time, void __user *p, bool timeval,
			       long ret)
{
	long sec, nsec;

	restore_saved_sigmask_unless(ret == -ERESTARTNOHAND);
	if (!p || !end_time || !*end_time)
		return ret;			/* no update for a zero timeout */
	poll_time_left(*end_time, &sec, &nsec);
	struct __kernel_timespec ts = { sec, timeval ? nsec / 1000 : nsec };
	(void)!copy_to_user(p, &ts, sizeof(ts));
	return ret;
}

long sys_ppoll(struct pollfd __user *ufds, unsigned int nfds,
	       struct __kernel_timespec __user *tsp,
	       const sigset_t __user *sigmask, size_t sigsetsize)
{
	struct __kernel_timespec ts;
	ktime_t end_time, *to = NULL;

	if (tsp) {
		if (copy_from_user(&ts, tsp, sizeof(ts)))
			return -EFAULT;
		to = &end_time;
		if (poll_select_set_timeout(to, ts.tv_sec, ts.tv_nsec))
			return -EINVAL;
	}
	int ret = set_user_sigmask(sigmask, sigsetsize);
	if (ret)
		return ret;
	ret = do_sys_poll(ufds, nfds, to);
	return poll_select_finish(to, tsp, false, ret);
}

/* ---------------------------------------------------------------- */
/* select */

#define BITS_PER_FDS_LONG	(8 * sizeof(unsigned long))
#define FDS_LONGS(n)		(((n) + BITS_PER_FDS_LONG - 1) / BITS_PER_FDS_LONG)
#define FDS_BYTES(n)		(FDS_LONGS(n) * sizeof(unsigned long))

/* What counts as readable, writable and "exceptional" (select's three
 * sets) in terms of poll events. */
#define POLLIN_SET	(EPOLLRDNORM | EPOLLRDBAND | EPOLLIN | EPOLLHUP | EPOLLERR)
#define POLLOUT_SET	(EPOLLWRBAND | EPOLLWRNORM | EPOLLOUT | EPOLLERR)
#define POLLEX_SET	(EPOLLPRI)

/* The three sets asked about and the three answered, FDS_LONGS each. */
typedef struct {
	unsigned long *in, *out, *ex;
	unsigned long *res_in, *res_out, *res_ex;
} fd_set_bits;

static int get_fd_set(unsigned long n, void __user *ufdset, unsigned long *fdset)
{
	if (!ufdset) {
		memset(fdset, 0, FDS_BYTES(n));
		return 0;
	}
	return copy_from_user(fdset, ufdset, FDS_BYTES(n)) ? -EFAULT : 0;
}

static int set_fd_set(unsigned long n, void __user *ufdset, unsigned long *fdset)
{
	if (!ufdset)
		return 0;
	return copy_to_user(ufdset, fdset, FDS_BYTES(n)) ? -EFAULT : 0;
}

static bool fd_is_open(unsigned int fd)
{
	struct file *f = fget(fd);

	if (f)
		fput(f);
	return f != NULL;
}

/* Every descriptor named in a set must be open: -EBADF otherwise. */
static int max_select_fd(unsigned long n, fd_set_bits *fds)
{
	for (unsigned long i = 0; i < n; i++) {
		unsigned long w = i / BITS_PER_FDS_LONG, bit = 1UL << (i % BITS_PER_FDS_LONG);
		if (((fds->in[w] | fds->out[w] | fds->ex[w]) & bit) && !fd_is_open(i))
			return -EBADF;
	}
	return 0;
}

/* One descriptor's contribution to the result sets; returns how many
 * bits it set (a file both readable and writable counts twice). */
static int select_one(unsigned int fd, fd_set_bits *fds, poll_table *pt)
{
	unsigned long w = fd / BITS_PER_FDS_LONG, bit = 1UL << (fd % BITS_PER_FDS_LONG);
	unsigned long in = fds->in[w] & bit, out = fds->out[w] & bit, ex = fds->ex[w] & bit;
	int count = 0;

	if (!(in | out | ex))
		return 0;
	struct file *f = fget(fd);
	if (!f)
		return 0;		/* closed since max_select_fd: skip */
	pt->_key = POLLEX_SET | (in ? POLLIN_SET : 0) | (out ? POLLOUT_SET : 0);
	__poll_t mask = vfs_poll(f, pt);
	fput(f);
	if (in && (mask & POLLIN_SET)) {
		fds->res_in[w] |= bit;
		count++;
	}
	if (out && (mask & POLLOUT_SET)) {
		fds->res_out[w] |= bit;
		count++;
	}
	if (ex && (mask & POLLEX_SET)) {
		fds->res_ex[w] |= bit;
		count++;
	}
	return count;
}

static int do_select(unsigned long n, fd_set_bits *fds, ktime_t *end_time)
{
	struct poll_wqueues table;
	poll_table *pt = &table.pt;
	bool timed_out = false;
	u64 slack = 0;
	int retval;

	int err = max_select_fd(n, fds);
	if (err)
		return err;
	poll_initwait(&table);
	if (end_time && !*end_time) {
		pt->_qproc = NULL;
		timed_out = true;
	}
	for (;;) {
		retval = 0;
		for (unsigned long i = 0; i < n; i++) {
			int k = select_one(i, fds, pt);
			if (k) {
				retval += k;
				pt->_qproc = NULL;
			}
			cond_resched();
		}
		pt->_qproc = NULL;
		if (retval || timed_out || signal_pending(current))
			break;
		if (table.error) {
			retval = table.error;
			break;
		}
		if (end_time && !slack)
			slack = select_estimate_accuracy(end_time);
		if (!poll_schedule_timeout(&table, end_time, slack))
			timed_out = true;
	}
	poll_freewait(&table);
	return retval;
}

#define SELECT_STACK_LONGS	(6 * 4)		/* n up to 256 without kmalloc */

static int core_sys_select(int n, void __user *inp, void __user *outp,
			   void __user *exp, ktime_t *end_time)
{
	unsigned long stack_bits[SELECT_STACK_LONGS], *bits = stack_bits;
	fd_set_bits fds;

	if (n < 0)
		return -EINVAL;
	/* Bits past the table's size cannot name open files: Linux clips
	 * n there rather than failing. */
	if ((unsigned int)n > current->files->max_fds)
		n = current->files->max_fds;
	size_t longs = FDS_LONGS((unsigned long)n);
	if (6 * longs > SELECT_STACK_LONGS) {
		bits = kmalloc(6 * longs * sizeof(long), GFP_KERNEL);
		if (!bits)
			return -ENOMEM;
	}
	fds.in = bits;
	fds.out = bits + longs;
	fds.ex = bits + 2 * longs;
	fds.res_in = bits + 3 * longs;
	fds.res_out = bits + 4 * longs;
	fds.res_ex = bits + 5 * longs;
	int ret;
	if ((ret = get_fd_set(n, inp, fds.in)) || (ret = get_fd_set(n, outp, fds.out)) ||
	    (ret = get_fd_set(n, exp, fds.ex)))
		goto out;
	memset(fds.res_in, 0, 3 * longs * sizeof(long));
	ret = do_select(n, &fds, end_time);
	if (ret < 0)
		goto out;
	if (!ret && signal_pending(current)) {
		ret = -ERESTARTNOHAND;
		goto out;
	}
	if (set_fd_set(n, inp, fds.res_in) || set_fd_set(n, outp, fds.res_out) ||
	    set_fd_set(n, exp, fds.res_ex))
		ret = -EFAULT;
out:
	if (bits != stack_bits)
		kfree(bits);
	return ret;
}

long sys_select(int n, void __user *inp, void __user *outp, void __user *exp,
		struct __kernel_old_timeval __user *tvp)
{
	struct __kernel_old_timeval tv;
	ktime_t end_time, *to = NULL;

	if (tvp) {
		if (copy_from_user(&tv, tvp, sizeof(tv)))
			return -EFAULT;
		to = &end_time;
		/* Whole seconds in tv_usec are carried over, as Linux does. */
		if (poll_select_set_timeout(to, tv.tv_sec + tv.tv_usec / 1000000,
					    (tv.tv_usec % 1000000) * 1000))
			return -EINVAL;
	}
	long ret = core_sys_select(n, inp, outp, exp, to);
	return poll_select_finish(to, tvp, true, ret);
}

/* pselect6's sixth argument: the mask and its size, by reference. */
struct sigset_argpack {
	const sigset_t __user *p;
	size_t size;
};

long sys_pselect6(int n, void __user *inp, void __user *outp, void __user *exp,
		  struct __kernel_timespec __user *tsp, void __user *sig)
{
	struct sigset_argpack x = { NULL, 0 };
	struct __kernel_timespec ts;
	ktime_t end_time, *to = NULL;

	if (sig && copy_from_user(&x, sig, sizeof(x)))
		return -EFAULT;
	if (tsp) {
		if (copy_from_user(&ts, tsp, sizeof(ts)))
			return -EFAULT;
		to = &end_time;
		if (poll_select_set_timeout(to, ts.tv_sec, ts.tv_nsec))
			return -EINVAL;
	}
	long ret = set_user_sigmask(x.p, x.size);
	if (ret)
		return ret;
	ret = core_sys_select(n, inp, outp, exp, to);
	return poll_select_finish(to, tsp, false, ret);
}
