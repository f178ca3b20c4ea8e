/*
 * af_inet.c - the AF_INET family: creating a socket (inet_create picks
 * TCP or UDP by type and protocol; AF_INET6 sockets are made here too,
 * with net/af_inet6.c's tables), what both protocols share
 * (addresses, bind's checks, shutdown, socket options), and the
 * allocation of struct inet_sock.
 *
 * Names follow Linux's net/ipv4/af_inet.c and net/core/sock.c, so a
 * student can read the two side by side.
 *
 * LOCKING: lwip_core_lock() guards every inet_sock field and pcb (see
 * net/inet_sock.h).  User memory is copied before taking it or, for
 * getsockopt's single values, after dropping it.  Context: process
 * context, except inet_sk_alloc (also the network thread, GFP_ATOMIC).
 */
#include "kernel/cred.h"
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/mm.h"
#include "kernel/string.h"
#include "net/inet_sock.h"
#include "kernel/chaintrace.h"
#include "arch/x86_64/uaccess.h"
#include "lwip/opt.h"
#include "lwip/netif.h"
#include "lwip/tcp.h"
#include "lwip/udp.h"

#define INADDR_ANY		0u
#define SOL_SOCKET		1
#define SO_REUSEADDR		2
#define SO_TYPE			3
#define SO_ERROR		4
#define SO_SNDBUF		7
#define SO_RCVBUF		8
#define SO_KEEPALIVE		9
#define SO_LINGER		13
#define SO_REUSEPORT		15
#define SO_RCVTIMEO		20
#define SO_SNDTIMEO		21
#define SO_ACCEPTCONN		30
#define SO_PROTOCOL		38
#define SO_DOMAIN		39


struct linger {
	int l_onoff;
	int l_linger;
};

/* --- struct inet_sock --- */

static void inet_sk_destruct(struct sock *sk)
{
	chain_sock_keep(sk, false);
	kfree(inet_sk(sk));
}

struct inet_sock *inet_sk_alloc(void)
{
	struct inet_sock *isk = kzalloc(sizeof(*isk), GFP_ATOMIC);

	if (!isk)
		return NULL;
	INIT_LIST_HEAD(&isk->dgram_queue);
	INIT_LIST_HEAD(&isk->accept_queue);
	INIT_LIST_HEAD(&isk->accept_node);
	isk->sk_state = TCP_CLOSE;
	return isk;
}

void inet_sk_free(struct inet_sock *isk)
{
	chain_sock_keep(&isk->sk, false);
	kfree(isk);
}

/* Tie isk to sock (sock may be a freshly accepted one). */
void inet_sock_init(struct socket *sock, struct inet_sock *isk, int protocol)
{
	sock_init_data(sock, &isk->sk);
	isk->sk.sk_destruct = inet_sk_destruct;
	isk->sk_protocol = protocol;
	ip_sock_init(isk);
	bool tcp = protocol == IPPROTO_TCP;
	/* (an accepted child has its listener's already) */
	if (!isk->sndbuf)
		isk->sndbuf = tcp ? READ_ONCE(sysctl_tcp_wmem[1]) : READ_ONCE(sysctl_wmem_default);
	if (!isk->rcvbuf)
		isk->rcvbuf = tcp ? READ_ONCE(sysctl_tcp_rmem[1]) : READ_ONCE(sysctl_rmem_default);
}

