/*
 * tcp.c - the data path of AF_INET stream sockets and their poll:
 * inet_tcp_poll, inet_tcp_sendmsg, inet_tcp_recvmsg (Linux's tcp_poll,
 * tcp_sendmsg, tcp_recvmsg), the IPPROTO_TCP options (TCP_NODELAY,
 * TCP_KEEPIDLE/INTVL/CNT), and inet_stream_ops, the table the socket
 * system calls reach (the connection's life and lwIP's callbacks are in
 * net/inet_stream.c).
 *
 * Names: every tcp_* function called here and in inet_stream.c is
 * lwIP's (tcp_write, tcp_recved, tcp_close ...); ours are inet_tcp_*,
 * with Linux's name after the prefix where Linux has the function.
 *
 * inet_tcp_poll is where poll, select and epoll register: poll_wait on
 * sk_sleep(sk), the queue that the callbacks (sock_def_readable,
 * sock_def_write_space, sock_def_wakeup) wake.  Its mask follows Linux's
 * tcp_poll bit for bit, so that the same program sees the same events.
 *
 * LOCKING: lwip_core_lock() around every look at the inet_sock and
 * every lwIP call; dropped before sleeping and while user data is copied
 * in and out, through a kernel buffer (the user-copy rule,
 * kernel/spinlock.h: lwIP's tcp_write copies from kernel memory, and a
 * user copy may fault and sleep).  Context: process context.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/mm.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/ioctls.h"
#include "net/inet_sock.h"
#include "lwip/tcp.h"
#include "lwip/priv/tcp_priv.h"
#include "net/netdevice.h"
#include "arch/x86_64/uaccess.h"

#define TCP_COPY_CHUNK	TCP_SND_BUF	/* bytes copied in per tcp_write */
#define TCP_RCV_CHUNK	16384		/* bytes copied out per round */
#define TCP_RCV_DIRECT	(256 * 1024)	/* the most taken off the queue
					 * for one direct copy */

__poll_t inet_tcp_poll(struct file *file, struct socket *sock, poll_table *wait)
{
	struct inet_sock *isk = inet_sk(sock->sk);
	__poll_t mask = 0;

	sock_poll_wait(file, sock, wait);
	lwip_core_lock();
	int state = isk->sk_state, shutdown = isk->sk.sk_shutdown;
	if (state == TCP_LISTEN) {
		mask = list_empty(&isk->accept_queue) ? 0 : EPOLLIN | EPOLLRDNORM;
		lwip_core_unlock();
		return mask;
	}
	/* LAB(socket): begin */
	if (shutdown == SHUTDOWN_MASK || state == TCP_CLOSE)
		mask |= EPOLLHUP;
	if (shutdown & RCV_SHUTDOWN)
		mask |= EPOLLIN | EPOLLRDNORM | EPOLLRDHUP;
	if (state != TCP_SYN_SENT) {
		/* an urgent byte to step over at the head is not data */
		if (isk->rcv_queued >= inet_tcp_readable_target(isk))
			mask |= EPOLLIN | EPOLLRDNORM;
		if (!(shutdown & SEND_SHUTDOWN)) {
			if (inet_tcp_writable(isk))
				mask |= EPOLLOUT | EPOLLWRNORM;
		} else {
			mask |= EPOLLOUT | EPOLLWRNORM;
		}
	}
	if (isk->sk.sk_err)
		mask |= EPOLLERR;
	if (inet_tcp_urg_pending(isk))
		mask |= EPOLLPRI;		/* recv(MSG_OOB) has a byte */
	/* LAB(socket): end; the starting point has instead:
	if (isk->rcv_queued)
		mask |= EPOLLIN | EPOLLRDNORM;
	mask |= EPOLLOUT | EPOLLWRNORM;
	(void)state; (void)shutdown;
	 */
	lwip_core_unlock();
	return mask;
}

/* --- sending --- */

