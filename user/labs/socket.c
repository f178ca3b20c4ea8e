/* socket: the grading test of docs/labs/socket.md.  The socket side of
 * the chain, over TCP on 127.0.0.1: what tcp_poll reports in each state
 * of a connection (data, the peer's FIN, both FINs, a reset, a refused
 * connect, a full send buffer), and that sock_def_readable and
 * sock_def_write_space wake the socket's queue with the key of what
 * happened, so that edge-triggered items hear only their own edges.
 * One line per check, "FAIL: " in front of a failure.  The same binary
 * passes on Linux. */
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>
#include <sys/socket.h>
#include "lab.h"

#define ALL (EPOLLIN | EPOLLOUT | EPOLLRDHUP | EPOLLPRI)

/* What epoll reports for fd right now (after waiting up to ms for
 * anything), within ALL: without the NORM and BAND duplicates. */
static unsigned state_of(int fd, int ms)
{
	int ep = epoll_create1(0);
	struct epoll_event out[1];
	ctl(ep, EPOLL_CTL_ADD, fd, ALL, 0);
	int n = epoll_wait(ep, out, 1, ms);
	close(ep);
	return n == 1 ? out[0].events & (ALL | EPOLLERR | EPOLLHUP) : 0;
}

/* Wait (up to 2 s) until fd reports all of want. */
static unsigned settle(int fd, unsigned want)
{
	unsigned m = 0;
	for (int i = 0; i < 40 && (m & want) != want; i++) {
		m = state_of(fd, 0);
		if ((m & want) != want)
			msleep(50);
	}
	return m;
}

static int listener(struct sockaddr_in *a)
{
	socklen_t len = sizeof(*a);
	int l = socket(AF_INET, SOCK_STREAM, 0);
	memset(a, 0, sizeof(*a));
	a->sin_family = AF_INET;
	a->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	bind(l, (struct sockaddr *)a, sizeof(*a));
	listen(l, 8);
	getsockname(l, (struct sockaddr *)a, &len);
	return l;
}