void inet_sock_init_child(struct inet_sock *child, struct inet_sock *parent)
{
	struct sock *sk = &child->sk;

	sock_init_data(NULL, sk);	/* no socket until accept() */
	sk->sk_type = SOCK_STREAM;
	sk->sk_destruct = inet_sk_destruct;
	sk->sk_family = parent->sk.sk_family;
	child->sk_protocol = IPPROTO_TCP;
	child->ipv6only = parent->ipv6only;
	child->uc6_hops = parent->uc6_hops;
	child->mc6_hops = parent->mc6_hops;
	child->mc6_loop = parent->mc6_loop;
	child->keepalive = parent->keepalive;
	child->nodelay = parent->nodelay;
	child->keepalive_time = parent->keepalive_time;
	child->keepalive_intvl = parent->keepalive_intvl;
	child->keepalive_probes = parent->keepalive_probes;
	child->sndbuf = parent->sndbuf;
	child->rcvbuf = parent->rcvbuf;
	child->sndbuf_lock = parent->sndbuf_lock;
	child->rcvbuf_lock = parent->rcvbuf_lock;
	child->linger_onoff = parent->linger_onoff;
	child->linger_secs = parent->linger_secs;
	child->uc_ttl = parent->uc_ttl;		/* applied with the rest */
	child->tos = parent->tos;
	child->mc_ttl = parent->mc_ttl;
	child->mc_loop = parent->mc_loop;
	if (sock_flag(&parent->sk, SOCK_URGINLINE))	/* SO_OOBINLINE */
		sock_set_flag(sk, SOCK_URGINLINE);
	if (parent->sk.sk_chain_keep)
		chain_sock_keep(sk, true);
}

void inet_sock_graft(struct socket *sock, struct inet_sock *isk)
{
	sock->sk = &isk->sk;
	isk->sk.sk_socket = sock;
	isk->sk.sk_type = sock->type;
}

int inet_create(struct socket *sock, int protocol, int family)
{
	bool v6 = family == AF_INET6;
	struct inet_sock *isk;
	int err;

	switch (sock->type) {
	case SOCK_STREAM:
		if (protocol != IPPROTO_IP && protocol != IPPROTO_TCP)
			return -EPROTONOSUPPORT;
		sock->ops = v6 ? &inet6_stream_ops : &inet_stream_ops;
		protocol = IPPROTO_TCP;
		break;
	case SOCK_DGRAM:
		if (protocol != IPPROTO_IP && protocol != IPPROTO_UDP)
			return -EPROTONOSUPPORT;
		sock->ops = v6 ? &inet6_dgram_ops : &inet_dgram_ops;
		protocol = IPPROTO_UDP;
		break;
	default:
		return -ESOCKTNOSUPPORT;	/* no SOCK_RAW here (yet) */
	}
	isk = inet_sk_alloc();
	if (!isk)
		return -ENOBUFS;
	inet_sock_init(sock, isk, protocol);
	isk->uc6_hops = isk->mc6_hops = -1;
	isk->mc6_loop = true;
	lwip_core_lock();
	err = protocol == IPPROTO_TCP ? inet_tcp_sk_init(isk) : udp_sk_init(isk);
	lwip_core_unlock();
	if (err) {
		sock->sk = NULL;
		inet_sk_free(isk);
	}
	return err;
}

/* --- addresses --- */

int inet_addr_from(struct inet_sock *isk, struct sockaddr_storage *addr,
		   int len, ip_addr_t *ip, u16 *port)
{
	struct sockaddr_in *sin = (struct sockaddr_in *)addr;

	if (isk->sk.sk_family == AF_INET6)
		return inet6_addr_from(isk, addr, len, ip, port);
	if (len < (int)sizeof(struct sockaddr_in))
		return -EINVAL;
	if (sin->sin_family != AF_INET)
		return -EAFNOSUPPORT;
	ip_addr_set_ip4_u32_val(*ip, sin->sin_addr);
	*port = ntohs(sin->sin_port);
	return 0;
}

int inet_fill_addr(struct inet_sock *isk, struct sockaddr_storage *addr,
		   const ip_addr_t *ip, u16 port)
{
	struct sockaddr_in *sin = (struct sockaddr_in *)addr;

	if (isk->sk.sk_family == AF_INET6)
		return inet6_fill_addr(addr, ip, port);
	memset(sin, 0, sizeof(*sin));
	sin->sin_family = AF_INET;
	sin->sin_port = htons(port);
	sin->sin_addr = IP_IS_V4(ip) ? ip4_addr_get_u32(ip_2_ip4(ip)) : 0;
	return sizeof(*sin);
}

