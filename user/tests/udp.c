/* udp: AF_INET datagram sockets over 127.0.0.1, checked against Linux.
 * Creation and bind errors, sendto/recvfrom with the sender's address,
 * message boundaries (a short read truncates, MSG_TRUNC tells the real
 * length), connect() as a filter and default destination, poll and
 * epoll readiness, FIONREAD and MSG_PEEK, non-blocking reads, an echo
 * of many datagrams of random sizes, sizes up to the largest datagram,
 * a full receive buffer dropping (never blocking), readv/sendmsg. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>
#include "check.h"
#include "inet_common.h"

#define PORT_BASE	24400	/* each part uses its own port */


static int bound(int port)
{
	struct sockaddr_in a = addr_of(port);
	int fd = socket(AF_INET, SOCK_DGRAM, 0);
	if (fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof(a)) < 0) {
		printf("bind %d: %s\n", port, strerror(errno));
		exit(1);
	}
	return fd;
}

static long send_to(int fd, const void *buf, size_t len, int port)
{
	struct sockaddr_in a = addr_of(port);
	return sendto(fd, buf, len, 0, (struct sockaddr *)&a, sizeof(a));
}

static short poll1(int fd, short events, int ms)
{
	struct pollfd p = { fd, events, 0 };
	return poll(&p, 1, ms) == 1 ? p.revents : 0;
}

static void creation(void)
{
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	report(fd >= 0, "socket(AF_INET, DGRAM|NONBLOCK|CLOEXEC): %s", err(fd));
	int type = 0;
	socklen_t len = sizeof(type);
	long r = getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &len);
	report(r == 0 && type == SOCK_DGRAM, "SO_TYPE: %d", type);
	report(poll1(fd, POLLIN | POLLOUT, 0) == POLLOUT, "a new socket polls writable only");
	char c;
	r = read(fd, &c, 1);
	report(r < 0 && errno == EAGAIN, "read, nothing queued: %s", err(r));
	r = listen(fd, 1);
	report(r < 0 && errno == EOPNOTSUPP, "listen: %s", err(r));
	r = accept(fd, NULL, NULL);
	report(r < 0 && errno == EOPNOTSUPP, "accept: %s", err(r));
	r = socket(AF_INET, SOCK_DGRAM, IPPROTO_TCP);
	report(r < 0 && errno == EPROTONOSUPPORT, "DGRAM with IPPROTO_TCP: %s", err(r));
	close(fd);
}

static void binding(void)
{
	int a = bound(PORT_BASE);
	struct sockaddr_in sa = addr_of(PORT_BASE);
	int b = socket(AF_INET, SOCK_DGRAM, 0);
	long r = bind(b, (struct sockaddr *)&sa, sizeof(sa));
	report(r < 0 && errno == EADDRINUSE, "bind to a port in use: %s", err(r));
	r = bind(b, (struct sockaddr *)&sa, sizeof(sa) - 1);
	report(r < 0 && errno == EINVAL, "bind with a short length: %s", err(r));
	sa.sin_addr.s_addr = inet_addr("10.9.9.9");
	r = bind(b, (struct sockaddr *)&sa, sizeof(sa));
	report(r < 0 && errno == EADDRNOTAVAIL, "bind to a foreign address: %s", err(r));
	sa = addr_of(0);
	r = bind(b, (struct sockaddr *)&sa, sizeof(sa));
	socklen_t len = sizeof(sa);
	getsockname(b, (struct sockaddr *)&sa, &len);
	report(r == 0 && ntohs(sa.sin_port) != 0 && sa.sin_addr.s_addr == htonl(INADDR_LOOPBACK),
	       "bind to port 0 picks a port on 127.0.0.1");
	r = bind(b, (struct sockaddr *)&sa, sizeof(sa));
	report(r < 0 && errno == EINVAL, "bind twice: %s", err(r));
	close(a);
	close(b);

	int u = socket(AF_INET, SOCK_DGRAM, 0);
	r = send_to(u, "x", 1, PORT_BASE + 1);
	len = sizeof(sa);
	getsockname(u, (struct sockaddr *)&sa, &len);
	report(r == 1 && ntohs(sa.sin_port) != 0, "sendto from an unbound socket binds it");
	close(u);
}

