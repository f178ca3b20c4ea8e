/*
 * eventpoll_test.c - self-tests for epoll's ready-list logic by itself,
 * with a fake pollable file whose readiness and wait queue the test
 * drives directly: ep_poll_callback queues an item once however often it
 * fires, ignores keys outside the interest set and disarmed one-shot
 * items, diverts to ovflist while a scan owns the ready list, and
 * ep_done_scan merges that back; ep_remove unhooks; the fdinfo text.
 */
#include "kernel/selftest.h"
#include "kernel/errno.h"
#include "fs/eventpoll_internal.h"

static DECLARE_WAIT_QUEUE_HEAD(fake_wq);
static __poll_t fake_mask;		/* what the fake file reports */

static __poll_t fake_poll(struct file *f, poll_table *pt)
{
	poll_wait(f, &fake_wq, pt);
	return fake_mask;
}

static const struct file_operations fake_fops = {
	.poll = fake_poll,
};

static int list_count(struct list_head *head)
{
	int n = 0;
	for (struct list_head *p = head->next; p != head; p = p->next)
		n++;
	return n;
}

/* One instance watching a fresh fake file as fd 3 with events. */
static struct eventpoll *setup(struct file **fp, u32 events)
{
	struct epoll_event e = { events, 0xdeadbeef };
	struct eventpoll *ep = ep_alloc();

	fake_mask = 0;
	*fp = alloc_file(&fake_fops, NULL, O_RDWR, "fake");
	if (!ep || IS_ERR(*fp))
		return NULL;
	mutex_lock(&epmutex);
	mutex_lock(&ep->mtx);
	int err = ep_insert(ep, &e, *fp, 3);
	mutex_unlock(&ep->mtx);
	mutex_unlock(&epmutex);
	return err ? NULL : ep;
}

/* Wake the fake queue as an interrupt handler would: interrupts off. */
static void fake_wake(__poll_t key)
{
	unsigned long flags = local_irq_save();
	wake_up_poll(&fake_wq, key);
	local_irq_restore(flags);
}

SELFTEST(eventpoll_callback_queues_once)
{
	struct file *f;
	struct eventpoll *ep = setup(&f, EPOLLIN);
	ST_ASSERT(ep);
	struct epitem *epi = ep_find(ep, f, 3);
	ST_ASSERT(epi && epi->nwait == 1);
	ST_ASSERT(list_empty(&ep->rdllist));	/* not ready at ADD */

	long calls = ep_stats.callbacks;
	fake_wake(EPOLLOUT);			/* not asked for */
	ST_ASSERT(list_empty(&ep->rdllist));
	fake_wake(EPOLLIN);
	fake_wake(EPOLLIN);
	fake_wake(0);				/* key unknown: counts */
	ST_ASSERT_EQ(list_count(&ep->rdllist), 1);
	ST_ASSERT_EQ(ep_stats.callbacks - calls, 4);
	ST_ASSERT(ep_events_available(ep));

	/* Disarmed one-shot: only private bits left; wakes are ignored. */
	list_del_init(&epi->rdllink);
	epi->event.events = EPOLLONESHOT;
	fake_wake(EPOLLIN);
	ST_ASSERT(list_empty(&ep->rdllist));

	long entries = ep_stats.eppoll_entries;
	mutex_lock(&epmutex);
	mutex_lock(&ep->mtx);
	ep_remove(ep, epi);
	mutex_unlock(&ep->mtx);
	mutex_unlock(&epmutex);
	ST_ASSERT(!waitqueue_active(&fake_wq));	/* unhooked */
	ST_ASSERT_EQ(entries - ep_stats.eppoll_entries, 1);
	ST_ASSERT(list_empty(&f->f_ep_links));
	ep_free(ep);
	fput(f);
	return 0;
}

/* What the scan saw, for the assertions after it. */
static struct {
	bool tx_has_item, rdllist_empty, ovf_null, chained_once, still_linked;
} scan_seen;

/* A scan step that consumes the item like an edge-triggered report,
 * while two callbacks arrive mid-scan. */
