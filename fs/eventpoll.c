/*
 * eventpoll.c - epoll: readiness of many files, delivered by callbacks
 * instead of by scanning them (Linux's fs/eventpoll.c, same names).
 * Read Linux 6.1's beside it: ep_start_scan/ep_done_scan are its (5.11
 * on); ep_scan_ready_list, the wrapper around them that the labs use, is
 * 4.x's, and ep->lock is a spinlock as before 5.1 (docs/design.md).
 *
 * epoll_ctl(ADD) calls the target's ->poll once with a poll table whose
 * queue function, ep_ptable_queue_proc, hangs an eppoll_entry on every
 * wait queue the file names.  From then on, whenever the file wakes that
 * queue, ep_poll_callback runs and puts the epitem on ep->rdllist.
 * epoll_wait (ep_poll) sleeps on ep->wq until rdllist is non-empty and
 * ep_send_events re-polls just the items on it.  Nothing is proportional
 * to the number of watched files except the memory they use.
 *
 * LOCKING
 *   epmutex (global)   topology: every epoll_ctl, eventpoll_release_file
 *                      and ep_free.  Guards file->f_ep_links and the loop
 *                      check's walk over nested epolls.
 *   ep->mtx            one instance's rbr and each item's pwqlist, and
 *                      event transfer: ep_send_events and ep_eventpoll_poll
 *                      own the ready list between ep_start_scan and
 *                      ep_done_scan.  Sleeps (copy_to_user, ->poll).
 *   ep->lock           spinlock, always taken with interrupts off:
 *                      rdllist, ovflist, items' rdllink and next.
 *   Order: epmutex > ep->mtx > (nested ep)->mtx > whead->lock > ep->lock
 *          > ep->wq.lock.  A nested epoll's callback wakes its
 *          poll_wait after dropping its own ep->lock, still under the
 *          file's whead->lock: child->poll_wait.lock > parent->lock.
 *   ep->mtx: Linux's is a mutex too, and for the same reason it is one
 *   here (kernel/mutex.c): this kernel preempts tasks in the kernel, and
 *   an epoll fd shared across fork can have epoll_ctl in one process and
 *   ep_send_events (which sleeps in copy_to_user) in another.
 *
 * Context: ep_poll_callback runs with the watched file's whead->lock held
 * and interrupts off, from whatever context woke the file: a process
 * writing a pipe, a timer, or the network driver's interrupt handler.  It
 * must not sleep and takes only ep->lock (and ep->wq's and
 * ep->poll_wait's locks to wake them).  ep_start_scan/ep_done_scan and
 * every rdllist user take ep->lock irqsave for that reason.  All other
 * paths run in process context.
 *
 * Why ovflist: ep_send_events drops ep->lock while it re-polls items and
 * copies to user space, so a callback arriving then must not touch the
 * list being walked.  ep_start_scan takes rdllist private (txlist) and
 * sets ovflist to NULL; callbacks chain items there instead;
 * ep_done_scan moves them back to rdllist and restores EP_UNACTIVE_PTR.
 *
 * Several CPUs: every path above may run on any CPU at the same moment
 * as the others (ep_poll_callback on knetd's CPU or in any CPU's
 * interrupt handler, epoll_wait and epoll_ctl on their tasks' CPUs), and
 * interrupts off keep out only the handlers of the CPU that turned them
 * off.  The other CPUs are kept out by the locks themselves: ep->lock is
 * a ticket spinlock (kernel/spinlock.h), so a callback on one CPU and a
 * scan or ep_poll on another take turns on rdllist and ovflist; ep->mtx
 * and epmutex are sleeping locks whose holder may be on any CPU.
 * ep_poll sets its state, tests ep_events_available and queues itself on
 * ep->wq all under ep->lock, which the callback holds from linking the
 * item to waking ep->wq: either the callback sees the waiter or the test
 * sees the item, whichever CPU each runs on.  Woken, ep_poll checks its
 * on-stack entry with list_empty_careful, so it returns only once the
 * waker's CPU has let go of it.  Unlocked reads (ep_events_available's
 * first look, ovflist) are READ_ONCE and only decide whether to take the
 * lock and look again.  docs/walkthrough.md section 7: step by step.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/mm.h"
#include "kernel/sched.h"
#include "kernel/hrtimer.h"
#include "kernel/timekeeping.h"
#include "kernel/syscalls.h"
#include "fs/fs.h"
#include "fs/poll.h"
#include "fs/eventpoll.h"
#include "fs/eventpoll_internal.h"
#include "kernel/chaintrace.h"
#include "arch/x86_64/uaccess.h"

static struct kmem_cache *epi_cache;	/* struct epitem */
static struct kmem_cache *pwq_cache;	/* struct eppoll_entry */
DEFINE_MUTEX(epmutex);
struct eventpoll_stats ep_stats;	/* changed atomically or irqs off */

