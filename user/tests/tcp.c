/* tcp: AF_INET stream sockets over 127.0.0.1, checked against Linux.
 * Creation errors, bind/listen/accept/connect and their errors, echo of
 * random sizes up to 1 MiB (server in a forked child), 200 connections
 * held open at once, shutdown and POLLRDHUP, a full send buffer
 * (EAGAIN, then POLLOUT once the peer reads), non-blocking connect,
 * RST on close with unread data, socket options, FIONREAD, MSG_PEEK,
 * EPIPE/SIGPIPE, readv/writev and sendmsg/recvmsg; the same events through
 * epoll (EPOLLRDHUP, EPOLLOUT after a full buffer drains, edge-triggered),
 * and sendfile from a file to a socket. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/sendfile.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include "check.h"
#include "inet_common.h"

#define PORT_BASE	23400	/* each part uses its own port */
#define MAX_ECHO	(1 << 20)
#define NCONN		200
#define MIN(a, b)	((a) < (b) ? (a) : (b))


static int listener(int port, int backlog)
{
	struct sockaddr_in a = addr_of(port);
	int one = 1, fd = socket(AF_INET, SOCK_STREAM, 0);
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(fd, (struct sockaddr *)&a, sizeof(a)) < 0 || listen(fd, backlog) < 0) {
		printf("listener on %d: %s\n", port, strerror(errno));
		exit(1);
	}
	return fd;
}

static int connect_to(int port)
{
	struct sockaddr_in a = addr_of(port);
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	if (connect(fd, (struct sockaddr *)&a, sizeof(a)) < 0) {
		printf("connect to %d: %s\n", port, strerror(errno));
		exit(1);
	}
	return fd;
}

static void creation(void)
{
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	report(fd >= 0, "socket(AF_INET, STREAM|NONBLOCK|CLOEXEC): %s", err(fd));
	report((fcntl(fd, F_GETFL) & O_NONBLOCK) && (fcntl(fd, F_GETFD) & FD_CLOEXEC),
	       "flags O_NONBLOCK and FD_CLOEXEC set");
	int type = 0;
	socklen_t len = sizeof(type);
	long r = getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &len);
	report(r == 0 && type == SOCK_STREAM && len == sizeof(int), "SO_TYPE: %d", type);
	close(fd);
	r = socket(46, SOCK_STREAM, 0);
	report(r < 0 && errno == EAFNOSUPPORT, "family 46: %s", err(r));
	r = socket(AF_INET, 99, 0);
	report(r < 0 && errno == EINVAL, "type 99: %s", err(r));
	r = socket(AF_INET, SOCK_STREAM | 0x1000, 0);
	report(r < 0 && errno == EINVAL, "bad type flags: %s", err(r));
	r = socket(AF_INET, SOCK_STREAM, IPPROTO_UDP);
	report(r < 0 && errno == EPROTONOSUPPORT, "STREAM with UDP: %s", err(r));
	r = socket(AF_INET, SOCK_RDM, 0);
	report(r < 0 && errno == ESOCKTNOSUPPORT, "SOCK_RDM: %s", err(r));
}

