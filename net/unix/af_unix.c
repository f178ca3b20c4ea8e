/*
 * af_unix.c - AF_UNIX sockets: their connections and life (Linux's
 * net/unix/af_unix.c; the names are in names.c, the data paths in
 * stream.c and dgram.c, see af_unix.h for the map and the LOCKING rules).
 *
 * Names.  A socket is bound to a path (unix_bind_bsd: a socket inode
 * made in the ramfs, found again through that inode) or to an abstract
 * name (a leading NUL, then any bytes: unix_bind_abstract), or, given
 * an empty name or on a first send with SO_PASSCRED, to an abstract
 * "\0xxxxx" of five hex digits (unix_autobind).  Every socket sits in
 * unix_table: unbound ones by their own address, bound paths by inode,
 * abstract names by name and type (so a stream and a datagram socket
 * may share one, as on Linux).
 *
 * Connections.  A stream or seqpacket connect makes the server's end at
 * once (an "embryo" sock with no file) and queues a one-byte request
 * skb that owns it on the listener's queue; accept takes the request
 * and gives the embryo its socket.  So data sent before accept waits in
 * the embryo's queue, and a listener closed with requests queued resets
 * them (unix_release_sock(embryo, 1)).  Every sock holds a reference on
 * its unix_peer.
 *
 * Context: process context.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/mm.h"
#include "kernel/random.h"
#include "kernel/sched.h"
#include "kernel/string.h"
#include "fs/fs.h"
#include "net/unix/af_unix.h"
#include "kernel/ioctls.h"
#include "arch/x86_64/uaccess.h"

#define SIOCOUTQ	0x5411	/* TIOCOUTQ */

/* --- the sock --- */

static void unix_sock_destructor(struct sock *sk)
{
	struct unix_sock *u = unix_sk(sk);

	skb_queue_purge(&sk->sk_receive_queue);
	if (u->addr)
		unix_release_addr(u->addr);
	kfree(u);
}

/* Linux's unix_write_space: a reader freed some of what we sent. */
static void unix_write_space(struct sock *sk)
{
	if (unix_writable(sk))
		wake_up_interruptible_poll(sk_sleep(sk),
					   EPOLLOUT | EPOLLWRNORM | EPOLLWRBAND);
}

/* A new sock (sock NULL: an embryo for unix_stream_connect). */
static struct sock *unix_create1(struct socket *sock, int type)
{
	struct unix_sock *u = kzalloc(sizeof(*u), GFP_KERNEL);

	if (!u)
		return ERR_PTR(-ENOMEM);
	struct sock *sk = &u->sk;
	sock_init_data(sock, sk);
	sk->sk_type = type;
	sk->sk_family = AF_UNIX;
	sk->sk_write_space = unix_write_space;
	sk->sk_max_ack_backlog = UNIX_MAX_DGRAM_QLEN;
	sk->sk_destruct = unix_sock_destructor;
	INIT_LIST_HEAD(&u->node);
	INIT_LIST_HEAD(&u->link);
	mutex_init(&u->iolock);
	mutex_init(&u->bindlock);
	init_waitqueue_head(&u->peer_wait);
	unix_dgram_peer_wake_init(u);
	unix_insert_unbound_socket(sk);
	return sk;
}

int unix_create(struct socket *sock, int protocol)
{
	if (protocol && protocol != AF_UNIX)
		return -EPROTONOSUPPORT;
	sock->state = SS_UNCONNECTED;
	switch (sock->type) {
	case SOCK_STREAM:
		sock->ops = &unix_stream_ops;
		break;
	case SOCK_RAW:			/* BSD has it; it is a datagram socket */
		sock->type = SOCK_DGRAM;
		__attribute__((fallthrough));
	case SOCK_DGRAM:
		sock->ops = &unix_dgram_ops;
		break;
	case SOCK_SEQPACKET:
		sock->ops = &unix_seqpacket_ops;
		break;
	default:
		return -ESOCKTNOSUPPORT;
	}
	struct sock *sk = unix_create1(sock, sock->type);
	return IS_ERR(sk) ? PTR_ERR(sk) : 0;
}

struct sock *unix_peer_get(struct sock *s)
{
	unix_state_lock(s);
	struct sock *peer = unix_peer(s);
	if (peer)
		sock_hold(peer);
	unix_state_unlock(s);
	return peer;
}

/* Linux's unix_release_sock: unhash, mark dead, tell the peer (a
 * connection's peer sees both directions shut, and ECONNRESET if we
 * leave unread data or were never accepted), reset the connections
 * queued on a listener, then drop the queue and our reference. */
