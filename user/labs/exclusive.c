/* exclusive: the grading test of docs/labs/exclusive.md.  Several
 * processes, each with its own epoll watching one eventfd with
 * EPOLLIN|EPOLLEXCLUSIVE, sleep in epoll_wait; one write must wake
 * exactly one of them, and never be swallowed by an epoll that nobody
 * is waiting on.  One line per check, "FAIL: " in front of a failure.
 * The same binary passes on Linux. */
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <sys/eventfd.h>
#include <sys/wait.h>
#include "../tests/epoll_common.h"

#define SETTLE_US 150000	/* long enough for every child to get asleep
				 * or to report, short enough to stay quick */

static int efd;			/* the one file everybody watches */
static int woke[2];		/* children write a byte here when woken */
static pid_t kids[8];
static int nkids;

/* A child with its own epoll watching fd with events; it sleeps in
 * epoll_wait and writes 'w' to woke[] if an event comes. */
static void spawn_waiter_on(int fd, unsigned events)
{
	int ready[2];
	char c;
	pipe(ready);
	pid_t pid = fork();
	if (pid == 0) {
		struct epoll_event out[1];
		int ep = epoll_create1(0);
		ctl(ep, EPOLL_CTL_ADD, fd, events, 1);
		write(ready[1], "r", 1);
		if (epoll_wait(ep, out, 1, 5000) == 1)
			write(woke[1], "w", 1);
		_exit(0);
	}
	read(ready[0], &c, 1);
	close(ready[0]);
	close(ready[1]);
	kids[nkids++] = pid;
}

static void spawn_waiter(unsigned events)
{
	spawn_waiter_on(efd, events);
}

/* Wakes reported so far (woke[] is non-blocking). */
static int count_woken(void)
{
	char buf[16];
	int n = 0;
	ssize_t r;
	while ((r = read(woke[0], buf, sizeof(buf))) > 0)
		n += r;
	return n;
}

/* Write one event to fd (efd, or a pipe's write end) once every child
 * is asleep, and count the children it woke. */
static int woken_by_write(int fd)
{
	uint64_t one = 1;

	usleep(SETTLE_US);	/* the children reach epoll_wait */
	if (fd == efd)
		write(efd, &one, 8);
	else
		write(fd, "x", 1);
	usleep(SETTLE_US);	/* the woken ones report */
	return count_woken();
}

/* End a case: nobody left waiting, counter back to 0. */
static void reap(void)
{
	uint64_t v;
	for (int i = 0; i < nkids; i++) {
		kill(kids[i], SIGKILL);
		waitpid(kids[i], NULL, 0);
	}
	nkids = 0;
	count_woken();
	read(efd, &v, 8);
}

static void herd(void)
{
	for (int i = 0; i < 4; i++)
		spawn_waiter(EPOLLIN | EPOLLEXCLUSIVE);
	int w = woken_by_write(efd);
	report(w == 1, "4 exclusive waiters, one write: exactly one wakes: %d", w);
	w = woken_by_write(efd);
	report(w == 1, "a second write: exactly one more wakes: %d", w);
	reap();
}

/* Plain entries are all woken; exclusive ones share one wake-up. */
static void plain_and_exclusive(void)
{
	spawn_waiter(EPOLLIN);
	for (int i = 0; i < 3; i++)
		spawn_waiter(EPOLLIN | EPOLLEXCLUSIVE);
	int w = woken_by_write(efd);
	report(w == 2, "1 plain and 3 exclusive waiters, one write: the plain one and one exclusive wake: %d", w);
	reap();
}

/* An epoll that nobody waits on, first in the eventfd's queue. */
static void idle_first(void)
{
	int idle = epoll_create1(0);
	struct epoll_event out[1];

	ctl(idle, EPOLL_CTL_ADD, efd, EPOLLIN | EPOLLEXCLUSIVE, 9);
	spawn_waiter(EPOLLIN | EPOLLEXCLUSIVE);
	int w = woken_by_write(efd);
	report(w == 1, "an idle exclusive epoll first in line does not swallow the wake-up: %d woken", w);
	int n = epoll_wait(idle, out, 1, 0);
	report(n == 1 && out[0].data.u64 == 9, "and the idle epoll has the event queued: n=%d", n);
	reap();
	close(idle);
}

/* An exclusive item that asked for EPOLLOUT only, its epoll with a
 * sleeper: a pipe's EPOLLIN wake-up is not for it, and must go on to
 * the next exclusive waiter. */
static void other_direction_first(void)
{
	int p[2];
	char buf[8];

	pipe(p);
	spawn_waiter_on(p[0], EPOLLOUT | EPOLLEXCLUSIVE);
	spawn_waiter_on(p[0], EPOLLIN | EPOLLEXCLUSIVE);
	int w = woken_by_write(p[1]);
	report(w == 1, "an exclusive EPOLLOUT sleeper ahead in line does not take an EPOLLIN wake-up: %d woken", w);
	reap();
	read(p[0], buf, sizeof(buf));
	close(p[0]);
	close(p[1]);
}

int main(void)
{
	efd = eventfd(0, EFD_NONBLOCK);
	pipe2(woke, O_NONBLOCK);
	herd();
	plain_and_exclusive();
	idle_first();
	other_direction_first();
	close(efd);
	return failed != 0;
}