/* Whether a blocked sender has something to do: room, or an end. */
static bool inet_tcp_send_ready(struct inet_sock *isk)
{
	lwip_core_lock();
	bool ready = isk->sk.sk_err || (isk->sk.sk_shutdown & SEND_SHUTDOWN) ||
		     isk->sk_state != TCP_ESTABLISHED || !isk->pcb.tcp ||
		     inet_tcp_send_room(isk) > 0;
	lwip_core_unlock();
	return ready;
}

/* What stops a send now: an error, EPIPE, or 0 to go on.  Lock held. */
static int inet_tcp_send_check(struct inet_sock *isk)
{
	if (isk->sk.sk_err)
		return sock_error(&isk->sk);
	if ((isk->sk.sk_shutdown & SEND_SHUTDOWN) || !isk->pcb.tcp ||
	    isk->sk_state != TCP_ESTABLISHED)
		return -EPIPE;
	return 0;
}

/*
 * tcp_output with Nagle's test counted in the wire's segments.  lwIP
 * holds a segment back while data is unacknowledged unless it is at
 * least pcb->mss long, and with TSO (inet_tcp_gso) pcb->mss is many wire
 * segments: a 112-byte header sent, then a 1.5 KB body, and the body
 * waited for the peer's delayed ACK of the header (slirp's: milliseconds
 * per answer).  Linux's tcp_nagle_check holds only what is shorter than
 * one wire segment (isk->mss_cache).  So once the unsent queue holds a
 * wire segment's worth, it goes now (lwIP cannot split off the short
 * tail as Linux's tcp_mss_split_point does; it goes too).  Lock held.
 */
static void inet_tcp_push(struct inet_sock *isk)
{
	struct tcp_pcb *pcb = isk->pcb.tcp;
	u32 unsent = 0;

	if (pcb->mss > isk->mss_cache && !tcp_nagle_disabled(pcb) && pcb->unacked) {
		for (struct tcp_seg *seg = pcb->unsent; seg && unsent < isk->mss_cache;
		     seg = seg->next)
			unsent += seg->len;
	}
	if (unsent < isk->mss_cache || !isk->mss_cache) {
		tcp_output(pcb);
		return;
	}
	tcp_nagle_disable(pcb);
	tcp_output(pcb);
	tcp_nagle_enable(pcb);
}

/* Queue up to n bytes at msg offset off, adding to *sent what went out;
 * -EFAULT if user memory ran out first.  With oob, the chunk that ends
 * the send marks its last byte urgent (the mark goes out at once, past
 * Nagle, as Linux's tcp_nagle_test lets urgent mode).  Called and
 * returns with the lock; drops it while copying in. */
static int inet_tcp_send_chunk(struct inet_sock *isk, struct msghdr *msg,
			       size_t n, char *kbuf, size_t *sent, bool oob)
{
	bool last = n <= MIN((size_t)inet_tcp_send_room(isk), (size_t)TCP_COPY_CHUNK);

	n = MIN(n, MIN((size_t)inet_tcp_send_room(isk), (size_t)TCP_COPY_CHUNK));
	lwip_core_unlock();
	size_t left = memcpy_from_msg(kbuf, msg, *sent, n);
	lwip_core_lock();
	n -= left;
	if (n && !inet_tcp_send_check(isk) &&
	    tcp_write(isk->pcb.tcp, kbuf, n, TCP_WRITE_FLAG_COPY) == ERR_OK) {
		net_copy_count(COPY_SOCK_TO_STACK, n);
		*sent += n;
		if (oob && last && !left) {
			inet_tcp_mark_urg(isk);
			tcp_nagle_disable(isk->pcb.tcp);
			tcp_output(isk->pcb.tcp);
			if (!isk->nodelay)
				tcp_nagle_enable(isk->pcb.tcp);
		} else {
			inet_tcp_push(isk);
		}
	}
	/* else: the loop reports the error, or waits for ACKs */
	return left ? -EFAULT : 0;
}