void unix_release_sock(struct sock *sk, int embrion)
{
	struct unix_sock *u = unix_sk(sk);
	struct sk_buff *skb;

	unix_remove_socket(sk);
	unix_state_lock(sk);
	sk->sk_socket = NULL;
	sock_set_flag(sk, SOCK_DEAD);
	WRITE_ONCE(sk->sk_shutdown, SHUTDOWN_MASK);
	struct inode *path = u->path;
	u->path = NULL;
	int state = sk->sk_state;
	WRITE_ONCE(sk->sk_state, TCP_CLOSE);
	struct sock *skpair = unix_peer(sk);
	unix_peer(sk) = NULL;
	unix_state_unlock(sk);

	wake_up_interruptible_all(&u->peer_wait);
	if (skpair) {
		if (sk->sk_type == SOCK_STREAM || sk->sk_type == SOCK_SEQPACKET) {
			unix_state_lock(skpair);
			WRITE_ONCE(skpair->sk_shutdown, SHUTDOWN_MASK);
			if (!skb_queue_empty(&sk->sk_receive_queue) || embrion)
				WRITE_ONCE(skpair->sk_err, ECONNRESET);
			unix_state_unlock(skpair);
			skpair->sk_state_change(skpair);
		}
		unix_dgram_peer_wake_disconnect(sk, skpair);
		sock_put(skpair);
	}
	while ((skb = skb_dequeue(&sk->sk_receive_queue))) {
		if (state == TCP_LISTEN)
			unix_release_sock(skb->sk, 1);
		kfree_skb(skb);		/* passed files go with it */
	}
	if (path)
		iput(path);
	sock_put(sk);
	if (READ_ONCE(unix_tot_inflight))
		unix_gc();
}

static int unix_release(struct socket *sock)
{
	struct sock *sk = sock->sk;

	if (!sk)
		return 0;
	unix_release_sock(sk, 0);
	sock->sk = NULL;
	return 0;
}

/* --- credentials (SO_PEERCRED) --- */

static void init_peercred(struct sock *sk)
{
	struct ucred cred;

	current_peercred(&cred);
	spin_lock(&sk->sk_lock);
	sk->sk_peer_cred = cred;
	spin_unlock(&sk->sk_lock);
}

void unix_state_double_lock(struct sock *sk1, struct sock *sk2)
{
	if (sk1 == sk2 || !sk2) {
		unix_state_lock(sk1);
		return;
	}
	if (sk1 > sk2) {
		struct sock *t = sk1;
		sk1 = sk2;
		sk2 = t;
	}
	unix_state_lock(sk1);
	unix_state_lock_nested(sk2, U_LOCK_SECOND);
}

void unix_state_double_unlock(struct sock *sk1, struct sock *sk2)
{
	unix_state_unlock(sk1);
	if (sk2 && sk2 != sk1)
		unix_state_unlock(sk2);
}

/* --- listen, connect, accept --- */

static int unix_listen(struct socket *sock, int backlog)
{
	struct sock *sk = sock->sk;
	struct unix_sock *u = unix_sk(sk);
	int err = -EINVAL;

	if (sock->type != SOCK_STREAM && sock->type != SOCK_SEQPACKET)
		return -EOPNOTSUPP;
	if (!READ_ONCE(u->addr))
		return -EINVAL;		/* no listening without a name */
	unix_state_lock(sk);
	if (sk->sk_state == TCP_CLOSE || sk->sk_state == TCP_LISTEN) {
		if ((unsigned int)backlog > sk->sk_max_ack_backlog)
			wake_up_interruptible_all(&u->peer_wait);
		sk->sk_max_ack_backlog = backlog;
		WRITE_ONCE(sk->sk_state, TCP_LISTEN);
		err = 0;
	}
	unix_state_unlock(sk);
	if (!err)
		init_peercred(sk);	/* what connect copies to its side */
	return err;
}

static bool unix_peer_has_room(struct sock *other)
{
	return sock_flag(other, SOCK_DEAD) ||
	       (READ_ONCE(other->sk_shutdown) & RCV_SHUTDOWN) ||
	       !unix_recvq_full(other);
}

long unix_wait_for_peer(struct sock *other, long timeo)
{
	struct unix_sock *u = unix_sk(other);
	DEFINE_WAIT(wait);

	prepare_to_wait_exclusive(&u->peer_wait, &wait, TASK_INTERRUPTIBLE);
	bool sched = !unix_peer_has_room(other);
	unix_state_unlock(other);
	if (sched && !signal_pending(current))
		timeo = schedule_timeout(timeo);
	finish_wait(&u->peer_wait, &wait);
	return timeo;
}

