/* ipv6: AF_INET6 sockets over ::1 and 127.0.0.1, checked against Linux.
 * Creation and the IPPROTO_IPV6 options' defaults and errors; bind's
 * and connect's errors (short lengths, the wrong family, an address not
 * ours, a mapped address on a V6ONLY socket); getsockname/getpeername
 * as sockaddr_in6; TCP and UDP over ::1; the dual stack: a listener on
 * :: accepting an AF_INET client as ::ffff:127.0.0.1, a V6ONLY one
 * refusing it, the port clash with 0.0.0.0 only without V6ONLY; UDP
 * from IPv4 to a socket on ::, to ::ffff:127.0.0.1 and to an AF_INET
 * address; /proc/net/tcp6, udp6 and if_inet6's lines for ::1 and lo;
 * getifaddrs listing ::1 on lo. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>
#include "check.h"
#include "inet_common.h"

#define PORT_BASE	24900	/* each part uses its own port */

static struct sockaddr_in6 addr6(const char *text, int port)
{
	struct sockaddr_in6 a = { .sin6_family = AF_INET6, .sin6_port = htons(port) };
	inet_pton(AF_INET6, text, &a.sin6_addr);
	return a;
}

/* An address as "[text]:port", the port by name ("ephemeral") unless
 * it is one of ours, so that the line is the same on both kernels. */
static const char *name6(const struct sockaddr_in6 *a, socklen_t len)
{
	static char out[128];
	char text[INET6_ADDRSTRLEN];
	int port = ntohs(a->sin6_port);

	inet_ntop(AF_INET6, &a->sin6_addr, text, sizeof(text));
	if (port >= PORT_BASE && port < PORT_BASE + 100)
		snprintf(out, sizeof(out), "family %d len %u [%s]:%d flow %u scope %u",
			 a->sin6_family, len, text, port, a->sin6_flowinfo, a->sin6_scope_id);
	else
		snprintf(out, sizeof(out), "family %d len %u [%s]:%s flow %u scope %u",
			 a->sin6_family, len, text, port ? "ephemeral" : "0",
			 a->sin6_flowinfo, a->sin6_scope_id);
	return out;
}

static const char *sockname(int fd, int peer)
{
	struct sockaddr_in6 a;
	socklen_t len = sizeof(a);
	memset(&a, 0x55, sizeof(a));
	long r = peer ? getpeername(fd, (struct sockaddr *)&a, &len)
		      : getsockname(fd, (struct sockaddr *)&a, &len);
	return r < 0 ? err(r) : name6(&a, len);
}

static long bind6(int fd, const char *text, int port)
{
	struct sockaddr_in6 a = addr6(text, port);
	return bind(fd, (struct sockaddr *)&a, sizeof(a));
}

static long connect6(int fd, const char *text, int port)
{
	struct sockaddr_in6 a = addr6(text, port);
	return connect(fd, (struct sockaddr *)&a, sizeof(a));
}

static int intopt(int fd, int level, int name)
{
	int v = -99;
	socklen_t len = sizeof(v);
	return getsockopt(fd, level, name, &v, &len) < 0 ? -errno : v;
}

static long setint(int fd, int level, int name, int v)
{
	return setsockopt(fd, level, name, &v, sizeof(v));
}

