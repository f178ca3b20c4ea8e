/* ifaddrs: the interfaces as programs see them, through the SIOCGIF*
 * ioctls, getifaddrs(3) and if_nameindex(3) (both built on AF_NETLINK
 * NETLINK_ROUTE dumps in musl and glibc), and a raw RTM_GETLINK dump.
 *
 * With no argument it looks only at lo, the one interface the host and
 * the kernel share, and is compared with Linux like every test: lo's
 * index, flags, MTU, addresses and hardware type, the errors (ENODEV,
 * EFAULT, EINVAL, the socket families the ioctls answer on), netlink's
 * socket calls (bind, getsockname, autobind, EPROTONOSUPPORT ...) and
 * message rules (NLM_F_MULTI, NLMSG_DONE, NLMSG_ERROR for an unknown
 * type, NLM_F_ACK, a request that is no request, a short buffer's
 * MSG_TRUNC).  IPv6 entries are left out (the kernel has none yet).
 *
 * "ifaddrs --all NAME=ADDR/PREFIX ..." (the kernel-only check,
 * tools/tests/net.sh) prints every interface and checks each NAME has
 * ADDR/PREFIX in both getifaddrs and SIOCGIFCONF, every getifaddrs
 * link is in if_nameindex and the other way round, indexes agree with
 * SIOCGIFINDEX and names with SIOCGIFNAME. */
#define _GNU_SOURCE
#include <errno.h>
#include <ifaddrs.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <net/if.h>
#include <net/if_arp.h>
#include <netinet/in.h>
#include <netpacket/packet.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include "check.h"
#include "errname.h"
#include "netlink.h"

static const char *ip4(const struct sockaddr *sa)
{
	static char buf[4][INET_ADDRSTRLEN];
	static int i;
	char *b = buf[i++ & 3];

	if (!sa)
		return "(none)";
	if (sa->sa_family != AF_INET)
		return "(not AF_INET)";
	inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, b, INET_ADDRSTRLEN);
	return b;
}

/* --- the ioctls, on lo --- */

static long ifr_ioctl(int fd, unsigned long cmd, const char *name, struct ifreq *ifr)
{
	memset(ifr, 0, sizeof(*ifr));
	snprintf(ifr->ifr_name, IFNAMSIZ, "%s", name);
	return ERR(ioctl(fd, cmd, ifr));
}

