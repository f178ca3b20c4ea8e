/* epoll_threads: one epoll shared by threads.  Two threads in
 * epoll_wait on one epoll fd and one edge-triggered event: exactly one
 * gets it; a level-triggered one reaches both; EPOLLEXCLUSIVE on two
 * epolls, one waiter each: at least one wakes, as Linux promises;
 * epoll_ctl ADD of a ready fd from another thread wakes a waiter;
 * closing a watched fd while another thread waits: the last close
 * removes it (the waiter times out), a close with a dup left keeps it
 * (the waiter gets the event).  Waiters are known to sleep through
 * their task's stat; nothing printed varies. */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include "check.h"
#include "thread_util.h"

struct waiter {
	int epfd, timeout_ms;
	volatile int tid;
	int n;
	struct epoll_event ev;
};

static void *wait_fn(void *arg)
{
	struct waiter *w = arg;
	w->tid = my_tid();
	w->n = epoll_wait(w->epfd, &w->ev, 1, w->timeout_ms);
	return NULL;
}

static int start(pthread_t *t, struct waiter *w, int epfd, int timeout_ms)
{
	*w = (struct waiter){ .epfd = epfd, .timeout_ms = timeout_ms };
	pthread_create(t, NULL, wait_fn, w);
	while (!w->tid)
		usleep(200);
	return wait_until_sleeping(w->tid);
}

static void add(int ep, int fd, uint32_t events, uint64_t data)
{
	struct epoll_event ev = { .events = events, .data.u64 = data };
	epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
}

static void two_waiters(void)
{
	pthread_t t[2];
	struct waiter w[2];
	uint64_t one = 1;

	int ep = epoll_create1(0);
	int efd = eventfd(0, EFD_NONBLOCK);
	add(ep, efd, EPOLLIN | EPOLLET, 7);
	int asleep = start(&t[0], &w[0], ep, 1000) & start(&t[1], &w[1], ep, 1000);
	write(efd, &one, 8);
	pthread_join(t[0], NULL);
	pthread_join(t[1], NULL);
	report(asleep && w[0].n + w[1].n == 1,
	       "two threads in epoll_wait, one edge: exactly one gets it");
	struct waiter *got = w[0].n ? &w[0] : &w[1];
	report(got->ev.data.u64 == 7 && got->ev.events == EPOLLIN,
	       "with the item's data and EPOLLIN");

	/* Level-triggered and still readable: each wait reports it. */
	uint64_t v;
	read(efd, &v, 8);
	close(efd);
	efd = eventfd(0, EFD_NONBLOCK);
	add(ep, efd, EPOLLIN, 8);
	asleep = start(&t[0], &w[0], ep, 2000) & start(&t[1], &w[1], ep, 2000);
	write(efd, &one, 8);
	pthread_join(t[0], NULL);
	pthread_join(t[1], NULL);
	report(asleep && w[0].n == 1 && w[1].n == 1,
	       "level-triggered: both waiters get the event");
	close(efd);
	close(ep);
}

static void exclusive(void)
{
	pthread_t t[2];
	struct waiter w[2];
	uint64_t one = 1;

	int efd = eventfd(0, EFD_NONBLOCK);
	int ep[2] = { epoll_create1(0), epoll_create1(0) };
	add(ep[0], efd, EPOLLIN | EPOLLEXCLUSIVE, 1);
	add(ep[1], efd, EPOLLIN | EPOLLEXCLUSIVE, 2);
	int asleep = start(&t[0], &w[0], ep[0], 300) & start(&t[1], &w[1], ep[1], 300);
	write(efd, &one, 8);
	pthread_join(t[0], NULL);
	pthread_join(t[1], NULL);
	report(asleep && w[0].n + w[1].n >= 1,
	       "EPOLLEXCLUSIVE on two epolls, a thread on each: at least one wakes");
	close(ep[0]);
	close(ep[1]);
	close(efd);
}

static void ctl_while_waiting(void)
{
	pthread_t t;
	struct waiter w;
	uint64_t one = 1;

	int ep = epoll_create1(0);
	int efd = eventfd(0, EFD_NONBLOCK);
	write(efd, &one, 8);
	int asleep = start(&t, &w, ep, 5000);
	add(ep, efd, EPOLLIN, 9);
	pthread_join(t, NULL);
	report(asleep && w.n == 1 && w.ev.data.u64 == 9,
	       "EPOLL_CTL_ADD of a ready fd from another thread wakes the waiter");
	close(efd);
	close(ep);
}

static void close_while_waiting(void)
{
	pthread_t t;
	struct waiter w;
	uint64_t one = 1;

	/* The last close: the item goes, the waiter sees nothing. */
	int ep = epoll_create1(0);
	int efd = eventfd(0, EFD_NONBLOCK);
	add(ep, efd, EPOLLIN, 10);
	int asleep = start(&t, &w, ep, 200);
	close(efd);
	pthread_join(t, NULL);
	report(asleep && w.n == 0, "the watched fd's last close: the waiter times out");

	/* A dup keeps the file, and the item with it. */
	efd = eventfd(0, EFD_NONBLOCK);
	add(ep, efd, EPOLLIN, 11);
	int dup_fd = dup(efd);
	asleep = start(&t, &w, ep, 5000);
	close(efd);
	write(dup_fd, &one, 8);
	pthread_join(t, NULL);
	report(asleep && w.n == 1 && w.ev.data.u64 == 11,
	       "closed while a dup lives: the waiter still gets the event");
	close(dup_fd);
	close(ep);
}

int main(void)
{
	two_waiters();
	exclusive();
	ctl_while_waiting();
	close_while_waiting();
	printf("epoll_threads: %s\n", failed ? "FAILED" : "all passed");
	return failed != 0;
}
