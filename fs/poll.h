/*
 * poll.h - the one hook that poll, select and epoll all use.
 *
 * Every pollable file implements f_op->poll(file, pt): it calls
 * poll_wait() for each wait queue that will be woken when its readiness
 * changes, then returns its readiness now as EPOLL* bits.  What
 * poll_wait() does is up to the poll table's queue function:
 *
 *   poll/select (fs/select.c)  __pollwait: hang an entry that wakes the
 *                              polling task;
 *   epoll (fs/eventpoll.c)     ep_ptable_queue_proc: hang an entry whose
 *                              function is ep_poll_callback;
 *   a NULL table               just ask "ready now?", register nothing.
 *
 * So a driver writes its poll method once and all three work.  The wake
 * key passed to wake_up_poll() is the EPOLL* mask of what happened, so a
 * waiter can ignore wake-ups it did not ask for.
 */
#ifndef FS_POLL_H
#define FS_POLL_H

#include "kernel/types.h"
#include "kernel/ktime.h"
#include "kernel/wait.h"
#include "fs/fs.h"

typedef unsigned int __poll_t;

/* Linux's values (uapi/linux/eventpoll.h; POLL* in poll.h are equal). */
#define EPOLLIN		0x00000001
#define EPOLLPRI	0x00000002
#define EPOLLOUT	0x00000004
#define EPOLLERR	0x00000008
#define EPOLLHUP	0x00000010
#define EPOLLNVAL	0x00000020
#define EPOLLRDNORM	0x00000040
#define EPOLLRDBAND	0x00000080
#define EPOLLWRNORM	0x00000100
#define EPOLLWRBAND	0x00000200
#define EPOLLMSG	0x00000400
#define EPOLLRDHUP	0x00002000
/* A wake-up saying "this wait queue is being freed": every entry must
 * leave it now (signalfd's queue goes with its sighand_struct).  Only
 * epoll keeps entries on a queue past a system call, so only epoll
 * looks for it (ep_poll_callback).  Linux's value. */
#define POLLFREE	0x00004000

/* What a file without ->poll reports: always ready (as Linux). */
#define DEFAULT_POLLMASK (EPOLLIN | EPOLLOUT | EPOLLRDNORM | EPOLLWRNORM)

struct poll_table_struct;
typedef void (*poll_queue_proc)(struct file *, wait_queue_head_t *,
				struct poll_table_struct *);

typedef struct poll_table_struct {
	poll_queue_proc _qproc;	/* NULL: do not register */
	__poll_t _key;		/* the events the poller cares about */
} poll_table;

static inline void poll_wait(struct file *filp, wait_queue_head_t *wait_address,
			     poll_table *p)
{
	if (p && p->_qproc && wait_address)
		p->_qproc(filp, wait_address, p);
}

static inline void init_poll_funcptr(poll_table *pt, poll_queue_proc qproc)
{
	pt->_qproc = qproc;
	pt->_key = ~(__poll_t)0;
}

static inline bool file_can_poll(struct file *file)
{
	return file->f_op->poll != NULL;
}

/* Readiness of file now, registering through pt. */
static inline __poll_t vfs_poll(struct file *file, struct poll_table_struct *pt)
{
	if (!file->f_op->poll)
		return DEFAULT_POLLMASK;
	return file->f_op->poll(file, pt);
}

/*
 * poll and select's table (fs/select.c), here as in Linux's linux/poll.h:
 * poll_initwait() makes a table whose queue function hangs a
 * poll_table_entry (func pollwake) on each queue a file names;
 * poll_freewait() takes them all down again.
 */
struct poll_table_page;

/* One registration: an entry on one file's wait queue. */
struct poll_table_entry {
	struct file *filp;		/* holds a reference until freewait */
	__poll_t key;			/* events asked for on this file */
	wait_queue_entry_t wait;	/* func = pollwake */
	wait_queue_head_t *wait_address; /* the queue it hangs on */
};

#define N_INLINE_POLL_ENTRIES	8

struct poll_wqueues {
	poll_table pt;			/* _qproc = __pollwait, or NULL */
	struct poll_table_page *table;	/* overflow blocks, newest first */
	struct task_struct *polling_task; /* whom pollwake wakes */
	int triggered;			/* a wake-up came since the last sleep */
	int error;			/* -ENOMEM while registering */
	int inline_index;		/* inline_entries used */
	struct poll_table_entry inline_entries[N_INLINE_POLL_ENTRIES];
};

void poll_initwait(struct poll_wqueues *pwq);
void poll_freewait(struct poll_wqueues *pwq);

/* The slack for a sleep until *end_time (absolute, monotonic): 0.1% of
 * the time left, at most 100 ms, at least the task's timer slack, as
 * Linux's select_estimate_accuracy.  poll, select and epoll_wait pass
 * it to schedule_hrtimeout_range.  Process context (fs/select.c). */
u64 select_estimate_accuracy(const ktime_t *end_time);
/* sec/nsec from now as an absolute end_time in *to (0 for a zero
 * time); -EINVAL for a negative or malformed time (fs/select.c). */
int poll_select_set_timeout(ktime_t *to, s64 sec, long nsec);

#endif
