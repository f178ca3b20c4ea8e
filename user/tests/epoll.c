/* epoll: the epoll system calls in one process.  Every error case of
 * epoll_create/ctl/wait/pwait/pwait2 (in Linux's order of checks), then
 * the semantics: level-triggered repeats, edge-triggered once per
 * arrival, one-shot until MOD, EPOLLOUT on a full pipe, HUP/ERR, eventfd,
 * close vs dup, fair rotation with maxevents 1, timeouts.  Processes,
 * signals and nesting are in epoll_nest.c. */
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <sys/eventfd.h>
#include "epoll_common.h"

#define KADDR ((void *)0xffff888000000000UL)	/* kernel-only address */
#define EP_MAX_EVENTS (0x7fffffff / 12)

static struct epoll_event big[4];	/* low address: + 2 GiB stays user */

static void create_errors(void)
{
	expect_err("epoll_create(0)", E(syscall(SYS_epoll_create, 0)), EINVAL);
	expect_err("epoll_create(-1)", E(syscall(SYS_epoll_create, -1)), EINVAL);
	long fd = E(syscall(SYS_epoll_create, 1));
	report(fd >= 0, "epoll_create(1): %s", fd >= 0 ? "fd" : "failed");
	close(fd);
	expect_err("epoll_create1(1)", E(epoll_create1(1)), EINVAL);
	expect_err("epoll_create1(O_NONBLOCK)", E(epoll_create1(O_NONBLOCK)), EINVAL);
	fd = epoll_create1(EPOLL_CLOEXEC);
	report(fcntl(fd, F_GETFD) == FD_CLOEXEC, "epoll_create1(EPOLL_CLOEXEC): FD_CLOEXEC set");
	close(fd);
	fd = epoll_create1(0);
	report(fcntl(fd, F_GETFD) == 0, "epoll_create1(0): FD_CLOEXEC clear");
	close(fd);
}

