/*
 * skbuff.c - allocating, charging, copying and queueing socket buffers
 * (Linux's net/core/skbuff.c and the queue half of skbuff.h).  See
 * net/skbuff.h for what an skb is here and who may hold which lock.
 *
 * Context: process context.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/mm.h"
#include "kernel/string.h"
#include "net/skbuff.h"
#include "net/sock.h"

struct sk_buff *alloc_skb(unsigned int size)
{
	struct sk_buff *skb = kmalloc(sizeof(*skb) + size, GFP_KERNEL);

	if (!skb)
		return NULL;
	memset(skb, 0, sizeof(*skb));
	INIT_LIST_HEAD(&skb->list);
	skb->users = 1;
	skb->truesize = ksize(skb);	/* what it really takes */
	return skb;
}

void kfree_skb(struct sk_buff *skb)
{
	if (!skb || __atomic_sub_fetch(&skb->users, 1, __ATOMIC_ACQ_REL))
		return;
	if (skb->destructor)
		skb->destructor(skb);
	kfree(skb);
}

/* The sender is charged until the skb is freed; it also keeps the
 * sender's sock alive until then (Linux does that through the charge). */
void skb_set_owner_w(struct sk_buff *skb, struct sock *sk)
{
	sock_hold(sk);
	skb->sk = sk;
	skb->destructor = sock_wfree;
	__atomic_add_fetch(&sk->sk_wmem_alloc, skb->truesize, __ATOMIC_RELAXED);
}

/* The charge given back: a sender waiting for room may go on. */
void sock_wfree(struct sk_buff *skb)
{
	struct sock *sk = skb->sk;

	__atomic_sub_fetch(&sk->sk_wmem_alloc, skb->truesize, __ATOMIC_RELEASE);
	sk->sk_write_space(sk);
	skb->sk = NULL;
	sock_put(sk);
}

void skb_put_data(struct sk_buff *skb, const void *kbuf, unsigned int len)
{
	memcpy(skb->data + skb->len, kbuf, len);
	skb->len += len;
}

int skb_copy_datagram_msg(const struct sk_buff *skb, unsigned int off,
			  struct msghdr *msg, unsigned int len)
{
	/* into msg's buffers after what earlier chunks of this call filled */
	if (memcpy_to_msg(msg, msg->msg_copied, skb->data + off, len))
		return -EFAULT;
	msg->msg_copied += len;
	return 0;
}

/* --- queues --- */

void skb_queue_head_init(struct sk_buff_head *list)
{
	INIT_LIST_HEAD(&list->list);
	list->qlen = 0;
	spin_lock_init(&list->lock);
}

void __skb_queue_tail(struct sk_buff_head *list, struct sk_buff *skb)
{
	list_add_tail(&skb->list, &list->list);
	WRITE_ONCE(list->qlen, list->qlen + 1);
}

void __skb_unlink(struct sk_buff *skb, struct sk_buff_head *list)
{
	list_del_init(&skb->list);
	WRITE_ONCE(list->qlen, list->qlen - 1);
}

struct sk_buff *__skb_dequeue(struct sk_buff_head *list)
{
	struct sk_buff *skb = skb_peek(list);

	if (skb)
		__skb_unlink(skb, list);
	return skb;
}

void skb_queue_tail(struct sk_buff_head *list, struct sk_buff *skb)
{
	spin_lock(&list->lock);
	__skb_queue_tail(list, skb);
	spin_unlock(&list->lock);
}

struct sk_buff *skb_dequeue(struct sk_buff_head *list)
{
	spin_lock(&list->lock);
	struct sk_buff *skb = __skb_dequeue(list);
	spin_unlock(&list->lock);
	return skb;
}

void skb_unlink(struct sk_buff *skb, struct sk_buff_head *list)
{
	spin_lock(&list->lock);
	__skb_unlink(skb, list);
	spin_unlock(&list->lock);
}

void skb_queue_splice_init(struct sk_buff_head *list, struct sk_buff_head *head)
{
	spin_lock(&list->lock);
	list_splice_tail_init(&list->list, &head->list);
	head->qlen += list->qlen;
	WRITE_ONCE(list->qlen, 0);
	spin_unlock(&list->lock);
}

void skb_queue_purge(struct sk_buff_head *list)
{
	struct sk_buff *skb;

	while ((skb = skb_dequeue(list)))
		kfree_skb(skb);
}
