/*
 * rtnetlink.c - NETLINK_ROUTE's kernel side (Linux's net/core/rtnetlink.c
 * and, for the addresses, net/ipv4/devinet.c's inet_dump_ifaddr): the
 * link and address dumps that getifaddrs(3), if_nameindex(3) and Go's
 * net.Interfaces read, and RTM_GETLINK of one interface.
 *
 * A dump is answered whole, at once: the interfaces are copied
 * (dev_snapshot) and each becomes one RTM_NEWLINK or RTM_NEWADDR
 * message with NLM_F_MULTI, packed into datagrams of at most
 * NLMSG_GOODSIZE bytes, the last ending with NLMSG_DONE.  Changes
 * (RTM_NEWLINK, RTM_DELADDR ... from root) and the other tables
 * (routes, neighbours) are EOPNOTSUPP; other users get EPERM for any
 * request that is not a GET, as Linux without CAP_NET_ADMIN.
 *
 * LOCKING: none held here: dev_snapshot takes the stack lock for its
 * copy, and the replies are built in kernel memory and queued with the
 * receive queue's own lock.  Context: process context (the sender's
 * sendmsg).
 */
#include "kernel/kernel.h"
#include "kernel/cred.h"
#include "kernel/errno.h"
#include "kernel/mm.h"
#include "kernel/string.h"
#include "net/netdevice.h"
#include "net/netlink/af_netlink.h"

#define RTM_BASE	16
#define RTM_NEWLINK	16
#define RTM_GETLINK	18
#define RTM_NEWADDR	20
#define RTM_GETADDR	22
#define RTM_MAX		123	/* the last of Linux 6.1's message types */

#ifndef CAP_NET_ADMIN
#define CAP_NET_ADMIN	12
#endif

struct ifinfomsg {
	unsigned char ifi_family;
	unsigned char __ifi_pad;
	unsigned short ifi_type;	/* ARPHRD_* */
	int ifi_index;
	unsigned ifi_flags;		/* IFF_* */
	unsigned ifi_change;
};

struct ifaddrmsg {
	u8 ifa_family;
	u8 ifa_prefixlen;
	u8 ifa_flags;
	u8 ifa_scope;
	u32 ifa_index;
};

struct rtattr {
	unsigned short rta_len;
	unsigned short rta_type;
};

enum {
	IFLA_ADDRESS = 1, IFLA_BROADCAST = 2, IFLA_IFNAME = 3, IFLA_MTU = 4,
	IFLA_STATS = 7, IFLA_TXQLEN = 13, IFLA_OPERSTATE = 16,
	IFLA_LINKMODE = 17, IFLA_CARRIER = 33,
};
enum { IFA_ADDRESS = 1, IFA_LOCAL = 2, IFA_LABEL = 3, IFA_BROADCAST = 4,
       IFA_CACHEINFO = 6, IFA_FLAGS = 8 };
#define IF_OPER_UNKNOWN		0
#define IF_OPER_DOWN		2
#define IF_OPER_UP		6
#define IFA_F_PERMANENT		0x80
#define RT_SCOPE_UNIVERSE	0
#define RT_SCOPE_HOST		254
#define RT_SCOPE_SITE		200
#define RT_SCOPE_LINK		253
#define IFA_F_TENTATIVE		0x40
#define INFINITY_LIFE_TIME	0xffffffffu

/* IFA_CACHEINFO: lifetimes in seconds, time stamps in hundredths */
struct ifa_cacheinfo {
	u32 ifa_prefered, ifa_valid, cstamp, tstamp;
};
#define TX_QUEUE_LEN		1000	/* what Linux's ip link shows */

/* Linux's struct rtnl_link_stats: the 32-bit counters of IFLA_STATS. */
#define RTNL_LINK_STATS_WORDS	24

/* --- building messages --- */

/* One message being built in a small buffer. */
struct nlmsg_buf {
	char data[512];
	unsigned int len;
};

static struct nlmsghdr *nlmsg_put(struct nlmsg_buf *b, struct netlink_sock *nlk,
				  u32 seq, u16 type, u16 flags, const void *fixed,
				  unsigned int fixed_len)
{
	struct nlmsghdr *nlh = (struct nlmsghdr *)b->data;

	memset(b->data, 0, sizeof(b->data));
	nlh->nlmsg_type = type;
	nlh->nlmsg_flags = flags;
	nlh->nlmsg_seq = seq;
	nlh->nlmsg_pid = nlk->portid;
	memcpy(b->data + NLMSG_HDRLEN, fixed, fixed_len);
	b->len = NLMSG_HDRLEN + NLMSG_ALIGN(fixed_len);
	nlh->nlmsg_len = NLMSG_HDRLEN + fixed_len;
	return nlh;
}

