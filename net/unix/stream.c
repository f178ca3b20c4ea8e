/*
 * stream.c - the data path of AF_UNIX stream sockets (Linux's
 * unix_stream_sendmsg and unix_stream_read_generic).
 *
 * A send cuts the bytes into skbs of at most UNIX_SKB_MAX, each charged
 * to the sender until read (sock_alloc_send_skb waits while sk_sndbuf
 * is in flight) and queued on the peer.  Files passed with SCM_RIGHTS
 * ride on the first skb only.  A read takes bytes from the queue across
 * skb boundaries, except that it stops after an skb that carried files
 * (so descriptors arrive with the bytes sent with them) and, with
 * SO_PASSCRED, at a change of sender.
 *
 * LOCKING: data is copied from user space into an skb before any lock
 * is taken, and out of one with only the reader's iolock (a mutex)
 * held; unix_state_lock(other) covers the check that the peer still
 * receives and the enqueue, unix_state_lock(sk) the reader's look at
 * its queue.  Context: process context.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "net/unix/af_unix.h"

/* One skb's data: the most that fits in 32 KiB (an order-3 block). */
#define UNIX_SKB_MAX	(32768 - sizeof(struct sk_buff))

/* A send buffer for up to size bytes: Linux keeps two messages in the
 * pipe (half the send buffer each), and falls back to a page when a
 * large block is not to be had. */
static struct sk_buff *unix_stream_alloc(struct sock *sk, size_t *size,
					 int flags, int *err)
{
	size_t n = MIN(*size, (size_t)(READ_ONCE(sk->sk_sndbuf) >> 1) - 64);

	n = MIN(n, UNIX_SKB_MAX);
	struct sk_buff *skb = sock_alloc_send_skb(sk, n,
			sock_sndtimeo(sk, flags & MSG_DONTWAIT), err);
	if (!skb && *err == -ENOBUFS && n > SKB_MAX_HEAD) {
		n = SKB_MAX_HEAD;
		skb = sock_alloc_send_skb(sk, n, sock_sndtimeo(sk, flags & MSG_DONTWAIT),
					  err);
	}
	*size = n;
	return skb;
}

ssize_t unix_stream_sendmsg(struct socket *sock, struct msghdr *msg,
			    size_t len, int flags)
{
	struct sock *sk = sock->sk, *other;
	struct scm_cookie scm;
	struct sk_buff *skb = NULL;
	size_t sent = 0;
	bool fds_sent = false;
	int err = scm_send(sock, msg, &scm);

	if (err < 0)
		return err;
	if (flags & MSG_OOB) {
		err = -EOPNOTSUPP;
		goto out_err;
	}
	if (msg->msg_name && msg->msg_namelen) {
		err = READ_ONCE(sk->sk_state) == TCP_ESTABLISHED ? -EISCONN : -EOPNOTSUPP;
		goto out_err;
	}
	if (!(other = unix_peer(sk))) {
		err = -ENOTCONN;
		goto out_err;
	}
	if (READ_ONCE(sk->sk_shutdown) & SEND_SHUTDOWN) {
		if (!(flags & MSG_NOSIGNAL))
			send_sig(SIGPIPE, current);
		err = -EPIPE;
		goto out_err;
	}
	while (sent < len) {
		size_t size = len - sent;
		/* A fast reader may never let us sleep: look here too. */
		if (fatal_signal_pending(current)) {
			err = -EINTR;
			goto out_err;
		}
		if (!(skb = unix_stream_alloc(sk, &size, flags, &err)))
			goto out_err;
		/* only the first skb carries the files */
		if ((err = unix_scm_to_skb(&scm, skb, !fds_sent)) < 0)
			goto out_free;
		fds_sent = true;
		if (memcpy_from_msg(skb->data, msg, sent, size)) {
			err = -EFAULT;
			goto out_free;
		}
		skb->len = size;

		unix_state_lock(other);
		if (sock_flag(other, SOCK_DEAD) || (other->sk_shutdown & RCV_SHUTDOWN))
			goto out_pipe;
		maybe_add_creds(skb, sk, other);
		skb_queue_tail(&other->sk_receive_queue, skb);
		unix_state_unlock(other);
		other->sk_data_ready(other);
		sent += size;
	}
	scm_destroy(&scm);
	return sent;

out_pipe:
	unix_state_unlock(other);
	/* only a send that got nothing through raises SIGPIPE */
	if (!sent && !(flags & MSG_NOSIGNAL))
		send_sig(SIGPIPE, current);
	err = -EPIPE;
out_free:
	kfree_skb(skb);
out_err:
	scm_destroy(&scm);
	return sent ? (ssize_t)sent : err;
}

/* --- receiving --- */

static bool unix_stream_data_ready(struct sock *sk)
{
	return !skb_queue_empty(&sk->sk_receive_queue) || READ_ONCE(sk->sk_err) ||
	       (READ_ONCE(sk->sk_shutdown) & RCV_SHUTDOWN) ||
	       sock_flag(sk, SOCK_DEAD);
}

/* Sleep until data, an error or the end arrives, a signal, or timeo;
 * returns the time left (Linux's unix_stream_data_wait). */