static void ctl_errors(const char *self)
{
	int ep = epoll_create1(0), ep2 = epoll_create1(0), p[2];
	struct epoll_event e = ev(EPOLLIN, 1);
	pipe(p);
	int reg = open(self, O_RDONLY);

	expect_err("ctl ADD, bad epfd", E(epoll_ctl(999, EPOLL_CTL_ADD, p[0], &e)), EBADF);
	expect_err("ctl ADD, bad fd", E(epoll_ctl(ep, EPOLL_CTL_ADD, 999, &e)), EBADF);
	expect_err("ctl ADD, closed fd", E(epoll_ctl(ep, EPOLL_CTL_ADD, -1, &e)), EBADF);
	expect_err("ctl ADD, regular file", E(epoll_ctl(ep, EPOLL_CTL_ADD, reg, &e)), EPERM);
	expect_err("ctl bad op, regular file", E(epoll_ctl(ep, 9, reg, &e)), EPERM);
	expect_err("ctl ADD, epfd not epoll", E(epoll_ctl(p[1], EPOLL_CTL_ADD, p[0], &e)), EINVAL);
	expect_err("ctl ADD, self", E(epoll_ctl(ep, EPOLL_CTL_ADD, ep, &e)), EINVAL);
	expect_err("ctl bad op", E(epoll_ctl(ep, 9, p[0], &e)), EINVAL);
	expect_err("ctl bad op, NULL event", E(epoll_ctl(ep, 9, p[0], NULL)), EFAULT);
	expect_err("ctl ADD, NULL event", E(epoll_ctl(ep, EPOLL_CTL_ADD, p[0], NULL)), EFAULT);
	expect_err("ctl ADD, kernel address", E(epoll_ctl(ep, EPOLL_CTL_ADD, p[0], KADDR)), EFAULT);
	expect_err("ctl ADD, bad epfd and bad event", E(epoll_ctl(999, EPOLL_CTL_ADD, p[0], (void *)1)), EFAULT);
	expect_err("ctl MOD, not added", E(ctl(ep, EPOLL_CTL_MOD, p[0], EPOLLIN, 0)), ENOENT);
	expect_err("ctl DEL, not added", E(epoll_ctl(ep, EPOLL_CTL_DEL, p[0], NULL)), ENOENT);
	expect_ret("ctl ADD", E(epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &e)), 0);
	expect_err("ctl ADD again", E(epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &e)), EEXIST);
	expect_ret("ctl DEL, NULL event", E(epoll_ctl(ep, EPOLL_CTL_DEL, p[0], NULL)), 0);
	expect_err("ctl DEL again", E(epoll_ctl(ep, EPOLL_CTL_DEL, p[0], NULL)), ENOENT);

	expect_err("ADD EXCLUSIVE|ONESHOT", E(ctl(ep, EPOLL_CTL_ADD, p[0], EPOLLIN | EPOLLEXCLUSIVE | EPOLLONESHOT, 0)), EINVAL);
	expect_err("ADD EXCLUSIVE|RDHUP", E(ctl(ep, EPOLL_CTL_ADD, p[0], EPOLLIN | EPOLLEXCLUSIVE | EPOLLRDHUP, 0)), EINVAL);
	expect_err("ADD EXCLUSIVE|PRI", E(ctl(ep, EPOLL_CTL_ADD, p[0], EPOLLIN | EPOLLEXCLUSIVE | EPOLLPRI, 0)), EINVAL);
	expect_err("ADD EXCLUSIVE on an epoll fd", E(ctl(ep, EPOLL_CTL_ADD, ep2, EPOLLIN | EPOLLEXCLUSIVE, 0)), EINVAL);
	expect_err("ADD all bits", E(ctl(ep, EPOLL_CTL_ADD, p[0], 0xffffffff, 0)), EINVAL);
	expect_err("MOD with EXCLUSIVE, not added", E(ctl(ep, EPOLL_CTL_MOD, p[0], EPOLLIN | EPOLLEXCLUSIVE, 0)), EINVAL);
	expect_ret("ADD EXCLUSIVE|ET|WAKEUP|OUT", E(ctl(ep, EPOLL_CTL_ADD, p[0], EPOLLIN | EPOLLOUT | EPOLLEXCLUSIVE | EPOLLET | EPOLLWAKEUP, 0)), 0);
	expect_err("MOD an EXCLUSIVE item", E(ctl(ep, EPOLL_CTL_MOD, p[0], EPOLLIN, 0)), EINVAL);
	expect_ret("DEL an EXCLUSIVE item", E(epoll_ctl(ep, EPOLL_CTL_DEL, p[0], NULL)), 0);
	expect_ret("ADD with an unknown bit", E(ctl(ep, EPOLL_CTL_ADD, p[0], EPOLLIN | 0x80000, 0)), 0);
	close(reg);
	close(p[0]);
	close(p[1]);
	close(ep);
	close(ep2);
}