static ssize_t inet_tcp_sendmsg(struct socket *sock, struct msghdr *msg,
				size_t len, int flags)
{
	struct inet_sock *isk = inet_sk(sock->sk);
	size_t sent = 0;
	ssize_t err = 0;

	long timeo = sock_sndtimeo(&isk->sk, flags & MSG_DONTWAIT);	/* SO_SNDTIMEO */
	char *kbuf = len ? kmalloc(MIN(len, (size_t)TCP_COPY_CHUNK), GFP_KERNEL) : NULL;
	if (len && !kbuf)
		return -ENOBUFS;
	lwip_core_lock();
	while (!(err = inet_tcp_send_check(isk)) && sent < len) {
		size_t before = sent;
		if (fatal_signal_pending(current)) {
			err = -EINTR;
			break;
		}
		if (inet_tcp_send_room(isk) &&
		    (err = inet_tcp_send_chunk(isk, msg, len - sent, kbuf, &sent,
					       flags & MSG_OOB)))
			break;
		if (sent != before || inet_tcp_send_check(isk))
			continue;
		if (!timeo) {
			err = -EAGAIN;
			break;
		}
		lwip_core_unlock();
		err = sk_wait_event(&isk->sk, &timeo, inet_tcp_send_ready(isk));
		lwip_core_lock();
		if (err)
			break;
	}
	lwip_core_unlock();
	kfree(kbuf);
	if (sent)
		return sent;
	if (err == -EPIPE && !(flags & MSG_NOSIGNAL))
		send_sig(SIGPIPE, current);
	return err;
}

/* --- receiving --- */

/* Copy up to n queued bytes, from the queue's byte from on, to msg at
 * offset off through kbuf, with the lock dropped for the user copy (it
 * may fault pages in).  Returns the bytes copied, -EFAULT if none could
 * be.  Called and returns locked. */
static ssize_t inet_tcp_copy_rcv(struct inet_sock *isk, struct msghdr *msg,
				 size_t off, size_t from, size_t n, char *kbuf)
{
	n = MIN(n, (size_t)TCP_RCV_CHUNK);
	n = pbuf_copy_partial(isk->rcv_queue, kbuf, n, (u16_t)from);
	net_copy_count(COPY_STACK_TO_SOCK, n);
	lwip_core_unlock();
	size_t left = memcpy_to_msg(msg, off, kbuf, n);
	lwip_core_lock();
	return left == n ? -EFAULT : (ssize_t)(n - left);
}

/*
 * The whole pbufs at the head of the receive queue that fit in n
 * bytes, taken off it (*len: their bytes), or NULL if the first does
 * not fit.  The reader then copies straight from them to user memory
 * with the lock dropped: they are its own, off the queue, which lwIP
 * (inet_tcp_recv) only ever appends to.  Lock held.
 */
static struct pbuf *inet_tcp_rcv_detach(struct inet_sock *isk, size_t n,
					size_t *len)
{
	struct pbuf *head = isk->rcv_queue, *last = NULL, *p = head;
	size_t got = 0;

	while (p && got + p->len <= n) {
		got += p->len;
		last = p;
		p = p->next;
	}
	if (!last)
		return NULL;
	isk->rcv_queue = p;
	last->next = NULL;
	size_t left = got;
	for (struct pbuf *q = head; q; q = q->next) {	/* a chain of its own */
		q->tot_len = (u16_t)MIN(left, 0xffffu);
		left -= q->len;
	}
	isk->rcv_queued -= got;
	*len = got;
	return head;
}

/* A copy to user memory failed after copied bytes of chain: free those,
 * and put the rest back at the head of the queue, where it was (a
 * second reader may have read past it meanwhile: Linux's socket lock
 * would have kept it out).  Lock held. */
static void inet_tcp_rcv_putback(struct inet_sock *isk, struct pbuf *chain,
				 size_t copied, size_t len)
{
	while (chain && copied >= chain->len) {
		struct pbuf *next = chain->next;
		copied -= chain->len;
		chain->next = NULL;
		pbuf_free(chain);
		chain = next;
	}
	if (!chain)
		return;
	pbuf_remove_header(chain, (u16_t)copied);	/* within one pbuf */
	len = 0;
	for (struct pbuf *q = chain; q; q = q->next)
		len += q->len;
	if (isk->rcv_queue)
		pbuf_cat(chain, isk->rcv_queue);
	isk->rcv_queue = chain;
	isk->rcv_queued += len;
}

