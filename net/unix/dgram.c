/*
 * dgram.c - AF_UNIX datagram and seqpacket sockets: connect for
 * datagrams, one skb per message both ways, and poll (Linux's
 * unix_dgram_connect, unix_dgram_sendmsg, __unix_dgram_recvmsg,
 * unix_dgram_poll and the peer_wake machinery).
 *
 * Flow control has two parts.  Every sender is limited by its own send
 * buffer (the messages it has queued anywhere and not yet read).  And a
 * receiver that is not connected back to the sender (a server socket,
 * /dev/log style) takes at most UNIX_MAX_DGRAM_QLEN + 1 messages: then
 * blocking senders sleep on its peer_wait (unix_wait_for_peer) and a
 * connected sender that polls hangs its peer_wake entry there, which
 * relays the receiver's next read as EPOLLOUT on the sender's own queue
 * (the receiver may close before its clients, so they cannot poll_wait
 * on its queue directly).
 *
 * SOCK_SEQPACKET is connection-based (stream's connect and accept, in
 * af_unix.c) but moves whole messages, through the same functions.
 *
 * LOCKING: as af_unix.h; a message is copied in before any lock and out
 * with only iolock held.  peer_wake is guarded by the receiver's
 * peer_wait.lock.  Context: process context.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "net/unix/af_unix.h"

/* --- the relay from a full receiver to its connected senders --- */

/* A read at the receiver (or its end): wake our sender's pollers, and
 * unhook, since a sender that is still blocked hooks on again. */
static int unix_dgram_peer_wake_relay(wait_queue_entry_t *q, unsigned mode,
				      int flags, void *key)
{
	struct unix_sock *u = container_of(q, struct unix_sock, peer_wake);

	(void)mode, (void)flags;
	__remove_wait_queue(&unix_sk(u->peer_wake.private)->peer_wait, q);
	u->peer_wake.private = NULL;
	wake_up_interruptible_poll(sk_sleep(&u->sk), key_to_poll(key));
	return 0;
}

void unix_dgram_peer_wake_init(struct unix_sock *u)
{
	init_waitqueue_func_entry(&u->peer_wake, unix_dgram_peer_wake_relay);
}

static int unix_dgram_peer_wake_connect(struct sock *sk, struct sock *other)
{
	struct unix_sock *u = unix_sk(sk), *u_other = unix_sk(other);
	unsigned long flags;
	int rc = 0;

	spin_lock_irqsave(&u_other->peer_wait.lock, flags);
	if (!u->peer_wake.private) {
		u->peer_wake.private = other;
		__add_wait_queue(&u_other->peer_wait, &u->peer_wake);
		rc = 1;
	}
	spin_unlock_irqrestore(&u_other->peer_wait.lock, flags);
	return rc;
}

void unix_dgram_peer_wake_disconnect(struct sock *sk, struct sock *other)
{
	struct unix_sock *u = unix_sk(sk), *u_other = unix_sk(other);
	unsigned long flags;

	spin_lock_irqsave(&u_other->peer_wait.lock, flags);
	if (u->peer_wake.private == other) {
		__remove_wait_queue(&u_other->peer_wait, &u->peer_wake);
		u->peer_wake.private = NULL;
	}
	spin_unlock_irqrestore(&u_other->peer_wait.lock, flags);
}

void unix_dgram_peer_wake_disconnect_wakeup(struct sock *sk, struct sock *other)
{
	unix_dgram_peer_wake_disconnect(sk, other);
	wake_up_interruptible_poll(sk_sleep(sk), EPOLLOUT | EPOLLWRNORM | EPOLLWRBAND);
}

/* sk connected to other and other full: hook on for a wake-up and say 1
 * (not writable), unless other is dead, when a write must find out. */
static int unix_dgram_peer_wake_me(struct sock *sk, struct sock *other)
{
	int connected = unix_dgram_peer_wake_connect(sk, other);

	if (unix_recvq_full(other) && !sock_flag(other, SOCK_DEAD))
		return 1;
	if (connected)
		unix_dgram_peer_wake_disconnect(sk, other);
	return 0;
}

/* --- connect --- */

/* A changed (or dropped) peer: what the old peer sent us is thrown
 * away, and an old peer connected back to us learns ECONNRESET. */
static void unix_dgram_disconnected(struct sock *sk, struct sock *other)
{
	if (skb_queue_empty(&sk->sk_receive_queue))
		return;
	skb_queue_purge(&sk->sk_receive_queue);
	wake_up_interruptible_all(&unix_sk(sk)->peer_wait);
	if (!sock_flag(other, SOCK_DEAD) && unix_peer(other) == sk) {
		WRITE_ONCE(other->sk_err, ECONNRESET);
		other->sk_state_change(other);
	}
}