static void wait_errors(void)
{
	int ep = epoll_create1(0), p[2];
	struct epoll_event out[2];
	sigset_t mask;
	struct timespec ts;
	pipe(p);
	sigemptyset(&mask);

	expect_err("wait maxevents 0", E(epoll_wait(ep, out, 0, 0)), EINVAL);
	expect_err("wait maxevents -1", E(epoll_wait(ep, out, -1, 0)), EINVAL);
	expect_err("wait maxevents EP_MAX_EVENTS+1", E(epoll_wait(ep, big, EP_MAX_EVENTS + 1, 0)), EINVAL);
	expect_ret("wait maxevents EP_MAX_EVENTS", E(epoll_wait(ep, big, EP_MAX_EVENTS, 0)), 0);
	expect_err("wait bad epfd", E(epoll_wait(999, out, 1, 0)), EBADF);
	expect_err("wait bad epfd, maxevents 0", E(epoll_wait(999, out, 0, 0)), EBADF);
	expect_err("wait bad epfd, kernel buffer", E(epoll_wait(999, KADDR, 1, 0)), EBADF);
	expect_err("wait epfd not epoll", E(epoll_wait(p[0], out, 1, 0)), EINVAL);
	expect_err("wait not epoll, kernel buffer", E(epoll_wait(p[0], KADDR, 1, 0)), EFAULT);
	expect_err("wait kernel buffer", E(epoll_wait(ep, KADDR, 1, 0)), EFAULT);
	expect_err("wait kernel buffer, maxevents 0", E(epoll_wait(ep, KADDR, 0, 0)), EINVAL);
	expect_ret("wait NULL buffer, nothing ready", E(epoll_wait(ep, NULL, 1, 0)), 0);
	ctl(ep, EPOLL_CTL_ADD, p[1], EPOLLOUT, 7);
	expect_err("wait NULL buffer, one ready", E(epoll_wait(ep, NULL, 1, 0)), EFAULT);
	expect_ret("wait after EFAULT: still ready", E(epoll_wait(ep, out, 2, 0)), 1);

	expect_err("pwait sigsetsize 4", E(sys_epoll_pwait(ep, out, 1, 0, &mask, 4)), EINVAL);
	expect_ret("pwait sigsetsize 4, NULL mask", E(sys_epoll_pwait(ep, out, 1, 0, NULL, 4)), 1);
	expect_err("pwait sigsetsize 4, bad epfd", E(sys_epoll_pwait(999, out, 1, 0, &mask, 4)), EINVAL);
	expect_err("pwait bad mask pointer", E(sys_epoll_pwait(ep, out, 1, 0, (void *)1, 8)), EFAULT);
	ts.tv_sec = 0; ts.tv_nsec = -1;
	expect_err("pwait2 tv_nsec -1", E(sys_epoll_pwait2(ep, out, 1, &ts, NULL, 8)), EINVAL);
	ts.tv_nsec = 1000000000;
	expect_err("pwait2 tv_nsec 1e9", E(sys_epoll_pwait2(ep, out, 1, &ts, NULL, 8)), EINVAL);
	ts.tv_sec = -1; ts.tv_nsec = 0;
	expect_err("pwait2 tv_sec -1", E(sys_epoll_pwait2(ep, out, 1, &ts, NULL, 8)), EINVAL);
	expect_err("pwait2 bad timespec, bad epfd", E(sys_epoll_pwait2(999, out, 1, &ts, NULL, 8)), EINVAL);
	expect_err("pwait2 timespec pointer bad", E(sys_epoll_pwait2(ep, out, 1, (void *)1, NULL, 8)), EFAULT);
	expect_ret("pwait2 NULL timeout, one ready", E(sys_epoll_pwait2(ep, out, 1, NULL, NULL, 8)), 1);
	close(p[0]);
	close(p[1]);
	close(ep);
}

/* epoll_wait with a zero timeout; returns the count, events in out. */
static int poll0(int ep, struct epoll_event *out, int max)
{
	return epoll_wait(ep, out, max, 0);
}