/*
 * Copy up to n queued bytes to msg at offset off straight from lwIP's
 * buffers, the one copy a received byte makes after the NIC's (Linux's
 * skb_copy_datagram_msg).  Returns the bytes copied, -EFAULT if none
 * could be, 0 if the first buffer holds more than n (the caller copies
 * through kbuf then).  Called and returns locked.
 */
static ssize_t inet_tcp_copy_rcv_direct(struct inet_sock *isk, struct msghdr *msg,
					size_t off, size_t n)
{
	size_t len, copied = 0;
	struct pbuf *chain = inet_tcp_rcv_detach(isk, MIN(n, (size_t)TCP_RCV_DIRECT), &len);

	if (!chain)
		return 0;
	lwip_core_unlock();
	for (struct pbuf *q = chain; q; q = q->next) {
		size_t left = memcpy_to_msg(msg, off + copied, q->payload, q->len);
		copied += q->len - left;
		if (left)
			break;
	}
	lwip_core_lock();
	if (copied == len)
		pbuf_free(chain);
	else
		inet_tcp_rcv_putback(isk, chain, copied, len);
	inet_tcp_rcv_space(isk, copied);
	return copied ? (ssize_t)copied : -EFAULT;
}

/* Drop n read bytes and open the window by as much. */
static void inet_tcp_consume(struct inet_sock *isk, size_t n)
{
	isk->rcv_queue = pbuf_free_header(isk->rcv_queue, n);
	isk->rcv_queued -= n;
	inet_tcp_rcv_space(isk, n);
}

static bool inet_tcp_recv_ready(struct inet_sock *isk)
{
	return READ_ONCE(isk->rcv_queued) >= inet_tcp_readable_target(isk) ||
	       READ_ONCE(isk->sk.sk_err) ||
	       (READ_ONCE(isk->sk.sk_shutdown) & RCV_SHUTDOWN) ||
	       READ_ONCE(isk->sk_state) == TCP_CLOSE;
}

/* Why a reader with nothing to read stops: 1 to wait.  Lock held. */
static int inet_tcp_recv_end(struct inet_sock *isk, int flags)
{
	if (isk->rcv_fin)		/* Linux's SOCK_DONE: the end first */
		return 0;
	if (isk->sk.sk_err)
		return sock_error(&isk->sk);
	if (isk->sk.sk_shutdown & RCV_SHUTDOWN)
		return 0;
	if (isk->sk_state == TCP_CLOSE || isk->sk_state == TCP_LISTEN)
		return -ENOTCONN;
	if (flags & MSG_DONTWAIT)
		return -EAGAIN;
	return 1;
}

/* recv(MSG_OOB): the urgent byte, never waiting (Linux's tcp_recv_urg). */
static ssize_t inet_tcp_recvmsg_oob(struct inet_sock *isk, struct msghdr *msg,
				    size_t len, int flags)
{
	u8 c;

	msg->msg_namelen = 0;
	lwip_core_lock();
	int ret = isk->sk_state == TCP_LISTEN ? -ENOTCONN :
		  inet_tcp_recv_urg(isk, flags, &c);
	lwip_core_unlock();
	if (ret <= 0)
		return ret;
	msg->msg_flags |= MSG_OOB;
	if (!len) {
		msg->msg_flags |= MSG_TRUNC;
		return 0;
	}
	if (!(flags & MSG_TRUNC) && memcpy_to_msg(msg, 0, &c, 1))
		return -EFAULT;
	return 1;
}

/*
 * How much of n queued bytes the reader takes now, against the urgent
 * mark (Linux's tcp_recvmsg): up to the mark, which starts the next
 * read; at the mark, the urgent byte is stepped over unless
 * SO_OOBINLINE (*skip: a peek's offset past it; a read drops it here).
 * 0: nothing to take now.  Lock held.
 */
