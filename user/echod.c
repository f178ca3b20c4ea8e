/*
 * echod - a TCP echo server built on epoll: every byte a client sends
 * comes back to it.
 *
 *   echod [-p PORT] [-e] [-1] [-v]
 *     -p PORT  port to listen on (default 7, the echo port; 0 = any)
 *     -e       edge-triggered (EPOLLET) instead of level-triggered
 *     -1       EPOLLONESHOT: each event disarms the fd; we re-arm it
 *     -v       print every event as it is handled
 *
 * Why epoll: one process serves every client.  Instead of one blocking
 * read() per client (which needs a thread per client), we ask the kernel
 * "tell me which of these sockets is ready", and only then touch them.
 *
 * Why non-blocking sockets: "ready" is a hint, not a promise.  A read
 * may find less than expected, a write may find the send buffer full.
 * With O_NONBLOCK the call returns EAGAIN instead of sleeping, and the
 * server goes back to epoll_wait to serve someone else meanwhile.
 *
 * A client that sends faster than it reads would make us queue its
 * echo without bound; instead we stop reading from it (drop EPOLLIN)
 * while OUT_LIMIT bytes are owed to it, and TCP's flow control then
 * slows the client down.  EPOLLOUT is asked for only while something is
 * queued: a socket is almost always writable, so asking for it all the
 * time would wake us in a busy loop.
 *
 * An ordinary C program on musl: it builds and runs on Linux too.
 */
#define _GNU_SOURCE	/* accept4, for glibc too; musl has it anyway */
#include <stdint.h>
#include <sys/epoll.h>

#include "lib/net.h"

#define MAX_FDS 65536		/* fds at or above this are refused */
#define READ_CHUNK 16384	/* bytes read at a time */
#define OUT_LIMIT (256 * 1024)	/* stop reading while this much is owed */

/* One client. */
struct conn {
	int fd;
	struct buf out;		/* echo not yet accepted by the socket */
	int eof;		/* the client shut down its sending side */
	uint32_t events;	/* interest currently registered with epoll */
};

static struct conn *conns[MAX_FDS];	/* indexed by fd */
static int epfd;
static int edge;		/* -e */
static int oneshot;		/* -1 */
static int verbose;		/* -v */

/* The events we want for c right now, from its state. */
static uint32_t wanted(const struct conn *c)
{
	uint32_t ev = 0;

	if (!c->eof && buf_pending(&c->out) < OUT_LIMIT)
		ev |= EPOLLIN;
	if (buf_pending(&c->out) > 0)
		ev |= EPOLLOUT;
	if (edge)
		ev |= EPOLLET;
	if (oneshot)
		ev |= EPOLLONESHOT;
	return ev;
}

/*
 * Tell epoll what we want now.  Without EPOLLONESHOT we only call
 * epoll_ctl when the set changes.  With it, every reported event has
 * disarmed the fd (it stays registered but reports nothing), so we must
 * re-arm it with EPOLL_CTL_MOD after each event, even if nothing changed.
 * (In a threaded server that is the point: the one thread handling the
 * fd is sure no other thread gets an event for it meanwhile.)
 *
 * EPOLL_CTL_MOD also re-checks readiness at once, so if data arrived
 * while EPOLLIN was off, we get an event for it even in edge mode.
 */
static void set_interest(struct conn *c)
{
	struct epoll_event e = { .events = wanted(c), .data.fd = c->fd };

	if (e.events == c->events && !oneshot)
		return;
	if (epoll_ctl(epfd, EPOLL_CTL_MOD, c->fd, &e) < 0)
		perror("echod: epoll_ctl MOD");
	c->events = e.events;
}

static void close_conn(struct conn *c)
{
	if (verbose)
		fprintf(stderr, "echod: fd %d closed\n", c->fd);
	/* close() also removes the fd from the epoll set. */
	close(c->fd);
	conns[c->fd] = NULL;
	buf_free(&c->out);
	free(c);
}

/* Take every waiting connection.  accept4 with SOCK_NONBLOCK makes the
 * new socket non-blocking in the same call.  We loop until EAGAIN
 * because several clients may be waiting behind one event. */
static void accept_all(int lfd)
{
	for (;;) {
		int fd = accept4(lfd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
		struct conn *c;

		if (fd < 0) {
			if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR &&
			    errno != ECONNABORTED)
				perror("echod: accept4");
			if (errno == EINTR || errno == ECONNABORTED)
				continue;
			return;
		}
		c = calloc(1, sizeof(*c));
		if (fd >= MAX_FDS || !c) {
			close(fd);	/* too many clients: refuse this one */
			free(c);
			continue;
		}
		c->fd = fd;
		c->events = wanted(c);
		struct epoll_event e = { .events = c->events, .data.fd = fd };
		if (epoll_ctl(epfd, EPOLL_CTL_ADD, fd, &e) < 0) {
			perror("echod: epoll_ctl ADD");
			close(fd);
			free(c);
			continue;
		}
		conns[fd] = c;
		if (verbose)
			fprintf(stderr, "echod: fd %d accepted\n", fd);
	}
}