static void bind_errors(void)
{
	struct sockaddr_in a = addr_of(PORT_BASE);
	int l = listener(PORT_BASE, 5);
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	long r = bind(fd, (struct sockaddr *)&a, sizeof(a));
	report(r < 0 && errno == EADDRINUSE, "bind to a listening port: %s", err(r));
	a.sin_port = 0;
	r = bind(fd, (struct sockaddr *)&a, sizeof(a));
	report(r == 0, "bind to port 0: %s", err(r));
	r = bind(fd, (struct sockaddr *)&a, sizeof(a));
	report(r < 0 && errno == EINVAL, "bind twice: %s", err(r));
	struct sockaddr_in got;
	socklen_t len = sizeof(got);
	r = getsockname(fd, (struct sockaddr *)&got, &len);
	report(r == 0 && got.sin_port != 0 && got.sin_addr.s_addr == htonl(INADDR_LOOPBACK),
	       "getsockname after bind: an ephemeral port on 127.0.0.1");
	r = getpeername(fd, (struct sockaddr *)&got, &len);
	report(r < 0 && errno == ENOTCONN, "getpeername unconnected: %s", err(r));
	close(fd);
	fd = socket(AF_INET, SOCK_STREAM, 0);
	a.sin_addr.s_addr = inet_addr("192.0.2.1");
	r = bind(fd, (struct sockaddr *)&a, sizeof(a));
	report(r < 0 && errno == EADDRNOTAVAIL, "bind to a foreign address: %s", err(r));
	r = bind(fd, (struct sockaddr *)&a, sizeof(a) - 1);
	report(r < 0 && errno == EINVAL, "bind with a short length: %s", err(r));
	a.sin_family = AF_UNIX + 40;
	r = bind(fd, (struct sockaddr *)&a, sizeof(a));
	report(r < 0 && errno == EAFNOSUPPORT, "bind with another family: %s", err(r));
	r = accept(fd, NULL, NULL);
	report(r < 0 && errno == EINVAL, "accept on a non-listening socket: %s", err(r));
	r = syscall(SYS_accept4, l, NULL, NULL, 0x1000);	/* musl would retry accept() */
	report(r < 0 && errno == EINVAL, "accept4 with bad flags: %s", err(r));
	fcntl(l, F_SETFL, O_NONBLOCK);
	r = accept(l, NULL, NULL);
	report(r < 0 && errno == EAGAIN, "accept, non-blocking, nothing pending: %s", err(r));
	close(fd);
	close(l);
}

/* The server: echo every connection, one at a time, until told to stop
 * by a connection that sends nothing. */
static void echo_server(int l)
{
	static char buf[65536];
	for (;;) {
		int c = accept(l, NULL, NULL);
		if (c < 0)
			_exit(2);
		long n, total = 0;
		while ((n = read(c, buf, sizeof(buf))) > 0) {
			total += n;
			for (long off = 0; off < n;) {
				long w = write(c, buf + off, n - off);
				if (w <= 0)
					_exit(3);
				off += w;
			}
		}
		close(c);
		if (total == 0)
			_exit(0);
	}
}

static unsigned rnd_state = 12345;
static unsigned rnd(void)
{
	rnd_state = rnd_state * 1103515245 + 12345;
	return rnd_state >> 8;
}

/* Send size bytes and read them back, interleaved with poll. */
static int echo_once(int port, size_t size)
{
	static unsigned char out[MAX_ECHO], in[MAX_ECHO];
	int fd = connect_to(port);
	size_t sent = 0, got = 0;
	for (size_t i = 0; i < size; i++)
		out[i] = rnd();
	fcntl(fd, F_SETFL, O_NONBLOCK);
	while (got < size) {
		struct pollfd p = { fd, POLLIN | (sent < size ? POLLOUT : 0), 0 };
		if (poll(&p, 1, 10000) != 1)
			return -1;
		if (p.revents & POLLOUT) {
			long w = write(fd, out + sent, MIN(size - sent, 70000));
			if (w > 0)
				sent += w;
			if (sent == size)
				shutdown(fd, SHUT_WR);
		}
		if (p.revents & POLLIN) {
			long r = read(fd, in + got, size - got);
			if (r <= 0)
				return -2;
			got += r;
		}
	}
	char c;
	long end = read(fd, &c, 1);
	while (end < 0 && errno == EAGAIN) {
		struct pollfd p = { fd, POLLIN, 0 };
		poll(&p, 1, 10000);
		end = read(fd, &c, 1);
	}
	close(fd);
	return end == 0 && memcmp(in, out, size) == 0 ? 0 : -3;
}

