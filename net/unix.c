/*
 * unix.c - AF_UNIX stream sockets, as far as socketpair(2) needs them: two
 * connected sockets, each with a receive queue that the other writes.
 *
 * The queue is a byte ring (UNIX_RCVBUF bytes) owned by the receiving
 * sock.  A sender copies into its peer's ring and calls the peer's
 * sk_data_ready (EPOLLIN on the peer's sk_sleep); a reader takes bytes
 * from its own ring and calls the peer's sk_write_space (EPOLLOUT on the
 * writer's queue) once the ring is down to a quarter full, which is when
 * Linux too calls a unix socket writable again.  Shutdown and close set
 * sk_shutdown bits on both ends and call sk_state_change (a wake-up with
 * no key, so every waiter looks again).
 *
 * Each sock holds a reference on its peer (sock_hold), so a sender may
 * look at its peer's ring until it is released itself, even after the
 * peer's file is closed; the ring is emptied at close and freed with the
 * last reference.
 *
 * LOCKING: u->sk.sk_lock guards u's ring, u->peer and u's sk_shutdown.
 * It is never held with another sock's lock, nor across a sleep.  User
 * copies happen under it: our page-fault handler does not sleep.
 * Context: process context; the wake-ups may be watched from anywhere.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/mm.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "net/sock.h"
#include "arch/x86_64/ring_copy.h"
#include "arch/x86_64/uaccess.h"

#define UNIX_RCVBUF_ORDER	4
#define UNIX_RCVBUF		(PAGE_SIZE << UNIX_RCVBUF_ORDER)	/* 64 KiB */
#define FIONREAD		0x541b		/* SIOCINQ */

struct unix_sock {
	struct sock sk;			/* first: unix_sk() casts */
	struct sock *peer;		/* the other end (referenced), or NULL */
	char *buf;			/* receive ring, UNIX_RCVBUF bytes */
	unsigned long head, tail;	/* bytes written and read in total */
	bool dead;			/* its file is closed (SOCK_DEAD) */
};

static struct unix_sock *unix_sk(struct sock *sk)
{
	return container_of(sk, struct unix_sock, sk);
}

static unsigned long unix_rcv_used(struct unix_sock *u)
{
	return READ_ONCE(u->head) - READ_ONCE(u->tail);
}

/* Writable while what we sent and the peer has not read is at most a
 * quarter of its queue (Linux: wmem_alloc * 4 <= sndbuf). */
static bool unix_writable(struct sock *sk)
{
	struct sock *other = unix_sk(sk)->peer;

	return !other || unix_rcv_used(unix_sk(other)) * 4 <= UNIX_RCVBUF;
}

static unsigned long unix_ring_copy(struct unix_sock *u, unsigned long pos,
				    void __user *ubuf, size_t n, bool to_user)
{
	return ring_copy_user(u->buf, UNIX_RCVBUF, pos, ubuf, n, to_user);
}

/* --- sending --- */

/* Whether a sender on sk can go on: room at the peer, or an end. */
static bool unix_send_ready(struct sock *sk, struct unix_sock *other)
{
	return (READ_ONCE(sk->sk_shutdown) & SEND_SHUTDOWN) || READ_ONCE(other->dead) ||
	       (READ_ONCE(other->sk.sk_shutdown) & RCV_SHUTDOWN) ||
	       unix_rcv_used(other) < UNIX_RCVBUF;
}

/* Append to other's ring what fits; returns the bytes taken (*fault set
 * if a bad user pointer cut the copy short), or -EPIPE if it no longer
 * receives. */
static ssize_t unix_stream_append(struct unix_sock *other, const char __user *buf,
				  size_t len, bool *fault)
{
	spin_lock(&other->sk.sk_lock);
	if (other->dead || (other->sk.sk_shutdown & RCV_SHUTDOWN)) {
		spin_unlock(&other->sk.sk_lock);
		return -EPIPE;
	}
	size_t n = MIN(len, UNIX_RCVBUF - unix_rcv_used(other));
	unsigned long left = unix_ring_copy(other, other->head, (void __user *)buf,
					    n, false);
	other->head += n - left;
	spin_unlock(&other->sk.sk_lock);
	if (n - left)
		other->sk.sk_data_ready(&other->sk);
	*fault = left != 0;
	return n - left;
}