static void creation_and_options(void)
{
	int t = socket(AF_INET6, SOCK_STREAM | SOCK_CLOEXEC, 0);
	int u = socket(AF_INET6, SOCK_DGRAM, IPPROTO_UDP);
	int v4 = socket(AF_INET, SOCK_DGRAM, 0);
	report(t >= 0 && u >= 0, "socket(AF_INET6, STREAM) and (DGRAM, UDP): %s", err(t < 0 ? t : u));
	report(1, "SO_DOMAIN %d %d, SO_PROTOCOL %d %d",
	       intopt(t, SOL_SOCKET, SO_DOMAIN), intopt(u, SOL_SOCKET, SO_DOMAIN),
	       intopt(t, SOL_SOCKET, SO_PROTOCOL), intopt(u, SOL_SOCKET, SO_PROTOCOL));
	long r = socket(AF_INET6, SOCK_STREAM, IPPROTO_UDP);
	report(r < 0, "socket(AF_INET6, STREAM, UDP): %s", err(r));
	report(1, "defaults: V6ONLY %d, UNICAST_HOPS %d %d, MULTICAST_HOPS %d, MULTICAST_LOOP %d, MULTICAST_IF %d",
	       intopt(t, IPPROTO_IPV6, IPV6_V6ONLY), intopt(t, IPPROTO_IPV6, IPV6_UNICAST_HOPS),
	       intopt(u, IPPROTO_IPV6, IPV6_UNICAST_HOPS), intopt(u, IPPROTO_IPV6, IPV6_MULTICAST_HOPS),
	       intopt(u, IPPROTO_IPV6, IPV6_MULTICAST_LOOP), intopt(u, IPPROTO_IPV6, IPV6_MULTICAST_IF));
	r = setint(u, IPPROTO_IPV6, IPV6_UNICAST_HOPS, 10);
	report(r == 0 && intopt(u, IPPROTO_IPV6, IPV6_UNICAST_HOPS) == 10, "UNICAST_HOPS 10: %s, reads %d",
	       err(r), intopt(u, IPPROTO_IPV6, IPV6_UNICAST_HOPS));
	r = setint(u, IPPROTO_IPV6, IPV6_UNICAST_HOPS, -1);
	report(r == 0, "UNICAST_HOPS -1: %s, reads %d", err(r), intopt(u, IPPROTO_IPV6, IPV6_UNICAST_HOPS));
	r = setint(u, IPPROTO_IPV6, IPV6_UNICAST_HOPS, 256);
	report(r < 0, "UNICAST_HOPS 256: %s", err(r));
	r = setint(u, IPPROTO_IPV6, IPV6_UNICAST_HOPS, -2);
	report(r < 0, "UNICAST_HOPS -2: %s", err(r));
	r = setint(u, IPPROTO_IPV6, IPV6_MULTICAST_HOPS, 5);
	report(r == 0, "MULTICAST_HOPS 5: %s, reads %d", err(r), intopt(u, IPPROTO_IPV6, IPV6_MULTICAST_HOPS));
	r = setint(u, IPPROTO_IPV6, IPV6_MULTICAST_HOPS, -1);
	report(r == 0, "MULTICAST_HOPS -1: %s, reads %d", err(r), intopt(u, IPPROTO_IPV6, IPV6_MULTICAST_HOPS));
	r = setint(t, IPPROTO_IPV6, IPV6_MULTICAST_HOPS, 5);
	report(r < 0, "MULTICAST_HOPS on TCP: %s", err(r));
	r = setint(u, IPPROTO_IPV6, IPV6_MULTICAST_LOOP, 2);
	report(r < 0, "MULTICAST_LOOP 2: %s", err(r));
	r = setint(u, IPPROTO_IPV6, IPV6_MULTICAST_LOOP, 0);
	report(r == 0, "MULTICAST_LOOP 0: %s, reads %d", err(r), intopt(u, IPPROTO_IPV6, IPV6_MULTICAST_LOOP));
	r = setint(u, IPPROTO_IPV6, IPV6_MULTICAST_IF, 1);
	report(r == 0, "MULTICAST_IF 1 (lo): %s, reads %d", err(r), intopt(u, IPPROTO_IPV6, IPV6_MULTICAST_IF));
	r = setint(u, IPPROTO_IPV6, IPV6_MULTICAST_IF, 999);
	report(r < 0, "MULTICAST_IF 999: %s", err(r));
	short s = 1;
	r = setsockopt(u, IPPROTO_IPV6, IPV6_V6ONLY, &s, sizeof(s));
	report(r < 0, "V6ONLY with a 2-byte value: %s", err(r));
	r = setint(v4, IPPROTO_IPV6, IPV6_V6ONLY, 1);
	report(r < 0, "V6ONLY on an AF_INET socket: %s", err(r));
	report(1, "its getsockopt: %s", strerror(-intopt(v4, IPPROTO_IPV6, IPV6_V6ONLY)));

	struct ipv6_mreq mr = { .ipv6mr_interface = 0 };
	inet_pton(AF_INET6, "::1", &mr.ipv6mr_multiaddr);
	r = setsockopt(u, IPPROTO_IPV6, IPV6_JOIN_GROUP, &mr, sizeof(mr));
	report(r < 0, "JOIN_GROUP of ::1 (not multicast): %s", err(r));
	inet_pton(AF_INET6, "ff02::1:3", &mr.ipv6mr_multiaddr);
	mr.ipv6mr_interface = 999;
	r = setsockopt(u, IPPROTO_IPV6, IPV6_JOIN_GROUP, &mr, sizeof(mr));
	report(r < 0, "JOIN_GROUP on interface 999: %s", err(r));
	r = setsockopt(u, IPPROTO_IPV6, IPV6_JOIN_GROUP, &mr, 8);
	report(r < 0, "JOIN_GROUP with 8 bytes: %s", err(r));
	mr.ipv6mr_interface = 0;
	r = setsockopt(t, IPPROTO_IPV6, IPV6_JOIN_GROUP, &mr, sizeof(mr));
	report(r < 0, "JOIN_GROUP on TCP: %s", err(r));
	r = setsockopt(u, IPPROTO_IPV6, IPV6_LEAVE_GROUP, &mr, sizeof(mr));
	report(r < 0, "LEAVE_GROUP never joined: %s", err(r));
	close(t);
	close(u);
	close(v4);
}