/* Append one attribute (every one here is small: the buffer holds the
 * largest message with room to spare). */
static void nla_put(struct nlmsg_buf *b, unsigned short type, const void *data,
		    unsigned int len)
{
	struct rtattr *rta = (struct rtattr *)(b->data + b->len);

	rta->rta_type = type;
	rta->rta_len = sizeof(*rta) + len;
	memcpy(rta + 1, data, len);
	b->len += NLMSG_ALIGN(rta->rta_len);
	((struct nlmsghdr *)b->data)->nlmsg_len = b->len;
}

static void nla_put_u32(struct nlmsg_buf *b, unsigned short type, u32 v)
{
	nla_put(b, type, &v, sizeof(v));
}

static void nla_put_u8(struct nlmsg_buf *b, unsigned short type, u8 v)
{
	nla_put(b, type, &v, sizeof(v));
}

/* Linux's rtnl_fill_ifinfo, the attributes programs read. */
static void rtnl_fill_ifinfo(struct nlmsg_buf *b, struct netlink_sock *nlk,
			     const struct ifinfo *ifi, u32 seq, u16 flags)
{
	struct ifinfomsg ifm = {
		.ifi_family = AF_UNSPEC,
		.ifi_type = ifi->type,
		.ifi_index = ifi->ifindex,
		.ifi_flags = ifi->flags,
	};
	u8 oper = ifi->type == ARPHRD_LOOPBACK ? IF_OPER_UNKNOWN :
		  ifi->flags & IFF_LOWER_UP ? IF_OPER_UP : IF_OPER_DOWN;
	u32 stats[RTNL_LINK_STATS_WORDS] = { 0 };
	const u64 *s64 = (const u64 *)&ifi->stats;

	for (unsigned i = 0; i < sizeof(ifi->stats) / sizeof(u64) && i < RTNL_LINK_STATS_WORDS; i++)
		stats[i] = (u32)s64[i];
	nlmsg_put(b, nlk, seq, RTM_NEWLINK, flags, &ifm, sizeof(ifm));
	nla_put(b, IFLA_IFNAME, ifi->name, strlen(ifi->name) + 1);
	nla_put_u32(b, IFLA_TXQLEN, TX_QUEUE_LEN);
	nla_put_u8(b, IFLA_OPERSTATE, oper);
	nla_put_u8(b, IFLA_LINKMODE, 0);
	nla_put_u32(b, IFLA_MTU, ifi->mtu);
	nla_put_u8(b, IFLA_CARRIER, !!(ifi->flags & IFF_LOWER_UP));
	nla_put(b, IFLA_ADDRESS, ifi->addr, ifi->addr_len);
	nla_put(b, IFLA_BROADCAST, ifi->broadcast, ifi->addr_len);
	nla_put(b, IFLA_STATS, stats, sizeof(stats));
}

/* The prefix length of a netmask (network order, contiguous ones). */
static u8 inet_mask_len(u32 mask)
{
	u8 n = 0;

	for (u32 m = __builtin_bswap32(mask); m & 0x80000000u; m <<= 1)
		n++;
	return n;
}

/* Linux's inet_fill_ifaddr for an interface's one IPv4 address. */
static void inet_fill_ifaddr(struct nlmsg_buf *b, struct netlink_sock *nlk,
			     const struct ifinfo *ifi, u32 seq, u16 flags)
{
	struct ifaddrmsg ifm = {
		.ifa_family = AF_INET,
		.ifa_prefixlen = inet_mask_len(ifi->mask),
		.ifa_flags = IFA_F_PERMANENT,
		.ifa_scope = ifi->type == ARPHRD_LOOPBACK ? RT_SCOPE_HOST : RT_SCOPE_UNIVERSE,
		.ifa_index = (u32)ifi->ifindex,
	};

	nlmsg_put(b, nlk, seq, RTM_NEWADDR, flags, &ifm, sizeof(ifm));
	nla_put(b, IFA_ADDRESS, &ifi->ip, 4);
	nla_put(b, IFA_LOCAL, &ifi->ip, 4);
	if (ifi->flags & IFF_BROADCAST) {
		u32 brd = ifi->ip | ~ifi->mask;
		nla_put(b, IFA_BROADCAST, &brd, 4);
	}
	nla_put(b, IFA_LABEL, ifi->name, strlen(ifi->name) + 1);
	nla_put_u32(b, IFA_FLAGS, IFA_F_PERMANENT);
}