static void echo(void)
{
	static const size_t sizes[] = { 1, 100, 1460, 1461, 65536, 100000, 333333, MAX_ECHO };
	int l = listener(PORT_BASE + 1, 16);
	pid_t pid = fork();
	if (pid == 0)
		echo_server(l);
	close(l);
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		int r = echo_once(PORT_BASE + 1, sizes[i]);
		report(r == 0, "echo of %zu bytes: %s", sizes[i], r ? "differs" : "same bytes");
	}
	for (int i = 0; i < 5; i++) {
		size_t size = rnd() % MAX_ECHO + 1;
		int r = echo_once(PORT_BASE + 1, size);
		report(r == 0, "echo of a random size: %s", r ? "differs" : "same bytes");
	}
	close(connect_to(PORT_BASE + 1));	/* stop */
	int st;
	waitpid(pid, &st, 0);
	report(WIFEXITED(st) && WEXITSTATUS(st) == 0, "echo server exit: %d", WEXITSTATUS(st));
}

/* NCONN connections at once: the child accepts them all and holds them,
 * then answers each with its index. */
static void many(void)
{
	static int cfd[NCONN];
	int l = listener(PORT_BASE + 2, 128);
	pid_t pid = fork();
	if (pid == 0) {
		static int sfd[NCONN];
		for (int i = 0; i < NCONN; i++)
			if ((sfd[i] = accept(l, NULL, NULL)) < 0)
				_exit(2);
		for (int i = 0; i < NCONN; i++) {
			int v;
			if (read(sfd[i], &v, sizeof(v)) != sizeof(v))
				_exit(3);
			v = v * 2 + 1;
			if (write(sfd[i], &v, sizeof(v)) != sizeof(v))
				_exit(4);
		}
		_exit(0);
	}
	close(l);
	int ok = 1;
	for (int i = 0; i < NCONN; i++)
		cfd[i] = connect_to(PORT_BASE + 2);
	for (int i = 0; i < NCONN; i++)
		ok &= write(cfd[i], &i, sizeof(i)) == sizeof(i);
	for (int i = 0; i < NCONN; i++) {
		int v = -1;
		ok &= read(cfd[i], &v, sizeof(v)) == sizeof(v) && v == i * 2 + 1;
		close(cfd[i]);
	}
	int st;
	waitpid(pid, &st, 0);
	report(ok && WIFEXITED(st) && WEXITSTATUS(st) == 0,
	       "%d connections open at once, each answered: %s", NCONN, yesno(ok));
}

/* A connected pair over 127.0.0.1 through a listener. */
static void pair(int port, int *a, int *b)
{
	int l = listener(port, 1);
	*a = connect_to(port);
	*b = accept(l, NULL, NULL);
	close(l);
}

static const char *revents(short r)
{
	static char buf[80];
	snprintf(buf, sizeof(buf), "%s%s%s%s%s%s", r & POLLIN ? " IN" : "",
		 r & POLLOUT ? " OUT" : "", r & POLLRDHUP ? " RDHUP" : "",
		 r & POLLHUP ? " HUP" : "", r & POLLERR ? " ERR" : "", r ? "" : " none");
	return buf;
}

static short poll1(int fd, short events, int ms)
{
	struct pollfd p = { fd, events, 0 };
	return poll(&p, 1, ms) == 1 ? p.revents : 0;
}