static void test_ioctls_lo(void)
{
	int fd = socket(AF_INET, SOCK_DGRAM, 0);
	struct ifreq ifr;
	long r;

	r = ifr_ioctl(fd, SIOCGIFINDEX, "lo", &ifr);
	report(r == 0 && ifr.ifr_ifindex == 1, "SIOCGIFINDEX lo: %s, %d", errname(r ? errno : 0),
	       ifr.ifr_ifindex);
	r = ifr_ioctl(fd, SIOCGIFFLAGS, "lo", &ifr);
	report(r == 0, "SIOCGIFFLAGS lo: %s, %#x", errname(r ? errno : 0),
	       (unsigned short)ifr.ifr_flags);
	r = ifr_ioctl(fd, SIOCGIFMTU, "lo", &ifr);
	report(r == 0, "SIOCGIFMTU lo: %s, %d", errname(r ? errno : 0), ifr.ifr_mtu);
	r = ifr_ioctl(fd, SIOCGIFADDR, "lo", &ifr);
	report(r == 0, "SIOCGIFADDR lo: %s, %s", errname(r ? errno : 0), ip4(&ifr.ifr_addr));
	r = ifr_ioctl(fd, SIOCGIFNETMASK, "lo", &ifr);
	report(r == 0, "SIOCGIFNETMASK lo: %s, %s", errname(r ? errno : 0), ip4(&ifr.ifr_netmask));
	r = ifr_ioctl(fd, SIOCGIFHWADDR, "lo", &ifr);
	unsigned char *hw = (unsigned char *)ifr.ifr_hwaddr.sa_data;
	report(r == 0, "SIOCGIFHWADDR lo: %s, family %d, %02x:%02x:%02x:%02x:%02x:%02x",
	       errname(r ? errno : 0), ifr.ifr_hwaddr.sa_family, hw[0], hw[1], hw[2], hw[3],
	       hw[4], hw[5]);
	memset(&ifr, 0, sizeof(ifr));
	ifr.ifr_ifindex = 1;
	r = ERR(ioctl(fd, SIOCGIFNAME, &ifr));
	report(r == 0, "SIOCGIFNAME 1: %s, %s", errname(r ? errno : 0), ifr.ifr_name);

	/* Errors. */
	expect_errno("SIOCGIFINDEX nosuch0", ifr_ioctl(fd, SIOCGIFINDEX, "nosuch0", &ifr), ENODEV);
	expect_errno("SIOCGIFFLAGS nosuch0", ifr_ioctl(fd, SIOCGIFFLAGS, "nosuch0", &ifr), ENODEV);
	expect_errno("SIOCGIFADDR nosuch0", ifr_ioctl(fd, SIOCGIFADDR, "nosuch0", &ifr), ENODEV);
	memset(&ifr, 0, sizeof(ifr));
	ifr.ifr_ifindex = 999999;
	expect_errno("SIOCGIFNAME 999999", ERR(ioctl(fd, SIOCGIFNAME, &ifr)), ENODEV);
	expect_errno("SIOCGIFINDEX into a bad pointer", ERR(ioctl(fd, SIOCGIFINDEX, (void *)16)), EFAULT);
	/* A name that fills all 16 bytes is cut to 15. */
	memset(&ifr, 0, sizeof(ifr));
	memcpy(ifr.ifr_name, "lo\0xxxxxxxxxxxxx", IFNAMSIZ);
	r = ERR(ioctl(fd, SIOCGIFINDEX, &ifr));
	report(r == 0 && ifr.ifr_ifindex == 1, "SIOCGIFINDEX \"lo\\0xxx...\": %s", errname(r ? errno : 0));
	memset(ifr.ifr_name, 'l', IFNAMSIZ);
	expect_errno("SIOCGIFINDEX of 16 'l's", ERR(ioctl(fd, SIOCGIFINDEX, &ifr)), ENODEV);
	close(fd);

	/* The same on other kinds of socket. */
	static const struct { int family, type; const char *what; } kinds[] = {
		{ AF_INET, SOCK_STREAM, "TCP" },
		{ AF_UNIX, SOCK_STREAM, "AF_UNIX" },
		{ AF_NETLINK, SOCK_RAW, "AF_NETLINK" },
	};
	for (unsigned i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		fd = socket(kinds[i].family, kinds[i].type, 0);
		r = ifr_ioctl(fd, SIOCGIFINDEX, "lo", &ifr);
		report(1, "%s socket: SIOCGIFINDEX lo %s, %d", kinds[i].what,
		       errname(r ? errno : 0), ifr.ifr_ifindex);
		r = ifr_ioctl(fd, SIOCGIFFLAGS, "lo", &ifr);
		report(1, "%s socket: SIOCGIFFLAGS lo %s", kinds[i].what, errname(r ? errno : 0));
		r = ifr_ioctl(fd, SIOCGIFADDR, "lo", &ifr);
		report(1, "%s socket: SIOCGIFADDR lo %s", kinds[i].what, errname(r ? errno : 0));
		close(fd);
	}
	int p[2];
	if (pipe(p) == 0) {
		expect_errno("SIOCGIFINDEX on a pipe", ifr_ioctl(p[0], SIOCGIFINDEX, "lo", &ifr), ENOTTY);
		close(p[0]);
		close(p[1]);
	}

	/* SIOCGIFCONF: lo's entry, the length asked with a NULL buffer. */
	fd = socket(AF_INET, SOCK_DGRAM, 0);
	struct ifreq reqs[32];
	struct ifconf ifc = { .ifc_len = sizeof(reqs), .ifc_req = reqs };
	r = ERR(ioctl(fd, SIOCGIFCONF, &ifc));
	int n = r == 0 ? ifc.ifc_len / (int)sizeof(struct ifreq) : 0, lo = -1;
	for (int i = 0; i < n; i++)
		if (!strcmp(reqs[i].ifr_name, "lo"))
			lo = i;
	report(r == 0 && lo == 0 && ifc.ifc_len % sizeof(struct ifreq) == 0,
	       "SIOCGIFCONF: %s, lo first: %s %s", errname(r ? errno : 0), lo >= 0 ? "lo" : "-",
	       lo >= 0 ? ip4(&reqs[lo].ifr_addr) : "");
	int full = ifc.ifc_len;
	struct ifconf null = { .ifc_len = 0, .ifc_buf = NULL };
	r = ERR(ioctl(fd, SIOCGIFCONF, &null));
	report(r == 0 && null.ifc_len == full, "SIOCGIFCONF with no buffer: the length needed: %s",
	       yesno(r == 0 && null.ifc_len == full));
	struct ifconf one = { .ifc_len = sizeof(struct ifreq) + 3, .ifc_req = reqs };
	r = ERR(ioctl(fd, SIOCGIFCONF, &one));
	report(r == 0 && one.ifc_len == sizeof(struct ifreq), "SIOCGIFCONF with room for 1.1: %d entry",
	       one.ifc_len / (int)sizeof(struct ifreq));
	expect_errno("SIOCGIFCONF bad pointer", ERR(ioctl(fd, SIOCGIFCONF, (void *)16)), EFAULT);
	close(fd);
}