/* The connection request's checks on the listener, its lock held:
 * 0, 1 to wait for room in its backlog, or an error. */
static int unix_stream_connect_check(struct sock *sk, struct sock *other,
				     long timeo)
{
	if (other->sk_state != TCP_LISTEN || (other->sk_shutdown & RCV_SHUTDOWN))
		return -ECONNREFUSED;
	if (unix_recvq_full(other))
		return timeo ? 1 : -EAGAIN;
	/* a listener, or a socket already connected, does not connect */
	int state = READ_ONCE(sk->sk_state);
	if (state != TCP_CLOSE)
		return state == TCP_ESTABLISHED ? -EISCONN : -EINVAL;
	return 0;
}

/* Join sk to the embryo newsk and queue skb, the request, on the
 * listener.  other's lock held; takes and drops sk's. */
static int unix_stream_connect_join(struct socket *sock, struct sock *sk,
				    struct sock *newsk, struct sock *other,
				    struct sk_buff *skb)
{
	struct unix_sock *otheru = unix_sk(other), *newu = unix_sk(newsk);

	unix_state_lock_nested(sk, U_LOCK_SECOND);
	if (sk->sk_state != TCP_CLOSE) {
		int err = sk->sk_state == TCP_ESTABLISHED ? -EISCONN : -EINVAL;
		unix_state_unlock(sk);
		return err;
	}
	sock_hold(sk);
	unix_peer(newsk) = sk;
	newsk->sk_state = TCP_ESTABLISHED;
	newsk->sk_type = sk->sk_type;
	current_peercred(&newsk->sk_peer_cred);
	/* the server's end answers to the listener's name */
	if (otheru->path) {
		vfs_lock();		/* i_count's lock (inside ours) */
		newu->path = ihold(otheru->path);
		vfs_unlock();
	}
	__atomic_add_fetch(&otheru->addr->refcnt, 1, __ATOMIC_RELAXED);
	WRITE_ONCE(newu->addr, otheru->addr);
	sk->sk_peer_cred = other->sk_peer_cred;
	sock->state = SS_CONNECTED;
	WRITE_ONCE(sk->sk_state, TCP_ESTABLISHED);
	sock_hold(newsk);
	unix_peer(sk) = newsk;
	unix_state_unlock(sk);
	skb_queue_tail(&other->sk_receive_queue, skb);
	return 0;
}

static int unix_stream_connect(struct socket *sock, struct sockaddr_storage *uaddr,
			       int addr_len, int flags)
{
	struct sockaddr_un *sunaddr = (struct sockaddr_un *)uaddr;
	struct sock *sk = sock->sk, *newsk, *other;
	int err = unix_validate_addr(sunaddr, addr_len);

	if (err)
		return err;
	if (sock_flag(sk, SOCK_PASSCRED) && !READ_ONCE(unix_sk(sk)->addr) &&
	    (err = unix_autobind(sk)))
		return err;
	long timeo = sock_sndtimeo(sk, flags & O_NONBLOCK);

	/* Everything the connection needs first: after the listener is
	 * locked it would all have to be checked again. */
	newsk = unix_create1(NULL, sk->sk_type);
	if (IS_ERR(newsk))
		return PTR_ERR(newsk);
	struct sk_buff *skb = alloc_skb(1);
	if (!skb) {
		err = -ENOMEM;
		goto out_free_sk;
	}
	skb_set_owner_w(skb, newsk);	/* the request owns the embryo */
restart:
	other = unix_find_other(sunaddr, addr_len, sk->sk_type);
	if (IS_ERR(other)) {
		err = PTR_ERR(other);
		goto out_free_skb;
	}
	unix_state_lock(other);
	if (sock_flag(other, SOCK_DEAD)) {	/* closed while we looked */
		unix_state_unlock(other);
		sock_put(other);
		goto restart;
	}
	err = unix_stream_connect_check(sk, other, timeo);
	if (err == 1) {
		timeo = unix_wait_for_peer(other, timeo);
		sock_put(other);
		err = sock_intr_errno(timeo);
		if (signal_pending(current))
			goto out_free_skb;
		goto restart;
	}
	if (!err)
		err = unix_stream_connect_join(sock, sk, newsk, other, skb);
	unix_state_unlock(other);
	if (!err)
		other->sk_data_ready(other);
	sock_put(other);
	if (!err)
		return 0;
out_free_skb:
	kfree_skb(skb);
out_free_sk:
	unix_release_sock(newsk, 0);
	return err;
}

