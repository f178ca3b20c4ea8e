/* epoll_nest: epoll across epolls, signals and processes.  Nested epoll
 * fds and the loop/depth checks (ELOOP, comparing files, not fds);
 * EINTR from a handler (never restarted); epoll_pwait's temporary mask;
 * an epoll fd shared across fork; and how many of three waiters one event
 * wakes, with and without EPOLLEXCLUSIVE. */
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/eventfd.h>
#include <sys/wait.h>
#include "epoll_common.h"

static void nesting(void)
{
	int inner = epoll_create1(0), outer = epoll_create1(0), p[2];
	struct epoll_event out[2];
	char c;
	pipe(p);

	ctl(inner, EPOLL_CTL_ADD, p[0], EPOLLIN, 1);
	ctl(outer, EPOLL_CTL_ADD, inner, EPOLLIN, 2);
	report(epoll_wait(outer, out, 2, 0) == 0, "nested: nothing ready below, outer quiet");
	write(p[1], "x", 1);
	int n = epoll_wait(outer, out, 2, 0);
	report(n == 1 && out[0].data.u64 == 2 && out[0].events == EPOLLIN,
	       "nested: pipe ready -> outer reports inner EPOLLIN: n=%d", n);
	n = epoll_wait(inner, out, 2, 0);
	report(n == 1 && out[0].data.u64 == 1, "nested: inner reports the pipe: n=%d", n);
	read(p[0], &c, 1);
	report(epoll_wait(outer, out, 2, 0) == 0, "nested: drained below, outer quiet again");

	/* A child blocked on the outer epoll is woken through two levels. */
	pid_t pid = fork();
	if (pid == 0) {
		int r = epoll_wait(outer, out, 2, 3000);
		_exit(r == 1 && out[0].data.u64 == 2 ? 0 : 1);
	}
	usleep(100000);
	write(p[1], "y", 1);
	int st;
	waitpid(pid, &st, 0);
	report(WIFEXITED(st) && WEXITSTATUS(st) == 0, "nested: sleeper on outer woken by a write below");
	read(p[0], &c, 1);

	ctl(outer, EPOLL_CTL_MOD, inner, EPOLLIN | EPOLLET, 3);
	write(p[1], "z", 1);
	int n1 = epoll_wait(outer, out, 2, 0), n2 = epoll_wait(outer, out, 2, 0);
	report(n1 == 1 && n2 == 0, "nested ET: once per arrival below: %d %d", n1, n2);
	close(p[0]);
	close(p[1]);
	close(outer);
	close(inner);
}

static void loops(void)
{
	int a = epoll_create1(0), b = epoll_create1(0), c = epoll_create1(0);

	expect_ret("b into a", E(ctl(a, EPOLL_CTL_ADD, b, EPOLLIN, 0)), 0);
	expect_err("a into b (loop of two)", E(ctl(b, EPOLL_CTL_ADD, a, EPOLLIN, 0)), ELOOP);
	expect_ret("c into b", E(ctl(b, EPOLL_CTL_ADD, c, EPOLLIN, 0)), 0);
	expect_err("a into c (loop of three)", E(ctl(c, EPOLL_CTL_ADD, a, EPOLLIN, 0)), ELOOP);
	int a2 = dup(a);
	expect_err("dup of a into c: same file, still a loop", E(ctl(c, EPOLL_CTL_ADD, a2, EPOLLIN, 0)), ELOOP);
	expect_err("dup of a into a: same file", E(ctl(a, EPOLL_CTL_ADD, a2, EPOLLIN, 0)), EINVAL);
	int b2 = dup(b);
	expect_ret("dup of b into a: another fd, allowed", E(ctl(a, EPOLL_CTL_ADD, b2, EPOLLIN, 0)), 0);
	expect_err("b into a again", E(ctl(a, EPOLL_CTL_ADD, b, EPOLLIN, 0)), EEXIST);
	expect_ret("DEL c from b", E(epoll_ctl(b, EPOLL_CTL_DEL, c, NULL)), 0);
	expect_ret("a into c now: no loop", E(ctl(c, EPOLL_CTL_ADD, a, EPOLLIN, 0)), 0);
	close(a2);
	close(b2);
	close(a);
	close(b);
	close(c);

	/* Depth: a chain e[0] in e[1] in ... may be 5 instances long. */
	int e[7], f[7];
	char what[64];
	for (int i = 0; i < 7; i++) {
		e[i] = epoll_create1(0);
		f[i] = epoll_create1(0);
	}
	for (int i = 0; i < 5; i++) {
		long r = E(ctl(e[i + 1], EPOLL_CTL_ADD, e[i], EPOLLIN, 0));
		snprintf(what, sizeof(what), "chain built upwards: e%d into e%d", i, i + 1);
		if (i < 4)
			expect_ret(what, r, 0);
		else
			expect_err(what, r, ELOOP);
	}
	for (int i = 0; i < 5; i++) {
		long r = E(ctl(f[i], EPOLL_CTL_ADD, f[i + 1], EPOLLIN, 0));
		snprintf(what, sizeof(what), "chain built downwards: f%d into f%d", i + 1, i);
		if (i < 4)
			expect_ret(what, r, 0);
		else
			expect_err(what, r, ELOOP);
	}
	for (int i = 0; i < 7; i++) {
		close(e[i]);
		close(f[i]);
	}
}

