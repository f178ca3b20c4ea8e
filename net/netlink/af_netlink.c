/*
 * af_netlink.c - AF_NETLINK sockets (Linux's net/netlink/af_netlink.c):
 * port ids (bind, autobind, the port table), sending to the kernel or
 * to another socket by port id, and reading the datagrams queued for a
 * socket.  What the kernel answers is rtnetlink's (net/rtnetlink.c).
 *
 * Port ids: bind to one (EADDRINUSE if taken) or to 0, which picks one
 * as Linux's netlink_autobind does: the process's pid for its first
 * socket, then negative numbers from -4096 down.  A send or connect
 * from an unbound socket autobinds it.
 *
 * LOCKING: nl_table_lock (a spinlock, never held across a copy or an
 * allocation that sleeps) guards the port table and the bind state.
 * The receive queue has its own lock (skbuff.h); rmem is updated
 * atomically.  Data is copied from user space into a kernel buffer
 * before any lock, and out of a dequeued skb with none held.
 * Context: process context.
 */
#include "kernel/kernel.h"
#include "kernel/cred.h"
#include "kernel/errno.h"
#include "kernel/mm.h"
#include "kernel/sched.h"
#include "kernel/string.h"
#include "net/netlink/af_netlink.h"
#include "arch/x86_64/uaccess.h"

static DEFINE_SPINLOCK(nl_table_lock);
static LIST_HEAD(nl_table);		/* bound netlink_socks */
static s32 nl_rover = -4096;		/* the next negative port id to try */

static const struct proto_ops netlink_ops;

/* The bound socket with this port id; nl_table_lock held. */
static struct netlink_sock *netlink_lookup(u32 portid)
{
	struct netlink_sock *nlk;

	list_for_each_entry(nlk, &nl_table, node)
		if (nlk->portid == portid)
			return nlk;
	return NULL;
}

/* Bind nlk to portid (0: pick one); -EADDRINUSE, or -EINVAL if it is
 * bound to another already. */
static int netlink_insert(struct netlink_sock *nlk, u32 portid)
{
	int err = 0;

	spin_lock(&nl_table_lock);
	if (nlk->bound) {
		err = portid && portid != nlk->portid ? -EINVAL : 0;
		goto out;
	}
	if (!portid) {
		portid = (u32)current->tgid;
		while (netlink_lookup(portid)) {
			portid = (u32)nl_rover--;
			if (nl_rover > -4096)
				nl_rover = -4096;
		}
	} else if (netlink_lookup(portid)) {
		err = -EADDRINUSE;
		goto out;
	}
	nlk->portid = portid;
	nlk->bound = true;
	list_add(&nlk->node, &nl_table);
out:
	spin_unlock(&nl_table_lock);
	return err;
}

static int netlink_autobind(struct netlink_sock *nlk)
{
	return netlink_insert(nlk, 0);
}

static void netlink_sock_destruct(struct sock *sk)
{
	skb_queue_purge(&sk->sk_receive_queue);
	kfree(nlk_sk(sk));
}

int netlink_create(struct socket *sock, int protocol)
{
	if (sock->type != SOCK_RAW && sock->type != SOCK_DGRAM)
		return -ESOCKTNOSUPPORT;
	if (protocol != NETLINK_ROUTE)	/* the only kernel side here */
		return -EPROTONOSUPPORT;
	struct netlink_sock *nlk = kzalloc(sizeof(*nlk), GFP_KERNEL);
	if (!nlk)
		return -ENOMEM;
	sock->ops = &netlink_ops;
	sock_init_data(sock, &nlk->sk);
	nlk->sk.sk_protocol = protocol;
	nlk->sk.sk_destruct = netlink_sock_destruct;
	INIT_LIST_HEAD(&nlk->node);
	return 0;
}

static int netlink_release(struct socket *sock)
{
	struct sock *sk = sock->sk;
	struct netlink_sock *nlk = nlk_sk(sk);

	spin_lock(&nl_table_lock);
	if (nlk->bound)
		list_del(&nlk->node);
	nlk->bound = false;
	spin_unlock(&nl_table_lock);
	sock_set_flag(sk, SOCK_DEAD);
	sk->sk_socket = NULL;
	sock->sk = NULL;
	sock_put(sk);
	return 0;
}

/* An address from bind, connect or sendto: Linux's checks. */
static int netlink_addr_check(struct sockaddr_storage *addr, int len)
{
	if (len < (int)sizeof(struct sockaddr_nl))
		return -EINVAL;
	if (addr->ss_family != AF_NETLINK)
		return -EINVAL;
	return 0;
}