static long unix_stream_data_wait(struct sock *sk, long timeo)
{
	long left = wait_event_interruptible_timeout(*sk_sleep(sk),
						     unix_stream_data_ready(sk), timeo);

	return left < 0 ? timeo : left;
}

static unsigned int unix_skb_len(const struct sk_buff *skb)
{
	return skb->len - UNIXCB(skb).consumed;
}

static bool unix_skb_scm_eq(struct sk_buff *skb, struct scm_cookie *scm)
{
	const struct ucred *a = &UNIXCB(skb).creds, *b = &scm->creds;

	return a->pid == b->pid && a->uid == b->uid && a->gid == b->gid;
}

/* The first skb with unread bytes, or why there is none (0 with *skbp
 * NULL: return what was read; 1: wait).  Takes and drops the state lock. */
static int unix_stream_next(struct sock *sk, size_t copied, size_t target,
			    struct sk_buff **skbp)
{
	int err = 0;

	unix_state_lock(sk);
	if (sock_flag(sk, SOCK_DEAD))
		err = -ECONNRESET;
	else if ((*skbp = skb_peek(&sk->sk_receive_queue)))
		err = 0;
	else if (copied >= target)
		err = 0;
	else if (!(err = sock_error(sk)) && !(sk->sk_shutdown & RCV_SHUTDOWN))
		err = 1;
	unix_state_unlock(sk);
	return err;
}

/*
 * Linux's unix_stream_read_generic.  Readers are serialized by iolock,
 * so the skb at the head of the queue stays there while its bytes are
 * copied out: only this reader (or the socket's own release, which
 * cannot run while we hold its file) unlinks it.
 */
ssize_t unix_stream_recvmsg(struct socket *sock, struct msghdr *msg,
			    size_t size, int flags)
{
	struct sock *sk = sock->sk;
	struct unix_sock *u = unix_sk(sk);
	struct scm_cookie scm = { 0 };
	bool check_creds = false, passcred = sock_flag(sk, SOCK_PASSCRED);
	size_t copied = 0;
	int err = 0;

	if (READ_ONCE(sk->sk_state) != TCP_ESTABLISHED)
		return -EINVAL;
	if (flags & MSG_OOB)
		return -EINVAL;		/* no urgent byte is ever waiting */
	size_t target = flags & MSG_WAITALL ? size :
			MIN((size_t)READ_ONCE(sk->sk_rcvlowat), size);
	if (!target)
		target = 1;
	long timeo = sock_rcvtimeo(sk, flags & MSG_DONTWAIT);

	mutex_lock(&u->iolock);
	struct sk_buff *skb = NULL;	/* NULL: start at the queue's head */
	while (size) {
		if (fatal_signal_pending(current)) {
			if (!copied)
				err = -EINTR;
			break;
		}
		if (!skb) {
			int why = unix_stream_next(sk, copied, target, &skb);
			if (why < 0 && !copied)
				err = why;
			if (why < 0 || (why == 0 && !skb))
				break;
			if (why == 1) {		/* empty: wait for more */
				if (!timeo) {
					err = -EAGAIN;
					break;
				}
				mutex_unlock(&u->iolock);
				timeo = unix_stream_data_wait(sk, timeo);
				if (signal_pending(current)) {
					scm_destroy(&scm);
					return copied ? (ssize_t)copied : sock_intr_errno(timeo);
				}
				mutex_lock(&u->iolock);
				continue;
			}
		}
		if (check_creds) {
			if (!unix_skb_scm_eq(skb, &scm))
				break;	/* never glue messages of two writers */
		} else if (passcred) {
			scm.creds = UNIXCB(skb).creds;
			check_creds = true;
		}
		unix_copy_addr(msg, skb->sk);
		unsigned int chunk = MIN((size_t)unix_skb_len(skb), size);
		if (skb_copy_datagram_msg(skb, UNIXCB(skb).consumed, msg, chunk)) {
			if (!copied)
				err = -EFAULT;
			break;
		}
		copied += chunk;
		size -= chunk;
		if (flags & MSG_PEEK) {
			/* on into the next skb without consuming, but a copy
			 * of passed files ends the peek, as their delivery
			 * would end a read */
			if (UNIXCB(skb).fp) {
				unix_peek_fds(&scm, skb);
				break;
			}
			unix_state_lock(sk);
			skb = skb_peek_next(skb, &sk->sk_receive_queue);
			unix_state_unlock(sk);
			if (!skb)
				break;
			continue;
		}
		UNIXCB(skb).consumed += chunk;
		if (UNIXCB(skb).fp)
			unix_detach_fds(&scm, skb);
		if (unix_skb_len(skb))
			break;		/* the caller's buffer is full */
		skb_unlink(skb, &sk->sk_receive_queue);
		kfree_skb(skb);		/* its charge back to the writer */
		skb = NULL;
		if (scm.fp)
			break;		/* files end a read */
	}
	mutex_unlock(&u->iolock);
	scm_recv(msg, &scm, passcred);
	return copied ? (ssize_t)copied : err;
}