int unix_socketpair(struct socket *socka, struct socket *sockb)
{
	struct sock *ska = socka->sk, *skb = sockb->sk;

	sock_hold(ska);
	sock_hold(skb);
	unix_peer(ska) = skb;
	unix_peer(skb) = ska;
	init_peercred(ska);
	init_peercred(skb);
	ska->sk_state = TCP_ESTABLISHED;
	skb->sk_state = TCP_ESTABLISHED;
	socka->state = SS_CONNECTED;
	sockb->state = SS_CONNECTED;
	return 0;
}

static int unix_accept(struct socket *sock, struct socket *newsock, int flags)
{
	struct sock *sk = sock->sk;
	int err;

	if (sock->type != SOCK_STREAM && sock->type != SOCK_SEQPACKET)
		return -EOPNOTSUPP;
	if (READ_ONCE(sk->sk_state) != TCP_LISTEN)
		return -EINVAL;
	long timeo = sock_rcvtimeo(sk, flags & O_NONBLOCK);
	struct sk_buff *skb = unix_skb_recv_datagram(sk, 0, &timeo, &err);
	if (!skb)
		return err ? err : -EINVAL;	/* 0: the listener shut down */
	struct sock *tsk = skb->sk;
	sock_hold(tsk);
	kfree_skb(skb);			/* the request's hold on the embryo */
	wake_up_interruptible(&unix_sk(sk)->peer_wait);	/* a connector */

	unix_state_lock(tsk);
	newsock->state = SS_CONNECTED;
	if (sock_flag(sk, SOCK_PASSCRED))
		sock_set_flag(tsk, SOCK_PASSCRED);
	tsk->sk_socket = newsock;
	newsock->sk = tsk;
	unix_state_unlock(tsk);
	sock_put(tsk);			/* newsock has the embryo's own */
	return 0;
}

/* --- control messages on unix skbs (Linux's unix_scm_to_skb ...) --- */

static int unix_attach_fds(struct scm_cookie *scm, struct sk_buff *skb)
{
	UNIXCB(skb).fp = scm->fp;
	scm->fp = NULL;
	for (int i = 0; i < UNIXCB(skb).fp->count; i++)
		unix_inflight(UNIXCB(skb).fp->fp[i]);
	return 0;
}

void unix_detach_fds(struct scm_cookie *scm, struct sk_buff *skb)
{
	scm->fp = UNIXCB(skb).fp;
	UNIXCB(skb).fp = NULL;
	for (int i = 0; i < scm->fp->count; i++)
		unix_notinflight(scm->fp->fp[i]);
}

/* The message is freed: the files it still carries are closed. */
static void unix_destruct_scm(struct sk_buff *skb)
{
	struct scm_cookie scm = { 0 };

	if (UNIXCB(skb).fp)
		unix_detach_fds(&scm, skb);
	scm_destroy(&scm);
	sock_wfree(skb);
}

int unix_scm_to_skb(struct scm_cookie *scm, struct sk_buff *skb, bool send_fds)
{
	UNIXCB(skb).creds = scm->creds;
	UNIXCB(skb).fp = NULL;
	UNIXCB(skb).consumed = 0;
	skb->destructor = unix_destruct_scm;
	if (scm->fp && send_fds)
		return unix_attach_fds(scm, skb);
	return 0;
}

/* Some programs expect credentials from a plain write: add them when
 * sender or receiver (or an embryo, whose SO_PASSCRED comes at accept)
 * asked for them. */
void maybe_add_creds(struct sk_buff *skb, const struct sock *sk,
		     const struct sock *other)
{
	if (UNIXCB(skb).creds.pid)
		return;
	if (sock_flag(sk, SOCK_PASSCRED) || !other->sk_socket ||
	    sock_flag(other, SOCK_PASSCRED))
		current_ucred(&UNIXCB(skb).creds);
}

/* --- poll, shutdown, ioctl --- */

/* What unix_poll and unix_dgram_poll both report: an error, the ends,
 * something to read, and a connection-based socket never connected (or
 * gone) hung up. */
__poll_t unix_poll_common(struct sock *sk)
{
	unsigned char shutdown = READ_ONCE(sk->sk_shutdown);
	__poll_t mask = 0;

	if (READ_ONCE(sk->sk_err))
		mask |= EPOLLERR;
	if (shutdown == SHUTDOWN_MASK)
		mask |= EPOLLHUP;
	if (shutdown & RCV_SHUTDOWN)
		mask |= EPOLLRDHUP | EPOLLIN | EPOLLRDNORM;
	if (!skb_queue_empty(&sk->sk_receive_queue))
		mask |= EPOLLIN | EPOLLRDNORM;
	if (sk->sk_type != SOCK_DGRAM && READ_ONCE(sk->sk_state) == TCP_CLOSE)
		mask |= EPOLLHUP;
	return mask;
}