static void level_edge_oneshot(void)
{
	int ep = epoll_create1(0), p[2];
	struct epoll_event out[4];
	char buf[16];
	pipe(p);

	ctl(ep, EPOLL_CTL_ADD, p[0], EPOLLIN, 0x123456789abcdef0ULL);
	report(poll0(ep, out, 4) == 0, "LT: empty pipe, no event");
	write(p[1], "ab", 2);
	int n1 = poll0(ep, out, 4);
	report(n1 == 1 && out[0].events == EPOLLIN && out[0].data.u64 == 0x123456789abcdef0ULL,
	       "LT: EPOLLIN with the 64-bit cookie: n=%d events=%#x", n1, n1 > 0 ? out[0].events : 0);
	int n2 = poll0(ep, out, 4), n3 = poll0(ep, out, 4);
	report(n2 == 1 && n3 == 1, "LT: reported again while unread: %d %d", n2, n3);
	read(p[0], buf, 1);
	report(poll0(ep, out, 4) == 1, "LT: still reported with 1 byte left");
	read(p[0], buf, 1);
	report(poll0(ep, out, 4) == 0, "LT: drained, no event");

	ctl(ep, EPOLL_CTL_MOD, p[0], EPOLLIN | EPOLLET, 2);
	write(p[1], "cd", 2);
	n1 = poll0(ep, out, 4);
	n2 = poll0(ep, out, 4);
	report(n1 == 1 && out[0].data.u64 == 2 && n2 == 0, "ET: one report per arrival: %d then %d", n1, n2);
	read(p[0], buf, 1);
	report(poll0(ep, out, 4) == 0, "ET: partial read makes no new event");
	write(p[1], "e", 1);
	n1 = poll0(ep, out, 4);
	n2 = poll0(ep, out, 4);
	report(n1 == 1 && n2 == 0, "ET: a new arrival reports once more: %d then %d", n1, n2);
	read(p[0], buf, sizeof(buf));

	ctl(ep, EPOLL_CTL_MOD, p[0], EPOLLIN | EPOLLONESHOT, 3);
	write(p[1], "f", 1);
	n1 = poll0(ep, out, 4);
	n2 = poll0(ep, out, 4);
	report(n1 == 1 && n2 == 0, "ONESHOT: reported once, data still unread: %d then %d", n1, n2);
	write(p[1], "g", 1);
	report(poll0(ep, out, 4) == 0, "ONESHOT: disarmed, new data ignored");
	ctl(ep, EPOLL_CTL_MOD, p[0], EPOLLIN | EPOLLONESHOT, 4);
	n1 = poll0(ep, out, 4);
	report(n1 == 1 && out[0].data.u64 == 4, "ONESHOT: MOD re-arms and reports data already there: n=%d", n1);
	report(poll0(ep, out, 4) == 0, "ONESHOT: disarmed again");
	expect_err("ONESHOT: disarmed item still registered (ADD)", E(ctl(ep, EPOLL_CTL_ADD, p[0], EPOLLIN, 0)), EEXIST);
	read(p[0], buf, sizeof(buf));

	ctl(ep, EPOLL_CTL_MOD, p[0], EPOLLOUT, 5);
	write(p[1], "h", 1);
	report(poll0(ep, out, 4) == 0, "MOD to EPOLLOUT on a read end: no event");
	close(p[0]);
	close(p[1]);
	close(ep);
}

static void pipe_out_hup_err(void)
{
	int ep = epoll_create1(0), p[2];
	struct epoll_event out[4];
	static char buf[65536];
	pipe2(p, O_NONBLOCK);

	ctl(ep, EPOLL_CTL_ADD, p[1], EPOLLOUT, 1);
	int n = poll0(ep, out, 4);
	report(n == 1 && out[0].events == EPOLLOUT, "empty pipe: write end EPOLLOUT: n=%d", n);
	while (write(p[1], buf, sizeof(buf)) > 0)
		;
	report(errno == EAGAIN, "pipe filled until EAGAIN");
	report(poll0(ep, out, 4) == 0, "full pipe: no EPOLLOUT");
	ctl(ep, EPOLL_CTL_MOD, p[1], EPOLLOUT | EPOLLET, 2);
	report(poll0(ep, out, 4) == 0, "full pipe, ET: no EPOLLOUT");
	while (read(p[0], buf, sizeof(buf)) > 0)
		;
	n = poll0(ep, out, 4);
	report(n == 1 && out[0].events == EPOLLOUT && out[0].data.u64 == 2,
	       "drained pipe: EPOLLOUT edge: n=%d", n);

	ctl(ep, EPOLL_CTL_ADD, p[0], EPOLLIN, 3);
	close(p[1]);
	n = poll0(ep, out, 4);
	report(n == 1 && out[0].data.u64 == 3 && out[0].events == EPOLLHUP,
	       "writer closed, empty pipe: read end EPOLLHUP only (not asked for): %#x",
	       n == 1 ? out[0].events : 0);
	close(p[0]);
	report(poll0(ep, out, 4) == 0, "read end closed: its item is gone");

	pipe(p);
	ctl(ep, EPOLL_CTL_ADD, p[0], EPOLLIN, 4);
	write(p[1], "x", 1);
	close(p[1]);
	n = poll0(ep, out, 4);
	report(n == 1 && out[0].events == (EPOLLIN | EPOLLHUP),
	       "writer closed with data left: EPOLLIN|EPOLLHUP: %#x", n == 1 ? out[0].events : 0);
	close(p[0]);

	pipe(p);
	ctl(ep, EPOLL_CTL_ADD, p[1], EPOLLOUT, 5);
	close(p[0]);
	n = poll0(ep, out, 4);
	report(n == 1 && out[0].events == (EPOLLOUT | EPOLLERR),
	       "reader closed: write end EPOLLOUT|EPOLLERR: %#x", n == 1 ? out[0].events : 0);
	ctl(ep, EPOLL_CTL_MOD, p[1], EPOLLIN, 6);
	n = poll0(ep, out, 4);
	report(n == 1 && out[0].events == EPOLLERR,
	       "reader closed, interest EPOLLIN only: EPOLLERR still: %#x", n == 1 ? out[0].events : 0);
	close(p[1]);
	close(ep);
}