/* Linux's inet6_fill_ifaddr for one IPv6 address: IFA_ADDRESS alone
 * (IFA_LOCAL is for point-to-point links), its lifetimes, its flags.
 * lwIP keeps SLAAC's lifetimes in the netif; they show as infinite. */
static void inet6_fill_ifaddr(struct nlmsg_buf *b, struct netlink_sock *nlk,
			      const struct ifinfo *ifi, const struct ifinfo_ip6 *a,
			      u32 seq, u16 flags)
{
	u32 ifa_flags = (a->autoconf ? 0 : IFA_F_PERMANENT) |
			(a->tentative ? IFA_F_TENTATIVE : 0);
	struct ifaddrmsg ifm = {
		.ifa_family = AF_INET6,
		.ifa_prefixlen = a->prefixlen,
		.ifa_flags = (u8)ifa_flags,
		.ifa_scope = a->scope == IPV6_ADDR_LOOPBACK_SCOPE ? RT_SCOPE_HOST :
			     a->scope == IPV6_ADDR_LINKLOCAL_SCOPE ? RT_SCOPE_LINK :
			     a->scope == IPV6_ADDR_SITELOCAL_SCOPE ? RT_SCOPE_SITE :
			     RT_SCOPE_UNIVERSE,
		.ifa_index = (u32)ifi->ifindex,
	};
	struct ifa_cacheinfo ci = { INFINITY_LIFE_TIME, INFINITY_LIFE_TIME, 0, 0 };

	nlmsg_put(b, nlk, seq, RTM_NEWADDR, flags, &ifm, sizeof(ifm));
	nla_put(b, IFA_ADDRESS, a->addr, 16);
	nla_put(b, IFA_CACHEINFO, &ci, sizeof(ci));
	nla_put_u32(b, IFA_FLAGS, ifa_flags);
}

/* --- dumps --- */

/* Datagrams of whole messages, up to NLMSG_GOODSIZE each. */
struct rtnl_dump {
	struct netlink_sock *nlk;
	char *buf;
	unsigned int len;
};

static void dump_flush(struct rtnl_dump *d)
{
	if (d->len)
		netlink_unicast_kernel(d->nlk, d->buf, d->len);
	d->len = 0;
}

static void dump_add(struct rtnl_dump *d, const struct nlmsg_buf *b)
{
	if (d->len + b->len > NLMSG_GOODSIZE)
		dump_flush(d);
	memcpy(d->buf + d->len, b->data, b->len);
	d->len += b->len;
}

/* The addresses: AF_INET's, AF_INET6's, or (AF_UNSPEC) both, IPv4
 * first, as Linux's rtnl_dump_all walks the families. */
enum dump_what { DUMP_LINKS, DUMP_ADDRS_INET, DUMP_ADDRS_INET6, DUMP_ADDRS_ALL };

static int rtnl_dump(struct netlink_sock *nlk, const struct nlmsghdr *nlh,
		     enum dump_what what)
{
	struct ifinfo *tab = kmalloc(NET_MAX_IFACES * sizeof(*tab), GFP_KERNEL);
	struct nlmsg_buf *b = kmalloc(sizeof(*b), GFP_KERNEL);
	struct rtnl_dump d = { .nlk = nlk, .buf = kmalloc(NLMSG_GOODSIZE, GFP_KERNEL) };
	int err = 0;

