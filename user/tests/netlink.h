/*
 * netlink.h - the parts of Linux's <linux/netlink.h> and
 * <linux/rtnetlink.h> the tests use (musl ships no kernel headers):
 * the message header, its alignment macros, rtnetlink's link and
 * address messages and their attributes.  Values are the ABI's.
 */
#ifndef USER_TESTS_NETLINK_H
#define USER_TESTS_NETLINK_H

#include <stdint.h>
#include <sys/socket.h>

#define NETLINK_ROUTE	0

struct sockaddr_nl {
	sa_family_t nl_family;
	unsigned short nl_pad;
	uint32_t nl_pid;
	uint32_t nl_groups;
};

struct nlmsghdr {
	uint32_t nlmsg_len;
	uint16_t nlmsg_type;
	uint16_t nlmsg_flags;
	uint32_t nlmsg_seq;
	uint32_t nlmsg_pid;
};

struct nlmsgerr {
	int error;
	struct nlmsghdr msg;
};

#define NLM_F_REQUEST	0x01
#define NLM_F_MULTI	0x02
#define NLM_F_ACK	0x04
#define NLM_F_DUMP	0x300

#define NLMSG_ERROR	0x2
#define NLMSG_DONE	0x3

#define NLMSG_ALIGNTO	4u
#define NLMSG_ALIGN(len)	(((len) + NLMSG_ALIGNTO - 1) & ~(NLMSG_ALIGNTO - 1))
#define NLMSG_HDRLEN	((int)NLMSG_ALIGN(sizeof(struct nlmsghdr)))
#define NLMSG_LENGTH(len)	((len) + NLMSG_HDRLEN)
#define NLMSG_DATA(nlh)	((void *)((char *)(nlh) + NLMSG_HDRLEN))
#define NLMSG_NEXT(nlh, len)	((len) -= NLMSG_ALIGN((nlh)->nlmsg_len), \
	(struct nlmsghdr *)((char *)(nlh) + NLMSG_ALIGN((nlh)->nlmsg_len)))
#define NLMSG_OK(nlh, len)	((len) >= (int)sizeof(struct nlmsghdr) && \
	(nlh)->nlmsg_len >= sizeof(struct nlmsghdr) && (nlh)->nlmsg_len <= (unsigned)(len))

#define RTM_NEWLINK	16
#define RTM_GETLINK	18
#define RTM_NEWADDR	20
#define RTM_GETADDR	22

struct rtgenmsg {
	unsigned char rtgen_family;
};

struct ifinfomsg {
	unsigned char ifi_family;
	unsigned char __ifi_pad;
	unsigned short ifi_type;
	int ifi_index;
	unsigned ifi_flags;
	unsigned ifi_change;
};

struct ifaddrmsg {
	uint8_t ifa_family;
	uint8_t ifa_prefixlen;
	uint8_t ifa_flags;
	uint8_t ifa_scope;
	uint32_t ifa_index;
};

struct rtattr {
	unsigned short rta_len;
	unsigned short rta_type;
};

#define RTA_ALIGNTO	4u
#define RTA_ALIGN(len)	(((len) + RTA_ALIGNTO - 1) & ~(RTA_ALIGNTO - 1))
#define RTA_OK(rta, len)	((len) >= (int)sizeof(struct rtattr) && \
	(rta)->rta_len >= sizeof(struct rtattr) && (rta)->rta_len <= (unsigned)(len))
#define RTA_NEXT(rta, attrlen)	((attrlen) -= RTA_ALIGN((rta)->rta_len), \
	(struct rtattr *)((char *)(rta) + RTA_ALIGN((rta)->rta_len)))
#define RTA_LENGTH(len)	(RTA_ALIGN(sizeof(struct rtattr)) + (len))
#define RTA_DATA(rta)	((void *)((char *)(rta) + RTA_LENGTH(0)))
#define RTA_PAYLOAD(rta)	((int)((rta)->rta_len) - RTA_LENGTH(0))

#define IFLA_ADDRESS	1
#define IFLA_IFNAME	3
#define IFLA_MTU	4
#define IFLA_RTA(r)	((struct rtattr *)((char *)(r) + NLMSG_ALIGN(sizeof(struct ifinfomsg))))
#define IFLA_PAYLOAD(n)	((int)((n)->nlmsg_len - NLMSG_LENGTH(sizeof(struct ifinfomsg))))

#define IFA_ADDRESS	1
#define IFA_LOCAL	2
#define IFA_LABEL	3
#define IFA_RTA(r)	((struct rtattr *)((char *)(r) + NLMSG_ALIGN(sizeof(struct ifaddrmsg))))
#define IFA_PAYLOAD(n)	((int)((n)->nlmsg_len - NLMSG_LENGTH(sizeof(struct ifaddrmsg))))

#endif