static void bind_errors(void)
{
	int fd = socket(AF_INET6, SOCK_STREAM, 0), fd2 = socket(AF_INET6, SOCK_STREAM, 0);
	report(1, "unbound: %s", sockname(fd, 0));
	report(1, "unbound peer: %s", sockname(fd, 1));
	struct sockaddr_in6 a = addr6("::1", PORT_BASE);
	long r = bind(fd, (struct sockaddr *)&a, 23);
	report(r < 0, "bind with 23 bytes: %s", err(r));
	r = bind(fd, (struct sockaddr *)&a, 24);
	report(r == 0, "bind [::1] with 24 bytes (no scope id): %s", err(r));
	report(1, "bound: %s", sockname(fd, 0));
	r = bind6(fd, "::1", PORT_BASE + 1);
	report(r < 0, "bind again: %s", err(r));
	r = bind6(fd2, "::1", PORT_BASE);
	report(r < 0, "bind of a port taken: %s", err(r));
	close(fd2);
	fd2 = socket(AF_INET6, SOCK_STREAM, 0);
	struct sockaddr_in sin = addr_of(PORT_BASE + 1);
	r = bind(fd2, (struct sockaddr *)&sin, sizeof(sin));
	report(r < 0, "bind of a sockaddr_in: %s", err(r));
	struct sockaddr_in6 big = addr6("::1", PORT_BASE + 1);
	big.sin6_family = AF_INET;
	r = bind(fd2, (struct sockaddr *)&big, sizeof(big));
	report(r < 0, "bind of family AF_INET in 28 bytes: %s", err(r));
	r = bind6(fd2, "2001:db8::1", PORT_BASE + 1);
	report(r < 0, "bind of an address not ours: %s", err(r));
	r = bind6(fd2, "::ffff:10.9.8.7", PORT_BASE + 1);
	report(r < 0, "bind of a mapped address not ours: %s", err(r));
	r = bind6(fd2, "::ffff:127.0.0.1", PORT_BASE + 1);
	report(r == 0, "bind ::ffff:127.0.0.1: %s; %s", err(r), sockname(fd2, 0));
	r = setint(fd2, IPPROTO_IPV6, IPV6_V6ONLY, 1);
	report(r < 0, "V6ONLY after bind: %s", err(r));
	close(fd2);
	fd2 = socket(AF_INET6, SOCK_DGRAM, 0);
	setint(fd2, IPPROTO_IPV6, IPV6_V6ONLY, 1);
	r = bind6(fd2, "::ffff:127.0.0.1", PORT_BASE + 1);
	report(r < 0, "V6ONLY: bind of a mapped address: %s", err(r));
	r = bind6(fd2, "::", 0);
	report(r == 0, "V6ONLY: bind [::]:0: %s; %s", err(r), sockname(fd2, 0));
	close(fd2);
	close(fd);
}