static __poll_t unix_poll(struct file *file, struct socket *sock, poll_table *wait)
{
	struct sock *sk = sock->sk;

	sock_poll_wait(file, sock, wait);
	__poll_t mask = unix_poll_common(sk);
	/* Writable even when the other side has shut down: the writer then
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
	mode++;				/* SHUT_* to *_SHUTDOWN bits */
	unix_state_lock(sk);
	WRITE_ONCE(sk->sk_shutdown, sk->sk_shutdown | mode);
	struct sock *other = unix_peer(sk);
	if (other)
		sock_hold(other);
	unix_state_unlock(sk);
	sk->sk_state_change(sk);
	if (other && (sk->sk_type == SOCK_STREAM || sk->sk_type == SOCK_SEQPACKET)) {
		/* What we stop receiving the peer stops sending, and so on. */
		int peer_mode = (mode & RCV_SHUTDOWN ? SEND_SHUTDOWN : 0) |
				(mode & SEND_SHUTDOWN ? RCV_SHUTDOWN : 0);
		unix_state_lock(other);
		WRITE_ONCE(other->sk_shutdown, other->sk_shutdown | peer_mode);
		unix_state_unlock(other);
		other->sk_state_change(other);
	}
	if (other)
		sock_put(other);
	return 0;
}

/* Linux's unix_inq_len: a stream's unread bytes, a datagram socket's
 * next datagram. */
static long unix_inq_len(struct sock *sk)
{
	struct sk_buff *skb;
	long amount = 0;

	if (READ_ONCE(sk->sk_state) == TCP_LISTEN)
		return -EINVAL;
	spin_lock(&sk->sk_receive_queue.lock);
	if (sk->sk_type == SOCK_STREAM || sk->sk_type == SOCK_SEQPACKET) {
		skb_queue_walk(&sk->sk_receive_queue, skb)
			amount += skb->len - UNIXCB(skb).consumed;
	} else if ((skb = skb_peek(&sk->sk_receive_queue))) {
		amount = skb->len;
	}
	spin_unlock(&sk->sk_receive_queue.lock);
	return amount;
}

static long unix_ioctl(struct socket *sock, unsigned int cmd, unsigned long arg)
{
	long amount;

	switch (cmd) {
	case SIOCOUTQ:
		return put_user((int)READ_ONCE(sock->sk->sk_wmem_alloc), (int __user *)arg);
	case SIOCINQ:
		amount = unix_inq_len(sock->sk);
		return amount < 0 ? amount : put_user((int)amount, (int __user *)arg);
	}
	return -ENOTTY;
}

/* No listen/accept for datagrams (Linux's sock_no_listen/accept). */
static int unix_no_listen(struct socket *sock, int backlog)
{
	(void)sock, (void)backlog;
	return -EOPNOTSUPP;
}

static int unix_no_accept(struct socket *sock, struct socket *newsock, int flags)
{
	(void)sock, (void)newsock, (void)flags;
	return -EOPNOTSUPP;
}

const struct proto_ops unix_stream_ops = {
	.family = AF_UNIX,
	.release = unix_release,
	.bind = unix_bind,
	.connect = unix_stream_connect,
	.accept = unix_accept,
	.getname = unix_getname,
	.poll = unix_poll,
	.ioctl = unix_ioctl,
	.listen = unix_listen,
	.shutdown = unix_shutdown,
	.sendmsg = unix_stream_sendmsg,
	.recvmsg = unix_stream_recvmsg,
};

const struct proto_ops unix_dgram_ops = {
	.family = AF_UNIX,
	.release = unix_release,
	.bind = unix_bind,
	.connect = unix_dgram_connect,
	.accept = unix_no_accept,
	.getname = unix_getname,
	.poll = unix_dgram_poll,
	.ioctl = unix_ioctl,
	.listen = unix_no_listen,
	.shutdown = unix_shutdown,
	.sendmsg = unix_dgram_sendmsg,
	.recvmsg = unix_dgram_recvmsg,
};

const struct proto_ops unix_seqpacket_ops = {
	.family = AF_UNIX,
	.release = unix_release,
	.bind = unix_bind,
	.connect = unix_stream_connect,
	.accept = unix_accept,
	.getname = unix_getname,
	.poll = unix_dgram_poll,
	.ioctl = unix_ioctl,
	.listen = unix_listen,
	.shutdown = unix_shutdown,
	.sendmsg = unix_seqpacket_sendmsg,
	.recvmsg = unix_seqpacket_recvmsg,
};