bool is_file_epoll(struct file *f)
{
	return f->f_op == &eventpoll_fops;
}

static inline struct epitem *ep_item_from_wait(wait_queue_entry_t *p)
{
	return container_of(p, struct eppoll_entry, wait)->base;
}

static inline struct epitem *ep_item_from_epqueue(poll_table *p)
{
	return container_of(p, struct ep_pqueue, pt)->epi;
}

/* Order of the tree: by file address, then by descriptor. */
static int ep_cmp_ffd(const struct epoll_filefd *p1,
		      const struct epoll_filefd *p2)
{
	if (p1->file != p2->file)
		return p1->file > p2->file ? 1 : -1;
	return p1->fd - p2->fd;
}

/* Whether epoll_wait should look rather than sleep: items are queued,
 * or a scan is running (ovflist is not EP_UNACTIVE_PTR) and may leave
 * some behind; ep_send_events then waits on ep->mtx for it to end.
 * Called under ep->lock where the answer decides whether to sleep. */
bool ep_events_available(struct eventpoll *ep)
{
	return !list_empty(&ep->rdllist) ||
	       READ_ONCE(ep->ovflist) != EP_UNACTIVE_PTR;
}

/* --- the tree of items: ep->mtx held --- */

struct epitem *ep_find(struct eventpoll *ep, struct file *file, int fd)
{
	struct epoll_filefd ffd = { file, fd };
	struct rb_node *rbp = ep->rbr.rb_node;

	while (rbp) {
		struct epitem *epi = rb_entry(rbp, struct epitem, rbn);
		int kcmp = ep_cmp_ffd(&ffd, &epi->ffd);
		if (!kcmp)
			return epi;
		rbp = kcmp > 0 ? rbp->rb_right : rbp->rb_left;
	}
	return NULL;
}

static void ep_rbtree_insert(struct eventpoll *ep, struct epitem *epi)
{
	struct rb_node **p = &ep->rbr.rb_node, *parent = NULL;

	while (*p) {
		parent = *p;
		struct epitem *epic = rb_entry(parent, struct epitem, rbn);
		if (ep_cmp_ffd(&epi->ffd, &epic->ffd) > 0)
			p = &parent->rb_right;
		else
			p = &parent->rb_left;
	}
	rb_link_node(&epi->rbn, parent, p);
	rb_insert_color(&epi->rbn, &ep->rbr);
}

/* --- the wait-queue hooks --- */

/* Tell whoever polls this epoll fd (poll(2), a parent epoll) that it has
 * events.  Called without ep->lock: a parent's ep_poll_callback will take
 * the parent's lock.  Depth is bounded by EPOLL_MAX_NESTS. */
static void ep_poll_safewake(struct eventpoll *ep)
{
	wake_up_poll(&ep->poll_wait, EPOLLIN);
}

/*
 * The func of every eppoll_entry: the watched file woke one of its queues
 * with key = the events that happened (0: unknown, assume anything).
 * Context: whead->lock held, interrupts off, possibly an interrupt
 * handler.  Returns non-zero when this counts as a wake-up for an
 * exclusive wake_up() (EPOLLEXCLUSIVE), so that one of several epolls
 * watching the same file is woken, not all of them.
 */
