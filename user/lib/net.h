/*
 * net.h - the small pieces every demo server needs: a listening socket,
 * a monotonic clock in milliseconds, and an output queue.
 *
 * Included by echod.c, pollechod.c, chatd.c and httpd.c.  Everything is
 * "static inline" so that a program which uses only part of it still
 * compiles cleanly under -Wall -Werror (unused static inline functions
 * are not warned about).
 *
 * Only calls our kernel provides are used: socket, setsockopt, bind,
 * listen, getsockname, clock_gettime.  No IPv6, no timerfd.
 */
#ifndef USER_LIB_NET_H
#define USER_LIB_NET_H

#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

/* Print why we cannot go on, and stop.  For start-up errors only: once
 * a server runs, a failing client must never bring it down. */
static inline void die(const char *what)
{
	perror(what);
	exit(1);
}

/* "-p 8080": a port number, 0 (the kernel picks one), or exit. */
static inline int parse_port(const char *prog, const char *s)
{
	char *end;
	long v = strtol(s, &end, 10);

	if (*s == 0 || *end != 0 || v < 0 || v > 65535) {
		fprintf(stderr, "%s: bad port '%s'\n", prog, s);
		exit(2);
	}
	return (int)v;
}

/*
 * A listening TCP socket on every local IPv4 address.  It is
 * non-blocking: the servers only call accept4 after epoll (or poll) said
 * a connection is waiting, but a client may reset it in between, and a
 * blocking accept would then hang the whole server.
 *
 * SO_REUSEADDR lets the server restart at once on the same port while
 * old connections still sit in TIME_WAIT.
 *
 * *port may be 0: the kernel then picks a free port, which we read back
 * with getsockname and store in *port (the test scripts use this).
 */
static inline int listen_tcp(int *port)
{
	struct sockaddr_in sin;
	socklen_t len = sizeof(sin);
	int one = 1;
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);

	if (fd < 0)
		die("socket");
	if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) < 0)
		die("setsockopt SO_REUSEADDR");
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_addr.s_addr = htonl(INADDR_ANY);
	sin.sin_port = htons((unsigned short)*port);
	if (bind(fd, (struct sockaddr *)&sin, sizeof(sin)) < 0)
		die("bind");
	if (listen(fd, 128) < 0)
		die("listen");
	if (getsockname(fd, (struct sockaddr *)&sin, &len) < 0)
		die("getsockname");
	*port = ntohs(sin.sin_port);
	return fd;
}

/*
 * A peer that closed its end makes write() raise SIGPIPE, whose default
 * action kills the process: one vanished client would take the server
 * down.  Ignoring it turns that case into an ordinary EPIPE error.
 */
/* Let this process open up to max descriptors (or the hard limit, if
 * lower): the soft default of 1024 is too few for a server meant to hold
 * thousands of idle connections.  Returns the new soft limit. */
static inline long raise_nofile(long max)
{
	struct rlimit rl;

	if (getrlimit(RLIMIT_NOFILE, &rl) < 0)
		return -1;
	if (rl.rlim_cur < (rlim_t)max) {
		rl.rlim_cur = rl.rlim_max < (rlim_t)max ? rl.rlim_max : (rlim_t)max;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
	return (long)rl.rlim_cur;
}

static inline void ignore_sigpipe(void)
{
	signal(SIGPIPE, SIG_IGN);
}

/* Milliseconds on a clock that never jumps (for idle timeouts). */
static inline long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/*
 * An output queue: bytes we owe a peer but that its socket would not
 * take yet (write returned less than asked, or EAGAIN).  data[off..len)
 * is still to be sent.  The owner decides the cap; buf_append refuses to
 * grow beyond it, so a client that never reads cannot make us use
 * unbounded memory.
 */
struct buf {
	char *data;	/* malloc'ed storage, or NULL while empty */
	size_t off;	/* first byte not yet sent */
	size_t len;	/* end of the bytes not yet sent */
	size_t cap;	/* allocated size of data */
};

static inline size_t buf_pending(const struct buf *b)
{
	return b->len - b->off;
}

static inline void buf_free(struct buf *b)
{
	free(b->data);
	memset(b, 0, sizeof(*b));
}

/* Queue n bytes; -1 (nothing queued) if that would exceed limit bytes
 * pending, or if memory runs out. */
static inline int buf_append(struct buf *b, const void *p, size_t n, size_t limit)
{
	if (buf_pending(b) + n > limit)
		return -1;
	if (b->off > 0) {	/* slide the unsent bytes to the front */
		memmove(b->data, b->data + b->off, buf_pending(b));
		b->len -= b->off;
		b->off = 0;
	}
	if (b->len + n > b->cap) {
		size_t cap = b->cap ? b->cap : 4096;
		char *d;

		while (cap < b->len + n)
			cap *= 2;
		d = realloc(b->data, cap);
		if (!d)
			return -1;
		b->data = d;
		b->cap = cap;
	}
	memcpy(b->data + b->len, p, n);
	b->len += n;
	return 0;
}

/*
 * Send as much of the queue as the socket takes now.  Returns 0 when
 * the queue is empty, 1 when bytes remain (wait for EPOLLOUT), -1 on a
 * real error (the peer is gone).  The loop stops at EAGAIN: the socket's
 * send buffer is full, and waiting here would stall every other client.
 *
 * An emptied queue gives its storage back: a client holds a buffer
 * only while we owe it bytes, so 10,000 idle clients cost 10,000 small
 * structs, not 10,000 buffers of 4 KiB kept from their last echo.
 */
static inline int buf_flush(struct buf *b, int fd)
{
	while (buf_pending(b) > 0) {
		ssize_t n = send(fd, b->data + b->off, buf_pending(b), MSG_NOSIGNAL);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			return 1;
		if (n < 0)
			return -1;
		b->off += (size_t)n;
	}
	buf_free(b);
	return 0;
}

#endif
