/*
 * udp.c - AF_INET datagram sockets on lwIP's raw UDP API: the receive
 * callback (a datagram queued, then sk_data_ready) and the proto_ops
 * (inet_dgram_ops: udp_sendmsg, udp_recvmsg, udp_poll ...).
 *
 * Each received datagram waits as a struct udp_dgram (the pbuf and its
 * sender) until read; datagrams beyond the receive buffer (SO_RCVBUF)
 * are dropped, as Linux drops them.  A send never blocks: lwIP sends at
 * once or fails.
 *
 * LOCKING: lwip_core_lock() around the inet_sock and every lwIP call;
 * the receive callback runs with it held (network thread).  User data is
 * copied in before taking it and copied out with it dropped (the
 * user-copy rule, kernel/spinlock.h): a datagram being read is off the
 * queue, or, for MSG_PEEK, holds a pbuf reference of its own.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/mm.h"
#include "kernel/sched.h"
#include "kernel/ioctls.h"
#include "net/inet_sock.h"
#include "net/netdevice.h"
#include "arch/x86_64/uaccess.h"
#include "net/proc_net.h"
#include "lwip/opt.h"
#include "lwip/udp.h"
#include "lwip/pbuf.h"
#include "kernel/chaintrace.h"

#define UDP_MAX_PAYLOAD	65507

static void inet_udp_recv(void *arg, struct udp_pcb *pcb, struct pbuf *p,
			  const ip_addr_t *addr, u16_t port)
{
	struct inet_sock *isk = arg;
	struct udp_dgram *d;

	(void)pcb;
	trace_chain_sk(CHAIN_INET_UDP_RECV, &isk->sk, p->tot_len);
	bool room = isk->rcv_queued + p->tot_len <= (size_t)isk->rcvbuf;
	if (!room || !(d = kmalloc(sizeof(*d), GFP_ATOMIC))) {
		pbuf_free(p);		/* no room: dropped, as Linux */
		isk->sk.sk_drops++;
		if (room)
			udp_mem_errors++;	/* /proc/net/snmp's */
		else
			udp_rcvbuf_errors++;
		return;
	}
	d->p = p;
	ip_addr_copy(d->saddr, *addr);
	d->sport = port;
	list_add_tail(&d->node, &isk->dgram_queue);
	isk->rcv_queued += p->tot_len;
	isk->sk.sk_data_ready(&isk->sk);
}

int udp_sk_init(struct inet_sock *isk)
{
	struct udp_pcb *pcb = udp_new_ip_type(inet_pcb_type(isk));

	if (!pcb)
		return -ENOBUFS;
	udp_recv(pcb, inet_udp_recv, isk);
	isk->pcb.udp = pcb;
	inet6_apply_options(isk);
	ip_sock_apply(isk);
	return 0;
}

/* The inet_sock pcb works for, or NULL if it is not one of ours (the
 * kernel's own lwIP users').  Lock held. */
struct inet_sock *udp_pcb_sk(const struct udp_pcb *pcb)
{
	return pcb->recv == inet_udp_recv ? pcb->recv_arg : NULL;
}

static void udp_dgram_free(struct inet_sock *isk, struct udp_dgram *d)
{
	list_del(&d->node);
	isk->rcv_queued -= d->p->tot_len;
	pbuf_free(d->p);
	kfree(d);
}

static int udp_release(struct socket *sock)
{
	struct sock *sk = sock->sk;
	struct inet_sock *isk = inet_sk(sk);

	lwip_core_lock();
	ipv6_sock_mc_close(isk);
	udp_remove(isk->pcb.udp);
	isk->pcb.udp = NULL;
	while (!list_empty(&isk->dgram_queue))
		udp_dgram_free(isk, list_first_entry(&isk->dgram_queue,
						     struct udp_dgram, node));
	lwip_core_unlock();
	sk->sk_socket = NULL;
	sock->sk = NULL;
	sock_put(sk);
	return 0;
}

/* SO_REUSEADDR into the pcb: lwIP's udp_bind lets two pcbs share a
 * port when both have it, as Linux's UDP does.  Lock held. */
void udp_apply_options(struct inet_sock *isk)
{
	if (!isk->pcb.udp)
		return;
	if (isk->reuseaddr)
		ip_set_option(isk->pcb.udp, SOF_REUSEADDR);
	else
		ip_reset_option(isk->pcb.udp, SOF_REUSEADDR);
}

