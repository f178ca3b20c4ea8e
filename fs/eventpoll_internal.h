/*
 * eventpoll_internal.h - epoll's three structures (Linux keeps these at
 * the top of fs/eventpoll.c; they are here so that the self-tests in
 * fs/eventpoll_test.c can look inside).  Read fs/eventpoll.c's LOCKING
 * comment first: it says which lock guards which field.
 *
 *   struct eventpoll     one per epoll instance (epoll_create)
 *   struct epitem        one per watched (file, fd) pair (EPOLL_CTL_ADD)
 *   struct eppoll_entry  one per wait queue an epitem hangs on (usually
 *                        one; a pipe opened O_RDWR has two)
 */
#ifndef FS_EVENTPOLL_INTERNAL_H
#define FS_EVENTPOLL_INTERNAL_H

#include "kernel/rbtree.h"
#include "kernel/ktime.h"
#include "kernel/mutex.h"
#include "kernel/wait.h"
#include "fs/eventpoll.h"

/* ep->ovflist when no scan is running; an epitem's next when it is on no
 * ovflist (NULL cannot mean that: it ends the chain). */
#define EP_UNACTIVE_PTR ((void *)-1L)

/* Flags that steer epoll rather than name events. */
#define EP_PRIVATE_BITS (EPOLLWAKEUP | EPOLLONESHOT | EPOLLET | EPOLLEXCLUSIVE)

/* The two directions an EPOLLEXCLUSIVE wake-up is judged by. */
#define EPOLLINOUT_BITS (EPOLLIN | EPOLLOUT)

/* Linux's limit on how many epolls may be stacked inside each other. */
#define EPOLL_MAX_NESTS 4

struct eventpoll;

/* Which file, through which descriptor: the key of ep->rbr.  The same
 * file may be added once per descriptor that refers to it (dup). */
struct epoll_filefd {
	struct file *file;	/* not a counted reference: see eventpoll_release */
	int fd;			/* the descriptor given to EPOLL_CTL_ADD */
};

struct epitem {
	struct rb_node rbn;		/* in ep->rbr; ep->mtx */
	struct list_head rdllink;	/* on ep->rdllist or a scan's txlist;
					 * empty when on neither; ep->lock */
	struct epitem *next;		/* chain on ep->ovflist, else
					 * EP_UNACTIVE_PTR; ep->lock */
	struct epoll_filefd ffd;	/* the watched file and fd; fixed */
	int nwait;			/* eppoll_entries hung; -1 if one could
					 * not be allocated (ADD fails) */
	struct list_head pwqlist;	/* our eppoll_entries; ep->mtx */
	struct eventpoll *ep;		/* the instance we belong to; fixed */
	struct list_head fllink;	/* on ffd.file->f_ep_links; epmutex */
	struct epoll_event event;	/* interest set and cookie; written
					 * under ep->mtx and ep->lock, read by
					 * ep_poll_callback under ep->lock */
};

struct eventpoll {
	spinlock_t lock;		/* rdllist, ovflist, rdllink/next of
					 * items; irqsave: ep_poll_callback
					 * may come from an interrupt */
	struct mutex mtx;		/* rbr, pwqlists, event transfer: one
					 * scan or ctl at a time; may sleep */
	wait_queue_head_t wq;		/* tasks in epoll_wait, exclusive */
	wait_queue_head_t poll_wait;	/* pollers of this epoll fd itself
					 * (poll/select, a parent epoll) */
	struct list_head rdllist;	/* ready epitems, oldest first */
	struct rb_root rbr;		/* every epitem, keyed by ffd */
	struct epitem *ovflist;		/* items made ready while a scan owns
					 * rdllist (LIFO chain through ->next);
					 * EP_UNACTIVE_PTR when no scan runs */
	struct file *file;		/* the epoll fd's file */
	u64 gen;			/* loop check: last pass that visited */
	int loop_check_depth;		/* loop check: depth found by it */
};

/* Hooks an epitem onto one wait queue of the watched file. */
struct eppoll_entry {
	struct list_head llink;		/* on base->pwqlist */
	struct epitem *base;		/* the epitem to make ready */
	wait_queue_entry_t wait;	/* on *whead; func = ep_poll_callback */
	wait_queue_head_t *whead;	/* the queue poll_wait() named; NULL
					 * once POLLFREE took us off it */
};

/* poll_table wrapper for ep_insert: ep_ptable_queue_proc finds the
 * epitem it is registering from the table it was handed. */
struct ep_pqueue {
	poll_table pt;
	struct epitem *epi;
};

static inline bool ep_is_linked(struct epitem *epi)
{
	return !list_empty(&epi->rdllink);
}

/* Between fs/eventpoll.c (the mechanism), fs/eventpoll_syscalls.c (the
 * system calls) and fs/eventpoll_test.c (the self-tests). */
extern struct mutex epmutex;
extern const struct file_operations eventpoll_fops;
typedef __poll_t (*ep_scan_proc)(struct eventpoll *ep,
				 struct list_head *txlist, void *priv);
struct eventpoll *ep_alloc(void);
void ep_free(struct eventpoll *ep);
int ep_insert(struct eventpoll *ep, const struct epoll_event *event,
	      struct file *tfile, int fd);
int ep_remove(struct eventpoll *ep, struct epitem *epi);
int ep_modify(struct eventpoll *ep, struct epitem *epi,
	      const struct epoll_event *event);
int ep_poll(struct eventpoll *ep, struct epoll_event __user *events,
	    int maxevents, ktime_t *timeout);
struct epitem *ep_find(struct eventpoll *ep, struct file *file, int fd);
__poll_t ep_scan_ready_list(struct eventpoll *ep, ep_scan_proc sproc,
			    void *priv, int depth);
bool ep_events_available(struct eventpoll *ep);

#endif
