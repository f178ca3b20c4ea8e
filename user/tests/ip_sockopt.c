/*
 * ip_sockopt: the IPPROTO_IP options and the socket timeouts of TCP
 * and UDP sockets, as Linux answers them.  IP_TTL (64 by default, 1 to
 * 255 or -1, EINVAL otherwise, the one-byte forms of set and get),
 * IP_TOS (TCP keeps its ECN bits out), IP_RECVERR, IP_MULTICAST_TTL
 * (-1 is 1, EINVAL on TCP), IP_MULTICAST_LOOP, IP_MULTICAST_IF (an
 * in_addr, an ip_mreqn by index, EADDRNOTAVAIL, EINVAL), ENOPROTOOPT
 * for an unknown one; SO_REUSEADDR on UDP (a second bind of a port
 * only when both sockets set it; one of them gets a datagram); and
 * SO_RCVTIMEO/SO_SNDTIMEO read back and honoured by UDP recv, TCP
 * recv, accept and a TCP send into a full buffer (EAGAIN after at least
 * the time set); recv(MSG_OOB) on TCP with no urgent data is EINVAL.
 */
#include <fcntl.h>
#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <net/if.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>

#include "errname.h"
#include "inet_common.h"

static int getint(int fd, int level, int opt, socklen_t *len)
{
	int v = -12345;
	socklen_t l = sizeof(v);
	if (getsockopt(fd, level, opt, &v, &l) < 0)
		return -1000 - errno;
	if (len)
		*len = l;
	return v;
}

static int setint(int fd, int level, int opt, int v)
{
	return setsockopt(fd, level, opt, &v, sizeof(v));
}

static void ttl_tos(int fd, const char *kind)
{
	printf("%s:\n", kind);
	expect_value("  IP_TTL by default", getint(fd, IPPROTO_IP, IP_TTL, NULL), 64);
	expect_value("  IP_TTL 1", (setint(fd, IPPROTO_IP, IP_TTL, 1), getint(fd, IPPROTO_IP, IP_TTL, NULL)), 1);
	expect_value("  IP_TTL 255", (setint(fd, IPPROTO_IP, IP_TTL, 255), getint(fd, IPPROTO_IP, IP_TTL, NULL)), 255);
	expect_errno("  IP_TTL 0", ERR(setint(fd, IPPROTO_IP, IP_TTL, 0)), EINVAL);
	expect_errno("  IP_TTL 256", ERR(setint(fd, IPPROTO_IP, IP_TTL, 256)), EINVAL);
	expect_value("  IP_TTL -1: the default again", (setint(fd, IPPROTO_IP, IP_TTL, -1), getint(fd, IPPROTO_IP, IP_TTL, NULL)), 64);
	unsigned char c = 7;
	expect_value("  IP_TTL as one byte", setsockopt(fd, IPPROTO_IP, IP_TTL, &c, 1), 0);
	c = 0;
	socklen_t l = 1;
	getsockopt(fd, IPPROTO_IP, IP_TTL, &c, &l);
	report(c == 7 && l == 1, "  read into one byte: %d (length %u)", c, l);
	expect_errno("  IP_TTL with length 0", ERR(setsockopt(fd, IPPROTO_IP, IP_TTL, &c, 0)), EINVAL);
	expect_errno("  IP_TTL from a bad pointer", ERR(setsockopt(fd, IPPROTO_IP, IP_TTL, (void *)1, 4)), EFAULT);
	l = 4;
	expect_errno("  IP_TTL into a bad pointer", ERR(getsockopt(fd, IPPROTO_IP, IP_TTL, (void *)1, &l)), EFAULT);
	l = -1;
	expect_errno("  IP_TTL with length -1", ERR(getsockopt(fd, IPPROTO_IP, IP_TTL, &c, &l)), EINVAL);
	expect_value("  IP_TOS by default", getint(fd, IPPROTO_IP, IP_TOS, NULL), 0);
	expect_value("  IP_TOS 0x13", (setint(fd, IPPROTO_IP, IP_TOS, 0x13), getint(fd, IPPROTO_IP, IP_TOS, NULL)),
		     strcmp(kind, "TCP") ? 0x13 : 0x10);
	expect_value("  IP_RECVERR by default", getint(fd, IPPROTO_IP, IP_RECVERR, NULL), 0);
	expect_value("  IP_RECVERR 5", (setint(fd, IPPROTO_IP, IP_RECVERR, 5), getint(fd, IPPROTO_IP, IP_RECVERR, NULL)), 1);
	expect_value("  IP_MULTICAST_LOOP by default", getint(fd, IPPROTO_IP, IP_MULTICAST_LOOP, NULL), 1);
	expect_value("  SO_BROADCAST by default", getint(fd, SOL_SOCKET, SO_BROADCAST, NULL), 0);
	expect_value("  SO_BROADCAST 1", (setint(fd, SOL_SOCKET, SO_BROADCAST, 1), getint(fd, SOL_SOCKET, SO_BROADCAST, NULL)), 1);
	expect_errno("  an unknown IP option", ERR(setint(fd, IPPROTO_IP, 30, 1)), ENOPROTOOPT);
	expect_value("  ... to read", getint(fd, IPPROTO_IP, 30, NULL), -1000 - ENOPROTOOPT);
}