static int ep_poll_callback(wait_queue_entry_t *wait, unsigned mode,
			    int sync, void *key)
{
	struct epitem *epi = ep_item_from_wait(wait);
	struct eventpoll *ep = epi->ep;
	__poll_t pollflags = key_to_poll(key);
	unsigned long flags;
	int pwake = 0, ewake = 0;

	(void)mode;
	(void)sync;
	spin_lock_irqsave(&ep->lock, flags);
	ep_stats.callbacks++;
	/* LAB(oneshot): begin */
	/* Disarmed by EPOLLONESHOT until the next EPOLL_CTL_MOD. */
	if (!(epi->event.events & ~EP_PRIVATE_BITS))
		goto out_unlock;
	/* LAB(oneshot): end */
	/* A wake-up for events nobody asked for. */
	if (pollflags && !(pollflags & epi->event.events))
		goto out_unlock;

	if (ep->ovflist != EP_UNACTIVE_PTR) {
		/* A scan owns rdllist and the items' rdllink. */
		/* LAB(ovflist): begin */
		/* Chain once; ep_done_scan sorts it. */
		if (epi->next == EP_UNACTIVE_PTR) {
			epi->next = ep->ovflist;
			ep->ovflist = epi;
		}
		/* LAB(ovflist): end */
	} else {
		/* LAB(epollcore): begin */
		if (!ep_is_linked(epi))
			list_add_tail(&epi->rdllink, &ep->rdllist);
		/* LAB(epollcore): end */
	}
	trace_chain_ep(epi, pollflags);

	if (waitqueue_active(&ep->wq)) {
		/* LAB(exclusive): begin */
		if ((epi->event.events & EPOLLEXCLUSIVE)) {
			switch (pollflags & EPOLLINOUT_BITS) {
			case EPOLLIN:
				ewake = !!(epi->event.events & EPOLLIN);
				break;
			case EPOLLOUT:
				ewake = !!(epi->event.events & EPOLLOUT);
				break;
			case 0:
				ewake = 1;
				break;
			}
		}
		/* LAB(exclusive): end */
		/* LAB(epollcore): begin */
		ep_stats.wakeups++;
		wake_up(&ep->wq);
		/* LAB(epollcore): end */
	}
	/* LAB(epollcore): begin */
	if (waitqueue_active(&ep->poll_wait))
		pwake++;
	/* LAB(epollcore): end */
out_unlock:
	spin_unlock_irqrestore(&ep->lock, flags);
	if (pwake)
		ep_poll_safewake(ep);
	/* The queue is going away (POLLFREE): off it for good, and tell
	 * ep_unregister_pollwait there is nothing left to remove.  We hold
	 * whead->lock, so this is the list operation remove_wait_queue
	 * would do. */
	if (pollflags & POLLFREE) {
		struct eppoll_entry *pwq = container_of(wait, struct eppoll_entry,
							wait);
		list_del_init(&wait->entry);
		__atomic_store_n(&pwq->whead, NULL, __ATOMIC_RELEASE);
	}
	/* A non-exclusive entry never ends an exclusive wake-up's walk. */
	if (!(epi->event.events & EPOLLEXCLUSIVE))
		ewake = 1;
	return ewake;
}

/*
 * The poll table's queue function while ep_insert polls the target:
 * called by poll_wait() once per wait queue the file's ->poll names.
 * Process context, ep->mtx held.
 */