static int listener6(const char *text, int port, int v6only)
{
	int fd = socket(AF_INET6, SOCK_STREAM, 0);
	setint(fd, SOL_SOCKET, SO_REUSEADDR, 1);
	if (v6only >= 0)
		setint(fd, IPPROTO_IPV6, IPV6_V6ONLY, v6only);
	if (bind6(fd, text, port) < 0 || listen(fd, 8) < 0) {
		printf("listen [%s]:%d: %s\n", text, port, strerror(errno));
		exit(1);
	}
	return fd;
}

static void tcp_loopback(void)
{
	int l = listener6("::1", PORT_BASE + 2, -1);
	report(1, "listener: %s", sockname(l, 0));
	int c = socket(AF_INET6, SOCK_STREAM, 0);
	long r = connect6(c, "::1", PORT_BASE + 2);
	report(r == 0, "connect [::1]: %s", err(r));
	struct sockaddr_in6 peer;
	socklen_t len = sizeof(peer);
	int s = accept(l, (struct sockaddr *)&peer, &len);
	report(s >= 0, "accept: %s; peer %s", err(s), name6(&peer, len));
	report(1, "client: %s", sockname(c, 0));
	report(1, "client's peer: %s", sockname(c, 1));
	report(1, "accepted: %s", sockname(s, 0));
	struct sockaddr_in6 cl;
	len = sizeof(cl);
	getsockname(c, (struct sockaddr *)&cl, &len);
	report(cl.sin6_port == peer.sin6_port, "accept's peer port is the client's: %s",
	       yesno(cl.sin6_port == peer.sin6_port));
	char buf[16] = "";
	r = write(c, "hello6", 6);
	long n = read(s, buf, sizeof(buf));
	report(r == 6 && n == 6 && !memcmp(buf, "hello6", 6), "6 bytes across: %ld", n);
	r = write(s, "back", 4);
	n = read(c, buf, sizeof(buf));
	report(n == 4, "4 bytes back: %ld", n);
	report(1, "accepted SO_DOMAIN %d, V6ONLY %d", intopt(s, SOL_SOCKET, SO_DOMAIN),
	       intopt(s, IPPROTO_IPV6, IPV6_V6ONLY));
	int nd = intopt(s, IPPROTO_TCP, TCP_NODELAY);
	report(nd == 0, "TCP_NODELAY on it: %d", nd);
	close(c);
	close(s);
	close(l);

	c = socket(AF_INET6, SOCK_STREAM, 0);
	r = connect6(c, "::1", PORT_BASE + 3);
	report(r < 0, "connect to a closed port: %s", err(r));
	close(c);
	c = socket(AF_INET6, SOCK_STREAM, 0);
	struct sockaddr_in6 a = addr6("::1", PORT_BASE + 3);
	r = connect(c, (struct sockaddr *)&a, 20);
	report(r < 0, "connect with 20 bytes: %s", err(r));
	struct sockaddr_in sin = addr_of(PORT_BASE + 3);
	r = connect(c, (struct sockaddr *)&sin, sizeof(sin));
	report(r < 0, "connect to a sockaddr_in: %s", err(r));
	setint(c, IPPROTO_IPV6, IPV6_V6ONLY, 1);
	r = connect6(c, "::ffff:127.0.0.1", PORT_BASE + 3);
	report(r < 0, "V6ONLY: connect to a mapped address: %s", err(r));
	close(c);
}