static void multicast(void)
{
	int u = socket(AF_INET, SOCK_DGRAM, 0), t = socket(AF_INET, SOCK_STREAM, 0);
	printf("multicast sender options (UDP):\n");
	expect_value("  IP_MULTICAST_TTL by default", getint(u, IPPROTO_IP, IP_MULTICAST_TTL, NULL), 1);
	expect_value("  IP_MULTICAST_TTL 5", (setint(u, IPPROTO_IP, IP_MULTICAST_TTL, 5), getint(u, IPPROTO_IP, IP_MULTICAST_TTL, NULL)), 5);
	expect_value("  IP_MULTICAST_TTL -1 is 1", (setint(u, IPPROTO_IP, IP_MULTICAST_TTL, -1), getint(u, IPPROTO_IP, IP_MULTICAST_TTL, NULL)), 1);
	expect_errno("  IP_MULTICAST_TTL 256", ERR(setint(u, IPPROTO_IP, IP_MULTICAST_TTL, 256)), EINVAL);
	expect_errno("  IP_MULTICAST_TTL on TCP", ERR(setint(t, IPPROTO_IP, IP_MULTICAST_TTL, 5)), EINVAL);
	expect_value("  IP_MULTICAST_LOOP 0", (setint(u, IPPROTO_IP, IP_MULTICAST_LOOP, 0), getint(u, IPPROTO_IP, IP_MULTICAST_LOOP, NULL)), 0);
	struct in_addr a = { htonl(INADDR_LOOPBACK) }, got = { 1 };
	socklen_t l = sizeof(got);
	expect_value("  IP_MULTICAST_IF 127.0.0.1", setsockopt(u, IPPROTO_IP, IP_MULTICAST_IF, &a, sizeof(a)), 0);
	getsockopt(u, IPPROTO_IP, IP_MULTICAST_IF, &got, &l);
	report(got.s_addr == a.s_addr && l == 4, "  read back: %s", got.s_addr == a.s_addr ? "127.0.0.1" : "other");
	struct ip_mreqn mr = { .imr_ifindex = if_nametoindex("lo") };
	expect_value("  IP_MULTICAST_IF as an ip_mreqn naming lo", setsockopt(u, IPPROTO_IP, IP_MULTICAST_IF, &mr, sizeof(mr)), 0);
	l = sizeof(got);
	getsockopt(u, IPPROTO_IP, IP_MULTICAST_IF, &got, &l);
	report(got.s_addr == 0, "  read back: %s", got.s_addr ? "an address" : "0.0.0.0");
	struct in_addr far = { htonl(0x0a090909) };
	expect_errno("  IP_MULTICAST_IF 10.9.9.9 (no such interface)",
		     ERR(setsockopt(u, IPPROTO_IP, IP_MULTICAST_IF, &far, sizeof(far))), EADDRNOTAVAIL);
	expect_errno("  IP_MULTICAST_IF with 3 bytes", ERR(setsockopt(u, IPPROTO_IP, IP_MULTICAST_IF, &a, 3)), EINVAL);
	expect_errno("  IP_MULTICAST_IF on TCP", ERR(setsockopt(t, IPPROTO_IP, IP_MULTICAST_IF, &a, sizeof(a))), EINVAL);
	close(u);
	close(t);
}

static int bound_udp(int port, int reuse)
{
	int s = socket(AF_INET, SOCK_DGRAM, 0);
	if (reuse)
		setint(s, SOL_SOCKET, SO_REUSEADDR, 1);
	struct sockaddr_in a = addr_of(port);
	if (bind(s, (void *)&a, sizeof(a)) < 0) {
		int e = errno;
		close(s);
		errno = e;
		return -1;
	}
	return s;
}