static ssize_t unix_stream_send_buf(struct socket *sock, const char __user *buf,
				    size_t len, int flags)
{
	struct sock *sk = sock->sk;
	struct sock *peer = unix_sk(sk)->peer;
	size_t sent = 0;
	bool fault;

	if (flags & MSG_OOB)
		return -EOPNOTSUPP;
	if (!peer)
		return -ENOTCONN;
	struct unix_sock *other = unix_sk(peer);
	if (READ_ONCE(sk->sk_shutdown) & SEND_SHUTDOWN)
		goto pipe_err;
	while (sent < len) {
		ssize_t n = unix_stream_append(other, buf + sent, len - sent, &fault);
		if (n < 0)
			goto pipe_err;
		sent += n;
		if (fault)
			return sent ? (ssize_t)sent : -EFAULT;
		if (sent == len)
			break;
		if (flags & MSG_DONTWAIT)
			return sent ? (ssize_t)sent : -EAGAIN;
		if (wait_event_interruptible(*sk_sleep(sk), unix_send_ready(sk, other)))
			return sent ? (ssize_t)sent : -ERESTARTSYS;
		if (READ_ONCE(sk->sk_shutdown) & SEND_SHUTDOWN)
			goto pipe_err;
	}
	return sent;
pipe_err:
	/* Only a send that got nothing through raises SIGPIPE (Linux). */
	if (!sent && !(flags & MSG_NOSIGNAL))
		send_sig(SIGPIPE, current);
	return sent ? (ssize_t)sent : -EPIPE;
}

/* --- receiving --- */

static bool unix_recv_ready(struct sock *sk)
{
	return unix_rcv_used(unix_sk(sk)) || READ_ONCE(sk->sk_err) ||
	       (READ_ONCE(sk->sk_shutdown) & RCV_SHUTDOWN);
}

/* Take (or with peek, copy) up to len bytes from u's ring; returns the
 * count, 0 if it is empty, -EFAULT if nothing could be copied. */
static ssize_t unix_stream_take(struct unix_sock *u, char __user *buf, size_t len,
				bool peek)
{
	spin_lock(&u->sk.sk_lock);
	size_t n = MIN(len, unix_rcv_used(u));
	unsigned long left = unix_ring_copy(u, u->tail, buf, n, true);
	if (!peek)
		u->tail += n - left;
	struct sock *peer = u->peer;
	spin_unlock(&u->sk.sk_lock);
	if (!peek && n - left && peer && unix_writable(peer))
		peer->sk_write_space(peer);
	return n && left == n ? -EFAULT : (ssize_t)(n - left);
}

static ssize_t unix_stream_recv_buf(struct socket *sock, char __user *buf,
				    size_t len, int flags)
{
	struct sock *sk = sock->sk;
	size_t target = flags & MSG_WAITALL ? len : 1, copied = 0;
	ssize_t err = 0;

	if (flags & MSG_OOB)
		return -EINVAL;		/* no urgent byte is ever waiting */
	while (copied < len) {
		ssize_t n = unix_stream_take(unix_sk(sk), buf + copied, len - copied,
					     flags & MSG_PEEK);
		if (n < 0) {
			err = n;
			break;
		}
		copied += n;
		if (copied >= target || (n && (flags & MSG_PEEK)))
			break;
		if (n)
			continue;
		/* Empty: an error, the end, or wait. */
		if ((err = sock_error(sk)))
			break;
		if (READ_ONCE(sk->sk_shutdown) & RCV_SHUTDOWN)
			break;
		if (flags & MSG_DONTWAIT) {
			err = -EAGAIN;
			break;
		}
		if (wait_event_interruptible(*sk_sleep(sk), unix_recv_ready(sk))) {
			err = -ERESTARTSYS;
			break;
		}
	}
	return copied ? (ssize_t)copied : err;
}

