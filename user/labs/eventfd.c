/* eventfd: the grading test of docs/labs/eventfd.md.  An eventfd's
 * ->poll: readable while the counter is non-zero, writable while one
 * more write of 1 would fit, and wake-ups that say which of the two
 * happened, so that an edge-triggered epoll item hears only its own
 * edges.  One line per check, "FAIL: " in front of a failure.  The same
 * binary passes on Linux. */
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <sys/eventfd.h>
#include "lab.h"

#define SETTLE_MS 200

static short revents(int fd)
{
	struct pollfd p = { fd, POLLIN | POLLOUT, 0 };
	poll(&p, 1, 0);
	return p.revents;
}

static void poll_mask(void)
{
	int efd = eventfd(0, EFD_NONBLOCK);
	uint64_t v = 1;

	short r = revents(efd);
	report(r == POLLOUT, "counter 0: writable, not readable: %s", mask_name(r));
	write(efd, &v, 8);
	r = revents(efd);
	report(r == (POLLIN | POLLOUT), "counter 1: readable and writable: %s", mask_name(r));
	read(efd, &v, 8);
	v = 0xfffffffffffffffeULL;	/* the largest value it holds */
	write(efd, &v, 8);
	r = revents(efd);
	report(r == POLLIN, "counter at its maximum: readable, not writable: %s", mask_name(r));
	close(efd);
}

static int efd_shared;

static int wait_child(void *arg)
{
	(void)arg;
	int ep = epoll_create1(0);
	struct epoll_event out[1];
	ctl(ep, EPOLL_CTL_ADD, efd_shared, EPOLLIN, 7);
	int n = epoll_wait(ep, out, 1, 5000);
	return n == 1 && out[0].events == EPOLLIN && out[0].data.u64 == 7;
}

/* The method registers on the counter's queue: a sleeper hears the
 * write of another process. */
static void epoll_wakes(void)
{
	uint64_t one = 1;
	efd_shared = eventfd(0, EFD_NONBLOCK);
	pid_t pid = spawn(wait_child, NULL);
	msleep(SETTLE_MS);
	write(efd_shared, &one, 8);
	report(reap_within(pid, 3000) == 1,
	       "a child asleep in epoll_wait for EPOLLIN wakes on the parent's write");
	close(efd_shared);
}

static int epoll0(int ep, struct epoll_event *out)
{
	return epoll_wait(ep, out, 4, 0);
}

/* Edge-triggered items see only the edges of their own direction: a
 * write wakes with EPOLLIN, a read with EPOLLOUT. */
static void keyed_wakeups(void)
{
	int efd = eventfd(0, EFD_NONBLOCK), ep = epoll_create1(0);
	struct epoll_event out[4];
	uint64_t v = 1;

	ctl(ep, EPOLL_CTL_ADD, efd, EPOLLOUT | EPOLLET, 1);
	int n = epoll0(ep, out);
	report(n == 1 && out[0].events == EPOLLOUT,
	       "EPOLLOUT|EPOLLET item: writable at ADD, reported: n=%d", n);
	write(efd, &v, 8);
	n = epoll0(ep, out);
	report(n == 0, "a write (an EPOLLIN wake-up) does not report the EPOLLOUT item again: n=%d", n);
	read(efd, &v, 8);
	n = epoll0(ep, out);
	report(n == 1 && out[0].events == EPOLLOUT,
	       "a read (an EPOLLOUT wake-up) does: n=%d", n);
	ctl(ep, EPOLL_CTL_DEL, efd, 0, 0);

	ctl(ep, EPOLL_CTL_ADD, efd, EPOLLIN | EPOLLET, 2);
	int n0 = epoll0(ep, out);
	write(efd, &v, 8);
	int n1 = epoll0(ep, out);
	int n2 = epoll0(ep, out);
	write(efd, &v, 8);
	int n3 = epoll0(ep, out);
	report(n0 == 0 && n1 == 1 && n2 == 0 && n3 == 1,
	       "EPOLLIN|EPOLLET item: nothing, a write: one report, then none, a write: one: %d %d %d %d",
	       n0, n1, n2, n3);
	close(ep);
	close(efd);
}

/* The counter's readers sleep on the same queue (not through ->poll). */
static int read_child(void *arg)
{
	(void)arg;
	uint64_t v = 0;
	int fl = fcntl(efd_shared, F_GETFL);
	fcntl(efd_shared, F_SETFL, fl & ~O_NONBLOCK);
	watchdog(5);
	return read(efd_shared, &v, 8) == 8 && v == 3;
}

static void blocked_reader(void)
{
	uint64_t three = 3;
	efd_shared = eventfd(0, 0);
	pid_t pid = spawn(read_child, NULL);
	msleep(SETTLE_MS);
	write(efd_shared, &three, 8);
	report(reap_within(pid, 6000) == 1, "a blocked read() wakes on a write and gets 3");
	close(efd_shared);
}

int main(void)
{
	poll_mask();
	epoll_wakes();
	keyed_wakeups();
	blocked_reader();
	return failed ? 1 : 0;
}