/* A connected pair over loopback: *c the client, return the server. */
static int pair(int l, struct sockaddr_in *a, int *c)
{
	*c = socket(AF_INET, SOCK_STREAM, 0);
	connect(*c, (struct sockaddr *)a, sizeof(*a));
	int s = accept(l, NULL, NULL);
	int one = 1;
	setsockopt(*c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	setsockopt(s, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	return s;
}

static void states(int l, struct sockaddr_in *a)
{
	int c, s = pair(l, a, &c);
	unsigned m = state_of(s, 0);
	report(m == EPOLLOUT, "connected, nothing sent: %s", mask_name(m));
	write(c, "x", 1);
	m = settle(s, EPOLLIN);
	report(m == (EPOLLIN | EPOLLOUT), "the peer sent data: %s", mask_name(m));
	char buf[8];
	read(s, buf, sizeof(buf));
	shutdown(c, SHUT_WR);
	m = settle(s, EPOLLRDHUP);
	report(m == (EPOLLIN | EPOLLOUT | EPOLLRDHUP),
	       "the peer's FIN (shutdown SHUT_WR): %s", mask_name(m));
	shutdown(s, SHUT_WR);
	m = settle(s, EPOLLHUP);
	report(m == (EPOLLIN | EPOLLOUT | EPOLLRDHUP | EPOLLHUP),
	       "and ours too: %s", mask_name(m));
	close(c);
	close(s);

	s = pair(l, a, &c);
	struct linger lg = { 1, 0 };
	setsockopt(c, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg));
	close(c);		/* a reset */
	m = settle(s, EPOLLERR);
	report(m == (EPOLLIN | EPOLLOUT | EPOLLRDHUP | EPOLLERR | EPOLLHUP),
	       "the peer resets the connection: %s", mask_name(m));
	close(s);
}

static void refused(void)
{
	struct sockaddr_in a;
	int l = listener(&a);
	close(l);		/* nobody listens there now */
	int c = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	connect(c, (struct sockaddr *)&a, sizeof(a));
	unsigned m = settle(c, EPOLLERR);
	report(m == (EPOLLIN | EPOLLOUT | EPOLLRDHUP | EPOLLERR | EPOLLHUP),
	       "a connect that is refused: %s", mask_name(m));
	close(c);
}

/* Fill the send buffer (the peer does not read): not writable; the
 * peer drains it: writable again, and an EPOLLOUT|EPOLLET item hears it. */
static void full_buffer(int l, struct sockaddr_in *a)
{
	int c, s = pair(l, a, &c);
	static char chunk[4096];
	fcntl(s, F_SETFL, O_NONBLOCK);
	int ep = epoll_create1(0);
	struct epoll_event out[1];
	ctl(ep, EPOLL_CTL_ADD, s, EPOLLOUT | EPOLLET, 1);
	epoll_wait(ep, out, 1, 0);	/* the edge of being connected */
	long total = 0;
	for (int i = 0; i < 4000; i++) {
		ssize_t n = write(s, chunk, sizeof(chunk));
		if (n < 0)
			break;
		total += n;
		if (i % 16 == 15)
			msleep(1);	/* let the stack move what it can */
	}
	msleep(200);
	while (write(s, chunk, sizeof(chunk)) > 0)
		total += sizeof(chunk);
	unsigned m = state_of(s, 0);
	report(!(m & EPOLLOUT), "send buffer full (the peer reads nothing): not writable: %s",
	       mask_name(m));
	int n0 = epoll_wait(ep, out, 1, 0);
	long got = 0;
	fcntl(c, F_SETFL, O_NONBLOCK);
	int n1 = 0;
	for (int i = 0; i < 200 && !n1; i++) {
		ssize_t r;
		while ((r = read(c, chunk, sizeof(chunk))) > 0)
			got += r;
		n1 = epoll_wait(ep, out, 1, 20);
	}
	report(n0 == 0 && n1 == 1 && out[0].events == EPOLLOUT,
	       "the peer drains it: the EPOLLOUT|EPOLLET item is reported again: %s",
	       n0 == 0 && n1 == 1 ? "yes" : "no");
	close(ep);
	close(c);
	close(s);
}

/* The keys: data wakes with EPOLLIN, room to send with EPOLLOUT. */
static void keyed(int l, struct sockaddr_in *a)
{
	int c, s = pair(l, a, &c);
	int ep = epoll_create1(0);
	struct epoll_event out[1];
	char buf[2000];

	ctl(ep, EPOLL_CTL_ADD, s, EPOLLOUT | EPOLLET, 1);
	int n0 = epoll_wait(ep, out, 1, 0);
	write(c, "x", 1);
	msleep(200);
	int n1 = epoll_wait(ep, out, 1, 0);
	report(n0 == 1 && n1 == 0,
	       "EPOLLOUT|EPOLLET item: data arriving (sock_def_readable) does not report it: %s",
	       n0 == 1 && n1 == 0 ? "yes" : "no");
	epoll_ctl(ep, EPOLL_CTL_DEL, s, NULL);

	ctl(ep, EPOLL_CTL_ADD, s, EPOLLIN | EPOLLET, 2);
	n0 = epoll_wait(ep, out, 1, 0);	/* the "x", left unread */
	memset(buf, 'y', sizeof(buf));
	write(s, buf, sizeof(buf));
	read(c, buf, sizeof(buf));	/* the peer takes it: ACKs, room again */
	n1 = epoll_wait(ep, out, 1, 300);
	report(n0 == 1 && n1 == 0,
	       "EPOLLIN|EPOLLET item, data unread: our data being ACKed "
	       "(sock_def_write_space) does not report it: %s",
	       n0 == 1 && n1 == 0 ? "yes" : "no");
	close(ep);
	close(c);
	close(s);
}

static void accept_ready(int l, struct sockaddr_in *a)
{
	unsigned m0 = state_of(l, 0);
	int c = socket(AF_INET, SOCK_STREAM, 0);
	connect(c, (struct sockaddr *)a, sizeof(*a));
	unsigned m1 = settle(l, EPOLLIN);
	report(m0 == 0 && m1 == EPOLLIN, "a listener: nothing, then a connection queued: %s",
	       mask_name(m1));
	close(accept(l, NULL, NULL));
	close(c);
}

int main(void)
{
	struct sockaddr_in a;
	int l = listener(&a);
	signal(SIGPIPE, SIG_IGN);
	accept_ready(l, &a);
	states(l, &a);
	refused();
	full_buffer(l, &a);
	keyed(l, &a);
	close(l);
	return failed ? 1 : 0;
}
