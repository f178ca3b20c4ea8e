/*
 * af_netlink.h - AF_NETLINK sockets (Linux's net/netlink/af_netlink.h
 * and include/uapi/linux/netlink.h): messages between user space and
 * the kernel.  Only NETLINK_ROUTE has a kernel side here (rtnetlink,
 * net/rtnetlink.c); sockets may also send to each other by port id.
 *
 * A request goes down with sendmsg and is answered at once: the
 * kernel's replies (a whole dump, then NLMSG_DONE) are queued on the
 * sender's receive queue before sendmsg returns, so a reader with
 * MSG_DONTWAIT (musl's getifaddrs) finds them.  Each queued skb is one
 * datagram of at most NLMSG_GOODSIZE bytes holding whole messages.
 */
#ifndef NET_NETLINK_AF_NETLINK_H
#define NET_NETLINK_AF_NETLINK_H

#include "net/sock.h"

#define NETLINK_ROUTE		0
#define MAX_LINKS		32

struct sockaddr_nl {
	unsigned short nl_family;	/* AF_NETLINK */
	unsigned short nl_pad;
	u32 nl_pid;			/* port id; 0: the kernel */
	u32 nl_groups;			/* multicast groups mask */
};

struct nlmsghdr {
	u32 nlmsg_len;			/* header included */
	u16 nlmsg_type;
	u16 nlmsg_flags;
	u32 nlmsg_seq;
	u32 nlmsg_pid;			/* the sending port id */
};

struct nlmsgerr {
	int error;			/* -errno, 0 for an ack */
	struct nlmsghdr msg;		/* the request, echoed */
};

#define NLM_F_REQUEST		0x01
#define NLM_F_MULTI		0x02
#define NLM_F_ACK		0x04
#define NLM_F_ROOT		0x100
#define NLM_F_MATCH		0x200
#define NLM_F_DUMP		(NLM_F_ROOT | NLM_F_MATCH)
#define NLM_F_CAPPED		0x100	/* an ack: the request not echoed */

#define NLMSG_NOOP		0x1
#define NLMSG_ERROR		0x2
#define NLMSG_DONE		0x3
#define NLMSG_MIN_TYPE		0x10

#define NLMSG_ALIGNTO		4u
#define NLMSG_ALIGN(len)	(((len) + NLMSG_ALIGNTO - 1) & ~(NLMSG_ALIGNTO - 1))
#define NLMSG_HDRLEN		((unsigned)NLMSG_ALIGN(sizeof(struct nlmsghdr)))
#define NLMSG_LENGTH(len)	((len) + NLMSG_HDRLEN)
/* Linux's NLMSG_GOODSIZE on 4 KiB pages: the most one dump datagram
 * holds. */
#define NLMSG_GOODSIZE		3776u

/* SOL_NETLINK options kept as flags (Linux's NETLINK_F_*). */
#define SOL_NETLINK		270
#define NETLINK_ADD_MEMBERSHIP	1
#define NETLINK_DROP_MEMBERSHIP	2
#define NETLINK_PKTINFO		3
#define NETLINK_BROADCAST_ERROR	4
#define NETLINK_NO_ENOBUFS	5
#define NETLINK_LISTEN_ALL_NSID	8
#define NETLINK_CAP_ACK		10
#define NETLINK_EXT_ACK		11
#define NETLINK_GET_STRICT_CHK	12

struct netlink_sock {
	struct sock sk;			/* first: nlk_sk() casts */
	u32 portid;			/* bound port id (0 until bound) */
	u32 dst_portid, dst_group;	/* connect()'s peer */
	u32 groups;			/* bind()'s multicast groups */
	bool bound;
	unsigned long flags;		/* 1 << NETLINK_* option number */
	long rmem;			/* bytes queued for reading */
	struct list_head node;		/* in the port table, once bound */
};

static inline struct netlink_sock *nlk_sk(struct sock *sk)
{
	return container_of(sk, struct netlink_sock, sk);
}

/* Queue one reply datagram (len bytes of whole messages) for nlk's
 * reader, as the kernel (port id 0) sent it; drops it and sets
 * ENOBUFS when the receive buffer is full.  Process context, no lock
 * held. */
int netlink_unicast_kernel(struct netlink_sock *nlk, const void *data,
			   unsigned int len);

/* The ack or error for request nlh (Linux's netlink_ack). */
void netlink_ack(struct netlink_sock *nlk, const struct nlmsghdr *nlh, int err);

/* net/rtnetlink.c: one NETLINK_ROUTE request; 0 or -errno (which the
 * caller acks).  -EINTR: answered with a dump, no ack. */
int rtnetlink_rcv_msg(struct netlink_sock *nlk, const struct nlmsghdr *nlh);

int netlink_create(struct socket *sock, int protocol);

#endif