/* --- the msghdr entry points: one buffer at a time, stopping at the
 * first short transfer, as readv/writev do on a stream --- */

static ssize_t unix_stream_msg(struct socket *sock, struct msghdr *msg,
			       int flags, bool send)
{
	ssize_t done = 0;

	if (msg->msg_kernel)
		return -EINVAL;		/* sendfile does not reach AF_UNIX */
	if (msg->msg_iovlen <= 1) {	/* read/write: zero bytes still checks */
		void __user *base = msg->msg_iovlen ? msg->msg_iov[0].iov_base : NULL;
		size_t n = msg->msg_iovlen ? msg->msg_iov[0].iov_len : 0;
		return send ? unix_stream_send_buf(sock, base, n, flags)
			    : unix_stream_recv_buf(sock, base, n, flags);
	}
	for (unsigned long i = 0; i < msg->msg_iovlen; i++) {
		struct iovec *iov = &msg->msg_iov[i];
		if (!iov->iov_len)
			continue;
		ssize_t n = send ? unix_stream_send_buf(sock, iov->iov_base,
							iov->iov_len, flags)
				 : unix_stream_recv_buf(sock, iov->iov_base,
							iov->iov_len, flags);
		if (n < 0)
			return done ? done : n;
		done += n;
		if ((size_t)n < iov->iov_len)
			break;
	}
	return done;
}

static ssize_t unix_stream_sendmsg(struct socket *sock, struct msghdr *msg,
				   size_t len, int flags)
{
	(void)len;
	if (msg->msg_name && msg->msg_namelen)
		return -EISCONN;	/* a pair is connected already */
	return unix_stream_msg(sock, msg, flags, true);
}

static ssize_t unix_stream_recvmsg(struct socket *sock, struct msghdr *msg,
				   size_t len, int flags)
{
	(void)len;
	return unix_stream_msg(sock, msg, flags, false);
}

/* --- poll, shutdown, close --- */

/* Linux's unix_poll for a connected stream socket. */
static __poll_t unix_poll(struct file *file, struct socket *sock, poll_table *wait)
{
	struct sock *sk = sock->sk;
	__poll_t mask = 0;

	sock_poll_wait(file, sock, wait);
	unsigned char shutdown = READ_ONCE(sk->sk_shutdown);
	if (READ_ONCE(sk->sk_err))
		mask |= EPOLLERR;
	if (shutdown == SHUTDOWN_MASK)
		mask |= EPOLLHUP;
	if (shutdown & RCV_SHUTDOWN)
		mask |= EPOLLRDHUP | EPOLLIN | EPOLLRDNORM;
	if (unix_rcv_used(unix_sk(sk)))
		mask |= EPOLLIN | EPOLLRDNORM;
	/* Writable even when the other side has shut down: a writer then
	 * finds out with EPIPE instead of waiting forever. */
	if (unix_writable(sk))
		mask |= EPOLLOUT | EPOLLWRNORM | EPOLLWRBAND;
	return mask;
}

static int unix_shutdown(struct socket *sock, int mode)
{
	struct sock *sk = sock->sk;

	if (mode < SHUT_RD || mode > SHUT_RDWR)
		return -EINVAL;
	mode = (mode + 1) & SHUTDOWN_MASK;	/* SHUT_* to *_SHUTDOWN bits */
	spin_lock(&sk->sk_lock);
	sk->sk_shutdown |= mode;
	struct sock *other = unix_sk(sk)->peer;
	spin_unlock(&sk->sk_lock);
	sk->sk_state_change(sk);
	if (other) {
		/* What we stop receiving, the peer stops sending, and so on. */
		int peer_mode = (mode & RCV_SHUTDOWN ? SEND_SHUTDOWN : 0) |
				(mode & SEND_SHUTDOWN ? RCV_SHUTDOWN : 0);
		spin_lock(&other->sk_lock);
		other->sk_shutdown |= peer_mode;
		spin_unlock(&other->sk_lock);
		other->sk_state_change(other);
	}
	return 0;
}