static void ep_ptable_queue_proc(struct file *file, wait_queue_head_t *whead,
				 poll_table *pt)
{
	/* LAB(epollcore): begin */
	struct epitem *epi = ep_item_from_epqueue(pt);
	struct eppoll_entry *pwq;

	(void)file;
	if (epi->nwait < 0)
		return;
	pwq = kmem_cache_alloc(pwq_cache, GFP_KERNEL);
	if (!pwq) {
		epi->nwait = -1;	/* ep_insert turns this into ENOMEM */
		return;
	}
	init_waitqueue_func_entry(&pwq->wait, ep_poll_callback);
	pwq->whead = whead;
	pwq->base = epi;
	/* LAB(exclusive): begin */
	if (epi->event.events & EPOLLEXCLUSIVE)
		add_wait_queue_exclusive(whead, &pwq->wait);
	else
		add_wait_queue(whead, &pwq->wait);
	/* LAB(exclusive): end; the starting point has instead:
	add_wait_queue(whead, &pwq->wait);
	 */
	list_add_tail(&pwq->llink, &epi->pwqlist);
	epi->nwait++;
	__atomic_add_fetch(&ep_stats.eppoll_entries, 1, __ATOMIC_RELAXED);
	/* LAB(epollcore): end; the starting point has instead:
	(void)file; (void)whead; (void)pt;
	(void)ep_item_from_epqueue; (void)ep_poll_callback;	// not called yet
	 */
}

/* Take every hook of epi off its wait queue.  After remove_wait_queue
 * (which takes whead->lock with interrupts off) no ep_poll_callback can
 * be running or start for that entry.  ep->mtx held. */
static void ep_unregister_pollwait(struct eventpoll *ep, struct epitem *epi)
{
	(void)ep;
	while (!list_empty(&epi->pwqlist)) {
		struct eppoll_entry *pwq = list_first_entry(&epi->pwqlist,
						struct eppoll_entry, llink);
		list_del(&pwq->llink);
		wait_queue_head_t *whead = __atomic_load_n(&pwq->whead,
							   __ATOMIC_ACQUIRE);
		if (whead)
			remove_wait_queue(whead, &pwq->wait);
		kmem_cache_free(pwq_cache, pwq);
		__atomic_sub_fetch(&ep_stats.eppoll_entries, 1,
				   __ATOMIC_RELAXED);
	}
	epi->nwait = 0;
}

/* --- scanning the ready list: ep->mtx held --- */

/* Take the ready list private; callbacks divert to ovflist from now. */
static void ep_start_scan(struct eventpoll *ep, struct list_head *txlist)
{
	unsigned long flags;

	spin_lock_irqsave(&ep->lock, flags);
	list_splice_init(&ep->rdllist, txlist);
	ep->ovflist = NULL;
	spin_unlock_irqrestore(&ep->lock, flags);
}

/*
 * End a scan: items that became ready during it go back on rdllist
 * (unless the scan already re-queued them), then what the scan left
 * unprocessed goes in front, so that it is reported first next time.
 * Level-triggered items the scan reported were queued at the tail: with
 * a small maxevents every ready item gets its turn.
 */
static void ep_done_scan(struct eventpoll *ep, struct list_head *txlist)
{
	unsigned long flags;

	spin_lock_irqsave(&ep->lock, flags);
	/* LAB(ovflist): begin */
	for (struct epitem *nepi = ep->ovflist, *epi; (epi = nepi) != NULL;
	     nepi = epi->next, epi->next = EP_UNACTIVE_PTR) {
		if (!ep_is_linked(epi))
			list_add(&epi->rdllink, &ep->rdllist);
	}
	/* LAB(ovflist): end */
	ep->ovflist = EP_UNACTIVE_PTR;
	list_splice_init(txlist, &ep->rdllist);
	/* Others asleep in epoll_wait may take what we left. */
	if (!list_empty(&ep->rdllist) && waitqueue_active(&ep->wq)) {
		ep_stats.wakeups++;
		wake_up(&ep->wq);
	}
	spin_unlock_irqrestore(&ep->lock, flags);
}

/* Linux 4.x's shape of the same thing: run sproc over the ready items
 * between ep_start_scan and ep_done_scan, under ep->mtx. */
__poll_t ep_scan_ready_list(struct eventpoll *ep, ep_scan_proc sproc,
			    void *priv, int depth)
{
	LIST_HEAD(txlist);
	__poll_t res;

	/* An epoll polled by another is locked inside the outer one's
	 * mtx: its depth is its lock subclass, the order the validator
	 * is told (always outer first, EP_MAX_NESTS deep at most). */
	mutex_lock_nested(&ep->mtx, depth);
	ep_start_scan(ep, &txlist);
	res = sproc(ep, &txlist, priv);
	ep_done_scan(ep, &txlist);
	mutex_unlock(&ep->mtx);
	return res;
}

