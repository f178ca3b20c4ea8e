/* poll: poll, ppoll, select and pselect6.  Readiness of pipes, eventfd,
 * socketpairs and /dev/null; POLLNVAL, EBADF, EINVAL, EFAULT; timeouts
 * (never early); EINTR from a handler; the sigmask of ppoll/pselect6
 * and its restoration; wake-ups from another process (poll, select, a
 * writer blocked on a full pipe).  Times are measured with getitimer,
 * and only checked as lower bounds. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "check.h"
#include "catch.h"
#include "events.h"



static const char *err(long r)
{
	return r < 0 ? strerror(errno) : "ok";
}

/* revents of one fd polled for ev without waiting. */
static int poll1(int fd, int ev)
{
	struct pollfd p = { fd, (short)ev, 0 };
	int r = poll(&p, 1, 0);
	return r < 0 ? -1 : p.revents;
}

#define ALL (POLLIN | POLLOUT | POLLPRI | POLLRDNORM | POLLWRNORM | POLLRDHUP)

/* A clock: the time left on a long ITIMER_REAL, in milliseconds. */
static void clock_start(void)
{
	struct itimerval it = { { 0, 0 }, { 1000, 0 } };
	setitimer(ITIMER_REAL, &it, NULL);
}

static long clock_ms(void)
{
	struct itimerval it;
	getitimer(ITIMER_REAL, &it);
	return (1000 - it.it_value.tv_sec) * 1000 - it.it_value.tv_usec / 1000;
}

static void clock_stop(void)
{
	struct itimerval it = { { 0, 0 }, { 0, 0 } };
	setitimer(ITIMER_REAL, &it, NULL);
}

static void msleep(int ms)
{
	poll(NULL, 0, ms);
}

static void pipes(void)
{
	int p[2];
	pipe(p);
	printf("pipe empty: read end %s, write end %s\n",
	       events(poll1(p[0], ALL)), events(poll1(p[1], ALL)));
	write(p[1], "x", 1);
	printf("pipe with data: read end %s\n", events(poll1(p[0], ALL)));
	printf("pipe asked POLLOUT only on the read end: %s\n",
	       events(poll1(p[0], POLLOUT)));
	close(p[1]);
	printf("pipe, writer gone, data left: %s\n", events(poll1(p[0], ALL)));
	printf("pipe, writer gone, asked nothing: %s\n", events(poll1(p[0], 0)));
	char c;
	read(p[0], &c, 1);
	printf("pipe, writer gone, drained: %s\n", events(poll1(p[0], ALL)));
	close(p[0]);

	pipe(p);
	close(p[0]);
	printf("pipe, reader gone: write end %s\n", events(poll1(p[1], ALL)));
	close(p[1]);

	/* Full: POLLOUT goes away until a page is free again. */
	pipe2(p, O_NONBLOCK);
	char buf[4096] = { 0 };
	while (write(p[1], buf, sizeof buf) > 0)
		;
	printf("pipe full: write end %s\n", events(poll1(p[1], ALL)));
	read(p[0], buf, sizeof buf);
	printf("pipe one page drained: write end %s\n", events(poll1(p[1], ALL)));
	close(p[0]);
	close(p[1]);
}

static void eventfds(void)
{
	int fd = eventfd(0, 0);
	printf("eventfd 0: %s\n", events(poll1(fd, ALL)));
	eventfd_write(fd, 3);
	printf("eventfd 3: %s\n", events(poll1(fd, ALL)));
	close(fd);
}

static void dev_null(void)
{
	int fd = open("/dev/null", O_RDWR);
	printf("/dev/null (no poll method: always ready): %s\n",
	       events(poll1(fd, ALL)));
	close(fd);
}

