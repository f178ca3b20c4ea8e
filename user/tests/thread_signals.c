/* thread_signals: signals in a multi-threaded process.  tgkill/tkill to
 * one thread and their errors; per-thread masks (a process-directed
 * signal goes to a thread that does not block it; one that every thread
 * blocks waits in the shared set until a thread unblocks it); a
 * thread-directed signal stays that thread's (sigpending, SigPnd vs
 * ShdPnd in task/<tid>/status); sigprocmask is per thread;
 * rt_sigtimedwait (a signal from another process with its siginfo,
 * EAGAIN for zero and short timeouts, EINVAL, EINTR from another
 * signal); real-time signals queue, standard ones do not.  Prints no
 * ids. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "check.h"
#include "thread_util.h"

static volatile int handler_tid, handled;

static void on_sig(int sig)
{
	(void)sig;
	handler_tid = my_tid();
	handled++;
}

static void install(int sig)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_sig;
	sigaction(sig, &sa, NULL);
}

static void block(int sig, int how)
{
	sigset_t s;
	sigemptyset(&s);
	sigaddset(&s, sig);
	pthread_sigmask(how, &s, NULL);
}

/* A helper thread that does what it is told, one step at a time. */
static volatile int step, done_step, helper_tid;
static sigset_t helper_pending;

enum { H_NONE, H_BLOCK_USR2, H_UNBLOCK_USR2, H_PENDING, H_UNBLOCK_USR1, H_EXIT };

static void *helper(void *arg)
{
	(void)arg;
	helper_tid = my_tid();
	for (;;) {
		while (step == done_step)
			usleep(500);
		int s = step;
		switch (s) {
		case H_BLOCK_USR2: block(SIGUSR2, SIG_BLOCK); break;
		case H_UNBLOCK_USR2: block(SIGUSR2, SIG_UNBLOCK); break;
		case H_UNBLOCK_USR1: block(SIGUSR1, SIG_UNBLOCK); break;
		case H_PENDING: sigpending(&helper_pending); break;
		case H_EXIT: done_step = s; return NULL;
		}
		done_step = s;
	}
}

static void tell(int s)
{
	step = s;
	while (done_step != s)
		usleep(500);
	done_step = s;
}

/* Wait up to 5 s for the handler count to reach n. */
static int wait_handled(int n)
{
	for (int i = 0; i < 5000 && handled < n; i++)
		usleep(1000);
	return handled >= n;
}

static int status_has(int tid, const char *line)
{
	char path[64], buf[4096];
	snprintf(path, sizeof path, "/proc/self/task/%d/status", tid);
	int fd = open(path, O_RDONLY);
	ssize_t n = fd >= 0 ? read(fd, buf, sizeof buf - 1) : -1;
	if (fd >= 0)
		close(fd);
	if (n <= 0)
		return 0;
	buf[n] = 0;
	return strstr(buf, line) != NULL;
}

static void directed(void)
{
	pid_t me = getpid();

	install(SIGUSR1);
	install(SIGUSR2);
	report(syscall(SYS_tgkill, me, helper_tid, 0) == 0, "tgkill with signal 0: 0");
	errno = 0;
	report(syscall(SYS_tgkill, me + 1000000, helper_tid, SIGUSR1) == -1 && errno == ESRCH,
	       "tgkill with another tgid: ESRCH");
	errno = 0;
	report(syscall(SYS_tgkill, 0, helper_tid, SIGUSR1) == -1 && errno == EINVAL,
	       "tgkill with tgid 0: EINVAL");
	errno = 0;
	report(syscall(SYS_tgkill, me, helper_tid, 65) == -1 && errno == EINVAL,
	       "tgkill with signal 65: EINVAL");
	errno = 0;
	report(syscall(SYS_tkill, -1, SIGUSR1) == -1 && errno == EINVAL,
	       "tkill of tid -1: EINVAL");

	handled = 0;
	syscall(SYS_tgkill, me, helper_tid, SIGUSR1);
	report(wait_handled(1) && handler_tid == helper_tid,
	       "tgkill: the handler runs in the thread named");
	syscall(SYS_tkill, helper_tid, SIGUSR1);
	report(wait_handled(2) && handler_tid == helper_tid,
	       "tkill: the same");

	/* Blocked by its target, a thread-directed signal waits for it. */
	tell(H_BLOCK_USR2);
	handled = 0;
	syscall(SYS_tgkill, me, helper_tid, SIGUSR2);
	usleep(20000);
	sigset_t mine;
	sigpending(&mine);
	tell(H_PENDING);
	report(handled == 0 && sigismember(&helper_pending, SIGUSR2) &&
	       !sigismember(&mine, SIGUSR2),
	       "blocked by its target, it is pending for that thread alone");
	char want[64];
	snprintf(want, sizeof want, "\nSigPnd:\t%016llx\n", 1ULL << (SIGUSR2 - 1));
	report(status_has(helper_tid, want) && status_has(helper_tid, "\nShdPnd:\t0000000000000000\n"),
	       "task/<tid>/status shows it in SigPnd, not ShdPnd");
	tell(H_UNBLOCK_USR2);
	report(wait_handled(1) && handler_tid == helper_tid,
	       "unblocked, it is delivered to that thread");
}

