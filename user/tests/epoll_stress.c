/*
 * epoll_stress: several processes, each pinned to a CPU in turn, hammer
 * one epoll at once for a fixed time, and no wake-up is lost.
 *
 * Shared by fork: an epoll E watching EVFDS eventfds (level-triggered),
 * and for the EPOLLEXCLUSIVE part one eventfd X that every waiter also
 * watches through an epoll of its own with EPOLLEXCLUSIVE, looked at
 * between its waits on E.  Producers
 * write 1 to random eventfds and to X, counting what they wrote; they
 * also EPOLL_CTL_MOD random items of E, and ADD, write to, DEL and close
 * a pipe of their own on E.  Waiters sleep in epoll_wait on E (and on
 * their exclusive epoll), read every eventfd reported (a read takes the
 * whole count) and count what they read.  Once the producers are done,
 * the waiters drain: every write must have been read, on E and on X,
 * within a few seconds.  The counters are in a MAP_SHARED page.
 * Prints nothing that depends on the CPU count or the timing.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include "check.h"

#define EVFDS		16
#define PRODUCERS	3
#define WAITERS		3
#define RUN_MS		800
#define DRAIN_MS	5000
#define PIPE_TAG	0x1000

struct shared {
	volatile uint64_t sent, seen;		/* on E's eventfds */
	volatile uint64_t xsent, xseen;		/* on X */
	volatile int stop;			/* producers are done */
	volatile int bad_event;			/* an event no item asked for */
	volatile int ctl_errors;
};

static struct shared *sh;
static int evfd[EVFDS], ep, xfd;

static long now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static void pin_to(int n)
{
	cpu_set_t all, one;

	if (sched_getaffinity(0, sizeof(all), &all))
		return;
	int count = CPU_COUNT(&all), k = n % count;
	for (int c = 0; c < CPU_SETSIZE; c++)
		if (CPU_ISSET(c, &all) && k-- == 0) {
			CPU_ZERO(&one);
			CPU_SET(c, &one);
			sched_setaffinity(0, sizeof(one), &one);
			return;
		}
}

static void producer(int id)
{
	unsigned seed = 12345 + id;
	long end = now_ms() + RUN_MS;
	uint64_t one = 1;

	pin_to(id);
	while (now_ms() < end) {
		for (int i = 0; i < 20; i++) {
			int k = rand_r(&seed) % EVFDS;
			if (write(evfd[k], &one, 8) == 8)
				__atomic_add_fetch(&sh->sent, 1, __ATOMIC_SEQ_CST);
			if (write(xfd, &one, 8) == 8)
				__atomic_add_fetch(&sh->xsent, 1, __ATOMIC_SEQ_CST);
		}
		struct epoll_event ev = { .events = EPOLLIN };
		int k = rand_r(&seed) % EVFDS;
		ev.data.u64 = k;
		if (epoll_ctl(ep, EPOLL_CTL_MOD, evfd[k], &ev))
			sh->ctl_errors++;
		int p[2];
		if (pipe(p) == 0) {
			ev.data.u64 = PIPE_TAG;
			if (epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev))
				sh->ctl_errors++;
			if (write(p[1], "x", 1) != 1)
				sh->ctl_errors++;
			if (epoll_ctl(ep, EPOLL_CTL_DEL, p[0], NULL))
				sh->ctl_errors++;
			close(p[0]);
			close(p[1]);
		}
	}
	_exit(0);
}

static void waiter(int id)
{
	int xep = epoll_create1(0);
	struct epoll_event ev = { .events = EPOLLIN | EPOLLEXCLUSIVE }, out[8];
	long drain_end = 0;

	pin_to(PRODUCERS + id);
	ev.data.u64 = 0;
	epoll_ctl(xep, EPOLL_CTL_ADD, xfd, &ev);
	for (;;) {
		int n = epoll_wait(ep, out, 8, 20);
		for (int i = 0; i < n; i++) {
			uint64_t k = out[i].data.u64, v;
			if (k == PIPE_TAG)
				continue;	/* a pipe a producer has or had */
			if (k >= EVFDS) {
				sh->bad_event = 1;
				continue;
			}
			if (read(evfd[k], &v, 8) == 8)
				__atomic_add_fetch(&sh->seen, v, __ATOMIC_SEQ_CST);
		}
		n = epoll_wait(xep, out, 8, 0);
		if (n > 0) {
			uint64_t v;
			if (read(xfd, &v, 8) == 8)
				__atomic_add_fetch(&sh->xseen, v, __ATOMIC_SEQ_CST);
		}
		if (sh->stop) {
			if (!drain_end)
				drain_end = now_ms() + DRAIN_MS;
			if ((sh->seen == sh->sent && sh->xseen == sh->xsent) ||
			    now_ms() > drain_end)
				break;
		}
	}
	_exit(0);
}

int main(void)
{
	pid_t kids[PRODUCERS + WAITERS];

	sh = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	report(sh != MAP_FAILED, "a shared page for the counters");
	ep = epoll_create1(0);
	xfd = eventfd(0, EFD_NONBLOCK);
	int ok = ep >= 0 && xfd >= 0;
	for (int i = 0; i < EVFDS; i++) {
		evfd[i] = eventfd(0, EFD_NONBLOCK);
		struct epoll_event ev = { .events = EPOLLIN, .data.u64 = i };
		ok &= evfd[i] >= 0 && epoll_ctl(ep, EPOLL_CTL_ADD, evfd[i], &ev) == 0;
	}
	report(ok, "an epoll watching %d eventfds", EVFDS);
	for (int i = 0; i < WAITERS; i++)
		if ((kids[PRODUCERS + i] = fork()) == 0)
			waiter(i);
	for (int i = 0; i < PRODUCERS; i++)
		if ((kids[i] = fork()) == 0)
			producer(i);
	for (int i = 0; i < PRODUCERS; i++)
		waitpid(kids[i], NULL, 0);
	sh->stop = 1;
	int clean = 1;
	for (int i = 0; i < WAITERS; i++) {
		int st = -1;
		waitpid(kids[PRODUCERS + i], &st, 0);
		clean &= WIFEXITED(st) && WEXITSTATUS(st) == 0;
	}
	report(clean, "%d producers and %d waiters ran and ended", PRODUCERS, WAITERS);
	report(sh->sent > 0 && sh->xsent > 0, "writes were made");
	report(sh->seen == sh->sent, "every eventfd write was seen through the epoll");
	report(sh->xseen == sh->xsent, "every write to the EPOLLEXCLUSIVE eventfd was seen");
	report(!sh->bad_event, "no event with data no item was given");
	report(sh->ctl_errors == 0, "every epoll_ctl ADD, MOD and DEL succeeded");
	printf("%s\n", failed ? "epoll_stress: FAILED" : "epoll_stress: all passed");
	return failed != 0;
}
