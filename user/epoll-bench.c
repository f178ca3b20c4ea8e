/* epoll-bench: what one wait costs with one ready fd among N idle ones,
 * for epoll_wait, poll and select, N = 10, 100, 1000, 10000.  epoll's
 * cost should not grow with N (it looks only at ready items); poll's and
 * select's do (they ask every fd).  Prints nanoseconds per call and
 * asserts nothing; "n/a" where the call fails (ENOSYS on a kernel that
 * lacks it) or cannot express N (select beyond FD_SETSIZE).
 *
 * The fds are eventfds: one with a count of 1 (readable, never read, so
 * level-triggered epoll reports it every time), N with 0. */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/resource.h>
#include <sys/select.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "lib/clock.h"

#define MAX_N 10000
#define NSIZES 4

static int fds[MAX_N + 1];		/* fds[0] is the ready one */
static struct pollfd pfds[MAX_N + 1];

/* Timing uses the TSC (user-readable on x86-64), converted with a rate
 * measured once against now_ns over a second: the clock's resolution then
 * only scales every figure alike and cannot favour one N. */
static double tsc_per_ns;

static unsigned long long rdtsc(void)
{
	unsigned int lo, hi;
	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return (unsigned long long)hi << 32 | lo;
}

static void calibrate_tsc(void)
{
	long long t0 = now_ns();
	unsigned long long c0 = rdtsc();
	while (now_ns() - t0 < 1000000000LL)
		;
	tsc_per_ns = (double)(rdtsc() - c0) / (double)(now_ns() - t0);
}

static long long tsc_ns(void)
{
	return (long long)(rdtsc() / tsc_per_ns);
}

enum { EPOLL, POLL, SELECT };

/* One wait of the given kind; returns how many fds were ready. */
static int one_call(int kind, int ep, int n)
{
	struct epoll_event out[8];
	struct timeval tv = { 0, 0 };
	fd_set rd;

	switch (kind) {
	case EPOLL:
		return epoll_wait(ep, out, 8, 0);
	case POLL:
		return poll(pfds, n + 1, 0);
	default:
		FD_ZERO(&rd);
		for (int i = 0; i <= n; i++)
			FD_SET(fds[i], &rd);
		return select(fds[n] + 1, &rd, NULL, NULL, &tv);
	}
}

/* Iterations of kind that take >= 100 ms (doubling from 16), or 0 if
 * the call does not work here. */
static long calibrate(int kind, int ep, int n)
{
	if (one_call(kind, ep, n) != 1)
		return 0;
	for (long iters = 16;; iters *= 2) {
		long long t0 = tsc_ns();
		for (long i = 0; i < iters; i++)
			one_call(kind, ep, n);
		if (tsc_ns() - t0 >= 100000000LL)
			return iters;
	}
}

static double run_once(int kind, int ep, int n, long iters)
{
	long long t0 = tsc_ns();
	for (long i = 0; i < iters; i++)
		one_call(kind, ep, n);
	return (double)(tsc_ns() - t0) / iters;
}

/* Best of 7 runs: interference (other load on the host, emulator
 * hiccups) only ever adds time.  -1 if the call does not work here. */
static double measure(int kind, int ep, int n)
{
	long iters = calibrate(kind, ep, n);
	double best = -1;

	for (int run = 0; iters && run < 7; run++) {
		double ns = run_once(kind, ep, n, iters);
		if (best < 0 || ns < best)
			best = ns;
	}
	return best;
}

static void cell(double ns)
{
	if (ns < 0)
		printf(" %13s", "n/a");
	else
		printf(" %13.0f", ns);
}

static int raise_nofile(int want)
{
	struct rlimit rl;

	getrlimit(RLIMIT_NOFILE, &rl);
	if (rl.rlim_cur >= (rlim_t)want)
		return 0;
	rl.rlim_cur = want;
	if (rl.rlim_max < (rlim_t)want)
		rl.rlim_max = want;
	return setrlimit(RLIMIT_NOFILE, &rl);
}

static const int sizes[NSIZES] = { 10, 100, 1000, 10000 };

/* An epoll watching n + 1 new eventfds, the first ready; -1 if out of
 * fds.  The fds go to fds[] (and pfds[]) from index 0. */
static int make_set(int n, int *set)
{
	int ep = epoll_create1(0);

	for (int i = 0; i <= n; i++) {
		set[i] = eventfd(i == 0, 0);
		if (set[i] < 0) {
			printf("%d eventfds: %s\n", n + 1, strerror(errno));
			return -1;
		}
		struct epoll_event e = { .events = EPOLLIN, .data.u32 = i };
		epoll_ctl(ep, EPOLL_CTL_ADD, set[i], &e);
	}
	return ep;
}

static void close_set(int ep, int n, int *set)
{
	for (int i = 0; i <= n; i++)
		close(set[i]);
	close(ep);
}

/*
 * epoll first, with all four sets alive at once and the runs interleaved
 * (round after round over N), so slow spells hit every N alike and the
 * comparison across N is fair.  Returns 0 if the sets could be made.
 */
static int bench_epoll(double *best)
{
	static int sets[NSIZES][MAX_N + 1];
	int ep[NSIZES];
	long iters[NSIZES];

	for (int s = 0; s < NSIZES; s++) {
		ep[s] = make_set(sizes[s], sets[s]);
		if (ep[s] < 0)
			return -1;
		iters[s] = calibrate(EPOLL, ep[s], sizes[s]);
		best[s] = -1;
	}
	for (int run = 0; run < 7; run++) {
		for (int s = 0; s < NSIZES; s++) {
			if (!iters[s])
				continue;
			/* one_call's epoll case needs no fds[]: only ep */
			double ns = run_once(EPOLL, ep[s], sizes[s], iters[s]);
			if (best[s] < 0 || ns < best[s])
				best[s] = ns;
		}
	}
	for (int s = 0; s < NSIZES; s++)
		close_set(ep[s], sizes[s], sets[s]);
	return 0;
}

int main(void)
{
	double epoll_ns[NSIZES];

	calibrate_tsc();
	if (raise_nofile(MAX_N + 1200))
		printf("setrlimit(RLIMIT_NOFILE): %s\n", strerror(errno));
	if (bench_epoll(epoll_ns))
		return 1;
	printf("ns per call, one ready eventfd among N idle ones (timeout 0)\n");
	printf("%6s %13s %13s %13s\n", "N", "epoll_wait", "poll", "select");
	for (int s = 0; s < NSIZES; s++) {
		int n = sizes[s], ep = make_set(n, fds);
		if (ep < 0)
			return 1;
		for (int i = 0; i <= n; i++) {
			pfds[i].fd = fds[i];
			pfds[i].events = POLLIN;
		}
		printf("%6d", n);
		cell(epoll_ns[s]);
		cell(measure(POLL, ep, n));
		cell(fds[n] < FD_SETSIZE ? measure(SELECT, ep, n) : -1);
		printf("\n");
		close_set(ep, n, fds);
	}
	if (epoll_ns[0] > 0)
		printf("epoll_wait at 10000 / at 10: %.2f\n", epoll_ns[3] / epoll_ns[0]);
	return 0;
}