static void socketpairs(void)
{
	int sv[2];
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	printf("socketpair fresh: %s\n", events(poll1(sv[0], ALL)));
	write(sv[1], "hi", 2);
	printf("socketpair with data: %s\n", events(poll1(sv[0], ALL)));
	shutdown(sv[1], SHUT_WR);
	printf("socketpair, peer shut its write side: %s\n", events(poll1(sv[0], ALL)));
	printf("socketpair, the side that shut writing: %s\n", events(poll1(sv[1], ALL)));
	close(sv[1]);
	printf("socketpair, peer closed: %s\n", events(poll1(sv[0], ALL)));
	close(sv[0]);

	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	shutdown(sv[0], SHUT_RDWR);
	printf("socketpair, shut both ways: %s; its peer: %s\n",
	       events(poll1(sv[0], ALL)), events(poll1(sv[1], ALL)));
	close(sv[0]);
	close(sv[1]);

	/* Full, then drained: writable again only once it is nearly empty. */
	socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, sv);
	char buf[4096] = { 0 };
	long total = 0, n;
	while ((n = write(sv[0], buf, sizeof buf)) > 0)
		total += n;
	printf("socketpair full: writer %s, reader %s\n",
	       events(poll1(sv[0], ALL)), events(poll1(sv[1], ALL)));
	while (read(sv[1], buf, sizeof buf) > 0)
		;
	printf("socketpair drained: writer %s\n", events(poll1(sv[0], ALL)));
	close(sv[0]);
	close(sv[1]);
}

static void nval_and_errors(void)
{
	int p[2];
	pipe(p);
	struct pollfd fds[3] = { { p[1], POLLOUT, 0 }, { 99, POLLIN, 0 }, { -1, POLLIN, 0x77 } };
	int r = poll(fds, 3, 0);
	printf("poll {pipe, closed fd 99, fd -1}: %d; revents %s, %s, %s\n", r,
	       events(fds[0].revents), events(fds[1].revents), events(fds[2].revents));

	errno = 0;
	r = poll(NULL, 0, 0);
	printf("poll(NULL, 0, 0): %d %s\n", r, err(r));
	r = poll((struct pollfd *)8, 1, 0);
	printf("poll(bad pointer): %d %s\n", r, err(r));
	r = syscall(SYS_poll, fds, 0xffffffffUL, 0);
	printf("poll(nfds 0xffffffff, beyond RLIMIT_NOFILE): %d %s\n", r, err(r));

	fd_set rd;
	FD_ZERO(&rd);
	FD_SET(p[0], &rd);
	FD_SET(40, &rd);
	struct timeval tv = { 0, 0 };
	r = select(41, &rd, NULL, NULL, &tv);
	printf("select with closed fd 40: %d %s\n", r, err(r));
	r = select(-1, NULL, NULL, NULL, &tv);
	printf("select(nfds -1): %d %s\n", r, err(r));
	tv.tv_usec = -1;
	r = select(0, NULL, NULL, NULL, &tv);
	printf("select(tv_usec -1): %d %s\n", r, err(r));
	tv.tv_sec = -1;
	tv.tv_usec = 0;
	r = select(0, NULL, NULL, NULL, &tv);
	printf("select(tv_sec -1): %d %s\n", r, err(r));
	tv.tv_sec = 0;
	r = select(p[0] + 1, (fd_set *)8, NULL, NULL, &tv);
	printf("select(bad readfds): %d %s\n", r, err(r));
	r = syscall(SYS_select, 0, NULL, NULL, NULL, (void *)8);
	printf("select(bad timeval): %d %s\n", r, err(r));

	struct timespec ts = { 0, 1000000000 };
	r = ppoll(fds, 1, &ts, NULL);
	printf("ppoll(tv_nsec 1e9): %d %s\n", r, err(r));
	ts.tv_sec = -1;
	ts.tv_nsec = 0;
	r = pselect(0, NULL, NULL, NULL, &ts, NULL);
	printf("pselect(tv_sec -1): %d %s\n", r, err(r));
	r = syscall(SYS_ppoll, fds, 1, (void *)8, NULL, 8);
	printf("ppoll(bad timespec): %d %s\n", r, err(r));
	sigset_t set;
	sigemptyset(&set);
	ts.tv_sec = 0;
	r = syscall(SYS_ppoll, fds, 1, &ts, &set, 4);
	printf("ppoll(sigsetsize 4): %d %s\n", r, err(r));
	struct { void *p; size_t n; } pack = { &set, 4 };
	r = syscall(SYS_pselect6, 0, NULL, NULL, NULL, &ts, &pack);
	printf("pselect6(sigsetsize 4): %d %s\n", r, err(r));
	r = syscall(SYS_pselect6, 0, NULL, NULL, NULL, &ts, (void *)8);
	printf("pselect6(bad sigset pack): %d %s\n", r, err(r));
	close(p[0]);
	close(p[1]);
}

