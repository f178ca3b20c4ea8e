/* epollcore: the grading test of docs/labs/epollcore.md.  epoll_ctl(ADD)
 * hangs a callback on the file's wait queue, and from then on every
 * wake-up of that queue puts the item on the ready list and wakes
 * epoll_wait; an item ready at ADD is reported at once.  One line per
 * check, "FAIL: " in front of a failure.  The same binary passes on
 * Linux (which has no /proc/eventpoll: that check says so and passes). */
#include <fcntl.h>
#include <poll.h>
#include "lab.h"

#define SETTLE_MS 200

static int epoll0(int ep, struct epoll_event *out)
{
	return epoll_wait(ep, out, 8, 0);
}

/* /proc/eventpoll's count of hooks on wait queues, or -1 (Linux). */
static long eppoll_entries(void)
{
	char line[128];
	long v = -1;
	FILE *f = fopen("/proc/eventpoll", "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, "eppoll_entries ", 15))
			v = atol(line + 15);
	fclose(f);
	return v;
}

static void hooks_counted(void)
{
	int ep = epoll_create1(0), p[2];
	pipe(p);
	long before = eppoll_entries();
	if (before < 0) {
		report(1, "ADD hangs one eppoll_entry on the pipe's queue, DEL takes it off "
		       "(no /proc/eventpoll here)");
		close(ep);
		close(p[0]);
		close(p[1]);
		return;
	}
	ctl(ep, EPOLL_CTL_ADD, p[0], EPOLLIN, 0);
	long added = eppoll_entries() - before;
	epoll_ctl(ep, EPOLL_CTL_DEL, p[0], NULL);
	long left = eppoll_entries() - before;
	report(added == 1 && left == 0,
	       "ADD hangs one eppoll_entry on the pipe's queue, DEL takes it off: +%ld, then +%ld",
	       added, left);
	close(ep);
	close(p[0]);
	close(p[1]);
}

static void ready_at_add(void)
{
	int ep = epoll_create1(0), p[2];
	struct epoll_event out[8];
	pipe(p);
	write(p[1], "x", 1);
	ctl(ep, EPOLL_CTL_ADD, p[0], EPOLLIN, 5);
	int n = epoll0(ep, out);
	report(n == 1 && out[0].data.u64 == 5,
	       "a pipe with data already in it, ADD: reported at once: n=%d", n);
	close(ep);
	close(p[0]);
	close(p[1]);
}

static void ready_later(void)
{
	int ep = epoll_create1(0), ep2 = epoll_create1(0), p[3][2];
	struct epoll_event out[8];
	for (int i = 0; i < 3; i++) {
		pipe(p[i]);
		ctl(ep, EPOLL_CTL_ADD, p[i][0], EPOLLIN, 10 + i);
	}
	ctl(ep2, EPOLL_CTL_ADD, p[1][0], EPOLLIN, 21);
	int n0 = epoll0(ep, out);
	write(p[1][1], "x", 1);
	int n = epoll0(ep, out);
	report(n0 == 0 && n == 1 && out[0].data.u64 == 11,
	       "three pipes, data on the second after ADD: that one reported: %d then %d",
	       n0, n);
	n = epoll0(ep2, out);
	report(n == 1 && out[0].data.u64 == 21,
	       "a second epoll watching the same pipe reports it too: n=%d", n);
	close(ep);
	close(ep2);
	for (int i = 0; i < 3; i++) {
		close(p[i][0]);
		close(p[i][1]);
	}
}

static int shared_ep, shared_timeout;

static int waiter(void *arg)
{
	(void)arg;
	struct epoll_event out[1];
	int n = epoll_wait(shared_ep, out, 1, shared_timeout);
	return n == 1 ? (int)out[0].data.u64 : n == 0 ? 0 : 255;
}

static void wakes_sleeper(void)
{
	int p[2];
	pipe(p);
	shared_ep = epoll_create1(0);
	shared_timeout = 5000;
	ctl(shared_ep, EPOLL_CTL_ADD, p[0], EPOLLIN, 33);
	pid_t pid = spawn(waiter, NULL);
	msleep(SETTLE_MS);
	write(p[1], "x", 1);
	int got = reap_within(pid, 4000);
	report(got == 33, "a child asleep in epoll_wait, another process writes: woken with "
	       "the item's cookie: %s", got == 33 ? "yes" : got < 0 ? "no, still asleep" : "no");
	close(shared_ep);
	close(p[0]);
	close(p[1]);
}

static void del_unhooks(void)
{
	int p[2];
	pipe(p);
	shared_ep = epoll_create1(0);
	shared_timeout = 600;
	ctl(shared_ep, EPOLL_CTL_ADD, p[0], EPOLLIN, 44);
	epoll_ctl(shared_ep, EPOLL_CTL_DEL, p[0], NULL);
	pid_t pid = spawn(waiter, NULL);
	msleep(SETTLE_MS);
	write(p[1], "x", 1);
	int got = reap_within(pid, 3000);
	report(got == 0, "after DEL, a write wakes nobody: epoll_wait times out: %s",
	       got == 0 ? "yes" : "no");
	close(shared_ep);
	close(p[0]);
	close(p[1]);
}

static void filtered(void)
{
	int ep = epoll_create1(0), p[2];
	struct epoll_event out[8];
	pipe(p);
	ctl(ep, EPOLL_CTL_ADD, p[0], EPOLLOUT, 1);
	write(p[1], "x", 1);
	int n = epoll0(ep, out);
	report(n == 0, "an EPOLLOUT item on a pipe's read end: a write reports nothing: n=%d", n);
	close(ep);
	close(p[0]);
	close(p[1]);
}

/* An epoll fd is itself pollable: poll(2) on it sleeps on its
 * poll_wait queue, which the callback wakes too. */
static int poll_ep_child(void *arg)
{
	(void)arg;
	struct pollfd fd = { shared_ep, POLLIN, 0 };
	return poll(&fd, 1, 5000) == 1 && fd.revents == POLLIN;
}

static void poll_on_epoll(void)
{
	int p[2];
	pipe(p);
	shared_ep = epoll_create1(0);
	ctl(shared_ep, EPOLL_CTL_ADD, p[0], EPOLLIN, 1);
	pid_t pid = spawn(poll_ep_child, NULL);
	msleep(SETTLE_MS);
	write(p[1], "x", 1);
	report(reap_within(pid, 4000) == 1,
	       "poll(2) asleep on the epoll fd itself wakes when a watched pipe gets data");
	close(shared_ep);
	close(p[0]);
	close(p[1]);
}

int main(void)
{
	hooks_counted();
	ready_at_add();
	ready_later();
	wakes_sleeper();
	del_unhooks();
	filtered();
	poll_on_epoll();
	return failed ? 1 : 0;
}
