/* signalfd: signals read as records.  signalfd4's errors (EINVAL for
 * flags, a wrong mask size and a descriptor that is not a signalfd,
 * EBADF, EFAULT); read (EINVAL below 128 bytes, EAGAIN when empty and
 * non-blocking, the signalfd_siginfo of kill, sigqueue and a child's
 * SIGCHLD, two records in one read); poll and epoll readiness; a new
 * mask on an existing signalfd; a blocking read woken by another
 * process; a thread-directed signal read only by its thread; the
 * descriptor across fork reads the child's own signals.  Prints no
 * ids. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/signalfd.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"
#include "thread_util.h"

static sigset_t set_of(int a, int b)
{
	sigset_t s;
	sigemptyset(&s);
	if (a)
		sigaddset(&s, a);
	if (b)
		sigaddset(&s, b);
	return s;
}

static long sfd4(int fd, const void *mask, size_t size, int flags)
{
	return syscall(SYS_signalfd4, fd, mask, size, flags);
}

static void errors(void)
{
	sigset_t s = set_of(SIGUSR1, 0);
	int p[2];

	errno = 0;
	report(sfd4(-1, &s, 8, 0x10) == -1 && errno == EINVAL, "unknown flags: EINVAL");
	errno = 0;
	report(sfd4(-1, &s, 4, 0) == -1 && errno == EINVAL, "a mask of 4 bytes: EINVAL");
	errno = 0;
	report(sfd4(-1, (void *)8, 8, 0) == -1 && errno == EFAULT, "an unreadable mask: EFAULT");
	errno = 0;
	report(sfd4(999, &s, 8, 0) == -1 && errno == EBADF, "a closed descriptor: EBADF");
	pipe(p);
	errno = 0;
	report(sfd4(p[0], &s, 8, 0) == -1 && errno == EINVAL, "a pipe is not a signalfd: EINVAL");
	close(p[0]);
	close(p[1]);
}

static void reading(void)
{
	sigset_t s = set_of(SIGUSR1, SIGUSR2);
	struct signalfd_siginfo si[2];

	sigprocmask(SIG_BLOCK, &s, NULL);
	int fd = signalfd(-1, &s, SFD_NONBLOCK | SFD_CLOEXEC);
	report(fd >= 0 && (fcntl(fd, F_GETFD) & FD_CLOEXEC) &&
	       (fcntl(fd, F_GETFL) & O_NONBLOCK), "SFD_NONBLOCK and SFD_CLOEXEC");
	errno = 0;
	report(read(fd, si, sizeof si[0]) == -1 && errno == EAGAIN,
	       "nothing pending, non-blocking: EAGAIN");
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	report(poll(&pfd, 1, 0) == 0, "poll: not readable");

	kill(getpid(), SIGUSR1);
	report(poll(&pfd, 1, 0) == 1 && pfd.revents == POLLIN, "poll: POLLIN once one is pending");
	errno = 0;
	report(read(fd, si, 100) == -1 && errno == EINVAL, "a read of 100 bytes: EINVAL");
	memset(si, 0, sizeof si);
	report(read(fd, si, sizeof si) == (ssize_t)sizeof si[0] &&
	       si[0].ssi_signo == SIGUSR1 && si[0].ssi_code == SI_USER &&
	       si[0].ssi_pid == (uint32_t)getpid() && si[0].ssi_uid == getuid(),
	       "kill: signo, SI_USER, our pid and uid");
	sigset_t pend;
	sigpending(&pend);
	report(!sigismember(&pend, SIGUSR1), "read took it off the pending set");

	union sigval v = { .sival_int = 77 };
	sigqueue(getpid(), SIGUSR2, v);
	kill(getpid(), SIGUSR1);
	memset(si, 0, sizeof si);
	report(read(fd, si, sizeof si) == (ssize_t)sizeof si &&
	       si[0].ssi_signo == SIGUSR1 && si[1].ssi_signo == SIGUSR2 &&
	       si[1].ssi_code == SI_QUEUE && si[1].ssi_int == 77,
	       "two pending: one read returns both, lowest first; sigqueue's value");

	/* A new mask for the same descriptor. */
	sigset_t only2 = set_of(SIGUSR2, 0);
	report(signalfd(fd, &only2, 0) == fd, "signalfd(fd, new mask) returns fd");
	kill(getpid(), SIGUSR1);
	errno = 0;
	report(read(fd, si, sizeof si[0]) == -1 && errno == EAGAIN,
	       "SIGUSR1 is no longer in its set");
	sigset_t one = set_of(SIGUSR1, 0);
	signalfd(fd, &one, 0);
	report(read(fd, si, sizeof si[0]) == sizeof si[0] && si[0].ssi_signo == SIGUSR1,
	       "back in the set, it is read");

	/* SIGCHLD. */
	sigset_t chld = set_of(SIGCHLD, 0);
	sigprocmask(SIG_BLOCK, &chld, NULL);
	int cfd = signalfd(-1, &chld, 0);
	pid_t c = fork();
	if (c == 0)
		_exit(5);
	memset(si, 0, sizeof si);
	ssize_t n = read(cfd, si, sizeof si[0]);
	waitpid(c, NULL, 0);
	report(n == sizeof si[0] && si[0].ssi_signo == SIGCHLD &&
	       si[0].ssi_code == CLD_EXITED && si[0].ssi_pid == (uint32_t)c &&
	       si[0].ssi_status == 5, "SIGCHLD: CLD_EXITED, the child's pid and status");
	close(cfd);
	close(fd);
}