static void select_sets(void)
{
	int p[2], sv[2];
	pipe(p);
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	write(sv[1], "x", 1);
	fd_set rd, wr, ex;
	FD_ZERO(&rd);
	FD_ZERO(&wr);
	FD_ZERO(&ex);
	FD_SET(p[0], &rd);
	FD_SET(p[1], &wr);
	FD_SET(sv[0], &rd);
	FD_SET(sv[0], &wr);
	FD_SET(sv[0], &ex);
	int n = (sv[0] > p[1] ? sv[0] : p[1]) + 1;
	struct timeval tv = { 0, 0 };
	int r = select(n, &rd, &wr, &ex, &tv);
	printf("select: %d ready; pipe readable %s, pipe writable %s, "
	       "socket readable %s writable %s exceptional %s\n", r,
	       yesno(FD_ISSET(p[0], &rd)), yesno(FD_ISSET(p[1], &wr)),
	       yesno(FD_ISSET(sv[0], &rd)), yesno(FD_ISSET(sv[0], &wr)),
	       yesno(FD_ISSET(sv[0], &ex)));
	close(p[0]);
	close(p[1]);
	close(sv[0]);
	close(sv[1]);
}

static void timeouts(void)
{
	int p[2];
	pipe(p);
	struct pollfd pfd = { p[0], POLLIN, 0 };

	clock_start();
	long t0 = clock_ms();
	int r = poll(&pfd, 1, 50);
	long dt = clock_ms() - t0;
	report(r == 0 && dt >= 50, "poll 50 ms on an empty pipe: %d, not early: %s",
	       r, yesno(dt >= 50));

	fd_set rd;
	FD_ZERO(&rd);
	FD_SET(p[0], &rd);
	long tv[2] = { 0, 30000 };
	t0 = clock_ms();
	r = syscall(SYS_select, p[0] + 1, &rd, NULL, NULL, tv);
	dt = clock_ms() - t0;
	report(r == 0 && dt >= 30, "select 30 ms: %d, not early: %s, set cleared: %s, "
	       "time left written back: %ld.%06ld", r, yesno(dt >= 30),
	       yesno(!FD_ISSET(p[0], &rd)), tv[0], tv[1]);

	struct timespec ts = { 0, 20000000 };
	t0 = clock_ms();
	r = ppoll(&pfd, 1, &ts, NULL);
	dt = clock_ms() - t0;
	report(r == 0 && dt >= 20, "ppoll 20 ms: %d, not early: %s", r, yesno(dt >= 20));
	t0 = clock_ms();
	r = pselect(0, NULL, NULL, NULL, &ts, NULL);
	dt = clock_ms() - t0;
	report(r == 0 && dt >= 20, "pselect 20 ms: %d, not early: %s", r, yesno(dt >= 20));
	clock_stop();

	/* Ready at once: the time left is almost all of it. */
	write(p[1], "x", 1);
	FD_SET(p[0], &rd);
	tv[0] = 5;
	tv[1] = 0;
	r = syscall(SYS_select, p[0] + 1, &rd, NULL, NULL, tv);
	report(r == 1 && tv[0] >= 4 && tv[0] <= 5, "select ready at once: %d, "
	       "time left between 4 and 5 s: %s", r, yesno(tv[0] >= 4 && tv[0] <= 5));
	long ts2[2] = { 5, 0 };
	r = syscall(SYS_pselect6, p[0] + 1, &rd, NULL, NULL, ts2, NULL);
	report(r == 1 && ts2[0] >= 4 && ts2[0] <= 5, "pselect6 (raw) ready at once: %d, "
	       "the kernel writes the time left too: %s", r, yesno(ts2[0] >= 4 && ts2[0] <= 5));
	ts2[0] = 5;
	ts2[1] = 0;
	r = syscall(SYS_ppoll, &pfd, 1, ts2, NULL, 8);
	report(r == 1 && ts2[0] >= 4 && ts2[0] <= 5, "ppoll (raw) ready at once: %d, "
	       "the kernel writes the time left too: %s", r, yesno(ts2[0] >= 4 && ts2[0] <= 5));
	struct timeval tz = { 0, 0 };
	r = select(p[0] + 1, &rd, NULL, NULL, &tz);
	printf("select with a zero timeout: %d\n", r);
	close(p[0]);
	close(p[1]);
}

