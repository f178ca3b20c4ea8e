/*
 * af_inet6.c - the AF_INET6 family: struct sockaddr_in6 in and out, the
 * IPPROTO_IPV6 socket options, and the two proto_ops tables, which are
 * AF_INET's (net/tcp.c, net/udp.c) with the family and the options
 * changed.  The sockets themselves are AF_INET's struct inet_sock over
 * lwIP's dual-stack pcbs (lwipopts.h: LWIP_IPV6).
 *
 * Dual stack, as Linux's IPV6_V6ONLY 0 (the default): an AF_INET6 socket
 * gets a pcb of lwIP's IPADDR_TYPE_ANY, which takes IPv4 and IPv6 alike;
 * bound to :: it stays so, bound to an IPv6 address or with V6ONLY set
 * it is IPv6 only, bound to ::ffff:a.b.c.d it is IPv4.  lwIP keeps an
 * IPv4 peer's address as IPv4; the user sees it mapped, ::ffff:a.b.c.d
 * (inet6_fill_addr), and a mapped address the user gives is IPv4 to
 * lwIP (inet6_addr_from).
 *
 * Names follow Linux's net/ipv6/af_inet6.c and ipv6_sockglue.c.
 *
 * LOCKING: as net/af_inet.c: lwip_core_lock() for every inet_sock field
 * and pcb; user memory is copied before taking it or after dropping it.
 * Context: process context.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/mm.h"
#include "kernel/string.h"
#include "net/inet_sock.h"
#include "arch/x86_64/uaccess.h"
#include "lwip/netif.h"
#include "lwip/tcp.h"
#include "lwip/udp.h"
#include "lwip/mld6.h"

#define SIN6_LEN_RFC2133	24	/* a sockaddr_in6 without sin6_scope_id */
#define IPV6_DEFAULT_HOPLIMIT	64	/* Linux's devconf hop_limit */
#define IPV6_DEFAULT_MCASTHOPS	1

struct proto_ops inet6_stream_ops, inet6_dgram_ops;

/* --- addresses --- */

/* The lo or eth0 index a link-local address of ours is on (there are no
 * zones in lwIP here: lwipopts.h). */
static u32 inet6_addr_ifindex(const ip6_addr_t *a)
{
	struct netif *netif;

	if (!ip6_addr_islinklocal(a))
		return 0;
	NETIF_FOREACH(netif)
		if (netif_get_ip6_addr_match(netif, a) >= 0)
			return netif_get_index(netif);
	netif = netif_default;
	return netif ? netif_get_index(netif) : 0;
}

int inet6_addr_from(struct inet_sock *isk, struct sockaddr_storage *addr,
		    int len, ip_addr_t *ip, u16 *port)
{
	struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)addr;
	ip6_addr_t a;

	(void)isk;
	if (len < SIN6_LEN_RFC2133)
		return -EINVAL;
	if (sin6->sin6_family != AF_INET6)
		return -EAFNOSUPPORT;
	memcpy(a.addr, sin6->sin6_addr.s6_addr, 16);
	*port = ntohs(sin6->sin6_port);
	if (ip6_addr_isipv4mappedipv6(&a)) {
		ip_addr_set_ip4_u32_val(*ip, a.addr[3]);
		return 0;
	}
	if (len >= (int)sizeof(*sin6) && sin6->sin6_scope_id &&
	    ip6_addr_islinklocal(&a) &&
	    !netif_get_by_index((u8)MIN(sin6->sin6_scope_id, 255u)))
		return -ENODEV;		/* no such interface */
	ip_addr_copy_from_ip6(*ip, a);
	return 0;
}

int inet6_fill_addr(struct sockaddr_storage *addr, const ip_addr_t *ip, u16 port)
{
	struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)addr;

	memset(sin6, 0, sizeof(*sin6));
	sin6->sin6_family = AF_INET6;
	sin6->sin6_port = htons(port);
	if (IP_IS_V4(ip)) {		/* ::ffff:a.b.c.d, unless 0.0.0.0 */
		u32 v4 = ip4_addr_get_u32(ip_2_ip4(ip));
		if (v4) {
			sin6->sin6_addr.s6_addr32[2] = PP_HTONL(0xffff);
			sin6->sin6_addr.s6_addr32[3] = v4;
		}
	} else if (IP_IS_V6(ip)) {
		memcpy(sin6->sin6_addr.s6_addr, ip_2_ip6(ip)->addr, 16);
		sin6->sin6_scope_id = inet6_addr_ifindex(ip_2_ip6(ip));
	}
	return sizeof(*sin6);
}

/* ::, ::1, or an address of an interface that passed duplicate address
 * detection (a tentative one is not ours yet, as in Linux).  Lock held. */