/* A listener on [::]:port, an AF_INET client to 127.0.0.1:port. */
static void dual_stack(void)
{
	int l = listener6("::", PORT_BASE + 4, -1);
	report(1, "dual listener: %s", sockname(l, 0));
	int c = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in sin = addr_of(PORT_BASE + 4);
	long r = connect(c, (struct sockaddr *)&sin, sizeof(sin));
	report(r == 0, "AF_INET connect to it: %s", err(r));
	struct sockaddr_in6 peer;
	socklen_t len = sizeof(peer);
	int s = accept(l, (struct sockaddr *)&peer, &len);
	report(s >= 0, "accept: %s; peer %s", err(s), name6(&peer, len));
	report(1, "accepted: %s", sockname(s, 0));
	char buf[8];
	r = write(c, "v4", 2);
	report(read(s, buf, sizeof(buf)) == 2, "2 bytes across");
	close(s);
	close(c);

	c = socket(AF_INET6, SOCK_STREAM, 0);
	r = connect6(c, "::ffff:127.0.0.1", PORT_BASE + 4);
	report(r == 0, "AF_INET6 connect to ::ffff:127.0.0.1: %s", err(r));
	report(1, "its name: %s", sockname(c, 0));
	report(1, "its peer: %s", sockname(c, 1));
	len = sizeof(peer);
	s = accept(l, (struct sockaddr *)&peer, &len);
	report(s >= 0, "accept: %s; peer %s", err(s), name6(&peer, len));
	close(s);
	close(c);

	c = socket(AF_INET6, SOCK_STREAM, 0);
	r = connect6(c, "::1", PORT_BASE + 4);
	report(r == 0, "and connect to [::1]: %s", err(r));
	len = sizeof(peer);
	s = accept(l, (struct sockaddr *)&peer, &len);
	report(s >= 0, "accept: %s; peer %s", err(s), name6(&peer, len));
	close(s);
	close(c);

	int v4 = socket(AF_INET, SOCK_STREAM, 0);
	setint(v4, SOL_SOCKET, SO_REUSEADDR, 1);
	struct sockaddr_in any = { .sin_family = AF_INET, .sin_port = htons(PORT_BASE + 4) };
	r = bind(v4, (struct sockaddr *)&any, sizeof(any));
	report(r < 0, "AF_INET bind 0.0.0.0 beside it: %s", err(r));
	close(v4);
	close(l);

	l = listener6("::", PORT_BASE + 5, 1);
	report(1, "V6ONLY listener: %s, V6ONLY %d", sockname(l, 0), intopt(l, IPPROTO_IPV6, IPV6_V6ONLY));
	c = socket(AF_INET, SOCK_STREAM, 0);
	sin = addr_of(PORT_BASE + 5);
	r = connect(c, (struct sockaddr *)&sin, sizeof(sin));
	report(r < 0, "AF_INET connect to it: %s", err(r));
	close(c);
	v4 = socket(AF_INET, SOCK_STREAM, 0);
	setint(v4, SOL_SOCKET, SO_REUSEADDR, 1);
	any.sin_port = htons(PORT_BASE + 5);
	r = bind(v4, (struct sockaddr *)&any, sizeof(any));
	report(r == 0, "AF_INET bind 0.0.0.0 beside it: %s", err(r));
	r = listen(v4, 4);
	report(r == 0, "and listen: %s", err(r));
	c = socket(AF_INET, SOCK_STREAM, 0);
	r = connect(c, (struct sockaddr *)&sin, sizeof(sin));
	report(r == 0, "AF_INET connect reaches that one: %s", err(r));
	struct pollfd p[2] = { { l, POLLIN, 0 }, { v4, POLLIN, 0 } };
	poll(p, 2, 2000);
	report(!(p[0].revents & POLLIN) && (p[1].revents & POLLIN),
	       "ready: the V6ONLY listener %s, the AF_INET one %s",
	       yesno(p[0].revents & POLLIN), yesno(p[1].revents & POLLIN));
	close(c);
	close(v4);
	close(l);
}

static const char *recv_name(int fd, char *buf, size_t size, long *n)
{
	struct sockaddr_in6 from;
	socklen_t len = sizeof(from);
	struct pollfd p = { fd, POLLIN, 0 };
	poll(&p, 1, 2000);
	*n = recvfrom(fd, buf, size, MSG_DONTWAIT, (struct sockaddr *)&from, &len);
	return *n < 0 ? err(*n) : name6(&from, len);
}