static __poll_t __ep_eventpoll_poll(struct file *file, poll_table *wait,
				    int depth);

/* What epi's file reports now, within its interest set; registers
 * through pt (NULL qproc: just ask).  Nested epolls are polled with
 * their depth so the recursion stays bounded. */
static __poll_t ep_item_poll(struct epitem *epi, poll_table *pt, int depth)
{
	struct file *file = epi->ffd.file;
	__poll_t res;

	pt->_key = epi->event.events;
	if (!is_file_epoll(file))
		res = vfs_poll(file, pt);
	else
		res = __ep_eventpoll_poll(file, pt, depth);
	return res & epi->event.events;
}

/* sproc for polling an epoll fd: is any queued item really ready?  Items
 * that are not (a callback for a state already gone) are dropped. */
static __poll_t ep_read_events_proc(struct eventpoll *ep,
				    struct list_head *txlist, void *priv)
{
	int depth = *(int *)priv;
	struct epitem *epi, *tmp;
	poll_table pt;

	(void)ep;
	init_poll_funcptr(&pt, NULL);
	list_for_each_entry_safe(epi, tmp, txlist, rdllink) {
		if (ep_item_poll(epi, &pt, depth + 1))
			return EPOLLIN | EPOLLRDNORM;
		list_del_init(&epi->rdllink);
	}
	return 0;
}

static __poll_t __ep_eventpoll_poll(struct file *file, poll_table *wait,
				    int depth)
{
	struct eventpoll *ep = file->private_data;

	poll_wait(file, &ep->poll_wait, wait);
	return ep_scan_ready_list(ep, ep_read_events_proc, &depth, depth);
}

/* ->poll of an epoll fd: readable when it has events to report. */
static __poll_t ep_eventpoll_poll(struct file *file, poll_table *wait)
{
	return __ep_eventpoll_poll(file, wait, 0);
}

/* --- adding, removing, changing items: epmutex and ep->mtx held --- */

/* Queue epi if it is ready and not queued yet, and wake the waiters. */
static void ep_queue_ready(struct eventpoll *ep, struct epitem *epi)
{
	unsigned long flags;
	int pwake = 0;

	spin_lock_irqsave(&ep->lock, flags);
	if (!ep_is_linked(epi)) {
		list_add_tail(&epi->rdllink, &ep->rdllist);
		if (waitqueue_active(&ep->wq)) {
			ep_stats.wakeups++;
			wake_up(&ep->wq);
		}
		if (waitqueue_active(&ep->poll_wait))
			pwake++;
	}
	spin_unlock_irqrestore(&ep->lock, flags);
	if (pwake)
		ep_poll_safewake(ep);
}

int ep_insert(struct eventpoll *ep, const struct epoll_event *event,
	      struct file *tfile, int fd)
{
	struct ep_pqueue epq;
	struct epitem *epi;
	__poll_t revents;

	epi = kmem_cache_zalloc(epi_cache, GFP_KERNEL);
	if (!epi)
		return -ENOMEM;
	INIT_LIST_HEAD(&epi->rdllink);
	INIT_LIST_HEAD(&epi->pwqlist);
	epi->ep = ep;
	epi->ffd.file = tfile;
	epi->ffd.fd = fd;
	epi->event = *event;
	epi->next = EP_UNACTIVE_PTR;
	list_add_tail(&epi->fllink, &tfile->f_ep_links);
	ep_rbtree_insert(ep, epi);
	__atomic_add_fetch(&ep_stats.epitems, 1, __ATOMIC_RELAXED);