/* --- netlink: the socket and the messages --- */

static int nl_socket(void)
{
	int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);

	if (fd < 0) {
		printf("netlink socket: %s\n", errname(errno));
		exit(1);
	}
	return fd;
}

static long nl_request(int fd, int type, int flags, unsigned seq, int family)
{
	struct {
		struct nlmsghdr nlh;
		struct rtgenmsg g;
	} req;

	memset(&req, 0, sizeof(req));
	req.nlh.nlmsg_len = sizeof(req);
	req.nlh.nlmsg_type = type;
	req.nlh.nlmsg_flags = flags;
	req.nlh.nlmsg_seq = seq;
	req.g.rtgen_family = family;
	return ERR(send(fd, &req, sizeof(req), 0));
}

static void test_netlink_socket(void)
{
	struct sockaddr_nl sa;
	socklen_t len;

	expect_errno("socket NETLINK 31 (no such protocol)",
		     ERR(socket(AF_NETLINK, SOCK_RAW, 31)), EPROTONOSUPPORT);
	expect_errno("socket NETLINK SOCK_STREAM", ERR(socket(AF_NETLINK, SOCK_STREAM, 0)),
		     ESOCKTNOSUPPORT);
	int d = ERR(socket(AF_NETLINK, SOCK_DGRAM, NETLINK_ROUTE));
	report(d >= 0, "socket NETLINK SOCK_DGRAM: %s", errname(d < 0 ? errno : 0));
	close(d);

	int fd = nl_socket();
	len = sizeof(sa);
	memset(&sa, 0xff, sizeof(sa));
	long r = ERR(getsockname(fd, (struct sockaddr *)&sa, &len));
	report(r == 0 && len == sizeof(sa) && sa.nl_family == AF_NETLINK && sa.nl_pid == 0,
	       "getsockname unbound: len %u, family %d, pid 0: %s", (unsigned)len, sa.nl_family,
	       yesno(sa.nl_pid == 0));
	int type = -1;
	len = sizeof(type);
	getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &len);
	int proto = -1;
	len = sizeof(proto);
	getsockopt(fd, SOL_SOCKET, SO_PROTOCOL, &proto, &len);
	int dom = -1;
	len = sizeof(dom);
	getsockopt(fd, SOL_SOCKET, SO_DOMAIN, &dom, &len);
	report(type == SOCK_RAW && proto == NETLINK_ROUTE && dom == AF_NETLINK,
	       "SO_TYPE %d, SO_PROTOCOL %d, SO_DOMAIN %d", type, proto, dom);

	memset(&sa, 0, sizeof(sa));
	sa.nl_family = AF_NETLINK;
	expect_errno("bind with a short length", ERR(bind(fd, (struct sockaddr *)&sa, 4)), EINVAL);
	sa.nl_family = AF_INET;
	expect_errno("bind AF_INET", ERR(bind(fd, (struct sockaddr *)&sa, sizeof(sa))), EINVAL);
	sa.nl_family = AF_NETLINK;
	expect_value("bind pid 0 (autobind)", ERR(bind(fd, (struct sockaddr *)&sa, sizeof(sa))), 0);
	len = sizeof(sa);
	getsockname(fd, (struct sockaddr *)&sa, &len);
	report((int)sa.nl_pid == getpid(), "the first socket's port id is the pid: %s",
	       yesno((int)sa.nl_pid == getpid()));
	unsigned first = sa.nl_pid;

	int fd2 = nl_socket();
	nl_request(fd2, RTM_GETLINK, NLM_F_REQUEST | NLM_F_DUMP, 1, AF_UNSPEC);
	len = sizeof(sa);
	getsockname(fd2, (struct sockaddr *)&sa, &len);
	report(sa.nl_pid != 0 && sa.nl_pid != first, "a send autobinds another port id: %s",
	       yesno(sa.nl_pid != 0 && sa.nl_pid != first));
	unsigned second = sa.nl_pid;
	int fd3 = nl_socket();
	memset(&sa, 0, sizeof(sa));
	sa.nl_family = AF_NETLINK;
	sa.nl_pid = second;
	expect_errno("bind to a port id in use", ERR(bind(fd3, (struct sockaddr *)&sa, sizeof(sa))),
		     EADDRINUSE);
	sa.nl_pid = 0x7ffffff0;
	expect_value("bind to a free port id", ERR(bind(fd3, (struct sockaddr *)&sa, sizeof(sa))), 0);
	len = sizeof(sa);
	getsockname(fd3, (struct sockaddr *)&sa, &len);
	report(sa.nl_pid == 0x7ffffff0, "getsockname says %#x", sa.nl_pid);
	sa.nl_pid = 0x7ffffff1;
	r = ERR(bind(fd3, (struct sockaddr *)&sa, sizeof(sa)));
	report(1, "bind again to another: %s", errname(r ? errno : 0));
	len = sizeof(sa);
	r = ERR(getpeername(fd3, (struct sockaddr *)&sa, &len));
	report(r == 0 && sa.nl_pid == 0, "getpeername: %s, the kernel (pid 0): %s",
	       errname(r ? errno : 0), yesno(sa.nl_pid == 0));
	close(fd);
	close(fd2);
	close(fd3);
}