static size_t inet_tcp_rcv_limit(struct inet_sock *isk, size_t n, int flags,
				 size_t *skip)
{
	*skip = 0;
	if (!isk->urg_data || !n)
		return n;
	if (inet_tcp_urg_skip(isk)) {
		if (!(flags & MSG_PEEK)) {
			inet_tcp_consume(isk, 1);
			inet_tcp_urg_advance(isk);
			return MIN(n, isk->rcv_queued);
		}
		*skip = 1;
		return MIN(n, isk->rcv_queued - 1);
	}
	size_t before = inet_tcp_urg_before(isk, n);
	return before ? before : n;	/* 0: at the mark, inline */
}

static ssize_t inet_tcp_recvmsg(struct socket *sock, struct msghdr *msg,
				size_t len, int flags)
{
	struct inet_sock *isk = inet_sk(sock->sk);
	size_t target = flags & MSG_WAITALL ? len : 1, copied = 0;
	ssize_t err = 0;

	if (flags & MSG_OOB)
		return inet_tcp_recvmsg_oob(isk, msg, len, flags);
	long timeo = sock_rcvtimeo(&isk->sk, flags & MSG_DONTWAIT);
	msg->msg_namelen = 0;
	char *kbuf = NULL;		/* only if a copy must go through one */
	lwip_core_lock();
	if (isk->sk_state == TCP_LISTEN)
		err = -ENOTCONN;
	while (!err && copied < len) {
		size_t n = MIN(len - copied, isk->rcv_queued), skip;
		if (fatal_signal_pending(current)) {
			err = -EINTR;
			break;
		}
		/* At the urgent mark: a read ends before it, and a signal
		 * (SIGURG, on Linux) stops one that is there. */
		if (isk->urg_data && inet_tcp_at_mark(isk)) {
			if (copied)
				break;
			if (signal_pending(current)) {
				err = timeo ? -EINTR : -EAGAIN;
				break;
			}
		}
		n = inet_tcp_rcv_limit(isk, n, flags, &skip);
		if (n) {
			/* whole buffers straight to the user, else (a peek, or
			 * less wanted than the first buffer holds) through kbuf */
			ssize_t got = flags & MSG_PEEK ? 0 :
				      inet_tcp_copy_rcv_direct(isk, msg, copied, n);
			if (got == 0 && !kbuf) {
				lwip_core_unlock();	/* (it may sleep) */
				kbuf = kmalloc(MIN(len, (size_t)TCP_RCV_CHUNK), GFP_KERNEL);
				lwip_core_lock();
				if (!kbuf) {
					err = -ENOBUFS;
					break;
				}
				continue;	/* the queue may have changed */
			}
			if (got == 0) {
				got = inet_tcp_copy_rcv(isk, msg, copied, skip, n, kbuf);
				/* (a second reader may have taken bytes meanwhile) */
				if (got > 0 && !(flags & MSG_PEEK))
					inet_tcp_consume(isk, MIN((size_t)got, isk->rcv_queued));
			}
			if (got < 0) {
				err = got;
				break;
			}
			if (!(flags & MSG_PEEK))
				inet_tcp_urg_advance(isk);
			copied += got;
			/* On while more is queued (a buffer only partly
			 * wanted, or one more than a direct copy took), as
			 * Linux's tcp_recvmsg, up to an urgent mark. */
			if ((copied >= target && !isk->rcv_queued) ||
			    (flags & MSG_PEEK))
				break;
			continue;
		}
		int end = inet_tcp_recv_end(isk, flags);
		if (end <= 0) {
			err = end;
			break;
		}
		if (!timeo) {			/* SO_RCVTIMEO ran out */
			err = -EAGAIN;
			break;
		}
		lwip_core_unlock();
		err = sk_wait_event(&isk->sk, &timeo, inet_tcp_recv_ready(isk));
		lwip_core_lock();
	}
	lwip_core_unlock();
	kfree(kbuf);
	return copied ? (ssize_t)copied : err;
}

