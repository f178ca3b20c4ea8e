/*
 * chatd - a line-based chat server on epoll: every line one client
 * sends goes to all the others, prefixed with the sender's name.
 *
 *   chatd [-p PORT]     (default port 7777; 0 = any)
 *
 * Try it with two terminals running "nc HOST 7777".  Commands:
 *   /nick NAME   change your name (letters, digits, - and _)
 *   /who         list who is here
 *   /quit        leave
 *
 * Why this is a good epoll exercise: one incoming line becomes many
 * outgoing writes, to clients that read at different speeds.  We never
 * wait for a slow client: what its socket will not take now goes into
 * its own output queue, and we ask for EPOLLOUT on it until the queue is
 * empty.  A client whose queue passes OUT_LIMIT is not reading at all,
 * so we drop it rather than let it eat our memory.
 *
 * Clients that vanish show up as EPOLLRDHUP/EPOLLHUP, read() == 0 or a
 * read error (ECONNRESET); all lead to the same cleanup.
 *
 * An ordinary C program on musl: it builds and runs on Linux too.
 */
#define _GNU_SOURCE	/* accept4, for glibc too; musl has it anyway */
#include <stdarg.h>
#include <stdint.h>
#include <sys/epoll.h>

#include "lib/net.h"

#define MAX_FDS 1024
#define LINE_MAX_LEN 512	/* longer lines are cut into pieces */
#define NAME_MAX_LEN 16
#define OUT_LIMIT (64 * 1024)	/* a client owed more than this is dropped */

struct client {
	int fd;
	char name[NAME_MAX_LEN + 1];
	char line[LINE_MAX_LEN];	/* a line being received */
	size_t line_len;
	struct buf out;		/* owed to this client */
	int want_out;		/* EPOLLOUT currently registered */
	int doomed;		/* to be closed by reap(); reason in why */
	const char *why;
};

static struct client *clients[MAX_FDS];	/* indexed by fd */
static int max_fd, epfd, next_id = 1;

/* EPOLLOUT only while something is queued (see the top comment). */
static void set_interest(struct client *c)
{
	int want = buf_pending(&c->out) > 0;
	struct epoll_event e = { .events = EPOLLIN | EPOLLRDHUP | (want ? EPOLLOUT : 0),
				 .data.fd = c->fd };

	if (want != c->want_out && epoll_ctl(epfd, EPOLL_CTL_MOD, c->fd, &e) == 0)
		c->want_out = want;
}

/* Mark c for closing.  We do not close at once: we may be in the
 * middle of a loop over all clients. */
static void doom(struct client *c, const char *why)
{
	if (!c->doomed) {
		c->doomed = 1;
		c->why = why;
	}
}

/* Queue text for c and send what the socket takes now. */
static void send_to(struct client *c, const char *text, size_t len)
{
	if (c->doomed)
		return;
	if (buf_append(&c->out, text, len, OUT_LIMIT) < 0) {
		/* Best effort, and it may well not fit: the client is not
		 * reading.  MSG_DONTWAIT: never wait for it. */
		static const char bye[] = "\nchatd: you are not reading; disconnected\n";
		send(c->fd, bye, sizeof(bye) - 1, MSG_NOSIGNAL | MSG_DONTWAIT);
		doom(c, "too slow");
		return;
	}
	if (buf_flush(&c->out, c->fd) < 0)
		doom(c, "connection lost");
	else
		set_interest(c);
}

/* printf to one client (to == NULL: to everyone but except). */
static void say(struct client *to, struct client *except, const char *fmt, ...)
{
	char msg[LINE_MAX_LEN + 64];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n >= sizeof(msg))
		n = sizeof(msg) - 1;
	if (to) {
		send_to(to, msg, (size_t)n);
		return;
	}
	for (int fd = 0; fd <= max_fd; fd++)
		if (clients[fd] && clients[fd] != except)
			send_to(clients[fd], msg, (size_t)n);
}

/* Close every doomed client and tell the others.  Telling them may doom
 * more (slow readers), so go round until none is left. */
static void reap(void)
{
	for (int again = 1; again;) {
		again = 0;
		for (int fd = 0; fd <= max_fd; fd++) {
			struct client *c = clients[fd];

			if (!c || !c->doomed)
				continue;
			clients[fd] = NULL;
			close(fd);
			say(NULL, NULL, "* %s left (%s)\n", c->name, c->why);
			buf_free(&c->out);
			free(c);
			again = 1;
		}
	}
}

static int valid_name(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n > NAME_MAX_LEN)
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || *s == '-' || *s == '_'))
			return 0;
	return 1;
}