/* Point sk at other (NULL: AF_UNSPEC, disconnect); locks held. */
static void unix_dgram_set_peer(struct sock *sk, struct sock *other)
{
	struct sock *old_peer = unix_peer(sk);

	unix_peer(sk) = other;
	if (!old_peer) {
		unix_state_double_unlock(sk, other);
		return;
	}
	if (!other)
		WRITE_ONCE(sk->sk_state, TCP_CLOSE);
	unix_dgram_peer_wake_disconnect_wakeup(sk, old_peer);
	unix_state_double_unlock(sk, other);
	if (other != old_peer) {
		unix_dgram_disconnected(sk, old_peer);
		unix_state_lock(old_peer);
		if (!unix_peer(old_peer))
			WRITE_ONCE(old_peer->sk_state, TCP_CLOSE);
		unix_state_unlock(old_peer);
	}
	sock_put(old_peer);
}

int unix_dgram_connect(struct socket *sock, struct sockaddr_storage *addr,
		       int alen, int flags)
{
	struct sockaddr_un *sunaddr = (struct sockaddr_un *)addr;
	struct sock *sk = sock->sk, *other = NULL;
	int err;

	(void)flags;
	if (alen < (int)sizeof(addr->ss_family))
		return -EINVAL;
	if (addr->ss_family == AF_UNSPEC) {
		unix_state_double_lock(sk, NULL);
		unix_dgram_set_peer(sk, NULL);
		return 0;
	}
	if ((err = unix_validate_addr(sunaddr, alen)))
		return err;
	if (sock_flag(sk, SOCK_PASSCRED) && !READ_ONCE(unix_sk(sk)->addr) &&
	    (err = unix_autobind(sk)))
		return err;
	for (;;) {
		other = unix_find_other(sunaddr, alen, sock->type);
		if (IS_ERR(other))
			return PTR_ERR(other);
		unix_state_double_lock(sk, other);
		if (!sock_flag(other, SOCK_DEAD))
			break;
		unix_state_double_unlock(sk, other);	/* closed meanwhile */
		sock_put(other);
	}
	if (!unix_may_send(sk, other)) {
		unix_state_double_unlock(sk, other);
		sock_put(other);
		return -EPERM;
	}
	WRITE_ONCE(sk->sk_state, TCP_ESTABLISHED);
	WRITE_ONCE(other->sk_state, TCP_ESTABLISHED);
	unix_dgram_set_peer(sk, other);		/* keeps our reference */
	return 0;
}

/* --- sending --- */

/* other has gone (its file closed) while we held a reference: a
 * datagram socket connected to it loses it (ECONNREFUSED); a seqpacket
 * one gets EPIPE; a send by address just looks the name up again (0). */
static int unix_dgram_other_dead(struct sock *sk, struct sock *other, bool sk_locked)
{
	int err = 0;

	unix_state_unlock(other);
	if (!sk_locked)
		unix_state_lock(sk);
	if (sk->sk_type == SOCK_SEQPACKET) {
		unix_state_unlock(sk);
		err = -EPIPE;
	} else if (unix_peer(sk) == other) {
		unix_peer(sk) = NULL;
		unix_dgram_peer_wake_disconnect_wakeup(sk, other);
		WRITE_ONCE(sk->sk_state, TCP_CLOSE);
		unix_state_unlock(sk);
		unix_dgram_disconnected(sk, other);
		sock_put(other);		/* the peer reference */
		err = -ECONNREFUSED;
	} else {
		unix_state_unlock(sk);
	}
	sock_put(other);			/* our lookup's */
	return err;
}

/* Put skb on other's queue, the checks of Linux's unix_dgram_sendmsg
 * in its order; *otherp is referenced.  Returns 0 once queued, or an
 * error; *again says to try once more instead (with *otherp NULL: look
 * the name up again). */
static int unix_dgram_queue(struct sock *sk, struct sock **otherp,
			    struct sk_buff *skb, long *timeo, bool *again)
{
	struct sock *other = *otherp;
	bool sk_locked = false;
	int err;