static __poll_t scan_proc(struct eventpoll *ep, struct list_head *txlist,
			  void *priv)
{
	struct epitem *epi = priv;

	scan_seen.tx_has_item = !list_empty(txlist) &&
				list_first_entry(txlist, struct epitem,
						 rdllink) == epi;
	scan_seen.ovf_null = ep->ovflist == NULL;
	list_del_init(&epi->rdllink);
	fake_wake(EPOLLIN);
	fake_wake(EPOLLIN);
	scan_seen.rdllist_empty = list_empty(&ep->rdllist);
	scan_seen.chained_once = ep->ovflist == epi && epi->next == NULL;
	scan_seen.still_linked = ep_is_linked(epi);
	return 0;
}

SELFTEST(eventpoll_ovflist_during_scan)
{
	struct file *f;
	struct eventpoll *ep = setup(&f, EPOLLIN | EPOLLET);
	ST_ASSERT(ep);
	struct epitem *epi = ep_find(ep, f, 3);
	ST_ASSERT(epi);
	ST_ASSERT(ep->ovflist == EP_UNACTIVE_PTR);
	fake_wake(EPOLLIN);
	ST_ASSERT_EQ(list_count(&ep->rdllist), 1);

	ep_scan_ready_list(ep, scan_proc, epi, 0);
	ST_ASSERT(scan_seen.tx_has_item);
	ST_ASSERT(scan_seen.ovf_null);		/* scan running */
	ST_ASSERT(scan_seen.rdllist_empty);	/* callbacks kept off it */
	ST_ASSERT(scan_seen.chained_once);	/* twice fired, chained once */
	ST_ASSERT(!scan_seen.still_linked);
	/* ep_done_scan: back on rdllist, once, and ovflist inactive. */
	ST_ASSERT(ep->ovflist == EP_UNACTIVE_PTR);
	ST_ASSERT(epi->next == EP_UNACTIVE_PTR);
	ST_ASSERT_EQ(list_count(&ep->rdllist), 1);
	ST_ASSERT(ep_is_linked(epi));
	ep_free(ep);
	fput(f);
	return 0;
}

SELFTEST(eventpoll_ready_at_insert_and_release)
{
	struct file *f;

	fake_mask = EPOLLIN;
	struct epoll_event e = { EPOLLIN, 1 };
	struct eventpoll *ep = ep_alloc();
	f = alloc_file(&fake_fops, NULL, O_RDWR, "fake");
	ST_ASSERT(ep && !IS_ERR(f));
	mutex_lock(&epmutex);
	mutex_lock(&ep->mtx);
	ST_ASSERT_EQ(ep_insert(ep, &e, f, 5), 0);
	mutex_unlock(&ep->mtx);
	mutex_unlock(&epmutex);
	/* Ready when added: queued by ep_insert itself, no callback. */
	ST_ASSERT_EQ(list_count(&ep->rdllist), 1);
	/* The last fput removes the item from every epoll. */
	long items = ep_stats.epitems;
	fput(f);
	ST_ASSERT_EQ(items - ep_stats.epitems, 1);
	ST_ASSERT(RB_EMPTY_ROOT(&ep->rbr));
	ST_ASSERT(list_empty(&ep->rdllist));
	ST_ASSERT(!waitqueue_active(&fake_wq));
	ep_free(ep);
	fake_mask = 0;
	return 0;
}

SELFTEST(eventpoll_fdinfo_format)
{
	struct file *f;
	struct eventpoll *ep = setup(&f, EPOLLIN | EPOLLERR | EPOLLHUP);
	ST_ASSERT(ep);
	struct file *epf = alloc_file(&eventpoll_fops, ep, O_RDWR, "ep");
	ST_ASSERT(!IS_ERR(epf));
	ep->file = epf;
	char buf[128];
	int len = ep_show_fdinfo(epf, buf, sizeof(buf));
	static const char want[] = "tfd:        3 events:       19 data:         "
				   "deadbeef  pos:0 ino:0 sdev:0\n";
	ST_ASSERT_EQ(len, sizeof(want) - 1);
	ST_ASSERT(!strcmp(buf, want));
	ST_ASSERT_EQ(ep_show_fdinfo(epf, buf, 8), sizeof(want) - 1);
	fput(epf);	/* ->release frees ep and its item */
	ST_ASSERT(list_empty(&f->f_ep_links));
	fput(f);
	return 0;
}