static void eventfd_edges(void)
{
	int ep = epoll_create1(0), efd = eventfd(0, EFD_NONBLOCK);
	struct epoll_event out[4];
	uint64_t v = 1;

	ctl(ep, EPOLL_CTL_ADD, efd, EPOLLIN | EPOLLOUT, 1);
	int n = poll0(ep, out, 4);
	report(n == 1 && out[0].events == EPOLLOUT, "eventfd 0: EPOLLOUT only: %#x", n == 1 ? out[0].events : 0);
	write(efd, &v, 8);
	n = poll0(ep, out, 4);
	report(n == 1 && out[0].events == (EPOLLIN | EPOLLOUT), "eventfd 1: EPOLLIN|EPOLLOUT: %#x", n == 1 ? out[0].events : 0);
	ctl(ep, EPOLL_CTL_MOD, efd, EPOLLIN | EPOLLET, 2);
	int n1 = poll0(ep, out, 4), n2 = poll0(ep, out, 4);
	report(n1 == 1 && n2 == 0, "eventfd ET after MOD: ready now, then quiet: %d %d", n1, n2);
	write(efd, &v, 8);
	n1 = poll0(ep, out, 4);
	n2 = poll0(ep, out, 4);
	report(n1 == 1 && n2 == 0, "eventfd ET: each write is a new edge: %d %d", n1, n2);
	read(efd, &v, 8);
	report(v == 2, "eventfd read: counter %llu", (unsigned long long)v);
	report(poll0(ep, out, 4) == 0, "eventfd read to 0: no event");
	v = 0;
	write(efd, &v, 8);
	report(poll0(ep, out, 4) == 0, "eventfd write of 0: no wake-up, no event");
	close(efd);
	close(ep);
}

/* Items belong to (file, fd) pairs and go away with the file, not the
 * descriptor. */