/* Bind to ip:port (port 0: any).  Lock held. */
static int udp_do_bind(struct inet_sock *isk, const ip_addr_t *ip, u16 port)
{
	udp_apply_options(isk);
	if (udp_bind(isk->pcb.udp, ip, port) != ERR_OK)
		return -EADDRINUSE;
	isk->bound = true;
	ip_addr_copy(isk->saddr, *ip);
	isk->sport = isk->pcb.udp->local_port;
	return 0;
}

static int udp_inet_bind(struct socket *sock, struct sockaddr_storage *addr, int len)
{
	struct inet_sock *isk = inet_sk(sock->sk);
	ip_addr_t ip;
	u16 port;
	int err = inet_addr_from(isk, addr, len, &ip, &port);

	if (err)
		return err;
	lwip_core_lock();
	if ((err = inet_bind_addr(isk, &ip)))
		;
	else if (inet_port_requires_bind_service(port))
		err = -EACCES;
	else if (isk->bound)
		err = -EINVAL;
	else
		err = udp_do_bind(isk, &ip, port);
	lwip_core_unlock();
	return err;
}

/*
 * A destination for connect or sendto.  An AF_INET6 socket takes an
 * AF_INET address too (Linux's ip6_datagram_connect and udpv6_sendmsg
 * hand it to IPv4), and ::ffff:a.b.c.d as IPv4; a V6ONLY socket refuses
 * both (connect: EAFNOSUPPORT for the one, ENETUNREACH for the other,
 * as Linux).  :: means the loopback, as Linux's "BSD'ism".  Lock held.
 */
static int udp_dest_addr(struct inet_sock *isk, struct sockaddr_storage *addr,
			 int len, ip_addr_t *ip, u16 *port, bool connect)
{
	int err;

	if (isk->sk.sk_family == AF_INET6 && !connect && len >= 2 &&
	    addr->ss_family != AF_INET6 && addr->ss_family != AF_INET)
		return -EINVAL;		/* (udpv6_sendmsg's answer) */
	if (isk->sk.sk_family == AF_INET6 && len >= 2 &&
	    addr->ss_family == AF_INET) {
		if (isk->ipv6only)
			return connect ? -EAFNOSUPPORT : -ENETUNREACH;
		isk->sk.sk_family = AF_INET;	/* parse it as IPv4 */
		err = inet_addr_from(isk, addr, len, ip, port);
		isk->sk.sk_family = AF_INET6;
		return err;
	}
	if ((err = inet_addr_from(isk, addr, len, ip, port)))
		return err;
	return inet6_dest_addr(isk, ip);
}

/*
 * connect also binds a socket that has no address yet to the source
 * address its route gives (Linux's ip4_datagram_connect and
 * ip6_datagram_connect set the receive address too), so getsockname
 * names it and only datagrams to it are taken; disconnect gives back
 * the address bind gave, or any.  Lock held.
 */
static void udp_set_source(struct inet_sock *isk, const ip_addr_t *dst)
{
	struct udp_pcb *pcb = isk->pcb.udp;

	if (!ip_addr_isany(&pcb->local_ip))
		return;
	struct netif *netif = ip_route(&pcb->local_ip, dst);
	const ip_addr_t *src = netif ? ip_netif_get_local_ip(netif, dst) : NULL;
	if (src)
		ip_addr_copy(pcb->local_ip, *src);
}

static void udp_reset_source(struct inet_sock *isk)
{
	if (ip_addr_isany(&isk->saddr))
		inet_any_addr(isk, &isk->pcb.udp->local_ip);
	else
		ip_addr_copy(isk->pcb.udp->local_ip, isk->saddr);
}

/* Linux's ip4_datagram_connect: sets the default peer; AF_UNSPEC
 * forgets it. */
