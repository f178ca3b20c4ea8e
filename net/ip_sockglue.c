/*
 * ip_sockglue.c - the IPPROTO_IP (SOL_IP) socket options of TCP and
 * UDP sockets (Linux's net/ipv4/ip_sockglue.c, do_ip_setsockopt and
 * do_ip_getsockopt): IP_TTL, IP_TOS, IP_RECVERR and the multicast
 * sender's IP_MULTICAST_TTL, IP_MULTICAST_LOOP and IP_MULTICAST_IF.
 * Values, ranges, errors and the one-byte forms are Linux's; TTL and
 * TOS go into the lwIP pcb, which puts them in every header it sends.
 *
 * What lwIP cannot do is not pretended: without lwIP's IGMP (not
 * built), group membership (IP_ADD_MEMBERSHIP ...) is ENOPROTOOPT, as
 * for any option this kernel does not have, and IP_RECVERR is a flag
 * that nothing reports through (lwIP tells a UDP socket nothing of
 * ICMP errors).
 *
 * LOCKING: the fields are the socket's, under lwip_core_lock(); user
 * memory is copied before and after, never with it held.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "net/inet_sock.h"
#include "arch/x86_64/uaccess.h"
#include "lwip/tcp.h"
#include "lwip/udp.h"

/* Linux's include/uapi/linux/in.h */
#define IP_TOS			1
#define IP_TTL			2
#define IP_RECVERR		11
#define IP_MULTICAST_IF		32
#define IP_MULTICAST_TTL	33
#define IP_MULTICAST_LOOP	34
#define INET_ECN_MASK		3
#define IP_DEFAULT_TTL_LINUX	64	/* net.ipv4.ip_default_ttl */

struct ip_mreqn {			/* IP_MULTICAST_IF's longest form */
	u32 imr_multiaddr, imr_address;
	int imr_ifindex;
};

void ip_sock_init(struct inet_sock *isk)
{
	isk->uc_ttl = -1;
	isk->mc_ttl = 1;
	isk->mc_loop = true;
}

/* TTL and TOS into the pcb, if it has one yet, and a UDP socket's
 * multicast TTL, loop and interface address (lwIP's multicast TX
 * options).  An AF_INET6 socket's hop limits are inet6_apply_options'.
 * Lock held. */
void ip_sock_apply(struct inet_sock *isk)
{
	u8 ttl = isk->uc_ttl < 0 ? IP_DEFAULT_TTL_LINUX : isk->uc_ttl;

	if (isk->sk.sk_family != AF_INET)
		return;
	if (isk->sk_protocol == IPPROTO_TCP && isk->pcb.tcp) {
		isk->pcb.tcp->ttl = ttl;	/* (a listener's too: same IP_PCB) */
		isk->pcb.tcp->tos = isk->tos;
	} else if (isk->sk_protocol == IPPROTO_UDP && isk->pcb.udp) {
		struct udp_pcb *pcb = isk->pcb.udp;
		ip4_addr_t mc;
		pcb->ttl = ttl;
		pcb->tos = isk->tos;
		udp_set_multicast_ttl(pcb, isk->mc_ttl);
		if (isk->mc_loop)
			udp_set_flags(pcb, UDP_FLAGS_MULTICAST_LOOP);
		else
			udp_clear_flags(pcb, UDP_FLAGS_MULTICAST_LOOP);
		ip4_addr_set_u32(&mc, isk->mc_addr);
		udp_set_multicast_netif_addr(pcb, &mc);
	}
}

/* The options Linux reads as an int, or as one byte if optlen is 1
 * (and as 0 if it is 0). */
static int ip_get_int_arg(const void __user *optval, unsigned int optlen, int *val)
{
	unsigned char c;

	*val = 0;
	if (optlen >= sizeof(int))
		return get_user(*val, (const int __user *)optval) ? -EFAULT : 0;
	if (optlen >= 1) {
		if (copy_from_user(&c, optval, 1))
			return -EFAULT;
		*val = c;
	}
	return 0;
}

/* IP_MULTICAST_IF: an in_addr, an ip_mreq or an ip_mreqn; the
 * interface by index or by one of its addresses (EADDRNOTAVAIL if
 * none), INADDR_ANY and no index for the routing table's choice. */
