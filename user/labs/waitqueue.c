/* waitqueue: the grading test of docs/labs/waitqueue.md.  Wait queues
 * as user programs see them: one write to a pipe or an eventfd wakes
 * every poll(2) sleeper on it, but only one of several exclusive
 * sleepers (epoll_wait on a shared epoll, EPOLLEXCLUSIVE items), an
 * exclusive entry that declines the wake-up does not use it up, and a
 * wake-up for everyone (the writer closing) reaches the exclusive ones
 * too.  Who woke is told by the children themselves and, for those
 * that went back to sleep, by /proc/PID/status's count of voluntary
 * context switches.  One line per check, "FAIL: " in front of a
 * failure.  The same binary passes on Linux. */
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <sys/eventfd.h>
#include "lab.h"

#define SETTLE_MS 200	/* for children to fall asleep, or to report */
#define NKIDS 3

static int woke[2];	/* a woken child writes its index here */
static pid_t kids[NKIDS + 1];

/* What a child sleeps in: poll(2) for POLLIN on fd, or epoll_wait on an
 * epoll fd of its own (own_events != 0) or on a shared one. */
struct sleeper {
	int idx;
	int fd;			/* poll: the file; epoll: the epoll fd */
	int target;		/* own epoll: the file it watches */
	unsigned own_events;	/* own epoll: the item's events */
	int close_fd;		/* a descriptor the child must not hold, or -1 */
};

/* Sleep, report the wake-up, then stay alive (asleep in pause()) so
 * that the parent can still read our counters. */
static __attribute__((noreturn)) int sleep_child(void *arg)
{
	struct sleeper *s = arg;
	char c = '0' + s->idx;
	int r;

	if (s->close_fd >= 0)
		close(s->close_fd);

	if (s->own_events) {
		int ep = epoll_create1(0);
		ctl(ep, EPOLL_CTL_ADD, s->target, s->own_events, 0);
		s->fd = ep;
	}
	if (s->own_events || s->target < 0) {
		struct epoll_event out[1];
		r = epoll_wait(s->fd, out, 1, 5000);
	} else {
		struct pollfd p = { s->fd, POLLIN, 0 };
		r = poll(&p, 1, 5000);
	}
	if (r > 0)
		write(woke[1], &c, 1);
	for (;;)
		pause();
}

static int close_in_child = -1;	/* the next sleepers' close_fd */

static pid_t start_sleeper(int idx, int fd, int target, unsigned own_events)
{
	static struct sleeper s;

	s = (struct sleeper){ idx, fd, target, own_events, close_in_child };
	return kids[idx] = spawn(sleep_child, &s);
}

/* Which children reported a wake-up since the last call: a bit each. */
static unsigned reported(void)
{
	char buf[16];
	unsigned mask = 0;
	ssize_t n;

	while ((n = read(woke[0], buf, sizeof(buf))) > 0)
		for (ssize_t i = 0; i < n; i++)
			mask |= 1u << (buf[i] - '0');
	return mask;
}

static int popcount(unsigned m)
{
	return __builtin_popcount(m);
}

static void kill_kids(int n)
{
	for (int i = 0; i < n; i++) {
		kill(kids[i], SIGKILL);
		waitpid(kids[i], NULL, 0);
	}
	reported();
}

/* Three poll(2) sleepers on one pipe: non-exclusive, so one write
 * wakes all three. */
static void poll_sleepers_all_wake(void)
{
	int p[2];
	pipe(p);
	for (int i = 0; i < NKIDS; i++)
		start_sleeper(i, p[0], 0, 0);
	msleep(SETTLE_MS);
	write(p[1], "x", 1);
	msleep(SETTLE_MS);
	unsigned m = reported();
	report(popcount(m) == NKIDS,
	       "3 poll() sleepers on a pipe, one write: all 3 wake: %d", popcount(m));
	kill_kids(NKIDS);
	close(p[0]);
	close(p[1]);
}

/* Three tasks in epoll_wait on one epoll fd sleep exclusively on its
 * ep->wq: a write to the edge-triggered eventfd it watches wakes one,
 * and the other two never leave their sleep. */