bool inet_addr_overlap(const ip_addr_t *x, const ip_addr_t *y)
{
	if (IP_GET_TYPE(x) != IP_GET_TYPE(y) && !IP_IS_ANY_TYPE_VAL(*x) &&
	    !IP_IS_ANY_TYPE_VAL(*y))
		return false;
	return ip_addr_isany(x) || ip_addr_isany(y) || ip_addr_cmp(x, y);
}

u8 inet_pcb_type(const struct inet_sock *isk)
{
	if (isk->sk.sk_family != AF_INET6)
		return IPADDR_TYPE_V4;
	return isk->ipv6only ? IPADDR_TYPE_V6 : IPADDR_TYPE_ANY;
}

void inet_any_addr(const struct inet_sock *isk, ip_addr_t *ip)
{
	switch (inet_pcb_type(isk)) {
	case IPADDR_TYPE_V4: ip_addr_copy(*ip, *IP4_ADDR_ANY); break;
	case IPADDR_TYPE_V6: ip_addr_copy(*ip, *IP6_ADDR_ANY); break;
	default: ip_addr_copy(*ip, *IP_ANY_TYPE);
	}
}

int inet_bind_addr(struct inet_sock *isk, ip_addr_t *ip)
{
	if (isk->sk.sk_family == AF_INET6 && IP_IS_V4(ip) && isk->ipv6only)
		return -EINVAL;		/* Linux's __inet6_bind */
	if (!inet_addr_is_local(ip))
		return -EADDRNOTAVAIL;
	if (IP_IS_V6(ip) && ip6_addr_isany(ip_2_ip6(ip)))
		inet_any_addr(isk, ip);	/* :: is both families unless V6ONLY */
	else if (IP_IS_V6(ip))
		isk->ipv6only = true;	/* an IPv6 address: IPv6's only, as Linux */
	return 0;
}

#define PROT_SOCK	1024	/* Linux's ip_unprivileged_port_start */

bool inet_port_requires_bind_service(u16 port)
{
	return port && port < PROT_SOCK && !capable(CAP_NET_BIND_SERVICE);
}

/* 127.0.0.0/8 is all ours, as on Linux's lo; otherwise an address of a
 * netif.  Lock held (the netif list). */
bool inet_addr_is_local(const ip_addr_t *ipa)
{
	struct netif *netif;

	if (IP_IS_V6(ipa))
		return inet6_addr_is_local(ip_2_ip6(ipa));
	u32 ip = ip4_addr_get_u32(ip_2_ip4(ipa));
	if (ip == INADDR_ANY || (ip & 0xff) == 127)
		return true;
	NETIF_FOREACH(netif)
		if (ip4_addr_get_u32(netif_ip4_addr(netif)) == ip)
			return true;
	return false;
}

/* --- shutdown (Linux's inet_shutdown, its states and errors) --- */

static int inet_shutdown_locked(struct socket *sock, struct inet_sock *isk, int how)
{
	int err = 0;

	if (sock->state == SS_CONNECTING)
		sock->state = isk->sk_state == TCP_SYN_SENT ? SS_DISCONNECTING
							    : SS_CONNECTED;
	switch (isk->sk_state) {
	case TCP_CLOSE:
		err = -ENOTCONN;
		isk->sk.sk_shutdown |= how;
		break;
	case TCP_LISTEN:
		if (!(how & RCV_SHUTDOWN))
			break;
		__attribute__((fallthrough));	/* stop listening */
	case TCP_SYN_SENT:
		inet_tcp_shutdown_send(isk);	/* closes the pcb in these states */
		sock->state = SS_UNCONNECTED;
		break;
	default:
		isk->sk.sk_shutdown |= how;
		if ((how & SEND_SHUTDOWN) && isk->sk_protocol == IPPROTO_TCP)
			inet_tcp_shutdown_send(isk);
	}
	return err;
}

