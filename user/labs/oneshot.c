/* oneshot: the grading test of docs/labs/oneshot.md.  An EPOLLONESHOT
 * item reports one event and is then disarmed: registered still, silent
 * whatever happens to its file, until EPOLL_CTL_MOD arms it again.  One
 * line per check, "FAIL: " in front of a failure (tools/lab.sh grade
 * counts them).  The same binary passes on Linux. */
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include "../tests/epoll_common.h"

/* epoll_wait without sleeping; returns the count, events in out. */
static int poll0(int ep, struct epoll_event *out)
{
	return epoll_wait(ep, out, 4, 0);
}

static void report_and_rearm(void)
{
	int ep = epoll_create1(0), p[2];
	struct epoll_event out[4];
	char buf[8];
	pipe(p);

	expect_ret("ADD a pipe with EPOLLIN|EPOLLONESHOT",
		   E(ctl(ep, EPOLL_CTL_ADD, p[0], EPOLLIN | EPOLLONESHOT, 1)), 0);
	report(poll0(ep, out) == 0, "empty pipe: no event");
	write(p[1], "a", 1);
	int n = poll0(ep, out);
	report(n == 1 && out[0].events == EPOLLIN && out[0].data.u64 == 1,
	       "data arrives: one EPOLLIN with the cookie: n=%d", n);
	n = poll0(ep, out);
	report(n == 0, "data still unread: no second report (disarmed): n=%d", n);
	write(p[1], "b", 1);
	n = poll0(ep, out);
	report(n == 0, "more data while disarmed: still nothing: n=%d", n);
	expect_err("disarmed item is still registered: ADD again",
		   E(ctl(ep, EPOLL_CTL_ADD, p[0], EPOLLIN, 0)), EEXIST);
	expect_ret("MOD re-arms it", E(ctl(ep, EPOLL_CTL_MOD, p[0], EPOLLIN | EPOLLONESHOT, 2)), 0);
	n = poll0(ep, out);
	report(n == 1 && out[0].data.u64 == 2,
	       "after MOD: the data already there is reported, new cookie: n=%d", n);
	n = poll0(ep, out);
	report(n == 0, "and it is disarmed again: n=%d", n);
	read(p[0], buf, sizeof(buf));

	ctl(ep, EPOLL_CTL_MOD, p[0], EPOLLIN | EPOLLONESHOT | EPOLLET, 3);
	write(p[1], "c", 1);
	int n1 = poll0(ep, out);
	write(p[1], "d", 1);
	int n2 = poll0(ep, out);
	report(n1 == 1 && n2 == 0,
	       "EPOLLONESHOT|EPOLLET: one report, a new edge after it ignored: %d then %d", n1, n2);
	read(p[0], buf, sizeof(buf));

	ctl(ep, EPOLL_CTL_MOD, p[0], EPOLLIN | EPOLLONESHOT, 4);
	write(p[1], "e", 1);
	poll0(ep, out);
	expect_ret("DEL a disarmed item", E(epoll_ctl(ep, EPOLL_CTL_DEL, p[0], NULL)), 0);
	ctl(ep, EPOLL_CTL_ADD, p[0], EPOLLIN | EPOLLONESHOT, 5);
	n = poll0(ep, out);
	report(n == 1 && out[0].data.u64 == 5, "ADD after DEL: armed, reports the data: n=%d", n);
	close(p[0]);
	close(p[1]);
	close(ep);
}

/* A sleeper must not be woken by a write to a disarmed item's file. */
static void disarmed_does_not_wake(void)
{
	int ep = epoll_create1(0), p[2], st;
	struct epoll_event out[4];
	pipe(p);

	ctl(ep, EPOLL_CTL_ADD, p[0], EPOLLIN | EPOLLONESHOT, 1);
	write(p[1], "a", 1);
	poll0(ep, out);			/* the one report: disarmed now */
	pid_t pid = fork();
	if (pid == 0)
		_exit(epoll_wait(ep, out, 4, 400) == 0 ? 0 : 1);
	usleep(100000);			/* the child is asleep by now */
	write(p[1], "b", 1);
	waitpid(pid, &st, 0);
	report(WIFEXITED(st) && WEXITSTATUS(st) == 0,
	       "a write to a disarmed item's pipe wakes nobody in epoll_wait");
	close(p[0]);
	close(p[1]);
	close(ep);
}

/* The reason EPOLLONESHOT exists: several workers share one epoll fd,
 * and an event must go to one of them, not to each in turn. */
static void one_worker_per_event(void)
{
	int ep = epoll_create1(0), p[2], got = 0;
	struct epoll_event out[4];
	pipe(p);

	ctl(ep, EPOLL_CTL_ADD, p[0], EPOLLIN | EPOLLONESHOT, 7);
	for (int i = 0; i < 3; i++)
		if (fork() == 0)
			_exit(epoll_wait(ep, out, 4, 600) == 1);
	usleep(150000);			/* all three asleep in epoll_wait */
	write(p[1], "x", 1);		/* and nobody reads it */
	for (int i = 0; i < 3; i++) {
		int st;
		wait(&st);
		got += WIFEXITED(st) && WEXITSTATUS(st) == 1;
	}
	report(got == 1, "3 workers, one one-shot item, one write: exactly one worker gets it: %d", got);
	close(p[0]);
	close(p[1]);
	close(ep);
}

int main(void)
{
	signal(SIGPIPE, SIG_IGN);
	report_and_rearm();
	disarmed_does_not_wake();
	one_worker_per_event();
	return failed != 0;
}