static char buf[65536];

/* Receive one datagram; the messages in it are walked by the caller. */
static long nl_recv(int fd, int flags)
{
	return ERR(recv(fd, buf, sizeof(buf), flags));
}

static void test_netlink_messages(void)
{
	int fd = nl_socket();
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	socklen_t len = sizeof(sa);

	bind(fd, (struct sockaddr *)&sa, sizeof(sa));
	getsockname(fd, (struct sockaddr *)&sa, &len);
	unsigned pid = sa.nl_pid;

	/* A link dump: lo's RTM_NEWLINK with NLM_F_MULTI, then NLMSG_DONE. */
	nl_request(fd, RTM_GETLINK, NLM_F_REQUEST | NLM_F_DUMP, 7, AF_UNSPEC);
	int done = 0, links = 0, lo = 0, bad = 0;
	while (!done) {
		long n = nl_recv(fd, MSG_DONTWAIT);
		if (n <= 0) {
			report(0, "link dump ended without NLMSG_DONE: %s", errname(errno));
			break;
		}
		for (struct nlmsghdr *h = (void *)buf; NLMSG_OK(h, n); h = NLMSG_NEXT(h, n)) {
			bad |= h->nlmsg_seq != 7 || h->nlmsg_pid != pid || !(h->nlmsg_flags & NLM_F_MULTI);
			if (h->nlmsg_type == NLMSG_DONE) {
				report(h->nlmsg_len == NLMSG_LENGTH(sizeof(int)) &&
				       *(int *)NLMSG_DATA(h) == 0,
				       "NLMSG_DONE: length %u, error %d", h->nlmsg_len,
				       *(int *)NLMSG_DATA(h));
				done = 1;
				break;
			}
			if (h->nlmsg_type != RTM_NEWLINK) {
				report(0, "unexpected message type %d", h->nlmsg_type);
				continue;
			}
			links++;
			struct ifinfomsg *ifi = NLMSG_DATA(h);
			int alen = IFLA_PAYLOAD(h);
			char name[IFNAMSIZ] = "";
			unsigned mtu = 0;
			int have_addr = 0;
			for (struct rtattr *a = IFLA_RTA(ifi); RTA_OK(a, alen); a = RTA_NEXT(a, alen)) {
				if (a->rta_type == IFLA_IFNAME)
					snprintf(name, sizeof(name), "%s", (char *)RTA_DATA(a));
				else if (a->rta_type == IFLA_MTU)
					mtu = *(unsigned *)RTA_DATA(a);
				else if (a->rta_type == IFLA_ADDRESS)
					have_addr = RTA_PAYLOAD(a);
			}
			if (strcmp(name, "lo"))
				continue;
			lo = 1;
			report(ifi->ifi_index == 1 && ifi->ifi_type == ARPHRD_LOOPBACK,
			       "RTM_NEWLINK lo: index %d, type %d, flags %#x, mtu %u, address of %d bytes",
			       ifi->ifi_index, ifi->ifi_type, ifi->ifi_flags, mtu, have_addr);
		}
	}
	report(lo && links >= 1 && !bad, "link dump: lo found, seq, pid and NLM_F_MULTI on all: %s",
	       yesno(lo && !bad));
	expect_errno("nothing after NLMSG_DONE", nl_recv(fd, MSG_DONTWAIT), EAGAIN);

	/* An address dump of AF_INET: lo's 127.0.0.1/8. */
	nl_request(fd, RTM_GETADDR, NLM_F_REQUEST | NLM_F_DUMP, 8, AF_INET);
	done = 0;
	int found = 0;
	while (!done) {
		long n = nl_recv(fd, MSG_DONTWAIT);
		if (n <= 0)
			break;
		for (struct nlmsghdr *h = (void *)buf; NLMSG_OK(h, n); h = NLMSG_NEXT(h, n)) {
			if (h->nlmsg_type == NLMSG_DONE) {
				done = 1;
				break;
			}
			struct ifaddrmsg *ifa = NLMSG_DATA(h);
			int alen = IFA_PAYLOAD(h);
			char label[IFNAMSIZ] = "", local[INET_ADDRSTRLEN] = "";
			for (struct rtattr *a = IFA_RTA(ifa); RTA_OK(a, alen); a = RTA_NEXT(a, alen)) {
				if (a->rta_type == IFA_LABEL)
					snprintf(label, sizeof(label), "%s", (char *)RTA_DATA(a));
				else if (a->rta_type == IFA_LOCAL)
					inet_ntop(AF_INET, RTA_DATA(a), local, sizeof(local));
			}
			if (h->nlmsg_type != RTM_NEWADDR || ifa->ifa_family != AF_INET) {
				report(0, "address dump of AF_INET: type %d, family %d", h->nlmsg_type,
				       ifa->ifa_family);
				continue;
			}
			if (strcmp(label, "lo"))
				continue;
			found = 1;
			report(1, "RTM_NEWADDR lo: %s/%d, index %d, scope %d", local, ifa->ifa_prefixlen,
			       ifa->ifa_index, ifa->ifa_scope);
		}
	}
	report(done && found, "address dump ends with NLMSG_DONE, lo found: %s", yesno(done && found));

	/* An unknown type: NLMSG_ERROR with EOPNOTSUPP and our header. */
	nl_request(fd, 0x7f, NLM_F_REQUEST, 9, AF_UNSPEC);
	long n = nl_recv(fd, MSG_DONTWAIT);
	struct nlmsghdr *h = (void *)buf;
	struct nlmsgerr *e = NLMSG_DATA(h);
	report(n > 0 && h->nlmsg_type == NLMSG_ERROR, "unknown type 0x7f: %s, error %s, seq %u, echo type %#x",
	       n > 0 && h->nlmsg_type == NLMSG_ERROR ? "NLMSG_ERROR" : "no NLMSG_ERROR",
	       errname(-e->error), h->nlmsg_seq, e->msg.nlmsg_type);
	/* NLM_F_ACK on a dump: the dump, then nothing more (the DONE is the
	 * answer); on a lone GETLINK of lo: the link, then an ack. */
	struct {
		struct nlmsghdr nlh;
		struct ifinfomsg ifi;
	} get = { { sizeof(get), RTM_GETLINK, NLM_F_REQUEST | NLM_F_ACK, 10, 0 },
		  { .ifi_family = AF_UNSPEC, .ifi_index = 1 } };
	send(fd, &get, sizeof(get), 0);
	n = nl_recv(fd, MSG_DONTWAIT);
	h = (void *)buf;
	report(n > 0 && h->nlmsg_type == RTM_NEWLINK && !(h->nlmsg_flags & NLM_F_MULTI) &&
	       ((struct ifinfomsg *)NLMSG_DATA(h))->ifi_index == 1,
	       "RTM_GETLINK of index 1: RTM_NEWLINK without NLM_F_MULTI: %s",
	       yesno(n > 0 && h->nlmsg_type == RTM_NEWLINK && !(h->nlmsg_flags & NLM_F_MULTI)));
	n = nl_recv(fd, MSG_DONTWAIT);
	e = NLMSG_DATA(h);
	report(n > 0 && h->nlmsg_type == NLMSG_ERROR && e->error == 0, "then its ack: %s",
	       yesno(n > 0 && h->nlmsg_type == NLMSG_ERROR && e->error == 0));
	get.ifi.ifi_index = 999999;
	get.nlh.nlmsg_seq = 11;
	send(fd, &get, sizeof(get), 0);
	n = nl_recv(fd, MSG_DONTWAIT);
	e = NLMSG_DATA(h);
	report(n > 0 && h->nlmsg_type == NLMSG_ERROR, "RTM_GETLINK of index 999999: %s",
	       n > 0 && h->nlmsg_type == NLMSG_ERROR ? errname(-e->error) : "no error");
	/* Not a request: ignored. */
	nl_request(fd, RTM_GETLINK, NLM_F_DUMP, 12, AF_UNSPEC);
	expect_errno("a message without NLM_F_REQUEST: no answer", nl_recv(fd, MSG_DONTWAIT), EAGAIN);
	/* A short buffer: MSG_TRUNC, and the rest of that datagram is gone. */
	nl_request(fd, RTM_GETLINK, NLM_F_REQUEST | NLM_F_DUMP, 13, AF_UNSPEC);
	n = ERR(recv(fd, buf, 16, MSG_DONTWAIT | MSG_TRUNC));
	report(n > 16, "a dump read into 16 bytes with MSG_TRUNC: the datagram's length: %s",
	       yesno(n > 16));
	while (nl_recv(fd, MSG_DONTWAIT) > 0)
		;
	/* sendto another port id than the kernel's. */
	struct sockaddr_nl to = { .nl_family = AF_NETLINK, .nl_pid = 0x7ffffffe };
	struct {
		struct nlmsghdr nlh;
		struct rtgenmsg g;
	} req = { { sizeof(req), RTM_GETLINK, NLM_F_REQUEST | NLM_F_DUMP, 14, 0 }, { AF_UNSPEC } };
	expect_errno("sendto a port id nobody has", ERR(sendto(fd, &req, sizeof(req), 0,
							     (struct sockaddr *)&to, sizeof(to))),
		     ECONNREFUSED);
	to.nl_pid = 0;
	expect_value("sendto the kernel", ERR(sendto(fd, &req, sizeof(req), 0, (struct sockaddr *)&to,
						     sizeof(to))), sizeof(req));
	struct sockaddr_nl from;
	socklen_t flen = sizeof(from);
	memset(&from, 0xff, sizeof(from));
	n = ERR(recvfrom(fd, buf, sizeof(buf), MSG_DONTWAIT, (struct sockaddr *)&from, &flen));
	report(n > 0 && flen == sizeof(from) && from.nl_family == AF_NETLINK && from.nl_pid == 0,
	       "recvfrom: from the kernel (family %d, pid %u, length %u)", from.nl_family,
	       from.nl_pid, (unsigned)flen);
	close(fd);
}