/*
 * The client's socket is readable.
 *
 * Level-triggered: one read is enough.  If bytes remain, the next
 * epoll_wait reports the socket again, because it is still readable.
 *
 * Edge-triggered: epoll reports a change (new bytes arrived), not a
 * state.  Suppose 20 KB arrive and we read only 16 KB: no new bytes come
 * (the client waits for its echo), so no new edge, so epoll_wait never
 * reports this socket again and the last 4 KB sit there forever.  So in
 * edge mode we must read until read() says EAGAIN: only then do we know
 * the next arrival will be a new edge.  The one exception is when we
 * stop on purpose (OUT_LIMIT reached): then EPOLLIN is dropped, and
 * turning it back on with EPOLL_CTL_MOD re-checks readiness.
 *
 * Returns -1 if the connection must be closed.
 */
static int on_readable(struct conn *c)
{
	char chunk[READ_CHUNK];

	while (buf_pending(&c->out) < OUT_LIMIT) {
		ssize_t n = read(c->fd, chunk, sizeof(chunk));

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			break;		/* drained: wait for the next event */
		if (n < 0)
			return -1;	/* ECONNRESET and friends */
		if (n == 0) {
			c->eof = 1;	/* send what we owe, then close */
			break;
		}
		if (verbose)
			fprintf(stderr, "echod: fd %d read %zd bytes\n", c->fd, n);
		if (buf_append(&c->out, chunk, (size_t)n, OUT_LIMIT + READ_CHUNK) < 0)
			return -1;
		if (buf_flush(&c->out, c->fd) < 0)
			return -1;
		if (!edge)
			break;		/* level-triggered: epoll will call again */
	}
	return 0;
}

/* One event for a client. */
static void handle(struct conn *c, uint32_t ev)
{
	if (verbose)
		fprintf(stderr, "echod: fd %d events%s%s%s%s\n", c->fd,
			ev & EPOLLIN ? " IN" : "", ev & EPOLLOUT ? " OUT" : "",
			ev & EPOLLHUP ? " HUP" : "", ev & EPOLLERR ? " ERR" : "");
	/* HUP: both directions are closed (or the peer reset): nobody is
	 * left to read our echo.  ERR: a pending socket error. */
	if (ev & (EPOLLHUP | EPOLLERR)) {
		close_conn(c);
		return;
	}
	if ((ev & EPOLLIN) && on_readable(c) < 0) {
		close_conn(c);
		return;
	}
	if ((ev & EPOLLOUT) && buf_flush(&c->out, c->fd) < 0) {
		close_conn(c);
		return;
	}
	if (c->eof && buf_pending(&c->out) == 0) {
		close_conn(c);
		return;
	}
	set_interest(c);
}

static void usage(void)
{
	fprintf(stderr, "usage: echod [-p PORT] [-e] [-1] [-v]\n");
	exit(2);
}

int main(int argc, char **argv)
{
	struct epoll_event events[64];
	int port = 7, lfd, opt;

	while ((opt = getopt(argc, argv, "p:e1v")) != -1) {
		switch (opt) {
		case 'p': port = parse_port("echod", optarg); break;
		case 'e': edge = 1; break;
		case '1': oneshot = 1; break;
		case 'v': verbose = 1; break;
		default: usage();
		}
	}
	if (optind != argc)
		usage();
	ignore_sigpipe();
	raise_nofile(MAX_FDS);
	lfd = listen_tcp(&port);
	epfd = epoll_create1(EPOLL_CLOEXEC);
	if (epfd < 0)
		die("epoll_create1");
	/* The listening socket stays level-triggered in every mode: we drain
	 * it with accept4 until EAGAIN anyway. */
	struct epoll_event e = { .events = EPOLLIN, .data.fd = lfd };
	if (epoll_ctl(epfd, EPOLL_CTL_ADD, lfd, &e) < 0)
		die("epoll_ctl ADD listener");
	printf("echod: listening on port %d (%s%s)\n", port,
	       edge ? "edge-triggered" : "level-triggered",
	       oneshot ? ", one-shot" : "");
	fflush(stdout);

	for (;;) {
		int n = epoll_wait(epfd, events, 64, -1);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			die("epoll_wait");
		for (int i = 0; i < n; i++) {
			int fd = events[i].data.fd;

			if (fd == lfd)
				accept_all(lfd);
			else if (conns[fd])
				handle(conns[fd], events[i].events);
		}
	}
}