static long inet_tcp_ioctl(struct socket *sock, unsigned int cmd, unsigned long arg)
{
	struct inet_sock *isk = inet_sk(sock->sk);

	if (cmd != FIONREAD && cmd != SIOCATMARK)
		return -ENOTTY;
	lwip_core_lock();
	int state = isk->sk_state;
	int n = cmd == FIONREAD ? (int)inet_tcp_inq(isk) : inet_tcp_at_mark(isk);
	lwip_core_unlock();
	if (state == TCP_LISTEN && cmd == FIONREAD)
		return -EINVAL;
	return put_user(n, (int __user *)arg);
}

/* --- IPPROTO_TCP options (Linux's do_tcp_setsockopt/do_tcp_getsockopt) --- */

#define TCP_NODELAY		1
#define TCP_KEEPIDLE		4
#define TCP_KEEPINTVL		5
#define TCP_KEEPCNT		6

/* Linux's bounds (include/net/tcp.h) and the defaults of the sysctls
 * net.ipv4.tcp_keepalive_time, _intvl and _probes. */
#define MAX_TCP_KEEPIDLE	32767
#define MAX_TCP_KEEPINTVL	32767
#define MAX_TCP_KEEPCNT		127
#define TCP_KEEPALIVE_TIME	7200	/* two hours */
#define TCP_KEEPALIVE_INTVL	75
#define TCP_KEEPALIVE_PROBES	9

int keepalive_time_when(const struct inet_sock *isk)
{
	return isk->keepalive_time ? isk->keepalive_time : TCP_KEEPALIVE_TIME;
}

int keepalive_intvl_when(const struct inet_sock *isk)
{
	return isk->keepalive_intvl ? isk->keepalive_intvl : TCP_KEEPALIVE_INTVL;
}

int keepalive_probes(const struct inet_sock *isk)
{
	return isk->keepalive_probes ? isk->keepalive_probes : TCP_KEEPALIVE_PROBES;
}

/* The caller hands the new values to lwIP's pcb afterwards
 * (inet_tcp_apply_options); a listener keeps them for its children. */
int inet_tcp_set_int(struct inet_sock *isk, int optname, int val)
{
	switch (optname) {
	case TCP_NODELAY:
		isk->nodelay = val != 0;
		return 0;
	case TCP_KEEPIDLE:
		if (val < 1 || val > MAX_TCP_KEEPIDLE)
			return -EINVAL;
		isk->keepalive_time = val;
		return 0;
	case TCP_KEEPINTVL:
		if (val < 1 || val > MAX_TCP_KEEPINTVL)
			return -EINVAL;
		isk->keepalive_intvl = val;
		return 0;
	case TCP_KEEPCNT:
		if (val < 1 || val > MAX_TCP_KEEPCNT)
			return -EINVAL;
		isk->keepalive_probes = val;
		return 0;
	}
	return -ENOPROTOOPT;
}

int inet_tcp_get_int(struct inet_sock *isk, int optname, int *val)
{
	switch (optname) {
	case TCP_NODELAY: *val = isk->nodelay; return 0;
	case TCP_KEEPIDLE: *val = keepalive_time_when(isk); return 0;
	case TCP_KEEPINTVL: *val = keepalive_intvl_when(isk); return 0;
	case TCP_KEEPCNT: *val = keepalive_probes(isk); return 0;
	}
	return -ENOPROTOOPT;
}

const struct proto_ops inet_stream_ops = {
	.family = AF_INET,
	.release = inet_release,
	.bind = inet_tcp_bind,
	.connect = inet_stream_connect,
	.accept = inet_accept,
	.getname = inet_tcp_getname,
	.poll = inet_tcp_poll,
	.ioctl = inet_tcp_ioctl,
	.listen = inet_listen,
	.shutdown = inet_shutdown,
	.setsockopt = sock_setsockopt,
	.getsockopt = sock_getsockopt,
	.sendmsg = inet_tcp_sendmsg,
	.recvmsg = inet_tcp_recvmsg,
};