	if (!tab || !b || !d.buf) {
		err = -ENOBUFS;
		goto out;
	}
	int n = dev_snapshot(tab, NET_MAX_IFACES);
	for (int i = 0; i < n; i++) {
		if (what == DUMP_LINKS)
			rtnl_fill_ifinfo(b, nlk, &tab[i], nlh->nlmsg_seq, NLM_F_MULTI);
		else if (what != DUMP_ADDRS_INET6 && tab[i].ip)
			inet_fill_ifaddr(b, nlk, &tab[i], nlh->nlmsg_seq, NLM_F_MULTI);
		else
			continue;
		dump_add(&d, b);
	}
	for (int i = 0; i < n && (what == DUMP_ADDRS_INET6 || what == DUMP_ADDRS_ALL); i++)
		for (int j = 0; j < tab[i].nr_ip6; j++) {
			inet6_fill_ifaddr(b, nlk, &tab[i], &tab[i].ip6[j],
					  nlh->nlmsg_seq, NLM_F_MULTI);
			dump_add(&d, b);
		}
	int zero = 0;
	nlmsg_put(b, nlk, nlh->nlmsg_seq, NLMSG_DONE, NLM_F_MULTI, &zero, sizeof(zero));
	dump_add(&d, b);
	dump_flush(&d);
	err = -EINTR;			/* answered: no ack */
out:
	kfree(d.buf);
	kfree(b);
	kfree(tab);
	return err;
}

/* RTM_GETLINK without NLM_F_DUMP (Linux's rtnl_getlink): one interface
 * by ifi_index, or by IFLA_IFNAME when the index is 0. */
static int rtnl_getlink(struct netlink_sock *nlk, const struct nlmsghdr *nlh)
{
	if (nlh->nlmsg_len < NLMSG_LENGTH(sizeof(struct ifinfomsg)))
		return -EINVAL;
	const struct ifinfomsg *ifm = (const void *)((const char *)nlh + NLMSG_HDRLEN);
	char name[IFNAMSIZ] = "";
	unsigned int off = NLMSG_LENGTH(NLMSG_ALIGN(sizeof(*ifm)));
	while (off + sizeof(struct rtattr) <= nlh->nlmsg_len) {
		const struct rtattr *rta = (const void *)((const char *)nlh + off);
		if (rta->rta_len < sizeof(*rta) || off + rta->rta_len > nlh->nlmsg_len)
			break;
		if (rta->rta_type == IFLA_IFNAME)
			strlcpy(name, (const char *)(rta + 1),
				MIN(sizeof(name), (size_t)(rta->rta_len - sizeof(*rta)) + 1));
		off += NLMSG_ALIGN(rta->rta_len);
	}
	if (ifm->ifi_index <= 0 && !name[0])
		return -EINVAL;

	struct ifinfo *tab = kmalloc(NET_MAX_IFACES * sizeof(*tab), GFP_KERNEL);
	struct nlmsg_buf *b = kmalloc(sizeof(*b), GFP_KERNEL);
	int err = -ENODEV;
	if (!tab || !b) {
		err = -ENOBUFS;
		goto out;
	}
	int n = dev_snapshot(tab, NET_MAX_IFACES);
	for (int i = 0; i < n; i++) {
		if (ifm->ifi_index > 0 ? tab[i].ifindex != ifm->ifi_index
				       : strcmp(tab[i].name, name))
			continue;
		rtnl_fill_ifinfo(b, nlk, &tab[i], nlh->nlmsg_seq, 0);
		err = netlink_unicast_kernel(nlk, b->data, b->len);
		break;
	}
out:
	kfree(b);
	kfree(tab);
	return err;
}

int rtnetlink_rcv_msg(struct netlink_sock *nlk, const struct nlmsghdr *nlh)
{
	int type = nlh->nlmsg_type;

	if (type > RTM_MAX)
		return -EOPNOTSUPP;
	int kind = (type - RTM_BASE) & 3;
	if (kind != 2 && !capable(CAP_NET_ADMIN))
		return -EPERM;
	/* the family is the first byte of every rtnetlink header */
	int family = nlh->nlmsg_len > NLMSG_HDRLEN ?
		     *((const unsigned char *)nlh + NLMSG_HDRLEN) : AF_UNSPEC;
	if (kind == 2 && (nlh->nlmsg_flags & NLM_F_DUMP)) {
		if (type == RTM_GETLINK)
			return rtnl_dump(nlk, nlh, DUMP_LINKS);
		if (type == RTM_GETADDR)
			return rtnl_dump(nlk, nlh, family == AF_INET6 ? DUMP_ADDRS_INET6 :
						   family == AF_INET ? DUMP_ADDRS_INET :
						   DUMP_ADDRS_ALL);
		return -EOPNOTSUPP;
	}
	if (type == RTM_GETLINK)
		return rtnl_getlink(nlk, nlh);
	return -EOPNOTSUPP;
}