static void udp(void)
{
	int r6 = socket(AF_INET6, SOCK_DGRAM, 0), s6 = socket(AF_INET6, SOCK_DGRAM, 0);
	char buf[64];
	long n, r = bind6(r6, "::", PORT_BASE + 6);
	report(r == 0, "UDP bind [::]: %s; %s", err(r), sockname(r6, 0));
	r = bind6(s6, "::1", PORT_BASE + 7);
	struct sockaddr_in6 to = addr6("::1", PORT_BASE + 6);
	r = sendto(s6, "six", 3, 0, (struct sockaddr *)&to, sizeof(to));
	report(r == 3, "sendto [::1]: %s", err(r));
	const char *from = recv_name(r6, buf, sizeof(buf), &n);
	report(n == 3, "recvfrom: %ld from %s", n, from);

	int s4 = socket(AF_INET, SOCK_DGRAM, 0);
	struct sockaddr_in sin = addr_of(PORT_BASE + 6);
	r = sendto(s4, "four", 4, 0, (struct sockaddr *)&sin, sizeof(sin));
	from = recv_name(r6, buf, sizeof(buf), &n);
	report(n == 4, "from an AF_INET socket: %ld from %s", n, from);

	int d6 = socket(AF_INET6, SOCK_DGRAM, 0);
	to = addr6("::ffff:127.0.0.1", PORT_BASE + 6);
	r = sendto(d6, "mapped", 6, 0, (struct sockaddr *)&to, sizeof(to));
	report(r == 6, "sendto ::ffff:127.0.0.1: %s", err(r));
	from = recv_name(r6, buf, sizeof(buf), &n);
	report(n == 6, "recvfrom: %ld from %s", n, from);
	report(1, "the sender's name: %s", sockname(d6, 0));
	r = sendto(d6, "in4", 3, 0, (struct sockaddr *)&sin, sizeof(sin));
	report(r == 3, "sendto a sockaddr_in from AF_INET6: %s", err(r));
	from = recv_name(r6, buf, sizeof(buf), &n);
	report(n == 3, "recvfrom: %ld from %s", n, from);
	close(d6);

	d6 = socket(AF_INET6, SOCK_DGRAM, 0);
	setint(d6, IPPROTO_IPV6, IPV6_V6ONLY, 1);
	to = addr6("::ffff:127.0.0.1", PORT_BASE + 6);
	r = sendto(d6, "x", 1, 0, (struct sockaddr *)&to, sizeof(to));
	report(r < 0, "V6ONLY: sendto a mapped address: %s", err(r));
	r = sendto(d6, "x", 1, 0, (struct sockaddr *)&sin, sizeof(sin));
	report(r < 0, "V6ONLY: sendto a sockaddr_in: %s", err(r));
	r = connect(d6, (struct sockaddr *)&sin, sizeof(sin));
	report(r < 0, "V6ONLY: connect to a sockaddr_in: %s", err(r));
	to = addr6("::1", PORT_BASE + 6);
	r = sendto(d6, "x", 1, 0, (struct sockaddr *)&to, 20);
	report(r < 0, "sendto with 20 bytes: %s", err(r));
	struct sockaddr_un un = { .sun_family = AF_UNIX };
	r = sendto(d6, "x", 1, 0, (struct sockaddr *)&un, sizeof(un));
	report(r < 0, "sendto an AF_UNIX address: %s", err(r));
	r = sendto(d6, "x", 1, 0, (struct sockaddr *)&to, 24);
	report(r == 1, "sendto with 24 bytes: %s", err(r));
	from = recv_name(r6, buf, sizeof(buf), &n);
	report(n == 1, "recvfrom: %ld from %s", n, from);

	r = connect6(d6, "::1", PORT_BASE + 6);
	report(r == 0, "connect [::1]: %s", err(r));
	report(1, "connected: %s", sockname(d6, 0));
	report(1, "its peer: %s", sockname(d6, 1));
	r = send(d6, "conn", 4, 0);
	from = recv_name(r6, buf, sizeof(buf), &n);
	report(n == 4, "send: %ld, from %s", n, from);
	close(d6);

	d6 = socket(AF_INET6, SOCK_DGRAM, 0);
	r = connect(d6, (struct sockaddr *)&sin, sizeof(sin));
	report(r == 0, "connect a dual socket to a sockaddr_in: %s", err(r));
	report(1, "its peer: %s", sockname(d6, 1));
	close(d6);
	d6 = socket(AF_INET6, SOCK_DGRAM, 0);
	r = connect6(d6, "::", PORT_BASE + 6);
	report(r == 0, "connect to [::] (the loopback): %s", err(r));
	report(1, "its peer: %s", sockname(d6, 1));
	close(d6);
	close(s4);
	close(s6);
	close(r6);
}