static int netlink_bind(struct socket *sock, struct sockaddr_storage *addr, int len)
{
	struct netlink_sock *nlk = nlk_sk(sock->sk);
	struct sockaddr_nl *nladdr = (struct sockaddr_nl *)addr;
	int err = netlink_addr_check(addr, len);

	if (err)
		return err;
	err = netlink_insert(nlk, nladdr->nl_pid);
	if (!err)
		WRITE_ONCE(nlk->groups, nladdr->nl_groups);
	return err;
}

static int netlink_connect(struct socket *sock, struct sockaddr_storage *addr,
			   int len, int flags)
{
	struct netlink_sock *nlk = nlk_sk(sock->sk);
	struct sockaddr_nl *nladdr = (struct sockaddr_nl *)addr;

	(void)flags;
	if (len < (int)sizeof(addr->ss_family))
		return -EINVAL;
	if (addr->ss_family == AF_UNSPEC) {
		WRITE_ONCE(nlk->dst_portid, 0);
		WRITE_ONCE(nlk->dst_group, 0);
		return 0;
	}
	int err = netlink_addr_check(addr, len);
	if (!err)
		err = netlink_autobind(nlk);
	if (!err) {
		WRITE_ONCE(nlk->dst_portid, nladdr->nl_pid);
		WRITE_ONCE(nlk->dst_group, nladdr->nl_groups ?
			   (u32)__builtin_ffs(nladdr->nl_groups) : 0);
	}
	return err;
}

static int netlink_getname(struct socket *sock, struct sockaddr_storage *addr, int peer)
{
	struct netlink_sock *nlk = nlk_sk(sock->sk);
	struct sockaddr_nl *nladdr = (struct sockaddr_nl *)addr;

	memset(nladdr, 0, sizeof(*nladdr));
	nladdr->nl_family = AF_NETLINK;
	if (peer) {
		nladdr->nl_pid = READ_ONCE(nlk->dst_portid);
		u32 group = READ_ONCE(nlk->dst_group);
		nladdr->nl_groups = group ? 1u << (group - 1) : 0;
	} else {
		spin_lock(&nl_table_lock);
		nladdr->nl_pid = nlk->portid;
		spin_unlock(&nl_table_lock);
		nladdr->nl_groups = READ_ONCE(nlk->groups);
	}
	return sizeof(*nladdr);
}

/* --- delivery --- */

/* Queue data as one datagram from portid for nlk's reader. */
static int netlink_deliver(struct netlink_sock *nlk, u32 portid, const void *data,
			   unsigned int len)
{
	struct sock *sk = &nlk->sk;

	if (READ_ONCE(nlk->rmem) + (long)len > READ_ONCE(sk->sk_rcvbuf)) {
		WRITE_ONCE(sk->sk_err, ENOBUFS);	/* Linux's netlink_overrun */
		sk->sk_data_ready(sk);
		return -ENOBUFS;
	}
	struct sk_buff *skb = alloc_skb(len);
	if (!skb)
		return -ENOBUFS;
	skb_put_data(skb, data, len);
	memcpy(skb->cb, &portid, sizeof(portid));	/* NETLINK_CB(skb).portid */
	__atomic_add_fetch(&nlk->rmem, (long)len, __ATOMIC_RELAXED);
	skb_queue_tail(&sk->sk_receive_queue, skb);
	sk->sk_data_ready(sk);
	return 0;
}

int netlink_unicast_kernel(struct netlink_sock *nlk, const void *data, unsigned int len)
{
	return netlink_deliver(nlk, 0, data, len);
}

void netlink_ack(struct netlink_sock *nlk, const struct nlmsghdr *nlh, int err)
{
	/* An error echoes the whole request, an ack only its header
	 * (NLM_F_CAPPED), as does any answer with NETLINK_CAP_ACK set. */
	bool capped = !err || (READ_ONCE(nlk->flags) & (1UL << NETLINK_CAP_ACK));
	unsigned int echo = capped ? sizeof(*nlh) : nlh->nlmsg_len;
	unsigned int len = NLMSG_LENGTH(sizeof(int) + echo);
	struct nlmsghdr *rep = kzalloc(NLMSG_ALIGN(len), GFP_KERNEL);

	if (!rep)
		return;
	rep->nlmsg_len = len;
	rep->nlmsg_type = NLMSG_ERROR;
	rep->nlmsg_flags = capped ? NLM_F_CAPPED : 0;
	rep->nlmsg_seq = nlh->nlmsg_seq;
	rep->nlmsg_pid = nlk->portid;
	struct nlmsgerr *e = (struct nlmsgerr *)((char *)rep + NLMSG_HDRLEN);
	e->error = err;
	memcpy(&e->msg, nlh, echo);
	netlink_unicast_kernel(nlk, rep, NLMSG_ALIGN(len));
	kfree(rep);
}

/* Linux's netlink_rcv_skb: each message of a request in turn.  Only
 * requests are answered; control types are only acked. */