int inet_shutdown(struct socket *sock, int how)
{
	struct inet_sock *isk = inet_sk(sock->sk);

	how++;			/* SHUT_RD -> RCV_SHUTDOWN ... */
	if ((how & ~SHUTDOWN_MASK) || !how)
		return -EINVAL;
	lwip_core_lock();
	int err = inet_shutdown_locked(sock, isk, how);
	lwip_core_unlock();
	isk->sk.sk_state_change(&isk->sk);
	return err;
}

/* --- socket options --- */

/*
 * Linux's sock_setsockopt for the buffer sizes: the value is taken as
 * unsigned, held to the sysctl ceiling (not for the FORCE options, which
 * are the administrator's), doubled (the other half is what Linux spends
 * on sk_buff bookkeeping) and raised to the floor.  The size is then the
 * user's, no longer the stack's to choose (SOCK_SNDBUF_LOCK).
 */
static void sock_set_buf(struct inet_sock *isk, int optname, int val)
{
	bool snd = optname == SO_SNDBUF || optname == SO_SNDBUFFORCE;
	bool force = optname == SO_SNDBUFFORCE || optname == SO_RCVBUFFORCE;
	/* (forced, a negative value is 0, not huge, as on Linux) */
	unsigned int v = force && val < 0 ? 0 : (unsigned int)val;

	if (optname == SO_SNDBUF)
		v = MIN(v, (unsigned int)READ_ONCE(sysctl_wmem_max));
	if (optname == SO_RCVBUF)
		v = MIN(v, (unsigned int)READ_ONCE(sysctl_rmem_max));
	v = MIN(v, 0x7fffffffu / 2);
	if (snd) {
		isk->sndbuf = MAX((int)v * 2, SOCK_MIN_SNDBUF);
		isk->sndbuf_lock = true;
	} else {
		isk->rcvbuf = MAX((int)v * 2, SOCK_MIN_RCVBUF);
		isk->rcvbuf_lock = true;
	}
}

static int sock_set_int(struct inet_sock *isk, int level, int optname, int val)
{
	if (level == IPPROTO_TCP)
		return isk->sk_protocol == IPPROTO_TCP ?
		       inet_tcp_set_int(isk, optname, val) : -ENOPROTOOPT;
	switch (optname) {
	case SO_CHAIN: chain_sock_keep(&isk->sk, val != 0); return 0;
	case SO_REUSEADDR: isk->reuseaddr = val != 0; return 0;
	case SO_REUSEPORT: isk->reuseport = val != 0; return 0;
	case SO_BROADCAST: isk->broadcast = val != 0; return 0;
	case SO_KEEPALIVE: isk->keepalive = val != 0; return 0;
	case SO_OOBINLINE:		/* TCP's urgent byte (net/tcp_urg.c) */
		if (val)
			sock_set_flag(&isk->sk, SOCK_URGINLINE);
		else
			sock_reset_flag(&isk->sk, SOCK_URGINLINE);
		return 0;
	case SO_SNDBUFFORCE:
	case SO_RCVBUFFORCE:
		if (!capable(CAP_NET_ADMIN))
			return -EPERM;
		/* fall through */
	case SO_SNDBUF:
	case SO_RCVBUF:
		sock_set_buf(isk, optname, val);
		return 0;
	}
	return -ENOPROTOOPT;
}