/* The line of /proc/net/FILE whose local address is addr:port, from
 * "st" on (the queues, timers and inode vary). */
static void proc_line(const char *file, const char *addr, int port)
{
	char path[64], want[64], line[512];
	snprintf(path, sizeof(path), "/proc/net/%s", file);
	snprintf(want, sizeof(want), "%s:%04X", addr, port);
	FILE *f = fopen(path, "r");
	int found = 0, lines = 0;
	if (!f) {
		report(0, "%s: %s", path, strerror(errno));
		return;
	}
	if (fgets(line, sizeof(line), f))
		report(1, "%s header: %s", file, strtok(line, "\n"));
	while (fgets(line, sizeof(line), f)) {
		char local[64], remote[64], st[8];
		lines++;
		if (sscanf(line, "%*s %63s %63s %7s", local, remote, st) == 3 &&
		    !strcmp(local, want)) {
			found++;
			report(1, "%s: %s %s st %s", file, local, remote, st);
		}
	}
	fclose(f);
	report(found == 1, "%s lists %s once: %d", file, want, found);
}

static void proc_files(void)
{
	int l = listener6("::1", PORT_BASE + 8, -1);
	int d = listener6("::", PORT_BASE + 9, -1);
	int u = socket(AF_INET6, SOCK_DGRAM, 0);
	bind6(u, "::1", PORT_BASE + 10);
	proc_line("tcp6", "00000000000000000000000001000000", PORT_BASE + 8);
	proc_line("tcp6", "00000000000000000000000000000000", PORT_BASE + 9);
	proc_line("udp6", "00000000000000000000000001000000", PORT_BASE + 10);
	FILE *f = fopen("/proc/net/tcp", "r");
	char line[512];
	int in4 = 0;
	while (f && fgets(line, sizeof(line), f)) {
		char port[8];
		snprintf(port, sizeof(port), ":%04X ", PORT_BASE + 8);
		in4 += strstr(line, port) != NULL;
	}
	if (f)
		fclose(f);
	report(in4 == 0, "/proc/net/tcp leaves the AF_INET6 listener out: %d", in4);
	close(u);
	close(d);
	close(l);

	f = fopen("/proc/net/if_inet6", "r");
	int lo = 0;
	while (f && fgets(line, sizeof(line), f))
		if (!strncmp(line, "00000000000000000000000000000001 ", 33)) {
			lo++;
			report(1, "if_inet6: %s", strtok(line, "\n"));
		}
	if (f)
		fclose(f);
	report(lo == 1, "if_inet6 lists ::1 once: %d", lo);

	struct ifaddrs *ifa, *i;
	int n6 = 0;
	if (getifaddrs(&ifa) < 0) {
		report(0, "getifaddrs: %s", strerror(errno));
		return;
	}
	for (i = ifa; i; i = i->ifa_next) {
		if (!i->ifa_addr || i->ifa_addr->sa_family != AF_INET6)
			continue;
		char text[INET6_ADDRSTRLEN], mask[INET6_ADDRSTRLEN] = "-";
		struct sockaddr_in6 *a = (struct sockaddr_in6 *)i->ifa_addr;
		inet_ntop(AF_INET6, &a->sin6_addr, text, sizeof(text));
		if (strcmp(text, "::1"))
			continue;
		if (i->ifa_netmask)
			inet_ntop(AF_INET6, &((struct sockaddr_in6 *)i->ifa_netmask)->sin6_addr,
				  mask, sizeof(mask));
		n6++;
		report(1, "getifaddrs: %s %s mask %s", i->ifa_name, text, mask);
	}
	freeifaddrs(ifa);
	report(n6 == 1, "getifaddrs lists ::1 once: %d", n6);
	report(if_nametoindex("lo") == 1, "if_nametoindex(lo): %u", if_nametoindex("lo"));
}

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	creation_and_options();
	bind_errors();
	tcp_loopback();
	dual_stack();
	udp();
	proc_files();
	printf("%d failed\n", failed);
	return failed != 0;
}