static void reuseaddr(void)
{
	printf("SO_REUSEADDR on UDP:\n");
	int a = bound_udp(0, 1);
	struct sockaddr_in sa;
	socklen_t sl = sizeof(sa);
	getsockname(a, (void *)&sa, &sl);
	int port = ntohs(sa.sin_port);
	expect_errno("  a second bind without it", ERR(bound_udp(port, 0)), EADDRINUSE);
	int b = bound_udp(port, 1);
	report(b >= 0, "  a second bind with it on both: %s", b >= 0 ? "ok" : errname(errno));
	int c = bound_udp(0, 0);
	getsockname(c, (void *)&sa, &sl);
	expect_errno("  with it only on the second", ERR(bound_udp(ntohs(sa.sin_port), 1)), EADDRINUSE);
	int s = socket(AF_INET, SOCK_DGRAM, 0);
	struct sockaddr_in to = addr_of(port);
	sendto(s, "hi", 2, 0, (void *)&to, sizeof(to));
	struct pollfd p[2] = { { .fd = a, .events = POLLIN }, { .fd = b, .events = POLLIN } };
	poll(p, 2, 5000);		/* the loopback may take a while on a busy host */
	char buf[8];
	int got = (recv(a, buf, sizeof(buf), MSG_DONTWAIT) == 2) + (recv(b, buf, sizeof(buf), MSG_DONTWAIT) == 2);
	expect_value("  sockets that got the datagram", got, 1);
	close(a), close(b), close(c), close(s);
}

static long ms_since(const struct timespec *t0)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (t.tv_sec - t0->tv_sec) * 1000 + (t.tv_nsec - t0->tv_nsec) / 1000000;
}

/* A blocking call that must fail with EAGAIN after at least 100 ms. */
#define TIMED(what, call)							\
	do {									\
		struct timespec t0;						\
		clock_gettime(CLOCK_MONOTONIC, &t0);				\
		long r = ERR(call);						\
		int e = errno;							\
		long ms = ms_since(&t0);					\
		bool ok = r == -1 && e == EAGAIN && ms >= 100 && ms < 30000;	\
		report(ok, "  %s: %s after the timeout%s", what,		\
		       r == -1 ? errname(e) : "no error",			\
		       ok ? "" : ms < 100 ? " (too early)" : " (too late)");	\
	} while (0)

static void timeouts(void)
{
	printf("SO_RCVTIMEO and SO_SNDTIMEO:\n");
	struct timeval tv = { 0, 100000 }, got;
	socklen_t l = sizeof(got);
	int u = bound_udp(0, 0);
	setsockopt(u, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	getsockopt(u, SOL_SOCKET, SO_RCVTIMEO, &got, &l);
	report(got.tv_sec == 0 && got.tv_usec == 100000, "  UDP SO_RCVTIMEO reads back 0.1 s");
	char buf[65536];
	TIMED("UDP recv", recv(u, buf, sizeof(buf), 0));
	close(u);

	int lfd = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a = addr_of(0);
	socklen_t al = sizeof(a);
	bind(lfd, (void *)&a, sizeof(a));
	listen(lfd, 4);
	getsockname(lfd, (void *)&a, &al);
	setsockopt(lfd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	TIMED("accept", accept(lfd, NULL, NULL));
	int c = socket(AF_INET, SOCK_STREAM, 0);
	connect(c, (void *)&a, sizeof(a));
	int s = accept(lfd, NULL, NULL);
	setsockopt(c, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	TIMED("TCP recv", recv(c, buf, sizeof(buf), 0));
	expect_errno("  TCP recv(MSG_OOB) with no urgent data", ERR(recv(c, buf, 1, MSG_OOB)), EINVAL);
	/* Fill what the connection holds (the peer reads nothing). */
	int fl = fcntl(c, F_GETFL);
	fcntl(c, F_SETFL, fl | O_NONBLOCK);
	memset(buf, 'x', sizeof(buf));
	for (int idle = 0; idle < 3;) {
		if (send(c, buf, sizeof(buf), 0) < 0) {
			idle++;
			usleep(50000);
		}
	}
	fcntl(c, F_SETFL, fl);
	setsockopt(c, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
	l = sizeof(got);
	getsockopt(c, SOL_SOCKET, SO_SNDTIMEO, &got, &l);
	report(got.tv_usec == 100000, "  TCP SO_SNDTIMEO reads back 0.1 s");
	TIMED("TCP send into a full buffer", send(c, buf, sizeof(buf), 0));
	close(c), close(s), close(lfd);
}

int main(void)
{
	int t = socket(AF_INET, SOCK_STREAM, 0), u = socket(AF_INET, SOCK_DGRAM, 0);
	ttl_tos(t, "TCP");
	ttl_tos(u, "UDP");
	close(t), close(u);
	multicast();
	reuseaddr();
	timeouts();
	printf("%s\n", failed ? "some checks failed" : "all checks passed");
	return failed != 0;
}