	*again = false;
	unix_state_lock(other);
restart_locked:
	if (!unix_may_send(sk, other)) {
		err = -EPERM;
		goto out_unlock;
	}
	if (sock_flag(other, SOCK_DEAD)) {
		*otherp = NULL;
		err = unix_dgram_other_dead(sk, other, sk_locked);
		*again = !err;
		return err;
	}
	if (other->sk_shutdown & RCV_SHUTDOWN) {
		err = -EPIPE;
		goto out_unlock;
	}
	if (other != sk && unix_peer(other) != sk && unix_recvq_full(other)) {
		if (*timeo) {
			*timeo = unix_wait_for_peer(other, *timeo);
			if (signal_pending(current))
				return sock_intr_errno(*timeo);
			*again = true;
			return 0;
		}
		if (!sk_locked) {
			unix_state_unlock(other);
			unix_state_double_lock(sk, other);
		}
		if (unix_peer(sk) != other || unix_dgram_peer_wake_me(sk, other)) {
			err = -EAGAIN;
			sk_locked = true;
			goto out_unlock;
		}
		if (!sk_locked) {
			sk_locked = true;
			goto restart_locked;
		}
	}
	if (sk_locked)
		unix_state_unlock(sk);
	maybe_add_creds(skb, sk, other);
	skb_queue_tail(&other->sk_receive_queue, skb);
	unix_state_unlock(other);
	other->sk_data_ready(other);
	return 0;
out_unlock:
	if (sk_locked)
		unix_state_unlock(sk);
	unix_state_unlock(other);
	return err;
}

ssize_t unix_dgram_sendmsg(struct socket *sock, struct msghdr *msg,
			   size_t len, int flags)
{
	struct sockaddr_un *sunaddr = (struct sockaddr_un *)msg->msg_name;
	struct sock *sk = sock->sk, *other = NULL;
	struct sk_buff *skb = NULL;
	struct scm_cookie scm;
	int err = scm_send(sock, msg, &scm);

	if (err < 0)
		return err;
	if (flags & MSG_OOB) {
		err = -EOPNOTSUPP;
		goto out;
	}
	if (msg->msg_namelen) {
		if ((err = unix_validate_addr(sunaddr, msg->msg_namelen)))
			goto out;
	} else {
		sunaddr = NULL;
		if (!(other = unix_peer_get(sk))) {
			err = -ENOTCONN;
			goto out;
		}
	}
	if (sock_flag(sk, SOCK_PASSCRED) && !READ_ONCE(unix_sk(sk)->addr) &&
	    (err = unix_autobind(sk)))
		goto out;
	if (len > (size_t)READ_ONCE(sk->sk_sndbuf) - 32) {
		err = -EMSGSIZE;
		goto out;
	}
	long timeo = sock_sndtimeo(sk, flags & MSG_DONTWAIT);
	if (!(skb = sock_alloc_send_skb(sk, len, timeo, &err)))
		goto out;
	if ((err = unix_scm_to_skb(&scm, skb, true)) < 0)
		goto out_free;
	if (memcpy_from_msg(skb->data, msg, 0, len)) {
		err = -EFAULT;
		goto out_free;
	}
	skb->len = len;
	for (bool again = true; again;) {
		if (!other) {
			if (!sunaddr) {
				err = -ECONNRESET;	/* our peer went away */
				goto out_free;
			}
			other = unix_find_other(sunaddr, msg->msg_namelen, sk->sk_type);
			if (IS_ERR(other)) {
				err = PTR_ERR(other);
				other = NULL;
				goto out_free;
			}
		}
		if ((err = unix_dgram_queue(sk, &other, skb, &timeo, &again)))
			goto out_free;
	}
	sock_put(other);
	scm_destroy(&scm);
	return len;
out_free:
	kfree_skb(skb);
out:
	if (other)
		sock_put(other);
	scm_destroy(&scm);
	return err;
}

ssize_t unix_seqpacket_sendmsg(struct socket *sock, struct msghdr *msg,
			       size_t len, int flags)
{
	struct sock *sk = sock->sk;
	int err = sock_error(sk);

	if (err)
		return err;
	if (READ_ONCE(sk->sk_state) != TCP_ESTABLISHED)
		return -ENOTCONN;
	msg->msg_namelen = 0;		/* connected: an address is ignored */
	return unix_dgram_sendmsg(sock, msg, len, flags);
}

/* --- receiving --- */

static bool unix_dgram_recv_ready(struct sock *sk)
{
	int state = READ_ONCE(sk->sk_state);

	return !skb_queue_empty(&sk->sk_receive_queue) || READ_ONCE(sk->sk_err) ||
	       (READ_ONCE(sk->sk_shutdown) & RCV_SHUTDOWN) ||
	       (sk->sk_type == SOCK_SEQPACKET && state != TCP_ESTABLISHED &&
		state != TCP_LISTEN);
}

/* Linux's __skb_wait_for_more_packets: 0 to look again, 1 at the end
 * (*err 0), or -errno (the error, ENOTCONN, a signal, EAGAIN). */