static int inet_dgram_connect(struct socket *sock, struct sockaddr_storage *addr,
			      int len, int flags)
{
	struct inet_sock *isk = inet_sk(sock->sk);
	ip_addr_t ip;
	u16 port;
	int err = 0;

	(void)flags;
	if (len < 2)
		return -EINVAL;
	lwip_core_lock();
	if (addr->ss_family == AF_UNSPEC) {
		udp_disconnect(isk->pcb.udp);
		udp_reset_source(isk);
		isk->sk_state = TCP_CLOSE;
		sock->state = SS_UNCONNECTED;
	} else if (!(err = udp_dest_addr(isk, addr, len, &ip, &port, true))) {
		if (udp_connect(isk->pcb.udp, &ip, port) != ERR_OK) {
			err = -EADDRINUSE;
		} else {
			if (!isk->bound)	/* udp_connect bound it to any */
				inet_any_addr(isk, &isk->saddr);
			isk->bound = true;
			udp_set_source(isk, &ip);
			isk->sport = isk->pcb.udp->local_port;
			ip_addr_copy(isk->daddr, ip);
			isk->dport = port;
			isk->sk_state = TCP_ESTABLISHED;
			sock->state = SS_CONNECTED;
		}
	}
	lwip_core_unlock();
	return err;
}

static int udp_getname(struct socket *sock, struct sockaddr_storage *addr, int peer)
{
	struct inet_sock *isk = inet_sk(sock->sk);
	int len;

	lwip_core_lock();
	if (peer)
		len = isk->sk_state != TCP_ESTABLISHED ? -ENOTCONN :
		      inet_fill_addr(isk, addr, &isk->daddr, isk->dport);
	else
		len = inet_fill_addr(isk, addr, &isk->pcb.udp->local_ip,
				     isk->pcb.udp->local_port);
	lwip_core_unlock();
	return len;
}

/* Linux's datagram_poll for a connectionless socket. */
static __poll_t udp_poll(struct file *file, struct socket *sock, poll_table *wait)
{
	struct inet_sock *isk = inet_sk(sock->sk);
	__poll_t mask = EPOLLOUT | EPOLLWRNORM | EPOLLWRBAND;

	sock_poll_wait(file, sock, wait);
	lwip_core_lock();
	if (isk->sk.sk_err)
		mask |= EPOLLERR;
	if (isk->sk.sk_shutdown & RCV_SHUTDOWN)
		mask |= EPOLLRDHUP | EPOLLIN | EPOLLRDNORM;
	if (isk->sk.sk_shutdown == SHUTDOWN_MASK)
		mask |= EPOLLHUP;
	if (!list_empty(&isk->dgram_queue))
		mask |= EPOLLIN | EPOLLRDNORM;
	lwip_core_unlock();
	return mask;
}

/* Send a datagram already in kbuf.  Lock held. */
static int udp_send_locked(struct inet_sock *isk, const void *kbuf, size_t len,
			   struct sockaddr_storage *to, int tolen)
{
	ip_addr_t ip, any;
	u16 port;
	err_t e;

	if (to) {
		int err = udp_dest_addr(isk, to, tolen, &ip, &port, false);
		if (err)
			return err;
	} else if (isk->sk_state != TCP_ESTABLISHED) {
		return -EDESTADDRREQ;
	}
	if (isk->sk.sk_shutdown & SEND_SHUTDOWN)
		return -EPIPE;
	inet_any_addr(isk, &any);
	if (!isk->bound && udp_do_bind(isk, &any, 0))
		return -EAGAIN;		/* no free port (Linux: EAGAIN) */
	struct pbuf *p = pbuf_alloc(PBUF_TRANSPORT, len, PBUF_RAM);
	if (!p)
		return -ENOBUFS;
	pbuf_take(p, kbuf, len);
	net_copy_count(COPY_SOCK_TO_STACK, len);
	if (to) {
		e = udp_sendto(isk->pcb.udp, p, &ip, port);
	} else {
		e = udp_send(isk->pcb.udp, p);
	}
	pbuf_free(p);
	if (e == ERR_RTE)
		return -ENETUNREACH;
	if (e == ERR_VAL)
		return -EMSGSIZE;	/* over the MTU: no fragmentation here */
	return e == ERR_OK ? (int)len : -ENOBUFS;
}

static ssize_t udp_sendmsg(struct socket *sock, struct msghdr *msg, size_t len,
			   int flags)
{
	struct inet_sock *isk = inet_sk(sock->sk);
	int err;

	if (flags & MSG_OOB)
		return -EOPNOTSUPP;
	if (len > UDP_MAX_PAYLOAD)
		return -EMSGSIZE;
	char *kbuf = kmalloc(len ? len : 1, GFP_KERNEL);
	if (!kbuf)
		return -ENOBUFS;
	if (memcpy_from_msg(kbuf, msg, 0, len)) {
		kfree(kbuf);
		return -EFAULT;
	}
	lwip_core_lock();
	err = udp_send_locked(isk, kbuf, len, msg->msg_name, msg->msg_namelen);
	lwip_core_unlock();
	kfree(kbuf);
	return err;
}

