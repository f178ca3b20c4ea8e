/*
 * pollechod - the echo server of echod.c, on poll() or select() instead
 * of epoll, so that the three can be compared side by side.
 *
 *   pollechod [-p PORT] [-s]
 *     -p PORT  port to listen on (default 7; 0 = any)
 *     -s       use select() instead of poll()
 *
 * What differs from epoll: poll and select keep no state in the kernel.
 * Every call hands over the whole list of fds, the kernel calls each
 * file's ->poll hook and hangs our task on every wait queue, sleeps,
 * then takes it off every queue again, and we scan the whole result to
 * find the few ready fds.  The cost of each call grows with the number
 * of connections, busy or idle.  epoll registers interest once
 * (epoll_ctl), and ep_poll_callback puts only the ready fds on a list,
 * so epoll_wait costs in proportion to the ready fds.
 *
 * select adds a hard limit: an fd_set holds fds below FD_SETSIZE (1024).
 *
 * The rest is as in echod: non-blocking sockets, a per-client output
 * queue, POLLOUT wanted only while it is non-empty, reading paused while
 * OUT_LIMIT bytes are owed.  Both calls are level-triggered.
 *
 * An ordinary C program on musl: it builds and runs on Linux too.
 */
#define _GNU_SOURCE	/* accept4, for glibc too; musl has it anyway */
#include <poll.h>
#include <sys/select.h>

#include "lib/net.h"

#define MAX_FDS FD_SETSIZE	/* select cannot go beyond it */
#define READ_CHUNK 16384
#define OUT_LIMIT (256 * 1024)

struct conn {
	int fd;
	struct buf out;		/* echo not yet accepted by the socket */
	int eof;		/* the client shut down its sending side */
};

static struct conn *conns[MAX_FDS];	/* indexed by fd */
static int max_fd;			/* highest fd ever used (scan bound) */

static int want_read(const struct conn *c)
{
	return !c->eof && buf_pending(&c->out) < OUT_LIMIT;
}

static int want_write(const struct conn *c)
{
	return buf_pending(&c->out) > 0;
}

static void close_conn(struct conn *c)
{
	close(c->fd);
	conns[c->fd] = NULL;
	buf_free(&c->out);
	free(c);
}

static void accept_all(int lfd)
{
	for (;;) {
		int fd = accept4(lfd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
		struct conn *c;

		if (fd < 0) {
			if (errno == EINTR || errno == ECONNABORTED)
				continue;
			if (errno != EAGAIN && errno != EWOULDBLOCK)
				perror("pollechod: accept4");
			return;
		}
		c = calloc(1, sizeof(*c));
		if (fd >= MAX_FDS || !c) {
			close(fd);
			free(c);
			continue;
		}
		c->fd = fd;
		conns[fd] = c;
		if (fd > max_fd)
			max_fd = fd;
	}
}

/* Level-triggered, so one read per wake-up is enough.  Returns -1 if
 * the connection must be closed. */
static int on_readable(struct conn *c)
{
	char chunk[READ_CHUNK];
	ssize_t n = read(c->fd, chunk, sizeof(chunk));

	if (n < 0)
		return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR ? 0 : -1;
	if (n == 0) {
		c->eof = 1;
		return 0;
	}
	if (buf_append(&c->out, chunk, (size_t)n, OUT_LIMIT + READ_CHUNK) < 0)
		return -1;
	return buf_flush(&c->out, c->fd) < 0 ? -1 : 0;
}

/* Handle what poll or select reported for c. */
static void handle(struct conn *c, int readable, int writable, int broken)
{
	if ((readable && on_readable(c) < 0) ||
	    (writable && buf_flush(&c->out, c->fd) < 0) ||
	    (broken && !readable) ||
	    (c->eof && !want_write(c)))
		close_conn(c);
}

/* One round with poll(): build the array, wait, dispatch. */
static void round_poll(int lfd)
{
	static struct pollfd pfd[MAX_FDS + 1];
	nfds_t n = 0;

	pfd[n++] = (struct pollfd){ .fd = lfd, .events = POLLIN };
	for (int fd = 0; fd <= max_fd; fd++) {
		struct conn *c = conns[fd];

		if (!c)
			continue;
		pfd[n++] = (struct pollfd){ .fd = fd,
			.events = (short)((want_read(c) ? POLLIN : 0) |
					  (want_write(c) ? POLLOUT : 0)) };
	}
	if (poll(pfd, n, -1) < 0) {
		if (errno != EINTR)
			die("poll");
		return;
	}
	if (pfd[0].revents & POLLIN)
		accept_all(lfd);
	for (nfds_t i = 1; i < n; i++) {
		short r = pfd[i].revents;

		if (r && conns[pfd[i].fd])
			handle(conns[pfd[i].fd], r & POLLIN, r & POLLOUT,
			       r & (POLLHUP | POLLERR | POLLNVAL));
	}
}

/* One round with select(): three bit sets, rebuilt every time because
 * select overwrites them with the result. */
static void round_select(int lfd)
{
	fd_set rd, wr;

	FD_ZERO(&rd);
	FD_ZERO(&wr);
	FD_SET(lfd, &rd);
	for (int fd = 0; fd <= max_fd; fd++) {
		if (!conns[fd])
			continue;
		if (want_read(conns[fd]))
			FD_SET(fd, &rd);
		if (want_write(conns[fd]))
			FD_SET(fd, &wr);
	}
	if (select(max_fd + 1, &rd, &wr, NULL, NULL) < 0) {
		if (errno != EINTR)
			die("select");
		return;
	}
	if (FD_ISSET(lfd, &rd))
		accept_all(lfd);
	for (int fd = 0; fd <= max_fd; fd++) {
		/* select has no "hung up" bit: a closed peer shows as
		 * readable, and read() then returns 0 or an error. */
		if (conns[fd] && (FD_ISSET(fd, &rd) || FD_ISSET(fd, &wr)))
			handle(conns[fd], FD_ISSET(fd, &rd), FD_ISSET(fd, &wr), 0);
	}
}

int main(int argc, char **argv)
{
	int port = 7, use_select = 0, lfd, opt;

	while ((opt = getopt(argc, argv, "p:s")) != -1) {
		switch (opt) {
		case 'p': port = parse_port("pollechod", optarg); break;
		case 's': use_select = 1; break;
		default:
			fprintf(stderr, "usage: pollechod [-p PORT] [-s]\n");
			return 2;
		}
	}
	ignore_sigpipe();
	lfd = listen_tcp(&port);
	max_fd = lfd;
	printf("pollechod: listening on port %d (%s)\n", port,
	       use_select ? "select" : "poll");
	fflush(stdout);
	for (;;) {
		if (use_select)
			round_select(lfd);
		else
			round_poll(lfd);
	}
}