static void netlink_rcv(struct netlink_sock *nlk, const char *buf, size_t len)
{
	while (len >= NLMSG_HDRLEN) {
		const struct nlmsghdr *nlh = (const void *)buf;
		int err = 0;

		if (nlh->nlmsg_len < NLMSG_HDRLEN || len < nlh->nlmsg_len)
			return;
		if ((nlh->nlmsg_flags & NLM_F_REQUEST) && nlh->nlmsg_type >= NLMSG_MIN_TYPE)
			err = rtnetlink_rcv_msg(nlk, nlh);
		if (err != -EINTR && ((nlh->nlmsg_flags & NLM_F_ACK) || err))
			netlink_ack(nlk, nlh, err);
		size_t msglen = NLMSG_ALIGN(nlh->nlmsg_len);
		if (msglen > len)
			msglen = len;
		buf += msglen;
		len -= msglen;
		cond_resched();
	}
}

static ssize_t netlink_sendmsg(struct socket *sock, struct msghdr *msg, size_t len,
			       int flags)
{
	struct netlink_sock *nlk = nlk_sk(sock->sk);
	u32 dst_portid;
	int err;

	if (flags & MSG_OOB)
		return -EOPNOTSUPP;
	if (msg->msg_name) {
		err = netlink_addr_check(msg->msg_name, msg->msg_namelen);
		if (err)
			return err;
		dst_portid = ((struct sockaddr_nl *)msg->msg_name)->nl_pid;
	} else {
		dst_portid = READ_ONCE(nlk->dst_portid);
	}
	if ((err = netlink_autobind(nlk)))
		return err;
	if (len > (size_t)READ_ONCE(nlk->sk.sk_sndbuf) - 32)
		return -EMSGSIZE;
	char *kbuf = kmalloc(len ? len : 1, GFP_KERNEL);
	if (!kbuf)
		return -ENOBUFS;
	if (memcpy_from_msg(kbuf, msg, 0, len)) {
		kfree(kbuf);
		return -EFAULT;
	}
	if (!dst_portid) {
		netlink_rcv(nlk, kbuf, len);
		err = 0;
	} else {
		/* To another socket: find it, and hold it while we queue. */
		spin_lock(&nl_table_lock);
		struct netlink_sock *dst = netlink_lookup(dst_portid);
		if (dst)
			sock_hold(&dst->sk);
		spin_unlock(&nl_table_lock);
		err = dst ? netlink_deliver(dst, nlk->portid, kbuf, len) : -ECONNREFUSED;
		if (dst)
			sock_put(&dst->sk);
	}
	kfree(kbuf);
	return err ? err : (ssize_t)len;
}

static bool netlink_recv_ready(struct sock *sk)
{
	return !skb_queue_empty(&sk->sk_receive_queue) || READ_ONCE(sk->sk_err) ||
	       (READ_ONCE(sk->sk_shutdown) & RCV_SHUTDOWN);
}

/* The next datagram (left queued with MSG_PEEK, with a reference of
 * our own), waiting for one as the socket's time-out says. */
static struct sk_buff *netlink_recv_datagram(struct sock *sk, int flags, int *err)
{
	long timeo = sock_rcvtimeo(sk, flags & MSG_DONTWAIT);

	for (;;) {
		struct sk_buff_head *q = &sk->sk_receive_queue;
		struct sk_buff *skb;

		spin_lock(&q->lock);
		skb = skb_peek(q);
		if (skb) {
			if (flags & MSG_PEEK)
				skb_get(skb);
			else
				__skb_unlink(skb, q);
		}
		spin_unlock(&q->lock);
		if (skb)
			return skb;
		if ((*err = sock_error(sk)))
			return NULL;
		if (READ_ONCE(sk->sk_shutdown) & RCV_SHUTDOWN) {
			*err = 0;
			return NULL;
		}
		if (!timeo) {
			*err = -EAGAIN;
			return NULL;
		}
		if ((*err = sk_wait_event(sk, &timeo, netlink_recv_ready(sk))))
			return NULL;
	}
}

static ssize_t netlink_recvmsg(struct socket *sock, struct msghdr *msg, size_t len,
			       int flags)
{
	struct sock *sk = sock->sk;
	struct netlink_sock *nlk = nlk_sk(sk);
	int err;

	if (flags & MSG_OOB)
		return -EOPNOTSUPP;
	struct sk_buff *skb = netlink_recv_datagram(sk, flags, &err);
	if (!skb)
		return err;
	if (!(flags & MSG_PEEK))
		__atomic_sub_fetch(&nlk->rmem, (long)skb->len, __ATOMIC_RELAXED);
	size_t copied = skb->len;
	if (len < copied) {
		msg->msg_flags |= MSG_TRUNC;
		copied = len;
	}
	if (msg->msg_name) {
		struct sockaddr_nl *nladdr = (struct sockaddr_nl *)msg->msg_name;
		memset(nladdr, 0, sizeof(*nladdr));
		nladdr->nl_family = AF_NETLINK;
		memcpy(&nladdr->nl_pid, skb->cb, sizeof(u32));
		msg->msg_namelen = sizeof(*nladdr);
	}
	err = skb_copy_datagram_msg(skb, 0, msg, copied);
	ssize_t ret = err ? err : (flags & MSG_TRUNC) ? (ssize_t)skb->len : (ssize_t)copied;
	kfree_skb(skb);
	return ret;
}