	/* Hooks go on first, then the state is read: an event between the
	 * two is caught by the callback, not lost. */
	epq.epi = epi;
	init_poll_funcptr(&epq.pt, ep_ptable_queue_proc);
	revents = ep_item_poll(epi, &epq.pt, 1);
	if (epi->nwait < 0) {
		ep_remove(ep, epi);
		return -ENOMEM;
	}
	if (revents)
		trace_chain_ep_insert(epi, revents);
	/* LAB(epollcore): begin */
	if (revents)
		ep_queue_ready(ep, epi);
	/* LAB(epollcore): end; the starting point has instead:
	(void)revents;
	 */
	return 0;
}

/* Unhook, unlink and free epi.  Its file is not referenced, so nothing
 * to put. */
int ep_remove(struct eventpoll *ep, struct epitem *epi)
{
	unsigned long flags;

	ep_unregister_pollwait(ep, epi);
	list_del(&epi->fllink);
	rb_erase(&epi->rbn, &ep->rbr);
	spin_lock_irqsave(&ep->lock, flags);
	if (ep_is_linked(epi))
		list_del_init(&epi->rdllink);
	spin_unlock_irqrestore(&ep->lock, flags);
	kmem_cache_free(epi_cache, epi);
	__atomic_sub_fetch(&ep_stats.epitems, 1, __ATOMIC_RELAXED);
	return 0;
}

/*
 * New interest set and cookie, then one poll: if the file is ready for
 * the new set right now the item is queued, since no callback may ever
 * come for a state that already holds (re-arming an EPOLLONESHOT item
 * whose data arrived while it was disarmed depends on this).
 */
int ep_modify(struct eventpoll *ep, struct epitem *epi,
	      const struct epoll_event *event)
{
	unsigned long flags;
	poll_table pt;

	init_poll_funcptr(&pt, NULL);
	spin_lock_irqsave(&ep->lock, flags);
	epi->event = *event;
	spin_unlock_irqrestore(&ep->lock, flags);
	if (ep_item_poll(epi, &pt, 1))
		ep_queue_ready(ep, epi);
	return 0;
}

/* --- delivering events: ep->mtx held through ep_scan_ready_list --- */

struct ep_send_events_data {
	int maxevents;				/* room in events */
	struct epoll_event __user *events;	/* where to copy */
	int res;				/* copied, or -EFAULT */
};

/*
 * Walk the private txlist: re-poll each item (it may have stopped being
 * ready since its callback), copy the ready ones out, and decide its
 * future: level-triggered back to the tail of rdllist, edge-triggered
 * dropped until its next callback, one-shot disarmed.  Items past
 * maxevents stay on txlist and ep_done_scan puts them first next time.
 */
static __poll_t ep_send_events_proc(struct eventpoll *ep,
				    struct list_head *txlist, void *priv)
{
	struct ep_send_events_data *esed = priv;
	struct epitem *epi, *tmp;
	poll_table pt;

	init_poll_funcptr(&pt, NULL);
	list_for_each_entry_safe(epi, tmp, txlist, rdllink) {
		if (esed->res >= esed->maxevents)
			break;
		list_del_init(&epi->rdllink);
		/* LAB(sendevents): begin */
		__poll_t revents = ep_item_poll(epi, &pt, 1);
		if (!revents)
			continue;
		/* LAB(sendevents): end; the starting point has instead:
		__poll_t revents = epi->event.events & ~EP_PRIVATE_BITS;
		(void)pt;
		 */
		struct epoll_event uevent = { revents, epi->event.data };
		if (copy_to_user(esed->events + esed->res, &uevent,
				 sizeof(uevent))) {
			list_add(&epi->rdllink, txlist);
			if (!esed->res)
				esed->res = -EFAULT;
			break;
		}
		esed->res++;
		/* LAB(oneshot): begin */
		if (epi->event.events & EPOLLONESHOT) {
			/* Disarm: only the private bits stay. */
			unsigned long flags;
			spin_lock_irqsave(&ep->lock, flags);
			epi->event.events &= EP_PRIVATE_BITS;
			spin_unlock_irqrestore(&ep->lock, flags);
			continue;
		}
		/* LAB(oneshot): end */
		/* LAB(sendevents): begin */
		if (!(epi->event.events & EPOLLET)) {
			/* Level-triggered: at the tail, behind the others. */
			unsigned long flags;
			spin_lock_irqsave(&ep->lock, flags);
			list_add_tail(&epi->rdllink, &ep->rdllist);
			spin_unlock_irqrestore(&ep->lock, flags);
		}
		/* LAB(sendevents): end */
	}
	return 0;
}