static int ip_set_mcast_if(struct inet_sock *isk, const void __user *optval,
			   unsigned int optlen)
{
	struct ip_mreqn mreq = { 0 };

	if (isk->sk_protocol == IPPROTO_TCP || optlen < 4)
		return -EINVAL;
	if (optlen >= sizeof(mreq) ? copy_from_user(&mreq, optval, sizeof(mreq)) :
	    optlen >= 8 ? copy_from_user(&mreq, optval, 8) :
	    copy_from_user(&mreq.imr_address, optval, 4))
		return -EFAULT;
	lwip_core_lock();
	int err = 0;
	struct netif *netif = NULL;
	if (mreq.imr_ifindex) {
		netif = netif_get_by_index((u8_t)mreq.imr_ifindex);
		if (mreq.imr_ifindex > 255)
			netif = NULL;
	} else if (mreq.imr_address) {
		NETIF_FOREACH(netif)
			if (ip4_addr_get_u32(netif_ip4_addr(netif)) == mreq.imr_address)
				break;
	}
	if ((mreq.imr_ifindex || mreq.imr_address) && !netif) {
		err = -EADDRNOTAVAIL;
	} else {
		isk->mc_index = netif ? mreq.imr_ifindex ? mreq.imr_ifindex :
					netif_get_index(netif) : 0;
		isk->mc_addr = mreq.imr_address;
	}
	lwip_core_unlock();
	return err;
}

int ip_setsockopt(struct inet_sock *isk, int optname, const void __user *optval,
		  unsigned int optlen)
{
	int val, err;

	switch (optname) {
	case IP_TOS:
	case IP_TTL:
	case IP_RECVERR:
	case IP_MULTICAST_TTL:
	case IP_MULTICAST_LOOP:
		break;
	case IP_MULTICAST_IF:
		return ip_set_mcast_if(isk, optval, optlen);
	default:
		return -ENOPROTOOPT;
	}
	if ((err = ip_get_int_arg(optval, optlen, &val)))
		return err;
	lwip_core_lock();
	switch (optname) {
	case IP_TOS:
		/* TCP keeps its ECN bits (Linux's __ip_sock_set_tos). */
		if (isk->sk_protocol == IPPROTO_TCP)
			val = (val & ~INET_ECN_MASK) | (isk->tos & INET_ECN_MASK);
		isk->tos = val;
		break;
	case IP_TTL:
		if (optlen < 1 || (val != -1 && (val < 1 || val > 255)))
			err = -EINVAL;
		else
			isk->uc_ttl = val;
		break;
	case IP_RECVERR:
		isk->recverr = val != 0;
		break;
	case IP_MULTICAST_TTL:
		if (isk->sk_protocol == IPPROTO_TCP || optlen < 1)
			err = -EINVAL;
		else if (val == -1)
			isk->mc_ttl = 1;
		else if (val < 0 || val > 255)
			err = -EINVAL;
		else
			isk->mc_ttl = val;
		break;
	case IP_MULTICAST_LOOP:
		if (optlen < 1)
			err = -EINVAL;
		else
			isk->mc_loop = val != 0;
		break;
	}
	if (!err)
		ip_sock_apply(isk);
	lwip_core_unlock();
	return err;
}

int ip_getsockopt(struct inet_sock *isk, int optname, void __user *optval,
		  int __user *optlen)
{
	int len, val;

	if (get_user(len, optlen))
		return -EFAULT;
	if (len < 0)
		return -EINVAL;
	lwip_core_lock();
	switch (optname) {
	case IP_TOS: val = isk->tos; break;
	case IP_TTL: val = isk->uc_ttl < 0 ? IP_DEFAULT_TTL_LINUX : isk->uc_ttl; break;
	case IP_RECVERR: val = isk->recverr; break;
	case IP_MULTICAST_TTL: val = isk->mc_ttl; break;
	case IP_MULTICAST_LOOP: val = isk->mc_loop; break;
	case IP_MULTICAST_IF: val = (int)isk->mc_addr; break;
	default:
		lwip_core_unlock();
		return -ENOPROTOOPT;
	}
	lwip_core_unlock();
	if (optname == IP_MULTICAST_IF) {	/* an in_addr */
		len = MIN(len, 4);
	} else if (len < (int)sizeof(int) && len > 0 && val >= 0 && val <= 255) {
		unsigned char c = val;	/* Linux's one-byte answer */
		if (put_user(1, optlen) || copy_to_user(optval, &c, 1))
			return -EFAULT;
		return 0;
	} else {
		len = MIN(len, (int)sizeof(int));
	}
	if (put_user(len, optlen) || copy_to_user(optval, &val, len))
		return -EFAULT;
	return 0;
}