static void datagrams(void)
{
	int a = bound(PORT_BASE + 2), b = bound(PORT_BASE + 3);
	char buf[100];
	struct sockaddr_in from;
	socklen_t len = sizeof(from);

	send_to(a, "first", 5, PORT_BASE + 3);
	send_to(a, "second!", 7, PORT_BASE + 3);
	report(poll1(b, POLLIN, 5000) & POLLIN, "POLLIN once a datagram is queued");
	int avail = -1;
	ioctl(b, FIONREAD, &avail);
	report(avail == 5, "FIONREAD gives the first datagram's size: %d", avail);
	long n = recv(b, buf, sizeof(buf), MSG_PEEK);
	report(n == 5 && !memcmp(buf, "first", 5), "MSG_PEEK: %ld", n);
	n = recvfrom(b, buf, sizeof(buf), 0, (struct sockaddr *)&from, &len);
	report(n == 5 && ntohs(from.sin_port) == PORT_BASE + 2 &&
	       from.sin_addr.s_addr == htonl(INADDR_LOOPBACK) && len == sizeof(from),
	       "recvfrom: %ld bytes from 127.0.0.1:%d", n, ntohs(from.sin_port));
	n = recv(b, buf, 3, 0);
	report(n == 3 && !memcmp(buf, "sec", 3), "a short read truncates the datagram: %ld", n);
	n = recv(b, buf, sizeof(buf), MSG_DONTWAIT);
	report(n < 0 && errno == EAGAIN, "and the rest of it is gone: %s", err(n));

	send_to(a, "0123456789", 10, PORT_BASE + 3);
	poll1(b, POLLIN, 5000);
	n = recv(b, buf, 4, MSG_TRUNC);
	report(n == 10, "MSG_TRUNC returns the real length: %ld", n);
	struct msghdr mh = { 0 };
	struct iovec iov = { buf, 4 };
	mh.msg_iov = &iov;
	mh.msg_iovlen = 1;
	send_to(a, "0123456789", 10, PORT_BASE + 3);
	poll1(b, POLLIN, 5000);
	n = recvmsg(b, &mh, 0);
	report(n == 4 && (mh.msg_flags & MSG_TRUNC), "recvmsg sets MSG_TRUNC in msg_flags: %ld", n);

	send_to(a, "", 0, PORT_BASE + 3);
	report(poll1(b, POLLIN, 5000) & POLLIN, "an empty datagram is readable");
	n = recv(b, buf, sizeof(buf), 0);
	report(n == 0, "and reads as 0 bytes: %ld", n);

	n = send_to(a, buf, 65508, PORT_BASE + 3);
	report(n < 0 && errno == EMSGSIZE, "65,508 bytes: %s", err(n));
	close(a);
	close(b);
}

static void connected(void)
{
	int a = bound(PORT_BASE + 4), b = bound(PORT_BASE + 5), c = bound(PORT_BASE + 6);
	struct sockaddr_in to = addr_of(PORT_BASE + 5), peer;
	char buf[16];

	long r = send(a, "x", 1, 0);
	report(r < 0 && errno == EDESTADDRREQ, "send unconnected: %s", err(r));
	socklen_t len = sizeof(peer);
	r = getpeername(a, (struct sockaddr *)&peer, &len);
	report(r < 0 && errno == ENOTCONN, "getpeername unconnected: %s", err(r));
	r = connect(a, (struct sockaddr *)&to, sizeof(to));
	report(r == 0, "connect: %s", err(r));
	len = sizeof(peer);
	r = getpeername(a, (struct sockaddr *)&peer, &len);
	report(r == 0 && ntohs(peer.sin_port) == PORT_BASE + 5, "getpeername: port %d",
	       ntohs(peer.sin_port));
	r = write(a, "via write", 9);
	report(r == 9, "write on a connected socket: %ld", r);
	r = recv(b, buf, sizeof(buf), 0);
	report(r == 9, "the peer gets it: %ld", r);

	/* A connected socket takes datagrams only from its peer. */
	send_to(c, "stranger", 8, PORT_BASE + 4);
	send_to(b, "peer", 4, PORT_BASE + 4);
	poll1(a, POLLIN, 5000);
	r = recv(a, buf, sizeof(buf), 0);
	report(r == 4 && !memcmp(buf, "peer", 4), "only the peer's datagram arrives: %ld", r);
	r = recv(a, buf, sizeof(buf), MSG_DONTWAIT);
	report(r < 0 && errno == EAGAIN, "the stranger's was dropped: %s", err(r));

	struct sockaddr_in un = { .sin_family = AF_UNSPEC };
	r = connect(a, (struct sockaddr *)&un, sizeof(un));
	report(r == 0, "connect(AF_UNSPEC) dissolves the association: %s", err(r));
	r = send(a, "x", 1, 0);
	report(r < 0 && errno == EDESTADDRREQ, "then send: %s", err(r));
	close(a);
	close(b);
	close(c);
}

static void with_epoll(void)
{
	int a = bound(PORT_BASE + 7), b = bound(PORT_BASE + 8);
	int ep = epoll_create1(0);
	struct epoll_event ev = { .events = EPOLLIN | EPOLLET, .data.fd = b }, out[4];

	epoll_ctl(ep, EPOLL_CTL_ADD, b, &ev);
	int n = epoll_wait(ep, out, 4, 0);
	report(n == 0, "epoll: nothing yet: %d", n);
	send_to(a, "one", 3, PORT_BASE + 8);
	n = epoll_wait(ep, out, 4, 5000);
	report(n == 1 && out[0].data.fd == b && out[0].events == EPOLLIN,
	       "epoll: EPOLLIN for the datagram: %d", n);
	n = epoll_wait(ep, out, 4, 0);
	report(n == 0, "edge-triggered: not again until the next one: %d", n);
	send_to(a, "two", 3, PORT_BASE + 8);
	n = epoll_wait(ep, out, 4, 5000);
	report(n == 1, "a second datagram is a new edge: %d", n);
	close(ep);
	close(a);
	close(b);
}

