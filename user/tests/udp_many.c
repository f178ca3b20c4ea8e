/* udp_many: 10,000 UDP sockets at once on 127.0.0.1, as Linux allows
 * with RLIMIT_NOFILE raised (the host's hard limit is 20,000): each
 * bound to its own ephemeral port, all watched by one epoll, one
 * datagram sent to each from one sender and every one received by the
 * right socket; then they are closed and 10,000 opened again (nothing
 * held back), and with RLIMIT_NOFILE at 10,100 the socket after the
 * last free descriptor is EMFILE.  The kernel's lwIP pools used to stop
 * this at the 65th socket (ENOBUFS). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include "check.h"
#include "errname.h"

#define N		10000
#define LIMIT		10100

static int fds[LIMIT];
static unsigned short ports[LIMIT];

/* Open and bind n sockets; returns how many worked, errno for the
 * first failure in *err. */
static int open_bound(int n, int *err)
{
	for (int i = 0; i < n; i++) {
		struct sockaddr_in a = { .sin_family = AF_INET };
		socklen_t len = sizeof(a);

		a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		fds[i] = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK, 0);
		if (fds[i] < 0 || bind(fds[i], (struct sockaddr *)&a, sizeof(a)) ||
		    getsockname(fds[i], (struct sockaddr *)&a, &len)) {
			*err = errno;
			if (fds[i] >= 0)
				close(fds[i]);
			return i;
		}
		ports[i] = ntohs(a.sin_port);
	}
	*err = 0;
	return n;
}

static void close_all(int n)
{
	for (int i = 0; i < n; i++)
		close(fds[i]);
}

int main(void)
{
	struct rlimit rl = { LIMIT, LIMIT };
	int err;

	if (setrlimit(RLIMIT_NOFILE, &rl)) {
		printf("setrlimit(RLIMIT_NOFILE, %d): %s\n", LIMIT, errname(errno));
		return 1;
	}
	int n = open_bound(N, &err);
	report(n == N, "%d UDP sockets bound: %d (%s)", N, n, errname(err));
	int distinct = 1;
	for (int i = 1; i < n && distinct; i++)
		distinct = ports[i] != ports[i - 1];
	report(distinct, "each on a port of its own: %s", yesno(distinct));

	int ep = epoll_create1(0);
	int added = 0;
	for (int i = 0; i < n; i++) {
		struct epoll_event ev = { .events = EPOLLIN, .data.u32 = (unsigned)i };
		added += epoll_ctl(ep, EPOLL_CTL_ADD, fds[i], &ev) == 0;
	}
	report(added == n, "all %d watched by one epoll: %d", n, added);

	/* One datagram to each, saying which socket it is for. */
	int s = socket(AF_INET, SOCK_DGRAM, 0), sent = 0;
	for (int i = 0; i < n; i++) {
		struct sockaddr_in to = { .sin_family = AF_INET, .sin_port = htons(ports[i]) };
		to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		int tag = i;
		sent += sendto(s, &tag, sizeof(tag), 0, (struct sockaddr *)&to, sizeof(to)) ==
			sizeof(tag);
	}
	report(sent == n, "one datagram sent to each: %d", sent);

	static struct epoll_event evs[1024];
	int got = 0, right = 0, rounds = 0;
	while (got < n && rounds++ < 1000) {
		int k = epoll_wait(ep, evs, 1024, 2000);
		if (k <= 0)
			break;
		for (int j = 0; j < k; j++) {
			int i = (int)evs[j].data.u32, tag = -1;
			if (recv(fds[i], &tag, sizeof(tag), 0) == sizeof(tag)) {
				got++;
				right += tag == i;
			}
		}
	}
	report(got == n && right == n, "received by epoll: %d, each by its own socket: %d", got, right);
	close(ep);
	close(s);
	close_all(n);

	n = open_bound(N, &err);
	report(n == N, "closed, and %d opened again: %d (%s)", N, n, errname(err));
	close_all(n);

	/* Up to the limit: the socket past the last free descriptor. */
	int inuse = 0;
	for (int fd = 0; fd < LIMIT; fd++)
		inuse += fcntl(fd, F_GETFD) >= 0;
	n = open_bound(LIMIT, &err);
	report(err == EMFILE && n + inuse == LIMIT,
	       "with RLIMIT_NOFILE %d: the socket after the last descriptor: %s, all used: %s",
	       LIMIT, errname(err), yesno(n + inuse == LIMIT));
	close_all(n);
	printf("udp_many: %s\n", failed ? "FAILED" : "all passed");
	return failed != 0;
}