static int unix_wait_for_more_packets(struct sock *sk, long *timeo, int *err)
{
	int e = sk_wait_event(sk, timeo, unix_dgram_recv_ready(sk));

	if (e) {
		*err = e;
		return e;
	}
	if ((e = sock_error(sk)))
		goto out_err;
	if (!skb_queue_empty(&sk->sk_receive_queue))
		return 0;
	if (sk->sk_shutdown & RCV_SHUTDOWN) {
		*err = 0;
		return 1;
	}
	e = -ENOTCONN;	/* a seqpacket socket whose connection went */
out_err:
	*err = e;
	return e;
}

/* The error first, then the queue (Linux's __skb_try_recv_datagram). */
static struct sk_buff *unix_try_recv(struct sock *sk, int flags, int *err)
{
	struct sk_buff_head *queue = &sk->sk_receive_queue;
	struct sk_buff *skb;

	if ((*err = sock_error(sk)))
		return NULL;
	spin_lock(&queue->lock);
	if ((skb = skb_peek(queue))) {
		if (flags & MSG_PEEK)
			skb_get(skb);
		else
			__skb_unlink(skb, queue);
	}
	spin_unlock(&queue->lock);
	*err = skb ? 0 : -EAGAIN;
	return skb;
}

/* Called and returns with iolock held when an skb is returned. */
struct sk_buff *unix_skb_recv_datagram(struct sock *sk, int flags, long *timeo,
				       int *err)
{
	for (;;) {
		struct sk_buff *skb = unix_try_recv(sk, flags, err);
		if (skb || *err != -EAGAIN || !*timeo)
			return skb;
		if (unix_wait_for_more_packets(sk, timeo, err))
			return NULL;
	}
}

ssize_t unix_dgram_recvmsg(struct socket *sock, struct msghdr *msg,
			   size_t size, int flags)
{
	struct sock *sk = sock->sk;
	struct unix_sock *u = unix_sk(sk);
	struct scm_cookie scm = { 0 };
	int err;

	if (flags & MSG_OOB)
		return -EOPNOTSUPP;
	long timeo = sock_rcvtimeo(sk, flags & MSG_DONTWAIT);
	mutex_lock(&u->iolock);
	struct sk_buff *skb = unix_skb_recv_datagram(sk, flags, &timeo, &err);
	if (!skb) {
		mutex_unlock(&u->iolock);
		/* a non-blocking seqpacket socket whose peer is gone: EOF */
		if (sk->sk_type == SOCK_SEQPACKET && err == -EAGAIN &&
		    (READ_ONCE(sk->sk_shutdown) & RCV_SHUTDOWN))
			err = 0;
		return err;
	}
	/* room at this receiver: a sender waiting for it may go on */
	wake_up_interruptible_poll(&u->peer_wait, EPOLLOUT | EPOLLWRNORM | EPOLLWRBAND);
	unix_copy_addr(msg, skb->sk);
	if (size > skb->len)
		size = skb->len;
	else if (size < skb->len)
		msg->msg_flags |= MSG_TRUNC;
	err = skb_copy_datagram_msg(skb, 0, msg, size);
	if (!err) {
		scm.creds = UNIXCB(skb).creds;
		if (UNIXCB(skb).fp)
			(flags & MSG_PEEK ? unix_peek_fds : unix_detach_fds)(&scm, skb);
		err = flags & MSG_TRUNC ? (int)skb->len : (int)size;
		scm_recv(msg, &scm, sock_flag(sk, SOCK_PASSCRED));
	}
	kfree_skb(skb);
	mutex_unlock(&u->iolock);
	return err;
}

ssize_t unix_seqpacket_recvmsg(struct socket *sock, struct msghdr *msg,
			       size_t size, int flags)
{
	if (READ_ONCE(sock->sk->sk_state) != TCP_ESTABLISHED)
		return -ENOTCONN;
	return unix_dgram_recvmsg(sock, msg, size, flags);
}

/* --- poll --- */

__poll_t unix_dgram_poll(struct file *file, struct socket *sock, poll_table *wait)
{
	struct sock *sk = sock->sk, *other;

	sock_poll_wait(file, sock, wait);
	__poll_t mask = unix_poll_common(sk);
	/* not asked about writing: spare the peer_wake check */
	if (wait && !(wait->_key & (EPOLLOUT | EPOLLWRNORM | EPOLLWRBAND)))
		return mask;
	bool writable = unix_writable(sk);
	if (writable) {
		unix_state_lock(sk);
		other = unix_peer(sk);
		if (other && unix_peer(other) != sk && unix_recvq_full(other) &&
		    unix_dgram_peer_wake_me(sk, other))
			writable = false;
		unix_state_unlock(sk);
	}
	if (writable)
		mask |= EPOLLOUT | EPOLLWRNORM | EPOLLWRBAND;
	return mask;
}
