/*
 * garbage.c - AF_UNIX sockets in flight, and the collector of the ones
 * nobody can reach any more (Linux's net/unix/garbage.c, the classic
 * algorithm it used until 6.10).
 *
 * A socket's file can travel in an SCM_RIGHTS message, even to itself:
 * send a socket's descriptor over its own connection and close both
 * ends, and the message holds the last reference on a file whose
 * socket holds the message.  Reference counts alone never free that.
 *
 * So every AF_UNIX file put in flight counts in its socket's inflight
 * (unix_inflight at send, unix_notinflight at receive or when the
 * message is freed).  unix_gc, run when a socket is released while
 * anything is in flight, then:
 *   1. takes as candidates the sockets whose every file reference is in
 *      flight (f_count == inflight): no descriptor reaches them;
 *   2. subtracts the references that candidates' own queues hold on
 *      candidates;
 *   3. any candidate left with a reference is reachable from outside;
 *      so is everything in its queue, recursively: those are restored;
 *   4. what remains is a set of sockets only reachable from each
 *      other: the messages in their queues that carry candidates are
 *      freed, which closes the files and so the sockets.
 *
 * LOCKING: unix_gc_lock guards every inflight count, the lists and the
 * gc_* flags, and is held for steps 1-3 (and for MSG_PEEK's copies of
 * in-flight files, which would otherwise raise a file count under the
 * collector).  Queue locks nest inside it.  The messages are freed
 * after it is dropped (freeing closes files).  Context: process context.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "net/unix/af_unix.h"

static DEFINE_SPINLOCK(unix_gc_lock);
static LIST_HEAD(gc_inflight_list);	/* unix_socks with inflight > 0 */
static LIST_HEAD(gc_candidates);
static bool gc_in_progress;
long unix_tot_inflight;			/* files of AF_UNIX sockets in flight */

struct sock *unix_get_socket(struct file *filp)
{
	struct socket *sock = sock_from_file(filp);

	if (sock && sock->ops && sock->ops->family == AF_UNIX)
		return sock->sk;
	return NULL;
}

void unix_inflight(struct file *fp)
{
	struct sock *sk = unix_get_socket(fp);

	if (!sk)
		return;
	struct unix_sock *u = unix_sk(sk);
	spin_lock(&unix_gc_lock);
	if (!u->inflight++)
		list_add_tail(&u->link, &gc_inflight_list);
	unix_tot_inflight++;
	spin_unlock(&unix_gc_lock);
}

void unix_notinflight(struct file *fp)
{
	struct sock *sk = unix_get_socket(fp);

	if (!sk)
		return;
	struct unix_sock *u = unix_sk(sk);
	spin_lock(&unix_gc_lock);
	if (!--u->inflight)
		list_del_init(&u->link);
	unix_tot_inflight--;
	spin_unlock(&unix_gc_lock);
}

/* MSG_PEEK hands out a second reference to files in flight: under the
 * collector's lock, so that it never sees a count change halfway. */
void unix_peek_fds(struct scm_cookie *scm, struct sk_buff *skb)
{
	spin_lock(&unix_gc_lock);
	scm->fp = scm_fp_dup(UNIXCB(skb).fp);
	spin_unlock(&unix_gc_lock);
}

/* Call func on every candidate that x's queued messages carry; with a
 * hitlist, move those messages there. */
static void scan_inflight(struct sock *x, void (*func)(struct unix_sock *),
			  struct sk_buff_head *hitlist)
{
	struct sk_buff_head *queue = &x->sk_receive_queue;
	struct sk_buff *skb, *next;

	spin_lock(&queue->lock);
	list_for_each_entry_safe(skb, next, &queue->list, list) {
		struct scm_fp_list *fp = UNIXCB(skb).fp;
		bool hit = false;
		for (int i = 0; fp && i < fp->count; i++) {
			struct sock *sk = unix_get_socket(fp->fp[i]);
			if (sk && unix_sk(sk)->gc_candidate) {
				hit = true;
				func(unix_sk(sk));
			}
		}
		if (hit && hitlist) {
			__skb_unlink(skb, queue);
			__skb_queue_tail(hitlist, skb);
		}
	}
	spin_unlock(&queue->lock);
}