static void shutdown_and_rdhup(void)
{
	int a, b;
	pair(PORT_BASE + 3, &a, &b);
	report(poll1(a, POLLIN | POLLOUT | POLLRDHUP, 0) == POLLOUT,
	       "fresh connection:%s", revents(poll1(a, POLLIN | POLLOUT | POLLRDHUP, 0)));
	struct sockaddr_in x, y;
	socklen_t lx = sizeof(x), ly = sizeof(y);
	getsockname(a, (struct sockaddr *)&x, &lx);
	getpeername(b, (struct sockaddr *)&y, &ly);
	report(lx == sizeof(x) && x.sin_port == y.sin_port && x.sin_addr.s_addr == y.sin_addr.s_addr,
	       "one end's name is the other's peer");
	write(a, "hi", 2);
	shutdown(a, SHUT_WR);
	short r = poll1(b, POLLIN | POLLRDHUP, 5000);
	while (!(r & POLLRDHUP) && r)
		r = poll1(b, POLLIN | POLLRDHUP, 5000);
	report(r == (POLLIN | POLLRDHUP), "peer shut down its write side:%s", revents(r));
	char buf[8];
	int avail = -1;
	ioctl(b, FIONREAD, &avail);
	report(avail == 2, "FIONREAD: %d", avail);
	long n = recv(b, buf, sizeof(buf), MSG_PEEK);
	report(n == 2, "MSG_PEEK: %ld", n);
	n = read(b, buf, sizeof(buf));
	report(n == 2 && !memcmp(buf, "hi", 2), "read the data: %ld", n);
	n = read(b, buf, sizeof(buf));
	report(n == 0, "then end of file: %ld", n);
	n = write(b, "back", 4);
	report(n == 4, "the other direction still works: %ld", n);
	n = read(a, buf, sizeof(buf));
	report(n == 4, "read it: %ld", n);
	n = send(a, "x", 1, MSG_NOSIGNAL);
	report(n < 0 && errno == EPIPE, "send after SHUT_WR: %s", err(n));
	shutdown(b, SHUT_WR);
	r = poll1(a, POLLIN | POLLOUT | POLLRDHUP, 5000);
	report(r == (POLLIN | POLLOUT | POLLRDHUP | POLLHUP), "both sides shut:%s", revents(r));
	n = shutdown(a, 7);
	report(n < 0 && errno == EINVAL, "shutdown how=7: %s", err(n));
	close(a);
	close(b);
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	n = shutdown(fd, SHUT_RDWR);
	report(n < 0 && errno == ENOTCONN, "shutdown unconnected: %s", err(n));
	r = poll1(fd, POLLIN | POLLOUT, 0);
	report(r == (POLLIN | POLLOUT | POLLHUP), "poll unconnected after shutdown:%s", revents(r));
	close(fd);
	fd = socket(AF_INET, SOCK_STREAM, 0);
	r = poll1(fd, POLLIN | POLLOUT, 0);
	report(r == (POLLOUT | POLLHUP), "poll a new socket:%s", revents(r));
	n = read(fd, buf, 1);
	report(n < 0 && errno == ENOTCONN, "read unconnected: %s", err(n));
	signal(SIGPIPE, SIG_IGN);
	n = write(fd, buf, 1);
	report(n < 0 && errno == EPIPE, "write unconnected: %s", err(n));
	signal(SIGPIPE, SIG_DFL);
	close(fd);
}

static void full_buffer(void)
{
	static char buf[65536];
	int a, b;
	pair(PORT_BASE + 4, &a, &b);
	fcntl(a, F_SETFL, O_NONBLOCK);
	long total = 0, n;
	while ((n = write(a, buf, sizeof(buf))) > 0)
		total += n;
	report(n < 0 && errno == EAGAIN && total > 0, "writes until the buffers fill, then: %s",
	       err(n));
	short r = poll1(a, POLLOUT, 0);
	report(!(r & POLLOUT), "no POLLOUT while full:%s", revents(r));
	pid_t pid = fork();
	if (pid == 0) {		/* the reader drains everything later */
		close(a);
		usleep(200000);
		while (read(b, buf, sizeof(buf)) > 0)
			;
		_exit(0);
	}
	r = poll1(a, POLLOUT, 10000);
	report(r == POLLOUT, "POLLOUT once the peer read:%s", revents(r));
	close(a);
	close(b);
	waitpid(pid, NULL, 0);
}

/* One epoll_wait on a one-item set: the events, 0 if none came (EPOLL*
 * bits have the values of the POLL* ones, so revents() names them). */
static unsigned wait1(int ep, int ms)
{
	struct epoll_event e;
	return epoll_wait(ep, &e, 1, ms) == 1 ? e.events : 0;
}

/* What a server on epoll sees: data, the peer's half-close, a send
 * buffer that fills and drains, all edge-triggered. */