static int ep_send_events(struct eventpoll *ep,
			  struct epoll_event __user *events, int maxevents)
{
	struct ep_send_events_data esed = { maxevents, events, 0 };

	ep_scan_ready_list(ep, ep_send_events_proc, &esed, 0);
	return esed.res;
}

/*
 * epoll_wait's loop (Linux 5.11+'s ep_poll).  timeout: NULL waits
 * forever, 0 only looks, else the absolute monotonic time to give up
 * at.  Sleeps exclusive on ep->wq, so one event wakes one waiter; a
 * wake-up that yields nothing (another waiter took it, or the file went
 * unready again) sleeps again towards the same deadline, on a
 * high-resolution timer (schedule_hrtimeout_range).  A signal ends the
 * wait with -EINTR, which is never restarted (as Linux).
 */
int ep_poll(struct eventpoll *ep, struct epoll_event __user *events,
	    int maxevents, ktime_t *timeout)
{
	bool timed_out = false, eavail;
	ktime_t *to = NULL;
	wait_queue_entry_t wait;
	unsigned long flags;
	u64 slack = 0;
	int res;

	if (timeout && *timeout)
		to = timeout;
	else if (timeout)
		timed_out = true;	/* just look: no wait queue at all */

	/* Unlocked, so it may miss an item a callback is adding right now;
	 * the check under the lock below does not.  A zero timeout asked
	 * for a look, and a racy look is all a look can be. */
	eavail = ep_events_available(ep);
	for (;;) {
		if (eavail) {
			res = ep_send_events(ep, events, maxevents);
			if (res)
				return res;
		}
		if (timed_out)
			return 0;
		if (signal_pending(current))
			return -EINTR;

		/* LAB(epwait): begin */
		/* Test, and queue if nothing: a signal sent from here on keeps
		 * schedule() from sleeping (kernel/sched.c), so none is
		 * missed. */
		init_wait_entry(&wait, WQ_FLAG_EXCLUSIVE);
		/* LAB(smp): begin */
		/* Under ep->lock, which ep_poll_callback holds from adding
		 * the item to looking at ep->wq: it either sees us on ep->wq
		 * or ran before our test and left an item.  Interrupts off
		 * alone would do on one CPU; the other CPUs need the lock. */
		spin_lock_irqsave(&ep->lock, flags);
		/* LAB(smp): end; the starting point has instead:
		flags = local_irq_save();	// one CPU: nothing else runs now
		 */
		__set_current_state(TASK_INTERRUPTIBLE);
		eavail = ep_events_available(ep);
		if (!eavail)
			add_wait_queue_exclusive(&ep->wq, &wait);
		/* LAB(smp): begin */
		spin_unlock_irqrestore(&ep->lock, flags);
		/* LAB(smp): end; the starting point has instead:
		local_irq_restore(flags);
		 */

		if (!eavail) {
			/* Linux works the slack out on entry; here it waits
			 * until a sleep needs it, which spares a clock read
			 * for every call that finds events at once. */
			if (to && !slack)
				slack = select_estimate_accuracy(to);
			timed_out = !schedule_hrtimeout_range(to, slack,
							      HRTIMER_MODE_ABS);
		}
		__set_current_state(TASK_RUNNING);

		/* Woken by an event: autoremove took us off ep->wq.  Timed
		 * out and still on it: look again under the lock, since an
		 * event that came after the timer may have taken us off. */
		eavail = true;
		if (!list_empty_careful(&wait.entry)) {
			spin_lock_irqsave(&ep->lock, flags);
			if (timed_out)
				eavail = list_empty(&wait.entry);
			remove_wait_queue(&ep->wq, &wait);
			spin_unlock_irqrestore(&ep->lock, flags);
		}
		/* LAB(epwait): end; the starting point has instead:
		ktime_t nap = ktime_get() + 10 * NSEC_PER_MSEC;	// look every 10 ms
		bool last = to && *to <= nap;
		if (last)
			nap = *to;
		__set_current_state(TASK_INTERRUPTIBLE);
		schedule_hrtimeout_range(&nap, 0, HRTIMER_MODE_ABS);
		__set_current_state(TASK_RUNNING);
		timed_out = last;
		eavail = true;
		(void)wait; (void)flags; (void)slack;
		 */
	}
}