/* A listener's children are the connections queued on it: their own
 * queues are what it holds. */
static void scan_children(struct sock *x, void (*func)(struct unix_sock *),
			  struct sk_buff_head *hitlist)
{
	struct sk_buff *skb;

	if (x->sk_state != TCP_LISTEN) {
		scan_inflight(x, func, hitlist);
		return;
	}
	spin_lock(&x->sk_receive_queue.lock);
	skb_queue_walk(&x->sk_receive_queue, skb)
		scan_inflight(skb->sk, func, hitlist);	/* the embryo */
	spin_unlock(&x->sk_receive_queue.lock);
}

static void dec_inflight(struct unix_sock *u)
{
	u->inflight--;
}

static void inc_inflight(struct unix_sock *u)
{
	u->inflight++;
}

static void inc_inflight_move_tail(struct unix_sock *u)
{
	u->inflight++;
	/* a candidate already passed over gets looked at again */
	if (u->gc_maybe_cycle)
		list_move_tail(&u->link, &gc_candidates);
}

/* Steps 1-3 (see the top); lock held.  Returns the garbage's messages
 * in hitlist. */
static void unix_gc_mark(struct sk_buff_head *hitlist)
{
	struct unix_sock *u, *next;
	struct list_head cursor;
	LIST_HEAD(not_cycle_list);

	list_for_each_entry_safe(u, next, &gc_inflight_list, link) {
		struct socket *sock = u->sk.sk_socket;
		if (sock && sock->file && READ_ONCE(sock->file->f_count) == u->inflight) {
			list_move_tail(&u->link, &gc_candidates);
			u->gc_candidate = u->gc_maybe_cycle = true;
		}
	}
	list_for_each_entry(u, &gc_candidates, link)
		scan_children(&u->sk, dec_inflight, NULL);

	/* A cursor walks the candidates, which restoring moves to the tail. */
	list_add(&cursor, &gc_candidates);
	while (cursor.next != &gc_candidates) {
		u = list_entry(cursor.next, struct unix_sock, link);
		list_move(&cursor, &u->link);	/* the cursor after u */
		if (u->inflight) {
			list_move_tail(&u->link, &not_cycle_list);
			u->gc_maybe_cycle = false;
			scan_children(&u->sk, inc_inflight_move_tail, NULL);
		}
	}
	list_del(&cursor);

	/* the garbage: give its counts back and take its messages */
	list_for_each_entry(u, &gc_candidates, link)
		scan_children(&u->sk, inc_inflight, hitlist);
	while (!list_empty(&not_cycle_list)) {
		u = list_first_entry(&not_cycle_list, struct unix_sock, link);
		u->gc_candidate = false;
		list_move_tail(&u->link, &gc_inflight_list);
	}
}

void unix_gc(void)
{
	struct sk_buff_head hitlist;

	skb_queue_head_init(&hitlist);
	spin_lock(&unix_gc_lock);
	if (gc_in_progress) {		/* freeing the garbage releases sockets */
		spin_unlock(&unix_gc_lock);
		return;
	}
	gc_in_progress = true;
	unix_gc_mark(&hitlist);
	spin_unlock(&unix_gc_lock);

	skb_queue_purge(&hitlist);	/* closes the garbage's files */

	spin_lock(&unix_gc_lock);
	struct unix_sock *u, *next;	/* what is left is not garbage now */
	list_for_each_entry_safe(u, next, &gc_candidates, link) {
		u->gc_candidate = false;
		list_move_tail(&u->link, &gc_inflight_list);
	}
	gc_in_progress = false;
	spin_unlock(&unix_gc_lock);
}