bool inet6_addr_is_local(const ip6_addr_t *a)
{
	struct netif *netif;

	if (ip6_addr_isany(a) || ip6_addr_isloopback(a))
		return true;
	NETIF_FOREACH(netif) {
		s8_t i = netif_get_ip6_addr_match(netif, a);
		if (i >= 0 && ip6_addr_isvalid(netif_ip6_addr_state(netif, i)))
			return true;
	}
	return false;
}

int inet6_dest_addr(struct inet_sock *isk, ip_addr_t *ip)
{
	if (isk->sk.sk_family != AF_INET6)
		return 0;
	if (IP_IS_V6(ip) && ip6_addr_isany(ip_2_ip6(ip)))
		ip_addr_set_loopback(1, ip);	/* Linux: :: is the loopback */
	if (IP_IS_V4(ip) && isk->ipv6only)
		return -ENETUNREACH;
	return 0;
}

/* --- IPPROTO_IPV6 options --- */

/* An IPV6_JOIN_GROUP membership (Linux's ipv6_mc_socklist). */
struct ipv6_mc_socklist {
	struct ipv6_mc_socklist *next;
	ip6_addr_t addr;
	int ifindex;
};

struct ipv6_mreq {
	struct in6_addr ipv6mr_multiaddr;
	int ipv6mr_interface;
};

/* The hop limits, loop and interface onto lwIP's pcb, which keeps one
 * TTL for unicast and one for multicast.  Lock held. */
void inet6_apply_options(struct inet_sock *isk)
{
	if (isk->sk.sk_family != AF_INET6)
		return;
	if (isk->sk_protocol == IPPROTO_UDP && isk->pcb.udp) {
		struct udp_pcb *pcb = isk->pcb.udp;
		if (isk->uc6_hops >= 0)
			pcb->ttl = (u8)isk->uc6_hops;
		udp_set_multicast_ttl(pcb, isk->mc6_hops < 0 ? IPV6_DEFAULT_MCASTHOPS
							     : isk->mc6_hops);
		udp_set_multicast_netif_index(pcb, (u8)isk->mc6_ifindex);
		udp_set_flags(pcb, UDP_FLAGS_MULTICAST_LOOP);
		if (!isk->mc6_loop)
			udp_clear_flags(pcb, UDP_FLAGS_MULTICAST_LOOP);
	} else if (isk->sk_protocol == IPPROTO_TCP && isk->pcb.tcp &&
		   isk->sk_state != TCP_LISTEN && isk->uc6_hops >= 0) {
		isk->pcb.tcp->ttl = (u8)isk->uc6_hops;
	}
}

static struct netif *inet6_mc_netif(int ifindex)
{
	if (ifindex)
		return ifindex > 255 ? NULL : netif_get_by_index((u8)ifindex);
	return netif_default;		/* Linux: the route's device */
}

/* Linux's ipv6_sock_mc_join and ipv6_sock_mc_drop.  Lock held. */
static int ipv6_sock_mc(struct inet_sock *isk, bool join, const struct ipv6_mreq *mr)
{
	struct ipv6_mc_socklist **pp, *mc;
	ip6_addr_t a;

	memcpy(a.addr, mr->ipv6mr_multiaddr.s6_addr, 16);
	if (!ip6_addr_ismulticast(&a))
		return -EINVAL;
	for (pp = &isk->ipv6_mc_list; (mc = *pp); pp = &mc->next)
		if (ip6_addr_cmp(&mc->addr, &a) &&
		    (!mr->ipv6mr_interface || mc->ifindex == mr->ipv6mr_interface))
			break;
	if (!join) {
		if (!mc)
			return -EADDRNOTAVAIL;
		struct netif *netif = inet6_mc_netif(mc->ifindex);
		if (netif)
			mld6_leavegroup_netif(netif, &a);
		*pp = mc->next;
		kfree(mc);
		return 0;
	}
	if (mc)
		return -EADDRINUSE;
	struct netif *netif = inet6_mc_netif(mr->ipv6mr_interface);
	if (!netif)
		return -ENODEV;
	if (!(mc = kmalloc(sizeof(*mc), GFP_ATOMIC)))
		return -ENOBUFS;
	if (mld6_joingroup_netif(netif, &a) != ERR_OK) {
		kfree(mc);
		return -ENOBUFS;
	}
	mc->addr = a;
	mc->ifindex = netif_get_index(netif);
	mc->next = isk->ipv6_mc_list;
	isk->ipv6_mc_list = mc;
	return 0;
}

/* Leave every group at close (Linux's ipv6_sock_mc_close).  Lock held. */
void ipv6_sock_mc_close(struct inet_sock *isk)
{
	struct ipv6_mc_socklist *mc;

	while ((mc = isk->ipv6_mc_list)) {
		struct netif *netif = inet6_mc_netif(mc->ifindex);
		if (netif)
			mld6_leavegroup_netif(netif, &mc->addr);
		isk->ipv6_mc_list = mc->next;
		kfree(mc);
	}
}