static unsigned rnd_state = 4242;
static unsigned rnd(void)
{
	rnd_state = rnd_state * 1103515245 + 12345;
	return rnd_state >> 8;
}

/* A child echoes datagrams back to their sender until an empty one. */
static void echo(void)
{
	static unsigned char out[65507], in[65507];
	int s = bound(PORT_BASE + 9);
	pid_t pid = fork();
	if (pid == 0) {
		struct sockaddr_in from;
		for (;;) {
			socklen_t len = sizeof(from);
			long n = recvfrom(s, in, sizeof(in), 0, (struct sockaddr *)&from, &len);
			if (n <= 0)
				_exit(n == 0 ? 0 : 2);
			sendto(s, in, n, 0, (struct sockaddr *)&from, len);
		}
	}
	close(s);
	int c = socket(AF_INET, SOCK_DGRAM, 0);
	struct timeval tv = { .tv_sec = 10 };
	setsockopt(c, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	int bad = 0;
	for (int i = 0; i < 200; i++) {
		size_t size = i < 4 ? (size_t[]){ 1, 1472, 1473, 65507 }[i] : rnd() % 9000 + 1;
		for (size_t k = 0; k < size; k++)
			out[k] = rnd();
		long w = send_to(c, out, size, PORT_BASE + 9);
		long r = recv(c, in, sizeof(in), 0);
		if (w != (long)size || r != (long)size || memcmp(in, out, size)) {
			if (!bad++)
				printf("datagram %d of %zu bytes: sent %ld, got %ld\n", i, size, w, r);
		}
	}
	report(!bad, "200 datagrams of 1 to 65,507 bytes echoed: %d wrong", bad);
	send_to(c, "", 0, PORT_BASE + 9);
	int st;
	waitpid(pid, &st, 0);
	report(WIFEXITED(st) && WEXITSTATUS(st) == 0, "echo child exit: %d", WEXITSTATUS(st));
	close(c);
}

/* Sending never blocks: datagrams beyond the receiver's buffer are
 * dropped, the sender is not told. */
static void overflow(void)
{
	int a = bound(PORT_BASE + 10), b = bound(PORT_BASE + 11);
	int size = 4096;
	setsockopt(b, SOL_SOCKET, SO_RCVBUF, &size, sizeof(size));
	static char buf[1024];
	int sent = 0;
	for (int i = 0; i < 1000; i++)
		if (send_to(a, buf, sizeof(buf), PORT_BASE + 11) == sizeof(buf))
			sent++;
	report(sent == 1000, "1000 sends of 1 KiB to a 4 KiB buffer all return: %d", sent);
	int got = 0;
	while (recv(b, buf, sizeof(buf), MSG_DONTWAIT) == sizeof(buf))
		got++;
	report(got > 0 && got < 1000, "some arrived, the rest were dropped");
	close(a);
	close(b);
}

static void vectors(void)
{
	int a = bound(PORT_BASE + 12), b = bound(PORT_BASE + 13);
	struct sockaddr_in to = addr_of(PORT_BASE + 13);
	struct iovec iov[2] = { { "abc", 3 }, { "defg", 4 } };
	struct msghdr mh = { .msg_name = &to, .msg_namelen = sizeof(to),
			     .msg_iov = iov, .msg_iovlen = 2 };
	long n = sendmsg(a, &mh, 0);
	report(n == 7, "sendmsg of two pieces: %ld", n);
	char x[2], y[10];
	struct iovec rv[2] = { { x, 2 }, { y, 10 } };
	poll1(b, POLLIN, 5000);
	n = readv(b, rv, 2);
	report(n == 7 && !memcmp(x, "ab", 2) && !memcmp(y, "cdefg", 5),
	       "readv splits it: %ld", n);
	n = sendto(a, "x", 1, 0, (struct sockaddr *)8, sizeof(to));
	report(n < 0 && errno == EFAULT, "sendto with a bad address pointer: %s", err(n));
	n = send_to(a, (void *)8, 4, PORT_BASE + 13);
	report(n < 0 && errno == EFAULT, "sendto with a bad buffer: %s", err(n));
	close(a);
	close(b);
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	creation();
	binding();
	datagrams();
	connected();
	with_epoll();
	echo();
	overflow();
	vectors();
	printf("%s\n", failed ? "udp: FAILED" : "udp: all passed");
	return failed != 0;
}