/* --- the C library's view --- */

static void test_libc_lo(void)
{
	struct ifaddrs *ifa0;
	int link = 0, inet = 0;

	if (getifaddrs(&ifa0)) {
		report(0, "getifaddrs: %s", errname(errno));
		return;
	}
	for (struct ifaddrs *ifa = ifa0; ifa; ifa = ifa->ifa_next) {
		if (strcmp(ifa->ifa_name, "lo") || !ifa->ifa_addr)
			continue;
		if (ifa->ifa_addr->sa_family == AF_PACKET) {
			struct sockaddr_ll *ll = (void *)ifa->ifa_addr;
			link++;
			report(1, "getifaddrs lo AF_PACKET: flags %#x, ifindex %d, hatype %d, halen %d",
			       ifa->ifa_flags, ll->sll_ifindex, ll->sll_hatype, ll->sll_halen);
		} else if (ifa->ifa_addr->sa_family == AF_INET) {
			inet++;
			report(1, "getifaddrs lo AF_INET: flags %#x, %s netmask %s", ifa->ifa_flags,
			       ip4(ifa->ifa_addr), ip4(ifa->ifa_netmask));
		}
	}
	freeifaddrs(ifa0);
	report(link == 1 && inet == 1, "getifaddrs: lo once as a link, once as AF_INET: %s",
	       yesno(link == 1 && inet == 1));

	struct if_nameindex *ni = if_nameindex();
	int lo = 0;
	for (struct if_nameindex *p = ni; p && p->if_index; p++)
		if (!strcmp(p->if_name, "lo"))
			lo = p->if_index;
	if_freenameindex(ni);
	report(lo == 1, "if_nameindex: lo is %d", lo);
	report(if_nametoindex("lo") == 1, "if_nametoindex(lo) %u", if_nametoindex("lo"));
	char name[IF_NAMESIZE] = "";
	report(if_indextoname(1, name) && !strcmp(name, "lo"), "if_indextoname(1) %s", name);
	errno = 0;
	report(if_nametoindex("nosuch0") == 0, "if_nametoindex(nosuch0) 0 (%s)", errname(errno));
}