static void close_vs_dup(void)
{
	int ep = epoll_create1(0), p[2];
	struct epoll_event out[4];
	char c;
	pipe(p);

	ctl(ep, EPOLL_CTL_ADD, p[0], EPOLLIN, 10);
	int d = dup(p[0]);
	expect_ret("dup'ed fd of the same file: ADD", E(ctl(ep, EPOLL_CTL_ADD, d, EPOLLIN, 11)), 0);
	write(p[1], "x", 1);
	int n = poll0(ep, out, 4);
	report(n == 2, "one file through two fds: two events: %d", n);
	close(p[0]);
	n = poll0(ep, out, 4);
	report(n == 2 && (out[0].data.u64 == 10 || out[1].data.u64 == 10),
	       "closed fd, file open through the dup: still reported: %d", n);
	expect_err("DEL the closed fd", E(epoll_ctl(ep, EPOLL_CTL_DEL, p[0], NULL)), EBADF);
	read(d, &c, 1);
	close(d);
	write(p[1], "y", 1);
	report(poll0(ep, out, 4) == 0, "last reference closed: both items gone");
	int q[2];
	pipe(q);	/* reuses the numbers */
	expect_err("new file on the old fd number: DEL", E(epoll_ctl(ep, EPOLL_CTL_DEL, q[0], NULL)), ENOENT);
	expect_ret("new file on the old fd number: ADD", E(ctl(ep, EPOLL_CTL_ADD, q[0], EPOLLIN, 12)), 0);
	close(q[0]);
	close(q[1]);
	close(p[1]);
	close(ep);
}

/* Three level-triggered ready items, one event per call: each gets a turn. */
static void fair_rotation(void)
{
	int ep = epoll_create1(0), efd[3];
	struct epoll_event out[1];
	uint64_t v = 1;
	char seq[16] = "";

	for (int i = 0; i < 3; i++) {
		efd[i] = eventfd(1, 0);
		ctl(ep, EPOLL_CTL_ADD, efd[i], EPOLLIN, 'a' + i);
	}
	for (int i = 0; i < 9; i++)
		seq[i] = epoll_wait(ep, out, 1, 0) == 1 ? (char)out[0].data.u64 : '-';
	report(!strcmp(seq, "abcabcabc"), "maxevents 1 rotates: %s", seq);
	read(efd[1], &v, 8);
	for (int i = 0; i < 4; i++)
		seq[i] = epoll_wait(ep, out, 1, 0) == 1 ? (char)out[0].data.u64 : '-';
	seq[4] = 0;
	report(!strcmp(seq, "acac"), "drained b drops out: %s", seq);
	for (int i = 0; i < 3; i++)
		close(efd[i]);
	close(ep);
}

static void timeouts(void)
{
	int ep = epoll_create1(0), p[2];
	struct epoll_event out[1];
	pipe(p);
	ctl(ep, EPOLL_CTL_ADD, p[0], EPOLLIN, 1);

	long long t0 = now_ns();
	long r = epoll_wait(ep, out, 1, 0);
	report(r == 0, "timeout 0, nothing ready: returns 0");
	t0 = now_ns();
	r = epoll_wait(ep, out, 1, 50);
	long long dt = now_ns() - t0;
	report(r == 0 && dt >= 50000000LL, "timeout 50 ms: 0 after >= 50 ms: %s", r == 0 && dt >= 50000000LL ? "yes" : "no");
	struct timespec ts = { 0, 30000000 };
	t0 = now_ns();
	r = sys_epoll_pwait2(ep, out, 1, &ts, NULL, 8);
	dt = now_ns() - t0;
	report(r == 0 && dt >= 30000000LL, "pwait2 30 ms: 0 after >= 30 ms: %s", r == 0 && dt >= 30000000LL ? "yes" : "no");
	ts.tv_nsec = 0;
	report(sys_epoll_pwait2(ep, out, 1, &ts, NULL, 8) == 0, "pwait2 {0, 0}: returns at once");
	write(p[1], "x", 1);
	t0 = now_ns();
	r = epoll_wait(ep, out, 1, -1);
	report(r == 1, "timeout -1 with an event ready: returns it");
	close(p[0]);
	close(p[1]);
	close(ep);
}

int main(int argc, char **argv)
{
	(void)argc;
	signal(SIGPIPE, SIG_IGN);	/* writes to pipes with no reader */
	create_errors();
	ctl_errors(argv[0]);
	wait_errors();
	level_edge_oneshot();
	pipe_out_hup_err();
	eventfd_edges();
	close_vs_dup();
	fair_rotation();
	timeouts();
	printf("%s: %d failed\n", failed ? "FAIL" : "PASS", failed);
	return failed != 0;
}