/* A whole line (without its "\n") arrived from c. */
static void on_line(struct client *c, char *line)
{
	size_t n = strlen(line);

	if (n > 0 && line[n - 1] == '\r')	/* telnet and friends send CRLF */
		line[--n] = 0;
	if (strncmp(line, "/nick ", 6) == 0) {
		if (!valid_name(line + 6)) {
			say(c, NULL, "* names are 1-%d letters, digits, - or _\n", NAME_MAX_LEN);
			return;
		}
		say(NULL, c, "* %s is now %s\n", c->name, line + 6);
		strcpy(c->name, line + 6);
		say(c, NULL, "* you are now %s\n", c->name);
	} else if (strcmp(line, "/quit") == 0) {
		say(c, NULL, "* bye\n");
		doom(c, "quit");
	} else if (strcmp(line, "/who") == 0) {
		for (int fd = 0; fd <= max_fd; fd++)
			if (clients[fd])
				say(c, NULL, "* %s%s\n", clients[fd]->name,
				    clients[fd] == c ? " (you)" : "");
	} else if (line[0] == '/') {
		say(c, NULL, "* commands: /nick NAME, /who, /quit\n");
	} else if (n > 0) {
		say(NULL, c, "%s: %s\n", c->name, line);
	}
}

/* Read what is there and cut it into lines.  Level-triggered: one read
 * per event; more data means another event. */
static void on_readable(struct client *c)
{
	char data[4096];
	ssize_t n = read(c->fd, data, sizeof(data));

	if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR))
		return;
	if (n <= 0) {		/* 0: the client closed; < 0: reset etc. */
		doom(c, n == 0 ? "closed" : "connection lost");
		return;
	}
	for (ssize_t i = 0; i < n && !c->doomed; i++) {
		if (data[i] == '\n' || c->line_len == LINE_MAX_LEN - 1) {
			c->line[c->line_len] = 0;
			c->line_len = 0;
			on_line(c, c->line);
			if (data[i] == '\n')
				continue;
		}
		c->line[c->line_len++] = data[i] ? data[i] : ' ';
	}
}

static void accept_all(int lfd)
{
	for (;;) {
		int fd = accept4(lfd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
		struct client *c;

		if (fd < 0 && (errno == EINTR || errno == ECONNABORTED))
			continue;
		if (fd < 0)
			return;
		c = calloc(1, sizeof(*c));
		/* EPOLLRDHUP: tell us when the peer shuts down its side, even
		 * if we are not reading just then. */
		struct epoll_event e = { .events = EPOLLIN | EPOLLRDHUP, .data.fd = fd };
		if (fd >= MAX_FDS || !c || epoll_ctl(epfd, EPOLL_CTL_ADD, fd, &e) < 0) {
			close(fd);
			free(c);
			continue;
		}
		c->fd = fd;
		snprintf(c->name, sizeof(c->name), "user%d", next_id++);
		clients[fd] = c;
		if (fd > max_fd)
			max_fd = fd;
		say(c, NULL, "* welcome, %s; /nick NAME, /who, /quit\n", c->name);
		say(NULL, c, "* %s joined\n", c->name);
	}
}

static void handle(struct client *c, uint32_t ev)
{
	/* Read first: a line may have arrived together with the hang-up. */
	if (ev & EPOLLIN)
		on_readable(c);
	if ((ev & EPOLLOUT) && !c->doomed) {
		if (buf_flush(&c->out, c->fd) < 0)
			doom(c, "connection lost");
		else
			set_interest(c);
	}
	if (ev & (EPOLLHUP | EPOLLERR))
		doom(c, "connection lost");
	else if ((ev & EPOLLRDHUP) && !(ev & EPOLLIN))
		doom(c, "closed");
}

int main(int argc, char **argv)
{
	struct epoll_event events[64];
	int port = 7777, lfd, opt;

	while ((opt = getopt(argc, argv, "p:")) != -1) {
		if (opt != 'p') {
			fprintf(stderr, "usage: chatd [-p PORT]\n");
			return 2;
		}
		port = parse_port("chatd", optarg);
	}
	ignore_sigpipe();
	lfd = listen_tcp(&port);
	max_fd = lfd;
	epfd = epoll_create1(EPOLL_CLOEXEC);
	struct epoll_event e = { .events = EPOLLIN, .data.fd = lfd };
	if (epfd < 0 || epoll_ctl(epfd, EPOLL_CTL_ADD, lfd, &e) < 0)
		die("epoll");
	printf("chatd: listening on port %d\n", port);
	fflush(stdout);
	for (;;) {
		int n = epoll_wait(epfd, events, 64, -1);

		if (n < 0 && errno != EINTR)
			die("epoll_wait");
		for (int i = 0; i < n; i++) {
			int fd = events[i].data.fd;

			if (fd == lfd)
				accept_all(lfd);
			else if (clients[fd] && !clients[fd]->doomed)
				handle(clients[fd], events[i].events);
		}
		reap();
	}
}