/* A one-shot SIGALRM after ms milliseconds. */
static void alarm_ms(int ms)
{
	struct itimerval it = { { 0, 0 }, { 0, ms * 1000 } };
	setitimer(ITIMER_REAL, &it, NULL);
}

static void eintr(void)
{
	int p[2];
	pipe(p);
	struct pollfd pfd = { p[0], POLLIN, 0 };

	handle(SIGALRM, SA_RESTART);
	alarm_ms(30);
	int r = poll(&pfd, 1, -1);
	report(r == -1 && errno == EINTR && got[SIGALRM] == 1,
	       "poll(-1) with an SA_RESTART handler: %d %s, handler ran %d",
	       r, err(r), (int)got[SIGALRM]);
	alarm_ms(30);
	r = poll(&pfd, 1, 5000);
	report(r == -1 && errno == EINTR, "poll(5 s) interrupted: %d %s", r, err(r));

	fd_set rd;
	FD_ZERO(&rd);
	FD_SET(p[0], &rd);
	alarm_ms(30);
	r = select(p[0] + 1, &rd, NULL, NULL, NULL);
	report(r == -1 && errno == EINTR, "select(NULL timeout) interrupted: %d %s",
	       r, err(r));
	alarm_ms(30);
	r = pselect(p[0] + 1, &rd, NULL, NULL, NULL, NULL);
	report(r == -1 && errno == EINTR, "pselect interrupted: %d %s", r, err(r));
	signal(SIGALRM, SIG_DFL);
	close(p[0]);
	close(p[1]);
}

static int is_blocked(int sig)
{
	sigset_t s;
	sigprocmask(SIG_BLOCK, NULL, &s);
	return sigismember(&s, sig);
}

static int is_pending(int sig)
{
	sigset_t s;
	sigpending(&s);
	return sigismember(&s, sig);
}

static void sigmasks(void)
{
	int p[2];
	pipe(p);
	struct pollfd pfd = { p[0], POLLIN, 0 };
	sigset_t block, none;
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	sigemptyset(&none);

	handle(SIGUSR1, 0);
	sigprocmask(SIG_BLOCK, &block, NULL);
	raise(SIGUSR1);
	/* A mask that unblocks it: the handler runs, ppoll fails EINTR, and
	 * the old mask is back afterwards. */
	int r = ppoll(&pfd, 1, NULL, &none);
	report(r == -1 && errno == EINTR && got[SIGUSR1] == 1 && is_blocked(SIGUSR1),
	       "ppoll unblocking a pending SIGUSR1: %d %s, handler ran %d, blocked again: %s",
	       r, err(r), (int)got[SIGUSR1], yesno(is_blocked(SIGUSR1)));

	/* A mask that keeps it blocked: nothing runs, the fd answers. */
	write(p[1], "x", 1);
	raise(SIGUSR1);
	r = ppoll(&pfd, 1, NULL, &block);
	report(r == 1 && got[SIGUSR1] == 1 && is_pending(SIGUSR1),
	       "ppoll with SIGUSR1 still blocked: %d, handler ran %d, still pending: %s",
	       r, (int)got[SIGUSR1], yesno(is_pending(SIGUSR1)));

	/* Unblocked by the mask but an fd is ready: ppoll returns 1, the old
	 * mask is back before the signal could be delivered. */
	r = ppoll(&pfd, 1, NULL, &none);
	report(r == 1 && is_blocked(SIGUSR1), "ppoll, fd ready, SIGUSR1 pending: %d, "
	       "blocked afterwards: %s", r, yesno(is_blocked(SIGUSR1)));
	printf("handler ran by now: %d\n", (int)got[SIGUSR1]);

	fd_set rd;
	FD_ZERO(&rd);
	char c;
	read(p[0], &c, 1);
	FD_SET(p[0], &rd);
	got[SIGUSR1] = 0;
	if (!is_pending(SIGUSR1))
		raise(SIGUSR1);
	r = pselect(p[0] + 1, &rd, NULL, NULL, NULL, &none);
	report(r == -1 && errno == EINTR && got[SIGUSR1] == 1 && is_blocked(SIGUSR1),
	       "pselect unblocking a pending SIGUSR1: %d %s, handler ran %d, blocked again: %s",
	       r, err(r), (int)got[SIGUSR1], yesno(is_blocked(SIGUSR1)));
	sigprocmask(SIG_UNBLOCK, &block, NULL);
	close(p[0]);
	close(p[1]);
}