static volatile sig_atomic_t got_sig;
static void on_sig(int sig)
{
	(void)sig;
	got_sig++;
}

static void set_handler(int sig, int flags)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_sig;
	sa.sa_flags = flags;
	sigaction(sig, &sa, NULL);
}

static void eintr(void)
{
	int ep = epoll_create1(0);
	struct epoll_event out[1];
	struct itimerval it;

	memset(&it, 0, sizeof(it));
	it.it_value.tv_usec = 50000;
	for (int restart = 0; restart < 2; restart++) {
		set_handler(SIGALRM, restart ? SA_RESTART : 0);
		got_sig = 0;
		setitimer(ITIMER_REAL, &it, NULL);
		long r = E(epoll_wait(ep, out, 1, 5000));
		report(r == -1 && errno == EINTR && got_sig == 1,
		       "signal during epoll_wait%s: -1 %s, handler ran %d time(s)",
		       restart ? " (SA_RESTART)" : "", ename(r == -1 ? errno : 0), (int)got_sig);
	}
	signal(SIGALRM, SIG_DFL);
	close(ep);
}

static int pending(int sig)
{
	sigset_t s;
	sigpending(&s);
	return sigismember(&s, sig);
}

static int blocked(int sig)
{
	sigset_t s;
	sigprocmask(SIG_BLOCK, NULL, &s);
	return sigismember(&s, sig);
}

static void pwait_mask(void)
{
	int ep = epoll_create1(0);
	struct epoll_event out[1];
	sigset_t usr1, none;

	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	sigemptyset(&none);
	set_handler(SIGUSR1, 0);
	got_sig = 0;
	sigprocmask(SIG_BLOCK, &usr1, NULL);
	kill(getpid(), SIGUSR1);
	report(pending(SIGUSR1) && got_sig == 0, "SIGUSR1 blocked and pending");

	long r = E(epoll_pwait(ep, out, 1, 20, &usr1));
	report(r == 0 && got_sig == 0 && pending(SIGUSR1),
	       "epoll_pwait with a mask blocking it: times out, still pending: %ld", r);
	r = E(epoll_pwait(ep, out, 1, 5000, &none));
	report(r == -1 && errno == EINTR && got_sig == 1,
	       "epoll_pwait with a mask letting it through: -1 %s, handler ran %d time(s)",
	       ename(r == -1 ? errno : 0), (int)got_sig);
	report(blocked(SIGUSR1) && !pending(SIGUSR1), "after epoll_pwait: old mask back, nothing pending");

	int efd = eventfd(1, 0);
	ctl(ep, EPOLL_CTL_ADD, efd, EPOLLIN, 1);
	r = epoll_pwait(ep, out, 1, 0, &none);
	report(r == 1 && blocked(SIGUSR1), "epoll_pwait returning events: old mask back at once");
	sigprocmask(SIG_UNBLOCK, &usr1, NULL);
	close(efd);
	close(ep);
}

/* The epoll file is shared by fork: what the child registers, the parent
 * sees, and the other way round. */