static void with_epoll(void)
{
	static char buf[65536];
	int a, b, ep = epoll_create1(0);
	pair(PORT_BASE + 10, &a, &b);
	struct epoll_event ev = { .events = EPOLLIN | EPOLLRDHUP | EPOLLET, .data.fd = b };
	epoll_ctl(ep, EPOLL_CTL_ADD, b, &ev);
	report(wait1(ep, 0) == 0, "epoll: a quiet connection reports nothing");
	write(a, "ping", 4);
	unsigned e = wait1(ep, 5000);
	report(e == EPOLLIN, "epoll: data:%s", revents((short)e));
	report(wait1(ep, 0) == 0, "epoll: edge-triggered, not again while unread");
	shutdown(a, SHUT_WR);
	e = wait1(ep, 5000);
	report(e == (EPOLLIN | EPOLLRDHUP), "epoll: the peer shut down its write side:%s",
	       revents((short)e));
	close(ep);

	ep = epoll_create1(0);
	fcntl(b, F_SETFL, O_NONBLOCK);
	long n, total = 0;
	while ((n = write(b, buf, sizeof(buf))) > 0)
		total += n;
	report(n < 0 && errno == EAGAIN, "fill the send buffer: %s", err(n));
	ev = (struct epoll_event){ .events = EPOLLOUT | EPOLLET, .data.fd = b };
	epoll_ctl(ep, EPOLL_CTL_ADD, b, &ev);
	e = wait1(ep, 0);
	report(e == 0, "epoll: no EPOLLOUT while full:%s", revents((short)e));
	pid_t pid = fork();
	if (pid == 0) {
		usleep(100000);
		while (total > 0 && (n = read(a, buf, sizeof(buf))) > 0)
			total -= n;
		_exit(0);
	}
	e = wait1(ep, 10000);
	report(e == EPOLLOUT, "epoll: EPOLLOUT once the peer drained it:%s", revents((short)e));
	waitpid(pid, NULL, 0);
	close(ep);
	close(a);
	close(b);
}

/* sendfile from a regular file to a connected socket. */
static void sendfile_to_socket(void)
{
	static char data[100000], back[100000];
	char path[] = "tcp-sendfile-XXXXXX";	/* in the cwd, gone at once */
	int f = mkstemp(path);
	for (size_t i = 0; i < sizeof(data); i++)
		data[i] = (char)(i * 7 + i / 251);
	write(f, data, sizeof(data));
	unlink(path);
	int a, b;
	pair(PORT_BASE + 11, &a, &b);
	pid_t pid = fork();
	if (pid == 0) {		/* the reader: more than both buffers hold */
		close(a);
		long got = 0, r;
		while ((r = read(b, back + got, sizeof(back) - got)) > 0)
			got += r;
		_exit(got == (long)sizeof(data) - 1000 && !memcmp(back, data + 1000, got) ? 0 : 1);
	}
	off_t off = 1000;
	long n = sendfile(a, f, &off, sizeof(data) - 1000);
	report(n == (long)sizeof(data) - 1000 && off == (off_t)sizeof(data),
	       "sendfile of 99,000 bytes to a socket: %ld", n);
	shutdown(a, SHUT_WR);
	int st;
	waitpid(pid, &st, 0);
	report(WIFEXITED(st) && WEXITSTATUS(st) == 0, "the peer reads the same bytes");
	n = sendfile(b, 99, NULL, 10);
	report(n < 0 && errno == EBADF, "sendfile from a bad fd: %s", err(n));
	close(a);
	close(b);
	close(f);
}