/* The file is closed: the peer sees both directions shut down, and
 * ECONNRESET if we leave data it sent unread. */
static int unix_release(struct socket *sock)
{
	struct sock *sk = sock->sk;
	struct unix_sock *u = unix_sk(sk);

	sock->sk = NULL;
	spin_lock(&sk->sk_lock);
	sk->sk_socket = NULL;
	sk->sk_shutdown = SHUTDOWN_MASK;
	bool unread = unix_rcv_used(u) != 0;
	u->tail = u->head;			/* drop what nobody will read */
	u->dead = true;
	struct sock *skpair = u->peer;
	u->peer = NULL;
	spin_unlock(&sk->sk_lock);
	if (skpair) {
		spin_lock(&skpair->sk_lock);
		skpair->sk_shutdown = SHUTDOWN_MASK;
		if (unread)
			skpair->sk_err = ECONNRESET;
		spin_unlock(&skpair->sk_lock);
		skpair->sk_state_change(skpair);
		sock_put(skpair);
	}
	sock_put(sk);
	return 0;
}

static long unix_ioctl(struct socket *sock, unsigned int cmd, unsigned long arg)
{
	if (cmd != FIONREAD)
		return -ENOTTY;
	return put_user((int)unix_rcv_used(unix_sk(sock->sk)), (int __user *)arg);
}

static const struct proto_ops unix_stream_ops = {
	.family = AF_UNIX,
	.release = unix_release,
	.poll = unix_poll,
	.sendmsg = unix_stream_sendmsg,
	.recvmsg = unix_stream_recvmsg,
	.shutdown = unix_shutdown,
	.ioctl = unix_ioctl,
};

/* --- creation --- */

static void unix_sock_destruct(struct sock *sk)
{
	struct unix_sock *u = unix_sk(sk);

	free_pages((unsigned long)u->buf, UNIX_RCVBUF_ORDER);
	kfree(u);
}

static struct socket *unix_create(void)
{
	struct socket *sock = sock_alloc();
	struct unix_sock *u = kzalloc(sizeof(*u), GFP_KERNEL);
	char *buf = (char *)__get_free_pages(GFP_KERNEL, UNIX_RCVBUF_ORDER);

	if (!sock || !u || !buf) {
		kfree(sock);
		kfree(u);
		if (buf)
			free_pages((unsigned long)buf, UNIX_RCVBUF_ORDER);
		return NULL;
	}
	sock->type = SOCK_STREAM;
	sock->state = SS_CONNECTED;
	sock->ops = &unix_stream_ops;
	sock_init_data(sock, &u->sk);
	u->sk.sk_destruct = unix_sock_destruct;
	u->buf = buf;
	return sock;
}

/* Two connected stream sockets (Linux's unix_create and
 * unix_socketpair), each holding a reference on the other's sock. */
int unix_socketpair(int type, int protocol, struct socket *socks[2])
{
	if (protocol && protocol != AF_UNIX)
		return -EPROTONOSUPPORT;
	switch (type) {
	case SOCK_STREAM:
		break;
	case SOCK_DGRAM:
	case SOCK_RAW:
	case SOCK_SEQPACKET:
		return -EOPNOTSUPP;	/* Linux has these; we do not yet */
	default:
		return -ESOCKTNOSUPPORT;
	}
	socks[0] = unix_create();
	socks[1] = socks[0] ? unix_create() : NULL;
	if (!socks[1]) {
		if (socks[0])
			sock_release(socks[0]);
		return -ENOMEM;
	}
	struct sock *a = socks[0]->sk, *b = socks[1]->sk;
	sock_hold(a);
	sock_hold(b);
	unix_sk(a)->peer = b;
	unix_sk(b)->peer = a;
	return 0;
}