/* --- lifetime --- */

/* Linux's fs_initcall; here done by the first epoll_create, under
 * epmutex so that two first callers do not both make the caches. */
static void eventpoll_init(void)
{
	if (READ_ONCE(pwq_cache))
		return;
	mutex_lock(&epmutex);
	if (!pwq_cache) {
		epi_cache = kmem_cache_create("eventpoll_epi",
					      sizeof(struct epitem), 0, 0, NULL);
		WRITE_ONCE(pwq_cache, kmem_cache_create("eventpoll_pwq",
				sizeof(struct eppoll_entry), 0, 0, NULL));
		BUG_ON(!epi_cache || !pwq_cache);
	}
	mutex_unlock(&epmutex);
}

struct eventpoll *ep_alloc(void)
{
	eventpoll_init();
	struct eventpoll *ep = kzalloc(sizeof(*ep), GFP_KERNEL);

	if (!ep)
		return NULL;
	spin_lock_init(&ep->lock);
	mutex_init(&ep->mtx);
	init_waitqueue_head(&ep->wq);
	init_waitqueue_head(&ep->poll_wait);
	INIT_LIST_HEAD(&ep->rdllist);
	ep->rbr = RB_ROOT;
	ep->ovflist = EP_UNACTIVE_PTR;
	__atomic_add_fetch(&ep_stats.eventpolls, 1, __ATOMIC_RELAXED);
	return ep;
}

/* The epoll fd's last reference is gone: nobody can be in epoll_wait or
 * epoll_ctl on it, and eventpoll_release already took it out of any
 * parent epoll.  Unhook everything first, so no callback can queue an
 * item we are about to free, then free the items. */
void ep_free(struct eventpoll *ep)
{
	struct rb_node *rbp;

	mutex_lock(&epmutex);
	mutex_lock(&ep->mtx);
	for (rbp = rb_first(&ep->rbr); rbp; rbp = rb_next(rbp))
		ep_unregister_pollwait(ep, rb_entry(rbp, struct epitem, rbn));
	while ((rbp = rb_first(&ep->rbr)))
		ep_remove(ep, rb_entry(rbp, struct epitem, rbn));
	mutex_unlock(&ep->mtx);
	mutex_unlock(&epmutex);
	__atomic_sub_fetch(&ep_stats.eventpolls, 1, __ATOMIC_RELAXED);
	kfree(ep);
}

static int ep_eventpoll_release(struct file *file)
{
	if (file->private_data)
		ep_free(file->private_data);
	return 0;
}

/* From fput(), for a file some epoll watches, before ->release.  Items
 * hold no reference on their file, which is why a dup'ed descriptor keeps
 * a closed fd's registration alive: this runs only at the last fput. */
void eventpoll_release_file(struct file *file)
{
	mutex_lock(&epmutex);
	while (!list_empty(&file->f_ep_links)) {
		struct epitem *epi = list_first_entry(&file->f_ep_links,
						      struct epitem, fllink);
		struct eventpoll *ep = epi->ep;
		mutex_lock(&ep->mtx);
		ep_remove(ep, epi);
		mutex_unlock(&ep->mtx);
	}
	mutex_unlock(&epmutex);
}

const struct file_operations eventpoll_fops = {
	.llseek = noop_llseek,
	.poll = ep_eventpoll_poll,
	.release = ep_eventpoll_release,
};