static void nonblocking_connect(void)
{
	struct sockaddr_in a = addr_of(PORT_BASE + 5);
	int l = listener(PORT_BASE + 5, 1);
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	long r = connect(fd, (struct sockaddr *)&a, sizeof(a));
	report(r < 0 && errno == EINPROGRESS, "non-blocking connect: %s", err(r));
	short ev = poll1(fd, POLLOUT, 5000);
	report(ev == POLLOUT, "then POLLOUT:%s", revents(ev));
	int e = -1;
	socklen_t len = sizeof(e);
	getsockopt(fd, SOL_SOCKET, SO_ERROR, &e, &len);
	report(e == 0, "SO_ERROR: %d", e);
	r = connect(fd, (struct sockaddr *)&a, sizeof(a));
	report(r == 0, "connect again reports the completion once: %s", err(r));
	r = connect(fd, (struct sockaddr *)&a, sizeof(a));
	report(r < 0 && errno == EISCONN, "and then: %s", err(r));
	close(fd);
	close(l);

	a = addr_of(PORT_BASE + 6);		/* nobody listens */
	fd = socket(AF_INET, SOCK_STREAM, 0);
	r = connect(fd, (struct sockaddr *)&a, sizeof(a));
	report(r < 0 && errno == ECONNREFUSED, "blocking connect, nobody listening: %s", err(r));
	close(fd);
	fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	r = connect(fd, (struct sockaddr *)&a, sizeof(a));
	ev = poll1(fd, POLLOUT, 5000);
	report(ev == (POLLOUT | POLLHUP | POLLERR), "non-blocking, refused:%s", revents(ev));
	e = -1;
	getsockopt(fd, SOL_SOCKET, SO_ERROR, &e, &len);
	report(e == ECONNREFUSED, "SO_ERROR: %s", strerror(e));
	getsockopt(fd, SOL_SOCKET, SO_ERROR, &e, &len);
	report(e == 0, "SO_ERROR read twice: %d", e);
	close(fd);
	fd = socket(AF_INET, SOCK_STREAM, 0);
	r = connect(fd, (struct sockaddr *)&a, 8);
	report(r < 0 && errno == EINVAL, "connect with a short address: %s", err(r));
	close(fd);
}

static void reset_on_close(void)
{
	int a, b;
	char buf[16];
	pair(PORT_BASE + 7, &a, &b);
	write(a, "unread", 6);
	usleep(100000);
	close(b);		/* unread data: Linux sends RST, not FIN */
	short ev = poll1(a, POLLIN, 5000);
	report(ev & (POLLERR | POLLHUP), "the peer sees the reset:%s", revents(ev));
	long n = read(a, buf, sizeof(buf));
	report(n < 0 && errno == ECONNRESET, "read: %s", err(n));
	n = read(a, buf, sizeof(buf));
	report(n == 0, "read again: %ld", n);
	signal(SIGPIPE, SIG_IGN);
	n = write(a, "x", 1);
	report(n < 0 && errno == EPIPE, "write after the reset: %s", err(n));
	signal(SIGPIPE, SIG_DFL);
	close(a);

	pair(PORT_BASE + 8, &a, &b);
	close(b);
	usleep(100000);
	n = read(a, buf, sizeof(buf));
	report(n == 0, "plain close: end of file: %ld", n);
	pid_t pid = fork();
	if (pid == 0) {
		write(a, "x", 1);	/* the peer answers with RST */
		usleep(100000);
		write(a, "x", 1);	/* SIGPIPE kills us */
		_exit(0);
	}
	int st;
	waitpid(pid, &st, 0);
	report(WIFSIGNALED(st) && WTERMSIG(st) == SIGPIPE, "writing to a closed peer: %s",
	       WIFSIGNALED(st) ? strsignal(WTERMSIG(st)) : "no signal");
	close(a);
}