/* --- every interface (the kernel-only check) --- */

static int show_all(int argc, char **argv)
{
	struct ifaddrs *ifa0;
	int fd = socket(AF_INET, SOCK_DGRAM, 0);

	if (getifaddrs(&ifa0)) {
		report(0, "getifaddrs: %s", errname(errno));
		return 1;
	}
	struct if_nameindex *ni = if_nameindex();
	for (struct if_nameindex *p = ni; p && p->if_index; p++)
		printf("if_nameindex: %u %s\n", p->if_index, p->if_name);
	for (struct ifaddrs *ifa = ifa0; ifa; ifa = ifa->ifa_next) {
		int fam = ifa->ifa_addr ? ifa->ifa_addr->sa_family : -1;
		if (fam == AF_PACKET) {
			struct sockaddr_ll *ll = (void *)ifa->ifa_addr;
			printf("getifaddrs: %s link flags %#x index %d type %d address", ifa->ifa_name,
			       ifa->ifa_flags, ll->sll_ifindex, ll->sll_hatype);
			for (int i = 0; i < ll->sll_halen; i++)
				printf("%c%02x", i ? ':' : ' ', ll->sll_addr[i]);
			printf("\n");
			/* in if_nameindex, and the ioctls agree */
			int in = 0;
			for (struct if_nameindex *p = ni; p && p->if_index; p++)
				in |= (int)p->if_index == ll->sll_ifindex && !strcmp(p->if_name, ifa->ifa_name);
			report(in, "%s: in if_nameindex with index %d", ifa->ifa_name, ll->sll_ifindex);
			struct ifreq ifr;
			long r = ifr_ioctl(fd, SIOCGIFINDEX, ifa->ifa_name, &ifr);
			report(r == 0 && ifr.ifr_ifindex == ll->sll_ifindex, "%s: SIOCGIFINDEX %d",
			       ifa->ifa_name, ifr.ifr_ifindex);
			r = ifr_ioctl(fd, SIOCGIFFLAGS, ifa->ifa_name, &ifr);
			report(r == 0 && (unsigned short)ifr.ifr_flags == (ifa->ifa_flags & 0xffff),
			       "%s: SIOCGIFFLAGS %#x", ifa->ifa_name, (unsigned short)ifr.ifr_flags);
			r = ifr_ioctl(fd, SIOCGIFHWADDR, ifa->ifa_name, &ifr);
			report(r == 0 && ifr.ifr_hwaddr.sa_family == ll->sll_hatype &&
			       !memcmp(ifr.ifr_hwaddr.sa_data, ll->sll_addr, ll->sll_halen),
			       "%s: SIOCGIFHWADDR the same", ifa->ifa_name);
			memset(&ifr, 0, sizeof(ifr));
			ifr.ifr_ifindex = ll->sll_ifindex;
			r = ERR(ioctl(fd, SIOCGIFNAME, &ifr));
			report(r == 0 && !strcmp(ifr.ifr_name, ifa->ifa_name), "SIOCGIFNAME %d: %s",
			       ll->sll_ifindex, ifr.ifr_name);
		} else if (fam == AF_INET) {
			printf("getifaddrs: %s inet %s netmask %s flags %#x\n", ifa->ifa_name,
			       ip4(ifa->ifa_addr), ip4(ifa->ifa_netmask), ifa->ifa_flags);
		} else {
			printf("getifaddrs: %s family %d\n", ifa->ifa_name, fam);
		}
	}
	/* each NAME=ADDR/PREFIX asked for */
	for (int i = 2; i < argc; i++) {
		char name[IFNAMSIZ], addr[32];
		int prefix = -1, got = 0;
		if (sscanf(argv[i], "%15[^=]=%31[^/]/%d", name, addr, &prefix) != 3) {
			report(0, "bad argument %s", argv[i]);
			continue;
		}
		for (struct ifaddrs *ifa = ifa0; ifa; ifa = ifa->ifa_next) {
			if (strcmp(ifa->ifa_name, name) || !ifa->ifa_addr ||
			    ifa->ifa_addr->sa_family != AF_INET)
				continue;
			uint32_t m = ntohl(((struct sockaddr_in *)ifa->ifa_netmask)->sin_addr.s_addr);
			got |= !strcmp(ip4(ifa->ifa_addr), addr) && __builtin_popcount(m) == prefix;
		}
		report(got, "getifaddrs: %s has %s/%d", name, addr, prefix);
		struct ifreq ifr;
		long r = ifr_ioctl(fd, SIOCGIFADDR, name, &ifr);
		report(r == 0 && !strcmp(ip4(&ifr.ifr_addr), addr), "SIOCGIFADDR %s: %s", name,
		       r ? errname(errno) : ip4(&ifr.ifr_addr));
		struct ifreq reqs[16];
		struct ifconf ifc = { .ifc_len = sizeof(reqs), .ifc_req = reqs };
		got = 0;
		if (ioctl(fd, SIOCGIFCONF, &ifc) == 0)
			for (int j = 0; j < ifc.ifc_len / (int)sizeof(struct ifreq); j++)
				got |= !strcmp(reqs[j].ifr_name, name) &&
				       !strcmp(ip4(&reqs[j].ifr_addr), addr);
		report(got, "SIOCGIFCONF: %s %s", name, addr);
	}
	if_freenameindex(ni);
	freeifaddrs(ifa0);
	close(fd);
	printf("ifaddrs --all: %s\n", failed ? "FAILED" : "all passed");
	return failed != 0;
}

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "--all"))
		return show_all(argc, argv);
	test_ioctls_lo();
	test_netlink_socket();
	test_netlink_messages();
	test_libc_lo();
	printf("ifaddrs: %s\n", failed ? "FAILED" : "all passed");
	return failed != 0;
}