static void shared_epoll_wakes_one(void)
{
	int efd = eventfd(0, EFD_NONBLOCK), ep = epoll_create1(0);
	uint64_t one = 1;
	long before[NKIDS];

	ctl(ep, EPOLL_CTL_ADD, efd, EPOLLIN | EPOLLET, 0);
	for (int i = 0; i < NKIDS; i++)
		start_sleeper(i, ep, -1, 0);
	msleep(SETTLE_MS);
	for (int i = 0; i < NKIDS; i++)
		before[i] = nvcsw(kids[i]);
	write(efd, &one, 8);
	msleep(SETTLE_MS);
	unsigned m = reported();
	int stirred = 0;
	for (int i = 0; i < NKIDS; i++)
		if (!(m & 1u << i) && nvcsw(kids[i]) != before[i])
			stirred++;
	report(popcount(m) == 1,
	       "3 tasks in epoll_wait on one epoll, one event: one returns: %d",
	       popcount(m));
	report(stirred == 0,
	       "and the other two were not woken at all (exclusive): %d woke for nothing",
	       stirred);
	kill_kids(NKIDS);
	close(efd);
	close(ep);
}

/* A poll(2) sleeper queued first, then three EPOLLEXCLUSIVE epolls: the
 * exclusive entries go behind every non-exclusive one, so the write
 * wakes the poller and exactly one of the three. */
static void exclusive_behind_others(void)
{
	int p[2];
	pipe(p);
	start_sleeper(0, p[0], 0, 0);
	msleep(SETTLE_MS);
	for (int i = 1; i <= NKIDS; i++)
		start_sleeper(i, -1, p[0], EPOLLIN | EPOLLEXCLUSIVE);
	msleep(SETTLE_MS);
	write(p[1], "x", 1);
	msleep(SETTLE_MS);
	unsigned m = reported();
	report(m & 1, "poll() sleeper queued before 3 exclusive ones: it wakes: %s",
	       yesno(m & 1));
	report(popcount(m >> 1) == 1,
	       "and exactly one of the 3 EPOLLEXCLUSIVE epolls: %d", popcount(m >> 1));
	kill_kids(NKIDS + 1);
	close(p[0]);
	close(p[1]);
}

/* An exclusive entry whose func returns 0 (an EPOLLOUT item on a pipe's
 * read end ignores an EPOLLIN wake-up) has not taken the wake-up: the
 * walk goes on to the next exclusive entry.  That takes the key to
 * reach each func, too. */
static void declined_is_not_counted(void)
{
	int p[2];
	pipe(p);
	start_sleeper(0, -1, p[0], EPOLLOUT | EPOLLEXCLUSIVE);
	msleep(SETTLE_MS);
	start_sleeper(1, -1, p[0], EPOLLIN | EPOLLEXCLUSIVE);
	msleep(SETTLE_MS);
	write(p[1], "x", 1);
	msleep(SETTLE_MS);
	unsigned m = reported();
	report(m == 2,
	       "exclusive EPOLLOUT item first, exclusive EPOLLIN item second, a write: "
	       "the second wakes, the first not: %s, %s", yesno(m & 2), yesno(m & 1));
	kill_kids(2);
	close(p[0]);
	close(p[1]);
}

/* Closing the write end wakes with nr_exclusive = 0 (wake_up_all):
 * every exclusive sleeper must see the hang-up. */
static void wake_all_reaches_exclusive(void)
{
	int p[2];
	pipe(p);
	close_in_child = p[1];		/* the parent's is the last writer */
	for (int i = 0; i < NKIDS; i++)
		start_sleeper(i, -1, p[0], EPOLLIN | EPOLLEXCLUSIVE);
	close_in_child = -1;
	msleep(SETTLE_MS);
	close(p[1]);
	msleep(SETTLE_MS);
	unsigned m = reported();
	report(popcount(m) == NKIDS,
	       "3 EPOLLEXCLUSIVE epolls, the writer closes (wake everyone): all 3 see it: %d",
	       popcount(m));
	kill_kids(NKIDS);
	close(p[0]);
}

int main(void)
{
	pipe(woke);
	fcntl(woke[0], F_SETFL, O_NONBLOCK);
	poll_sleepers_all_wake();
	shared_epoll_wakes_one();
	exclusive_behind_others();
	declined_is_not_counted();
	wake_all_reaches_exclusive();
	return failed ? 1 : 0;
}