static __poll_t netlink_poll(struct file *file, struct socket *sock, poll_table *wait)
{
	struct sock *sk = sock->sk;
	__poll_t mask = EPOLLOUT | EPOLLWRNORM | EPOLLWRBAND;

	sock_poll_wait(file, sock, wait);
	if (READ_ONCE(sk->sk_err))
		mask |= EPOLLERR;
	if (!skb_queue_empty(&sk->sk_receive_queue))
		mask |= EPOLLIN | EPOLLRDNORM;
	if (READ_ONCE(sk->sk_shutdown) & RCV_SHUTDOWN)
		mask |= EPOLLRDHUP | EPOLLIN | EPOLLRDNORM;
	if (READ_ONCE(sk->sk_shutdown) == SHUTDOWN_MASK)
		mask |= EPOLLHUP;
	return mask;
}

/* SOL_NETLINK: the boolean options kept as flags; the memberships
 * (no group ever has a message here) are accepted and remembered. */
static bool netlink_flag_opt(int optname)
{
	switch (optname) {
	case NETLINK_PKTINFO: case NETLINK_BROADCAST_ERROR: case NETLINK_NO_ENOBUFS:
	case NETLINK_LISTEN_ALL_NSID: case NETLINK_CAP_ACK: case NETLINK_EXT_ACK:
	case NETLINK_GET_STRICT_CHK:
		return true;
	}
	return false;
}

static int netlink_setsockopt(struct socket *sock, int level, int optname,
			      const void __user *optval, unsigned int optlen)
{
	struct netlink_sock *nlk = nlk_sk(sock->sk);
	int val;

	if (level == SOL_SOCKET)
		return sk_setsockopt(sock->sk, optname, optval, optlen);
	if (level != SOL_NETLINK)
		return -ENOPROTOOPT;
	if (optlen < sizeof(int))
		return -EINVAL;
	if (get_user(val, (const int __user *)optval))
		return -EFAULT;
	if (optname == NETLINK_ADD_MEMBERSHIP || optname == NETLINK_DROP_MEMBERSHIP) {
		if (val < 1 || val > 32)
			return val ? -EINVAL : 0;
		if (optname == NETLINK_ADD_MEMBERSHIP)
			__atomic_or_fetch(&nlk->groups, 1u << (val - 1), __ATOMIC_RELAXED);
		else
			__atomic_and_fetch(&nlk->groups, ~(1u << (val - 1)), __ATOMIC_RELAXED);
		return 0;
	}
	if (!netlink_flag_opt(optname))
		return -ENOPROTOOPT;
	if (val)
		__atomic_or_fetch(&nlk->flags, 1UL << optname, __ATOMIC_RELAXED);
	else
		__atomic_and_fetch(&nlk->flags, ~(1UL << optname), __ATOMIC_RELAXED);
	return 0;
}

static int netlink_getsockopt(struct socket *sock, int level, int optname,
			      void __user *optval, int __user *optlen)
{
	struct netlink_sock *nlk = nlk_sk(sock->sk);
	int len;

	if (level == SOL_SOCKET)
		return sk_getsockopt(sock->sk, optname, optval, optlen);
	if (level != SOL_NETLINK)
		return -ENOPROTOOPT;
	if (!netlink_flag_opt(optname))
		return -ENOPROTOOPT;
	if (get_user(len, optlen))
		return -EFAULT;
	if (len < (int)sizeof(int))
		return -EINVAL;
	int val = !!(READ_ONCE(nlk->flags) & (1UL << optname));
	if (put_user(val, (int __user *)optval) || put_user((int)sizeof(int), optlen))
		return -EFAULT;
	return 0;
}

static int netlink_shutdown(struct socket *sock, int how)
{
	(void)sock, (void)how;
	return -EOPNOTSUPP;
}

static const struct proto_ops netlink_ops = {
	.family = AF_NETLINK,
	.release = netlink_release,
	.bind = netlink_bind,
	.connect = netlink_connect,
	.getname = netlink_getname,
	.poll = netlink_poll,
	.shutdown = netlink_shutdown,
	.setsockopt = netlink_setsockopt,
	.getsockopt = netlink_getsockopt,
	.sendmsg = netlink_sendmsg,
	.recvmsg = netlink_recvmsg,
};
