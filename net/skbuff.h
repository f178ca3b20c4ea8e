/*
 * skbuff.h - socket buffers for the protocols that live in this kernel
 * rather than in lwIP: AF_UNIX and AF_NETLINK.  A struct sk_buff is one
 * message (a datagram, or a piece of a stream) with its data inline, on
 * a struct sk_buff_head queue; names as Linux's include/linux/skbuff.h,
 * in miniature (no fragments, no headroom: nothing here is a packet on a
 * wire).  lwIP's pbufs play this part for AF_INET.
 *
 * Ownership.  An skb charged to its sender (skb_set_owner_w) counts
 * truesize in sk->sk_wmem_alloc until it is freed, which is what makes
 * a sender wait when its peer does not read (sock_alloc_send_skb), and
 * it holds a reference on that sock meanwhile.  kfree_skb runs the
 * destructor (AF_UNIX's gives back passed files and the charge), then
 * frees the memory.  An skb may be referenced more than once (skb_get,
 * for a reader that copies a datagram it peeked at with no lock held).
 *
 * LOCKING: a queue's lock guards its list and qlen.  It is a leaf lock
 * (taken last, never held across a copy to user space, a sleep or a
 * kfree_skb: the destructor may close files).  skb_queue_len and
 * skb_queue_empty read without it, as poll does.
 * Context: process context.
 */
#ifndef NET_SKBUFF_H
#define NET_SKBUFF_H

#include "kernel/types.h"
#include "kernel/list.h"
#include "kernel/spinlock.h"

struct sock;
struct msghdr;

struct sk_buff {
	struct list_head list;		/* on an sk_buff_head */
	struct sock *sk;		/* the owner charged for it, or NULL */
	void (*destructor)(struct sk_buff *skb);
	unsigned int len;		/* bytes of data */
	unsigned int truesize;		/* what it costs its owner */
	int users;			/* references (skb_get) */
	/* the protocol's per-message state (UNIXCB, NETLINK_CB) */
	char cb[48] __attribute__((aligned(8)));
	unsigned char data[];		/* len bytes (room for size) */
};

struct sk_buff_head {
	struct list_head list;		/* oldest first */
	unsigned int qlen;
	spinlock_t lock;
};

/* What an skb of size bytes of data costs (Linux's SKB_TRUESIZE). */
#define SKB_TRUESIZE(size)	((size) + sizeof(struct sk_buff))
/* The most data one allocation from the slab holds. */
#define SKB_MAX_HEAD		(4096 - sizeof(struct sk_buff))

/* An skb with room for size bytes; NULL if there is no memory. */
struct sk_buff *alloc_skb(unsigned int size);
/* Drop a reference; the last one runs the destructor and frees it. */
void kfree_skb(struct sk_buff *skb);
static inline struct sk_buff *skb_get(struct sk_buff *skb)
{
	__atomic_add_fetch(&skb->users, 1, __ATOMIC_RELAXED);
	return skb;
}
/* Charge skb to sk's send buffer until it is freed (sock_wfree). */
void skb_set_owner_w(struct sk_buff *skb, struct sock *sk);
void sock_wfree(struct sk_buff *skb);
/* Append len bytes from kbuf (the caller made the room). */
void skb_put_data(struct sk_buff *skb, const void *kbuf, unsigned int len);
/* Copy len bytes at offset off of skb to msg's buffers; -EFAULT if a
 * user buffer is bad.  No lock may be held (it copies to user space). */
int skb_copy_datagram_msg(const struct sk_buff *skb, unsigned int off,
			  struct msghdr *msg, unsigned int len);

void skb_queue_head_init(struct sk_buff_head *list);
static inline unsigned int skb_queue_len(const struct sk_buff_head *list)
{
	return READ_ONCE(list->qlen);
}
static inline bool skb_queue_empty(const struct sk_buff_head *list)
{
	return skb_queue_len(list) == 0;
}
/* The unlocked forms: the caller holds list->lock. */
static inline struct sk_buff *skb_peek(const struct sk_buff_head *list)
{
	return list_empty(&list->list) ? NULL :
	       list_first_entry(&list->list, struct sk_buff, list);
}
static inline struct sk_buff *skb_peek_tail(const struct sk_buff_head *list)
{
	return list_empty(&list->list) ? NULL :
	       list_entry(list->list.prev, struct sk_buff, list);
}
/* The one after skb, or NULL at the end. */
static inline struct sk_buff *skb_peek_next(struct sk_buff *skb,
					    const struct sk_buff_head *list)
{
	return skb->list.next == &list->list ? NULL :
	       list_next_entry(skb, list);
}
void __skb_queue_tail(struct sk_buff_head *list, struct sk_buff *skb);
void __skb_unlink(struct sk_buff *skb, struct sk_buff_head *list);
struct sk_buff *__skb_dequeue(struct sk_buff_head *list);
/* The locked forms. */
void skb_queue_tail(struct sk_buff_head *list, struct sk_buff *skb);
struct sk_buff *skb_dequeue(struct sk_buff_head *list);
void skb_unlink(struct sk_buff *skb, struct sk_buff_head *list);
/* Free every skb on the queue (outside its lock). */
void skb_queue_purge(struct sk_buff_head *list);
/* Move the whole queue to an empty, private one. */
void skb_queue_splice_init(struct sk_buff_head *list, struct sk_buff_head *head);

#define skb_queue_walk(queue, skb) \
	list_for_each_entry(skb, &(queue)->list, list)

#endif