/* Another process makes a sleeping poller's fd ready. */
static void cross_process(void)
{
	int p[2], sv[2], efd = eventfd(0, 0);
	pipe(p);
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	pid_t pid = fork();
	if (pid == 0) {
		msleep(50);
		write(p[1], "a", 1);
		msleep(50);
		write(sv[1], "b", 1);
		msleep(50);
		eventfd_write(efd, 1);
		_exit(0);
	}
	struct pollfd pfd = { p[0], POLLIN, 0 };
	int r = poll(&pfd, 1, -1);
	printf("poll woken by another process's pipe write: %d %s\n", r, events(pfd.revents));
	fd_set rd;
	FD_ZERO(&rd);
	FD_SET(sv[0], &rd);
	r = select(sv[0] + 1, &rd, NULL, NULL, NULL);
	printf("select woken by another process's socket write: %d, readable %s\n", r,
	       yesno(FD_ISSET(sv[0], &rd)));
	/* Only what was asked counts: the pipe still holds "a", but
	 * POLLPRI never comes, so the eventfd write is what ends this. */
	struct pollfd two[2] = { { efd, POLLIN, 0 }, { p[0], POLLPRI, 0 } };
	r = poll(two, 2, -1);
	printf("poll woken by another process's eventfd write: %d %s %s\n", r,
	       events(two[0].revents), events(two[1].revents));
	waitpid(pid, NULL, 0);

	/* A writer blocked on a full pipe, woken by a reader elsewhere. */
	int q[2];
	pipe(q);
	fcntl(q[1], F_SETFL, O_NONBLOCK);
	char buf[4096] = { 0 };
	while (write(q[1], buf, sizeof buf) > 0)
		;
	fcntl(q[1], F_SETFL, 0);
	pid = fork();
	if (pid == 0) {
		msleep(50);
		for (int i = 0; i < 4; i++)
			read(q[0], buf, sizeof buf);
		_exit(0);
	}
	struct pollfd wp = { q[1], POLLOUT, 0 };
	r = poll(&wp, 1, -1);
	printf("poll for POLLOUT on a full pipe woken by a reader: %d %s\n", r,
	       events(wp.revents));
	long n = write(q[1], buf, sizeof buf);
	printf("then a blocking write: %ld\n", n);
	waitpid(pid, NULL, 0);
	/* Blocked in write() itself this time. */
	fcntl(q[1], F_SETFL, O_NONBLOCK);
	while (write(q[1], buf, sizeof buf) > 0)
		;
	fcntl(q[1], F_SETFL, 0);
	pid = fork();
	if (pid == 0) {
		msleep(50);
		read(q[0], buf, sizeof buf);
		_exit(0);
	}
	n = write(q[1], buf, sizeof buf);
	printf("write blocked on a full pipe, woken by a reader: %ld\n", n);
	waitpid(pid, NULL, 0);
	close(q[0]);
	close(q[1]);
	close(p[0]);
	close(p[1]);
	close(sv[0]);
	close(sv[1]);
	close(efd);
}

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	pipes();
	eventfds();
	dev_null();
	socketpairs();
	nval_and_errors();
	select_sets();
	timeouts();
	eintr();
	sigmasks();
	cross_process();
	if (failed)
		printf("poll: %d check(s) FAILED\n", failed);
	else
		printf("poll: all checks passed\n");
	return failed ? 1 : 0;
}