static void fork_shared(void)
{
	int ep = epoll_create1(0), p[2], st;
	struct epoll_event out[1];
	pipe(p);

	pid_t pid = fork();
	if (pid == 0) {
		ctl(ep, EPOLL_CTL_ADD, p[0], EPOLLIN, 42);
		write(p[1], "c", 1);
		_exit(0);
	}
	waitpid(pid, &st, 0);
	int n = epoll_wait(ep, out, 1, 1000);
	report(n == 1 && out[0].data.u64 == 42, "child's ADD and write seen by the parent: n=%d", n);
	char c;
	read(p[0], &c, 1);

	pid = fork();
	if (pid == 0) {
		int r = epoll_wait(ep, out, 1, 3000);
		_exit(r == 1 && out[0].data.u64 == 42 ? 0 : 1);
	}
	usleep(100000);
	write(p[1], "p", 1);
	waitpid(pid, &st, 0);
	report(WIFEXITED(st) && WEXITSTATUS(st) == 0, "parent's write wakes the child in epoll_wait");
	close(p[0]);
	close(p[1]);
	close(ep);
}

/*
 * Three children wait for one event; each exits 1 if it got it within
 * the time, else 0.  shared_ep >= 0: all wait on that one epoll fd;
 * else each makes its own epoll watching efd with events.  The children
 * say they are about to wait through ready[], and the parent writes once
 * to efd (an eventfd) or, if hangup >= 0, closes hangup, the only write
 * end of the pipe whose read end is efd.
 */
static int count_woken_by(int shared_ep, int efd, unsigned events, int hangup)
{
	int ready[2], woke = 0;
	pipe(ready);
	for (int i = 0; i < 3; i++) {
		if (fork() == 0) {
			struct epoll_event out[1];
			int ep = shared_ep;
			if (hangup >= 0)
				close(hangup);
			if (ep < 0) {
				ep = epoll_create1(0);
				ctl(ep, EPOLL_CTL_ADD, efd, events, i);
			}
			write(ready[1], "r", 1);
			_exit(epoll_wait(ep, out, 1, 1500) == 1);
		}
	}
	char c;
	for (int i = 0; i < 3; i++)
		read(ready[0], &c, 1);
	usleep(200000);		/* let them get into epoll_wait */
	uint64_t one = 1;
	if (hangup >= 0)
		close(hangup);
	else
		write(efd, &one, 8);
	for (int i = 0; i < 3; i++) {
		int st;
		wait(&st);
		woke += WIFEXITED(st) && WEXITSTATUS(st) == 1;
	}
	close(ready[0]);
	close(ready[1]);
	return woke;
}

static int count_woken(int shared_ep, int efd, unsigned events)
{
	return count_woken_by(shared_ep, efd, events, -1);
}

static void three_waiters(void)
{
	int efd = eventfd(0, 0), ep = epoll_create1(0), w;
	uint64_t v;

	ctl(ep, EPOLL_CTL_ADD, efd, EPOLLIN, 1);
	w = count_woken(ep, efd, 0);
	report(w == 3, "one epoll fd, LT item, 3 waiters: each wakes in turn: %d", w);
	read(efd, &v, 8);
	ctl(ep, EPOLL_CTL_MOD, efd, EPOLLIN | EPOLLET, 1);
	w = count_woken(ep, efd, 0);
	report(w == 1, "one epoll fd, ET item, 3 waiters: exactly one wakes: %d", w);
	read(efd, &v, 8);
	close(ep);

	w = count_woken(-1, efd, EPOLLIN);
	report(w == 3, "3 epolls on one eventfd: all wake: %d", w);
	read(efd, &v, 8);
	w = count_woken(-1, efd, EPOLLIN | EPOLLEXCLUSIVE);
	/* Linux promises "one or more", not exactly one. */
	report(w >= 1, "3 epolls on one eventfd, EPOLLEXCLUSIVE: at least one wakes: %s",
	       w >= 1 ? "yes" : "no");
	close(efd);

	/* A hangup is news for every waiter: the pipe's release wakes all,
	 * exclusive or not. */
	int p[2];
	pipe(p);
	w = count_woken_by(-1, p[0], EPOLLIN | EPOLLEXCLUSIVE, p[1]);
	report(w == 3, "3 EPOLLEXCLUSIVE epolls on a pipe, writer closes: all wake: %d", w);
	close(p[0]);
}

int main(void)
{
	nesting();
	loops();
	eintr();
	pwait_mask();
	fork_shared();
	three_waiters();
	printf("%s: %d failed\n", failed ? "FAIL" : "PASS", failed);
	return failed != 0;
}
