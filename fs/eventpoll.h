/*
 * eventpoll.h - epoll's interface to the rest of the kernel and its user
 * ABI (Linux's include/linux/eventpoll.h and uapi/linux/eventpoll.h).
 *
 * The mechanism is in fs/eventpoll.c; its private structures are in
 * fs/eventpoll_internal.h.
 */
#ifndef FS_EVENTPOLL_H
#define FS_EVENTPOLL_H

#include "kernel/types.h"
#include "kernel/list.h"
#include "fs/fs.h"
#include "fs/poll.h"

/* epoll_ctl() operations */
#define EPOLL_CTL_ADD	1
#define EPOLL_CTL_DEL	2
#define EPOLL_CTL_MOD	3

/* Event bits beyond poll.h's: flags that steer epoll itself. */
#define EPOLLEXCLUSIVE	(1U << 28)	/* wake one of several epolls */
#define EPOLLWAKEUP	(1U << 29)	/* hold off suspend (accepted, ignored) */
#define EPOLLONESHOT	(1U << 30)	/* disable after one report */
#define EPOLLET		(1U << 31)	/* report changes, not levels */

#define EPOLL_CLOEXEC	O_CLOEXEC

/* What user space passes and receives.  Packed on x86-64 (12 bytes), so
 * 32-bit and 64-bit programs share one layout. */
struct epoll_event {
	u32 events;		/* EPOLL* bits: interest in, readiness out */
	u64 data;		/* the caller's cookie, returned untouched */
} __attribute__((packed));

/* The counters /proc/eventpoll prints (fs/proc/root.c).  The live counts
 * change with atomic adds (their paths hold different locks); callbacks
 * and wakeups are plain, counted under ep->lock (see fs/eventpoll.c). */
struct eventpoll_stats {
	long eventpolls;	/* live epoll instances */
	long epitems;		/* live epitems (watched (file, fd) pairs) */
	long eppoll_entries;	/* live wait-queue hooks */
	long callbacks;		/* ep_poll_callback calls so far */
	long wakeups;		/* epoll_wait sleepers woken so far */
};
extern struct eventpoll_stats ep_stats;

/* Called by fput() when the last reference to file goes, before its
 * ->release: every epoll watching it forgets it.  Process context. */
void eventpoll_release_file(struct file *file);
static inline void eventpoll_release(struct file *file)
{
	/* Cheap test first: almost no file is watched by any epoll. */
	if (list_empty(&file->f_ep_links))
		return;
	eventpoll_release_file(file);
}

bool is_file_epoll(struct file *f);

/* Write the items of an epoll file in Linux's /proc/<pid>/fdinfo format
 * ("tfd: ... events: ... data: ...", one line each) into buf; returns the
 * length it would have (as snprintf).  Process context. */
int ep_show_fdinfo(struct file *f, char *buf, size_t size);

#endif
