/*
 * smp_wakeup: wake-ups across CPUs arrive, with no timeout to help.
 * Two processes pinned to the first and the last CPU the program may
 * use play ping-pong 500 times through a pipe pair and then an eventfd
 * pair, each side asleep in epoll_wait with no timeout, so a lost
 * wake-up hangs the round and the alarm below fails the check (the
 * harness's own limit is later).  Then EPOLLEXCLUSIVE: two waiters
 * pinned the same way, each with an epoll of its own watching one
 * eventfd exclusively, and a producer that writes once and waits for
 * the waiter that read it to answer, 300 times: every write must wake
 * a waiter that reads it.  Every epoll_wait that returns reports
 * exactly the event asked for.  Prints nothing that depends on the
 * number of CPUs or on timing; tools/tests/user.sh runs it on two CPUs
 * or more whatever SMP is.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include "check.h"

#define PINGS		500
#define EXCL_ROUNDS	300
#define LIMIT_S		60	/* a round that hangs: the wake-up is lost */

static int cpu_a, cpu_b;	/* the two CPUs the sides are pinned to */

static void pin(int cpu)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	if (sched_setaffinity(0, sizeof(set), &set))
		_exit(90);
}

/* Sleep in epoll_wait (no timeout) until fd is readable; 0 if it was
 * the one event reported, -1 otherwise. */
static int wait_in(int ep, int fd)
{
	struct epoll_event ev;
	int n;

	do
		n = epoll_wait(ep, &ev, 1, -1);
	while (n < 0 && errno == EINTR);
	return n == 1 && ev.data.fd == fd && (ev.events & EPOLLIN) ? 0 : -1;
}

static int watch(int fd, unsigned events)
{
	int ep = epoll_create1(0);
	struct epoll_event ev = { .events = events, .data.fd = fd };

	if (ep < 0 || epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev))
		_exit(91);
	return ep;
}

/* One side of the ping-pong: wait for in, read it, write out.  The
 * first side serves first.  Exits 0 if every round went right. */
static void side(int cpu, int in, int out, int eventfds, int first)
{
	uint64_t v = 1;
	char c = 'x';
	int ep, bad = 0;

	pin(cpu);
	ep = watch(in, EPOLLIN);
	for (int i = 0; i < PINGS; i++) {
		if (!first || i > 0) {
			bad |= wait_in(ep, in);
			bad |= eventfds ? read(in, &v, 8) != 8 || v != 1
					: read(in, &c, 1) != 1;
		}
		bad |= eventfds ? write(out, &(uint64_t){ 1 }, 8) != 8
				: write(out, "x", 1) != 1;
	}
	if (first) {		/* the other side's last answer */
		bad |= wait_in(ep, in);
		bad |= eventfds ? read(in, &v, 8) != 8 : read(in, &c, 1) != 1;
	}
	_exit(bad);
}

static int reap_ok(pid_t pid)
{
	int st;

	return waitpid(pid, &st, 0) == pid && WIFEXITED(st) &&
	       WEXITSTATUS(st) == 0;
}

static void ping_pong(int eventfds)
{
	int ab[2], ba[2];

	if (eventfds) {
		ab[0] = ab[1] = eventfd(0, 0);
		ba[0] = ba[1] = eventfd(0, 0);
	} else if (pipe(ab) || pipe(ba)) {
		exit(92);
	}
	alarm(LIMIT_S);
	pid_t a = fork();
	if (a == 0)
		side(cpu_a, ba[0], ab[1], eventfds, 1);
	pid_t b = fork();
	if (b == 0)
		side(cpu_b, ab[0], ba[1], eventfds, 0);
	int ok = reap_ok(a) & reap_ok(b);
	alarm(0);
	report(ok, "%s ping-pong, %d rounds, the sides pinned to the first "
	       "and the last CPU, each asleep in epoll_wait without a "
	       "timeout: every wake-up came",
	       eventfds ? "eventfd" : "pipe", PINGS);
	close(ab[0]);
	close(ba[0]);
	if (!eventfds) {
		close(ab[1]);
		close(ba[1]);
	}
}

/* An EPOLLEXCLUSIVE waiter: each event it gets, it reads the eventfd
 * and answers on the pipe with its number.  Ends at a read of 2 (the
 * producer's "stop", sent once per waiter). */
static void excl_waiter(int cpu, int efd, int ans, int me)
{
	int ep = watch(efd, EPOLLIN | EPOLLEXCLUSIVE), bad = 0;
	uint64_t v;

	pin(cpu);
	for (;;) {
		bad |= wait_in(ep, efd);
		if (read(efd, &v, 8) != 8)
			continue;	/* the other waiter took it first */
		if (v >= 2)
			break;
		bad |= write(ans, &(char){ (char)me }, 1) != 1;
	}
	_exit(bad);
}

static void exclusive(void)
{
	int efd = eventfd(0, EFD_NONBLOCK), ans[2];
	char who;
	int ok = 1, got = 0;

	if (efd < 0 || pipe(ans))
		exit(93);
	alarm(LIMIT_S);
	pid_t w[2];
	for (int k = 0; k < 2; k++) {
		w[k] = fork();
		if (w[k] == 0) {
			close(ans[0]);
			excl_waiter(k ? cpu_b : cpu_a, efd, ans[1], k);
		}
	}
	close(ans[1]);
	pin(cpu_a);
	for (int i = 0; i < EXCL_ROUNDS; i++) {
		ok &= write(efd, &(uint64_t){ 1 }, 8) == 8;
		ok &= read(ans[0], &who, 1) == 1 && (who == 0 || who == 1);
		got += ok;
	}
	/* Stop them: a 2 for each, one at a time, until both are gone. */
	for (int k = 0; k < 2; k++) {
		uint64_t v;
		while (read(efd, &v, 8) == 8)
			;
		ok &= write(efd, &(uint64_t){ 2 }, 8) == 8;
		pid_t pid = wait(NULL);
		ok &= pid == w[0] || pid == w[1];
	}
	alarm(0);
	report(ok && got == EXCL_ROUNDS, "EPOLLEXCLUSIVE, two waiters pinned "
	       "apart, %d writes: each woke a waiter that read it and answered",
	       EXCL_ROUNDS);
	close(efd);
	close(ans[0]);
}

static void on_alarm(int sig)
{
	(void)sig;
	static const char m[] = "FAIL: a round hung: a wake-up was lost\n";
	if (write(1, m, sizeof(m) - 1) < 0)
		_exit(99);
	kill(0, SIGKILL);
}

int main(void)
{
	cpu_set_t all;

	signal(SIGALRM, on_alarm);
	setpgid(0, 0);
	CPU_ZERO(&all);
	report(sched_getaffinity(0, sizeof(all), &all) == 0, "sched_getaffinity");
	cpu_a = cpu_b = -1;
	for (int c = 0; c < CPU_SETSIZE; c++)
		if (CPU_ISSET(c, &all)) {
			if (cpu_a < 0)
				cpu_a = c;
			cpu_b = c;
		}
	ping_pong(0);
	ping_pong(1);
	exclusive();
	printf("%d failed\n", failed);
	return failed != 0;
}