static void options(void)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0), v = 65536, got = 0;
	socklen_t len = sizeof(got);
	setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &v, sizeof(v));
	getsockopt(fd, SOL_SOCKET, SO_RCVBUF, &got, &len);
	report(got == 131072, "SO_RCVBUF 65536 reads back as %d", got);
	setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &v, sizeof(v));
	getsockopt(fd, SOL_SOCKET, SO_SNDBUF, &got, &len);
	report(got == 131072, "SO_SNDBUF 65536 reads back as %d", got);
	static const struct { int level, name; const char *what; } bools[] = {
		{ SOL_SOCKET, SO_REUSEADDR, "SO_REUSEADDR" },
		{ SOL_SOCKET, SO_REUSEPORT, "SO_REUSEPORT" },
		{ SOL_SOCKET, SO_KEEPALIVE, "SO_KEEPALIVE" },
		{ IPPROTO_TCP, TCP_NODELAY, "TCP_NODELAY" },
	};
	for (size_t i = 0; i < sizeof(bools) / sizeof(bools[0]); i++) {
		int on = 1, before = -1, after = -1;
		len = sizeof(int);
		getsockopt(fd, bools[i].level, bools[i].name, &before, &len);
		long r = setsockopt(fd, bools[i].level, bools[i].name, &on, sizeof(on));
		getsockopt(fd, bools[i].level, bools[i].name, &after, &len);
		report(r == 0 && before == 0 && after == 1, "%s: %d then %d", bools[i].what,
		       before, after);
	}
	struct linger lg = { 1, 0 }, lg2;
	len = sizeof(lg2);
	setsockopt(fd, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg));
	getsockopt(fd, SOL_SOCKET, SO_LINGER, &lg2, &len);
	report(lg2.l_onoff == 1 && lg2.l_linger == 0 && len == sizeof(lg2), "SO_LINGER {1, 0}");
	long r = setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &v, 2);
	report(r < 0 && errno == EINVAL, "setsockopt with a short length: %s", err(r));
	r = setsockopt(fd, SOL_SOCKET, 9999, &v, sizeof(v));
	report(r < 0 && errno == ENOPROTOOPT, "unknown option: %s", err(r));
	r = setsockopt(fd, SOL_SOCKET, SO_TYPE, &v, sizeof(v));
	report(r < 0 && errno == ENOPROTOOPT, "set SO_TYPE: %s", err(r));
	int on = 1;
	r = ioctl(fd, FIONBIO, &on);
	report(r == 0 && (fcntl(fd, F_GETFL) & O_NONBLOCK), "FIONBIO sets O_NONBLOCK");
	close(fd);
}

static void vectors(void)
{
	int a, b;
	char x[4] = "abc", y[5] = "defg", out[16] = { 0 };
	pair(PORT_BASE + 9, &a, &b);
	struct iovec iov[2] = { { x, 3 }, { y, 4 } };
	long n = writev(a, iov, 2);
	report(n == 7, "writev: %ld", n);
	struct msghdr m = { .msg_iov = iov, .msg_iovlen = 2 };
	n = sendmsg(a, &m, 0);
	report(n == 7, "sendmsg: %ld", n);
	usleep(100000);
	struct iovec in[2] = { { out, 5 }, { out + 5, 9 } };
	struct msghdr rm = { .msg_iov = in, .msg_iovlen = 2 };
	n = recvmsg(b, &rm, MSG_WAITALL);
	report(n == 14 && !memcmp(out, "abcdefgabcdefg", 14) && rm.msg_flags == 0,
	       "recvmsg with MSG_WAITALL: %ld '%.14s'", n, out);
	n = recv(b, out, 1, MSG_DONTWAIT);
	report(n < 0 && errno == EAGAIN, "MSG_DONTWAIT on an empty socket: %s", err(n));
	struct sockaddr_in from;
	socklen_t fl = sizeof(from);
	write(a, "z", 1);
	n = recvfrom(b, out, 1, 0, (struct sockaddr *)&from, &fl);
	report(n == 1 && fl == 0, "recvfrom on TCP leaves no address: %ld, %u", n, (unsigned)fl);
	close(a);
	close(b);
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	creation();
	bind_errors();
	echo();
	many();
	shutdown_and_rdhup();
	full_buffer();
	with_epoll();
	sendfile_to_socket();
	nonblocking_connect();
	reset_on_close();
	options();
	vectors();
	printf("%s\n", failed ? "tcp: FAILED" : "tcp: all passed");
	return failed != 0;
}
