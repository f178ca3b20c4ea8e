/* sleep-bench: how late a timeout ends.  For nanosleep, poll, select and
 * epoll_wait with nothing to wake them, a 1 ms and a 100 us timeout are
 * timed many times with CLOCK_MONOTONIC; the oversleep is the time taken
 * minus the time asked for.  Prints the median and the 99th percentile
 * in microseconds, one line per call and timeout, and asserts nothing
 * (tools/sleep-bench runs it on the host and in the kernel and puts the
 * two side by side).
 *
 * poll and epoll_wait take milliseconds, so their 100 us rows use the
 * calls that take a timespec: ppoll and epoll_pwait2 (raw system call
 * 441, which musl 1.2.3 does not wrap).  poll, select and epoll wait on
 * the read end of an empty pipe, as an event loop would on its sockets.
 *
 *	sleep-bench [-s SLACK_NS] [ROUNDS]	(default 200 per row)
 *
 * -s sets the process's timer slack first (prctl(PR_SET_TIMERSLACK)):
 * Linux lets each of these sleeps end up to that much late (50 us by
 * default) so that timeouts close together share a wake-up.  The first
 * line says which slack the run had, "default" where prctl is missing.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/prctl.h>
#include <sys/select.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "lib/clock.h"

#ifndef SYS_epoll_pwait2
#define SYS_epoll_pwait2 441
#endif

static int pipefd[2], epfd;

/* Each waits timeout_ns and returns the call's result (0: timed out). */
static int do_nanosleep(long ns)
{
	struct timespec ts = { 0, ns };
	return nanosleep(&ts, NULL);
}

static int do_poll(long ns)
{
	struct pollfd p = { .fd = pipefd[0], .events = POLLIN };

	if (ns % 1000000 == 0)
		return poll(&p, 1, (int)(ns / 1000000));
	struct timespec ts = { 0, ns };
	return ppoll(&p, 1, &ts, NULL);
}

static int do_select(long ns)
{
	fd_set r;
	struct timeval tv = { 0, ns / 1000 };

	FD_ZERO(&r);
	FD_SET(pipefd[0], &r);
	return select(pipefd[0] + 1, &r, NULL, NULL, &tv);
}

static int do_epoll(long ns)
{
	struct epoll_event ev;

	if (ns % 1000000 == 0)
		return epoll_wait(epfd, &ev, 1, (int)(ns / 1000000));
	struct timespec ts = { 0, ns };
	return (int)syscall(SYS_epoll_pwait2, epfd, &ev, 1, &ts, NULL, 8);
}

struct call {
	const char *name, *name_us;	/* at 1 ms, at 100 us */
	int (*wait)(long ns);
};

static const struct call calls[] = {
	{ "nanosleep", "nanosleep", do_nanosleep },
	{ "poll", "ppoll", do_poll },
	{ "select", "select", do_select },
	{ "epoll_wait", "epoll_pwait2", do_epoll },
};

static int cmp_ll(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;
	return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
	static const long timeouts[] = { 1000000, 100000 };
	struct epoll_event ev = { .events = EPOLLIN };
	long slack = -1;
	int rounds = 200;

	if (argc > 2 && !strcmp(argv[1], "-s")) {
		slack = atol(argv[2]);
		argc -= 2;
		argv += 2;
	}
	if (argc > 1)
		rounds = atoi(argv[1]);
	if (rounds < 10 || rounds > 100000 || argc > 2) {
		fprintf(stderr, "usage: sleep-bench [-s SLACK_NS] [ROUNDS 10..100000]\n");
		return 2;
	}
	if (slack >= 0 && prctl(PR_SET_TIMERSLACK, slack, 0, 0, 0) < 0)
		perror("sleep-bench: PR_SET_TIMERSLACK");
	int got = prctl(PR_GET_TIMERSLACK, 0, 0, 0, 0);
	if (got >= 0)
		printf("timer slack: %d ns\n", got);
	else
		printf("timer slack: default (prctl: %s)\n", strerror(errno));
	long long *late = malloc(sizeof(*late) * (size_t)rounds);
	if (!late || pipe(pipefd) || (epfd = epoll_create1(0)) < 0 ||
	    epoll_ctl(epfd, EPOLL_CTL_ADD, pipefd[0], &ev)) {
		perror("sleep-bench: setup");
		return 1;
	}
	printf("%-13s %8s %8s %8s %8s\n", "call", "timeout", "median", "p99",
	       "min");
	for (size_t t = 0; t < sizeof(timeouts) / sizeof(timeouts[0]); t++) {
		for (size_t c = 0; c < sizeof(calls) / sizeof(calls[0]); c++) {
			const struct call *k = &calls[c];
			long ns = timeouts[t];
			for (int i = 0; i < rounds; i++) {
				long long t0 = now_ns();
				int r = k->wait(ns);
				late[i] = now_ns() - t0 - ns;
				if (r != 0) {
					fprintf(stderr, "sleep-bench: %s returned %d (%s)\n",
						k->name, r, strerror(errno));
					return 1;
				}
			}
			qsort(late, (size_t)rounds, sizeof(*late), cmp_ll);
			long long p99 = late[(rounds * 99 + 99) / 100 - 1];
			printf("%-13s %5ld us %5lld us %5lld us %5lld us\n",
			       ns == 1000000 ? k->name : k->name_us, ns / 1000,
			       late[rounds / 2] / 1000, p99 / 1000,
			       late[0] / 1000);
		}
	}
	return 0;
}