int sock_setsockopt(struct socket *sock, int level, int optname,
		    const void __user *optval, unsigned int optlen)
{
	struct inet_sock *isk = inet_sk(sock->sk);
	struct linger ling;
	int val, err;

	if (level == IPPROTO_IP)
		return ip_setsockopt(isk, optname, optval, optlen);
	if (level != SOL_SOCKET && level != IPPROTO_TCP)
		return -ENOPROTOOPT;
	/* The timeouts are struct sock's, as for every family (net/sock.c);
	 * the wait loops of TCP and UDP take them (sock_rcvtimeo ...). */
	if (level == SOL_SOCKET && (optname == SO_RCVTIMEO || optname == SO_SNDTIMEO))
		return sk_setsockopt(sock->sk, optname, optval, optlen);
	if (level == SOL_SOCKET && optname == SO_LINGER) {
		if (optlen < sizeof(ling))
			return -EINVAL;
		if (copy_from_user(&ling, optval, sizeof(ling)))
			return -EFAULT;
		lwip_core_lock();
		isk->linger_onoff = ling.l_onoff != 0;
		if (ling.l_onoff)
			isk->linger_secs = ling.l_linger;
		lwip_core_unlock();
		return 0;
	}
	if (optlen < sizeof(int))
		return -EINVAL;
	if (get_user(val, (const int __user *)optval))
		return -EFAULT;
	lwip_core_lock();
	err = sock_set_int(isk, level, optname, val);
	if (!err && isk->sk_protocol == IPPROTO_TCP)
		inet_tcp_apply_options(isk);
	else if (!err)
		udp_apply_options(isk);
	lwip_core_unlock();
	return err;
}

/* The value of an int option, or -ENOPROTOOPT.  Lock held. */
static int sock_get_int(struct socket *sock, int level, int optname, int *val)
{
	struct inet_sock *isk = inet_sk(sock->sk);

	if (level == IPPROTO_TCP)	/* UDP: Linux's ip_getsockopt says */
		return isk->sk_protocol == IPPROTO_TCP ?
		       inet_tcp_get_int(isk, optname, val) : -EOPNOTSUPP;
	switch (optname) {
	case SO_TYPE: *val = sock->type; return 0;
	case SO_ERROR: *val = -sock_error(&isk->sk); return 0;
	case SO_REUSEADDR: *val = isk->reuseaddr; return 0;
	case SO_REUSEPORT: *val = isk->reuseport; return 0;
	case SO_BROADCAST: *val = isk->broadcast; return 0;
	case SO_KEEPALIVE: *val = isk->keepalive; return 0;
	case SO_OOBINLINE: *val = sock_flag(&isk->sk, SOCK_URGINLINE); return 0;
	case SO_SNDBUF: *val = isk->sndbuf; return 0;
	case SO_RCVBUF: *val = isk->rcvbuf; return 0;
	case SO_ACCEPTCONN: *val = isk->sk_state == TCP_LISTEN; return 0;
	case SO_PROTOCOL: *val = isk->sk_protocol; return 0;
	case SO_DOMAIN: *val = isk->sk.sk_family; return 0;
	case SO_CHAIN: *val = isk->sk.sk_chain_keep; return 0;
	}
	return -ENOPROTOOPT;
}

int sock_getsockopt(struct socket *sock, int level, int optname,
		    void __user *optval, int __user *optlen)
{
	struct inet_sock *isk = inet_sk(sock->sk);
	struct linger ling;
	int len, val, err;

	if (level == IPPROTO_IP)
		return ip_getsockopt(isk, optname, optval, optlen);
	if (level != SOL_SOCKET && level != IPPROTO_TCP)
		return -EOPNOTSUPP;
	if (level == SOL_SOCKET && (optname == SO_RCVTIMEO || optname == SO_SNDTIMEO))
		return sk_getsockopt(sock->sk, optname, optval, optlen);
	if (get_user(len, optlen))
		return -EFAULT;
	if (len < 0)
		return -EINVAL;
	lwip_core_lock();
	ling.l_onoff = isk->linger_onoff;
	ling.l_linger = isk->linger_secs;
	err = sock_get_int(sock, level, optname, &val);
	lwip_core_unlock();
	if (level == SOL_SOCKET && optname == SO_LINGER)
		return sk_put_opt(&ling, sizeof(ling), optval, optlen, len);
	if (err)
		return err;
	return sk_put_opt(&val, sizeof(val), optval, optlen, len);
}