static void process_directed(void)
{
	pid_t me = getpid();

	/* We block SIGUSR1, the helper does not: kill finds the helper. */
	block(SIGUSR1, SIG_BLOCK);
	handled = 0;
	kill(me, SIGUSR1);
	report(wait_handled(1) && handler_tid == helper_tid,
	       "kill(getpid()) goes to the thread that does not block it");

	/* Everyone blocks it: it waits in the shared set, seen by both. */
	tell(H_BLOCK_USR2);
	block(SIGUSR2, SIG_BLOCK);
	handled = 0;
	kill(me, SIGUSR2);
	usleep(20000);
	sigset_t mine;
	sigpending(&mine);
	tell(H_PENDING);
	report(handled == 0 && sigismember(&mine, SIGUSR2) &&
	       sigismember(&helper_pending, SIGUSR2),
	       "blocked by every thread, it is pending for the process (both see it)");
	char want[64];
	snprintf(want, sizeof want, "\nShdPnd:\t%016llx\n", 1ULL << (SIGUSR2 - 1));
	report(status_has(my_tid(), want), "status shows it in ShdPnd");
	tell(H_UNBLOCK_USR2);
	report(wait_handled(1) && handler_tid == helper_tid,
	       "the first thread to unblock it takes it");
	sigpending(&mine);
	report(!sigismember(&mine, SIGUSR2), "taken once: no longer pending");
	block(SIGUSR2, SIG_UNBLOCK);
	sigset_t cur;
	pthread_sigmask(SIG_BLOCK, NULL, &cur);
	report(sigismember(&cur, SIGUSR1) && !sigismember(&cur, SIGUSR2),
	       "each thread's mask is its own");
	block(SIGUSR1, SIG_UNBLOCK);
}

/* --- rt_sigtimedwait --- */

static volatile int waiter_sig, waiter_errno, waiter_pid_ok;

static void *timedwaiter(void *arg)
{
	sigset_t *set = arg;
	siginfo_t si;
	struct timespec ts = { 10, 0 };
	int r = sigtimedwait(set, &si, &ts);
	waiter_sig = r;
	waiter_errno = r < 0 ? errno : 0;
	waiter_pid_ok = r > 0 && si.si_pid == getppid() && si.si_code == SI_USER;
	return NULL;
}

static void sigtimedwait_tests(void)
{
	sigset_t set;
	siginfo_t si;
	struct timespec zero = { 0, 0 }, short_ = { 0, 30 * 1000 * 1000 }, bad = { 0, -1 };

	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	errno = 0;
	report(sigtimedwait(&set, &si, &zero) == -1 && errno == EAGAIN,
	       "sigtimedwait with a zero timeout and nothing pending: EAGAIN");
	long t0 = mono_ms();
	errno = 0;
	report(sigtimedwait(&set, &si, &short_) == -1 && errno == EAGAIN &&
	       mono_ms() - t0 >= 30, "with 30 ms: EAGAIN, not early");
	errno = 0;
	report(sigtimedwait(&set, &si, &bad) == -1 && errno == EINVAL,
	       "a negative tv_nsec: EINVAL");
	raise(SIGUSR1);
	memset(&si, 0, sizeof si);
	report(sigtimedwait(&set, &si, &zero) == SIGUSR1 && si.si_signo == SIGUSR1 &&
	       si.si_code == SI_TKILL, "a pending one is taken at once, with its siginfo (raise: SI_TKILL)");

	/* In a child: a thread waits, the parent sends. */
	pid_t c = fork();
	if (c == 0) {
		pthread_t t;
		static sigset_t s;
		sigemptyset(&s);
		sigaddset(&s, SIGUSR1);
		pthread_sigmask(SIG_BLOCK, &s, NULL);
		pthread_create(&t, NULL, timedwaiter, &s);
		pthread_join(t, NULL);
		_exit(waiter_sig == SIGUSR1 && waiter_pid_ok ? 0 : 1);
	}
	usleep(50000);
	kill(c, SIGUSR1);
	int st;
	waitpid(c, &st, 0);
	report(WIFEXITED(st) && WEXITSTATUS(st) == 0,
	       "a thread in sigtimedwait takes the process's signal, si_pid the sender");

	/* Another signal, with a handler, ends the wait: EINTR. */
	install(SIGUSR2);
	handled = 0;
	c = fork();
	if (c == 0) {
		struct timespec ten = { 10, 0 };
		errno = 0;
		/* The system call itself: musl's sigtimedwait retries EINTR. */
		int r = syscall(SYS_rt_sigtimedwait, &set, &si, &ten, 8);
		_exit(r == -1 && errno == EINTR && handled == 1 ? 0 : 1);
	}
	usleep(50000);
	kill(c, SIGUSR2);
	waitpid(c, &st, 0);
	report(WIFEXITED(st) && WEXITSTATUS(st) == 0,
	       "a signal outside the set, handled, ends it with EINTR");

	/* Real-time signals queue every instance; standard ones one. */
	union sigval v;
	sigaddset(&set, SIGRTMIN);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	for (int i = 0; i < 3; i++) {
		v.sival_int = 10 + i;
		sigqueue(getpid(), SIGRTMIN, v);
		kill(getpid(), SIGUSR1);
	}
	int rt = 0, usr1 = 0, order_ok = 1;
	for (;;) {
		int r = sigtimedwait(&set, &si, &zero);
		if (r < 0)
			break;
		if (r == SIGRTMIN) {
			order_ok &= si.si_value.sival_int == 10 + rt && si.si_code == SI_QUEUE;
			rt++;
		} else if (r == SIGUSR1) {
			usr1++;
		}
	}
	report(rt == 3 && order_ok, "three sigqueue'd SIGRTMIN: three instances, in order, with values");
	report(usr1 == 1, "three SIGUSR1: one pending instance");
	pthread_sigmask(SIG_UNBLOCK, &set, NULL);
}

int main(void)
{
	pthread_t t;

	pthread_create(&t, NULL, helper, NULL);
	while (!helper_tid)
		usleep(500);
	directed();
	process_directed();
	tell(H_EXIT);
	pthread_join(t, NULL);
	sigtimedwait_tests();
	printf("thread_signals: %s\n", failed ? "FAILED" : "all passed");
	return failed != 0;
}