static bool udp_recv_ready(struct inet_sock *isk)
{
	return !list_empty(&isk->dgram_queue) || READ_ONCE(isk->sk.sk_err) ||
	       (READ_ONCE(isk->sk.sk_shutdown) & RCV_SHUTDOWN);
}

/* Copy the oldest datagram out (cut to len, MSG_TRUNC), and drop it
 * unless peeking (a datagram that faults is dropped too, as in Linux).
 * Called and returns with the lock held, queue not empty; drops it for
 * the copy. */
static ssize_t udp_take(struct inet_sock *isk, struct msghdr *msg, size_t len,
			int flags)
{
	struct udp_dgram *d = list_first_entry(&isk->dgram_queue, struct udp_dgram, node);
	struct pbuf *p = d->p;
	size_t size = p->tot_len, n = MIN(len, size), off = 0;
	ssize_t ret = (flags & MSG_TRUNC) ? (ssize_t)size : (ssize_t)n;

	if (n < size)
		msg->msg_flags |= MSG_TRUNC;
	if (msg->msg_name)
		msg->msg_namelen = inet_fill_addr(isk, msg->msg_name, &d->saddr, d->sport);
	pbuf_ref(p);			/* ours while the lock is dropped */
	if (!(flags & MSG_PEEK))
		udp_dgram_free(isk, d);
	lwip_core_unlock();
	for (struct pbuf *q = p; q && off < n; q = q->next) {
		size_t chunk = MIN(n - off, (size_t)q->len);
		if (memcpy_to_msg(msg, off, q->payload, chunk)) {
			ret = -EFAULT;
			break;
		}
		off += chunk;
	}
	lwip_core_lock();
	pbuf_free(p);
	return ret;
}

static ssize_t udp_recvmsg(struct socket *sock, struct msghdr *msg, size_t len,
			   int flags)
{
	struct inet_sock *isk = inet_sk(sock->sk);
	ssize_t ret;

	if (flags & MSG_OOB)
		return -EOPNOTSUPP;
	long timeo = sock_rcvtimeo(&isk->sk, flags & MSG_DONTWAIT);	/* SO_RCVTIMEO */
	lwip_core_lock();
	for (;;) {
		if (!list_empty(&isk->dgram_queue)) {
			ret = udp_take(isk, msg, len, flags);
			break;
		}
		if ((ret = sock_error(&isk->sk)))
			break;
		if (isk->sk.sk_shutdown & RCV_SHUTDOWN) {
			ret = 0;
			break;
		}
		if (!timeo) {
			ret = -EAGAIN;
			break;
		}
		lwip_core_unlock();
		ret = sk_wait_event(&isk->sk, &timeo, udp_recv_ready(isk));
		lwip_core_lock();
		if (ret)
			break;
	}
	lwip_core_unlock();
	return ret;
}

static long udp_ioctl(struct socket *sock, unsigned int cmd, unsigned long arg)
{
	struct inet_sock *isk = inet_sk(sock->sk);
	int n = 0;

	if (cmd != FIONREAD)
		return -ENOTTY;
	lwip_core_lock();
	if (!list_empty(&isk->dgram_queue))	/* Linux: the next datagram */
		n = list_first_entry(&isk->dgram_queue, struct udp_dgram, node)->p->tot_len;
	lwip_core_unlock();
	return put_user(n, (int __user *)arg);
}

static int udp_listen(struct socket *sock, int backlog)
{
	(void)sock, (void)backlog;
	return -EOPNOTSUPP;
}

static int udp_accept(struct socket *sock, struct socket *newsock, int flags)
{
	(void)sock, (void)newsock, (void)flags;
	return -EOPNOTSUPP;
}

const struct proto_ops inet_dgram_ops = {
	.family = AF_INET,		/* (inet6_dgram_ops: AF_INET6) */
	.release = udp_release,
	.bind = udp_inet_bind,
	.connect = inet_dgram_connect,
	.accept = udp_accept,
	.getname = udp_getname,
	.poll = udp_poll,
	.ioctl = udp_ioctl,
	.listen = udp_listen,
	.shutdown = inet_shutdown,
	.setsockopt = sock_setsockopt,
	.getsockopt = sock_getsockopt,
	.sendmsg = udp_sendmsg,
	.recvmsg = udp_recvmsg,
};