/* An int option, as Linux's do_ipv6_setsockopt checks it.  Lock held. */
static int ipv6_set_int(struct inet_sock *isk, int optname, int val)
{
	bool stream = isk->sk_protocol == IPPROTO_TCP;

	switch (optname) {
	case IPV6_V6ONLY:
		if (isk->bound)		/* Linux: once it has a port */
			return -EINVAL;
		isk->ipv6only = val != 0;
		return 0;
	case IPV6_UNICAST_HOPS:
		if (val > 255 || val < -1)
			return -EINVAL;
		isk->uc6_hops = (s16)val;
		return 0;
	case IPV6_MULTICAST_HOPS:
		if (stream)
			return -ENOPROTOOPT;
		if (val > 255 || val < -1)
			return -EINVAL;
		isk->mc6_hops = val == -1 ? IPV6_DEFAULT_MCASTHOPS : (s16)val;
		return 0;
	case IPV6_MULTICAST_LOOP:
		if (val != 0 && val != 1)
			return -EINVAL;
		isk->mc6_loop = val;
		return 0;
	case IPV6_MULTICAST_IF:
		if (stream)
			return -ENOPROTOOPT;
		if (val && !inet6_mc_netif(val))
			return -ENODEV;
		isk->mc6_ifindex = val;
		return 0;
	}
	return -ENOPROTOOPT;
}

static int ipv6_setsockopt(struct socket *sock, int level, int optname,
			   const void __user *optval, unsigned int optlen)
{
	struct inet_sock *isk = inet_sk(sock->sk);
	int val, err;

	if (level != IPPROTO_IPV6)
		return sock_setsockopt(sock, level, optname, optval, optlen);
	if (optname == IPV6_JOIN_GROUP || optname == IPV6_LEAVE_GROUP) {
		struct ipv6_mreq mr;
		if (optlen < sizeof(mr))
			return -EINVAL;
		if (isk->sk_protocol == IPPROTO_TCP)
			return -EPROTO;	/* Linux: not on a connection socket */
		if (copy_from_user(&mr, optval, sizeof(mr)))
			return -EFAULT;
		lwip_core_lock();
		err = ipv6_sock_mc(isk, optname == IPV6_JOIN_GROUP, &mr);
		lwip_core_unlock();
		return err;
	}
	if (optlen < sizeof(int))
		return optname == IPV6_V6ONLY || optname == IPV6_UNICAST_HOPS ||
		       optname == IPV6_MULTICAST_HOPS || optname == IPV6_MULTICAST_LOOP ||
		       optname == IPV6_MULTICAST_IF ? -EINVAL : -ENOPROTOOPT;
	if (get_user(val, (const int __user *)optval))
		return -EFAULT;
	lwip_core_lock();
	err = ipv6_set_int(isk, optname, val);
	if (!err)
		inet6_apply_options(isk);
	lwip_core_unlock();
	return err;
}

static int ipv6_get_int(struct inet_sock *isk, int optname, int *val)
{
	switch (optname) {
	case IPV6_V6ONLY: *val = isk->ipv6only; return 0;
	case IPV6_UNICAST_HOPS:
		*val = isk->uc6_hops < 0 ? IPV6_DEFAULT_HOPLIMIT : isk->uc6_hops;
		return 0;
	case IPV6_MULTICAST_HOPS:
		*val = isk->mc6_hops < 0 ? IPV6_DEFAULT_MCASTHOPS : isk->mc6_hops;
		return 0;
	case IPV6_MULTICAST_LOOP: *val = isk->mc6_loop; return 0;
	case IPV6_MULTICAST_IF: *val = isk->mc6_ifindex; return 0;
	}
	return -ENOPROTOOPT;
}

static int ipv6_getsockopt(struct socket *sock, int level, int optname,
			   void __user *optval, int __user *optlen)
{
	int len, val, err;

	if (level != IPPROTO_IPV6)
		return sock_getsockopt(sock, level, optname, optval, optlen);
	if (get_user(len, optlen))
		return -EFAULT;
	if (len < 0)
		return -EINVAL;
	lwip_core_lock();
	err = ipv6_get_int(inet_sk(sock->sk), optname, &val);
	lwip_core_unlock();
	if (err)
		return err;
	return sk_put_opt(&val, sizeof(val), optval, optlen, len);
}

/* AF_INET's tables with the family and the options changed.  Boot,
 * before the first socket. */
void inet6_init(void)
{
	inet6_stream_ops = inet_stream_ops;
	inet6_dgram_ops = inet_dgram_ops;
	inet6_stream_ops.family = inet6_dgram_ops.family = AF_INET6;
	inet6_stream_ops.setsockopt = inet6_dgram_ops.setsockopt = ipv6_setsockopt;
	inet6_stream_ops.getsockopt = inet6_dgram_ops.getsockopt = ipv6_getsockopt;
}