static void epoll_and_blocking(void)
{
	sigset_t s = set_of(SIGUSR1, 0);
	struct signalfd_siginfo si;
	struct epoll_event ev = { .events = EPOLLIN, .data.u32 = 42 }, got;

	sigprocmask(SIG_BLOCK, &s, NULL);
	int fd = signalfd(-1, &s, 0);
	int ep = epoll_create1(0);
	report(epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev) == 0, "a signalfd in an epoll");
	report(epoll_wait(ep, &got, 1, 0) == 0, "epoll_wait: nothing yet");
	pid_t c = fork();
	if (c == 0) {
		usleep(50000);
		kill(getppid(), SIGUSR1);
		_exit(0);
	}
	int r = epoll_wait(ep, &got, 1, 5000);
	report(r == 1 && got.events == EPOLLIN && got.data.u32 == 42,
	       "epoll_wait wakes when another process sends it");
	report(read(fd, &si, sizeof si) == sizeof si && si.ssi_signo == SIGUSR1 &&
	       si.ssi_pid == (uint32_t)c, "and read gives the sender's pid");
	waitpid(c, NULL, 0);

	c = fork();
	if (c == 0) {
		usleep(50000);
		kill(getppid(), SIGUSR1);
		_exit(0);
	}
	report(read(fd, &si, sizeof si) == sizeof si && si.ssi_signo == SIGUSR1,
	       "a blocking read sleeps until the signal comes");
	waitpid(c, NULL, 0);

	/* Across fork: the child reads its own signals. */
	c = fork();
	if (c == 0) {
		kill(getpid(), SIGUSR1);
		ssize_t n = read(fd, &si, sizeof si);
		_exit(n == sizeof si && si.ssi_pid == (uint32_t)getpid() ? 0 : 1);
	}
	int st;
	waitpid(c, &st, 0);
	report(WIFEXITED(st) && WEXITSTATUS(st) == 0,
	       "an inherited signalfd reads the child's own signals");
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	report(poll(&pfd, 1, 0) == 0, "the parent has none");
	close(ep);
	close(fd);
}

/* A signal sent to one thread is read only by that thread. */
static volatile int t_tid, t_result = -1;
static int t_fd;

static void *reader(void *arg)
{
	struct signalfd_siginfo si;
	(void)arg;
	t_tid = my_tid();
	struct pollfd pfd = { .fd = t_fd, .events = POLLIN };
	poll(&pfd, 1, 5000);
	t_result = read(t_fd, &si, sizeof si) == sizeof si && si.ssi_signo == SIGUSR2 &&
		   si.ssi_code == SI_TKILL;
	return NULL;
}

static void threads(void)
{
	sigset_t s = set_of(SIGUSR2, 0);
	pthread_t t;

	sigprocmask(SIG_BLOCK, &s, NULL);
	t_fd = signalfd(-1, &s, SFD_NONBLOCK);
	pthread_create(&t, NULL, reader, NULL);
	while (!t_tid)
		usleep(500);
	struct signalfd_siginfo si;
	syscall(SYS_tgkill, getpid(), t_tid, SIGUSR2);
	usleep(20000);
	errno = 0;
	int mine = read(t_fd, &si, sizeof si) == -1 && errno == EAGAIN;
	pthread_join(t, NULL);
	report(mine && t_result == 1,
	       "tgkill to a thread: its read gets it (SI_TKILL), ours does not");
	close(t_fd);
}

int main(void)
{
	errors();
	reading();
	epoll_and_blocking();
	threads();
	printf("signalfd: %s\n", failed ? "FAILED" : "all passed");
	return failed != 0;
}
